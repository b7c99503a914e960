import Foundation
import Corpus

/// Turns text into search terms: words of letters and digits in any script, case and diacritics
/// folded (`É` → `e`, `Ё` → `е`), hyphens and punctuation splitting words (`Interaction-2018` is
/// `interaction` then `2018`), combining marks dropped. Index and queries use the same function,
/// so what is written and what is typed always meet.
public enum Folding {
    /// Folded form of each scalar of Latin-1 and Latin Extended-A/B (0 = not a letter to fold).
    static let latinTable: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0x250)
        for v in 0xC0..<0x250 {
            guard let s = Unicode.Scalar(v), s.properties.isAlphabetic else { continue }
            let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            let lower = String(base).lowercased().unicodeScalars.first!
            t[v] = lower.value
        }
        // Letters with no canonical decomposition.
        for (from, to) in [(0xD8, 0x6F), (0xF8, 0x6F), (0x110, 0x64), (0x111, 0x64), (0x141, 0x6C), (0x142, 0x6C),
                           (0x131, 0x69), (0x126, 0x68), (0x127, 0x68), (0x166, 0x74), (0x167, 0x74), (0x180, 0x62),
                           (0x197, 0x69), (0x1B5, 0x7A), (0x1B6, 0x7A)] {
            t[from] = UInt32(to)
        }
        return t
    }()

    /// Appends the folded UTF-8 of scalar `v` to `out`; returns false when `v` is not part of a word.
    @inline(__always)
    static func fold(_ v: UInt32, into out: inout [UInt8]) -> Bool {
        if v < 0x80 {
            switch v {
            case 0x30...0x39, 0x61...0x7A: out.append(UInt8(v)); return true
            case 0x41...0x5A: out.append(UInt8(v + 0x20)); return true
            default: return false
            }
        }
        var f = v
        switch v {
        case 0xC0..<0x250:
            if v == 0xDF { out.append(0x73); out.append(0x73); return true } // ß
            if v == 0xC6 || v == 0xE6 { out.append(0x61); out.append(0x65); return true } // æ
            if v == 0x152 || v == 0x153 { out.append(0x6F); out.append(0x65); return true } // œ
            if v == 0xD7 || v == 0xF7 { return false }
            f = latinTable[Int(v)]
            if f == 0 { return false }
        case 0x300...0x36F:
            return true // combining mark: part of the word, dropped
        case 0x401, 0x451: f = 0x435 // Ё ё → е
        case 0x410...0x42F: f = v + 0x20
        case 0x400...0x40F: f = v + 0x50
        case 0x430...0x45F: f = v
        case 0x391...0x3A9: f = v + 0x20
        case 0x2000...0x206F, 0xA0...0xBF, 0x3000...0x303F, 0xFF00...0xFF0F:
            return false
        default:
            guard let s = Unicode.Scalar(v) else { return false }
            let p = s.properties
            guard p.isAlphabetic || p.numericType != nil else { return false }
            if p.isUppercase, let l = p.lowercaseMapping.unicodeScalars.first { f = l.value }
        }
        appendUTF8(f, &out)
        return true
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, _ out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Calls `body(term, start, end)` for every word of `text`: its folded UTF-8 bytes and its
    /// UTF-8 byte range in `text`.
    @inline(__always)
    public static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { u in
            // Scratch for the folded word: ASCII is written in place, other scripts through fold().
            var capacity = 128
            var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { buf.deallocate() }
            var len = 0
            var scalarBuf: [UInt8] = []
            var start = -1
            var i = 0
            let n = u.count
            // Whether the word has a Latin letter and a Cyrillic one (a look-alike to fold).
            var latin = false
            var cyrillic = false
            @inline(__always) func emit(_ end: Int) {
                if len > 0 {
                    let term = UnsafeBufferPointer(start: buf, count: len)
                    if latin, cyrillic, let folded = ScriptFolding.foldTerm(term) {
                        folded.withUnsafeBufferPointer { body($0, start, end) }
                    } else {
                        body(term, start, end)
                    }
                }
                len = 0
                start = -1
                latin = false
                cyrillic = false
            }
            while i < n {
                let b = u[i]
                if b < 0x80 {
                    var c = b
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                        if start < 0 { start = i }
                        if len == capacity {
                            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                            bigger.update(from: buf, count: len)
                            buf.deallocate()
                            buf = bigger
                            capacity *= 2
                        }
                        buf[len] = c
                        len += 1
                        if c >= 0x61 { latin = true }
                    } else if start >= 0 {
                        emit(i)
                    }
                    i += 1
                    continue
                }
                var v: UInt32
                var step: Int
                if b < 0xE0 {
                    v = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F); step = 2
                } else if b < 0xF0 {
                    v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F); step = 3
                } else {
                    v = (UInt32(b & 0x07) << 18) | (UInt32(u[i + 1] & 0x3F) << 12) | (UInt32(u[i + 2] & 0x3F) << 6)
                        | UInt32(u[i + 3] & 0x3F)
                    step = 4
                }
                scalarBuf.removeAll(keepingCapacity: true)
                if fold(v, into: &scalarBuf) {
                    if start < 0 { start = i }
                    if v >= 0x400 && v <= 0x4FF { cyrillic = true }
                    while len + scalarBuf.count > capacity {
                        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                        bigger.update(from: buf, count: len)
                        buf.deallocate()
                        buf = bigger
                        capacity *= 2
                    }
                    for c in scalarBuf {
                        buf[len] = c
                        len += 1
                    }
                } else if start >= 0 {
                    emit(i)
                }
                i += step
            }
            if start >= 0 { emit(n) }
        }
    }

    /// The folded terms of a text, as strings.
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachTerm(in: text) { t, _, _ in out.append(String(decoding: t, as: UTF8.self)) }
        return out
    }
}

/// 64-bit FNV-1a over bytes.
@inline(__always)
func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    return h
}
