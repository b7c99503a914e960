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
