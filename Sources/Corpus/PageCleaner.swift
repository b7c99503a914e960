/// Turns a page's raw bytes into clean lines: UTF-8 with invalid bytes replaced (and counted),
/// BOM dropped, CRLF/CR/U+2028/U+2029 line ends, every Unicode space turned into one plain space,
/// runs of spaces collapsed, lines trimmed, and control, zero-width and bidi-override characters
/// removed, so nothing from a page can drive a terminal.
public struct CleanPage: Sendable {
    /// Line `i` of the page (1-based line `i + 1`); blank lines are empty strings.
    public var lines: [String]
    /// Bytes that were not valid UTF-8 (each replaced by U+FFFD).
    public var invalidBytes: Int
    /// Control, zero-width and bidi characters dropped.
    public var removedCharacters: Int
    public var hadBOM: Bool
}

public enum PageCleaner {
    /// Cleans a page. Linear in the input; never fails.
    public static func clean(_ bytes: [UInt8]) -> CleanPage {
        bytes.withUnsafeBufferPointer { clean($0) }
    }

    public static func clean(_ input: UnsafeBufferPointer<UInt8>) -> CleanPage {
        var lines: [String] = []
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var needSpace = false
        var invalid = 0
        var removed = 0
        var hadBOM = false
        let n = input.count
        var i = 0
        if n >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            hadBOM = true
            i = 3
        }

        @inline(__always) func endLine() {
            lines.append(out.isEmpty ? "" : String(decoding: out, as: UTF8.self))
            out.removeAll(keepingCapacity: true)
            needSpace = false
        }
        @inline(__always) func space() {
            if !out.isEmpty { needSpace = true }
        }
        @inline(__always) func flushSpace() {
            if needSpace {
                out.append(0x20)
                needSpace = false
            }
        }

        while i < n {
            let b = input[i]
            if b < 0x80 {
                switch b {
                case 0x0A:
                    endLine()
                case 0x0D:
                    endLine()
                    if i + 1 < n, input[i + 1] == 0x0A { i += 1 }
                case 0x09, 0x0B, 0x0C, 0x20:
                    space()
                case 0x00..<0x20, 0x7F:
                    removed += 1
                default:
                    flushSpace()
                    out.append(b)
                }
                i += 1
                continue
            }
            // Multi-byte sequence: validate strictly (no overlongs, no surrogates, <= U+10FFFF).
            var length = 0
            var value: UInt32 = 0
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F)
            case 0xE0: length = 3; value = UInt32(b & 0x0F); lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = UInt32(b & 0x0F)
            case 0xED: length = 3; value = UInt32(b & 0x0F); upperBound = 0x9F
            case 0xF0: length = 4; value = UInt32(b & 0x07); lowerBound = 0x90
            case 0xF1...0xF3: length = 4; value = UInt32(b & 0x07)
            case 0xF4: length = 4; value = UInt32(b & 0x07); upperBound = 0x8F
            default: length = 0
            }
            var valid = length > 0 && i + length <= n
            if valid {
                for k in 1..<length {
                    let c = input[i + k]
                    let lo: UInt8 = k == 1 ? lowerBound : 0x80
                    let hi: UInt8 = k == 1 ? upperBound : 0xBF
                    if c < lo || c > hi { valid = false; break }
                    value = (value << 6) | UInt32(c & 0x3F)
                }
            }
            if !valid {
                invalid += 1
                flushSpace()
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
                continue
            }
            switch value {
            case 0x80...0x9F:
                removed += 1
            case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                space()
            case 0x2028, 0x2029:
                endLine()
            case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x061C,
                 0xFFF9...0xFFFB:
                removed += 1
            default:
                flushSpace()
                for k in 0..<length { out.append(input[i + k]) }
            }
            i += length
        }
        // A last line without a newline still counts; a trailing newline does not add a line.
        if !out.isEmpty || (n > 0 && input[n - 1] != 0x0A && input[n - 1] != 0x0D) {
            endLine()
        }
        return CleanPage(lines: lines, invalidBytes: invalid, removedCharacters: removed, hadBOM: hadBOM)
    }
}
