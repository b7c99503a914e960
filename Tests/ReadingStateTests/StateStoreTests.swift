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
        // No temporary file is left behind.
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(files == ["state.json"])
    }

    @Test func aDamagedFileIsMovedAsideNeverOverwritten() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(directory: dir)
        try Data("{\"read\": [tru".utf8).write(to: store.file)
        let (state, warning) = store.load()
        #expect(state == ReadingState())
        #expect(warning?.contains("damaged") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.contains { $0.hasPrefix("state.json.corrupt-") })
        #expect(!files.contains("state.json"))
        let aside = files.first { $0.hasPrefix("state.json.corrupt-") }!
        #expect(try String(contentsOf: dir.appendingPathComponent(aside), encoding: .utf8) == "{\"read\": [tru")
        try store.save(ReadingState(read: ["x"]))
        #expect(StateStore(directory: dir).load().0.read == ["x"])
    }

    @Test func anUnreadableStateTurnsSavingOff() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = StateStore(directory: dir)
        // A folder where the file should be cannot be read as state, nor moved over.
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
