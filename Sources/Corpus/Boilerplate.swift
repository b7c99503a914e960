/// Site furniture: the footer links and the press contact block.
enum Boilerplate {
    static let footerPhrases: [String] = [
        "go back", "back to the section", "back to the all news", "back to all news", "back to the news",
        "back to news", "back to the list", "назад", "вернуться в раздел", "вернуться ко всем новостям",
        "вернуться к списку новостей", "вернуться к новостям", "вернуться назад", "все новости",
        "назад в раздел", "назад ко всем новостям", "назад к новостям", "назад к списку", "к списку новостей",
        "ко всем новостям", "вернуться к разделу", "назад к разделу", "к разделу", "в раздел",
    ]
    private static let footerSet = Set(footerPhrases)

    /// A whole footer link, or a pager line (`1 2 3 … 74`, `« Previous 1 2 Next »`).
    static func isFooter(_ line: String) -> Bool {
        guard line.utf8.count <= 60 else { return false }
        return footerSet.contains(normalized(line)) || isPager(line)
    }

    private static let pagerWords: Set<String> = ["next", "previous", "prev", "first", "last", "следующая", "предыдущая",
                                                  "первая", "последняя", "далее", "назад", "вперед", "вперёд"]

    /// Page numbers with an ellipsis, an arrow or a next/previous word (`1 2 3 … 74`,
    /// `« 1 2 Next »`), or at least three numbers counting up from 1 (`1 2 3 4 5`).
    static func isPager(_ line: String) -> Bool {
        // Cheap gate: it starts with a digit or a pager sign, and holds a digit.
        guard let first = line.unicodeScalars.first, line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              (first.value >= 0x30 && first.value <= 0x39) || "«<←.…".unicodeScalars.contains(first)
                || first.properties.isUppercase else { return false }
        var numbers: [Int] = []
        var signs = 0
        for w in line.split(separator: " ") {
            if let n = Int(w), n >= 0 { numbers.append(n); continue }
            if w.allSatisfy({ "….«»<>←→|".contains($0) }) { signs += 1; continue }
            if pagerWords.contains(String(w.lowercased().filter { !"«»<>←→".contains($0) })) { signs += 1; continue }
            return false
        }
        guard numbers.count >= 2 else { return false }
        let counting = numbers.first == 1 && zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return signs > 0 || (counting && numbers.count >= 3)
    }

    /// A footer link cut short by the scraper (`Back to the sec`), at least 4 characters.
    static func isFooterFragment(_ line: String) -> Bool {
        guard line.utf8.count <= 60 else { return false }
        let n = normalized(line)
        guard n.count >= 4 else { return false }
        return footerPhrases.contains { $0.hasPrefix(n) }
    }

    private static func normalized(_ line: String) -> String {
        var s = line.lowercased()
        while let last = s.last, last == "." || last == "…" || last == " " || last == ">" || last == "<" { s.removeLast() }
        while let first = s.first, first == "<" || first == "«" || first == " " || first == "←" { s.removeFirst() }
        return s
    }

    private static let pressWordList = [
        "press secretary", "press service", "press center", "press centre", "press office", "press-secretary",
        "press-service", "press-center", "media contact", "пресс-секретарь", "пресс-служба", "пресс-центр",
    ]
    private static let contactPrefixList = [
        "email", "e-mail", "e mail", "mail:", "tel", "phone", "fax", "mob", "тел", "факс", "эл. почта", "почта",
    ]

    /// A line of a press contact block: a press secretary or press center line, an e-mail, a phone.
    static func isContact(_ line: String) -> Bool {
        let n = line.utf8.count
        guard n <= 200 else { return false }
        let lower = Bytes.lowered(line)
        for p in contactPrefixes where Bytes.hasPrefix(lower, p) { return true }
        if isEmailLine(lower) { return true }
        if isWebAddress(lower) { return true }
        if isPhoneLine(line) { return true }
        if n <= 120, !TextTools.endsSentence(line) {
            for w in pressWords where Bytes.contains(lower, w) { return true }
        }
        return false
    }

    private static let pressWords: [[UInt8]] = pressWordList.map { Array($0.utf8) }
    private static let contactPrefixes: [[UInt8]] = contactPrefixList.map { Array($0.utf8) }

    private static func isEmailLine(_ lower: [UInt8]) -> Bool {
        guard let at = lower.firstIndex(of: UInt8(ascii: "@")) else { return false }
        // A short line with an address in it, not a sentence that happens to quote one.
        guard lower[at...].contains(UInt8(ascii: ".")) else { return false }
        var words = 0
        var inWord = false
        for b in lower {
            if b == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        return words <= 6
    }

    /// A line that is only a web address (`www.odkb-csto.org`, `https://…`).
    private static func isWebAddress(_ lower: [UInt8]) -> Bool {
        guard lower.count <= 100, !lower.contains(0x20) else { return false }
        return Bytes.hasPrefix(lower, Array("www.".utf8)) || Bytes.hasPrefix(lower, Array("http://".utf8))
            || Bytes.hasPrefix(lower, Array("https://".utf8))
    }

    private static func isPhoneLine(_ line: String) -> Bool {
        var digits = 0
        var other = 0
        for b in line.utf8 {
            switch b {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "."), UInt8(ascii: "/"): break
            default: other += 1
            }
        }
        return digits >= 7 && other == 0
    }
}

/// Byte-level text tests for the hot paths: lower-casing (ASCII in place, the rest by the
/// standard library) and substring search without Foundation.
enum Bytes {
    /// The string's UTF-8 as a buffer (native strings have one; others are copied).
    @inline(__always) static func with<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    static func lowered(_ s: String) -> [UInt8] {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        return Array(s.lowercased().utf8)
    }

    static func hasPrefix(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        s.count >= p.count && s.starts(with: p)
    }

    static func hasSuffix(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        s.count >= p.count && s[(s.count - p.count)...].elementsEqual(p)
    }

    static func contains(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        index(of: p, in: s) != nil
    }

    static func index(of p: [UInt8], in s: [UInt8], from start: Int = 0) -> Int? {
        guard let first = p.first, s.count >= p.count else { return nil }
        var i = start
        let last = s.count - p.count
        while i <= last {
            if s[i] == first {
                var k = 1
                while k < p.count, s[i + k] == p[k] { k += 1 }
                if k == p.count { return i }
            }
            i += 1
        }
        return nil
    }
}
