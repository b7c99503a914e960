/// Cyrillic and Latin letters that look alike, folded inside words of the other script: a
/// Cyrillic `С` in `СSTO`, a Latin `o` in `Рoссия`. Such words are typos of the page (or of the
/// person typing a query), invisible on screen, and they would hide names from the gazetteer and
/// from search. A word is a run of letters; when it mixes both scripts, its letters of the
/// minority script that have a look-alike take the majority's (Latin on a tie).
///
/// The text itself is kept as the page wrote it: folding is for matching only (the entity
/// extractor, the search index and queries).
public enum ScriptFolding {
    static let pairs: [(latin: Unicode.Scalar, cyrillic: Unicode.Scalar)] = [
        ("A", "А"), ("B", "В"), ("C", "С"), ("E", "Е"), ("H", "Н"), ("K", "К"), ("M", "М"), ("O", "О"), ("P", "Р"),
        ("T", "Т"), ("X", "Х"), ("Y", "У"), ("I", "І"), ("J", "Ј"), ("S", "Ѕ"),
        ("a", "а"), ("c", "с"), ("e", "е"), ("o", "о"), ("p", "р"), ("x", "х"), ("y", "у"), ("i", "і"), ("j", "ј"),
        ("s", "ѕ"),
    ]
    static let toLatin: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: pairs.map { ($0.cyrillic, $0.latin) })
    static let toCyrillic: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: pairs.map { ($0.latin, $0.cyrillic) })

    static func isLatin(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x61 && u.value <= 0x7A)
    }

    static func isCyrillic(_ u: Unicode.Scalar) -> Bool {
        u.value >= 0x400 && u.value <= 0x4FF
    }

    /// A cheap test on bytes: could the text mix the scripts (an ASCII letter and a Cyrillic lead byte)?
    @inline(__always) public static func mayMix(_ s: String) -> Bool {
        Bytes.with(s) { u in
            // Most text is ASCII: look for a Cyrillic lead byte first, then for a Latin letter.
            guard u.contains(where: { $0 >= 0xD0 && $0 <= 0xD3 }) else { return false }
            return u.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        }
    }

    /// Whether some word holds a Latin and a Cyrillic letter (before building anything).
    static func hasMixedWord(_ s: String) -> Bool {
        var latin = false
        var cyrillic = false
        for u in s.unicodeScalars {
            if isLatin(u) { latin = true } else if isCyrillic(u) { cyrillic = true } else if !u.properties.isAlphabetic {
                latin = false
                cyrillic = false
            }
            if latin && cyrillic { return true }
        }
        return false
    }

    /// The text with every mixed-script word folded into its majority script.
    public static func fixMixedWords(_ s: String) -> String {
        guard mayMix(s), hasMixedWord(s) else { return s }
        var out = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        var changed = false
        func flush() {
            defer { word.removeAll(keepingCapacity: true) }
            var latin = 0
            var cyrillic = 0
            for u in word {
                if isLatin(u) { latin += 1 } else if isCyrillic(u) { cyrillic += 1 }
            }
            guard latin > 0, cyrillic > 0 else { out.append(contentsOf: word); return }
            let table = latin >= cyrillic ? toLatin : toCyrillic
            for u in word {
                if let v = table[u] { out.append(v); changed = true } else { out.append(u) }
            }
        }
        for u in s.unicodeScalars {
            if u.properties.isAlphabetic {
                word.append(u)
            } else {
                flush()
                out.append(u)
            }
        }
        flush()
        return changed ? String(out) : s
    }

    /// Lower-case look-alikes, for terms already case-folded by the search index.
    static let lowerToLatin: [UInt32: UInt8] = [
        0x430: 0x61, 0x432: 0x62, 0x435: 0x65, 0x43A: 0x6B, 0x43C: 0x6D, 0x43D: 0x68, 0x43E: 0x6F, 0x440: 0x70,
        0x441: 0x63, 0x442: 0x74, 0x443: 0x79, 0x445: 0x78, 0x456: 0x69, 0x458: 0x6A, 0x455: 0x73,
    ]
    static let lowerToCyrillic: [UInt8: UInt32] = {
        var m: [UInt8: UInt32] = [:]
        for (c, l) in lowerToLatin { m[l] = c }
        return m
    }()

    /// A folded (lower-case) search term that mixes the scripts, in its majority script; nil when
    /// it does not mix them.
    public static func foldTerm(_ term: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scalars: [UInt32] = []
        var latin = 0
        var cyrillic = 0
        var i = 0
        while i < term.count {
            let b = term[i]
            var v = UInt32(b)
            var step = 1
            if b >= 0xF0, i + 3 < term.count {
                v = (UInt32(b & 0x07) << 18) | (UInt32(term[i + 1] & 0x3F) << 12) | (UInt32(term[i + 2] & 0x3F) << 6) | UInt32(term[i + 3] & 0x3F)
                step = 4
            } else if b >= 0xE0, i + 2 < term.count {
                v = (UInt32(b & 0x0F) << 12) | (UInt32(term[i + 1] & 0x3F) << 6) | UInt32(term[i + 2] & 0x3F)
                step = 3
            } else if b >= 0xC0, i + 1 < term.count {
                v = (UInt32(b & 0x1F) << 6) | UInt32(term[i + 1] & 0x3F)
                step = 2
            }
            if v >= 0x61 && v <= 0x7A { latin += 1 } else if v >= 0x400 && v <= 0x4FF { cyrillic += 1 }
            scalars.append(v)
            i += step
        }
        guard latin > 0, cyrillic > 0 else { return nil }
        var out = String.UnicodeScalarView()
        for v in scalars {
            if latin >= cyrillic, let l = lowerToLatin[v] {
                out.append(Unicode.Scalar(l))
            } else if latin < cyrillic, v < 0x80, let c = lowerToCyrillic[UInt8(v)], let u = Unicode.Scalar(c) {
                out.append(u)
            } else if let u = Unicode.Scalar(v) {
                out.append(u)
            }
        }
        return Array(String(out).utf8)
    }
}
