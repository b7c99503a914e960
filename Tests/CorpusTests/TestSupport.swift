import Foundation
@testable import Corpus

/// Paths of the repository, found from this file's location.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/CorpusTests/Fixtures")
    static let pages = fixtures.appendingPathComponent("pages")
    static let seeds = root.appendingPathComponent("seeds")

    static func bytes(_ url: URL) -> [UInt8] {
        Array((try? Data(contentsOf: url)) ?? Data())
    }

    static func json(_ url: URL) -> Any? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }
}

/// Parses text as a page.
func parsePage(_ text: String) -> ParsedPage {
    PageParser.parse(PageCleaner.clean(Array(text.utf8)))
}

func corpus(of pages: [(String, String)]) -> Corpus {
    CorpusBuilder().build(pages.map { PageInput(name: $0.0, bytes: Array($0.1.utf8)) }, origin: "test")
}

/// A temporary folder removed when the value is dropped... or at the end of the test run.
func makeTempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csto-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
