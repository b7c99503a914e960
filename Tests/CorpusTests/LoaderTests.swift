import Foundation
import Testing
@testable import Corpus

@Suite struct LoaderTests {
    @Test func embeddedSeedsAreTheSeedFilesByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repo.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count == 5)
        let embedded = Corpus.builtInPages()
        #expect(embedded.map { String($0.name.dropFirst("seeds/".count)) } == files)
        for (page, file) in zip(embedded, files) {
            let same = page.bytes == Repo.bytes(Repo.seeds.appendingPathComponent(file))
            #expect(same, "the embedded \(file) is stale: run python3 scripts/embed-data.py")
        }
    }

    @Test func embeddedGazetteerIsTheDataFile() throws {
        let url = Repo.root.appendingPathComponent("Sources/Corpus/Data/gazetteer.tsv")
        let same = Array(EmbeddedData.gazetteer.utf8) == Repo.bytes(url)
        #expect(same, "the embedded gazetteer is stale: run python3 scripts/embed-data.py")
        var g = Gazetteer()
        #expect(g.add(tsv: EmbeddedData.gazetteer).isEmpty)
        #expect(g.entries.count > 200)
    }

    @Test func readingTheSeedFolderEqualsTheBuiltInCorpus() throws {
        let fromDisk = try Corpus.load(paths: [Repo.seeds.path])
        let builtIn = Corpus.builtIn()
        #expect(fromDisk.articles.map(\.id) == builtIn.articles.map(\.id))
        #expect(fromDisk.stats.blocks == 24)
    }

    @Test func foldersGiveTheirTxtPagesInByteOrderWithStamps() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csto-find-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for name in ["b.txt", "a.TXT", "c.text", "d.tx", "Z.Txt", "sub/e.txt", "ä.txt", "txt"] {
            try Data("x\n".utf8).write(to: dir.appendingPathComponent(name))
        }
        let found = try PageFinder.find([dir.path])
        #expect(found.pages.map { ($0.name as NSString).lastPathComponent } == ["Z.Txt", "a.TXT", "b.txt", "e.txt", "ä.txt"])
        #expect(found.ignored.map { ($0 as NSString).lastPathComponent }.sorted() == ["c.text", "d.tx", "txt"])
        #expect(found.pages.allSatisfy { $0.stamp?.size == 2 && ($0.stamp?.inode ?? 0) != 0 })
        #expect(PageFinder.isText("A.tXt") && !PageFinder.isText(".tx") && !PageFinder.isText("atxt"))
    }

    @Test func missingPathIsAnError() {
        #expect(throws: CorpusError.pathNotFound("/no/such/place")) {
            try Corpus.load(paths: ["/no/such/place"])
        }
    }

    @Test func badFilesAreSkippedWithAWarningAndTheRestLoads() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = Repo.bytes(Repo.seeds.appendingPathComponent("004_fec15abcf43ad61a.txt"))
        try Data(seed).write(to: dir.appendingPathComponent("good.txt"))
        try Data([0x41, 0x0A, 0x42, 0x00, 0x43]).write(to: dir.appendingPathComponent("binary.txt"))
        try Data("not a page".utf8).write(to: dir.appendingPathComponent("notes.md"))
        try Data([0x4F, 0x6E, 0x20, 0xFF, 0x20, 0x6D, 0x61, 0x79, 0x2E]).write(to: dir.appendingPathComponent("latin1.txt"))
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.txt").path,
                                                   withDestinationPath: "/no/such/target")
        let c = try Corpus.load(paths: [dir.path])
        #expect(c.stats.pages == 2)
        #expect(c.stats.warnings.contains { $0.file.hasSuffix("dangling.txt") && $0.message.contains("cannot read") })
        #expect(c.stats.ignoredFiles.map { URL(fileURLWithPath: $0).lastPathComponent } == ["notes.md"])
        #expect(c.stats.skippedFiles.map { URL(fileURLWithPath: $0).lastPathComponent } == ["binary.txt"])
        #expect(c.stats.warnings.contains { $0.file.hasSuffix("binary.txt") && $0.line == 2 && $0.message.contains("NUL") })
        #expect(c.stats.warnings.contains { $0.file.hasSuffix("latin1.txt") && $0.message.contains("1 invalid UTF-8") })
        #expect(c.stats.warnings.contains { $0.message.contains("loop") })
        #expect(c.articles.count == 5)
    }

    @Test func aFolderWithNoPagesIsAnError() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: CorpusError.noPages([dir.path])) { try Corpus.load(paths: [dir.path]) }
    }

    @Test func aFileNamedExplicitlyIsReadWhateverItsExtension() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("page.html")
        try Data(Repo.bytes(Repo.seeds.appendingPathComponent("001_23e846c29fd094b9.txt"))).write(to: file)
        #expect(try Corpus.load(paths: [file.path]).articles.count == 5)
    }
}
