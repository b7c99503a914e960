import Corpus

/// Checks the organizations a query names: one that neither the pages nor the gazetteer know is
/// an error naming the nearest known ones (a typo should not look like "no results"), for the
/// CLI and the reader's search line alike.
public enum NameCheck {
    /// The error for the first unknown organization of `query`, if any. `typing`: the last
    /// token, still being typed, is not checked.
    public static func unknownOrganization(in query: String, index: SearchIndex, typing: Bool = false) -> QueryError? {
        // Most queries name no organization: nothing to work out for them (this runs on every
        // keystroke of the reader's search line).
        guard query.contains(":") else { return nil }
        var toks = QueryText.tokens(query)
        if typing, let last = toks.last, !last.closed { toks.removeLast() }
        for t in toks where !t.negated {
            guard let (name, value) = t.field, name == "org", !value.isEmpty else { continue }
            if !index.gazetteer.names(matching: value, kind: .org).isEmpty { continue }
            // A name the pages use, or one whose words start so (`org:council`), is known.
            let words = Folding.terms(value)
            if index.facetValues(.organization).contains(where: { Folding.terms($0) == words || Searcher.wordsMatch(words, $0) }) { continue }
            let near = nearest(value, in: knownNames(index), count: 3)
            return QueryError(message: "no article names the organization '\(QueryParser.shown(value))'"
                + (near.isEmpty ? "" : " — nearest known: " + near.joined(separator: ", ")))
        }
        return nil
    }

    /// Organization names the pages use, and the gazetteer's names and aliases.
    static func knownNames(_ index: SearchIndex) -> [String] {
        var names = Set(index.facetValues(.organization))
        for e in index.gazetteer.entries where e.kind == .org {
            names.insert(e.canonical)
            e.aliases.forEach { names.insert($0) }
        }
        return names.sorted()
    }

    /// The names closest to `word` (edit distance on lowercased text; a name that starts with it
    /// counts as 1), nearest first, then by name: the same answer every run.
    public static func nearest(_ word: String, in names: [String], count: Int) -> [String] {
        let w = Array(word.lowercased())
        let limit = max(2, w.count / 2)
        let scored = names.map { name -> (String, Int) in
            let n = Array(name.lowercased())
            var d = EditDistance.between(w, n)
            if n.starts(with: w) { d = min(d, 1) }
            return (name, d)
        }
        return scored.filter { $0.1 <= limit && $0.0.lowercased() != word.lowercased() }
            .sorted { ($0.1, $0.0.count, $0.0) < ($1.1, $1.0.count, $1.0) }.prefix(count).map(\.0)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    public static func between<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
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
