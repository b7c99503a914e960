/// Small text predicates shared by the splitter, extractors and merger. They work on UTF-8
/// bytes where that is enough, since they run on every line of every page.
enum TextTools {
    /// `dd.mm.yyyy` at the start of `s`, as a day (nil when absent or not a real date).
    /// Returns the day (or nil if the digits form no real day) and the UTF-8 length consumed (10).
    static func leadingDottedDate(_ s: String) -> (day: Day?, matched: Bool) {
        var u = s.utf8.makeIterator()
        // dd.mm.yyyy: eight digits, no allocation (this runs on every line of every page).
        var digits = (0, 0, 0, 0, 0, 0, 0, 0)
        var d = 0
        for k in 0..<10 {
            guard let c = u.next() else { return (nil, false) }
            if k == 2 || k == 5 {
                guard c == UInt8(ascii: ".") else { return (nil, false) }
            } else {
                guard c >= 0x30, c <= 0x39 else { return (nil, false) }
                let v = Int(c - 0x30)
                switch d {
                case 0: digits.0 = v
                case 1: digits.1 = v
                case 2: digits.2 = v
                case 3: digits.3 = v
                case 4: digits.4 = v
                case 5: digits.5 = v
                case 6: digits.6 = v
                default: digits.7 = v
                }
                d += 1
            }
        }
        // Not part of a longer number (`12.03.20245`), unless a day and a word follow: a date glued
        // to a text that opens with its own date (`14.05.202514 мая 2025 года ...`).
        if let next = u.next(), next >= 0x30, next <= 0x39 {
            var after = u.next()
            if let a = after, a >= 0x30, a <= 0x39 { after = u.next() }
            guard after == 0x20, let letter = u.next(), letter >= 0x41 else { return (nil, false) }
        }
        let day = digits.0 * 10 + digits.1
        let month = digits.2 * 10 + digits.3
        let year = digits.4 * 1000 + digits.5 * 100 + digits.6 * 10 + digits.7
        return (Day(year: year, month: month, day: day), true)
    }

    /// A line ending in ` dd.mm.yyyy`: the text before it and the day.
    static func trailingDottedDate(_ s: String) -> (text: Substring, day: Day?)? {
        let u = s.utf8
        guard u.count >= 12 else { return nil }
        let start = u.index(u.endIndex, offsetBy: -10)
        let before = u.index(before: start)
        guard u[before] == 0x20 else { return nil }
        let tail = String(s[start...])
        let (day, matched) = leadingDottedDate(tail)
        guard matched else { return nil }
        return (s[..<before], day)
    }

    /// The start of a `dd.mm.yyyy` date cut short (`12.03.20`, `12.0`, `1`).
    static func isDateFragment(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.utf8.count < 10 else { return false }
        let pattern = Array("dd.dd.dddd")
        let chars = Array(s)
        guard !chars.isEmpty, chars.count < pattern.count else { return false }
        for (c, p) in zip(chars, pattern) {
            if p == "." ? c != "." : !(c.isASCII && c.isNumber) { return false }
        }
        return true
    }

    static let terminalPunctuation: Set<Character> = [".", "!", "?", "…", ";"]
    static let closers: Set<Character> = ["\"", "'", "”", "’", "»", ")", "]", "“"]

    /// True when the text ends a sentence (ignoring closing quotes and brackets).
    static func endsSentence(_ s: Substring) -> Bool {
        var idx = s.endIndex
        while idx > s.startIndex {
            let prev = s.index(before: idx)
            let c = s[prev]
            if closers.contains(c) || c == " " { idx = prev; continue }
            return terminalPunctuation.contains(c)
        }
        return false
    }

    static func endsSentence(_ s: String) -> Bool { endsSentence(s[...]) }

    /// Ends with `?` or `!` (before closing quotes and brackets).
    static func endsExclaiming(_ s: String) -> Bool {
        var t = Substring(s)
        while let c = t.last, closers.contains(c) || c == " " { t = t.dropLast() }
        return t.last == "?" || t.last == "!"
    }

    /// Ends with `:` or `,`: a line that introduces what follows (a list), no headline.
    static func endsIntroducing(_ s: String) -> Bool {
        guard let last = s.utf8.last else { return false }
        return last == UInt8(ascii: ":") || last == UInt8(ascii: ",")
    }

    /// A short line that does not end a sentence: how headlines look.
    static func isHeadlineLike(_ s: String) -> Bool {
        let n = s.utf8.count
        guard n >= 8, n <= 600, !endsSentence(s) else { return false }
        return n <= 300 || s.unicodeScalars.count <= 300
    }

    /// The first sentence of a paragraph, found on bytes: up to the first `.`, `!` or `?`
    /// followed by a space and a capital (or any non-ASCII letter); the whole text if none.
    static func firstSentenceQuick(_ s: String) -> Substring {
        let u = s.utf8
        var i = u.startIndex
        var count = 0
        while i != u.endIndex, count < 2000 {
            let b = u[i]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                let j = u.index(after: i)
                if j != u.endIndex, u[j] == 0x20 {
                    let k = u.index(after: j)
                    if k != u.endIndex, (u[k] >= 0x41 && u[k] <= 0x5A) || u[k] >= 0xC0 {
                        return s[s.startIndex..<j]
                    }
                }
            }
            i = u.index(after: i)
            count += 1
        }
        return s[...]
    }

    /// The first sentence of a paragraph, found on bytes (for classifying, not for display): up
    /// to the first `.`, `!` or `?` followed by a space and a capital, digit or quote, past
    /// initials (`A. Sidorov`) and the usual abbreviations; at most `limit` bytes.
    static func leadSentence(_ s: String, limit: Int) -> Substring {
        let u = Array(s.utf8.prefix(limit + 2))
        var i = 0
        while i + 2 < u.count {
            let b = u[i]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?"), u[i + 1] == 0x20 {
                let next = u[i + 2]
                let opens = (next >= 0x41 && next <= 0x5A) || (next >= 0x30 && next <= 0x39) || next == 0x22 || next >= 0xC0
                if opens, !(b == UInt8(ascii: ".") && endsAbbreviation(u, dot: i)) {
                    let end = b == UInt8(ascii: ".") ? i : i + 1
                    return Substring(String(decoding: u[0..<end], as: UTF8.self))
                }
            }
            i += 1
        }
        if s.utf8.count <= limit { return s[...] }
        // Cut at the last character boundary within the limit.
        var end = min(limit, u.count)
        while end > 0, u[end] & 0xC0 == 0x80 { end -= 1 }
        return Substring(String(decoding: u[0..<end], as: UTF8.self))
    }

    /// Whether the word before the dot at `dot` is an initial or an abbreviation (ASCII words).
    private static func endsAbbreviation(_ u: [UInt8], dot: Int) -> Bool {
        var j = dot - 1
        while j >= 0, (u[j] >= 0x41 && u[j] <= 0x5A) || (u[j] >= 0x61 && u[j] <= 0x7A) { j -= 1 }
        let word = u[(j + 1)..<dot]
        if word.isEmpty { return false }
        if word.count == 1, word.first! >= 0x41, word.first! <= 0x5A { return true }
        return word.count <= 6 && abbreviations.contains(String(decoding: word.map { $0 | 0x20 }, as: UTF8.self))
    }

    /// The first sentence of a paragraph, cut at a word boundary to at most `limit` characters.
    static func firstSentence(_ s: String, limit: Int = 140) -> String {
        // Only the first `limit` characters matter: a longer sentence is shortened anyway.
        let chars = Array(s.prefix(limit + 2))
        var end = chars.count
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            if c == "." || c == "!" || c == "?" {
                // Sentence end: punctuation, a space, then an upper-case letter, digit or quote.
                if i + 2 < chars.count, chars[i + 1] == " ",
                   chars[i + 2].isUppercase || chars[i + 2].isNumber || "\"“«‘'".contains(chars[i + 2]),
                   !isAbbreviation(chars, endingAt: i) {
                    end = i + (c == "." ? 0 : 1)
                    break
                }
            }
            i += 1
        }
        var sentence = String(chars[0..<end])
        if end == chars.count, chars.count > limit {
            sentence = String(s.prefix(limit + 1))
        }
        if sentence.count > limit {
            sentence = shorten(sentence, limit: limit)
        }
        return sentence
    }

    /// Cuts at the last word boundary before `limit` characters and adds an ellipsis.
    static func shorten(_ s: String, limit: Int) -> String {
        guard s.count > limit else { return s }
        let chars = Array(s)
        var cut = limit - 1
        while cut > limit / 2, chars[cut] != " " { cut -= 1 }
        if chars[cut] != " " { cut = limit - 1 }
        var head = String(chars[0..<cut])
        while let last = head.last, last == " " || last == "," || last == ";" || last == ":" || last == "-" || last == "—" {
            head.removeLast()
        }
        return head + "…"
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "no", "col", "gen", "lt", "maj", "capt", "sgt", "prof", "vs", "etc", "jr",
        "sr", "inc", "ltd", "co", "corp", "dept", "govt", "art", "para", "p", "pp", "vol", "fig", "approx", "tel",
        "г", "гг", "т", "д",
    ]

    private static func isAbbreviation(_ chars: [Character], endingAt dot: Int) -> Bool {
        guard chars[dot] == "." else { return false }
        var j = dot - 1
        var word = ""
        while j >= 0, chars[j].isLetter {
            word.insert(chars[j], at: word.startIndex)
            j -= 1
        }
        if word.count == 1, word.first!.isUppercase { return true } // an initial: "A. Sidorov"
        return abbreviations.contains(word.lowercased())
    }

    /// A 64-bit FNV-1a fingerprint of the text's letters and digits, lower-cased, so that
    /// spacing, punctuation and quote styles do not make two copies of one text differ. Each
    /// scalar is hashed by its bytes (little-endian, without zero padding), so ASCII text hashes
    /// as its bytes. One pass over the UTF-8, with no allocation for ASCII, Cyrillic and punctuation.
    /// The fingerprint of a text with no letter or digit.
    static let emptyFingerprint: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fingerprint(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { fingerprint($0) }
    }

    static func fingerprint(_ s: Substring) -> UInt64 {
        var s = s
        return s.withUTF8 { fingerprint($0) }
    }

    static func fingerprint(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ v: UInt32) {
            var v = v
            repeat {
                h ^= UInt64(v & 0xFF)
                h = h &* 0x100_0000_01b3
                v >>= 8
            } while v > 0
        }
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 {
                var c = b
                if c >= 0x41, c <= 0x5A { c |= 0x20 }
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                    h ^= UInt64(c)
                    h = h &* 0x100_0000_01b3
                }
                i += 1
                continue
            }
            var v: UInt32
            var step: Int
            if b >= 0xF0, i + 3 < n {
                v = (UInt32(b & 0x07) << 18) | (UInt32(u[i + 1] & 0x3F) << 12) | (UInt32(u[i + 2] & 0x3F) << 6) | UInt32(u[i + 3] & 0x3F)
                step = 4
            } else if b >= 0xE0, i + 2 < n {
                v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F)
                step = 3
            } else if b >= 0xC0, i + 1 < n {
                v = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F)
                step = 2
            } else {
                i += 1
                continue
            }
            i += step
            switch v {
            case 0x410...0x42F: mix(v + 0x20)        // Cyrillic capitals
            case 0x400...0x40F: mix(v + 0x50)
            case 0x430...0x45F: mix(v)               // Cyrillic small letters
            case 0xA0...0xA9, 0xAB...0xB1, 0xB4, 0xB6...0xB8, 0xBB, 0xBF, 0x2000...0x206F:
                continue                             // spaces, quotes, dashes, signs
            default:
                guard let scalar = Unicode.Scalar(v) else { continue }
                for m in scalar.properties.lowercaseMapping.unicodeScalars
                where m.properties.isAlphabetic || m.properties.numericType != nil {
                    mix(m.value)
                }
            }
        }
        return h
    }

    /// The same fingerprint as a fixed-width hex string.
    static func hex(_ v: UInt64, digits: Int = 16) -> String {
        let s = String(v, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - s.count)) + s
        return String(padded.prefix(digits))
    }
}

extension StringProtocol {
    /// The text without the characters of `chars` at either end (compared as `Character`s).
    /// Named apart from Foundation's `trimmingCharacters(in: CharacterSet)`.
    public func trimming(_ chars: String) -> String {
        var s = Substring(self)
        while let c = s.first, chars.contains(c) { s = s.dropFirst() }
        while let c = s.last, chars.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
