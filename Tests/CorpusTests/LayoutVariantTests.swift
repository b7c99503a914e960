import Testing
@testable import Corpus

/// Layouts found in review, beyond the fixtures: each states what a reader should get.
@Suite struct LayoutVariantTests {
    func blocks(_ text: String) -> [PageBlock] { parsePage(text).blocks }

    @Test func aListOfHeadlineAndLeadBlocksIsTeasersWithTitles() {
        let b = blocks("""
        CSTO Secretary General visits Dushanbe

        On 2 June 2024, the CSTO Secretary General arrived in Dushanbe on a working visit.


        Consultations on arms control held at the CSTO Secretariat

        On 24 April 2024, in Moscow, consultations of the CSTO member states took place.


        The Working Group on Afghanistan met in Moscow

        On 10 April 2024, the 39th meeting of the Working Group on Afghanistan was held.


        Go back
        """)
        #expect(b.map(\.role) == [.teaser, .teaser, .teaser])
        #expect(b.map(\.title) == ["CSTO Secretary General visits Dushanbe", "Consultations on arms control held at the CSTO Secretariat",
                                   "The Working Group on Afghanistan met in Moscow"])
        #expect(b.allSatisfy { $0.paragraphs.count == 1 })
    }

    @Test func aSectionsNameAboveOneArticleIsAHeadingNotATeaser() {
        for top in ["News", "Home / News", "News\n\nHome › Press releases", "Главная / Новости", "Home", "Exercises", "Meetings",
                    "Photo gallery", "News feed", "Home / Press center / Exercises", "Interviews", "Statements"] {
            let text = top + """


            The CSTO is holding a strategic command and staff training

            The CSTO is holding a strategic command and staff training 12.03.2024

            In the period from 12 to 13 March 2024, the CSTO is holding a strategic command and staff training.

            Go back
            """
            let parsed = parsePage(text)
            #expect(parsed.blocks.map(\.role) == [.main], "\(top)")
            #expect(parsed.blocks.first?.title == "The CSTO is holding a strategic command and staff training")
            // Nothing lost: the heading lines are placed as headings.
            let lines = text.components(separatedBy: "\n")
            for (i, line) in lines.enumerated() where top.contains(line) && !line.isEmpty {
                #expect(parsed.roles[i] == .heading, "\(top): \(line)")
            }
        }
        // A headline that only starts so is an article, and a lone section word under a title is
        // not taken.
        #expect(!PageParser.Parse.onlyNamesASection("News of the CSTO Secretariat"))
        #expect(!PageParser.Parse.onlyNamesASection("Exercise Interaction-2024"))
        // Above a stacked list of headlines, a headline with such a word stays a headline.
        let list = blocks("""
        Exercises held in Tajikistan
        CSTO Secretary General visits Dushanbe
        Consultations on arms control held at the CSTO Secretariat
        The Working Group on Afghanistan met in Moscow

        Go back
        """)
        #expect(list.count == 4 && (list.first.map { $0.title ?? $0.paragraphs.first ?? "" }) == "Exercises held in Tajikistan")
        #expect(PageParser.Parse.onlyNamesASection("Press releases"))
    }

    @Test func aHeadlineTeaserBeforeAnUndatedMainArticle() {
        let b = blocks("""
        CSTO Secretary General visits Dushanbe

        On 2 June 2024, the CSTO Secretary General arrived in Dushanbe on a working visit.


        In the Kyrgyz Republic, a command-staff exercise began

        On 10 October 2018 at the Edelweiss training ground a solemn opening of the exercise was held.

        About 2,000 troops take part in the maneuvers.


        Go back
        """)
        #expect(b.map(\.role) == [.teaser, .main])
        #expect(b[1].title == "In the Kyrgyz Republic, a command-staff exercise began")
        #expect(b[1].paragraphs.count == 2)
    }

    @Test func aDatedTeaserAfterTheMainArticle() {
        let b = blocks("""
        The CSTO Secretary General met with the Ambassador of Belarus

        On 3 May 2024, the Secretary General met with the Ambassador of the Republic of Belarus.

        The parties discussed cooperation.


        24.04.2024

        On 24 April 2024, in Moscow, at the CSTO Secretariat consultations took place.

        Go back
        """)
        #expect(b.map(\.role) == [.main, .teaser])
        #expect(b[0].paragraphs.count == 2)
        #expect(b[1].published?.description == "2024-04-24")
    }

    @Test func aTitleRepeatWhoseDateWasCutShort() {
        let b = blocks("""
        The CSTO is holding a strategic command and staff training

        The CSTO is holding a strategic command and staff training 12.03.20
        In the period from 12 to 13 March 2024, a strategic command and staff training is being conducted.
        """)
        #expect(b.count == 1)
        #expect(b[0].role == .main)
        #expect(b[0].title == "The CSTO is holding a strategic command and staff training")
        #expect(b[0].paragraphs.count == 1)
    }

    @Test func aDatedOnlyArticleWithAFooterIsTheMainArticle() {
        let b = blocks("12.03.2024\n\nThe CSTO is holding a training\n\nIn the period from 12 to 13 March 2024, a training is held.\n\nThe training continues.\n\nGo back\n")
        #expect(b.count == 1)
        #expect(b[0].role == .main)
        #expect(b[0].title == "The CSTO is holding a training")
        #expect(b[0].published?.description == "2024-03-12")
    }

    @Test func creditsAndAWebAddressStayOutOfTheBody() {
        let b = blocks("""
        The CSTO held a seminar in Minsk

        The CSTO held a seminar in Minsk 05.06.2019

        On 5 June 2019, a seminar on information security was held in Minsk.

        The seminar was attended by experts from Armenia and Tajikistan.

        Author: Anna Petrova

        Source: BELTA

        Press Service of the CSTO Secretariat

        Tel.: +7 (495) 606-97-71

        odkb-pressa@gov.ru

        www.odkb-csto.org

        Go back
        """)
        #expect(b.count == 1)
        #expect(b[0].paragraphs.count == 2)
        #expect(b[0].media == ["Author: Anna Petrova", "Source: BELTA"])
        #expect(b[0].contacts == ["Press Service of the CSTO Secretariat", "Tel.: +7 (495) 606-97-71", "odkb-pressa@gov.ru", "www.odkb-csto.org"])
    }

    @Test func contactsBeforeLaterTeasers() {
        let b = blocks("""
        The CSTO held a seminar in Minsk

        The CSTO held a seminar in Minsk 05.06.2019

        On 5 June 2019, a seminar on information security was held in Minsk.

        CSTO press secretary Vladimir Zainetdinov

        Email: odkb-pressa@gov.ru


        04.06.2019

        On 4 June 2019, the CSTO Secretary General met with the OSCE delegation.

        Go back
        """)
        #expect(b.map(\.role) == [.main, .teaser])
        #expect(b[0].paragraphs.count == 1)
        #expect(b[0].contacts.count == 2)
    }

    @Test func aFooterAtTheTopIsStillBoilerplate() {
        let p = parsePage("Go back\n\nBack to the section\n\nBack to the all news\n\n24.04.2024\n\nOn 24 April 2024, the CSTO Secretariat hosted consultations.\n")
        #expect(p.blocks.count == 1)
        #expect(p.blocks[0].published?.description == "2024-04-24")
        #expect(p.unplaced.isEmpty)
    }

    @Test func undatedStatementsWithOneHeadlineStayApart() {
        let a = "Statement by the CSTO Secretary General\n\nThe CSTO Secretary General condemns the terrorist attack in Moscow.\n\nGo back\n"
        let b = "Statement by the CSTO Secretary General\n\nThe CSTO Secretary General welcomes the ceasefire agreement.\n\nGo back\n"
        let c = corpus(of: [("a.txt", a), ("b.txt", b)])
        #expect(c.articles.count == 2)
    }

    @Test func mergingDoesNotDependOnPageOrder() {
        let main1 = "Consultations on arms control\n\nConsultations on arms control 24.04.2024\n\nOn 24 April 2024, consultations took place.\n\nGo back\n"
        let main2 = "Consultations on arms control\n\nConsultations on arms control 24.04.2024\n\nOn 24 April 2024, in Moscow, consultations took place.\n\nThe agenda was adopted.\n\nGo back\n"
        let teaser = "On 24 April 2024, consultations took place.\n"
        let orders = [[("1", main1), ("2", main2), ("3", teaser)], [("3", teaser), ("2", main2), ("1", main1)],
                      [("2", main2), ("3", teaser), ("1", main1)]]
        let counts = orders.map { corpus(of: $0).articles.count }
        #expect(counts == [1, 1, 1])
        // The id comes from the first main article read, and is kept when a re-scrape is added.
        #expect(corpus(of: [("1", main1)]).articles[0].id == corpus(of: [("1", main1), ("2", main2)]).articles[0].id)
    }

    @Test func aHeadlineTeaserJoinsItsArticle() {
        let page = """
        12.03.2024

        The CSTO is holding a strategic command and staff training

        In the period from 12 to 13 March 2024, a training is being conducted in the CSTO.


        The CSTO is holding a strategic command and staff training

        The CSTO is holding a strategic command and staff training 12.03.2024

        In the period from 12 to 13 March 2024, a training is being conducted in the CSTO.

        The training continues.

        Go back
        """
        let c = corpus(of: [("q.txt", page)])
        #expect(c.articles.count == 1)
        #expect(c.articles[0].sources.count == 2)
    }

    @Test func manyContactLinesAreLinear() {
        let page = String(repeating: "+7 495 606 97 71\n", count: 30_000)
        let p = parsePage(page)
        #expect(p.unplaced.count == 30_000)
    }
}
