@testable import Corpus
@testable import CorpusCache
import Foundation
@testable import SearchIndex
import Testing

/// A folder of generated pages and a cache folder, removed at the end.
final class Workspace {
    let root: URL
    var pages: URL { root.appendingPathComponent("pages") }
    var cache: URL { root.appendingPathComponent("cache") }

    init(pages count: Int, seed: UInt64 = 7) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("csto-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let g = PageGenerator(seed: seed)
        for p in 0..<count { try write(g.page(p)) }
    }

    func write(_ page: (name: String, text: String)) throws {
        try Data(page.text.utf8).write(to: pages.appendingPathComponent(page.name))
    }

    func store(directory: URL? = nil) -> CorpusStore {
        CorpusStore(paths: [pages.path], gazetteer: .builtIn, directory: directory ?? cache)
    }

    /// Everything `list --json` shows of the corpus, in order.
    static func text(_ c: Corpus) -> [String] { c.articles.map { $0.json.render() + "#\($0.textHash)" } }

    /// What a set of searches return: ids, scores, totals and facets.
    static func searches(_ index: SearchIndex) throws -> [String] {
        let searcher = Searcher(index)
        var out: [String] = []
        for q in ["afghan", "csto", "\"collective security\"", "exercise year:2018", "org:CSTO kind:meeting", "moscow -minsk", "a", "sec*"] {
            let r = try searcher.search(q, limit: 40)
            out.append(q + " total \(r.total): " + r.hits.map { "\(index.articles[$0.doc].id)=\($0.score)" }.joined(separator: ","))
            for f in Facet.allCases {
                out.append(f.rawValue + ": " + (r.facets[f] ?? []).map { "\($0.value)=\($0.count)" }.joined(separator: ","))
            }
        }
        // Phrases typed letter by letter, as the search line asks them (the next-word codes of
        // the commonest words read back from the cache decide some).
        for q in ["\"collective s", "\"collective se", "\"of t", "\"the c", "\"security c"] {
            let r = searcher.search(try QueryParser.parse(q, prefixLast: true, typing: true), limit: 40)
            out.append(q + " total \(r.total): " + r.hits.map { "\(index.articles[$0.doc].id)=\($0.score)" }.joined(separator: ","))
        }
        return out
    }

    /// The corpus and index as a fresh build (no cache) makes them.
    func fresh() throws -> (Corpus, SearchIndex) {
        let c = try Corpus.load(paths: [pages.path])
        return (c, SearchIndex(articles: c.articles))
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

@Suite(.serialized) struct CacheTests {
    func expectSame(_ opened: OpenedCorpus, _ ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (c, index) = try ws.fresh()
        let got = Workspace.text(opened.corpus), want = Workspace.text(c)
        #expect(got.count == want.count, sourceLocation: sourceLocation)
        let firstDiff = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDiff == nil, "first difference at article \(firstDiff ?? -1)", sourceLocation: sourceLocation)
        let openedIndex = opened.index ?? SearchIndex(articles: opened.corpus.articles)
        #expect(try Workspace.searches(openedIndex) == Workspace.searches(index), sourceLocation: sourceLocation)
        #expect(opened.corpus.stats.pages == c.stats.pages && opened.corpus.stats.blocks == c.stats.blocks
                && opened.corpus.stats.warnings == c.stats.warnings && opened.corpus.stats.unplaced == c.stats.unplaced
                && opened.corpus.stats.lowConfidence == c.stats.lowConfidence, sourceLocation: sourceLocation)
    }

    @Test func theCacheGivesWhatAFreshReadGives() throws {
        let ws = try Workspace(pages: 160)
        let store = ws.store()
        let cold = try store.open(needIndex: true)
        #expect(cold.info.status == .rebuilt)
        #expect(cold.needsSave)
        #expect(store.save(cold) == nil)
        let warm = try store.open(needIndex: false)
        #expect(warm.info.status == .hit)
        #expect(warm.index != nil, "the cached index comes with the corpus")
        #expect(!warm.needsSave)
        try expectSame(warm, ws)
        // The word pairs come back as they were made (searches agree without them, so they are
        // compared here: read back wrong, they would go unused and nothing else would tell).
        let made = try #require(cold.index).pairs, read = try #require(warm.index).pairs
        #expect(made.count > 0)
        #expect(Array(read.first) == Array(made.first) && Array(read.second) == Array(made.second)
                && Array(read.pairBlocks) == Array(made.pairBlocks) && Array(read.blockByte) == Array(made.blockByte)
                && Array(read.codeBlockByte) == Array(made.codeBlockByte) && Array(read.markBlob) == Array(made.markBlob)
                && Array(read.codeBlob) == Array(made.codeBlob))
        for i in 0..<read.count { #expect(read.number(Int(read.first[i]), Int(read.second[i])) == i) }
        // Details come from the file on demand, the same as held ones.
        let a = try #require(warm.corpus.articles.first { !$0.paragraphs.isEmpty && $0.sources.count > 1 })
        #expect(a.paragraphs == cold.corpus.articles.first { $0.id == a.id }?.paragraphs)
        // The reader's instant path reads the same file without looking at the pages.
        let (instant, reason) = store.cached()
        #expect(reason == nil)
        #expect(instant.map { Workspace.text($0.corpus) } == Workspace.text(warm.corpus))
    }

    @Test func aRefreshReadsOnlyWhatChangedAndGivesWhatAFreshReadGives() throws {
        let ws = try Workspace(pages: 200)
        let store = ws.store()
        store.save(try store.open(needIndex: false))
        let g = PageGenerator(seed: 7)
        // Added: 20 new pages (their sidebars repeat teasers of older pages).
        for p in 200..<220 { try ws.write(g.page(p)) }
        // Changed: a paragraph added to five pages, a page rewritten with another page's text.
        for p in [3, 50, 101, 150, 199] {
            let url = ws.pages.appendingPathComponent(g.page(p).name)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data((text + "\nA late correction was added to this page on 1 March 2024.\n").utf8).write(to: url)
        }
        try Data(g.page(120).text.utf8).write(to: ws.pages.appendingPathComponent(g.page(121).name))
        // Removed: five pages.
        for p in [10, 11, 12, 60, 180] { try FileManager.default.removeItem(at: ws.pages.appendingPathComponent(g.page(p).name)) }
        // Touched: a new time stamp, the same bytes.
        for p in [20, 21, 22] {
            let url = ws.pages.appendingPathComponent(g.page(p).name)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: url.path)
        }
        let refreshed = try store.open(needIndex: true)
        #expect(refreshed.info.status == .refreshed)
        let s = refreshed.info.summary
        #expect(s.added == 20 && s.changed == 6 && s.removed == 5 && s.touched == 3)
        #expect(s.reread < 120, "only what changed is read: \(s.reread) of 215")
        #expect(s.reanalysed < refreshed.corpus.articles.count / 2)
        #expect(refreshed.info.newArticles > 0)
        try expectSame(refreshed, ws)
        // Written, then opened as it is: the same again.
        #expect(store.save(refreshed) == nil)
        let warm = try store.open(needIndex: false)
        #expect(warm.info.status == .hit)
        try expectSame(warm, ws)
    }

    @Test func refreshesInARowStayTheSameAsFreshReads() throws {
        let ws = try Workspace(pages: 120, seed: 11)
        let store = ws.store()
        store.save(try store.open(needIndex: false))
        let g = PageGenerator(seed: 11)
        var next = 120
        for round in 0..<3 {
            for _ in 0..<7 { try ws.write(g.page(next)); next += 1 }
            let victim = ws.pages.appendingPathComponent(g.page(round * 13 + 1).name)
            try? FileManager.default.removeItem(at: victim)
            let opened = try store.open(needIndex: false)
            #expect(opened.info.status == .refreshed)
            try expectSame(opened, ws)
            store.save(opened)
        }
    }

    @Test func aDamagedCacheIsRebuiltWithAWarningNeverWrongResults() throws {
        let ws = try Workspace(pages: 60)
        let store = ws.store()
        store.save(try store.open(needIndex: false))
        let good = try Data(contentsOf: URL(fileURLWithPath: store.file))
        let image = try CacheImage.open(path: store.file, build: store.build, key: store.key, verify: false)
        func damage(_ name: String, _ bytes: Data) throws {
            try bytes.write(to: URL(fileURLWithPath: store.file))
            let opened = try store.open(needIndex: false)
            #expect(opened.info.status == .rebuilt, "\(name)")
            #expect(opened.info.warning?.contains("unusable") == true, "\(name): \(opened.info.warning ?? "no warning")")
            try expectSame(opened, ws)
            #expect(store.cached().0 == nil, "\(name): the damaged file is not shown either")
        }
        // One byte changed in the middle of each part read at open (the article text included).
        for section in ["meta", "articles", "lists", "details", "strings.blob", "pages.stamps", "index/post.docs", "index/pos.blob",
                        "index/index.misc"] {
            let e = try #require(image.entries[section], "\(section)")
            guard e.length > 0 else { continue }
            var flipped = good
            flipped[e.offset + e.length / 2] ^= 0x5A
            try damage(section, flipped)
        }
        try damage("truncated", good.prefix(good.count / 2))
        try damage("truncated header", good.prefix(20))
        var version = good
        version[8] = 99
        try damage("another format", version)
        try damage("not a cache", Data(repeating: 0x41, count: 5000))
        // And a good file opens again.
        try good.write(to: URL(fileURLWithPath: store.file))
        #expect(try store.open(needIndex: false).info.status == .hit)
        // Damaged page records are found when a refresh reads them: every page is read instead.
        let e = try #require(image.entries["pages.records"])
        var flipped = good
        flipped[e.offset + e.length / 2] ^= 0x5A
        try flipped.write(to: URL(fileURLWithPath: store.file))
        try ws.write(PageGenerator(seed: 7).page(60))
        let refreshed = try store.open(needIndex: false)
        #expect(refreshed.info.status == .rebuilt)
        try expectSame(refreshed, ws)
    }

    @Test func aPageThatCouldNotBeUsedIsReadAgain() throws {
        let ws = try Workspace(pages: 30)
        let g = PageGenerator(seed: 7)
        let url = ws.pages.appendingPathComponent(g.page(5).name)
        let text = g.page(5).text
        // Binary for now (a NUL byte): skipped with a warning.
        var broken = Array(text.utf8)
        broken[10] = 0
        try Data(broken).write(to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let store = ws.store()
        let first = try store.open(needIndex: false)
        #expect(first.corpus.stats.skippedFiles.contains(url.path))
        store.save(first)
        // Mended with the same size and the old modification time put back (`cp -p`).
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: url.path)
        let again = try store.open(needIndex: false)
        #expect(again.info.status == .refreshed)
        #expect(!again.corpus.stats.skippedFiles.contains(url.path))
        try expectSame(again, ws)
    }

    @Test func aCacheOfOtherPagesOrAnotherGazetteerIsNotUsed() throws {
        let ws = try Workspace(pages: 30)
        let store = ws.store()
        store.save(try store.open(needIndex: false))
        let other = CorpusStore(paths: [ws.pages.path], gazetteer: .builtIn, gazetteerText: "org\tFoo\tF", directory: ws.cache)
        #expect(other.file != store.file)
        // Copied over another key's file: its key does not match.
        try FileManager.default.copyItem(atPath: store.file, toPath: other.file)
        #expect(try other.open(needIndex: false).info.status == .rebuilt)
    }

    @Test func aCacheFolderThatCannotBeWrittenLeavesTheReaderWorking() throws {
        let ws = try Workspace(pages: 20)
        // A file where the folder should be.
        let blocked = ws.root.appendingPathComponent("blocked")
        try Data("x".utf8).write(to: blocked)
        let store = ws.store(directory: blocked.appendingPathComponent("csto-reader"))
        let opened = try store.open(needIndex: false)
        #expect(opened.corpus.articles.count > 0)
        #expect(opened.info.status == .off)
        #expect(opened.info.warning?.contains("cannot write the cache") == true)
        #expect(opened.info.warning?.contains("\n") == false)
        #expect(!opened.needsSave)
        // Nothing in that place was touched.
        #expect(try String(contentsOf: blocked, encoding: .utf8) == "x")
        #expect(opened.corpus.articles.count == (try ws.fresh().0.articles.count))
    }

    @Test func twoWritersAtOnceLeaveAWholeCache() throws {
        let ws = try Workspace(pages: 80)
        let store = ws.store()
        let opened = try store.open(needIndex: true)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            _ = store.save(opened)
        }
        let again = try store.open(needIndex: false)
        #expect(again.info.status == .hit)
        try expectSame(again, ws)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.cache.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func orderOfCountsDecidesWhetherAParseStillHolds() {
        let evidence = LineEvidence.build([[1, 2, 3], [1, 2], [1], [4]], workers: 1)
        // Counts now: 1→3, 2→2, 3→1, 4→1.
        #expect(CorpusBuilder.stillHolds([(1, 2), (2, 2 - 1), (3, 1)], evidence) == false, "a line seen once is now on two pages")
        #expect(CorpusBuilder.stillHolds([(1, 5), (2, 4), (3, 1)], evidence), "the order kept: 3 > 2 > 1")
        #expect(!CorpusBuilder.stillHolds([(1, 4), (2, 4)], evidence), "equal then, apart now")
        #expect(!CorpusBuilder.stillHolds([(2, 2), (3, 2)], evidence), "a line now on one page only")
        #expect(!CorpusBuilder.stillHolds([(1, 2), (2, 3)], evidence), "the order turned")
        #expect(CorpusBuilder.stillHolds([(3, 1), (4, 1)], evidence))
    }
}
