import Foundation
import Corpus

/// A filter on a document's metadata, written `field:value` in a query.
public enum FieldFilter: Equatable, Sendable {
    case year(ClosedRange<Int>)
    /// Date strictly before this yyyymmdd.
    case before(Int)
    /// Date on or after this yyyymmdd.
    case after(Int)
    case org(String)
    case kind(ArticleKind)
    case person(String)
    case country(String)
    case exercise(String)
    /// `is:read`, `is:unread`, `is:starred`: the user's marks (given to `Searcher.search` as `DocMarks`).
    case status(Status)
    /// `month:2024-04`: dated in that month (yyyymm).
    case month(Int)
    /// `tag:NAME`: the user's tag (case-insensitive).
    case tag(String)
    /// `has:note`, `has:tag`: articles with a note, with any tag.
    case has(Having)

    public enum Status: String, Sendable, CaseIterable { case read, unread, starred }
    public enum Having: String, Sendable, CaseIterable { case note, tag }

    public static let fieldNames = ["year", "month", "before", "after", "org", "kind", "person", "country", "exercise", "is", "tag", "has"]
}

/// A parsed query: clauses that must all match (each a disjunction of atoms), some negated.
public struct Query: Equatable, Sendable {
    public indirect enum Atom: Equatable, Sendable {
        /// One folded term; `prefix` when it is the word being typed.
        case term([UInt8], prefix: Bool)
        /// Adjacent terms (a quoted phrase, or a word like `Interaction-2018`).
        case phrase([[UInt8]], lastIsPrefix: Bool)
        case field(FieldFilter)
        /// Everything but the atom: a negated term inside an OR (`-nato OR otunbayeva`).
        case not(Atom)
    }

    public struct Clause: Equatable, Sendable {
        public var atoms: [Atom]
        public var negated: Bool
    }

    public var clauses: [Clause]
    public var text: String

    public init(clauses: [Clause], text: String) {
        self.clauses = clauses
        self.text = text
    }

    /// The query that matches everything.
    public static let all = Query(clauses: [], text: "")

    public var isEmpty: Bool { clauses.isEmpty }
}

extension FieldFilter {
    /// The facet whose values the filter picks (the year facet holds the months), if any.
    public var facet: Facet? {
        switch self {
        case .year, .month: return .year
        case .org: return .organization
        case .kind: return .kind
        case .person: return .person
        case .country: return .country
        case .exercise: return .exercise
        case .before, .after, .status, .tag, .has: return nil
        }
    }
}

extension Query {
    /// The query without its filters of facet `f` (not the negated ones): what the facet is
    /// counted over, so that its other values stay offered, to be ORed in. Taken off the parsed
    /// clauses, so the rest means exactly what it meant (a word being typed stays a prefix).
    public func removing(_ f: Facet) -> Query {
        var out = self
        out.clauses = clauses.compactMap { clause in
            guard !clause.negated else { return clause }
            var clause = clause
            clause.atoms.removeAll { if case .field(let filter) = $0 { return filter.facet == f } else { return false } }
            return clause.atoms.isEmpty ? nil : clause
        }
        out.text = QueryText.removing(f, from: text)
        return out
    }

    /// The facets the query picks values of (its filters that are not negated).
    public var filteredFacets: [Facet] {
        var out: [Facet] = []
        for clause in clauses where !clause.negated {
            for case .field(let filter) in clause.atoms {
                if let f = filter.facet, !out.contains(f) { out.append(f) }
            }
        }
        return out
    }
}

public struct QueryError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// Parses the query language (case-insensitive):
///
///     words            all must match; the last one is a prefix while typing (no space after it)
///     "exact phrase"   the words next to each other
///     -word -"phrase" -field:value   exclude
///     a OR b           either
///     year:2024  year:2018..2024  before:2024-04-01  after:2024-03  (dates: YYYY, YYYY-MM, YYYY-MM-DD)
///     org:UN  org:"Council of Defense Ministers"  kind:exercise  person:serdyukov
///     country:kyrgyzstan  exercise:interaction
public enum QueryParser {
    public static let help = """
    words             every word must match; the last one matches as a prefix while you type
    "exact phrase"    words next to each other
    -word             exclude (also -"phrase", -field:value)
    a OR b            either one
    year:2024         year:2018..2024
    month:2024-04     dated in that month
    before:2024-04-01 after:2024-03 (dates as YYYY, YYYY-MM or YYYY-MM-DD; after: includes the day)
    org:UN            org:"Council of Defense Ministers" (names, acronyms and aliases)
    kind:exercise     exercise, meeting, interview, statement, other
    person:serdyukov  country:kyrgyzstan  exercise:interaction
    is:unread         is:read  is:starred (your marks in the reader)
    tag:NAME          your tags; has:note  has:tag (words of your notes are searched too)
    Words are looked for in the title, the text, the other titles an article was printed under, its byline and the names it gives (organizations with their aliases, people, countries, exercises).
    """

    /// Parses `text`. With `prefixLast`, a final word with no space after it matches as a prefix.
    /// With `typing` (the reader's search line), what is still being typed is left out rather
    /// than reported: a bare `-`, a negated phrase not closed, a final `OR` (or its `O` after a
    /// term), an open quote with nothing in it yet, and a filter whose value is half typed
    /// (`kind:me`); the word before what was left out stays the prefix being typed (`afgh
    /// kind:me` is `afgh`). A negated word not finished counts as the exact word typed so far
    /// (as a prefix, `-na` would exclude almost everything). While typing, the last positive word
    /// stays a prefix when only filters and negations follow it (`afgh -nato`), unless it ends a
    /// closed phrase (`"council of d" kind:meeting` is the word `d`). `negationDone`:
    /// a negated last word is finished (a space ended it) and counts, as a prefix.
    /// Parentheses, an `OR` with nothing before it and a lone `-` are errors even while typing.
    /// Without `typing`, the query must be whole: an open quote or a dangling `OR` is an error
    /// too. Errors name their column.
    public static func parse(_ text: String, prefixLast: Bool = true, typing: Bool, negationDone: Bool = false) throws(QueryError) -> Query {
        var tokens = QueryText.tokens(text)
        guard typing else {
            if let error = QueryText.structureError(text) { throw error }
            return try parse(tokens, text: text, prefixLast: prefixLast)
        }
        if let error = QueryText.structureError(text, typing: true) { throw error }
        let written = tokens.count
        if let last = tokens.last, !last.closed {
            if let (name, value) = last.field {
                // Not a value yet (`kind:me`), or a year still being typed (`year:202`). A whole
                // one counts, negated or not (`-kind:meeting`).
                if (try? field(name, value)) == nil || (name == "year" && !wholeYears(value)) { tokens.removeLast() }
            } else if last.negated && !negationDone && !last.quoted && !Folding.terms(last.text).isEmpty {
                // A negated word not finished counts as the exact word typed so far: `-meeting`
                // excludes `meeting` at once, and `-me` (as a prefix, almost everything) only
                // the word `me`. A space makes it a prefix.
                tokens[tokens.count - 1].closed = true
            } else if (last.negated && (!negationDone || last.quoted)) || last.isOr || Folding.terms(last.text).isEmpty
                        || (tokens.count > 1 && !last.quoted && last.text == "O") {
                // A negated phrase not finished (a space inside its open quote does not finish
                // it), an `OR` (or its `O`, after a term), or nothing to search for yet (a bare
                // `-` or quote).
                tokens.removeLast()
            }
        }
        if let last = tokens.last, last.isOr { tokens.removeLast() }
        // With what was half typed left out, the word before it is the one being typed again: it
        // stays a prefix, as it was before the space (`afgh kind:me`, `afgh -`, `afgh O`).
        if tokens.count < written, let i = tokens.indices.last, tokens[i].field == nil, !tokens[i].negated,
           !tokens[i].quoted, !tokens[i].isOr {
            tokens[i].closed = false
        }
        // The query's text is what was used (the header shows it), not what is half typed.
        let used = tokens.count == written ? text : tokens.map(\.written).joined(separator: " ")
        return try parse(tokens, text: used, prefixLast: prefixLast)
    }

    /// `2024` or `2018..2024`: every year written with four digits.
    static func wholeYears(_ value: String) -> Bool {
        value.components(separatedBy: "..").allSatisfy { $0.count == 4 && $0.allSatisfy(\.isNumber) }
    }

    /// Checks one `name:value` filter, as a CLI option's value is checked.
    public static func check(field name: String, value: String) throws(QueryError) {
        _ = try field(name, value)
    }

    public static func parse(_ text: String, prefixLast: Bool = true) throws(QueryError) -> Query {
        try parse(text, prefixLast: prefixLast, typing: false)
    }

    static func parse(_ tokens: [QueryToken], text: String, prefixLast: Bool) throws(QueryError) -> Query {
        var clauses: [Query.Clause] = []
        var joinNext = false
        // The word being typed: the last word, when nothing follows it but filters (which the
        // filter panel appends) and negations (`afgh -nato`: an exclusion takes no prefix away),
        // and no space when nothing follows at all. A negated word last, with no space after
        // it, is a prefix of its own.
        // (A token with nothing to search for, as `""`, is passed over.)
        let empty: (QueryToken) -> Bool = { !isField($0) && Folding.terms($0.text).isEmpty }
        let after: (QueryToken) -> Bool = { isField($0) || $0.isOr || $0.negated || empty($0) }
        let lastWord = tokens.lastIndex { !isField($0) && !$0.isOr && !$0.negated && !empty($0) }
        for (i, tok) in tokens.enumerated() {
            let isLast = i == tokens.count - 1
            if tok.isOr, !isLast, !clauses.isEmpty {
                joinNext = true
                continue
            }
            let typing = prefixLast && (i == lastWord && (isLast ? !tok.closed : tokens[(i + 1)...].allSatisfy(after))
                || isLast && !tok.closed && tok.negated && tok.field == nil && !tok.quoted)
            guard let atom = try atom(tok, prefix: typing) else {
                joinNext = false
                continue
            }
            if joinNext, let last = clauses.indices.last {
                // OR with a negated side: the negation moves into the atom.
                if clauses[last].negated {
                    clauses[last].atoms = clauses[last].atoms.map { .not($0) }
                    clauses[last].negated = false
                }
                clauses[last].atoms.append(tok.negated ? .not(atom) : atom)
            } else {
                clauses.append(Query.Clause(atoms: [atom], negated: tok.negated))
            }
            joinNext = false
        }
        return Query(clauses: clauses, text: text)
    }

    /// A `name:value` token (a filter), not a word.
    static func isField(_ tok: QueryToken) -> Bool { tok.field != nil }

    static func atom(_ tok: QueryToken, prefix: Bool) throws(QueryError) -> Query.Atom? {
        if let (name, value) = tok.field {
            return .field(try field(name, value.trimmingCharacters(in: .whitespaces)))
        }
        let terms = Folding.terms(tok.text).map { Array($0.utf8) }
        if terms.isEmpty { return nil }
        // A quoted single word is that word (a prefix while it is being typed, quote still open).
        // So is a quoted phrase: once its quote is closed its last word is whole, whatever follows
        // (`"council of d" kind:meeting` is the exact phrase, as without the filter).
        let open = tok.quoted ? prefix && !tok.closed : prefix
        if terms.count == 1 { return .term(terms[0], prefix: open) }
        return .phrase(terms, lastIsPrefix: open)
    }

    static func field(_ name: String, _ value: String) throws(QueryError) -> FieldFilter {
        guard FieldFilter.fieldNames.contains(name) else {
            throw QueryError(message: "unknown field '\(name):' (use \(FieldFilter.fieldNames.map { $0 + ":" }.joined(separator: " ")))")
        }
        guard !value.isEmpty else {
            throw QueryError(message: "\(name): needs a value, e.g. \(example(name))")
        }
        switch name {
        case "year":
            let parts = value.components(separatedBy: "..")
            let years = parts.map { Int($0) }
            guard (1...2).contains(parts.count), years.allSatisfy({ $0 != nil && (1...9999).contains($0!) }) else {
                throw QueryError(message: "year: takes a year or a range, e.g. year:2024 or year:2018..2024 (not '\(shown(value))')")
            }
            let a = years[0]!, b = years.last!!
            guard a <= b else { throw QueryError(message: "year: range goes backwards: \(shown(value)) (write \(b)..\(a))") }
            return .year(a...b)
        case "before", "after":
            guard let d = date(value, end: false) else {
                throw QueryError(message: "\(name): takes a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \(example(name)) (not '\(shown(value))')")
            }
            return name == "before" ? .before(d) : .after(d)
        case "kind":
            guard let k = ArticleKind(rawValue: value.lowercased()) else {
                throw QueryError(message: "kind: takes one of \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")) (not '\(shown(value))')")
            }
            return .kind(k)
        case "month":
            guard let d = date(value, end: false), value.split(separator: "-").count == 2 else {
                throw QueryError(message: "month: takes a month as YYYY-MM, e.g. month:2024-04 (not '\(shown(value))')")
            }
            return .month(d / 100)
        case "is":
            guard let st = FieldFilter.Status(rawValue: value.lowercased()) else {
                throw QueryError(message: "is: takes read, unread or starred (not '\(shown(value))')")
            }
            return .status(st)
        case "has":
            guard let h = FieldFilter.Having(rawValue: value.lowercased()) else {
                throw QueryError(message: "has: takes note or tag (not '\(shown(value))')")
            }
            return .has(h)
        case "tag": return .tag(value)
        case "org": return .org(value)
        case "person": return .person(value)
        case "country": return .country(value)
        default: return .exercise(value)
        }
    }

    /// A value typed by the user, made safe to echo in a one-line message: control and bidi
    /// characters become `?`, and a long value is cut.
    public static func shown(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            let unsafe = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029
            out.unicodeScalars.append(unsafe ? "?" : scalar)
        }
        return out.count > 40 ? String(out.prefix(39)) + "…" : out
    }

    static func example(_ field: String) -> String {
        switch field {
        case "year": return "year:2024"
        case "month": return "month:2024-04"
        case "before": return "before:2024-04-01"
        case "after": return "after:2024-03"
        case "kind": return "kind:exercise"
        case "org": return "org:UN"
        case "person": return "person:serdyukov"
        case "is": return "is:unread"
        case "has": return "has:note"
        case "tag": return "tag:sources"
        case "country": return "country:kyrgyzstan"
        default: return "exercise:interaction"
        }
    }

    /// YYYY, YYYY-MM or YYYY-MM-DD as yyyymmdd (the first day of a year or month).
    static func date(_ s: String, end: Bool) -> Int? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        var m = 1, d = 1
        if parts.count >= 2 { guard parts[1].count == 2, let v = Int(parts[1]), (1...12).contains(v) else { return nil }; m = v }
        if parts.count == 3 {
            guard parts[2].count == 2, let v = Int(parts[2]), Day(year: y, month: m, day: v) != nil else { return nil }
            d = v
        }
        return y * 10_000 + m * 100 + d
    }
}
