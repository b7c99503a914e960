/// Terminal display width, measured per grapheme cluster (a `Character`), never per byte or
/// per scalar: `é` written as e + combining accent is one column, a CJK ideograph or an emoji
/// is two, a zero-width joiner sequence is one emoji (two columns).
public enum DisplayWidth {
    /// Columns a character takes: 0 (controls and lone combining marks), 1 or 2.
    public static func of(_ c: Character) -> Int {
        if c.isASCII {
            guard let v = c.asciiValue else { return 1 } // "\r\n"
            return v < 0x20 || v == 0x7F ? 0 : 1
        }
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Emoji presentation: an emoji that shows as a picture, or any scalar with VS16 (U+FE0F).
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(first.value) { return 2 }
        switch first.properties.generalCategory {
        case .control, .format, .nonspacingMark, .enclosingMark, .lineSeparator, .paragraphSeparator:
            return scalars.count > 1 ? 1 : 0
        default:
            return 1
        }
    }

    /// Columns a string takes.
    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
             0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
             0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
             0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `s` that fits in `columns`, with `…` when it was cut.
    public static func truncate(_ s: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(s) <= columns { return s }
        var out = ""
        var w = 0
        for c in s {
            let cw = of(c)
            if w + cw > columns - 1 { break }
            out.append(c)
            w += cw
        }
        return out + "…"
    }
}

/// Word wrapping by display columns.
public enum WordWrap {
    /// Breaks a paragraph into lines of at most `width` columns, at spaces; a word longer than a
    /// line is split by grapheme. Never returns an empty array (an empty paragraph is one empty line).
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = DisplayWidth.of(word)
            var word = Substring(word)
            if lineWidth > 0, lineWidth + 1 + w <= width {
                line += " "
                line += word
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            // Split words wider than the line, in one pass over their characters (a 2 MB line
            // without a space must wrap in linear time).
            if w > width {
                var part = ""
                var pw = 0
                for c in word {
                    let cw = DisplayWidth.of(c)
                    if pw + cw > width, pw > 0 {
                        lines.append(part)
                        part = ""
                        pw = 0
                    }
                    part.append(c)
                    pw += cw
                }
                word = Substring(part)
                w = pw
            }
            line = String(word)
            lineWidth = w
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
