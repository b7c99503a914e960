import Corpus
import Testing
@testable import SearchIndex

/// The one owner of the query's surface: tokens with their columns, filters added, removed and
/// toggled, the CLI options as terms, mistakes named by column, completion.
@Suite struct QueryTextTests {
    @Test func tokensKnowTheirColumns() {
        let t = QueryText.tokens("afgh -\"x y\" org:\"Council of Defense\" OR b")
        #expect(t.map(\.column) == [1, 6, 13, 38, 41])
        #expect(t[1].negated && t[1].quoted && t[1].text == "x y")
        #expect(t[2].field?.name == "org" && t[2].field?.value == "Council of Defense")
        #expect(t[3].isOr)
    }

    @Test func filtersAreAddedRemovedAndToggledAsThePanelDoes() {
        var q = QueryText.toggling(.year, "2024", in: "afgh")
        q = QueryText.toggling(.year, "2023", in: q)
        #expect(q == "afgh year:2024 OR year:2023")
        q = QueryText.toggling(field: "month", "2024-04", in: q)
        #expect(QueryText.months(in: q) == ["2024-04"])
        #expect(QueryText.clearingFilters(q) == "afgh")
        #expect(QueryText.removing(.year, from: "-year:2020 year:2021 x") == "-year:2020 x", "an exclusion is not a filter of the panel")
    }

    @Test func oneYearOfARangeTurnsOffAlone() {
        #expect(QueryText.removingYear(2020, fromRange: "2018..2024", in: "afgh year:2018..2024") == "afgh year:2018..2019 OR year:2021..2024")
        #expect(QueryText.removingYear(2018, fromRange: "2018..2019", in: "year:2018..2019 kind:meeting") == "kind:meeting year:2019")
        #expect(QueryText.removingYear(2024, fromRange: "2024..2024", in: "year:2024..2024") == "")
    }

    @Test func cliOptionsAreTheSameTerms() {
        #expect(QueryText.filters(years: ["2023", "2024"], orgs: ["UN"], kinds: []) == "year:2023 OR year:2024 org:UN")
        #expect(QueryText.filters(years: [], orgs: ["Council of Defense Ministers"], kinds: ["meeting"])
                == "org:\"Council of Defense Ministers\" kind:meeting")
    }

    @Test func mistakesNameTheirColumn() {
        #expect(QueryText.structureError("afgh \"strategic")?.message == "unbalanced quote: the \" at column 6 is never closed")
        #expect(QueryText.structureError("org:\"Council of")?.message.contains("column 5") == true)
        #expect(QueryText.structureError("a OR OR b")?.message == "OR at column 3 needs a term after it, e.g. a OR b")
        #expect(QueryText.structureError("OR b")?.message == "OR at column 1 needs a term before it, e.g. a OR b")
        #expect(QueryText.structureError("x (a OR b)")?.message.contains("column 3") == true)
        #expect(QueryText.structureError("afgh \"strategic command\" -nato OR csto") == nil)
        #expect(QueryText.structureError("afgh - nato")?.message == "a lone - at column 6 excludes nothing: write it before a word, e.g. -nato")
        #expect(QueryText.structureError("afgh -") != nil)
        // While typing, what is half typed at the end is not a mistake yet; the rest is.
        for half in ["afgh \"strategic", "afgh OR", "afgh -", "a OR or", "org:\"Council of"] {
            #expect(QueryText.structureError(half, typing: true) == nil, "\(half)")
        }
        #expect(QueryText.structureError("x (a", typing: true)?.message.contains("column 3") == true)
        #expect(QueryText.structureError("OR b", typing: true) != nil)
        #expect(QueryText.structureError("a OR OR b", typing: true) != nil)
        #expect(throws: QueryError.self) { try QueryParser.parse("afgh (csto", typing: true) }
        #expect(throws: QueryError.self) { try QueryParser.parse("afgh - nato") }
    }

    @Test func yearsAndMonthsAreOneFacet() {
        // The panel ORs a month with the years; a month in a picked year (or range) narrows it.
        #expect(QueryText.toggling(field: "month", "2024-04", in: "afgh year:2019") == "afgh year:2019 OR month:2024-04")
        #expect(QueryText.toggling(field: "month", "2019-04", in: "year:2019") == "month:2019-04")
        #expect(QueryText.toggling(field: "month", "2019-04", in: "year:2018..2020") == "year:2018 OR year:2020 OR month:2019-04")
        #expect(QueryText.toggling(field: "month", "2019-04", in: "year:2019..2022") == "year:2020..2022 OR month:2019-04")
        #expect(QueryText.toggling(.year, "2024", in: "year:2019 OR month:2024-04 OR month:2019-01")
                == "year:2019 OR year:2024 OR month:2019-01")
        // Negated ones are not picks: they stay as they are.
        #expect(QueryText.toggling(field: "month", "2024-04", in: "-year:2024") == "-year:2024 month:2024-04")
        // The command line's options stay ANDed fields.
        #expect(QueryText.filters(years: ["2024"], orgs: [], kinds: [], months: ["2024-04"]) == "year:2024 month:2024-04")
        #expect(QueryText.yearsAndMonthsORed(in: "year:2019 OR month:2024-04"))
        #expect(!QueryText.yearsAndMonthsORed(in: "year:2024 month:2024-04"))
        #expect(QueryText.removing(.year, from: "afgh year:2019 OR month:2024-04 kind:meeting") == "afgh kind:meeting")
    }

    @Test func aTrendBarNarrowsToItsPeriod() {
        #expect(QueryText.narrowing(to: "2024-03", in: "afgh") == "afgh month:2024-03")
        #expect(QueryText.narrowing(to: "2024-03", in: "afgh year:2024") == "afgh month:2024-03")
        #expect(QueryText.narrowing(to: "2021", in: "year:2018..2024") == "year:2021")
        // Dates ORed that do not hold the period whole: ANDed after them (the bar's own count).
        #expect(QueryText.narrowing(to: "2024", in: "year:2019 OR month:2024-04") == "year:2019 OR month:2024-04 after:2024 before:2025")
        #expect(QueryText.narrowing(to: "2024-03", in: "year:2019 OR month:2024-04") == "year:2019 OR month:2024-04 after:2024-03 before:2024-04")
        #expect(QueryText.narrowing(to: "2023-12", in: "year:2019 OR year:2024") == "year:2019 OR year:2024 after:2023-12 before:2024-01")
        // Typed ANDed (April 2024 only): the bar is narrowed, never widened to the whole year.
        #expect(QueryText.narrowing(to: "2024", in: "afgh year:2024 month:2024-04") == "afgh year:2024 month:2024-04 after:2024 before:2025")
    }

    @Test func completionFillsFieldNamesAndValues() {
        let values: (String) -> [String] = { f in
            f == "kind" ? ArticleKind.allCases.map(\.rawValue) : f == "org" ? ["Council of Defense Ministers", "Council of Foreign Ministers", "CSTO"] : []
        }
        #expect(QueryText.complete("kind:me", cursor: 7, values: values)?.text == "kind:meeting ")
        #expect(QueryText.complete("afgh ki", cursor: 7, values: values)?.text == "afgh kind:")
        let two = QueryText.complete("org:coun", cursor: 8, values: values)
        #expect(two?.text == "org:\"Council of ")
        #expect(two?.candidates.count == 2)
        #expect(QueryText.complete("org:cs", cursor: 6, values: values)?.text == "org:CSTO ")
        #expect(QueryText.complete("zzz", cursor: 3, values: values) == nil)
        // A quoted value with spaces is one token: Tab goes on from the common prefix.
        #expect(QueryText.complete("org:\"Council of F", cursor: 17, values: values)?.text == "org:\"Council of Foreign Ministers\" ")
        #expect(QueryText.complete("x ", cursor: 2, values: values) == nil)
    }
}
