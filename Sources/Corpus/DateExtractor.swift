/// Finds the date or span of the event an article reports, in the forms the site writes:
/// `On 25 July 2024`, `From April 8 to 11, 2024`, `From 1 to 23 April 2024`,
/// `In the period from 12 to 13 March 2024`, `on June 27` (year from the publication date),
/// `12 марта 2024 года`, and years mistyped as `20`8` (recovered from a year the text gives
/// elsewhere, e.g. in `Interaction-2018`). Historical dates (a treaty signed in 1992) are skipped.
public enum DateExtractor {
    enum Tok: Equatable {
        case number(Int, digits: Int)
        case brokenYear(String)    // four characters, digits and one stray character
        case month(Int)
        case word(String)
        case dash
        case comma
    }

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december"]
        for (i, name) in english.enumerated() {
            m[name] = i + 1
            m[String(name.prefix(3))] = i + 1
        }
        m["sept"] = 9
        let russian = [["январь", "января"], ["февраль", "февраля"], ["март", "марта"], ["апрель", "апреля"],
                       ["май", "мая"], ["июнь", "июня"], ["июль", "июля"], ["август", "августа"],
                       ["сентябрь", "сентября"], ["октябрь", "октября"], ["ноябрь", "ноября"], ["декабрь", "декабря"]]
        for (i, names) in russian.enumerated() { for n in names { m[n] = i + 1 } }
        return m
    }()

    static let rangeWords: Set<String> = ["to", "till", "until", "through", "and", "по", "до", "и"]
    static let historyWords: Set<String> = ["signed", "founded", "established", "adopted", "since", "entered",
                                            "created", "formed", "ratified", "подписан", "подписано", "основана", "создана"]

    static func tokenize(_ s: String) -> [Tok] {
        var out: [Tok] = []
        for chunk in s.split(whereSeparator: { $0 == " " }) {
            var word = Substring(chunk)
            var trailing: [Tok] = []
            while let c = word.last, ",;:.)»”\"'’!?".contains(c) {
                if c == "," || c == ";" { trailing.insert(.comma, at: 0) }
                word = word.dropLast()
            }
            while let c = word.first, "(«“\"'‘".contains(c) { word = word.dropFirst() }
            if word.isEmpty { out += trailing; continue }
            if word == "-" || word == "–" || word == "—" { out.append(.dash); out += trailing; continue }
            // 12-13, 12–13: split on the dash between numbers.
            let pieces = word.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
            if pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                out.append(.number(Int(pieces[0])!, digits: pieces[0].count))
                out.append(.dash)
                out.append(.number(Int(pieces[1])!, digits: pieces[1].count))
                out += trailing
                continue
            }
            if word.allSatisfy(\.isASCIIDigit), word.count <= 4 {
                out.append(.number(Int(word)!, digits: word.count))
            } else if word.count == 4, word.filter(\.isASCIIDigit).count == 3, word.first!.isASCIIDigit {
                out.append(.brokenYear(String(word)))
            } else {
                let lower = word.lowercased()
                let key = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
                if let m = months[key], !(key == "may" && word.first == "m"), !(key == "mar" && word.first == "m") {
                    out.append(.month(m))
                } else {
                    out.append(.word(lower))
                }
            }
            out += trailing
        }
        return out
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
        var years: [Int] = []
        for t in [title ?? ""] + paragraphs {
            years += yearsMentioned(t)
        }
        let ctx = Context(published: published, yearsInText: years)
        for t in texts {
            if let span = firstSpan(in: tokenize(t), ctx) { return span }
        }
        return nil
    }

    static func yearsMentioned(_ s: String) -> [Int] {
        var years: [Int] = []
        var run = 0
        var value = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                value = value * 10 + Int(b - 0x30)
            } else {
                if run == 4, (1900...2100).contains(value) { years.append(value) }
                run = 0
                value = 0
            }
        }
        if run == 4, (1900...2100).contains(value) { years.append(value) }
        return years
    }

    static func year(_ tok: Tok?, _ ctx: Context) -> Int?? {
        switch tok {
        case .number(let y, let digits) where digits == 4 && (1900...2100).contains(y):
            return .some(y)
        case .brokenYear(let s):
            let chars = Array(s)
            let matching = ctx.yearsInText.filter { y in
                let ys = Array(String(y))
                return zip(chars, ys).allSatisfy { a, b in !a.isASCIIDigit || a == b }
            }
            if let best = Dictionary(grouping: matching, by: { $0 }).max(by: { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) })?.key {
                return .some(best)
            }
            if let p = ctx.published?.year, zip(chars, Array(String(p))).allSatisfy({ a, b in !a.isASCIIDigit || a == b }) {
                return .some(p)
            }
            return .some(nil) // a year was written, but it cannot be read
        default:
            return nil // no year written here
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

    static func isRange(_ t: Tok?) -> Bool {
        switch t {
        case .dash?: return true
        case .word(let w)?: return rangeWords.contains(w)
        default: return false
        }
    }

    static func firstSpan(in toks: [Tok], _ ctx: Context) -> DateSpan? {
        func at(_ i: Int) -> Tok? { i >= 0 && i < toks.count ? toks[i] : nil }
        /// The year after position i (skipping a comma), and how many tokens it used.
        func yearAfter(_ i: Int) -> (Int??, Int) {
            var j = i
            if at(j) == .comma { j += 1 }
            if let y = year(at(j), ctx) { return (y, j - i + 1) }
            return (nil, 0)
        }
        func resolve(_ y: Int??) -> Int? {
            switch y {
            case .some(.some(let v)): return v
            case .some(.none): return nil
            case .none: return ctx.published?.year
            }
        }
        func make(_ y: Int??, _ m1: Int, _ d1: Int, _ m2: Int, _ d2: Int, at i: Int) -> DateSpan? {
            guard let yv = resolve(y), let a = Day(year: yv, month: m1, day: d1) else { return nil }
            guard let b = Day(year: yv, month: m2, day: d2) else { return nil }
            // A span that wraps the year end (December to January).
            let end = b < a ? (Day(year: yv + 1, month: m2, day: d2) ?? b) : b
            let span = DateSpan(start: a, end: end)
            return plausible(span, at: i) ? span : nil
        }
        func plausible(_ span: DateSpan, at i: Int) -> Bool {
            for k in max(0, i - 8)..<i {
                if case .word(let w) = toks[k], historyWords.contains(w) { return false }
            }
            if let p = ctx.published {
                // Far before the publication: a historical reference, not the event.
                if span.start.year < p.year - 1 { return false }
            }
            return true
        }
        var i = 0
        while i < toks.count {
            // D (to|-) D Month [Year]
            if let d1 = isDay(at(i)), isRange(at(i + 1)), let d2 = isDay(at(i + 2)), let m = isMonth(at(i + 3)) {
                let (y, _) = yearAfter(i + 4)
                if let s = make(y, m, d1, m, d2, at: i) { return s }
            }
            // D Month (to|-) D Month [Year]
            if let d1 = isDay(at(i)), let m1 = isMonth(at(i + 1)), isRange(at(i + 2)), let d2 = isDay(at(i + 3)),
               let m2 = isMonth(at(i + 4)) {
                let (y, _) = yearAfter(i + 5)
                if let s = make(y, m1, d1, m2, d2, at: i) { return s }
            }
            // Month D (to|-) D, Year
            if let m = isMonth(at(i)), let d1 = isDay(at(i + 1)), isRange(at(i + 2)), let d2 = isDay(at(i + 3)) {
                let (y, _) = yearAfter(i + 4)
                if let s = make(y, m, d1, m, d2, at: i) { return s }
            }
            // Month D (to|-) Month D, Year
            if let m1 = isMonth(at(i)), let d1 = isDay(at(i + 1)), isRange(at(i + 2)), let m2 = isMonth(at(i + 3)),
               let d2 = isDay(at(i + 4)) {
                let (y, _) = yearAfter(i + 5)
                if let s = make(y, m1, d1, m2, d2, at: i) { return s }
            }
            // D Month [Year]
            if let d = isDay(at(i)), let m = isMonth(at(i + 1)) {
                let (y, _) = yearAfter(i + 2)
                if let s = make(y, m, d, m, d, at: i) { return s }
            }
            // Month D[, Year]  (not "June 2019": a four-digit number is a year, not a day)
            if let m = isMonth(at(i)), let d = isDay(at(i + 1)) {
                let (y, _) = yearAfter(i + 2)
                if let s = make(y, m, d, m, d, at: i) { return s }
            }
            i += 1
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
