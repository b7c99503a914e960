import ArgumentParser
import Corpus
import SearchIndex

/// `--year`, `--month`, `--org`, `--kind`: query terms, written through `QueryText` exactly as
/// the reader's filter panel writes them, so `list --org X` means `org:X` and repeated options
/// are ORed within a field.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only articles of this year (repeat for several: they are ORed).", valueName: "yyyy"))
    var year: [String] = []

    @Option(help: ArgumentHelp("Only articles of this month (repeat for several).", valueName: "yyyy-mm"))
    var month: [String] = []

    @Option(help: ArgumentHelp("Only articles that name this organization: a name, acronym or alias (e.g. UN, ODKB); repeat for several.",
                               valueName: "name"))
    var org: [String] = []

    @Option(help: ArgumentHelp("Only articles of this kind: \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")); repeat for several.",
                               valueName: "kind"))
    var kind: [String] = []

    var isEmpty: Bool { year.isEmpty && month.isEmpty && org.isEmpty && kind.isEmpty }

    /// The query terms the options stand for.
    var query: String { QueryText.filters(years: year, orgs: org, kinds: kind, months: month) }

    func validate() throws {
        // Each option's value must be one the query language takes: the same words as `year:` etc.
        for (option, field, values) in [("--year", "year", year), ("--month", "month", month), ("--kind", "kind", kind)] {
            for v in values {
                do { _ = try QueryParser.parse("\(field):\(v)") } catch {
                    throw ValidationError("\(option) '\(v)': " + error.message.replacingOccurrences(of: "\(field): takes", with: "takes"))
                }
            }
        }
    }
}

/// Checks the organizations a query names against the pages: one that no article names gets
/// an error that names the nearest known ones (a typo should not look like "no results").
enum OrganizationCheck {
    static func check(_ query: String, index: SearchIndex) throws {
        let searcher = Searcher(index)
        for org in QueryText.selected(in: query)[.organization] ?? [] {
            guard let q = try? QueryParser.parse(QueryText.term(.organization, org)), searcher.matchSet(q).isEmpty else { continue }
            var names = Set(index.facetValues(.organization))
            for e in index.gazetteer.entries where e.kind == .org { names.insert(e.canonical); e.aliases.forEach { names.insert($0) } }
            let nearest = Self.nearest(org, in: Array(names), count: 3)
            let hint = nearest.isEmpty ? "" : " — nearest known: " + nearest.joined(separator: ", ")
            throw UserError(description: "no article names the organization '\(org)'\(hint)")
        }
    }

    /// The names closest to `word` (edit distance on folded text; a name starting with it first).
    static func nearest(_ word: String, in names: [String], count: Int) -> [String] {
        let w = Array(word.lowercased())
        let scored = names.map { name -> (String, Int) in
            let n = Array(name.lowercased())
            var d = EditDistance.between(w, n)
            if n.starts(with: w) { d = min(d, 1) }
            return (name, d)
        }
        let limit = max(2, w.count / 2)
        return scored.filter { $0.1 <= limit }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.count < $1.0.count }.prefix(count).map(\.0)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    static func between<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
