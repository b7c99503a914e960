/// Finds the date or span of the event an article reports, in the forms the site writes:
/// `On 25 July 2024`, `From April 8 to 11, 2024`, `From 1 to 23 April 2024`,
/// `In the period from 12 to 13 March 2024`, `on June 27` (year from the publication date),
/// `12 марта 2024 года`, and years mistyped as `20`8` (recovered from a year the text gives
/// elsewhere, e.g. in `Interaction-2018`). Historical dates (a treaty signed in 1992) are skipped.
///
/// It reads the words of `WordScanner` (hashed, no allocation per word), so it is cheap enough to
/// run over every article of a large corpus.
public enum DateExtractor {
    enum Tok: Equatable {
        case number(Int, digits: Int)
        /// Four characters, digits and one stray character (`20`8`): the digits, -1 for the stray one.
        case brokenYear([Int])
        case month(Int)
        case range
        case history
        case word
    }

    static func hash(_ s: String) -> UInt64 { WordScanner.scan(s)[0].folded }

    static let months: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december"]
        for (i, name) in english.enumerated() {
            m[hash(name)] = i + 1
            m[hash(String(name.prefix(3)))] = i + 1
        }
        m[hash("sept")] = 9
        let russian = [["январь", "января"], ["февраль", "февраля"], ["март", "марта"], ["апрель", "апреля"],
                       ["май", "мая"], ["июнь", "июня"], ["июль", "июля"], ["август", "августа"],
                       ["сентябрь", "сентября"], ["октябрь", "октября"], ["ноябрь", "ноября"], ["декабрь", "декабря"]]
        for (i, names) in russian.enumerated() { for n in names { m[hash(n)] = i + 1 } }
        return m
    }()
    /// Month abbreviations that are also English words: months only when capitalized.
    static let ambiguous: Set<UInt64> = [hash("may"), hash("mar"), hash("jan"), hash("dec")]
    static let rangeWords: Set<UInt64> = Set(["to", "till", "until", "through", "and", "по", "до", "и"].map(hash))
    static let historyWords: Set<UInt64> = Set(["signed", "founded", "established", "adopted", "since", "entered",
                                                "created", "formed", "ratified", "подписан", "подписано", "основана",
                                                "создана"].map(hash))

    /// The tokens of a text, and for each the number of the sentence it stands in.
    static func tokenize(_ text: String) -> [Tok] { tokenizeWithSentences(text).0 }

    static func tokenizeWithSentences(_ text: String) -> ([Tok], [Int]) {
        var text = text
        return text.withUTF8 { u -> ([Tok], [Int]) in
            let words = WordScanner.scan(u)
            var out: [Tok] = []
            var sentence: [Int] = []
            out.reserveCapacity(words.count + 8)
            sentence.reserveCapacity(words.count + 8)
            var current = 0
            var k = 0
            while k < words.count {
                let w = words[k]
                // A sentence ends at ". ", "! ", "? " between two words (not after "Jan." or "A.").
                if k > 0, w.separator == .other {
                    let prev = words[k - 1]
                    var i = prev.end
                    while i < w.start {
                        let b = u[i]
                        if (b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ";")),
                           prev.end - prev.start > 3 || b != UInt8(ascii: ".") {
                            current += 1
                            break
                        }
                        i += 1
                    }
                }
                defer { while sentence.count < out.count { sentence.append(current) } }
                if k > 0, w.separator == .hyphen { out.append(.range) }
                if !w.hasLetter {
                    // "20`8": two digit runs around one stray byte, four bytes in all.
                    if k + 1 < words.count, words[k + 1].separator == .other, !words[k + 1].hasLetter,
                       words[k + 1].end - w.start == 4, w.digitCount + words[k + 1].digitCount == 3 {
                        var digits: [Int] = []
                        for i in w.start..<words[k + 1].end {
                            let b = u[i]
                            digits.append(b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : -1)
                        }
                        out.append(.brokenYear(digits))
                        k += 2
                        continue
                    }
                    var v = 0
                    for i in w.start..<w.end { v = v &* 10 &+ Int(u[i] &- 0x30) }
                    out.append(w.digitCount <= 4 ? .number(v, digits: w.digitCount) : .word)
                } else if w.hasDigit, w.end - w.start <= 4, w.digitCount <= 2, let n = ordinal(u, w) {
                    out.append(.number(n, digits: w.digitCount)) // 1st, 22nd, 3rd, 4th
                } else if let m = months[w.folded], !ambiguous.contains(w.folded) || w.capitalized {
                    out.append(.month(m))
                } else if rangeWords.contains(w.folded) {
                    out.append(.range)
                } else if historyWords.contains(w.folded) {
                    out.append(.history)
                } else {
                    out.append(.word)
                }
                k += 1
            }
            while sentence.count < out.count { sentence.append(current) }
            return (out, sentence)
        }
    }

    /// "1st", "22nd", "3rd", "4th" as numbers.
    static func ordinal(_ u: UnsafeBufferPointer<UInt8>, _ w: WordToken) -> Int? {
        var v = 0
        var i = w.start
        while i < w.end, u[i] >= 0x30, u[i] <= 0x39 { v = v * 10 + Int(u[i] - 0x30); i += 1 }
        guard i > w.start, w.end - i == 2 else { return nil }
        let suffix = String(decoding: UnsafeBufferPointer(rebasing: u[i..<w.end]), as: UTF8.self).lowercased()
        return ["st", "nd", "rd", "th"].contains(suffix) ? v : nil
    }

    struct Context {
        var published: Day?
        /// Four-digit years written anywhere in the article, for repairing a mistyped one.
        var yearsInText: [Int]
    }

    /// The event of an article: the first date or span found in its title and first paragraphs.
    public static func event(title: String?, paragraphs: [String], published: Day?) -> DateSpan? {
        var texts: [String] = []
        if let title { texts.append(title) }
        texts += paragraphs.prefix(4)
        var ctx = Context(published: published, yearsInText: [])
        var yearsRead = false
        for t in texts where mayHoldDate(t) {
            let (toks, sentences) = tokenizeWithSentences(t)
            if !yearsRead, toks.contains(where: { if case .brokenYear = $0 { return true } else { return false } }) {
                // Only a mistyped year needs the article's other years.
                for p in [title ?? ""] + paragraphs { ctx.yearsInText += yearsMentioned(p) }
                yearsRead = true
            }
            if let span = firstSpan(in: toks, sentences: sentences, ctx) { return span }
        }
        return nil
    }

    /// A cheap test: a date needs a digit.
    static func mayHoldDate(_ s: String) -> Bool {
        s.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func yearsMentioned(_ s: String) -> [Int] {
        var years: [Int] = []
        var run = 0
        var value = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                // Only four-digit runs matter; a longer run must not overflow (found by fuzzing).
                if run <= 4 { value = value * 10 + Int(b - 0x30) }
            } else {
                if run == 4, (1900...2100).contains(value) { years.append(value) }
                run = 0
                value = 0
            }
        }
        if run == 4, (1900...2100).contains(value) { years.append(value) }
        return years
    }

    /// `.some(year)` when a year is written (`.some(nil)` when it cannot be read), nil when none is.
    static func year(_ tok: Tok?, _ ctx: Context) -> Int?? {
        switch tok {
        case .number(let y, let digits) where digits == 4 && (1900...2100).contains(y):
            return .some(y)
        case .brokenYear(let digits):
            func fits(_ y: Int) -> Bool {
                let ys = String(y).utf8.map { Int($0 - 0x30) }
                return ys.count == digits.count && zip(digits, ys).allSatisfy { $0 == -1 || $0 == $1 }
            }
            var counts: [Int: Int] = [:]
            for y in ctx.yearsInText where fits(y) { counts[y, default: 0] += 1 }
            if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key {
                return .some(best)
            }
            if let p = ctx.published?.year, fits(p) { return .some(p) }
            return .some(nil)
        default:
            return nil
        }
    }

    static func isDay(_ t: Tok?) -> Int? {
        if case .number(let d, let digits)? = t, digits <= 2, (1...31).contains(d) { return d }
        return nil
    }

    static func isMonth(_ t: Tok?) -> Int? {
        if case .month(let m)? = t { return m }
        return nil
    }

    static func isRange(_ t: Tok?) -> Bool { t == .range }

    static func firstSpan(in toks: [Tok], sentences: [Int]? = nil, _ ctx: Context) -> DateSpan? {
        func at(_ i: Int) -> Tok? { i >= 0 && i < toks.count ? toks[i] : nil }
        /// The year written, or (none written) the one that puts month/day nearest the publication.
        func resolve(_ y: Int??, month: Int, day: Int) -> Int? {
            switch y {
            case .some(.some(let v)): return v
            case .some(.none): return nil
            case .none:
                guard let p = ctx.published else { return nil }
                let pubDays = p.year * 372 + p.month * 31 + p.day
                return [p.year - 1, p.year, p.year + 1].min { a, b in
                    abs(a * 372 + month * 31 + day - pubDays) < abs(b * 372 + month * 31 + day - pubDays)
                }
            }
        }
        func plausible(_ span: DateSpan, at i: Int) -> Bool {
            for k in max(0, i - 8)..<i where toks[k] == .history && (sentences == nil || sentences![k] == sentences![i]) {
                return false
            }
            if let p = ctx.published {
                // Far before the publication: a historical reference, not the event.
                if span.start.year < p.year - 1 { return false }
            } else if span.start.year < 2000 {
                // The CSTO's news starts in the 2000s; an older date is history (the 1992 treaty).
                return false
            }
            return true
        }
        func make(yearAt j: Int, _ m1: Int, _ d1: Int, _ m2: Int, _ d2: Int, at i: Int) -> DateSpan? {
            guard let yv = resolve(year(at(j), ctx), month: m1, day: d1), let a = Day(year: yv, month: m1, day: d1),
                  let b = Day(year: yv, month: m2, day: d2) else { return nil }
            // A span that wraps the year end (December to January).
            let end = b < a ? (Day(year: yv + 1, month: m2, day: d2) ?? b) : b
            let span = DateSpan(start: a, end: end)
            return plausible(span, at: i) ? span : nil
        }
        /// Both ends with their own years: "28 December 2023 to 9 January 2024".
        func makeFull(_ y1: Int??, _ m1: Int, _ d1: Int, _ y2: Int??, _ m2: Int, _ d2: Int, at i: Int) -> DateSpan? {
            guard case .some(.some(let a)) = y1, case .some(.some(let b)) = y2,
                  let start = Day(year: a, month: m1, day: d1), let end = Day(year: b, month: m2, day: d2), start <= end else { return nil }
            let span = DateSpan(start: start, end: end)
            return plausible(span, at: i) ? span : nil
        }
        var i = 0
        while i < toks.count {
            if let d1 = isDay(at(i)), let m1 = isMonth(at(i + 1)), year(at(i + 2), ctx) != nil, isRange(at(i + 3)),
               let d2 = isDay(at(i + 4)), let m2 = isMonth(at(i + 5)),
               let s = makeFull(year(at(i + 2), ctx), m1, d1, year(at(i + 6), ctx), m2, d2, at: i) {
                return s
            }
            if let m1 = isMonth(at(i)), let d1 = isDay(at(i + 1)), year(at(i + 2), ctx) != nil, isRange(at(i + 3)),
               let m2 = isMonth(at(i + 4)), let d2 = isDay(at(i + 5)),
               let s = makeFull(year(at(i + 2), ctx), m1, d1, year(at(i + 6), ctx), m2, d2, at: i) {
                return s
            }
            if let d1 = isDay(at(i)) {
                // D (to|-) D Month [Year]
                if isRange(at(i + 1)), let d2 = isDay(at(i + 2)), let m = isMonth(at(i + 3)),
                   let s = make(yearAt: i + 4, m, d1, m, d2, at: i) { return s }
                // D Month (to|-) D Month [Year]
                if let m1 = isMonth(at(i + 1)), isRange(at(i + 2)), let d2 = isDay(at(i + 3)), let m2 = isMonth(at(i + 4)),
                   let s = make(yearAt: i + 5, m1, d1, m2, d2, at: i) { return s }
                // D Month [Year]
                if let m = isMonth(at(i + 1)), let s = make(yearAt: i + 2, m, d1, m, d1, at: i) { return s }
            } else if let m1 = isMonth(at(i)), let d1 = isDay(at(i + 1)) {
                // Month D (to|-) D, Year
                if isRange(at(i + 2)), let d2 = isDay(at(i + 3)), let s = make(yearAt: i + 4, m1, d1, m1, d2, at: i) { return s }
                // Month D (to|-) Month D, Year
                if isRange(at(i + 2)), let m2 = isMonth(at(i + 3)), let d2 = isDay(at(i + 4)),
                   let s = make(yearAt: i + 5, m1, d1, m2, d2, at: i) { return s }
                // Month D[, Year]  ("June 2019" is no day: a four-digit number is a year)
                if let s = make(yearAt: i + 2, m1, d1, m1, d1, at: i) { return s }
            }
            i += 1
        }
        return nil
    }
}
