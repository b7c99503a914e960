/// A word of a text, as the entity matcher sees it.
struct WordToken {
    /// UTF-8 offsets into the scanned text.
    var start: Int
    var end: Int
    /// FNV-1a of the case-folded scalars, and of the scalars as written.
    var folded: UInt64
    var exact: UInt64
    var capitalized: Bool
    var allCaps: Bool
    var hasDigit: Bool
    var hasLetter: Bool
    var digitCount: Int
    /// Whether the word has Cyrillic letters; if so, `stem` hashes it without its Russian case
    /// ending ("России", "Россию" → "росси"), otherwise `stem` is `folded`.
    var cyrillic: Bool = false
    var stem: UInt64 = 0
    /// What stands between the previous word and this one.
    var separator: Separator

    enum Separator: UInt8 {
        case start, space, hyphen, other
    }
}

/// Splits text into words (letters and digits of any script) on UTF-8 bytes, hashing each word
/// as it goes so that the gazetteer can be matched with no allocation per word.
enum WordScanner {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func mix(_ h: UInt64, _ v: UInt32) -> UInt64 {
        var h = h
        var v = v
        repeat {
            h ^= UInt64(v & 0xFF)
            h = h &* prime
            v >>= 8
        } while v > 0
        return h
    }

    /// Lower-cases ASCII, Latin-1, Greek and Cyrillic capitals; other scalars stay as they are.
    @inline(__always) static func fold(_ v: UInt32) -> (UInt32, Bool) {
        switch v {
        case 0x41...0x5A: return (v + 0x20, true)
        case 0xC0...0xDE where v != 0xD7: return (v + 0x20, true)
        case 0x391...0x3A9: return (v + 0x20, true)
        case 0x410...0x42F: return (v + 0x20, true)
        case 0x400...0x40F: return (v + 0x50, true)
        default: return (v, false)
        }
    }

    @inline(__always) static func isLowerLetter(_ v: UInt32) -> Bool {
        (0x61...0x7A).contains(v) || (0xDF...0xFF).contains(v) || (0x430...0x45F).contains(v) || (0x3B1...0x3C9).contains(v)
    }

    static func scan(_ text: String) -> [WordToken] {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    static func scan(_ u: UnsafeBufferPointer<UInt8>) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(u.count / 6 + 4)
        var i = 0
        let n = u.count
        var sep = WordToken.Separator.start
        var inWord = false
        var cur = WordToken(start: 0, end: 0, folded: offset, exact: offset, capitalized: false, allCaps: true,
                            hasDigit: false, hasLetter: false, digitCount: 0, separator: .start)
        while i < n {
            let b = u[i]
            // ASCII letters and digits inside a word: the common case, with no decoding or lookup.
            if inWord, b < 0x80 {
                let upper = b >= 0x41 && b <= 0x5A
                let lower = b >= 0x61 && b <= 0x7A
                let digit = b >= 0x30 && b <= 0x39
                if upper || lower || digit {
                    let f = upper ? b | 0x20 : b
                    cur.folded = (cur.folded ^ UInt64(f)) &* prime
                    cur.exact = (cur.exact ^ UInt64(b)) &* prime
                    if digit {
                        cur.hasDigit = true
                        cur.digitCount += 1
                    } else {
                        cur.hasLetter = true
                        if lower { cur.allCaps = false }
                    }
                    cur.end = i + 1
                    i += 1
                    continue
                }
            }
            var v: UInt32
            var len = 1
            if b < 0x80 {
                v = UInt32(b)
            } else if b < 0xE0 {
                v = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F); len = 2
            } else if b < 0xF0 {
                v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F); len = 3
            } else {
                v = (UInt32(b & 0x07) << 18) | (UInt32(u[i + 1] & 0x3F) << 12) | (UInt32(u[i + 2] & 0x3F) << 6) | UInt32(u[i + 3] & 0x3F)
                len = 4
            }
            let isDigit = v >= 0x30 && v <= 0x39
            var isLetter: Bool
            if v < 0x80 {
                isLetter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            } else if (0x2000...0x206F).contains(v) || (0xA0...0xBF).contains(v) || v == 0xD7 || v == 0xF7 {
                isLetter = false // general punctuation, quotes, dashes, Latin-1 symbols
            } else {
                isLetter = Unicode.Scalar(v)?.properties.isAlphabetic ?? false
            }
            if isLetter || isDigit {
                if !inWord {
                    inWord = true
                    let (_, upper) = fold(v)
                    cur = WordToken(start: i, end: i, folded: offset, exact: offset,
                                    capitalized: upper || (v >= 0x80 && !isLowerLetter(v) && !isDigit && (Unicode.Scalar(v)?.properties.isUppercase ?? false)),
                                    allCaps: true, hasDigit: false, hasLetter: false, digitCount: 0, separator: sep)
                }
                let (f, upper) = fold(v)
                if v >= 0x400 && v <= 0x4FF { cur.cyrillic = true }
                cur.folded = mix(cur.folded, f)
                cur.exact = mix(cur.exact, v)
                if isDigit { cur.hasDigit = true; cur.digitCount += 1 }
                if isLetter {
                    cur.hasLetter = true
                    if !upper && (isLowerLetter(v) || (v >= 0x80 && (Unicode.Scalar(v)?.properties.isLowercase ?? false))) {
                        cur.allCaps = false
                    }
                }
                cur.end = i + len
            } else {
                if inWord {
                    if !cur.hasLetter { cur.allCaps = false }
                    finishStem(&cur, u)
                    tokens.append(cur)
                    inWord = false
                    sep = .space
                }
                if v == 0x20 {
                    // keep the separator as it is
                } else if v == 0x2D || v == 0x2010 || v == 0x2011 || v == 0x2013 || v == 0x2014 {
                    if sep == .space || sep == .hyphen { sep = .hyphen } else { sep = .other }
                } else {
                    sep = .other
                }
            }
            i += len
        }
        if inWord {
            if !cur.hasLetter { cur.allCaps = false }
            finishStem(&cur, u)
            tokens.append(cur)
        }
        return tokens
    }

    /// Russian inflectional endings, longest first. Stripping one leaves the stem shared by the
    /// forms of a name: "Армения", "Армении", "Армению", "Арменией" → "армен"; "Дмитрий",
    /// "Дмитрия" → "дмитр"; "Кыргызская", "Кыргызской" → "кыргызск"; "Казахстан", "Казахстана" →
    /// "казахстан". No "-ов"/"-ев": it ends surnames ("Сердюков", "Сердюкова" → "сердюков").
    static let russianEndings: [[UInt32]] = [
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "ием",
        "ия", "ии", "ию", "ие", "ий",
        "ых", "их", "ой", "ей", "ый", "ым", "ая", "яя", "ое", "ее", "ые", "ую", "юю",
        "ом", "ем", "ам", "ям", "ах", "ях",
        "ы", "и", "а", "я", "у", "ю", "е", "о", "ь", "й",
    ].map { $0.unicodeScalars.map(\.value) }

    /// A stem keeps at least this many letters, so that short names ("Мали", "Куба") are only
    /// matched as written rather than against every word that shares three letters with them.
    static let minimumStem = 4

    @inline(__always) static func finishStem(_ t: inout WordToken, _ u: UnsafeBufferPointer<UInt8>) {
        guard t.cyrillic else { t.stem = t.folded; return }
        t.stem = stem(of: String(decoding: UnsafeBufferPointer(rebasing: u[t.start..<t.end]), as: UTF8.self))
    }

    /// Every stem a name's word may have in text: the word itself and the word without each
    /// ending it has. A mention's `stem` (longest ending stripped) is one of them: "Андрей" gives
    /// "андрей", "андре", "андр", and "Андрея", "Андрею", "Андреем" all stem to "андре".
    static func stemAlternatives(of word: String) -> [UInt64] {
        let scalars = word.unicodeScalars.map { fold($0.value).0 }
        var out: [UInt64] = [hash(scalars[...])]
        for ending in russianEndings where scalars.count - ending.count >= minimumStem
            && scalars.suffix(ending.count).elementsEqual(ending) {
            let h = hash(scalars.dropLast(ending.count))
            if !out.contains(h) { out.append(h) }
        }
        return out
    }

    static func hash(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h = offset
        for v in scalars { h = mix(h, v) }
        return h
    }

    /// The hash of a Cyrillic word's folded scalars without its longest Russian ending.
    static func stem(of word: String) -> UInt64 {
        let scalars = word.unicodeScalars.map { fold($0.value).0 }
        let ending = russianEndings.first { scalars.count - $0.count >= minimumStem && scalars.suffix($0.count).elementsEqual($0) }
        return hash(scalars.dropLast(ending?.count ?? 0))
    }
}
