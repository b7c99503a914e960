/// Question/answer pairs of an interview: questions and answers marked by an em dash or a hyphen
/// (`— Question?` / `- Answer.`), by `Question:`/`Answer:` labels (`Q:`/`A:`, `Вопрос:`/`Ответ:`;
/// an unmarked paragraph under a labelled question is its answer), or by a speaker's name and a
/// colon before each answer (`SpeakerLabels`).
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
            return (marker, String(p.dropFirst(prefix.count)).trimming(" "))
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
