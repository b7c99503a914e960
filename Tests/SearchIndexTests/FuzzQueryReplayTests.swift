import Corpus
import Foundation
import Testing
@testable import SearchIndex

/// Replays the query fuzzing corpus (Fuzz/corpus/query) with the fuzz target's checks.
@Suite struct FuzzQueryReplayTests {
    static let index = SearchIndex(articles: Corpus.builtIn().articles)

    @Test func everyQueryInputParsesOrFailsCleanly() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/query")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.count >= 6)
        let searcher = Searcher(Self.index)
        for f in files {
            let text = String(decoding: (try? Data(contentsOf: dir.appendingPathComponent(f))) ?? Data(), as: UTF8.self)
            for prefix in [true, false] {
                do {
                    let r = try searcher.search(text, limit: 5, prefixLast: prefix)
                    #expect(r.hits.count <= min(5, r.total) && r.total <= Self.index.articles.count, "\(f)")
                    #expect(r.hits.allSatisfy { r.matches.contains($0.doc) }, "\(f)")
                } catch {
                    #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(f): \(error.message)")
                    #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 }, "\(f)")
                }
            }
        }
    }
}
