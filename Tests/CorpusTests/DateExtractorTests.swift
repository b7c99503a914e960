import Testing
@testable import Corpus

@Suite struct DateExtractorTests {
    func event(_ text: String, title: String? = nil, published: String? = nil, more: [String] = []) -> String? {
        guard let span = DateExtractor.event(title: title, paragraphs: [text] + more, published: published.flatMap { Day(iso: $0) }) else {
            return nil
        }
        return span.start == span.end ? span.start.description : "\(span.start)..\(span.end)"
    }

    @Test func formsTheSiteWrites() {
        #expect(event("On 25 July 2024, staff of the CSTO Secretariat met") == "2024-07-25")
        #expect(event("From April 8 to 11, 2024, the XXI International Seminar") == "2024-04-08..2024-04-11")
        #expect(event("From 1 to 23 April 2024, the Military Academy hosted") == "2024-04-01..2024-04-23")
        #expect(event("In the period from 12 to 13 March 2024, in the Collective Security Treaty Organization") == "2024-03-12..2024-03-13")
        #expect(event("the debate held on 19 July 2024 at the UN Security Council.") == "2024-07-19")
        #expect(event("A meeting will be held on June 27, 2019 in Bishkek") == "2019-06-27")
        #expect(event("From 30 March to 2 April 2024 the drills ran.") == "2024-03-30..2024-04-02")
        #expect(event("On March 30 - April 2, 2023 the drills ran.") == "2023-03-30..2023-04-02")
        #expect(event("The exercise took place on 12-14 September 2022.") == "2022-09-12..2022-09-14")
        #expect(event("С 12 по 13 марта 2024 года в ОДКБ проходит тренировка.") == "2024-03-12..2024-03-13")
        #expect(event("25 июля 2024 года сотрудники Секретариата ОДКБ встретились") == "2024-07-25")
    }

    @Test func yearComesFromThePublicationDate() {
        #expect(event("The Committee will meet in Bishkek on June 27 to discuss", published: "2019-06-24") == "2019-06-27")
        #expect(event("The Committee will meet in Bishkek on June 27 to discuss") == nil)
    }

    @Test func mistypedYearIsRepairedFromTheExerciseName() {
        #expect(event("October 10, 20`8 in the Kyrgyz Republic a command-staff exercise opened.",
                      more: ["The Interaction-2018 exercise is under way."]) == "2018-10-10")
        #expect(event("October 10, 20`8 in the Kyrgyz Republic", published: "2018-10-11") == "2018-10-10")
        #expect(event("October 10, 20`8 in the Kyrgyz Republic") == nil)
    }

    @Test func historicalDatesAreNotTheEvent() {
        #expect(event("The Collective Security Treaty was signed on May 15, 1992 in Tashkent.") == nil)
        #expect(event("The Treaty dates from May 15, 1992.", published: "2019-06-24") == nil)
    }

    @Test func noDayNoEvent() {
        #expect(event("peacekeeping forces proved themselves in January 2022. Last September, in Moscow") == nil)
        #expect(event("You may join us in May.") == nil)
        #expect(event("31 February 2024 is not a day") == nil)
    }
}

@Suite struct DateExtractorEdgeTests {
    func event(_ text: String, published: String? = nil) -> String? {
        guard let span = DateExtractor.event(title: nil, paragraphs: [text], published: published.flatMap { Day(iso: $0) }) else {
            return nil
        }
        return span.start == span.end ? span.start.description : "\(span.start)..\(span.end)"
    }

    @Test func spansAcrossTheNewYear() {
        #expect(event("From 28 December 2023 to 9 January 2024, the courses ran.") == "2023-12-28..2024-01-09")
        #expect(event("From December 28, 2023 to January 9, 2024, the courses ran.") == "2023-12-28..2024-01-09")
        #expect(event("From 28 December to 9 January the courses ran.", published: "2023-12-20") == "2023-12-28..2024-01-09")
    }

    @Test func aMissingYearIsTheOneNearestThePublication() {
        #expect(event("The session will open on January 15.", published: "2023-12-28") == "2024-01-15")
        #expect(event("On December 28 the session opened.", published: "2024-01-03") == "2023-12-28")
    }

    @Test func historyWordsOnlyCountInTheirOwnSentence() {
        #expect(event("In 1992 the Treaty was signed. On 25 July 2024, the staff met.", published: "2024-10-07") == "2024-07-25")
        #expect(event("…the Treaty of 15 May 1992 and its Charter.") == nil)
    }

    @Test func ordinalDays() {
        #expect(event("On 1st September 2024 the course began.") == "2024-09-01")
        #expect(event("On September 22nd, 2024 the course began.") == "2024-09-22")
    }
}

@Suite struct DateExtractorFuzzRegressionTests {
    /// Found by fuzzing: a run of 20+ digits overflowed while looking for a mistyped year's twin.
    @Test func longDigitRunsDoNotOverflow() {
        let text = "October 10, 20`8 in the region " + String(repeating: "9", count: 40) + " and Interaction-2018."
        let span = DateExtractor.event(title: nil, paragraphs: [text], published: nil)
        #expect(span?.start.description == "2018-10-10")
    }
}
