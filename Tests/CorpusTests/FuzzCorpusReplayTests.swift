import Foundation
import Testing
@testable import Corpus

/// Replays the fuzzing corpus (Fuzz/corpus/page, inputs libFuzzer found interesting) through the
/// page pipeline with the fuzz target's checks: a quick CI step for what `scripts/fuzz.sh` runs.
@Suite struct FuzzCorpusReplayTests {
    @Test func everyPageInputHoldsTheInvariants() throws {
        let dir = Repo.root.appendingPathComponent("Fuzz/corpus/page")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.count >= 10)
        for f in files {
            let bytes = Repo.bytes(dir.appendingPathComponent(f))
            let page = PageCleaner.clean(bytes)
            let parsed = PageParser.parse(page)
            #expect(parsed.roles.count == page.lines.count, "\(f)")
            for (i, line) in page.lines.enumerated() {
                #expect(line.isEmpty == (parsed.roles[i] == .blank), "\(f):\(i + 1)")
            }
            let corpus = CorpusBuilder(workers: 1).build([PageInput(name: f, bytes: bytes)], origin: "fuzz")
            #expect(corpus.stats.blocks >= corpus.articles.count)
            for a in corpus.articles {
                if let e = a.event { #expect(e.start <= e.end) }
            }
        }
    }
}
