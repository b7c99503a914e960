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
    /// Tags per article id (each tag as the user wrote it, trimmed).
    public var tags: [String: Set<String>] = [:]
    /// A note per article id (never empty: an emptied note is removed).
    public var notes: [String: String] = [:]
    /// Saved searches: name → query text.
    public var saved: [String: String] = [:]

    /// Every tag in use, with how many articles carry it, most used first.
    public var tagCounts: [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for set in tags.values { for t in set { counts[t, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A tag name as kept: trimmed; nil when it cannot be one (empty, spaces, quotes, control
    /// characters, longer than 64).
    public static func tagName(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 64,
              !t.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "\"" || $0 == ":" || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return t
    }

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

    public init(read: Set<String> = [], starred: Set<String> = [], session: Session? = nil,
                tags: [String: Set<String>] = [:], notes: [String: String] = [:], saved: [String: String] = [:]) {
        self.read = read
        self.starred = starred
        self.session = session
        self.tags = tags
        self.notes = notes
        self.saved = saved
    }

    /// Missing fields take their defaults, so a file from an older or newer version still reads.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        read = try c.decodeIfPresent(Set<String>.self, forKey: .read) ?? []
        starred = try c.decodeIfPresent(Set<String>.self, forKey: .starred) ?? []
        session = try c.decodeIfPresent(Session.self, forKey: .session)
        tags = try c.decodeIfPresent([String: Set<String>].self, forKey: .tags) ?? [:]
        notes = try c.decodeIfPresent([String: String].self, forKey: .notes) ?? [:]
        saved = try c.decodeIfPresent([String: String].self, forKey: .saved) ?? [:]
    }
}

public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
