import Foundation
import Testing
@testable import Corpus

/// Hand-written pages in the seeds' style, one per layout the parser must hold on
/// (Tests/CorpusTests/Fixtures/pages/NAME.txt), each with the blocks it must yield (NAME.expected.json).
@Suite struct FixturePageTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Repo.pages.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func everyLayoutHasAFixture() {
        for needed in ["single_newlines", "glued_dates", "no_teasers", "truncated", "no_main_title", "headlines_list",
                       "russian", "indented", "images_credits", "interview", "partial_footer", "crlf_bom_nbsp",
                       "multi_paragraph_teasers"] {
            #expect(Self.names.contains(needed), "fixture \(needed) missing")
        }
    }

    @Test(arguments: names)
    func pageYieldsTheExpectedBlocks(name: String) throws {
        let page = PageCleaner.clean(Repo.bytes(Repo.pages.appendingPathComponent(name + ".txt")))
        let parsed = PageParser.parse(page)
        let expected = try #require(Repo.json(Repo.pages.appendingPathComponent(name + ".expected.json")) as? [String: Any])
        let blocks = try #require(expected["blocks"] as? [[String: Any]])
        #expect(parsed.blocks.count == blocks.count, "block count")
        #expect(parsed.unplaced.count == expected["unplaced"] as? Int)
        for (i, (got, want)) in zip(parsed.blocks, blocks).enumerated() {
            let label = "\(name) block \(i)"
            #expect(got.role.rawValue == want["role"] as? String, "\(label) role")
            #expect(got.title == want["title"] as? String, "\(label) title")
            #expect(got.published?.description == want["published"] as? String, "\(label) published")
            #expect(got.paragraphs.count == want["paragraphs"] as? Int, "\(label) paragraphs: \(got.paragraphs)")
            #expect(got.contacts.count == want["contacts"] as? Int, "\(label) contacts: \(got.contacts)")
            #expect(got.media.count == want["media"] as? Int, "\(label) media: \(got.media)")
            if let first = want["first"] as? String {
                #expect(String((got.paragraphs.first ?? "").prefix(40)) == first, "\(label) first paragraph")
            }
            if let qa = want["qa"] as? Int {
                #expect(InterviewParser.pairs(got.paragraphs).count == qa, "\(label) question/answer pairs")
            }
        }
    }

    @Test(arguments: names)
    func noLineIsLost(name: String) {
        let page = PageCleaner.clean(Repo.bytes(Repo.pages.appendingPathComponent(name + ".txt")))
        let parsed = PageParser.parse(page)
        for (i, line) in page.lines.enumerated() {
            if line.isEmpty {
                #expect(parsed.roles[i] == .blank)
            } else {
                #expect(parsed.roles[i] != .blank, "\(name):\(i + 1) was not placed: \(line)")
            }
        }
    }

    @Test func cleanedTextHasNoControlOrOddSpaces() {
        let page = PageCleaner.clean(Repo.bytes(Repo.pages.appendingPathComponent("crlf_bom_nbsp.txt")))
        #expect(page.hadBOM)
        #expect(page.removedCharacters >= 1)
        for line in page.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xA0 || $0.value == 0x202F || $0 == "\r" })
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" ") && !line.contains("  "))
        }
    }
}
