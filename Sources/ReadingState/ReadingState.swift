import Foundation

/// What the user marked and where they were: read and starred articles, and the last session.
/// Keyed by article id (derived from the article's lead text), so it survives re-scrapes.
public struct ReadingState: Codable, Equatable, Sendable {
    public var version = 1
    public var read: Set<String> = []
    public var starred: Set<String> = []
    public var session: Session? = nil

    public struct Session: Codable, Equatable, Sendable {
        public var query: String
        public var selected: String?
        /// Reading position per article id, as a fraction of the article (0...1).
        public var positions: [String: Double]

        public init(query: String = "", selected: String? = nil, positions: [String: Double] = [:]) {
            self.query = query
            self.selected = selected
            self.positions = positions
        }
    }

    public init(read: Set<String> = [], starred: Set<String> = [], session: Session? = nil) {
        self.read = read
        self.starred = starred
        self.session = session
    }

    /// Missing fields take their defaults, so a file from an older or newer version still reads.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        read = try c.decodeIfPresent(Set<String>.self, forKey: .read) ?? []
        starred = try c.decodeIfPresent(Set<String>.self, forKey: .starred) ?? []
        session = try c.decodeIfPresent(Session.self, forKey: .session)
    }

    /// The version this program writes.
    public static let currentVersion = 1
}

/// Keeps the reading state in `$XDG_STATE_HOME/csto-reader/state.json` (else
/// `~/.local/state/csto-reader/`). Writes are atomic: a temporary file in the same folder,
/// fsync, rename, fsync of the folder; a reader sees the previous version or the new one, whole.
/// A file that cannot be read as state is moved aside with a warning, never overwritten.
public final class StateStore: @unchecked Sendable {
    public let directory: URL
    public var file: URL { directory.appendingPathComponent("state.json") }
    /// Why saving is off (the folder cannot be written), if it is.
    public private(set) var readOnlyReason: String? = nil

    public init(directory: URL? = nil) {
        self.directory = directory ?? StateStore.defaultDirectory()
    }

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("csto-reader")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/csto-reader")
    }

    /// The saved state (empty when there is none), and a warning when the file was unusable.
    public func load() -> (ReadingState, warning: String?) {
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else { return (ReadingState(), nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            readOnlyReason = "cannot read \(path)"
            return (ReadingState(), "cannot read the reading state \(path): marks will not be saved this time")
        }
        do {
            let state = try JSONDecoder().decode(ReadingState.self, from: data)
            if state.version > ReadingState.currentVersion {
                // Written by a newer csto-reader: read what is understood, change nothing.
                readOnlyReason = "\(path) is from a newer csto-reader"
                return (state, "the reading state is from a newer version: marks will not be saved")
            }
            return (state, nil)
        } catch {
            // Corrupt: keep it for the user, start afresh.
            let stamp = Int(Date().timeIntervalSince1970)
            let aside = directory.appendingPathComponent("state.json.corrupt-\(stamp)")
            if rename(path, aside.path) == 0 {
                return (ReadingState(), "damaged reading state moved aside to \(aside.path)")
            }
            readOnlyReason = "cannot move the damaged \(path) aside"
            return (ReadingState(), "the reading state \(path) is damaged and cannot be moved aside: marks will not be saved")
        }
    }

    /// Writes the state atomically.
    public func save(_ state: ReadingState) throws {
        if let reason = readOnlyReason { throw StoreError(message: reason) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(state)
        let tmp = directory.appendingPathComponent(".state.json.\(getpid()).tmp").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StoreError(message: "cannot write \(tmp): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, file.path) == 0 else {
            unlink(tmp)
            throw StoreError(message: "cannot save \(file.path): \(String(cString: strerror(errno)))")
        }
        let dir = open(directory.path, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }
}

public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
