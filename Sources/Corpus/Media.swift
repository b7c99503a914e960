/// Image file names, photo credits and document links that scrapers leave in the text.
enum Media {
    private static let extensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"]
    private static let creditPrefixes = ["photo:", "photo by", "photos:", "photos by", "photo credit", "фото:", "фото ",
                                         "photo -", "photo —", "author:", "source:", "text:", "text by", "video:", "автор:",
                                         "источник:"]

    static func isImageName(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 120, !s.contains(" ") else { return false }
        let lower = s.lowercased()
        return extensions.contains { lower.hasSuffix($0) && lower.count > $0.count }
    }

    /// A cheap test on bytes: could the text hold an image file name (`.jpg`, `.png`, ...)?
    static func mayHoldImageName(_ s: String) -> Bool {
        Bytes.with(s) { u in
            guard u.count > 1 else { return false }
            for i in 0..<(u.count - 1) where u[i] == UInt8(ascii: ".") {
                switch u[i + 1] | 0x20 {
                case UInt8(ascii: "j"), UInt8(ascii: "p"), UInt8(ascii: "g"), UInt8(ascii: "w"), UInt8(ascii: "b"),
                     UInt8(ascii: "t"):
                    return true
                default: break
                }
            }
            return false
        }
    }

    static func isCredit(_ s: String) -> Bool {
        guard s.utf8.count <= 200, let first = s.utf8.first,
              [UInt8(ascii: "p"), UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "v")].contains(first | 0x20)
                || first == 0xD0 else { return false }
        let lower = s.lowercased()
        return creditPrefixes.contains { lower.hasPrefix($0) }
    }

    /// A line that is only image names or a photo credit.
    static func isMediaLine(_ s: String) -> Bool {
        if isCredit(s) { return true }
        guard s.utf8.count <= 500, mayHoldImageName(s) else { return false }
        let parts = s.split(separator: " ")
        return !parts.isEmpty && parts.count <= 4 && parts.allSatisfy(isImageName)
    }

    /// Splits image names glued to the start or end of a paragraph off it.
    /// Returns the paragraph that remains (nil when nothing does) and the media found.
    static func split(_ p: String) -> (String?, [String]) {
        if isMediaLine(p) { return (nil, [p]) }
        guard mayHoldImageName(p) else { return (p, []) }
        var text = Substring(p)
        var found: [String] = []
        // Glued at the end: "...was held.IMG-20190612-WA0003.jpg"
        let lower = text.lowercased()
        if let ext = extensions.first(where: { lower.hasSuffix($0) }) {
            let beforeExt = text.index(text.endIndex, offsetBy: -ext.count)
            var start = beforeExt
            while start > text.startIndex {
                let prev = text.index(before: start)
                let c = text[prev]
                if c == " " || c == "." || c == "!" || c == "?" || c == "”" || c == "\"" || c == ")" || c == "»" { break }
                start = prev
            }
            if start < beforeExt, start > text.startIndex {
                found.append(String(text[start...]))
                text = text[..<start]
                while text.last == " " { text = text.dropLast() }
            }
        }
        // Glued at the start: "IMG-2019.jpgOn 5 May ..."
        let lowerStart = text.lowercased()
        for ext in extensions {
            guard let r = lowerStart.range(of: ext) else { continue }
            let offset = lowerStart.distance(from: lowerStart.startIndex, to: r.upperBound)
            let head = text.prefix(offset)
            guard !head.contains(" "), head.count > ext.count, offset < text.count else { continue }
            let rest = text.dropFirst(offset)
            guard let first = rest.first, first.isUppercase || first == " " else { continue }
            found.append(String(head))
            text = rest.drop(while: { $0 == " " })
            break
        }
        return (text.isEmpty ? nil : String(text), found)
    }

    private static let documentExtensions: [[UInt8]] = ["doc", "docx", "pdf", "xls", "xlsx", "rtf", "odt", "ppt", "pptx", "zip"].map { Array($0.utf8) }
    private static let documentWords: [[UInt8]] = ["download", "скачать", "document", "документ", "attachment", "приложение", "file"].map { Array($0.utf8) }

    /// A document link: `Download document Decision.docx`, `Скачать документ (PDF, 1 MB)`.
    static func isDocumentLine(_ s: String) -> Bool {
        let n = s.utf8.count
        guard n <= 300 else { return false }
        return Bytes.with(s) { u -> Bool in
            guard let first = u.first else { return false }
            // Opens with one of the words (checked on the first bytes, lower-cased).
            var opensWithWord = false
            if (first | 0x20) == UInt8(ascii: "d") || (first | 0x20) == UInt8(ascii: "a") || (first | 0x20) == UInt8(ascii: "f")
                || first == 0xD0 || first == 0xD1 {
                let head = Bytes.lowered(String(decoding: u.prefix(24), as: UTF8.self))
                opensWithWord = documentWords.contains { Bytes.hasPrefix(head, $0) }
            }
            // A file extension: ".docx" followed by the end, a space, a comma or a bracket.
            var hasExtension = false
            var sentenceBreak = false
            var i = 0
            while i < u.count - 1 {
                if u[i] == UInt8(ascii: ".") {
                    if u[i + 1] == 0x20 { sentenceBreak = true }
                    for e in documentExtensions where i + e.count < u.count {
                        var k = 0
                        while k < e.count, u[i + 1 + k] | 0x20 == e[k] { k += 1 }
                        guard k == e.count else { continue }
                        let after = i + 1 + e.count
                        if after == u.count || u[after] == 0x20 || u[after] == UInt8(ascii: ")") || u[after] == UInt8(ascii: ",") {
                            hasExtension = true
                        }
                    }
                }
                i += 1
            }
            return (opensWithWord && (hasExtension || n <= 60)) || (hasExtension && !sentenceBreak)
        }
    }
}
