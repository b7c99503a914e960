import Foundation
import Testing
@testable import Corpus

/// Checks every field of `seed-articles.json` (a copy of ../shared/spec) for every article.
@Suite struct SeedGroundTruthTests {
    let corpus = Corpus.builtIn()

    struct Spec {
        var lead: String
        var full: Bool
        var sources: [String]
        var published: String?
        var event: [String]?
        var kinds: [String]
        var orgs: [String]
        var people: [String]
        var exercises: [String]
        var paragraphs: Int?
        var questions: Int?
    }

    static func specs() -> (pages: Int, blocks: Int, articles: [Spec]) {
        let root = Repo.json(Repo.fixtures.appendingPathComponent("seed-articles.json")) as! [String: Any]
        let arts = (root["articles"] as! [[String: Any]]).map { a in
            Spec(lead: a["lead"] as! String, full: a["full"] as! Bool, sources: a["sources"] as! [String],
                 published: a["published"] as? String, event: a["event"] as? [String], kinds: a["kind"] as! [String],
                 orgs: a["orgs"] as! [String], people: a["people"] as! [String], exercises: a["exercises"] as! [String],
                 paragraphs: a["paragraphs"] as? Int, questions: a["questions"] as? Int)
        }
        return (root["pages"] as! Int, root["blocks"] as! Int, arts)
    }

    @Test func countsMatchTheSpec() {
        let spec = Self.specs()
        #expect(corpus.stats.pages == spec.pages)
        #expect(corpus.stats.blocks == spec.blocks)
        #expect(corpus.articles.count == spec.articles.count)
        #expect(corpus.stats.merged == spec.blocks - spec.articles.count)
        #expect(corpus.stats.unplaced.isEmpty)
        #expect(corpus.stats.warnings.isEmpty)
    }

    func article(for spec: Spec) -> Article? {
        let matches = corpus.articles.filter { a in
            let text = a.full ? a.title : (a.paragraphs.first ?? "")
            return text.hasPrefix(spec.lead)
        }
        return matches.count == 1 ? matches[0] : nil
    }

    @Test(arguments: specs().articles.map(\.lead))
    func articleMatchesTheSpec(lead: String) throws {
        let spec = Self.specs().articles.first { $0.lead == lead }!
        let a = try #require(article(for: spec), "exactly one article starts with \(lead)")
        #expect(a.full == spec.full)
        let pages = Set(a.sources.map { String($0.file.split(separator: "/").last!.prefix(3)) })
        #expect(pages == Set(spec.sources))
        #expect(a.published?.description == spec.published)
        #expect(a.event.map { [$0.start.description, $0.end.description] } == spec.event)
        #expect(spec.kinds.contains(a.kind.rawValue), "kind \(a.kind) not in \(spec.kinds)")
        for o in spec.orgs { #expect(a.organizations.contains(o), "\(o) missing from \(a.organizations)") }
        for p in spec.people { #expect(a.people.contains(p), "\(p) missing from \(a.people)") }
        for e in spec.exercises { #expect(a.exercises.contains(e), "\(e) missing from \(a.exercises)") }
        if let n = spec.paragraphs { #expect(a.paragraphs.count == n) }
        if let q = spec.questions { #expect(a.qa.count == q) }
        // Press contacts are contacts, not people.
        #expect(!a.people.contains("Vladimir Zainetdinov"))
    }

    @Test func contactsAreKeptApartFromTheBody() throws {
        let a = try #require(corpus.articles.first { $0.title.hasPrefix("The Committee of Secretaries") })
        #expect(a.contacts == ["CSTO press secretary Vladimir Zainetdinov", "Email: odkb-pressa@gov.ru"])
        #expect(!a.paragraphs.contains { $0.contains("odkb-pressa") })
        let k = try #require(corpus.articles.first { $0.title.hasPrefix("In the Kyrgyz Republic") })
        #expect(k.contacts == ["Joint Press Center of the CSTO Interaction-2018 Exercise", "+ 996-312-88-31-48"])
        #expect(k.paragraphs.count == 8)
        #expect(k.paragraphs[0].hasPrefix("October 10, 20`8 in the Kyrgyz Republic"))
    }

    @Test func interviewIsSplitIntoQuestionsAndAnswers() throws {
        let a = try #require(corpus.articles.first { $0.title.hasPrefix("Interview of the CSTO Secretary General") })
        #expect(a.kind == .interview)
        #expect(a.qa.count == 7)
        #expect(a.qa.allSatisfy { $0.question.hasSuffix("?") && !$0.answer.isEmpty })
        #expect(a.qa[0].question.hasPrefix("Imangali Nurgaliyevich, you have recently returned"))
        #expect(a.qa[0].answer.hasPrefix("I assess the visit to Astana positively."))
        #expect(!a.people.contains("Imangali Nurgaliyevich"))
    }

    @Test func teaserTitleIsItsFirstSentenceCutAtAWord() throws {
        let a = try #require(corpus.articles.first { $0.paragraphs.first?.hasPrefix("On 25 July 2024") ?? false })
        #expect(a.title.hasSuffix("…"))
        #expect(a.title.count <= 141)
        #expect(a.paragraphs[0].hasPrefix(String(a.title.dropLast())))
        let b = try #require(corpus.articles.first { $0.paragraphs.first?.hasPrefix("The 23rd meeting") ?? false })
        #expect(!b.title.hasSuffix(" "))
    }

    @Test func sortedNewestFirstUndatedLast() {
        let dates = corpus.articles.map(\.displayDate)
        let dated = dates.compactMap { $0 }
        #expect(dated == dated.sorted(by: >))
        if let firstUndated = dates.firstIndex(where: { $0 == nil }) {
            #expect(dates[firstUndated...].allSatisfy { $0 == nil })
        }
    }

    @Test func idsAreStableAndUnique() {
        let again = Corpus.builtIn()
        #expect(corpus.articles.map(\.id) == again.articles.map(\.id))
        #expect(Set(corpus.articles.map(\.id)).count == corpus.articles.count)
        #expect(corpus.articles.allSatisfy { $0.id.count == 12 && $0.id.allSatisfy(\.isHexDigit) })
    }
}
