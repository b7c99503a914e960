import Corpus
import Testing
@testable import SearchIndex

/// Exact phrases are checked by walking the terms' positions lazily side by side; phrases whose
/// last word is typed go through the term-at-a-time start lists. On words none of which is a
/// prefix of another, the two must agree, phrase after phrase (long ones, repeated words).
@Suite struct PhraseTests {
    @Test func bothPhraseAlgorithmsAgree() {
        let words = ["alpha", "bravo", "charlie", "delta", "echo"]
        var rng = PageGenerator.RNG(state: 11)
        for round in 0..<40 {
            var articles: [Article] = []
            for i in 0..<(5 + rng.int(60)) {
                let title: String = words[rng.int(words.count)] + " " + words[rng.int(words.count)]
                var paragraphs: [String] = []
                for _ in 0..<(1 + rng.int(3)) {
                    var ws: [String] = []
                    // Mostly the first three words: phrases of them are frequent.
                    for _ in 0..<(3 + rng.int(40)) { ws.append(words[rng.int(3 + rng.int(3))]) }
                    paragraphs.append(ws.joined(separator: " "))
                }
                articles.append(Article(id: "p\(round)-\(i)", title: title, kind: .other, full: true, paragraphs: paragraphs, sources: []))
            }
            let searcher = Searcher(SearchIndex(articles: articles))
            for _ in 0..<25 {
                let phrase = (0..<(2 + rng.int(3))).map { _ in Array(words[rng.int(words.count)].utf8) }
                let exact = searcher.phraseSet(phrase, lastIsPrefix: false, scoring: false)
                let typed = searcher.phraseSet(phrase, lastIsPrefix: true, scoring: false)
                #expect(exact == typed, "round \(round): \(phrase.map { String(decoding: $0, as: UTF8.self) })")
            }
        }
    }

    @Test func aPhraseIsFoundAfterEarlierNearMisses() {
        let text = "alpha bravo alpha alpha bravo charlie bravo alpha bravo charlie"
        let a = Article(id: "x", title: "t", kind: .other, full: true, paragraphs: [text], sources: [])
        let b = Article(id: "y", title: "t", kind: .other, full: true, paragraphs: ["alpha bravo alpha charlie bravo charlie"], sources: [])
        let searcher = Searcher(SearchIndex(articles: [a, b]))
        let found = searcher.phraseSet(["alpha", "bravo", "charlie"].map { Array($0.utf8) }, lastIsPrefix: false, scoring: false)
        #expect(found.members == [0])
        let repeated = searcher.phraseSet(["alpha", "alpha", "bravo"].map { Array($0.utf8) }, lastIsPrefix: false, scoring: false)
        #expect(repeated.members == [0])
    }
}

/// `Searcher.profile` names each part of a query with its time, for `reader-bench search --verbose`.
@Suite struct SearchProfileTests {
    @Test func everyPartIsNamedAndTimed() throws {
        let searcher = Searcher(SearchIndex(articles: Corpus.builtIn().articles))
        let q = try QueryParser.parse("\"strategic command\" afgh -kind:meeting", prefixLast: true)
        let parts = searcher.profile(q)
        #expect(parts.map(\.part) == ["phrase \"strategic command\"", "prefix afgh*", "-field kind:meeting", "rank top 200", "facets"])
        #expect(parts.allSatisfy { $0.ms >= 0 && $0.ms < 1_000 })
    }
}

/// Exact phrases are kept from one search to the next: the answers (ranking included) are those
/// of a searcher that never saw them.
@Suite struct PhraseCacheTests {
    @Test func aKeptPhraseAnswersAsAFreshOne() throws {
        let index = SearchIndex(articles: Corpus.builtIn().articles)
        let warm = Searcher(index)
        var typed = ""
        for c in "\"council of defense ministers\" csto -kind:exercise" {
            typed.append(c)
            let fresh = Searcher(index)
            let a = try? warm.search(typed, limit: 200)
            let b = try? fresh.search(typed, limit: 200)
            #expect(a?.hits == b?.hits, "\(typed)")
            #expect(a?.total == b?.total)
            #expect(a.map { Set($0.matches.members) } == b.map { Set($0.matches.members) })
        }
        #expect(!warm.exactPhrases.isEmpty && warm.exactPhrases.count <= Searcher.exactPhrasesKept)
        let found = try warm.search("\"council of defense ministers\"", limit: 200)
        #expect(found.total > 0)
    }
}
