import Corpus

/// One token of a query as typed: a word, a quoted phrase or a `field:value` filter, with
/// where it stands in the text (character columns, from 1) for error messages and completion.
public struct QueryToken: Sendable, Equatable {
    /// The token's text without its `-` and, for a phrase, without its quotes. A filter keeps
    /// its quotes (`org:"Council of Defense Ministers"`).
    public var text: String
    public var quoted: Bool
    public var negated: Bool
    /// A closing quote was typed, or something follows the token.
    public var closed: Bool
    /// First and last column (1-based, in characters) the token covers, its `-` included.
    public var column: Int
    public var endColumn: Int

    /// `OR` as an operator (not quoted, not negated).
    public var isOr: Bool { !quoted && !negated && text.lowercased() == "or" }

    /// The field name and value of a `name:value` token (quotes removed from the value).
    public var field: (name: String, value: String)? {
        guard !quoted, let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        guard !name.isEmpty, name.allSatisfy(\.isLetter) else { return nil }
        var value = String(text[text.index(after: colon)...])
        if value.hasPrefix("\"") { value.removeFirst() }
        if value.hasSuffix("\"") { value.removeLast() }
        return (name.lowercased(), value)
    }

    /// The token as it is written back into a query.
    public var written: String {
        (negated ? "-" : "") + (quoted ? "\"" + text + (closed || text.isEmpty ? "\"" : "") : text)
    }
}

/// The one owner of the query language's surface: how a query splits into tokens, and how the
/// filter panel, the CLI options (`--year`, `--org`, `--kind`) and completion add, remove and
/// toggle `field:value` terms in it. The parser (`QueryParser`) reads the same tokens.
public enum QueryText {
    /// The facets the filter panel offers and their field names in the query.
    public static let facets: [Facet] = [.year, .organization, .kind, .country, .exercise]

    public static func field(_ f: Facet) -> String {
        switch f {
        case .year: return "year"
        case .organization: return "org"
        case .kind: return "kind"
        case .country: return "country"
        case .exercise: return "exercise"
        case .person: return "person"
        }
    }

    public static func facet(named name: String) -> Facet? {
        facets.first { field($0) == name.lowercased() }
    }

    public static func title(_ f: Facet) -> String {
        switch f {
        case .year: return "Year"
        case .organization: return "Organization"
        case .kind: return "Kind"
        case .country: return "Country"
        case .exercise: return "Exercise series"
        case .person: return "Person"
        }
    }

    /// Splits a query into tokens. A quote opens a phrase up to the next quote (or the end);
    /// inside a `field:"…"` value, spaces do not split.
    public static func tokens(_ text: String) -> [QueryToken] {
        var out: [QueryToken] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            var negated = false
            if chars[i] == "-", i + 1 < chars.count, !chars[i + 1].isWhitespace {
                negated = true
                i += 1
            }
            if chars[i] == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != "\"" { j += 1 }
                let closed = j < chars.count
                out.append(QueryToken(text: String(chars[(i + 1)..<j]), quoted: true, negated: negated, closed: closed,
                                      column: start + 1, endColumn: closed ? j + 1 : j))
                i = closed ? j + 1 : j
                continue
            }
            var j = i
            var inQuote = false
            while j < chars.count, inQuote || !chars[j].isWhitespace {
                if chars[j] == "\"" { inQuote.toggle() }
                j += 1
            }
            out.append(QueryToken(text: String(chars[i..<j]), quoted: false, negated: negated, closed: j < chars.count && !inQuote,
                                  column: start + 1, endColumn: j))
            i = j
        }
        return out
    }

    /// `field:value`, quoted when the value has spaces.
    public static func term(_ f: Facet, _ value: String) -> String { term(field: field(f), value) }

    public static func term(field name: String, _ value: String) -> String {
        value.contains(" ") ? "\(name):\"\(value)\"" : "\(name):\(value)"
    }

    /// A month as `month:` writes it: `2024-04`.
    public static func month(year: Int, month: Int) -> String {
        "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
    }

    /// The values a query selects for each facet (its positive `field:value` tokens).
    public static func selected(in text: String) -> [Facet: [String]] {
        var out: [Facet: [String]] = [:]
        for t in tokens(text) where !t.negated {
            if let (name, value) = t.field, let f = facet(named: name), !value.isEmpty { out[f, default: []].append(value) }
        }
        return out
    }

    /// The months a query selects (`month:2024-04`), as written.
    public static func months(in text: String) -> [String] { values(field: "month", in: text) }

    /// Whether the query's year and month filters are one OR (as the filter panel writes them),
    /// not a year ANDed with a month typed so (`year:2024 month:2024-04`).
    public static func yearsAndMonthsORed(in text: String) -> Bool {
        let toks = tokens(text)
        let time = toks.indices.filter { !toks[$0].negated && ["year", "month"].contains(toks[$0].field?.name ?? "") }
        return zip(time, time.dropFirst()).allSatisfy { $1 == $0 + 2 && toks[$0 + 1].isOr }
    }

    /// The query with every positive filter of field `name` removed, and the ORs that joined them.
    public static func removing(field name: String, from text: String) -> String {
        var toks = tokens(text)
        var i = 0
        while i < toks.count {
            if !toks[i].negated, toks[i].field?.name == name {
                toks.remove(at: i)
                if i < toks.count, toks[i].isOr {
                    toks.remove(at: i)
                } else if i > 0, toks[i - 1].isOr {
                    toks.remove(at: i - 1)
                    i -= 1
                }
            } else {
                i += 1
            }
        }
        return toks.map(\.written).joined(separator: " ")
    }

    /// The query without a facet's filters. The year facet holds the months too (`month:`).
    public static func removing(_ f: Facet, from text: String) -> String {
        f == .year ? removing(field: "month", from: removing(field: "year", from: text)) : removing(field: field(f), from: text)
    }

    /// Turns a value of field `name` on or off; several values of one field are ORed, as the
    /// filter panel and repeated CLI options do.
    public static func toggling(field name: String, _ value: String, in text: String) -> String {
        var values = self.values(field: name, in: text)
        if let i = values.firstIndex(where: { $0.lowercased() == value.lowercased() }) {
            values.remove(at: i)
        } else {
            values.append(value)
            // A month and its own year: the newer choice replaces the older (a month picked in
            // a picked year narrows to it; the year picked again widens back).
            if name == "month", let year = Int(value.prefix(4)) {
                // The year picked whole, or inside a range (`2018..2020` less 2019 is 2018 and 2020).
                let years = self.values(field: "year", in: text)
                let narrowed = years.flatMap { v in yearSpan(v).map { $0.contains(year) ? pieces($0, without: year) : [v] } ?? [v] }
                if narrowed != years { return withValues(field: "month", values, in: withValues(field: "year", narrowed, in: text)) }
            } else if name == "year" {
                let months = self.values(field: "month", in: text)
                let kept = months.filter { !$0.hasPrefix(value + "-") }
                if kept.count < months.count { return withValues(field: "year", values, in: withValues(field: "month", kept, in: text)) }
            }
        }
        return withValues(field: name, values, in: text)
    }

    /// The query narrowed to a period (`2024` or `2024-04`, a trend's bar): the period replaces
    /// the year and month filters when there are none, or when they are ORed (as the panel
    /// writes them) and one of them holds it whole, so the query stays short; else the period is
    /// ANDed as a date range (`after:2024 before:2025`), which the panel's years and months leave
    /// alone.
    public static func narrowing(to period: String, in text: String) -> String {
        let field = period.contains("-") ? "month" : "year"
        let values = self.values(field: "year", in: text) + self.values(field: "month", in: text)
        guard let year = Int(period.prefix(4)) else { return text }
        let holds = values.isEmpty || yearsAndMonthsORed(in: text)
            && values.contains { v in v.contains("-") ? v == period : yearSpan(v)?.contains(year) == true }
        if holds { return withValues(field: field, [period], in: removing(.year, from: text)) }
        let end: String
        if let m = Int(period.dropFirst(5)), period.contains("-") {
            end = m == 12 ? "\(year + 1)-01" : month(year: year, month: m + 1)
        } else {
            end = "\(year + 1)"
        }
        return text + (text.isEmpty ? "" : " ") + "after:\(period) before:\(end)"
    }

    /// The values of the positive filters of field `name`, as written.
    public static func values(field name: String, in text: String) -> [String] {
        tokens(text).compactMap { t in t.negated ? nil : t.field.flatMap { $0.name == name && !$0.value.isEmpty ? $0.value : nil } }
    }

    public static func toggling(_ f: Facet, _ value: String, in text: String) -> String {
        toggling(field: field(f), value, in: text)
    }

    /// Turns one year off inside a typed range: `year:2018..2024` without 2020 becomes
    /// `year:2018..2019 OR year:2021..2024`; the field's other values stay.
    public static func removingYear(_ year: Int, fromRange raw: String, in text: String) -> String {
        guard raw.contains(".."), let span = yearSpan(raw), span.contains(year) else { return toggling(.year, raw, in: text) }
        let others = (selected(in: text)[.year] ?? []).filter { $0 != raw }
        return withValues(field: "year", others + pieces(span, without: year), in: text)
    }

    /// A `year:` value's years: `2024`, or a range `2018..2024`; nil for anything else.
    static func yearSpan(_ value: String) -> ClosedRange<Int>? {
        let ends = value.components(separatedBy: "..").map { Int($0) }
        guard (1...2).contains(ends.count), let a = ends.first!, let b = ends.last!, a <= b else { return nil }
        return a...b
    }

    /// The years of `span` but `year`, as the values that write them (`2018..2020` less 2019:
    /// `2018`, `2020`; none for the year alone).
    static func pieces(_ span: ClosedRange<Int>, without year: Int) -> [String] {
        func range(_ a: Int, _ b: Int) -> String? { a > b ? nil : a == b ? "\(a)" : "\(a)..\(b)" }
        return [range(span.lowerBound, year - 1), range(year + 1, span.upperBound)].compactMap { $0 }
    }

    /// The query with field `name` set to exactly these values (ORed), replacing what it had.
    /// Years and months are one facet: their values are ORed together (`year:2019 OR
    /// month:2024-03` is 2019 and March 2024), years first.
    public static func withValues(field name: String, _ values: [String], in text: String) -> String {
        var rest = removing(field: name, from: text)
        var terms = values.map { term(field: name, $0) }
        if name == "year" || name == "month" {
            let other = name == "year" ? "month" : "year"
            let others = self.values(field: other, in: rest).map { term(field: other, $0) }
            rest = removing(field: other, from: rest)
            terms = name == "year" ? terms + others : others + terms
        }
        if !terms.isEmpty {
            rest += (rest.isEmpty ? "" : " ") + terms.joined(separator: " OR ")
        }
        return rest
    }

    /// The query without any filter of the panel's facets (nor months).
    public static func clearingFilters(_ text: String) -> String {
        var t = text
        for f in facets { t = removing(f, from: t) }
        return t
    }

    /// The words of a query, its filters left out (for the header, where filters are chips).
    public static func words(_ text: String) -> String { clearingFilters(text) }

    /// The query the CLI options mean: each option a field, repeated options ORed, as the filter
    /// panel writes them (`--year 2023 --year 2024 --org UN` is `year:2023 OR year:2024 org:UN`).
    public static func filters(years: [String], orgs: [String], kinds: [String], months: [String] = []) -> String {
        var q = ""
        q = withValues(field: "year", years, in: q)
        // `--month` is a filter of its own, ANDed with `--year` (the panel ORs them).
        if !months.isEmpty { q += (q.isEmpty ? "" : " ") + months.map { term(field: "month", $0) }.joined(separator: " OR ") }
        q = withValues(field: "org", orgs, in: q)
        q = withValues(field: "kind", kinds, in: q)
        return q
    }

    /// Mistakes a finished query may hold that the parser would otherwise pass over: an open
    /// quote, an `OR` with nothing on one side, parentheses. Each names its column.
    /// `typing`: the search line's text, whose last token may be half typed: an open quote or a
    /// final `OR` or `-` there is not (yet) a mistake.
    public static func structureError(_ text: String, typing: Bool = false) -> QueryError? {
        let toks = tokens(text)
        for (i, t) in toks.enumerated() {
            if !t.quoted, t.text.hasPrefix("(") || t.text.hasSuffix(")") {
                let col = t.text.hasPrefix("(") ? t.column + (t.negated ? 1 : 0) : t.endColumn
                return QueryError(message: "parentheses are not supported (column \(col)): terms are ANDed, and OR joins the two next to it, e.g. a OR b c")
            }
            if typing, i == toks.count - 1, !t.closed { continue }
            if !t.quoted, !t.negated, t.text == "-" {
                return QueryError(message: "a lone - at column \(t.column) excludes nothing: write it before a word, e.g. -nato")
            }
            if t.quoted, !t.closed {
                return QueryError(message: "unbalanced quote: the \" at column \(t.column + (t.negated ? 1 : 0)) is never closed")
            }
            if !t.quoted, t.text.filter({ $0 == "\"" }).count % 2 == 1 {
                let offset = t.text.firstIndex(of: "\"").map { t.text.distance(from: t.text.startIndex, to: $0) } ?? 0
                return QueryError(message: "unbalanced quote: the \" at column \(t.column + offset + (t.negated ? 1 : 0)) is never closed")
            }
            // Written `OR` (capitals): a lowercase `or` at either end is a word.
            let operatorOr = t.isOr && t.text == "OR"
            let nextHalfTyped = typing && i + 1 == toks.count - 1 && !toks[i + 1].closed
            if operatorOr, !typing && i == toks.count - 1 || i < toks.count - 1 && toks[i + 1].isOr && !nextHalfTyped {
                return QueryError(message: "OR at column \(t.column) needs a term after it, e.g. a OR b")
            }
            if operatorOr, i == 0 {
                return QueryError(message: "OR at column \(t.column) needs a term before it, e.g. a OR b")
            }
        }
        return nil
    }

    // MARK: Completion

    /// The token the cursor (a character offset) is in or just after.
    public static func tokenAt(_ text: String, cursor: Int) -> QueryToken? {
        tokens(text).last { $0.column - 1 < cursor && cursor <= $0.endColumn }
    }

    /// Completes the token before the cursor: a field name (`ki` → `kind:`) or a field's value
    /// (`kind:me` → `kind:meeting`, `org:coll` → `org:"Collective Security Treaty Organization"`).
    /// `values(field)` gives the values a field can take. Returns the new text and cursor, and
    /// the other candidates when there is more than one (the common prefix is filled in).
    public static func complete(_ text: String, cursor: Int, values: (String) -> [String])
        -> (text: String, cursor: Int, candidates: [String])? {
        let chars = Array(text)
        guard cursor <= chars.count, let token = tokenAt(text, cursor: cursor) else { return nil }
        // The token the cursor ends (a quoted value with spaces is one token).
        let start = token.column - 1
        var word = String(chars[start..<cursor])
        var sign = ""
        if word.hasPrefix("-") { sign = "-"; word.removeFirst() }
        guard !word.isEmpty else { return nil }
        let candidates: [String]
        let replacementFor: (String) -> String
        if let colon = word.firstIndex(of: ":") {
            let name = word[..<colon].lowercased()
            var typed = String(word[word.index(after: colon)...])
            if typed.hasPrefix("\"") { typed.removeFirst() }
            let folded = typed.lowercased()
            let all = values(name)
            // Values that start with what is typed; else values with a word that does.
            var seen = Set<String>()
            let starting = all.filter { $0.lowercased().hasPrefix(folded) && seen.insert($0.lowercased()).inserted }
            seen = []
            candidates = !starting.isEmpty ? starting : folded.count < 2 ? [] : all.filter { v in
                v.lowercased().split(separator: " ").contains { $0.hasPrefix(folded) } && seen.insert(v.lowercased()).inserted
            }
            replacementFor = { v in "\(name):" + (v.contains(" ") ? "\"\(v)\"" : v) }
        } else {
            let names = FieldFilter.fieldNames
            candidates = names.filter { $0.hasPrefix(word.lowercased()) }
            replacementFor = { $0 + ":" }
        }
        guard !candidates.isEmpty else { return nil }
        var replacement: String
        if candidates.count == 1 {
            replacement = replacementFor(candidates[0])
            if !replacement.hasSuffix(":") { replacement += " " }
        } else {
            // The longest common prefix (by characters, any case) of the candidates.
            let forms = candidates.map(replacementFor)
            var common = Array(forms[0])
            for f in forms.dropFirst() {
                let a = Array(f)
                var n = 0
                while n < common.count, n < a.count, String(common[n]).lowercased() == String(a[n]).lowercased() { n += 1 }
                common = Array(common[0..<n])
            }
            replacement = String(common)
            if replacement.count < word.count { replacement = word }
            if replacement.hasSuffix("\"") { replacement.removeLast() }
        }
        let before = String(chars[0..<start]), after = String(chars[cursor...])
        let newText = before + sign + replacement + (after.hasPrefix(" ") && replacement.hasSuffix(" ") ? String(after.dropFirst()) : after)
        return (newText, before.count + sign.count + replacement.count, candidates.count > 1 ? candidates : [])
    }
}
