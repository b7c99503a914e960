import Corpus
import Testing
@testable import SearchIndex

/// The workbench's counts: the results over time, the entities they name.
@Suite struct WorkbenchTests {
    static let articles = Corpus.builtIn().articles
    static let index = SearchIndex(articles: articles)

    func set(_ query: String) throws -> Bitset { Searcher(Self.index).matchSet(try QueryParser.parse(query, prefixLast: false)) }

    @Test func aTrendCountsEveryPeriodFromTheFirstToTheLast() throws {
        let all = Bitset(count: Self.articles.count, full: true)
        let (years, undated) = Searcher(Self.index).trend(all, by: .year)
        #expect(years.map(\.period) == ["2018", "2019", "2020", "2021", "2022", "2023", "2024"])
        #expect(years.map(\.count) == [1, 1, 0, 0, 0, 0, 10])
        #expect(undated == 3 && years.reduce(0) { $0 + $1.count } + undated == 15)
        let (months, _) = Searcher(Self.index).trend(try set("year:2024"), by: .month)
        #expect(months.map(\.period) == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"])
        #expect(months.map(\.count) == [2, 6, 0, 0, 2])
        // Across a year's end the months run on: December, then January.
        let (span, _) = Searcher(Self.index).trend(try set("year:2018..2019"), by: .month)
        #expect(span.first?.period == "2018-10" && span.last?.period == "2019-06" && span.count == 9)
        #expect(span.contains { $0.period == "2018-12" } && span.contains { $0.period == "2019-01" })
    }

    @Test func entitiesAreCountedOncePerArticleWithTheirYears() throws {
        let s = try set("afghanistan")
        let orgs = Searcher(Self.index).entities(s, type: .organization)
        let csto = orgs.first { $0.name == "CSTO" }!
        #expect(csto.count == s.members.filter { Self.articles[$0].organizations.contains("CSTO") }.count)
        #expect(csto.years.reduce(0) { $0 + $1.count } <= csto.count)
        #expect(orgs.map(\.count) == orgs.map(\.count).sorted(by: >))
        let people = Searcher(Self.index).entities(Bitset(count: Self.articles.count, full: true), type: .person)
        #expect(people.first?.name == "Imangali Tasmagambetov")
        #expect(people.first?.count == Self.articles.filter { $0.people.contains("Imangali Tasmagambetov") }.count)
        #expect(people.first?.latest == 20240719)
    }
}

/// Related articles: words, shared names, closeness in time.
@Suite struct RelatedTests {
    static let articles = Corpus.builtIn().articles
    static let index = SearchIndex(articles: articles)

    func doc(_ prefix: String) -> Int { Self.articles.firstIndex { $0.title.hasPrefix(prefix) }! }

    @Test func theUndatedStatementFindsTheDebateItWasGivenAtAndBack() {
        let statement = doc("Allow me to thank the Russian presidency")
        let debate = doc("The CSTO Secretary General Imangali Tasmagambetov took part in the debate")
        let s = Searcher(Self.index)
        let fromStatement = s.related(to: statement)
        #expect(fromStatement.first?.doc == debate)
        #expect(fromStatement.first?.shared.contains("UN Security Council") == true)
        #expect(s.related(to: debate).first?.doc == statement)
    }

    @Test func neverItselfAtMostTheLimitBestFirst() {
        let s = Searcher(Self.index)
        for d in Self.articles.indices {
            let r = s.related(to: d, limit: 3)
            #expect(r.count <= 3 && !r.contains { $0.doc == d })
            #expect(r.map(\.score) == r.map(\.score).sorted(by: >))
        }
    }
}
