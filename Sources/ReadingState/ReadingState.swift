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

    /// A tag name as kept: trimmed; nil when it cannot be one (empty, longer than 64, a space,
    /// quote or colon, a control or bidi character, a leading `+` or `-`, which the reader's
    /// prompt reads as add and remove).
    public static func tagName(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 64, t.first != "+", t.first != "-",
              !t.unicodeScalars.contains(where: { s in
                  let v = s.value
                  return s.properties.isWhitespace || s == "\"" || s == ":" || v < 0x20 || (0x7F...0x9F).contains(v)
                      || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
              })
        else { return nil }
        return t
    }

    /// A tag as compared: the whole name, case folded (`Sources` = `sources`, `c++` ≠ `c`).
    public static func foldTag(_ name: String) -> String { name.lowercased() }

    /// Adds tags to an article; a tag spelled as one in use (`SOURCES`, `Sources`) takes the
    /// spelling in use. Returns the tags added.
    @discardableResult
    public mutating func addTags(_ names: [String], to id: String) -> [String] {
        var set = tags[id] ?? []
        var added: [String] = []
        for name in names {
            let folded = Self.foldTag(name)
            guard !set.contains(where: { Self.foldTag($0) == folded }) else { continue }
            let spelled = tags.values.lazy.flatMap { $0 }.first { Self.foldTag($0) == folded } ?? name
            set.insert(spelled)
            added.append(spelled)
        }
        tags[id] = set.isEmpty ? nil : set
        return added
    }

    /// Removes tags from an article (compared folded); the names it does not carry are
    /// returned, and then nothing is removed.
    public mutating func removeTags(_ names: [String], from id: String) -> (removed: [String], missing: [String]) {
        var set = tags[id] ?? []
        var removed: [String] = [], missing: [String] = []
        for name in names {
            if let have = set.first(where: { Self.foldTag($0) == Self.foldTag(name) }) {
                set.remove(have)
                removed.append(have)
            } else {
                missing.append(name)
            }
        }
        guard missing.isEmpty else { return ([], missing) }
        tags[id] = set.isEmpty ? nil : set
        return (removed, [])
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
