/// What one line of a page looks like, before any decision is taken: the evidence the page
/// parser scores segmentations with. Each flag is a cheap test on the line alone.
struct LineFeatures {
    /// A short line that ends no sentence and starts like a headline (capital, digit or quote).
    var headline = false
    /// Opens with a date phrase, as teaser leads do: "On 13 July, ...", "From 25 to 27 July, ...".
    var lead = false
    /// Ends a sentence (`.`, `!`, `?`, `…`, `;`, before closing quotes).
    var sentence = false
    /// Ends with `?` or `!`: a question or an exclamation, which a headline may be.
    var exclaims = false
    /// A photo credit, image file names, or a document link (`Download document X.docx`).
    var media = false
    /// A person's name alone on the line (2 to 4 capitalized words): a byline where it stands
    /// between a title and its body.
    var name = false
    /// A publication time stamp: `October 11, 2017, 00:01`, `11.10.2017 00:01`.
    var timestamp: Day? = nil
    /// A body line starting with a bullet (`•`, `- `, `* `).
    var bullet = false
    /// Opens with a quotation mark (a quoted newspaper headline).
    var quoted = false
    /// Starts with a lower-case letter: the rest of a line the scraper broke.
    var continuation = false
    /// A press contact line (press secretary, e-mail, phone, web address).
    var contact = false
    /// A short line (at most 6 words, no digits, no final punctuation): a section heading when it
    /// stands above a list.
    var short = false

    init() {}

    init(_ s: String) {
        let bytes = s.utf8
        guard let first = s.unicodeScalars.first else { return }
        sentence = TextTools.endsSentence(s)
        if !sentence, s.utf8.count <= 2000, Media.mayHoldImageName(s), let text = Media.split(s).0 {
            sentence = TextTools.endsSentence(text)
        }
        bullet = first == "•" || first == "▪" || first == "·" || ((first == "-" || first == "*") && s.utf8.dropFirst().first == 0x20)
        quoted = "\"“«„'‘".unicodeScalars.contains(first)
        continuation = first.properties.isLowercase
        media = Media.isMediaLine(s) || Media.isDocumentLine(s)
        timestamp = Self.timestamp(s)
        let startsLikeHeadline = first.properties.isUppercase || quoted || (first.value >= 0x30 && first.value <= 0x39)
        contact = Boilerplate.isContact(s)
        exclaims = sentence && TextTools.endsExclaiming(s)
        let opensList = TextTools.endsIntroducing(s)
        headline = !bullet && !media && !contact && !opensList && timestamp == nil && startsLikeHeadline
            && (TextTools.isHeadlineLike(s) || (exclaims && s.utf8.count <= 300))
        lead = Self.opensWithDatePhrase(s)
        if bytes.count <= 60, !sentence {
            let words = s.split(separator: " ")
            short = words.count <= 6 && !bytes.contains { $0 >= 0x30 && $0 <= 0x39 } && !quoted && !bullet
            name = Self.isPersonName(words) && !media
        }
    }

    /// Words that name bodies, sections or places, never a person: a line holding one is no byline.
    static let notNameWords: Set<String> = [
        "csto", "odkb", "одкб", "news", "новости", "secretariat", "секретариат", "council", "совет", "committee",
        "комитет", "staff", "штаб", "assembly", "ассамблея", "group", "группа", "organization", "организация",
        "the", "of", "and", "on", "in", "for", "press", "center", "centre", "service", "ministry", "office",
        "department", "events", "photo", "video", "gallery", "documents", "interview", "statement", "about",
        "contacts", "archive", "main", "home", "republic", "federation", "union", "forces", "headquarters",
    ]

    /// Words naming the Organization's bodies (a section heading may be one of them).
    static let bodyWords: Set<String> = ["secretariat", "секретариат", "council", "совет", "committee", "комитет", "staff",
                                         "штаб", "assembly", "ассамблея", "center", "centre", "центр", "group", "группа"]

    /// "Ivan Petrov", "A. V. Sidorov", "Anna Ivanova-Petrova", "Иван Петров".
    static func isPersonName(_ words: [Substring]) -> Bool {
        guard words.count >= 2, words.count <= 4 else { return false }
        var letters = 0
        for w in words {
            guard let f = w.unicodeScalars.first, f.properties.isUppercase else { return false }
            if notNameWords.contains(w.lowercased()) { return false }
            for u in w.unicodeScalars {
                if u.properties.isAlphabetic { letters += 1; continue }
                if u == "." || u == "-" || u == "'" || u == "’" { continue }
                return false
            }
            // All capitals of more than 3 letters is an acronym (CSTO), not a name.
            if w.count > 3, w.allSatisfy({ $0.isUppercase }) { return false }
        }
        return letters >= 5
    }

    /// A line that is only a time stamp: a date (`October 11, 2017`, `11 October 2017`,
    /// `11.10.2017`) then a time (`00:01`), with optional commas between.
    static func timestamp(_ s: String) -> Day? {
        guard s.utf8.count >= 14, s.utf8.count <= 40 else { return nil }
        let u = Array(s.utf8)
        // "hh:mm" (or "h:mm") at the end.
        let n = u.count
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard digit(u[n - 1]), digit(u[n - 2]), u[n - 3] == UInt8(ascii: ":"), digit(u[n - 4]) else { return nil }
        var cut = n - 4
        if cut > 0, digit(u[cut - 1]) { cut -= 1 }
        while cut > 0, u[cut - 1] == 0x20 || u[cut - 1] == UInt8(ascii: ",") { cut -= 1 }
        let datePart = String(decoding: u[0..<cut], as: UTF8.self)
        if let d = TextTools.leadingDottedDate(datePart).day, datePart.utf8.count == 10 { return d }
        return dateLine(datePart)
    }

    /// A line that is only a date written out: `May 22, 2019`, `22 May 2019`, `22 мая 2019 г.`.
    static func dateLine(_ s: String) -> Day? {
        guard s.utf8.count >= 8, s.utf8.count <= 32, DateExtractor.mayHoldDate(s) else { return nil }
        var toks = DateExtractor.tokenize(s)
        // A trailing "г", "года" or "year" after the year.
        if toks.count == 4, toks[3] == .word { toks.removeLast() }
        guard toks.count == 3 else { return nil }
        var day: Int?
        var month: Int?
        var year: Int?
        for t in toks {
            switch t {
            case .month(let m): month = m
            case .number(let v, let digits) where digits == 4: year = v
            case .number(let v, let digits) where digits <= 2: day = v
            default: return nil
            }
        }
        guard let day, let month, let year, (1990...2100).contains(year) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// "On 13 July", "From 25 to 27 July", "In the period from", "12 марта", "May 26, ..." at
    /// the start of the line.
    static let leadOpeners: Set<String> = ["on", "from", "in", "during", "between", "since", "at", "by", "until", "till",
                                           "с", "со", "в", "во", "по", "на", "до", "между"]

    static func opensWithDatePhrase(_ s: String) -> Bool {
        // A digit in the first 60 bytes, cheaply, before anything else.
        guard s.utf8.prefix(60).contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let head = String(s.prefix(60))
        // The phrase opens the line: "On 13 July", "From 25 to 27 July", "13 July", "July 13".
        let firstWord = head.prefix { $0.isLetter || $0.isNumber }.lowercased()
        guard !firstWord.isEmpty else { return false }
        guard leadOpeners.contains(firstWord) || firstWord.first?.isNumber == true
                || DateExtractor.months[DateExtractor.hash(firstWord)] != nil else { return false }
        let toks = DateExtractor.tokenize(head)
        // A day and a month among the first six words.
        var sawDay = false
        var sawMonth = false
        for t in toks.prefix(7) {
            if case .month = t { sawMonth = true }
            if case .number(let v, let digits) = t, digits <= 2, (1...31).contains(v) { sawDay = true }
        }
        return sawDay && sawMonth
    }
}
