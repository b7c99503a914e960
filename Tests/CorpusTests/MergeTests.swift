import Testing
@testable import Corpus

@Suite struct MergeTests {
    let teaser1 = "On 3 May 2024, the CSTO Secretariat hosted consultations on arms control and non-proliferation matters."
    let teaser2 = "On 3 May 2024, the CSTO Secretariat hosted consultations on information security with the member states."

    @Test func repeatedTeasersBecomeOneArticleWithEverySource() {
        let c = corpus(of: [("a.txt", "\(teaser1)\n\n\nX\n"), ("b.txt", "03.05.2024\n\n\(teaser1)\n")])
        let a = c.articles.first { $0.paragraphs.first == teaser1 }!
        #expect(a.sources.map(\.file) == ["a.txt", "b.txt"])
        #expect(a.published?.description == "2024-05-03") // filled in from the dated copy
        #expect(c.stats.merged >= 1)
    }

    @Test func teasersSharingTheirStartStayApart() {
        #expect(teaser1.prefix(60) == teaser2.prefix(60))
        let c = corpus(of: [("a.txt", "\(teaser1)\n\n\n\(teaser2)\n")])
        #expect(c.articles.count == 2)
        #expect(c.stats.merged == 0)
    }

    @Test func aTeaserJoinsTheFullArticleItIntroduces() {
        let main = "CSTO consultations on arms control\n\nCSTO consultations on arms control 03.05.2024\n\n\(teaser1)\n\nThe delegations discussed the agenda.\n\nGo back\n"
        for order in [[("t.txt", teaser1 + "\n"), ("m.txt", main)], [("m.txt", main), ("t.txt", teaser1 + "\n")]] {
            let c = corpus(of: order)
            #expect(c.articles.count == 1)
            let a = c.articles[0]
            #expect(a.full)
            #expect(a.title == "CSTO consultations on arms control")
            #expect(a.paragraphs.count == 2)
            #expect(Set(a.sources.map(\.role)) == [.main, .teaser])
        }
        // The id is the same whether the full text was seen or only the teaser.
        let teaserOnly = corpus(of: [("t.txt", teaser1 + "\n")])
        #expect(teaserOnly.articles[0].id == corpus(of: [("m.txt", main)]).articles[0].id)
    }

    @Test func aHeadlineOnlyTeaserJoinsItsMainArticle() {
        let main = "Consultations on arms control were held\n\nConsultations on arms control were held 03.05.2024\n\nThe delegations met in Moscow.\n\nGo back\n"
        let list = "03.05.2024\n\nConsultations on arms control were held\n\n\n02.05.2024\n\nAnother headline of the day\n\nGo back\n"
        let c = corpus(of: [("list.txt", list), ("m.txt", main)])
        #expect(c.articles.count == 2)
        let a = c.articles.first { $0.full }!
        #expect(a.sources.count == 2)
    }

    @Test func aMainArticleScrapedTwiceIsOne_differentHeadlinesAreTwo() {
        let page = { (title: String) in "\(title)\n\n\(title) 03.05.2024\n\n\(self.teaser1)\n\nMore text.\n\nGo back\n" }
        #expect(corpus(of: [("a.txt", page("Arms control talks")), ("b.txt", page("Arms control talks"))]).articles.count == 1)
        #expect(corpus(of: [("a.txt", page("Arms control talks")), ("b.txt", page("Other talks entirely"))]).articles.count == 2)
    }
}
