import Corpus
import Testing
@testable import SearchIndex

/// Exact phrases are checked by walking the terms' positions lazily side by side; a phrase being
/// typed (its last word a prefix of several words) goes through the head's occurrences, kept
/// from keystroke to keystroke. Both must agree with the phrase read off the words themselves,
/// on words that are prefixes of one another, long phrases and repeated words, letter by letter
/// on one warm searcher as in the search line.
@Suite struct PhraseTests {
    static let words = ["alpha", "alphabet", "al", "bravo", "brave", "b", "charlie", "char", "delta"]

    /// Whether the words of a paragraph (or the title) hold the phrase somewhere.
    static func holds(_ phrase: [String], lastIsPrefix: Bool, in text: String) -> Bool {
        let ws = Folding.terms(text)
        guard ws.count >= phrase.count else { return false }
        for s in 0...(ws.count - phrase.count) {
            var ok = true
            for (k, w) in phrase.enumerated() {
                let found = ws[s + k]
                if !(k == phrase.count - 1 && lastIsPrefix ? found.hasPrefix(w) : found == w) { ok = false; break }
            }
            if ok { return true }
        }
        return false
    }

    @Test func phrasesAgreeWithTheWordsLetterByLetter() {
        let (checked, found) = Self.typeRandomPhrases(seed: 11, rounds: 30, articles: 5..<65, phrases: 12)
        // The phrases were found often enough, and missed often enough, to tell.
        #expect(checked > 1_000 && found > checked / 4 && found < checked * 9 / 10, "\(found) of \(checked)")
    }

    /// The same over corpora of several posting blocks (64 documents a block), the check split
    /// in two halves and taken a few documents at a time, the head's occurrences gathered in
    /// halves or whole: every way a typed phrase's documents are decided (a term's postings
    /// walked, open documents sought by block, two threads).
    /// Its words begin with letters that have a next-word code of their own and letters that
    /// share one (k, l, g), so the coded words (in a seventh of the documents or more) decide
    /// some phrases by their codes and narrow others for a check.
    @Test func phrasesAgreeAcrossBlocksWindowsAndHalves() {
        let words = ["alpha", "kilo", "k", "lima", "al", "arc", "golf", "alphabet", "bravo", "limb"]
        var withPairs = 0
        var searchers: [ObjectIdentifier: Searcher] = [:]
        let (checked, found) = Self.typeRandomPhrases(seed: 5, rounds: 4, articles: 150..<500, phrases: 10, words: words) { searcher, rng in
            if searcher.index.pairs.count > 0 { withPairs += 1 }
            searchers[ObjectIdentifier(searcher)] = searcher
            searcher.summarySplitAbove = rng.int(2) == 0 ? 1 : Searcher.summarySplitAbove
            searcher.checkSplitAbovePostings = rng.int(2) == 0 ? 1 : PhraseCheck.splitAbovePostings
            searcher.checkSplitAbove = 1 + rng.int(40)
            searcher.checkWindow = 1 + rng.int(100)
            searcher.gatherSplitAbove = rng.int(2) == 0 ? 1 : Searcher.gatherSplitAbove
            // The word pairs used or not, heads summarized (words too) or read whole.
            searcher.usePairs = rng.int(4) != 0
            searcher.useHeadSummaries = rng.int(4) != 0
            searcher.summarizeWords = rng.int(2) == 0
        } betweenKeys: { rng in rng.int(2) == 0 }
        #expect(checked > 200 && found > checked / 4 && found < checked * 19 / 20, "\(found) of \(checked)")
        // The corpora keep word pairs, and every way through them was taken.
        #expect(withPairs > 20, "\(withPairs)")
        let ways = searchers.values.reduce(into: PhraseWays()) { sum, s in
            sum.decidedByPairs += s.phraseWays.decidedByPairs
            sum.summarized += s.phraseWays.summarized
            sum.madeWhole += s.phraseWays.madeWhole
            sum.madeInPart += s.phraseWays.madeInPart
            sum.fromPairMarks += s.phraseWays.fromPairMarks
        }
        #expect(ways.decidedByPairs > 0 && ways.summarized > 0 && ways.madeWhole > 0 && ways.madeInPart > 0 && ways.fromPairMarks > 0,
                "\(ways)")
        // Work was done between keystrokes, both ways, and keystrokes after it used it.
        let between = searchers.values.reduce(into: BetweenKeys()) { sum, s in
            sum.headsMade += s.betweenKeys.headsMade
            sum.headsGrown += s.betweenKeys.headsGrown
            sum.decidedByKeptHeads += s.betweenKeys.decidedByKeptHeads
            sum.resolutions += s.betweenKeys.resolutions
            sum.decidedByResolution += s.betweenKeys.decidedByResolution
        }
        #expect(between.headsMade > 3 && between.headsGrown > 10 && between.decidedByKeptHeads > 5 && between.resolutions > 5
                && between.decidedByResolution > 3, "\(between)")
    }

    /// Types random phrases letter by letter on one warm searcher per random corpus and checks
    /// each keystroke's documents against the words; returns the keystrokes checked and those
    /// with documents found.
    static func typeRandomPhrases(seed: UInt64, rounds: Int, articles sizes: Range<Int>, phrases: Int, words: [String] = Self.words,
                                  configure: (Searcher, inout PageGenerator.RNG) -> Void = { _, _ in },
                                  betweenKeys: (inout PageGenerator.RNG) -> Bool = { _ in false })
        -> (checked: Int, found: Int) {
        var rng = PageGenerator.RNG(state: seed)
        var checked = 0, found = 0
        for round in 0..<rounds {
            var articles: [Article] = []
            for i in 0..<(sizes.lowerBound + rng.int(sizes.count)) {
                let title: String = words[rng.int(words.count)] + " " + words[rng.int(words.count)]
                var paragraphs: [String] = []
                for _ in 0..<(1 + rng.int(3)) {
                    var ws: [String] = []
                    // Mostly the first words: phrases of them are frequent.
                    for _ in 0..<(3 + rng.int(40)) { ws.append(words[rng.int(4 + rng.int(5))]) }
                    paragraphs.append(ws.joined(separator: " "))
                }
                articles.append(Article(id: "p\(round)-\(i)", title: title, kind: .other, full: true, paragraphs: paragraphs, sources: []))
            }
            // (Half the positions' bytes for the word pairs: these small corpora keep some.)
            let index = SearchIndex(articles: articles, pairBudgetShare: 2)
            let searcher = Searcher(index)
            for _ in 0..<phrases {
                configure(searcher, &rng)
                let phrase = (0..<(1 + rng.int(4))).map { _ in words[rng.int(words.count)] }
                // Typed letter by letter: each word's prefixes as the last word, then the word closed.
                for k in phrase.indices {
                    for length in 1...phrase[k].count {
                        let typed = Array(phrase[..<k]) + [String(phrase[k].prefix(length))]
                        let lastIsPrefix = length < phrase[k].count || rng.int(2) == 0
                        let got = searcher.phraseSet(typed.map { Array($0.utf8) }, lastIsPrefix: lastIsPrefix, scoring: false)
                        let want = articles.indices.filter { d in
                            ([articles[d].title] + articles[d].paragraphs).contains { Self.holds(typed, lastIsPrefix: lastIsPrefix, in: $0) }
                        }
                        #expect(got.members == want, "round \(round): \(typed)\(lastIsPrefix ? "*" : "")")
                        checked += 1
                        if !want.isEmpty { found += 1 }
                        // The work the reader does between keystrokes, on what the search line
                        // would show (a whole word typed, then a space).
                        if betweenKeys(&rng) {
                            searcher.prepareNextKeystroke(after: "\"" + typed.joined(separator: " ") + (lastIsPrefix ? "" : " "))
                        }
                    }
                }
                // The same phrase with its last word cut short, asked at once of a searcher that
                // has seen nothing (a pasted query, not typed).
                let cut = Array(phrase.dropLast()) + [String(phrase.last!.prefix(1 + rng.int(phrase.last!.count)))]
                let cold = Searcher(index)
                configure(cold, &rng)
                let got = cold.phraseSet(cut.map { Array($0.utf8) }, lastIsPrefix: true, scoring: false)
                let want = articles.indices.filter { d in
                    ([articles[d].title] + articles[d].paragraphs).contains { Self.holds(cut, lastIsPrefix: true, in: $0) }
                }
                #expect(got.members == want, "round \(round), at once: \(cut)*")
            }
        }
        return (checked, found)
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

/// `Searcher.timedSearch` names each part of a query with its time, for `reader-bench search --verbose`.
@Suite struct SearchProfileTests {
    @Test func everyPartIsNamedAndTimed() throws {
        let searcher = Searcher(SearchIndex(articles: Corpus.builtIn().articles))
        let q = try QueryParser.parse("\"strategic command\" afgh -kind:meeting", prefixLast: true)
        let parts = searcher.timedSearch(q).parts
        // A phrase's steps come before it, indented; so does the facets' count.
        let names = parts.map(\.part)
        #expect(Array(names.prefix(6)) == ["  candidates", "  phrase scores", "phrase \"strategic command\"", "prefix afgh*",
                                           "-field kind:meeting", "rank top 200"])
        #expect(names.count == 9 && names[6].hasPrefix("  count ") && names[7] == "facets" && names[8] == "order facet values",
                "\(names)")
        #expect(parts.allSatisfy { $0.ms >= 0 && $0.ms < 1_000 })
        // A typed phrase also names its head's occurrences and the documents checked.
        let typed = Searcher(searcher.index).timedSearch(try QueryParser.parse("\"strategic co", prefixLast: true, typing: true)).parts.map(\.part)
        #expect(typed.contains("  head occurrences"))
        // (Inside it, the head's postings gathered: a step in a step.)
        #expect(typed.contains { $0.hasPrefix("    gather ") && $0.hasSuffix(" postings") }, "\(typed)")
        #expect(typed.contains { $0.hasPrefix("  check ") && $0.hasSuffix(" documents") })
        // The documents marked from the head, and kept for the next keystroke, which narrows them.
        #expect(typed.contains { $0.hasPrefix("  mark ") && $0.contains(" documents") }, "\(typed)")
        #expect(typed.contains { $0.hasPrefix("  keep ") && $0.hasSuffix(" documents") }, "\(typed)")
        let typing = Searcher(searcher.index)
        _ = typing.timedSearch(try QueryParser.parse("\"strategic co", prefixLast: true, typing: true))
        let grown = typing.timedSearch(try QueryParser.parse("\"strategic com", prefixLast: true, typing: true)).parts.map(\.part)
        #expect(grown.contains { $0.hasPrefix("  narrow ") && $0.hasSuffix(" documents") }, "\(grown)")
        #expect(!grown.contains { $0.hasPrefix("  mark ") }, "\(grown)")
        // Nothing is timed outside it.
        #expect(searcher.steps == nil)
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

/// The packed postings over a corpus large enough for common words to fill many blocks and to
/// stand many times in a document: each term's documents and counts, read in a row and looked up
/// by document, are those of the articles' own words. (`CacheTests` holds the scores of an index
/// read back from a cache equal to those of the index built.)
@Suite struct PackedPostingsTests {
    /// Skipping positions (eight bytes at a time while many are left) lands where decoding them
    /// does, over varints of one to five bytes, up to the blob's last byte.
    @Test func skippingPositionsLandsWhereDecodingDoes() {
        var rng = PageGenerator.RNG(state: 3)
        for _ in 0..<300 {
            var positions: [UInt32] = []
            var p: UInt32 = 0
            for _ in 0..<(1 + rng.int(60)) {
                let gap = [1, 100, 300, 20_000, 3_000_000, 300_000_000][rng.int(6)]
                p &+= UInt32(1 + rng.int(gap))
                positions.append(p)
            }
            positions.sort()
            var bytes: [UInt8] = []
            PositionCodec.append(positions[...], to: &bytes)
            bytes.withUnsafeBufferPointer { blob in
                var decodedEnd = [0]
                var at = 0
                for _ in positions { _ = Varint.read(blob, &at); decodedEnd.append(at) }
                let from = rng.int(positions.count)
                for count in 0...(positions.count - from) {
                    var byte = decodedEnd[from]
                    PositionCodec.skip(count, in: blob, at: &byte)
                    #expect(byte == decodedEnd[from + count], "skip \(count) from \(from) of \(positions.count)")
                }
            }
        }
    }

    @Test func documentsAndCountsAreTheWords() {
        let pages = PageGenerator(seed: 5).pages(count: 400).map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        let articles = CorpusBuilder().build(pages, origin: "generated").articles
        let index = SearchIndex(articles: articles)
        // Each document's words, counted.
        let counts: [[String: Int]] = articles.map { a in
            var c: [String: Int] = [:]
            for text in index.searchedTexts(a).map(\.text) { for w in Folding.terms(text) { c[w, default: 0] += 1 } }
            return c
        }
        var checked = 0, manyBlocks = 0, manyPositions = 0
        for word in ["the", "of", "csto", "security", "and", "in", "collective", "exercise", "council"] {
            guard let t = index.termID(word) else { Issue.record("no term \(word)"); continue }
            var walked: [Int] = []
            index.forEachPosting(ofTerm: t) { d, impact in
                walked.append(d)
                #expect(impact > 0)
            }
            let want = counts.indices.filter { counts[$0][word] != nil }
            #expect(walked == want, "\(word)")
            if walked.count > 3 * SearchIndex.blockSize { manyBlocks += 1 }
            for d in 0..<articles.count {
                let found = index.posting(ofTerm: t, doc: d)
                #expect(found?.count == counts[d][word], "\(word) in \(d)")
                if (found?.count ?? 0) >= 3 { manyPositions += 1 }
                checked += 1
            }
        }
        #expect(checked > 5_000 && manyBlocks >= 3 && manyPositions > 100, "\(checked) \(manyBlocks) \(manyPositions)")
    }

    /// The words in a seventh of the documents or more keep, for each position, the code of the
    /// word after it (none at the end of a field): read by document, in a row and by lookups
    /// that skip blocks, they are the articles' own words'.
    @Test func nextWordCodesAreTheWordsAfter() {
        let pages = PageGenerator(seed: 9).pages(count: 300).map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        let articles = CorpusBuilder().build(pages, origin: "generated").articles
        let index = SearchIndex(articles: articles)
        let words = NextWordPhraseTests.wordsByPosition(articles, index)
        let p = index.pointers
        var coded = 0, checked = 0, none = 0, other = 0
        for t in 0..<index.termCount {
            var c = LazyPostings(p, term: t)
            let df = c.end - c.first
            #expect(c.isCoded == NextWord.isCoded(df: df, docCount: articles.count), "\(index.termText(t))")
            guard c.isCoded else { continue }
            coded += 1
            // Every other document sought, so later blocks are reached by a jump.
            let step = coded % 2 == 0 ? 1 : 3
            var d = 0
            while d < articles.count {
                c.seek(d, p)
                guard c.isValid else { break }
                let doc = c.doc
                let (first, count) = c.positions(p)
                var byte = first, position: UInt32 = 0
                for i in 0..<count {
                    position &+= Varint.read(p.pos, &byte)
                    #expect(words[doc][position] == index.termText(t))
                    let want = words[doc][position + 1].map { NextWord.code(Array($0.utf8)[0]) } ?? NextWord.none
                    #expect(c.code(i, p) == want, "\(index.termText(t)) in \(doc) at \(position)")
                    if want == NextWord.none { none += 1 }
                    if want == NextWord.other { other += 1 }
                    checked += 1
                }
                c.passed(to: byte, count: count)
                d = doc + step
            }
        }
        #expect(coded >= 10 && checked > 5_000 && none > 100 && other > 100, "\(coded) \(checked) \(none) \(other)")
    }
}

/// A typed phrase whose head ends in a coded word (in a seventh of the documents or more): the
/// head's occurrences carry the codes of the word after each (however the head was gathered), a
/// one-letter prefix with a code of its own is decided without a check, and asking it again
/// checks nothing.
@Suite struct NextWordPhraseTests {
    static let articles: [Article] = {
        let pages = PageGenerator(seed: 13).pages(count: 250).map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        return CorpusBuilder().build(pages, origin: "generated").articles
    }()

    /// Each document's words by position, as the index numbers them (a gap after each field).
    static func wordsByPosition(_ articles: [Article], _ index: SearchIndex) -> [[UInt32: String]] {
        articles.map { a in
            var at: UInt32 = 0
            var byPosition: [UInt32: String] = [:]
            for text in index.searchedTexts(a).map(\.text) {
                for w in Folding.terms(text) { byPosition[at] = w; at += 1 }
                at += SearchIndex.fieldGap
            }
            return byPosition
        }
    }

    @Test func occurrencesCarryTheCodesOfTheWordAfterTheirLastWord() throws {
        let index = SearchIndex(articles: Self.articles)
        let words = Self.wordsByPosition(Self.articles, index)
        // Heads whose rarest word is last, first, or in the middle; each asked cold and grown.
        // (And heads of one word: their codes and masks are the gather's own.)
        let heads = [["collective", "security"], ["of", "the"], ["security", "treaty", "organization"], ["the", "csto"],
                     ["council", "of"], ["collective"], ["of"], ["the"]]
        var compared = 0, filtered = 0
        func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
        for head in heads {
            let ids = try head.map { try #require(index.termID($0), "\($0)") }
            // (A head asked cold whose rarest word is coded and not last drops starts by its codes.)
            let rarest = ids.indices.min { df(ids[$0]) < df(ids[$1]) }!
            if rarest < ids.count - 1, NextWord.isCoded(df: df(ids[rarest]), docCount: Self.articles.count) { filtered += 1 }
            let lastCoded = NextWord.isCoded(df: Int(index.postStart[ids.last! + 1] - index.postStart[ids.last!]), docCount: Self.articles.count)
            let cold = Searcher(index)
            let grown = Searcher(index)
            for k in 1..<ids.count { _ = grown.occurrences(Array(ids[..<k])) }
            // Gathered in two halves on two threads, then joined.
            let halves = Searcher(index)
            halves.gatherSplitAbove = 1
            for k in 1..<ids.count { _ = halves.occurrences(Array(ids[..<k])) }
            // Every start of the head, from the words themselves: none may be missing (a grown
            // head drops the starts whose code tells another letter before it looks).
            var expected: [Int: Set<UInt32>] = [:]
            for (d, byPosition) in words.enumerated() {
                for (at, w) in byPosition where w == head[0]
                    && head.indices.allSatisfy({ byPosition[at + UInt32($0)] == head[$0] }) {
                    expected[d, default: []].insert(at)
                }
            }
            #expect(!expected.isEmpty, "\(head)")
            for (how, searcher) in [("cold", cold), ("grown", grown), ("in halves", halves)] {
                let occ = searcher.occurrences(ids)
                var found: [Int: Set<UInt32>] = [:]
                for i in 0..<occ.count {
                    let row = occ.starts[Int(occ.offsets[i])..<Int(occ.offsets[i + 1])]
                    // Documents and starts ascending, no row empty.
                    #expect(!row.isEmpty && zip(row, row.dropFirst()).allSatisfy { $0 < $1 }, "\(head) \(how)")
                    #expect(i == 0 || occ.docs[i - 1] < occ.docs[i], "\(head) \(how)")
                    found[Int(occ.docs[i])] = Set(row)
                }
                // (Told by the first document that differs, not by both maps whole.)
                let differs = Set(found.keys).union(expected.keys).sorted().first { found[$0] != expected[$0] }
                #expect(differs == nil, "\(head) \(how): in \(differs ?? -1), \(found[differs ?? -1]?.sorted() ?? []) for \(expected[differs ?? -1]?.sorted() ?? [])")
                #expect((occ.next != nil) == lastCoded, "\(head) \(how)")
                #expect((occ.masks != nil) == lastCoded, "\(head) \(how)")
                guard let next = occ.next, let masks = occ.masks else { continue }
                #expect(next.count == occ.starts.count)
                #expect(masks.count == occ.count)
                // Each document's mask is the set of its starts' codes.
                for i in 0..<occ.count {
                    let set = next[Int(occ.offsets[i])..<Int(occ.offsets[i + 1])].reduce(UInt16(0)) { $0 | 1 << UInt16($1) }
                    #expect(masks[i] == set, "\(head) \(how) row \(i)")
                }
                for i in 0..<occ.count {
                    let d = Int(occ.docs[i])
                    for a in Int(occ.offsets[i])..<Int(occ.offsets[i + 1]) {
                        let start = occ.starts[a]
                        for (j, w) in head.enumerated() { #expect(words[d][start + UInt32(j)] == w) }
                        let after = words[d][start + UInt32(head.count)]
                        #expect(next[a] == (after.map { NextWord.code(Array($0.utf8)[0]) } ?? NextWord.none), "\(head) \(how) in \(d)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 1_000, "\(compared)")
        #expect(filtered > 0, "no head whose rarest word is coded and not last")
    }

    @Test func aLetterWithACodeOfItsOwnIsDecidedWithoutACheck() throws {
        let index = SearchIndex(articles: Self.articles)
        let searcher = Searcher(index)
        // (Without the word pairs, which decide `collective se` with no check: `WordPairTests`.)
        searcher.usePairs = false
        // `collective` is coded, and `s` has a code of its own.
        let collective = try #require(index.termID("collective"))
        #expect(NextWord.isCoded(df: Int(index.postStart[collective + 1] - index.postStart[collective]), docCount: Self.articles.count))
        #expect(NextWord.isExact(NextWord.code(UInt8(ascii: "s"))))
        let typed = [Array("collective".utf8), Array("s".utf8)]
        let first = searcher.phraseSet(typed, lastIsPrefix: true, scoring: false)
        #expect(searcher.documentsChecked == 0 && first.cardinality > 10, "\(searcher.documentsChecked) \(first.cardinality)")
        // Asked again (the reader asks again without a facet's filter): nothing checked.
        let again = searcher.phraseSet(typed, lastIsPrefix: true, scoring: false)
        #expect(again == first && searcher.documentsChecked == 0)
        // The next letter checks the documents found, no others.
        let longer = searcher.phraseSet([Array("collective".utf8), Array("se".utf8)], lastIsPrefix: true, scoring: false)
        #expect(searcher.documentsChecked > 0 && searcher.documentsChecked <= first.cardinality)
        #expect(Set(longer.members).isSubset(of: Set(first.members)))
    }

    /// A last word with one completion left (`ministers` typed so far as `ministers`' shortest prefix
    /// of its own) goes the typed phrase's way:
    /// its documents and its share of the scores are the closed phrase's, typed letter by letter
    /// or asked at once.
    @Test func aWordWithOneCompletionLeftScoresAsTheClosedPhrase() throws {
        let index = SearchIndex(articles: Self.articles)
        let closed = Searcher(index)
        let head = ["council", "of", "defense"].map { Array($0.utf8) }
        let closedDocs = closed.phraseSet(head + [Array("ministers".utf8)], lastIsPrefix: false, scoring: true)
        #expect(closedDocs.cardinality > 5)
        // The shortest prefix of `ministers` that completes to it alone.
        let word = Array("ministers".utf8)
        let length = try #require((1...word.count).first { index.prefixRange(Array(word[..<$0])).count == 1 })
        let typed = Searcher(index), atOnce = Searcher(index)
        var typedDocs = Bitset(count: 0)
        for k in 1...length {
            typed.scores = [Float](repeating: 0, count: index.docCount)
            typedDocs = typed.phraseSet(head + [Array(word[..<k])], lastIsPrefix: true, scoring: true)
        }
        let atOnceDocs = atOnce.phraseSet(head + [Array(word[..<length])], lastIsPrefix: true, scoring: true)
        #expect(typedDocs == closedDocs && atOnceDocs == closedDocs)
        #expect(typed.scores == closed.scores && atOnce.scores == closed.scores)
    }
}

/// The commonest pairs of coded words are kept (`WordPairs`): each marks, over its first word's
/// positions, where its second word follows, with the code of the word after; a phrase typed
/// after one word is decided by them, and a head that is a pair is read from its marks.
@Suite struct WordPairTests {
    @Test func pairsMarkWhereTheirWordsStandSideBySide() throws {
        let articles = NextWordPhraseTests.articles
        let index = SearchIndex(articles: articles)
        let words = NextWordPhraseTests.wordsByPosition(articles, index)
        let pairs = index.pairs
        #expect(pairs.count >= 3, "\(pairs.count) pairs")
        // Within their budget: a twentieth of the positions' bytes.
        #expect(pairs.byteSize <= index.posBlob.count / SearchIndex.pairBudgetShare)
        var compared = 0
        for i in 0..<pairs.count {
            let a = index.termText(Int(pairs.first[i])), b = index.termText(Int(pairs.second[i]))
            // Where the two stand side by side, from the words themselves, with the word after.
            var expected: [Int: [(UInt32, UInt8)]] = [:]
            for (d, byPosition) in words.enumerated() {
                for at in byPosition.keys.sorted() where byPosition[at] == a && byPosition[at + 1] == b {
                    let after = byPosition[at + 2].map { NextWord.code(Array($0.utf8)[0]) } ?? NextWord.none
                    expected[d, default: []].append((at, after))
                }
            }
            #expect(!expected.isEmpty, "\(a) \(b)")
            var docs: [Int] = []
            pairs.forEachDoc(ofPair: i, in: index) { docs.append($0) }
            #expect(docs == expected.keys.sorted(), "\(a) \(b)")
            // Read as a head, whole and in halves, and for some documents alone.
            let base = Searcher(index).occurrences([Int(pairs.first[i])])
            let whole = pairs.starts(ofPair: i, from: base, rows: 0..<base.count)
            let searcher = Searcher(index)
            searcher.gatherSplitAbove = 1
            let halves = searcher.pairStarts(base, pair: i)
            let some = docs.enumerated().filter { $0.offset % 3 == 0 }.map { Int32($0.element) }
            let partial = Searcher(index).partialOccurrences([Int(pairs.first[i]), Int(pairs.second[i])], docs: some)
            for (how, occ) in [("whole", whole), ("in halves", halves), ("alone", partial)] {
                var found: [Int: [(UInt32, UInt8)]] = [:]
                for r in 0..<occ.count {
                    let range = Int(occ.offsets[r])..<Int(occ.offsets[r + 1])
                    found[Int(occ.docs[r])] = range.map { (occ.starts[$0], occ.next![$0]) }
                    #expect(occ.masks![r] == range.reduce(0) { $0 | UInt16(1) << UInt16(occ.next![$1]) }, "\(a) \(b) \(how)")
                    compared += range.count
                }
                let want = how == "alone" ? expected.filter { some.contains(Int32($0.key)) } : expected
                #expect(Set(found.keys) == Set(want.keys), "\(a) \(b) \(how)")
                for (d, list) in want {
                    #expect(found[d]?.map(\.0) == list.map(\.0) && found[d]?.map(\.1) == list.map(\.1), "\(a) \(b) \(how) in \(d)")
                }
            }
            // Its summary: the same documents, each with its codes' set.
            // Its summary: the same documents, each with its codes' set (whole, and from a block on).
            let blocks = Int(index.blockStart[Int(pairs.first[i])])..<Int(index.blockStart[Int(pairs.first[i]) + 1])
            let summary = pairs.summary(ofPair: i, in: index, blocks: blocks)
            #expect(summary.docs == whole.docs && summary.masks == whole.masks, "\(a) \(b) summary")
            if blocks.count > 1 {
                let tail = pairs.summary(ofPair: i, in: index, blocks: (blocks.lowerBound + 1)..<blocks.upperBound)
                let from = Int32(index.blockDoc[blocks.lowerBound + 1])
                let kept = whole.docs.indices.filter { whole.docs[$0] >= from }
                #expect(tail.docs == kept.map { whole.docs[$0] } && tail.masks == kept.map { whole.masks![$0] }, "\(a) \(b) from a block")
            }
        }
        #expect(compared > 1_000, "\(compared)")
    }

    /// A word's summary (its codes read, its positions skipped) has the documents and code sets
    /// of its occurrences read whole; and alone, a document's occurrences are the whole head's row.
    @Test func aWordsSummaryAndPartialOccurrencesAgreeWithItsHead() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        for word in ["the", "of", "collective", "council", "security"] {
            let t = try #require(index.termID(word))
            let whole = Searcher(index).occurrences([t])
            let blocks = Int(index.blockStart[t])..<Int(index.blockStart[t + 1])
            let summary = Searcher.summary(index.pointers, term: t, blocks: blocks)
            #expect(summary.docs == whole.docs && summary.masks == whole.masks, "\(word)")
            if blocks.count > 1 {
                let tail = Searcher.summary(index.pointers, term: t, blocks: (blocks.lowerBound + 1)..<blocks.upperBound)
                #expect(tail.docs == Array(whole.docs.dropFirst(SearchIndex.blockSize)) && tail.masks == Array(whole.masks!.dropFirst(SearchIndex.blockSize)))
            }
            let some = whole.docs.enumerated().filter { $0.offset % 4 == 1 }.map(\.element)
            let partial = Searcher(index).partialOccurrences([t], docs: some)
            #expect(partial.docs == some, "\(word)")
            for (r, d) in partial.docs.enumerated() {
                let w = try #require(whole.docs.firstIndex(of: d))
                let range = Int(whole.offsets[w])..<Int(whole.offsets[w + 1])
                let mine = Int(partial.offsets[r])..<Int(partial.offsets[r + 1])
                #expect(Array(partial.starts[mine]) == Array(whole.starts[range]) && Array(partial.next![mine]) == Array(whole.next![range]))
            }
        }
    }

    /// Typed after one word, a completion kept as a pair with it decides its documents with no
    /// check; a head that is a pair, its first word not kept, is decided for a letter with a code
    /// of its own without reading a position (no head's occurrences made). Both agree with the
    /// phrase read with no pair at all.
    @Test func pairsDecideWithoutPositions() throws {
        let index = SearchIndex(articles: NextWordPhraseTests.articles)
        let collective = try #require(index.termID("collective")), security = try #require(index.termID("security"))
        try #require(index.pairs.number(collective, security) != nil, "collective security is a pair")
        let typed = ["collective", "se"].map { Array($0.utf8) }
        let with = Searcher(index), without = Searcher(index)
        without.usePairs = false
        for s in [with, without] { _ = s.phraseSet([Array("collective".utf8), Array("s".utf8)], lastIsPrefix: true, scoring: false) }
        let a = with.phraseSet(typed, lastIsPrefix: true, scoring: false)
        let b = without.phraseSet(typed, lastIsPrefix: true, scoring: false)
        #expect(a == b && a.cardinality > 10)
        #expect(with.documentsChecked < without.documentsChecked / 4, "\(with.documentsChecked) of \(without.documentsChecked)")
        // `collective security t`, asked of a searcher that has seen nothing.
        let cold = Searcher(index), plain = Searcher(index)
        plain.usePairs = false
        let phrase = ["collective", "security", "t"].map { Array($0.utf8) }
        let c = cold.phraseSet(phrase, lastIsPrefix: true, scoring: false)
        #expect(c == plain.phraseSet(phrase, lastIsPrefix: true, scoring: false) && c.cardinality > 10)
        #expect(cold.phraseOccurrences.isEmpty && cold.documentsChecked == 0, "\(cold.phraseOccurrences.map(\.head))")
        // The next letter needs the head's starts: made then, and the same documents.
        let more = ["collective", "security", "tr"].map { Array($0.utf8) }
        #expect(cold.phraseSet(more, lastIsPrefix: true, scoring: false) == plain.phraseSet(more, lastIsPrefix: true, scoring: false))
    }
}

/// Every text an article shows is searched: the other titles it was printed under and its
/// byline too, not only its title, paragraphs and entities (a new user found a headline's words,
/// shown by `show`, that no search found).
@Suite struct SearchedTextsTests {
    @Test func otherTitlesAndBylinesAreSearched() throws {
        let pages = PageGenerator(seed: 11).pages(count: 1500).map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        let articles = CorpusBuilder().build(pages, origin: "generated").articles
        let index = SearchIndex(articles: articles)
        let searcher = Searcher(index)
        var checked = (titles: 0, bylines: 0)
        for (d, a) in articles.enumerated() {
            // The words of the other titles and the byline found nowhere else in the article.
            let elsewhere = Set(([a.title] + a.paragraphs + index.entityTexts(a)).flatMap { Folding.terms($0) })
            for (texts, isByline) in [(a.alternateTitles, false), (a.byline.map { [$0] } ?? [], true)] {
                for text in texts {
                    let words = Folding.terms(text)
                    guard let only = words.first(where: { !elsewhere.contains($0) }) else { continue }
                    #expect(searcher.termSet(Array(only.utf8), scoring: false).contains(d), "\(only) in \(a.id)")
                    // Shown by it: the snippet is that text, marked, and kwic has a line there.
                    let marker = Highlighter(try QueryParser.parse(only, prefixLast: false))
                    let snip = marker.snippet(a)
                    #expect((a.alternateTitles + [a.byline ?? ""]).contains(snip.text) && Folding.terms(snip.text).contains(only) && !snip.ranges.isEmpty, "snippet of \(a.id) for \(only): \(snip.text)")
                    let lines = Concordance.lines([d], in: { articles[$0] }, highlighter: marker)
                    #expect(lines.contains { l in
                        if isByline { return l.place == .byline && l.paragraph == -1 }
                        if case .otherTitle(let k) = l.place { return a.alternateTitles[k] == text }
                        return false
                    } && lines.allSatisfy { Folding.terms($0.keyword).contains(only) }, "kwic of \(a.id) for \(only): \(lines)")
                    // As a phrase too (the text's words stand in a row).
                    if words.count >= 2 {
                        let phrase = try QueryParser.parse("\"" + words.prefix(3).joined(separator: " ") + "\"")
                        #expect(searcher.matchSet(phrase).contains(d), "\(words.prefix(3)) in \(a.id)")
                    }
                    if isByline { checked.bylines += 1 } else { checked.titles += 1 }
                }
            }
        }
        // (The generator writes both, with words of their own.)
        #expect(checked.titles > 0 && checked.bylines > 0, "\(checked)")
    }
}
