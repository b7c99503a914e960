/// Decides what an article is about from its headline (or a teaser's first sentence):
/// an interview, a statement in the first person, and otherwise whichever of the exercise and
/// meeting words comes first.
public enum KindClassifier {
    static let interviewWords = ["interview", "интервью"]
    static let statementWords = ["statement", "address by", "address of", "address to", "appeal", "declaration", "message of",
                                 "greeting", "congratulat", "condolence", "заявление", "обращение", "поздравлени", "соболезновани"]
    static let firstPerson = ["allow me", "i ", "we ", "we, ", "dear ", "ladies and gentlemen", "позвольте", "я ", "мы ", "уважаемые"]
    static let exerciseWords = ["exercise", "drill", "maneuver", "manoeuvre", "training", "учени", "тренировк",
                                "command-staff", "command and staff", "live-fire", "war game", "practised", "practiced"]
    static let meetingWords = ["meeting", "met ", "meets ", "session", "consultation", "debate", "seminar", "conference",
                               "summit", "talks", "forum", "negotiation", "round table", "roundtable", "visit",
                               "reception", "received", "receives", "briefing", "videoconference", "video conference", "telephone", "phone call",
                               "plenary", "discuss", "hearing", "обсуди", "брифинг", "заседани", "встреч", "встрет", "совещани", "консультаци", "саммит", "переговор", "визит", "провел переговоры"]

    public static func classify(title: String?, paragraphs: [String], hasQA: Bool) -> ArticleKind {
        let lead = paragraphs.first.map { String(TextTools.leadSentence($0, limit: 600)) } ?? ""
        let head = Lowered(title ?? lead)
        let leadLower = Lowered(lead)
        if hasQA || contains(head, interviewWords) || contains(leadLower, interviewWords)
            || (position(of: "told ", in: leadLower) != nil && leadLower.contains("correspondent")) {
            return .interview
        }
        if contains(head, statementWords) || firstPerson.contains(where: { leadLower.hasPrefix($0) }) {
            return .statement
        }
        for text in [head, leadLower] {
            if let kind = earliest(text) { return kind }
        }
        return .other
    }

    /// Lower-cased UTF-8 bytes of a text, searched without Foundation.
    struct Lowered {
        let bytes: [UInt8]
        init(_ s: String) { bytes = Bytes.lowered(s) }
        func hasPrefix(_ p: String) -> Bool { bytes.starts(with: p.utf8) }
        func contains(_ p: String) -> Bool { KindClassifier.position(of: p, in: self, wordStart: false) != nil }
    }

    static func contains(_ text: Lowered, _ words: [String]) -> Bool {
        words.contains { position(of: $0, in: text) != nil }
    }

    /// The word lists as bytes, made once (they are searched in every article).
    static let kindWords: [([UInt8], ArticleKind)] =
        exerciseWords.map { (Array($0.utf8), ArticleKind.exercise) } + meetingWords.map { (Array($0.utf8), ArticleKind.meeting) }

    /// The byte offset of `word` (at a word start, unless told otherwise) in `text`.
    static func position(of word: String, in text: Lowered, wordStart: Bool = true) -> Int? {
        position(of: Array(word.utf8), in: text, wordStart: wordStart)
    }

    static func position(of w: [UInt8], in text: Lowered, wordStart: Bool = true) -> Int? {
        let t = text.bytes
        guard let first = w.first, t.count >= w.count else { return nil }
        var i = 0
        let last = t.count - w.count
        while i <= last {
            if t[i] == first {
                var k = 1
                while k < w.count, t[i + k] == w[k] { k += 1 }
                if k == w.count {
                    if !wordStart || !letterBefore(i, in: t) { return i }
                }
            }
            i += 1
        }
        return nil
    }

    /// Whether the scalar that ends just before byte `i` is a letter.
    static func letterBefore(_ i: Int, in t: [UInt8]) -> Bool {
        guard i > 0 else { return false }
        let prev = t[i - 1]
        if prev < 0x80 { return (prev >= 0x61 && prev <= 0x7A) || (prev >= 0x41 && prev <= 0x5A) }
        var start = i - 1
        while start > 0, t[start] & 0xC0 == 0x80 { start -= 1 }
        let scalar = String(decoding: t[start..<i], as: UTF8.self).unicodeScalars.first
        return scalar?.properties.isAlphabetic ?? false
    }

    static func earliest(_ text: Lowered) -> ArticleKind? {
        var best: (Int, ArticleKind)? = nil
        for (w, kind) in kindWords {
            guard let p = position(of: w, in: text) else { continue }
            if best == nil || p < best!.0 { best = (p, kind) }
        }
        return best?.1
    }
}
