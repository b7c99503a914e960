import Corpus
import Testing
@testable import SearchIndex

/// The exact answers the issue asks for, on the built-in corpus.
@Suite struct SeedSearchTests {
    static let corpus = Corpus.builtIn()
    static let index = SearchIndex(articles: corpus.articles)

    func titles(_ q: String) throws -> [String] {
        let r = try Searcher(Self.index).search(q)
        return r.hits.map { Self.index.articles[$0.doc].title }
    }

    func leads(_ q: String) throws -> [String] {
        let r = try Searcher(Self.index).search(q)
        return r.hits.map { Self.index.articles[$0.doc].paragraphs.first ?? "" }
    }

    @Test func otunbayevaFindsTheEighthOfAprilMeetingOnly() throws {
        let r = try leads("otunbayeva")
        #expect(r.count == 1)
        #expect(r.first?.hasPrefix("On 8 April 2024, at the CSTO Secretariat") == true)
    }

    @Test func interaction2018RanksTheKyrgyzExerciseFirst() throws {
        for q in ["interaction 2018", "interaction-2018", "Interaction-2018", "interaction"] {
            let t = try titles(q)
            #expect(t.first?.hasPrefix("In the Kyrgyz Republic, a command-staff exercise") == true, "\(q): \(t)")
        }
    }

    @Test func afghFindsTheWorkingGroupOnAfghanistan() throws {
        let r = try leads("afgh")
        #expect(r.contains { $0.hasPrefix("On 10 April 2024, the 39th meeting of the Working Group on Afghanistan") })
        let afghan = try leads("afghan")
        #expect(r.count == afghan.count)
    }

    @Test func year2019FindsTheBishkekMeetingOnly() throws {
        let t = try titles("year:2019")
        #expect(t.count == 1)
        #expect(t.first?.contains("Bishkek") == true)
    }

    @Test func orgUNRCCAFindsExactlyTwo() throws {
        #expect(try titles("org:UNRCCA").count == 2)
        #expect(try titles("org:unrcca").count == 2)
    }

    @Test func kindInterviewFindsTassAndBelta() throws {
        let r = try leads("kind:interview")
        #expect(r.count == 2)
        #expect(r.contains { $0.contains("TASS") })
        #expect(r.contains { $0.contains("BELTA") })
    }

    @Test func organizationAliasesFindEachOther() throws {
        let csto = try titles("csto").count
        #expect(csto == Self.corpus.articles.filter { $0.organizations.contains("CSTO") }.count)
        #expect(try titles("ОДКБ").count == csto)
        #expect(try titles("\"collective security treaty organization\"").count == csto)
    }

    @Test func phrasesNegationOrAndFields() throws {
        #expect(try titles("\"strategic command and staff training\"").count == 1)
        #expect(try titles("\"staff strategic\"").isEmpty)
        let all = try titles("meeting").count
        let withoutApril = try titles("meeting -april").count
        #expect(withoutApril < all && withoutApril > 0)
        #expect(try titles("otunbayeva OR imnadze").count == 2)
        // The training of 12-13 March and the training courses of 1-23 April.
        #expect(try titles("kind:exercise year:2024").count == 2)
        #expect(try titles("person:serdyukov").count == 1)
        #expect(try titles("country:kyrgyzstan").count >= 2)
        #expect(try titles("exercise:interaction").count == 2)
        #expect(try titles("exercise:\"indestructible brotherhood\"").count == 2)
        #expect(try titles("org:\"Council of Defense Ministers\"").count == 1)
        #expect(try titles("before:2024-04-01 after:2024").count == 2)
        #expect(try titles("year:2018..2019").count == 2)
    }

    @Test func facetsCountTheWholeResultSet() throws {
        let r = try Searcher(Self.index).search("csto", limit: 1)
        #expect(r.hits.count == 1)
        let kinds = r.facets[.kind] ?? []
        #expect(kinds.reduce(0) { $0 + $1.count } == r.total)
        let years = r.facets[.year] ?? []
        #expect(years.map(\.value) == years.map(\.value).sorted(by: >))
        #expect(r.facets[.organization]?.first?.value == "CSTO")
        #expect(r.facets[.exercise]?.contains { $0.value == "Indestructible Brotherhood" } == true)
    }

    @Test func highlightsAndSnippetsMarkTheWords() throws {
        let q = try QueryParser.parse("afgh tasmag")
        let h = Highlighter(q)
        let title = "Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency"
        let ranges = h.ranges(in: title)
        #expect(ranges.count == 1)
        let u = Array(title.utf8)
        #expect(String(decoding: u[ranges[0]], as: UTF8.self) == "Tasmagambetov")
        let tass = Self.index.articles.first { $0.title == title }!
        let snip = h.snippet(tass)
        #expect(!snip.ranges.isEmpty)
        let su = Array(snip.text.utf8)
        #expect(snip.ranges.allSatisfy { String(decoding: su[$0], as: UTF8.self).lowercased().hasPrefix("afgh") || String(decoding: su[$0], as: UTF8.self).lowercased().hasPrefix("tasmag") })
    }

    @Test func emptyQueryListsEverythingNewestFirst() throws {
        let r = try Searcher(Self.index).search("")
        #expect(r.total == 15)
        let dates = r.hits.compactMap { Self.index.articles[$0.doc].displayDate }
        #expect(dates == dates.sorted(by: >))
    }
}
