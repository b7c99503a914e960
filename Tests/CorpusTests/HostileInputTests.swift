import Foundation
import Testing
@testable import Corpus

/// Inputs no page should have; each must load (or be skipped with a warning), never crash.
@Suite struct HostileInputTests {
    static let cases: [(String, [UInt8])] = [
        ("empty", []),
        ("spaces", Array("   \n\t\n  \n".utf8)),
        ("nbsp only", Array("\u{00A0}\u{00A0}\n\u{00A0}\n".utf8)),
        ("one long line", Array(String(repeating: "word ", count: 400_000).utf8)),
        ("many blank lines", Array(String(repeating: "\n", count: 200_000).utf8) + Array("On 1 May 2024, a meeting was held.\n".utf8)),
        ("invalid utf8", [0x41, 0xC3, 0x0A, 0xE2, 0x82, 0x0A, 0xF0, 0x9F, 0x0A, 0x80, 0x0A, 0xFF]),
        ("bom only", [0xEF, 0xBB, 0xBF]),
        ("escapes", Array("T \u{1B}[31mred\u{1B}[0m \u{1B}]0;t\u{07}\n\nT \u{1B}[31mred\u{1B}[0m \u{1B}]0;t\u{07} 01.05.2024\n\nBody \u{1B}[2J.\n".utf8)),
        ("title repeated", Array(String(repeating: "Same title here\n\n", count: 10_000).utf8)),
        ("impossible dates", Array("31.02.2024\n\nOn 1 May a meeting.\n\n\n00.00.0000\n\nSecond.\n\n\n99.99.9999\n\nThird.\n".utf8)),
        ("only a date", Array("12.03.2024".utf8)),
        ("only footer", Array("Go back\n\nBack to the section\n\nBack to the all news".utf8)),
        ("only contacts", Array("Email: a@b.c\n+7 495 123 45 67\n".utf8)),
        ("title and repeat only", Array("Headline\n\nHeadline 01.01.2024\n".utf8)),
        ("date then footer", Array("01.01.2024\n\nGo back\n".utf8)),
        ("random bytes", (0..<50_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) | 1 }),
    ]

    @Test(arguments: cases.map(\.0))
    func loadsWithoutCrashing(name: String) {
        let bytes = Self.cases.first { $0.0 == name }!.1
        let corpus = CorpusBuilder().build([PageInput(name: name, bytes: bytes)], origin: "hostile")
        #expect(corpus.stats.pages == 1)
        for a in corpus.articles {
            for text in [a.title] + a.paragraphs {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
        }
    }

    @Test func impossibleDatesAreWarnedAboutNotUsed() {
        let bytes = Self.cases.first { $0.0 == "impossible dates" }!.1
        let corpus = CorpusBuilder().build([PageInput(name: "d.txt", bytes: bytes)], origin: "t")
        #expect(corpus.articles.count == 3)
        #expect(corpus.articles.allSatisfy { $0.published == nil })
        #expect(corpus.stats.warnings.filter { $0.message.contains("not a real date") }.map(\.line) == [1, 6, 11])
    }

    @Test func aRepeatedTitleIsOneArticle() {
        let bytes = Self.cases.first { $0.0 == "title repeated" }!.1
        let corpus = CorpusBuilder().build([PageInput(name: "r.txt", bytes: bytes)], origin: "t")
        #expect(corpus.articles.count == 1)
        // The page once as its main article, and once for the copies standing above the title
        // (the sidebar showing the page's own article), however many there are.
        #expect(corpus.articles[0].sources.map(\.role) == [.main, .teaser])
        #expect(Set(corpus.articles[0].sources.map(\.file)) == ["r.txt"])
    }
}
