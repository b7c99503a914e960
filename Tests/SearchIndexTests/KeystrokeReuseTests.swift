import Corpus
import PropertyBased
import Testing
@testable import SearchIndex

/// A searcher kept from keystroke to keystroke reuses what the keystroke before found: the
/// earlier clauses' documents and scores, the facet counts of the last results (counting only
/// the documents that came or went), and the answers of queries asked before. What it answers must be exactly what a fresh searcher
/// answers, and its facet counts what the articles themselves say.
@Suite struct KeystrokeReuseTests {
    typealias RNG = PageGenerator.RNG

    /// The facet values of an article, as the index counts them.
    static func values(_ a: Article, _ f: Facet) -> [String] {
        switch f {
        case .year: return a.displayDate.map { [String($0.year)] } ?? []
        case .organization: return a.organizations
        case .kind: return [a.kind.rawValue]
        case .country: return a.countries
        case .exercise: return a.exercises.map(SearchIndex.series).uniqued()
        case .person: return a.people.uniqued()
        }
    }

    static func sameFacets(_ a: [Facet: [(value: String, count: Int)]], _ b: [Facet: [(value: String, count: Int)]]) -> Bool {
        a.keys.sorted { $0.rawValue < $1.rawValue } == b.keys.sorted { $0.rawValue < $1.rawValue }
            && a.allSatisfy { f, v in
                let w = b[f]!
                return v.count == w.count && zip(v, w).allSatisfy { $0.value == $1.value && $0.count == $1.count }
            }
    }

    @Test func keptSearcherAnswersAsAFreshOne() async {
        await propertyCheck(count: 120, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = RNG(state: UInt64(seed))
            var articles = BruteForcePropertyTests.corpus(&rng)
            // A third of the corpora copied to a few hundred documents: sets of many words, and
            // enough to count the facets on two threads.
            if seed % 3 == 0 {
                articles = (0..<12).flatMap { k in articles.map { a in var a = a; a.id += "-\(k)"; return a } }
            }
            // Countries too, so every counted facet has values.
            for i in articles.indices where rng.int(2) == 0 { articles[i].countries = [rng.pick(["Armenia", "Belarus", "Kazakhstan"])] }
            let index = SearchIndex(articles: articles)
            let kept = Searcher(index)
            // Half the corpora without the answers of earlier queries kept, so every keystroke
            // goes through the reuse of the one before.
            if seed % 2 == 0 { kept.responsesKept = 0 }
            if seed % 3 == 0 { kept.facetsSplitAbove = 1 }
            // Counted in four lanes from the first document, on a third of the corpora.
            if seed % 3 == 1 { kept.facetLanesFrom = 1 }
            func randomMarks() -> DocMarks {
                var marks = DocMarks(read: Bitset(count: index.docCount), starred: Bitset(count: index.docCount))
                for d in 0..<index.docCount {
                    if rng.int(2) == 0 { marks.read.insert(d) }
                    if rng.int(3) == 0 { marks.starred.insert(d) }
                }
                return marks
            }
            var marks = randomMarks()
            for _ in 0..<4 {
                // Now and then a query of marks, asked again after the marks change.
                let text = BruteForcePropertyTests.query(&rng) + ["", "", " is:unread", " -is:starred"][rng.int(4)]
                var typed = ""
                for c in text {
                    typed.append(c)
                    guard let q = try? QueryParser.parse(typed, prefixLast: true, typing: true) else { continue }
                    if rng.int(8) == 0 { marks = randomMarks() }
                    let got = kept.search(q, limit: 8, marks: marks)
                    let fresh = Searcher(index).search(q, limit: 8, marks: marks)
                    #expect(got.matches == fresh.matches, "\(typed) on corpus seed \(seed)")
                    #expect(got.hits == fresh.hits, "scores of \(typed) on corpus seed \(seed)")
                    #expect(Self.sameFacets(got.facets, fresh.facets), "facets of \(typed) on corpus seed \(seed)")
                    if rng.int(4) == 0 {
                        // The same query asked again once the marks changed.
                        marks = randomMarks()
                        let again = kept.search(q, limit: 8, marks: marks)
                        let freshAgain = Searcher(index).search(q, limit: 8, marks: marks)
                        #expect(again.matches == freshAgain.matches && again.hits == freshAgain.hits, "\(typed) with new marks, seed \(seed)")
                    }
                    // As the reader does: each facet with a filter of its own counted again
                    // without that filter, and now and then one facet alone.
                    var others = QueryText.selected(in: typed).filter { !$0.value.isEmpty }.map { ($0.key, QueryText.removing($0.key, from: typed)) }
                    if rng.int(3) == 0 { others.append((rng.pick(Facet.searched), typed)) }
                    for (f, without) in others {
                        guard let q2 = try? QueryParser.parse(without, prefixLast: true, typing: true) else { continue }
                        let gotOne = kept.search(q2, limit: 0, facets: [f], marks: marks)
                        let freshOne = Searcher(index).search(q2, limit: 0, facets: [f], marks: marks)
                        #expect(Self.sameFacets(gotOne.facets, freshOne.facets), "facet \(f) of \(without), seed \(seed)")
                    }
                    // The counts are the articles' own.
                    for f in Facet.searched {
                        var want: [String: Int] = [:]
                        fresh.matches.forEach { d in for v in Self.values(articles[d], f) { want[v, default: 0] += 1 } }
                        let counted = Dictionary(uniqueKeysWithValues: (got.facets[f] ?? []).map { ($0.value, $0.count) })
                        #expect(counted == want, "facet \(f) of \(typed) on corpus seed \(seed)")
                    }
                }
            }
        }
    }

    /// The same read in two halves side by side (as at 100,000 pages), over a corpus of a few
    /// hundred documents (several words of 64 in each half, the last one partial), two values
    /// at a time.
    @Test func documentsHavingValuesReadInHalves() throws {
        let articles = NextWordPhraseTests.articles
        let index = SearchIndex(articles: articles)
        try #require(index.docCount > 3 * 64, "\(index.docCount) documents")
        #expect(index.facetValues(.organization).count > 2)
        for f in [Facet.organization, .country, .exercise, .person] {
            let names = index.facetValues(f)
            for v in names.indices {
                let other = (v + 1) % names.count
                let want = Set(articles.indices.filter { d in
                    let values = Self.values(articles[d], f)
                    return values.contains(names[v]) || values.contains(names[other])
                })
                #expect(Set(index.documents(having: [v, other], in: f, splitAbove: 1).members) == want, "\(f) \(names[v])")
                #expect(index.documents(having: [v, other], in: f, splitAbove: 1) == index.documents(having: [v, other], in: f, splitAbove: .max))
            }
        }
    }

    @Test func documentsHavingAValueAreThoseThatNameIt() {
        var rng = RNG(state: 7)
        let articles = BruteForcePropertyTests.corpus(&rng)
        let index = SearchIndex(articles: articles)
        for f in [Facet.organization, .exercise, .person] {
            let names = index.facetValues(f)
            #expect(!names.isEmpty)
            for (v, name) in names.enumerated() {
                let want = Set(articles.indices.filter { Self.values(articles[$0], f).contains(name) })
                #expect(Set(index.documents(having: [v], in: f).members) == want, "\(f) \(name)")
                var half = Bitset(count: index.docCount)
                for d in stride(from: 0, to: index.docCount, by: 2) { half.insert(d) }
                #expect(Set(index.documents(having: [v], in: f, of: half).members) == want.filter { $0 % 2 == 0 })
            }
        }
    }
}
