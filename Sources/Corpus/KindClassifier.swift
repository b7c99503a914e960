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
        init(_ s: String) {
            if s.utf8.allSatisfy({ $0 < 0x80 }) {
                bytes = s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            } else {
                bytes = Array(s.lowercased().utf8)
            }
        }
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

/// Question/answer pairs of an interview written in the dash style (`— Question?` / `— Answer.`)
/// or with `Question:`/`Answer:` (`Q:`/`A:`) labels.
public enum InterviewParser {
    static let dashes: Set<Character> = ["—", "–", "-", "―"]

    public static func pairs(_ paragraphs: [String]) -> [QAPair] {
        read(paragraphs).pairs
    }

    /// The paragraphs (by index) that open a question of a pair, for the pager's `]` and `[`.
    public static func questionParagraphs(_ paragraphs: [String]) -> [Int] {
        read(paragraphs).questions
    }

    static func read(_ paragraphs: [String]) -> (pairs: [QAPair], questions: [Int]) {
        let speakers = SpeakerLabels(paragraphs)
        var pairs: [QAPair] = []
        var questions: [Int] = []
        var questionAt = 0
        var question: String? = nil
        var answer: [String] = []
        var inAnswer = false
        func close() {
            if let q = question, !answer.isEmpty {
                pairs.append(QAPair(question: q, answer: answer.joined(separator: "\n")))
                questions.append(questionAt)
            }
            question = nil
            answer = []
            inAnswer = false
        }
        for (i, p) in paragraphs.enumerated() {
            let (marker, text) = speakers.isEmpty ? classify(p) : speakers.classify(p)
            switch marker {
            case .question:
                close()
                question = text
                questionAt = i
            case .answer:
                if question != nil {
                    if inAnswer { answer.append(text) } else { answer = [text]; inAnswer = true }
                }
            case .dash:
                if question != nil, !inAnswer {
                    answer = [text]
                    inAnswer = true
                } else if question != nil, TextTools.endsQuestion(text) {
                    close()
                    question = text
                    questionAt = i
                } else if inAnswer {
                    answer.append(text)
                } else if TextTools.endsQuestion(text) {
                    question = text
                    questionAt = i
                }
            case .none:
                // An unmarked paragraph under a question is its answer (`Question:` labels alone).
                if inAnswer { answer.append(text) } else if question != nil { answer = [text]; inAnswer = true }
            }
        }
        close()
        return pairs.count >= 2 ? (pairs, questions) : ([], [])
    }

    enum Marker { case question, answer, dash, none }

    static let labels: [(String, Marker)] = [("question:", .question), ("q:", .question), ("answer:", .answer), ("a:", .answer),
                                              ("вопрос:", .question), ("ответ:", .answer)]

    static func classify(_ p: String) -> (Marker, String) {
        // Only the start matters: lower-case the first characters, not the paragraph.
        let lower = String(p.prefix(10)).lowercased()
        for (prefix, marker) in labels where lower.hasPrefix(prefix) {
            return (marker, String(p.dropFirst(prefix.count)).trimmingCharacters(in: " "))
        }
        if let first = p.first, dashes.contains(first), p.prefix(3).count == 3 {
            let rest = p.dropFirst().drop(while: { $0 == " " })
            if first == "-", p.dropFirst().first != " " { return (.none, p) }
            return (.dash, String(rest))
        }
        return (.none, p)
    }
}

/// Interviews written as a script: a speaker's name and a colon before each answer
/// (`Imangali Tasmagambetov: ...`), questions unlabelled or under a label of their own
/// (`Question:`, `Correspondent:`, `Izvestia:`).
struct SpeakerLabels {
    static let questionLabels: Set<String> = ["question", "q", "вопрос", "correspondent", "корреспондент", "interviewer",
                                              "journalist", "журналист", "host", "ведущий"]
    /// Labels used at least twice, and which of them ask the questions.
    var speakers: Set<String> = []
    var askers: Set<String> = []
    var isEmpty: Bool { speakers.isEmpty }

    init(_ paragraphs: [String]) {
        guard paragraphs.count >= 4 else { return }
        var uses: [String: Int] = [:]
        var questions: [String: Int] = [:]
        for p in paragraphs {
            guard let (label, text) = Self.label(p) else { continue }
            uses[label, default: 0] += 1
            if TextTools.endsQuestion(text) { questions[label, default: 0] += 1 }
        }
        for (label, n) in uses where n >= 2 {
            speakers.insert(label)
            if Self.questionLabels.contains(label.lowercased()) || (questions[label] ?? 0) * 2 > n { askers.insert(label) }
        }
        // Only a script with someone answering is an interview.
        if speakers.subtracting(askers).isEmpty { speakers = [] }
    }

    /// `Name Surname: text` with a label of one to four capitalized words.
    static func label(_ p: String) -> (String, String)? {
        // The colon within the first 60 bytes (a cheap test before any Character work).
        guard let offset = p.utf8.prefix(60).firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let colon = offset
        guard p.distance(from: p.startIndex, to: colon) <= 40 else { return nil }
        let label = p[..<colon]
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= 4, words.allSatisfy({ $0.first?.isUppercase ?? false }),
              label.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" }) else { return nil }
        let rest = p[p.index(after: colon)...].drop(while: { $0 == " " })
        guard !rest.isEmpty else { return nil }
        let lower = label.lowercased()
        if ["photo", "photos", "source", "фото", "источник", "author", "автор", "email", "tel", "video"].contains(lower) { return nil }
        return (String(label), String(rest))
    }

    func classify(_ p: String) -> (InterviewParser.Marker, String) {
        if let (label, text) = Self.label(p), speakers.contains(label) {
            return (askers.contains(label) ? .question : .answer, text)
        }
        if askers.isEmpty, TextTools.endsQuestion(p) { return (.question, p) }
        return (.none, p)
    }
}

extension TextTools {
    static func endsQuestion(_ s: String) -> Bool {
        var t = Substring(s)
        while let c = t.last, closers.contains(c) || c == " " { t = t.dropLast() }
        return t.last == "?"
    }
}
