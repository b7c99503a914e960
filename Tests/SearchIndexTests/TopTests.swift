import Corpus
import PropertyBased
import Testing
@testable import SearchIndex

/// The best results of a set: over documents newest first (as a corpus sorts its articles),
/// `top` gathers what passes a rising floor in a buffer instead of a heap; it must pick exactly
/// what the heap picks, in the same order, ties included.
@Suite struct TopTests {
    typealias RNG = PageGenerator.RNG

    @Test func theBufferPicksWhatTheHeapPicks() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = RNG(state: UInt64(seed))
            let base = BruteForcePropertyTests.corpus(&rng)
            var articles = (0..<(1 + rng.int(30))).flatMap { k in base.map { a in var a = a; a.id += "-\(k)"; return a } }
            // Newest first, the undated last, as a corpus sorts them.
            articles.sort { ($0.displayDate?.ordinal ?? 0) > ($1.displayDate?.ordinal ?? 0) }
            let searcher = Searcher(SearchIndex(articles: articles))
            #expect(searcher.newestFirst)
            let n = articles.count
            // Scores with many ties (a few values), or spread; a set of some or all documents.
            let values = 1 + rng.int(rng.int(2) == 0 ? 4 : 1000)
            for d in 0..<n { searcher.scores[d] = Float(rng.int(values)) / 4 }
            var set = Bitset(count: n)
            let density = 1 + rng.int(4)
            for d in 0..<n where rng.int(density) == 0 { set.insert(d) }
            for limit in [1, 3, 20, 200, n + 5] {
                let buffered = searcher.topInOrder(set, limit: limit)
                let heap = searcher.heapTop(set, limit: limit)
                #expect(buffered == heap, "seed \(seed), limit \(limit), \(n) documents")
                #expect(buffered.count == min(limit, set.cardinality))
                // From a floor (as sampled): nothing when fewer than `limit` score at it or
                // above, else the same hits.
                let floor = Float(rng.int(values)) / 4
                let above = set.members.filter { searcher.scores[$0] >= floor }.count
                let fromFloor = searcher.topInOrder(set, limit: limit, floor: floor)
                #expect(above < limit ? fromFloor == nil : fromFloor == heap, "seed \(seed), limit \(limit), floor \(floor)")
            }
        }
    }

    @Test func documentsInAnotherOrderGoThroughTheHeap() {
        var articles = Corpus.builtIn().articles
        articles.reverse()
        let searcher = Searcher(SearchIndex(articles: articles))
        #expect(!searcher.newestFirst)
        #expect(Searcher(SearchIndex(articles: Corpus.builtIn().articles)).newestFirst)
        // Still ranked by score, then newest first.
        let hits = (try? searcher.search("csto").hits) ?? []
        #expect(hits.count == 15)
        let dates = hits.map { searcher.index.docDate[$0.doc] }
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && dates[hits.firstIndex(of: $0)!] >= dates[hits.firstIndex(of: $1)!]) })
    }
}

/// A widespread prefix's scores are summed into a vector, kept for the next time it is typed:
/// the same floats whether summed on two threads or one, kept or new, and the same ranking as
/// adding them term by term.
@Suite struct PrefixScoreTests {
    @Test func keptSplitAndTermByTermScoresAgree() throws {
        var articles = Corpus.builtIn().articles
        articles = (0..<40).flatMap { k in articles.map { a in var a = a; a.id += "-\(k)"; return a } }
        let index = SearchIndex(articles: articles)
        let split = Searcher(index), single = Searcher(index), byTerm = Searcher(index)
        split.prefixScoresSplitAbove = 1
        single.prefixScoresSplitAbove = .max
        byTerm.prefixScoresByVector = false
        for s in [split, single, byTerm] { s.responsesKept = 0 }
        let queries = ["c", "s", "co", "csto s", "c", "secretary c", "t", "the", "s", "a", "o", "m", "p", "d", "i", "co"]
        for q in queries {
            let a = try split.search(q), b = try single.search(q), c = try byTerm.search(q)
            #expect(a.hits == b.hits, "\(q)")
            #expect(a.total == c.total && a.hits.count == c.hits.count, "\(q)")
            // Term by term the floats are added in another order: equal to a rounding.
            for (x, y) in zip(a.hits, c.hits) { #expect(abs(x.score - y.score) <= 1e-4 * max(1, abs(y.score)), "\(q)") }
        }
        // The widespread ones were kept, the latest first: every letter's, and at most twelve
        // longer prefixes'.
        #expect(split.prefixScores.first?.prefix == Array("co".utf8))
        func letters(_ s: Searcher) -> Set<String> {
            Set(s.prefixScores.filter { Searcher.isOneLetter($0.prefix) }.map { String(decoding: $0.prefix, as: UTF8.self) })
        }
        #expect(letters(split).isSuperset(of: ["c", "s", "t", "a", "o"]), "\(letters(split))")
        for q in ["co", "se", "th", "in", "de", "pr", "re", "of", "ch", "mi", "ex", "st", "to", "an"] { _ = try split.search(q) }
        #expect(split.longerPrefixesKept == Searcher.prefixScoresKept)
        #expect(letters(split).isSuperset(of: ["c", "s", "t", "a", "o"]))
        #expect(split.prefixScores.count == letters(split).count + Searcher.prefixScoresKept)
        // A letter not scored before takes no longer prefix's place.
        let before = split.longerPrefixesKept
        for q in ["b", "e", "f", "g", "h", "l", "n", "r", "u", "w"] { _ = try split.search(q) }
        #expect(split.longerPrefixesKept == before)
        #expect(Searcher.isOneLetter(Array("д".utf8)) && !Searcher.isOneLetter(Array("дв".utf8)) && !Searcher.isOneLetter([]))
        // A fresh searcher asked the last query alone answers as the kept one did.
        #expect(try Searcher(index).search("co").hits == split.search("co").hits)
    }
}

extension TopTests {
    @Test func selectionFindsTheKthLargest() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = RNG(state: UInt64(seed))
            let n = 1 + rng.int(400)
            let spread = 1 + rng.int(rng.int(2) == 0 ? 3 : 10_000)
            var values = (0..<n).map { _ in Float(rng.int(spread)) }
            let sorted = values.sorted(by: >)
            let k = 1 + rng.int(n)
            #expect(Searcher.kthLargest(&values, k) == sorted[k - 1], "seed \(seed), k \(k) of \(n)")
            #expect(values.sorted(by: >) == sorted)
        }
    }
}

/// A phrase of common words scores its exact words from a vector summed once and kept: each
/// letter typed after them adds the kept scores, and a fresh searcher asked at once ranks alike.
@Suite struct PhraseScoreVectorTests {
    @Test func keptPhraseScoresRankAsFreshOnes() throws {
        var articles = Corpus.builtIn().articles
        articles = (0..<40).flatMap { k in articles.map { a in var a = a; a.id += "-\(k)"; return a } }
        let index = SearchIndex(articles: articles)
        let typed = Searcher(index)
        typed.responsesKept = 0
        var text = ""
        var asked = 0
        for c in "\"of the collective security" {
            text.append(c)
            // As the search line reads what is being typed (the quote still open).
            let q = try QueryParser.parse(text, prefixLast: true, typing: true)
            let a = typed.search(q)
            let b = Searcher(index).search(q)
            #expect(a.hits == b.hits, "\(text)")
            #expect(a.total == b.total, "\(text)")
            asked += 1
        }
        // `of the` and `of` are in most documents: their vectors were kept, at most four.
        let of = try #require(index.termID("of")), the = try #require(index.termID("the"))
        #expect(typed.phraseScoreVectors.contains { $0.terms == [of, the] })
        #expect(typed.phraseScoreVectors.count <= Searcher.phraseScoreVectorsKept)
        #expect(asked > 20)
        // Against the scores added term by term: the same documents, the same scores to a
        // rounding (the sums are taken in another order), so the same ranking but for near ties.
        for text in ["\"of the c", "\"of the collective s", "csto \"of the"] {
            let q = try QueryParser.parse(text, prefixLast: true, typing: true)
            let byTerm = Searcher(index)
            byTerm.phraseScoresByVector = false
            let a = Searcher(index).search(q), b = byTerm.search(q)
            #expect(a.total == b.total && a.matches == b.matches, "\(text)")
            var scoreA: [Int: Float] = [:], scoreB: [Int: Float] = [:]
            for h in a.hits { scoreA[h.doc] = h.score }
            for h in b.hits { scoreB[h.doc] = h.score }
            let shared = Set(scoreA.keys).intersection(scoreB.keys)
            #expect(shared.count >= a.hits.count * 9 / 10, "\(text)")
            for d in shared { #expect(abs(scoreA[d]! - scoreB[d]!) <= 1e-4 * max(1, abs(scoreB[d]!)), "\(text)") }
        }
    }
}
