import Foundation
import Testing
@testable import Corpus

/// The layouts the real site uses (issue 9), on fixture pages written from the issue's
/// descriptions, each with an expected file: main title, publication date, teasers, kinds. The
/// pages of a folder are read together, so the corpus-wide line counts play as in the reader.
@Suite struct LayoutFixtureTests {
    /// Folders the parser was tuned on: everything in them must be right.
    static let tuning = ["layouts", "layouts2", "layouts3", "layouts4"].filter {
        FileManager.default.fileExists(atPath: Repo.fixtures.appendingPathComponent($0).path)
    }

    static func measure(_ folder: String) throws -> ParserAccuracy {
        try ParserAccuracy.measure(dir: Repo.fixtures.appendingPathComponent(folder).path)
    }

    @Test(arguments: tuning)
    func everyTuningPageIsReadRight(folder: String) throws {
        let r = try Self.measure(folder)
        let misses = r.misses.filter { !$0.what.contains("kind") }.map { "\($0.page): \($0.what)" }
        #expect(r.unreadable == 0)
        #expect(r.badExpectations.isEmpty, "\(r.badExpectations)")
        #expect(r.titles.right == r.titles.total, "\(misses)")
        #expect(r.dates.right == r.dates.total, "\(misses)")
        #expect(r.teaserCounts.right == r.teaserCounts.total, "\(misses)")
        #expect(r.teasersFound.right == r.teasersFound.total, "\(misses)")
        #expect(r.teaserDates.right == r.teaserDates.total, "\(misses)")
        #expect(r.extras.right == r.extras.total, "\(misses)")
        #expect(r.kinds.percent >= 90, "\(r.misses.filter { $0.what.contains("kind") }.map(\.what))")
    }

    @Test func atLeastFortyPagesCoverEveryLayoutThreeTimes() throws {
        var pages = 0
        var perLayout: [Int: Int] = [:]
        for folder in Self.tuning {
            let dir = Repo.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".expected.json") {
                let json = try #require(Repo.json(dir.appendingPathComponent(name)) as? [String: Any])
                pages += 1
                for l in json["layouts"] as? [Int] ?? [] { perLayout[l, default: 0] += 1 }
            }
        }
        #expect(pages >= 40)
        for layout in 1...10 { #expect(perLayout[layout, default: 0] >= 3, "layout \(layout): \(perLayout[layout, default: 0]) pages") }
    }

    /// The hold-out set was written by someone else from the issue alone and never tuned on;
    /// its figures are reported in the README. This guards against falling below them.
    @Test func holdOutSetStaysAboveItsReportedFloor() throws {
        let r = try Self.measure("holdout")
        #expect(r.pages == 32)
        #expect(r.unreadable == 0)
        #expect(r.titles.percent >= 90, "\(r.misses.map(\.what))")
        #expect(r.dates.percent >= 95)
        #expect(r.teaserCounts.percent >= 85)
    }

    @Test func fixturePagesLoseNothing() throws {
        var pages: [PageInput] = []
        for folder in Self.tuning + ["holdout"] {
            let dir = Repo.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".txt") {
                pages.append(PageInput(name: "\(folder)/\(name)", bytes: Repo.bytes(dir.appendingPathComponent(name))))
            }
        }
        let (checked, missing) = NothingLostTests.check(pages)
        #expect(checked > 1500)
        #expect(missing.isEmpty, "\(missing.prefix(10))")
    }

    @Test func explainGivesEveryLineARoleAndAReason() throws {
        let dir = Repo.fixtures.appendingPathComponent("layouts").path
        let (pages, _) = try Corpus.explain(paths: [dir])
        #expect(pages.count >= 40)
        for page in pages {
            #expect(!page.parsed.decision.isEmpty)
            for (i, line) in page.lines.enumerated() where !line.isEmpty {
                #expect(page.parsed.roles[i] != .blank, "\(page.name):\(i + 1)")
                #expect(!page.parsed.reasons[i].isEmpty, "\(page.name):\(i + 1) has no reason")
            }
            // Each article a line went to exists, and each article has its lines.
            let used = Set(page.parsed.blockOfLine.filter { $0 >= 0 })
            #expect(used == Set(page.parsed.blocks.indices), "\(page.name)")
        }
    }
}

/// Layout rules, one page each, stated in a reader's terms.
@Suite struct RealLayoutRuleTests {
    @Test func stackedOneLineTeasersAreOneArticleEach() {
        let p = parsePage("""
        On 13 July 2024, the CSTO Secretary General met with the Ambassador of Armenia.
        From 25 to 27 July 2024, a seminar on cyber security was held in Minsk.
        The CSTO Parliamentary Assembly adopted a model law
        The Council of Foreign Ministers met in Astana
        The CSTO marks the anniversary of the Collective Security Treaty
        10.08.2024
        On 9 August 2024, the Joint Staff held a planning conference on the Interaction-2024 exercise.
        The conference was attended by the heads of the operational departments.
        The exercise will be held in the autumn.

        Go back
        """)
        #expect(p.blocks.map(\.role) == [.teaser, .teaser, .teaser, .teaser, .main])
        #expect(p.blocks[4].title == "The CSTO marks the anniversary of the Collective Security Treaty")
        #expect(p.blocks[4].published?.description == "2024-08-10")
        #expect(p.blocks[4].paragraphs.count == 3)
    }

    @Test func aListPageHasNoMainArticleAndItsHeadingIsNoArticle() {
        let heads = (1...10).map { "The CSTO event number \($0) took place in Moscow with the member states" }
        let p = parsePage("News\n\n" + heads.joined(separator: "\n") + "\n\nGo back\n")
        #expect(p.blocks.count == 10)
        #expect(p.blocks.allSatisfy { $0.role == .teaser })
        #expect(p.roles[0] == .heading)
    }

    @Test func aNewspaperPieceKeepsItsBylineAndTimeStamp() {
        let p = parsePage("""
        Article by the CSTO Secretary General in Rossiyskaya Gazeta

        “Thirty years of the Treaty: the CSTO
        has passed the test of time”
        Stanislav Zas
        May 15, 2022, 00:01
        Photo: RG

        \u{00A0}\u{00A0}Thirty years ago the heads of six states signed the Treaty.

        \u{00A0}\u{00A0}Today the Organization is a full-fledged regional body.

        Go back
        """)
        let main = p.blocks.first { $0.role == .main }
        #expect(main?.title == "Article by the CSTO Secretary General in Rossiyskaya Gazeta")
        #expect(main?.alternateTitles == ["“Thirty years of the Treaty: the CSTO has passed the test of time”"])
        #expect(main?.byline == "Stanislav Zas")
        #expect(main?.timestamp == "May 15, 2022, 00:01")
        #expect(main?.published?.description == "2022-05-15")
        #expect(main?.media == ["Photo: RG"])
        #expect(main?.paragraphs.count == 2)
    }

    @Test func theSidebarShowingThePagesOwnArticleMergesWithIt() {
        let c = corpus(of: [("p.txt", """
        The CSTO Secretary General visited Dushanbe

        On 2 June 2024, the CSTO Secretary General met with the Minister of Defence of Belarus.


        The CSTO Secretary General visited Dushanbe
        03.06.2024
        On 3 June 2024, the CSTO Secretary General arrived in Dushanbe on a working visit.
        The talks focused on the situation on the Tajik-Afghan border.

        Go back
        """)])
        #expect(c.articles.count == 2)
        let main = c.articles.first { $0.full }
        #expect(main?.sources.map(\.role) == [.main, .teaser])
    }

    @Test func aRewordedRepeatIsNoArticle() {
        let p = parsePage("""
        On 1 June 2024, the CSTO Secretariat hosted consultations on arms control.


        The CSTO Secretary General met with the Minister of Foreign Affairs of Kazakhstan
        The Minister of Foreign Affairs of Kazakhstan held a meeting with the CSTO Secretary General
        05.06.2024

        On 5 June 2024, the parties discussed the preparations for the session of the Council.

        Go back
        """)
        #expect(p.blocks.map(\.role) == [.teaser, .main])
        #expect(p.blocks[1].title == "The CSTO Secretary General met with the Minister of Foreign Affairs of Kazakhstan")
        #expect(p.blocks[1].alternateTitles.count == 1)
        #expect(p.blocks[1].published?.description == "2024-06-05")
    }

    @Test func aWrittenOutDateAndADocumentLineDateTheArticle() {
        let p = parsePage("""
        Statement of the CSTO Council of Foreign Ministers

        \u{00A0} \u{00A0}May 22, 2019 \u{00A0}

        24.05.2019 Download document Statement_CFM.docx

        We, the Ministers of Foreign Affairs of the member states, declare our commitment to the Treaty.

        Go back
        """)
        let main = p.blocks.first { $0.role == .main }
        #expect(main?.published?.description == "2019-05-22")
        #expect(main?.media == ["Download document Statement_CFM.docx"])
        #expect(main?.paragraphs.count == 1)
    }

    @Test func aLowConfidencePageIsListedByStats() {
        // Two headlines, each with two sentences under it, no date, no footer: a coin toss.
        let page = """
        The CSTO Secretary General met with the Ambassador of China

        The parties discussed regional security.

        They agreed to meet again.


        The CSTO Secretary General met with the Ambassador of India

        The parties discussed regional security.

        They agreed to meet again soon.
        """
        let c = corpus(of: [("close.txt", page)])
        #expect(c.stats.lowConfidence.map(\.file) == ["close.txt"])
        #expect(c.stats.lowConfidence.first.map { $0.confidence < CorpusBuilder.lowConfidence } == true)
        #expect(c.stats.lowConfidence.first?.decision.contains("next best") == true)
        // A clear page is no close call.
        #expect(corpus(of: [("clear.txt", "The CSTO held a seminar\n\nThe CSTO held a seminar 01.02.2024\n\nOn 1 February 2024, a seminar was held.\n")]).stats.lowConfidence.isEmpty)
    }
}

/// Hard pages (contact blocks first, credits above titles, rules, section headings, reworded
/// headlines, teasers that look like the title): each reads as a person reads it.
@Suite struct HardPageTests {
    @Test func aContactBlockFirstAndAListAfterTheFooterDoNotCrash() {
        let clean = PageCleaner.clean(Array("Email: press@odkb-csto.org\nGo back\nNews\n\nThe CSTO Secretary General met the Ambassador of Armenia in Moscow\nThe Joint Staff held a planning conference\nThe Council of Foreign Ministers met in Minsk\n".utf8))
        let p = PageParser.parse(clean)
        for (i, line) in clean.lines.enumerated() { #expect((p.roles[i] == .blank) == line.isEmpty, "line \(i + 1)") }
        #expect(p.blocks.count == 3)
    }

    @Test func aDateAndACreditAboveTheTitleGoToTheMainArticle() {
        let p = parsePage("""
        On 1 June 2024, the CSTO Secretariat hosted consultations on arms control.


        05.06.2024
        Photo: CSTO press service
        The CSTO Secretary General met with the Minister of Defence of Belarus

        On 5 June 2024, the parties discussed the preparations for the exercise.

        The meeting took place in Minsk.

        Go back
        """)
        let main = p.blocks.first { $0.role == .main }
        #expect(main?.published?.description == "2024-06-05")
        #expect(main?.media == ["Photo: CSTO press service"])
        #expect(p.roles[3] == .date)
        #expect(p.roles[4] == .media)
        #expect(p.unplaced.isEmpty)
    }

    @Test func aShortTitleOverASingleNewlineBodyIsNoSectionHeading() {
        let p = parsePage("Summit in Minsk\n\nOn 12 May 2024, the leaders of the member states met in Minsk.\nThey discussed the situation in Central Asia.\nThey signed a declaration on the results of the summit.\n\nGo back\n")
        #expect(p.blocks.map(\.role) == [.main])
        #expect(p.blocks.first?.title == "Summit in Minsk")
        #expect(!p.roles.contains(.heading))
    }

    @Test func aSectionHeadingIsKeptAsTheSection() {
        let heads = (1...6).map { "The CSTO event number \($0) took place in Moscow with the member states" }
        let p = parsePage("CSTO Secretariat\n\n" + heads.joined(separator: "\n") + "\n")
        #expect(p.section == "CSTO Secretariat")
        #expect(p.blocks.count == 6)
    }

    @Test func aRuleOfUnderscoresIsNotCountedAcrossPages() {
        let rule = String(repeating: "_", count: 60)
        let main = { (n: Int) in "Meeting number \(n) of the CSTO Working Group\n\nMeeting number \(n) of the CSTO Working Group 0\(n).02.2024\n\nOn \(n) February 2024, the group met in Moscow for the \(n)th time.\n\n\n\(rule)\n\nThe members discussed the plan for the year and agreed on the next steps.\n\nGo back\n" }
        let c = corpus(of: (1...4).map { ("p\($0).txt", main($0)) })
        #expect(c.articles.count == 4)
        #expect(c.articles.allSatisfy { $0.full && $0.paragraphs.count == 3 })
        #expect(LineEvidence.key(rule) == 0)
    }

    @Test func numbersInABodyAreNoPager() {
        #expect(Boilerplate.isPager("1 2 3 … 74"))
        #expect(Boilerplate.isPager("« Previous 1 2 3 Next »"))
        #expect(Boilerplate.isPager("1 2 3 4 5"))
        #expect(!Boilerplate.isPager("2022 2023"))
        #expect(!Boilerplate.isPager("10 15"))
        let p = parsePage("Results of the year\n\nResults of the year 01.12.2024\n\nThe numbers of the two years were:\n\n2022 2023\n\nBoth years saw growth.\n\nGo back\n")
        #expect(p.blocks.first?.paragraphs.count == 3)
    }

    @Test func aSidebarTeaserWithTheSameHeadlineButAnotherLeadStaysATeaser() {
        let p = parsePage("""
        Statement by the CSTO Secretary General

        The CSTO Secretary General condemns the attack on the border post.


        Statement by the CSTO Secretary General

        Statement by the CSTO Secretary General 03.04.2024

        The CSTO Secretary General welcomes the ceasefire agreement.

        Go back
        """)
        #expect(p.blocks.map(\.role) == [.teaser, .main])
        #expect(p.blocks[0].paragraphs == ["The CSTO Secretary General condemns the attack on the border post."])
    }

    /// Found by a new user: a second headline in other words, with few words in common.
    @Test func aLooselyRewordedSecondHeadlineIsNoTitle() {
        let p = parsePage("""
        On 14 September 2022, the CSTO Secretary General met with the Ambassador of Uzbekistan.


        CSTO Secretary General visits Kyrgyzstan
        Stanislav Zas paid a working visit to the Kyrgyz Republic
        20.10.2022

        On 19-20 October 2022, the CSTO Secretary General visited Bishkek.

        He met with the leadership of the Republic.

        Go back
        """)
        #expect(p.blocks.map(\.role) == [.teaser, .main])
        #expect(p.blocks[1].title == "CSTO Secretary General visits Kyrgyzstan")
        #expect(p.blocks[1].alternateTitles == ["Stanislav Zas paid a working visit to the Kyrgyz Republic"])
        #expect(p.confidence >= CorpusBuilder.lowConfidence, "its own repeat is no rival")
    }

    /// Found by a new user: a teaser two blank lines above a title is no repeat of it.
    @Test func aTeaserTwoBlankLinesAboveTheTitleIsNoRepeatOfIt() {
        let p = parsePage("""
        Statement of the CSTO Secretary General on the anniversary of the Collective Security Treaty


        Statement of the CSTO Collective Security Council on the anniversary
        23.11.2022

        The member states declare their commitment to the Treaty.

        They call for dialogue.

        Go back
        """)
        #expect(p.blocks.map(\.role) == [.teaser, .main])
        #expect(p.blocks[1].title == "Statement of the CSTO Collective Security Council on the anniversary")
    }

    @Test func aSectionNameRightAboveAListIsItsHeading() {
        let heads = (1...5).map { "The CSTO event number \($0) took place in Moscow with the member states" }
        let p = parsePage("News\n" + heads.joined(separator: "\n") + "\n")
        #expect(p.section == "News")
        #expect(p.blocks.count == 5)
        // A short first line that names no section stays a teaser.
        #expect(parsePage("Summit in Minsk\n" + heads.joined(separator: "\n") + "\n").blocks.count == 6)
    }

    /// A list of 50,000 stacked headlines with a main article under it: linear, whatever its size.
    @Test func aHugeStackedListIsReadWhole() {
        let heads = (0..<50_000).map { "The CSTO event number \($0) took place in Moscow with the member states" }
        let page = heads.joined(separator: "\n") + "\nThe main article of the page\n01.02.2024\nOn 1 February 2024, a meeting was held.\nIt ended.\n"
        let p = parsePage(page)
        #expect(p.blocks.count == 50_001)
        #expect(p.blocks.last?.title == "The main article of the page")
    }
}

@Suite struct InterviewStyleTests {
    @Test func speakerNamesBeforeAnswersAndUnlabelledQuestions() {
        let paragraphs = ["The Secretary General answered our questions.", "What are the results of the year?",
                          "Imangali Tasmagambetov: All decisions of the heads of state were implemented.",
                          "What are the priorities?", "Imangali Tasmagambetov: Countering terrorism.", "It remains the main task."]
        let pairs = InterviewParser.pairs(paragraphs)
        #expect(pairs.map(\.question) == ["What are the results of the year?", "What are the priorities?"])
        #expect(pairs[1].answer == "Countering terrorism.\nIt remains the main task.")
        #expect(InterviewParser.questionParagraphs(paragraphs) == [1, 3])
    }

    @Test func questionLabelsAndAnInterviewersName() {
        let paragraphs = ["Yelena Markova: How do you see the situation?", "Nikolai Bordyuzha: It is tense.",
                          "Yelena Markova: Can the CSTO stop the threat?", "Nikolai Bordyuzha: Yes, it can."]
        #expect(InterviewParser.pairs(paragraphs).map(\.answer) == ["It is tense.", "Yes, it can."])
        let labelled = ["Question: Why now?", "Answer: Because.", "Question: And then?", "Answer: We will see."]
        #expect(InterviewParser.pairs(labelled).count == 2)
    }

    @Test func hyphenAndPlainDashQuestions() {
        let hyphen = ["- How is the training going?", "- According to plan.", "- What is next?", "- The final phase."]
        #expect(InterviewParser.pairs(hyphen).count == 2)
        let dash = ["— How is the training going?", "— According to plan.", "— What is next?", "— The final phase."]
        #expect(InterviewParser.pairs(dash).count == 2)
    }

    @Test func aPressReleaseWithColonsIsNoInterview() {
        let paragraphs = ["The agenda included: security, migration.", "Photo: CSTO press service",
                          "The meeting was chaired by the Secretary General.", "Source: BELTA"]
        #expect(InterviewParser.pairs(paragraphs).isEmpty)
    }
}

@Suite struct ScriptFoldingTests {
    @Test func lookAlikesFoldIntoTheWordsScript() {
        #expect(ScriptFolding.fixMixedWords("The \u{0421}STO Secretary") == "The CSTO Secretary")
        #expect(ScriptFolding.fixMixedWords("Р\u{006F}ссия и ОДКБ") == "Россия и ОДКБ")
        // Whole words of one script are left alone, whatever stands around them.
        #expect(ScriptFolding.fixMixedWords("CSTO (ОДКБ) Moscow") == "CSTO (ОДКБ) Moscow")
    }

    @Test func entitiesAreFoundThroughLookAlikes() {
        let c = corpus(of: [("p.txt", "The \u{0421}STO Secretary General met the \u{041E}SCE delegation\n\nThe \u{0421}STO Secretary General met the \u{041E}SCE delegation 01.02.2024\n\nOn 1 February 2024, the \u{0421}STO and the \u{041E}SCE discussed Afghanistan.\n")])
        let a = c.articles[0]
        #expect(a.organizations.contains("CSTO"))
        #expect(a.title.contains("\u{0421}STO"), "the text is kept as the page wrote it")
    }
}

@Suite struct GeneratorMixTests {
    @Test func mixesParse() {
        #expect(PageGenerator.Mix.parse("real") != nil)
        #expect(PageGenerator.Mix.parse("stacked=2,list=1")?.weights.map(\.1) == [2, 1])
        #expect(PageGenerator.Mix.parse("stacked=x") == nil)
        #expect(PageGenerator.Mix.parse("nonsense=1") == nil)
    }

    /// Every layout the generator writes is read back as written: the main article's title and
    /// date on every page, no main article on list pages, nothing lost.
    @Test(arguments: PageGenerator.Layout.allCases)
    func everyGeneratedLayoutReadsBack(layout: PageGenerator.Layout) {
        let gen = PageGenerator(seed: 11, mix: PageGenerator.Mix([(layout, 1)]))
        let pages = (0..<40).map { gen.page($0) }
        let inputs = pages.map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        let (_, missing) = NothingLostTests.check(inputs)
        #expect(missing.isEmpty, "\(missing.prefix(5))")
        let evidence = LineEvidence.build(inputs.map { PageCleaner.clean($0.bytes!) })
        var right = 0
        for (i, page) in pages.enumerated() {
            let parsed = PageParser.parse(PageCleaner.clean(Array(page.text.utf8)), evidence: evidence)
            let main = parsed.blocks.first { $0.role == .main }
            if layout == .list {
                if main == nil { right += 1 }
            } else {
                let a = gen.article(i)
                // The date where the page prints it (pages leave it out now and then).
                let day = Day(year: a.year, month: a.month, day: a.day)
                let dated = page.text.contains(PageGenerator.dotted(a)) || page.text.contains("\(PageGenerator.months[a.month - 1]) \(a.day), \(a.year)")
                if main?.title == a.title, main?.published == (dated ? day : nil) {
                    right += 1
                }
            }
        }
        #expect(right == pages.count, "\(layout): \(right) of \(pages.count) read back")
    }
}
