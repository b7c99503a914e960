import Corpus
import ReadingState
import SearchIndex

/// Notes and saved-search names as kept: what the reader's editor, its prompts and the CLI
/// all accept.
public enum Notes {
    /// A note as kept: control characters (but line breaks and tabs) dropped, blank lines at
    /// either end trimmed; nil when nothing is left (an empty note is not saved).
    public static func clean(_ raw: String) -> String? {
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars {
            if s == "\n" || s == "\t" { out.append(s); continue }
            if s == "\r" { continue }
            let v = s.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { continue }
            out.append(s)
        }
        let text = String(out).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// A saved search's name as kept (trimmed; 1 to 40 characters, no control characters).
    public static func savedName(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 40, !t.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return nil }
        return t
    }
}

/// The saved searches with their counts, as newsboat's query feeds show them.
public struct SavedSearch: Sendable, Equatable {
    public var name: String
    public var query: String
    public var results: Int
    public var unread: Int
    /// Why the query no longer runs (a field renamed since it was saved), if it does not.
    public var error: String?
}

public enum SavedSearches {
    /// Every saved search, by name, with its result and unread counts.
    public static func rows(_ state: ReadingState, searcher: Searcher, marks: DocMarks?) -> [SavedSearch] {
        state.saved.sorted { $0.key.lowercased() < $1.key.lowercased() }.map { name, text in
            do throws(QueryError) {
                // The last word a prefix, as the reader and the CLI run it.
                let q = try QueryParser.parse(text, prefixLast: true)
                let set = searcher.matchSet(q, marks: marks)
                var unread = set
                if let read = marks?.read { unread.subtract(read) }
                return SavedSearch(name: name, query: text, results: set.cardinality, unread: unread.cardinality, error: nil)
            } catch {
                return SavedSearch(name: name, query: text, results: 0, unread: 0, error: error.message)
            }
        }
    }
}

public enum Tags {
    /// A `tag:` no article carries, said with the tags there are (an excluded one, `-tag:x`,
    /// is no mistake). The reader and the CLI both check with it.
    public static func unknown(in text: String, _ state: ReadingState) -> QueryError? {
        let counts = state.tagCounts
        let known = Set(counts.map { DocMarks.fold($0.name) })
        for tok in QueryText.tokens(text) {
            guard let (name, value) = tok.field, name == "tag", !tok.negated, !value.isEmpty, !known.contains(DocMarks.fold(value)) else { continue }
            let hint = counts.isEmpty ? "no article is tagged yet: + in the reader or 'csto-reader tag ID NAME' tags one"
                : "tags: " + counts.prefix(8).map(\.name).joined(separator: ", ")
            return QueryError(message: "no article is tagged '\(QueryParser.shown(value))' (\(hint))")
        }
        return nil
    }
}
