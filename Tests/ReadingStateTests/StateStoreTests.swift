import Foundation
import ReadingState
import Testing

@Suite struct StateStoreTests {
    func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csto-state-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func savesAndLoadsTheState() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(directory: dir.appendingPathComponent("csto-reader"))
        #expect(store.load().0 == ReadingState())
        let state = ReadingState(read: ["a1", "b2"], starred: ["b2"], session: .init(query: "afgh", selected: "b2", positions: ["b2": 0.5]))
        try store.save(state)
        let (loaded, warning) = StateStore(directory: dir.appendingPathComponent("csto-reader")).load()
        #expect(loaded == state)
        #expect(warning == nil)
        // Unmarking removes the mark.
        var less = state
        less.read.remove("a1")
        try store.save(less)
        #expect(StateStore(directory: dir.appendingPathComponent("csto-reader")).load().0.read == ["b2"])
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(files.contains("state.sqlite"))
        #expect(!files.contains("state.json"))
    }

    @Test func tagsNotesAndSavedSearchesAreKeptAndOnlyTheirChangesWritten() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = StateStore(directory: dir), b = StateStore(directory: dir)
        var sa = a.load().0, sb = b.load().0
        sa.tags["x1"] = ["brief", "Sources"]
        sa.notes["x1"] = "a note\nwith two lines"
        sa.saved["afgh"] = "afghanistan year:2024"
        try a.save(sa)
        // Another window tags another article and saves another search: neither undoes the other.
        sb.tags["x2"] = ["brief"]
        sb.saved["drills"] = "kind:exercise"
        try b.save(sb)
        sa.tags["x1"]!.remove("Sources")
        sa.notes["x1"] = nil
        try a.save(sa)
        let read = StateStore(directory: dir).load().0
        #expect(read.tags == ["x1": ["brief"], "x2": ["brief"]])
        #expect(read.notes.isEmpty)
        #expect(read.saved == ["afgh": "afghanistan year:2024", "drills": "kind:exercise"])
        #expect(read.tagCounts.map(\.name) == ["brief"] && read.tagCounts.first?.count == 2)
        // A change made through `change` starts from what the database holds now.
        try b.change { $0.notes["x2"] = "from b" }
        #expect(StateStore(directory: dir).load().0.notes == ["x2": "from b"])
        #expect(ReadingState.tagName(" ok ") == "ok")
        #expect(ReadingState.tagName("two words") == nil && ReadingState.tagName("a:b") == nil && ReadingState.tagName("") == nil)
    }

    @Test func twoStoresOnOneDatabaseKeepEachOthersMarks() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = StateStore(directory: dir), b = StateStore(directory: dir)
        var sa = a.load().0, sb = b.load().0
        sa.starred.insert("from-a")
        try a.save(sa)
        sb.read.insert("from-b")
        try b.save(sb)
        // a saves again (its session, say): it writes only what it changed, so b's mark stays.
        sa.session = .init(query: "q", selected: nil, positions: [:])
        try a.save(sa)
        let both = StateStore(directory: dir).load().0
        #expect(both.starred == ["from-a"])
        #expect(both.read == ["from-b"])
        #expect(both.session?.query == "q")
        // One window reads an article the other starred: both marks stay.
        sb.read.insert("from-a")
        try b.save(sb)
        let after = StateStore(directory: dir).load().0
        #expect(after.starred == ["from-a"] && after.read == ["from-a", "from-b"])
    }

    @Test func aSaveWithoutALoadOnlyAdds() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = StateStore(directory: dir)
        _ = a.load()
        try a.save(ReadingState(read: ["x"], starred: ["s"]))
        // Another store that never loaded saves a state of its own: x and s stay.
        try StateStore(directory: dir).save(ReadingState(read: ["y"]))
        let both = StateStore(directory: dir).load().0
        #expect(both.read == ["x", "y"] && both.starred == ["s"])
    }

    @Test func storesOpeningANewDatabaseAtOnceAllWork() throws {
        for _ in 0..<10 {
            let dir = tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let stores = (0..<4).map { _ in StateStore(directory: dir) }
            let box = Results()
            DispatchQueue.concurrentPerform(iterations: stores.count) { i in
                var (state, warning) = stores[i].load()
                state.read.insert("r\(i)")
                do { try stores[i].save(state) } catch { box.add("save \(i): \(error)") }
                if let warning { box.add("load \(i): \(warning)") }
            }
            #expect(box.all.isEmpty, "\(box.all)")
            #expect(StateStore(directory: dir).load().0.read == ["r0", "r1", "r2", "r3"])
        }
    }

    @Test func twoDamagedFilesInOneSecondAreBothKept() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for k in 0..<2 {
            try Data(repeating: UInt8(0x30 + k), count: 4096).write(to: dir.appendingPathComponent("state.sqlite"))
            let (_, warning) = StateStore(directory: dir).load()
            #expect(warning?.contains("moved aside") == true)
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("state.sqlite-wal"))
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("state.sqlite-shm"))
        }
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("state.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(aside.count == 2, "\(aside)")
    }

    @Test func anOldJSONStateIsImportedOnceAndKept() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = ReadingState(read: ["r1", "r2"], starred: ["s1"], session: .init(query: "year:2024", selected: "r1", positions: ["r1": 0.25]))
        try JSONEncoder().encode(old).write(to: dir.appendingPathComponent("state.json"))
        let (state, warning) = StateStore(directory: dir).load()
        #expect(state == old)
        #expect(warning?.contains("imported") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.contains("state.json.bak"))
        #expect(!files.contains("state.json"))
        // The second start says nothing and imports nothing again.
        let (again, second) = StateStore(directory: dir).load()
        #expect(again == old)
        #expect(second == nil)
        // A state.json written later (by an older version) is left alone, and so is the backup.
        let backup = try Data(contentsOf: dir.appendingPathComponent("state.json.bak"))
        try JSONEncoder().encode(ReadingState(read: ["late"])).write(to: dir.appendingPathComponent("state.json"))
        #expect(StateStore(directory: dir).load().1 == nil)
        #expect(try Data(contentsOf: dir.appendingPathComponent("state.json.bak")) == backup)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("state.json").path))
    }

    @Test func aDamagedDatabaseIsMovedAsideNeverOverwritten() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(directory: dir)
        let junk = Data(repeating: 0x5A, count: 8192)
        try junk.write(to: store.file)
        let (state, warning) = store.load()
        #expect(state == ReadingState())
        #expect(warning?.contains("damaged") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let aside = try #require(files.first { $0.hasPrefix("state.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") })
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent(aside).path) == junk)
        try store.save(ReadingState(read: ["x"]))
        #expect(StateStore(directory: dir).load().0.read == ["x"])
    }

    @Test func anUnreadableStateTurnsSavingOff() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(directory: dir)
        // A folder where the file should be cannot be opened as a database, nor moved over.
        try FileManager.default.createDirectory(at: store.file, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: store.file.appendingPathComponent("inside"))
        let (_, warning) = store.load()
        #expect(warning != nil)
        #expect(throws: (any Error).self) { try store.save(ReadingState(read: ["x"])) }
        #expect(FileManager.default.fileExists(atPath: store.file.appendingPathComponent("inside").path))
    }

    @Test func theFolderFollowsXDG() {
        #expect(StateStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]).path == "/x/state/csto-reader")
        #expect(StateStore.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.local/state/csto-reader")
        #expect(StateStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u"]).path == "/home/u/.local/state/csto-reader")
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
