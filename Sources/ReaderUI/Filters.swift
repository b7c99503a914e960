import Corpus
import SearchIndex

/// The filter panel (`f`): the facets of the current results with live counts. Toggling a value
/// edits the query itself (`year:2024 OR year:2023`), so filters and query are one thing: what
/// the panel sets can be typed, and a typed `org:UN` shows as selected in the panel.
public struct FilterPanel: Sendable, Equatable {
    public var row = 0
    public var scroll = 0

    public init(row: Int = 0, scroll: Int = 0) {
        self.row = row
        self.scroll = scroll
    }
}

public enum Filters {
    public static let facets: [Facet] = [.year, .organization, .kind, .country, .exercise]

    static func field(_ f: Facet) -> String {
        switch f {
        case .year: return "year"
        case .organization: return "org"
        case .kind: return "kind"
        case .country: return "country"
        case .exercise: return "exercise"
        }
    }

    public static func title(_ f: Facet) -> String {
        switch f {
        case .year: return "Year"
        case .organization: return "Organization"
        case .kind: return "Kind"
        case .country: return "Country"
        case .exercise: return "Exercise series"
        }
    }

    /// `field:value`, quoted when the value has spaces.
    public static func token(_ f: Facet, _ value: String) -> String {
        value.contains(" ") ? "\(field(f)):\"\(value)\"" : "\(field(f)):\(value)"
    }

    /// The raw tokens of a query: words, quoted phrases, fields, OR.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c == " " && !quoted {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The value of a `field:value` token for a facet (quotes removed), if it is one.
    static func value(of token: String, _ f: Facet) -> String? {
        let prefix = field(f) + ":"
        guard token.lowercased().hasPrefix(prefix) else { return nil }
        var v = String(token.dropFirst(prefix.count))
        if v.hasPrefix("\"") { v.removeFirst() }
        if v.hasSuffix("\"") { v.removeLast() }
        return v.isEmpty ? nil : v
    }

    /// The values a query selects for each facet (its positive `field:value` tokens).
    public static func selected(in text: String) -> [Facet: [String]] {
        var out: [Facet: [String]] = [:]
        for t in tokens(text) where !t.hasPrefix("-") {
            for f in facets { if let v = value(of: t, f) { out[f, default: []].append(v) } }
        }
        return out
    }

    /// The query with every filter of facet `f` removed (and the ORs that joined them).
    static func removing(_ f: Facet, from text: String) -> [String] {
        var toks = tokens(text)
        var i = 0
        while i < toks.count {
            if value(of: toks[i], f) != nil {
                toks.remove(at: i)
                if i < toks.count, toks[i].uppercased() == "OR" { toks.remove(at: i) } else if i > 0, toks[i - 1].uppercased() == "OR" {
                    toks.remove(at: i - 1)
                    i -= 1
                }
            } else {
                i += 1
            }
        }
        return toks
    }

    /// Turns a facet value on or off in the query; several values of one facet are ORed.
    public static func toggle(_ f: Facet, _ value: String, in text: String) -> String {
        var values = selected(in: text)[f] ?? []
        if let i = values.firstIndex(where: { $0.lowercased() == value.lowercased() }) {
            values.remove(at: i)
        } else {
            values.append(value)
        }
        var toks = removing(f, from: text)
        if !values.isEmpty { toks.append(values.map { token(f, $0) }.joined(separator: " OR ")) }
        return toks.joined(separator: " ")
    }

    /// Whether a value typed in the query names a facet value: the same spelling (any case), an
    /// alias the gazetteer knows, or (years) a range that holds it.
    public static func names(_ typed: String, _ value: String, _ f: Facet, _ gazetteer: Gazetteer?) -> Bool {
        if typed.lowercased() == value.lowercased() { return true }
        switch f {
        case .year:
            let parts = typed.components(separatedBy: "..")
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(value) { return a <= y && y <= b }
            return false
        case .organization:
            return gazetteer?.names(matching: typed, kind: .org).contains { $0.lowercased() == value.lowercased() } ?? false
        case .country:
            return gazetteer?.names(matching: typed, kind: .country).contains { $0.lowercased() == value.lowercased() } ?? false
        default:
            return false
        }
    }

    /// The query without any filter.
    public static func clear(_ text: String) -> String {
        var toks = tokens(text)
        for f in facets { toks = removing(f, from: toks.joined(separator: " ")) }
        return toks.joined(separator: " ")
    }
}
