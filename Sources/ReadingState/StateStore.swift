import Foundation
import GRDB

/// Keeps the reading state in SQLite at `$XDG_STATE_HOME/csto-reader/state.sqlite` (else
/// `~/.local/state/csto-reader/`), through GRDB in WAL mode: several readers and CLI calls can
/// read and write at once, and each change is one short transaction of its own, so a reader that
/// quits never writes back marks it did not change (another window's marks stay).
///
/// - An old `state.json` is imported once and kept as `state.json.bak`.
/// - A database that cannot be opened as one (damaged, not SQLite) is moved aside, never deleted,
///   and a fresh one started; a warning says where the old one went.
/// - A folder that cannot be written leaves the store read-only (or empty), with a warning.
public final class StateStore: @unchecked Sendable {
    public let directory: URL
    public var file: URL { directory.appendingPathComponent("state.sqlite") }
    public var legacyFile: URL { directory.appendingPathComponent("state.json") }
    /// Why saving is off, if it is.
    public private(set) var readOnlyReason: String? = nil

    private var pool: DatabasePool? = nil
    /// The state as this process last read or wrote it: `save` writes the difference only.
    private var known = ReadingState()
    /// Whether `load` has run: a `save` before it only adds (it knows of no marks to remove).
    private var loaded = false
    private let lock = NSLock()

    /// The store in `directory` (the program passes `defaultDirectory(environment:)`).
    public init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/csto-reader` (an absolute XDG_STATE_HOME only), else
    /// `~/.local/state/csto-reader`, read from the `environment` the caller passes (the
    /// process's, for the program).
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("csto-reader")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/csto-reader")
    }

    /// The schema. Each change of it is a new migration appended here, never an edit of an old one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1 marks, positions, session") { db in
            try db.execute(sql: """
                CREATE TABLE mark (
                    article TEXT NOT NULL PRIMARY KEY,
                    read INTEGER NOT NULL DEFAULT 0,
                    starred INTEGER NOT NULL DEFAULT 0,
                    changed REAL NOT NULL
                );
                CREATE TABLE position (
                    article TEXT NOT NULL PRIMARY KEY,
                    fraction REAL NOT NULL,
                    changed REAL NOT NULL
                );
                CREATE TABLE session (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT
                );
                CREATE TABLE meta (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT
                );
                """)
        }
        m.registerMigration("v2 room for tags, notes and saved searches") { db in
            // Empty until the workbench fills them; here so that its migration only adds columns.
            try db.execute(sql: """
                CREATE TABLE tag (
                    article TEXT NOT NULL,
                    name TEXT NOT NULL,
                    changed REAL NOT NULL,
                    PRIMARY KEY (article, name)
                );
                CREATE INDEX tag_by_name ON tag(name);
                CREATE TABLE note (
                    article TEXT NOT NULL PRIMARY KEY,
                    body TEXT NOT NULL,
                    changed REAL NOT NULL
                );
                CREATE TABLE saved_search (
                    name TEXT NOT NULL PRIMARY KEY,
                    query TEXT NOT NULL,
                    changed REAL NOT NULL
                );
                """)
        }
        return m
    }

    /// Opens the database (creating or migrating it, importing `state.json` once) and reads the
    /// state. Never throws: an empty state and a one-line warning when something is wrong.
    public func load() -> (ReadingState, warning: String?) {
        lock.lock(); defer { lock.unlock() }
        let (state, warning) = loadLocked()
        loaded = true
        return (state, warning)
    }

    /// A name beside the file that no other file has: `NAME.corrupt-TIME-PID[-N]`.
    func asideName(_ name: String) -> URL {
        let stamp = Int(Date().timeIntervalSince1970)
        var candidate = directory.appendingPathComponent("\(name).corrupt-\(stamp)-\(getpid())")
        var n = 1
        while FileManager.default.fileExists(atPath: candidate.path) {
            n += 1
            candidate = directory.appendingPathComponent("\(name).corrupt-\(stamp)-\(getpid())-\(n)")
        }
        return candidate
    }

    /// Opening, migrating, importing and moving a damaged file aside are done by one process at a
    /// time (an advisory lock on `state.lock`); reads and writes after that need no lock.
    private func withOpenLock<T>(_ body: () -> T) -> T {
        let fd = Glibc.open(directory.appendingPathComponent("state.lock").path, O_RDWR | O_CREAT, 0o644)
        if fd >= 0 {
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer {
            if fd >= 0 { flock(fd, LOCK_UN); close(fd) }
        }
        return body()
    }

    private func loadLocked() -> (ReadingState, warning: String?) {
        var notes: [String] = []
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            if !fm.fileExists(atPath: file.path) {
                readOnlyReason = "cannot create \(directory.path)"
                return (ReadingState(), "cannot create the state folder \(directory.path): marks will not be saved")
            }
        }
        return withOpenLock { openAndRead(&notes) }
    }

    private func openAndRead(_ notes: inout [String]) -> (ReadingState, warning: String?) {
        let fm = FileManager.default
        if pool == nil {
            do {
                pool = try open()
            } catch let error as DatabaseError where Self.isDamage(error) {
                // Not a database (or a damaged one): keep it for the user, start afresh.
                let aside = asideName("state.sqlite")
                guard rename(file.path, aside.path) == 0 else {
                    readOnlyReason = "cannot move the damaged \(file.path) aside"
                    return (ReadingState(), "the reading state \(file.path) is damaged and cannot be moved aside: marks will not be saved")
                }
                for suffix in ["-wal", "-shm"] {
                    let side = file.path + suffix
                    if fm.fileExists(atPath: side) { _ = rename(side, aside.path + suffix) }
                }
                notes.append("damaged reading state moved aside to \(aside.path)")
                do { pool = try open() } catch {
                    readOnlyReason = "cannot open \(file.path)"
                    return (ReadingState(), (notes + ["cannot open the reading state: \(Self.describe(error))"]).joined(separator: "; "))
                }
            } catch {
                readOnlyReason = "cannot open \(file.path)"
                return (ReadingState(), "cannot open the reading state \(file.path): \(Self.describe(error)): marks will not be saved")
            }
        }
        guard let pool else { return (ReadingState(), nil) }
        do {
            if try pool.read({ db in try Self.newerSchema(db) }) {
                readOnlyReason = "\(file.path) is from a newer csto-reader"
                notes.append("the reading state is from a newer version: marks will not be saved")
            } else if let note = try importLegacy(pool) {
                notes.append(note)
            }
            let state = try pool.read { db in try Self.read(db) }
            known = state
            return (state, notes.isEmpty ? nil : notes.joined(separator: "; "))
        } catch {
            readOnlyReason = "cannot read \(file.path)"
            return (ReadingState(), "cannot read the reading state \(file.path): \(Self.describe(error)): marks will not be saved")
        }
    }

    private func open() throws -> DatabasePool {
        var config = Configuration()
        // Other readers and CLI calls may hold the write lock for a moment.
        config.busyMode = .timeout(10)
        config.label = "csto-reader state"
        let pool = try DatabasePool(path: file.path, configuration: config)
        if try pool.read({ db in try Self.newerSchema(db) }) != true {
            try Self.migrator.migrate(pool)
        }
        // A mark acknowledged is on disk: WAL's default (NORMAL) could lose the last ones at a power cut.
        try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return pool
    }

    /// True when the database holds migrations this program does not know (a newer version).
    static func newerSchema(_ db: Database) throws -> Bool {
        guard try db.tableExists("grdb_migrations") else { return false }
        return try migrator.hasBeenSuperseded(db)
    }

    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return String(describing: error)
    }

    static func read(_ db: Database) throws -> ReadingState {
        var state = ReadingState()
        for row in try Row.fetchAll(db, sql: "SELECT article, read, starred FROM mark") {
            let id: String = row["article"]
            if (row["read"] as Int) != 0 { state.read.insert(id) }
            if (row["starred"] as Int) != 0 { state.starred.insert(id) }
        }
        var positions: [String: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT article, fraction FROM position") {
            positions[row["article"]] = row["fraction"]
        }
        var values: [String: String?] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM session") {
            values[row["key"]] = row["value"] as String?
        }
        for row in try Row.fetchAll(db, sql: "SELECT article, name FROM tag") {
            state.tags[row["article"] as String, default: []].insert(row["name"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT article, body FROM note") {
            state.notes[row["article"]] = row["body"] as String
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, query FROM saved_search") {
            state.saved[row["name"]] = row["query"] as String
        }
        if !values.isEmpty || !positions.isEmpty {
            state.session = ReadingState.Session(query: (values["query"] ?? nil) ?? "",
                                                 selected: values["selected"] ?? nil, positions: positions)
        }
        return state
    }

    /// Imports `state.json` into an empty database once, then keeps the file as `state.json.bak`.
    private func importLegacy(_ pool: DatabasePool) throws -> String? {
        let path = legacyFile.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Imported once: a state.json seen later (written by an older version) is left alone.
        if try pool.read({ db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'imported'") }) != nil {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return "cannot read the old reading state \(path): not imported"
        }
        var backup = directory.appendingPathComponent("state.json.bak").path
        var n = 1
        while FileManager.default.fileExists(atPath: backup) {
            n += 1
            backup = directory.appendingPathComponent("state.json.bak.\(n)").path
        }
        guard let old = try? JSONDecoder().decode(ReadingState.self, from: data) else {
            let aside = asideName("state.json")
            _ = rename(path, aside.path)
            return "the old reading state \(path) is damaged: not imported, moved aside to \(aside.path)"
        }
        try pool.write { db in
            try Self.apply(db, from: ReadingState(), to: old)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('imported', ?)", arguments: [path])
        }
        _ = rename(path, backup)
        return "imported the reading state from \(path) (kept as \(backup))"
    }

    /// Writes what changed since the state this process last read or wrote, in one transaction.
    public func save(_ state: ReadingState) throws {
        lock.lock(); defer { lock.unlock() }
        if let reason = readOnlyReason { throw StoreError(message: reason) }
        if !loaded {
            // Saved without a load: only what `state` holds is added; nothing is unmarked.
            _ = loadLocked()
            loaded = true
            known = ReadingState()
            if let reason = readOnlyReason { throw StoreError(message: reason) }
        }
        guard let pool else { throw StoreError(message: "the reading state is not open") }
        let before = known
        guard before != state else { return }
        do {
            try pool.write { db in try Self.apply(db, from: before, to: state) }
        } catch {
            throw StoreError(message: "cannot save the reading state \(file.path): \(Self.describe(error))")
        }
        known = state
    }

    /// Marks one article read or unread, starred or not (for `csto-reader mark`).
    public func mark(_ id: String, read: Bool? = nil, starred: Bool? = nil) throws {
        var state = try current()
        if let read { if read { state.read.insert(id) } else { state.read.remove(id) } }
        if let starred { if starred { state.starred.insert(id) } else { state.starred.remove(id) } }
        try save(state)
    }

    /// Changes the state as the database holds it now (other processes' changes kept) and
    /// saves the difference: for the CLI's `tag`, `note` and `saved`.
    public func change(_ body: (inout ReadingState) throws -> Void) throws {
        var state = try current()
        try body(&state)
        try save(state)
    }

    /// The state as the database holds it now (other processes' changes included).
    public func current() throws -> ReadingState {
        if !loaded { _ = load() }
        lock.lock(); defer { lock.unlock() }
        if let reason = readOnlyReason, pool == nil { throw StoreError(message: reason) }
        guard let pool else { throw StoreError(message: "the reading state is not open") }
        let state = try pool.read { db in try Self.read(db) }
        known = state
        return state
    }

    /// The statements that turn `old` into `new`; nothing else is touched.
    static func apply(_ db: Database, from old: ReadingState, to new: ReadingState) throws {
        let now = Date().timeIntervalSince1970
        let changed = old.read.symmetricDifference(new.read).union(old.starred.symmetricDifference(new.starred))
        for id in changed.sorted() {
            let read = new.read.contains(id) ? 1 : 0, starred = new.starred.contains(id) ? 1 : 0
            // Only the flag that changed is written: another window's star survives this window's read.
            if old.read.contains(id) != new.read.contains(id) {
                try db.execute(sql: """
                    INSERT INTO mark(article, read, starred, changed) VALUES (?, ?, 0, ?)
                    ON CONFLICT(article) DO UPDATE SET read = excluded.read, changed = excluded.changed
                    """, arguments: [id, read, now])
            }
            if old.starred.contains(id) != new.starred.contains(id) {
                try db.execute(sql: """
                    INSERT INTO mark(article, read, starred, changed) VALUES (?, 0, ?, ?)
                    ON CONFLICT(article) DO UPDATE SET starred = excluded.starred, changed = excluded.changed
                    """, arguments: [id, starred, now])
            }
            try db.execute(sql: "DELETE FROM mark WHERE article = ? AND read = 0 AND starred = 0", arguments: [id])
        }
        let oldPositions = old.session?.positions ?? [:], newPositions = new.session?.positions ?? [:]
        for (id, fraction) in newPositions where oldPositions[id] != fraction {
            try db.execute(sql: """
                INSERT INTO position(article, fraction, changed) VALUES (?, ?, ?)
                ON CONFLICT(article) DO UPDATE SET fraction = excluded.fraction, changed = excluded.changed
                """, arguments: [id, fraction, now])
        }
        for id in oldPositions.keys where newPositions[id] == nil {
            try db.execute(sql: "DELETE FROM position WHERE article = ?", arguments: [id])
        }
        for id in Set(old.tags.keys).union(new.tags.keys) where old.tags[id] != new.tags[id] {
            let was = old.tags[id] ?? [], has = new.tags[id] ?? []
            for name in has.subtracting(was).sorted() {
                try db.execute(sql: "INSERT OR REPLACE INTO tag(article, name, changed) VALUES (?, ?, ?)", arguments: [id, name, now])
            }
            for name in was.subtracting(has).sorted() {
                try db.execute(sql: "DELETE FROM tag WHERE article = ? AND name = ?", arguments: [id, name])
            }
        }
        for id in Set(old.notes.keys).union(new.notes.keys) where old.notes[id] != new.notes[id] {
            if let body = new.notes[id] {
                try db.execute(sql: "INSERT OR REPLACE INTO note(article, body, changed) VALUES (?, ?, ?)", arguments: [id, body, now])
            } else {
                try db.execute(sql: "DELETE FROM note WHERE article = ?", arguments: [id])
            }
        }
        for name in Set(old.saved.keys).union(new.saved.keys) where old.saved[name] != new.saved[name] {
            if let query = new.saved[name] {
                try db.execute(sql: "INSERT OR REPLACE INTO saved_search(name, query, changed) VALUES (?, ?, ?)", arguments: [name, query, now])
            } else {
                try db.execute(sql: "DELETE FROM saved_search WHERE name = ?", arguments: [name])
            }
        }
        if old.session?.query != new.session?.query || old.session?.selected != new.session?.selected {
            try db.execute(sql: "INSERT OR REPLACE INTO session(key, value) VALUES ('query', ?)", arguments: [new.session?.query])
            try db.execute(sql: "INSERT OR REPLACE INTO session(key, value) VALUES ('selected', ?)", arguments: [new.session?.selected])
        }
    }
}
