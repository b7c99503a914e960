import Corpus

/// Articles like one article: its most distinctive words asked as one query (BM25 over the
/// index), then weighed by the entities both name and by how close their dates are. An undated
/// teaser finds the dated article it belongs to this way (the statement at the UN Security
/// Council and the 19 July 2024 debate share their words and names).
public struct RelatedArticle: Sendable, Equatable {
    public var doc: Int
    public var score: Float
    /// The organizations, people, countries and exercises both name.
    public var shared: [String]
}

extension Searcher {
    /// The `limit` articles most like document `d`.
    public func related(to d: Int, limit: Int = 5, words: Int = 12) -> [RelatedArticle] {
        let a = index.articles[d]
        // The article's words, weighed by how often it uses them and how rare they are; words
        // only it uses cannot find another article.
        var tf: [String: Int] = [:]
        for text in [a.title, a.title] + a.paragraphs { for t in Folding.terms(text) where t.count > 2 { tf[t, default: 0] += 1 } }
        var weighted: [(term: String, weight: Float)] = []
        for (t, n) in tf {
            guard let id = index.termID(t) else { continue }
            let df = Int(index.postStart[id + 1] - index.postStart[id])
            guard df > 1 else { continue }
            weighted.append((t, Float(n).squareRoot() * index.idf[id]))
        }
        weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        let terms = weighted.prefix(words).map { Query.Atom.term(Array($0.term.utf8), prefix: false) }
        guard !terms.isEmpty else { return [] }
        let q = Query(clauses: [Query.Clause(atoms: terms, negated: false)], text: "")
        let hits = search(q, limit: limit * 8 + 1, facets: []).hits.filter { $0.doc != d }
        // Shared names and closeness in time.
        let mine = Set(a.organizations + a.people + a.countries + a.exercises)
        let myDate = a.displayDate
        var out: [RelatedArticle] = []
        for h in hits {
            let b = index.articles[h.doc]
            let shared = (b.organizations + b.people + b.countries + b.exercises).filter { mine.contains($0) }
            var score = h.score * (1 + 0.25 * Float(Set(shared).count))
            if let x = myDate, let y = b.displayDate {
                let days = abs(Self.dayNumber(x) - Self.dayNumber(y))
                score *= 1 / (1 + Float(days) / 365)
            }
            var seen = Set<String>()
            out.append(RelatedArticle(doc: h.doc, score: score, shared: shared.filter { seen.insert($0).inserted }))
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
        return Array(out.prefix(limit))
    }

    /// Days since year 0, near enough to weigh closeness in time.
    static func dayNumber(_ d: Day) -> Int { d.year * 372 + d.month * 31 + d.day }
}
