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
        let aside = try #require(files.first { $0.hasPrefix("state.sqlite.corrupt-") })
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
