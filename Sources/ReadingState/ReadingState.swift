import Foundation

/// What the user marked and where they were: read and starred articles, and the last session.
/// Keyed by article id (derived from the article's lead text), so it survives re-scrapes.
///
/// This is a snapshot: `StateStore` keeps it in SQLite and writes only what changed.
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
}

public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
