import Corpus
import Testing
@testable import SearchIndex

/// The work done between keystrokes (DECISIONS 38): after a word and a space inside an open
/// quote the head is made; inside a word the head grown by the likeliest completion is. The
/// next keystroke finds it kept and answers as a searcher that did none of it.
@Suite struct BetweenKeysTests {
    @Test func whatTheTypedTextAsksNext() {
        func words(_ text: String) -> [String]? {
            Searcher.typedPhrase(text).map { t in t.head.map { String(decoding: $0, as: UTF8.self) } + (t.partial.map { ["+" + String(decoding: $0, as: UTF8.self)] } ?? []) }
        }
        #expect(words("\"the ") == ["the"])
        #expect(words("\"Council of ") == ["council", "of"])
        #expect(words("\"council o") == ["council", "+o"])
        #expect(words("kind:meeting \"council of d") == ["council", "of", "+d"])
        // Nothing to make: one word being typed, a closed quote, a negated phrase, no quote.
        #expect(words("\"counc") == nil)
        #expect(words("\"council of\" ") == nil)
        #expect(words("-\"council of ") == nil)
        #expect(words("council of ") == nil)
        #expect(words("\"") == nil && words("\" ") == nil)
    }

    @Test func theNextKeystrokeFindsTheHeadMade() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        let council = try #require(index.termID("council")), of = try #require(index.termID("of"))
        let warm = Searcher(index)
        func search(_ s: Searcher, _ text: String) throws -> SearchResponse {
            s.search(try QueryParser.parse(text, prefixLast: true, typing: true), limit: 50)
        }
        func same(_ a: SearchResponse, _ b: SearchResponse) -> Bool {
            a.total == b.total && a.matches == b.matches && a.hits.map(\.doc) == b.hits.map(\.doc) && a.hits.map(\.score) == b.hits.map(\.score)
        }
        _ = try search(warm, "\"council ")
        #expect(warm.prepareNextKeystroke(after: "\"council ") != nil)
        #expect(warm.phraseOccurrences.first?.head == [council])
        // Asked again, nothing left to make.
        #expect(warm.prepareNextKeystroke(after: "\"council ") == nil)
        // The first letter after it: no gather, the same answer as a fresh searcher's.
        let (first, parts) = warm.timedSearch(try QueryParser.parse("\"council o", prefixLast: true, typing: true), limit: 50)
        #expect(parts.contains { $0.part.contains("phrase") }, "searched, not an answer kept: \(parts.map(\.part))")
        #expect(!parts.contains { $0.part.contains("gather") }, "\(parts.map(\.part))")
        #expect(same(first, try search(Searcher(index), "\"council o")))
        // Inside the word: the head grown by its likeliest completion (`of`, after `council`).
        #expect(warm.prepareNextKeystroke(after: "\"council o") != nil)
        #expect(warm.phraseOccurrences.contains { $0.head == [council, of] })
        let checked = warm.documentsChecked, decided = warm.betweenKeys.decidedByKeptHeads
        let second = try search(warm, "\"council of")
        #expect(same(second, try search(Searcher(index), "\"council of")) && second.total > 5)
        #expect(warm.betweenKeys.decidedByKeptHeads > decided)
        #expect(warm.documentsChecked == checked, "the kept head decided every document: \(warm.documentsChecked - checked) checked")
        // The next word's first letter, after a space: the head is the grown one, kept.
        #expect(warm.prepareNextKeystroke(after: "\"council of ") == nil)
        #expect(same(try search(warm, "\"council of d"), try search(Searcher(index), "\"council of d")))
    }

    /// After `"head x` the words after the head are resolved in the documents the likeliest
    /// completion leaves undecided; the letters after decide them from that record, with the
    /// same answers as a fresh searcher, and no document checked.
    @Test func theWordsResolvedDecideTheLettersAfter() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        let warm = Searcher(index)
        func search(_ s: Searcher, _ text: String) throws -> SearchResponse {
            s.search(try QueryParser.parse(text, prefixLast: true, typing: true), limit: 50)
        }
        var compared = 0, decidedWithoutACheck = 0
        for head in ["collective", "the", "of", "council", "security"] {
            for letter in ["s", "c", "o", "t", "p", "m", "d"] {
                // The two-letter prefixes of the words that follow the letter in the index.
                let seconds = Set(index.prefixRange(Array(letter.utf8)).map { index.termText(Int(index.sortedTerms[$0])) }
                    .filter { $0.count > 1 }.map { String($0.prefix(2)) }).sorted().prefix(6)
                _ = try search(warm, "\"\(head) \(letter)")
                warm.prepareNextKeystroke(after: "\"\(head) \(letter)")
                for second in seconds {
                    let text = "\"\(head) \(second)"
                    let (checked, decided) = (warm.documentsChecked, warm.betweenKeys.decidedByResolution)
                    let got = try search(warm, text), want = try search(Searcher(index), text)
                    #expect(got.matches == want.matches && got.hits.map(\.doc) == want.hits.map(\.doc), "\(text)")
                    compared += 1
                    if warm.betweenKeys.decidedByResolution > decided, warm.documentsChecked == checked { decidedWithoutACheck += 1 }
                    // Back to the one letter, as a backspace does.
                    _ = try search(warm, "\"\(head) \(letter)")
                }
            }
        }
        #expect(compared > 100 && warm.betweenKeys.resolutions > 10 && decidedWithoutACheck > 20,
                "\(compared) compared, \(warm.betweenKeys), \(decidedWithoutACheck) decided without a check")
    }

    /// A record is used only when every document left open is one it resolved: with the grown
    /// head gone (and no pairs), the likeliest's documents are open again, and are checked.
    @Test func aRecordIsNotUsedForDocumentsItDidNotResolve() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        let collective = try #require(index.termID("collective")), security = try #require(index.termID("security"))
        let warm = Searcher(index)
        warm.usePairs = false
        let cold = Searcher(index)
        cold.usePairs = false
        func search(_ s: Searcher, _ text: String) throws -> SearchResponse {
            s.search(try QueryParser.parse(text, prefixLast: true, typing: true), limit: 50)
        }
        _ = try search(warm, "\"collective s")
        warm.prepareNextKeystroke(after: "\"collective s")
        let record = try #require(warm.resolvedNextWords)
        #expect(record.head == [collective] && record.likeliest == security)
        warm.phraseOccurrences.removeAll { $0.head == [collective, security] }
        let (decided, checked) = (warm.betweenKeys.decidedByResolution, warm.documentsChecked)
        let got = try search(warm, "\"collective se"), want = try search(cold, "\"collective se")
        #expect(got.matches == want.matches && got.total > 5)
        #expect(warm.betweenKeys.decidedByResolution == decided && warm.documentsChecked > checked)
    }

    @Test func theLikeliestCompletionIsTheOneThatFollowsMost() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        let s = Searcher(index)
        let head = try ["collective", "security", "treaty"].map { try #require(index.termID($0)) }
        let organization = try #require(index.termID("organization"))
        // `o` after it: `organization`, though `of` is far more widespread.
        let completions = index.prefixRange(Array("o".utf8)).map { Int(index.sortedTerms[$0]) }
        let of = try #require(index.termID("of"))
        #expect(index.postStart[of + 1] - index.postStart[of] > index.postStart[organization + 1] - index.postStart[organization])
        #expect(s.likeliestCompletion(s.occurrences(head), shift: 3, prefix: Array("o".utf8), completions: completions) == organization)
    }
}
