import Corpus
import Testing
@testable import SearchIndex

/// Keyword in context: every occurrence, its two sides, the orders.
@Suite struct ConcordanceTests {
    static let articles = Corpus.builtIn().articles
    static let index = SearchIndex(articles: articles)

    func lines(_ query: String, context: Int = 30) throws -> [ConcordanceLine] {
        let q = try QueryParser.parse(query, prefixLast: false)
        let matches = Searcher(Self.index).matchSet(q).members
        return Concordance.lines(matches, in: { Self.articles[$0] }, highlighter: Highlighter(q), context: context)
    }

    @Test func aPhraseIsOneKeywordWhereItsWordsStandInARow() throws {
        let found = try lines("\"strategic command\"")
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.keyword.lowercased() == "strategic command" })
        // A word of the phrase alone is no keyword (`command-staff` is not the phrase).
        #expect(!found.contains { $0.keyword.lowercased() == "command" })
        let h = Highlighter(try QueryParser.parse("\"strategic command\" csto", prefixLast: false))
        let text = "The CSTO strategic command and a command-staff training, strategic talks"
        let marked = h.ranges(in: text).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        #expect(marked == ["CSTO", "strategic command"])
        // Typed with the last word a prefix: the phrase whole, as far as it is typed.
        let typed = Highlighter(try QueryParser.parse("\"strategic c", prefixLast: true, typing: true))
        #expect(typed.ranges(in: text).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) } == ["strategic command"])
        // Wrapped over two lines, the phrase is marked on both.
        let first = "the CSTO held a strategic", second = "command exercise"
        #expect(h.ranges(inLine: first, before: [], after: [second]).map { String(decoding: Array(first.utf8)[$0], as: UTF8.self) }
                == ["CSTO", "strategic"])
        #expect(h.ranges(inLine: second, before: [first], after: []).map { String(decoding: Array(second.utf8)[$0], as: UTF8.self) }
                == ["command"])
        #expect(h.ranges(inLine: second, before: [], after: []).isEmpty)
        // A snippet marks the phrase as one range.
        let article = Self.articles.first { $0.paragraphs.contains { $0.lowercased().contains("strategic command") } }!
        let snip = h.snippet(article)
        #expect(snip.ranges.contains { String(decoding: Array(snip.text.utf8)[$0], as: UTF8.self).lowercased() == "strategic command" })
    }

    @Test func everyOccurrenceIsALineWithItsTwoSides() throws {
        let found = try lines("afghanistan")
        // As many lines as the highlighter marks in the matching articles' titles and paragraphs.
        let q = try QueryParser.parse("afghanistan", prefixLast: false)
        let h = Highlighter(q)
        // A teaser's title repeats the start of its lead: its words are counted once, in the lead.
        let expected = Searcher(Self.index).matchSet(q).members.reduce(0) { n, a in
            let art = Self.articles[a]
            let stem = art.title.hasSuffix("…") ? String(art.title.dropLast()) : art.title
            let title = art.paragraphs.first?.hasPrefix(stem) == true ? "" : art.title
            return n + ([title] + art.paragraphs).reduce(0) { $0 + h.ranges(in: $1).count }
        }
        #expect(found.count == expected && expected >= 5)
        for l in found {
            #expect(l.keyword.lowercased() == "afghanistan")
            #expect(l.left.count <= 30 && l.right.count <= 30)
            #expect(!l.left.contains("\n") && !l.right.contains("\n"))
            let text = l.paragraph < 0 ? Self.articles[l.article].title : Self.articles[l.article].paragraphs[l.paragraph]
            #expect(Array(text.unicodeScalars)[l.offset...].starts(with: l.keyword.unicodeScalars))
        }
        #expect(found.contains { $0.left.hasSuffix("Working Group on ") && $0.right.hasPrefix(" under the CSTO") })
        // No occurrence twice (a teaser's title and its lead).
        let keys = found.map { "\(Self.articles[$0.article].id) \($0.left) \($0.right)" }
        #expect(Set(keys).count == keys.count)
    }

    @Test func ordersByTheWordsBesideTheKeyword() throws {
        let found = try lines("afghanistan")
        let left = Concordance.sorted(found, by: .left).map { Folding.terms($0.left).last ?? "" }
        #expect(left == left.sorted())
        let right = Concordance.sorted(found, by: .right).map { Folding.terms($0.right).first ?? "" }
        #expect(right == right.sorted())
        #expect(Concordance.sorted(found, by: .date) == found)
    }

    @Test func noWordsNoLines() throws {
        #expect(try lines("year:2024").isEmpty)
        #expect(try lines("zzzqqq").isEmpty)
    }
}
