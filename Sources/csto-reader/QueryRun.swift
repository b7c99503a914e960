import Corpus
import Foundation
import ReadingState
import SearchIndex

/// A query as the workbench commands take it: the words, the filter options as query terms,
/// checked (structure, unknown organizations), parsed, and its matching documents.
/// The last word is a prefix, as in `search` (`afgh` finds Afghanistan), so the commands agree.
struct QueryRun {
    let index: SearchIndex
    let query: Query
    let matches: Bitset
    /// The query with its filter options, as a label (`kind:exercise`, else "all articles").
    let label: String
    /// The reader's marks, tags, notes and saved searches.
    let state: ReadingState
    let marks: DocMarks

    /// The query comes before the paths: a file or folder in its place (and no path after it)
    /// would be searched for as words.
    ///
    /// Only what is written as a path (with a `/`) is refused: a plain word that happens to name
    /// a file or folder here (`bench`, `seeds`) is searched as a word, with a note on stderr that
    /// says how to give the folder instead.
    static func checkNotAPath(_ text: String, _ corpus: CorpusOptions) throws {
        guard !text.isEmpty, corpus.paths.isEmpty, FileManager.default.fileExists(atPath: text) else { return }
        if text.contains("/") {
            throw UserError(description: "'\(text)' is a file or folder, not a query: give the query first (\"\" for every article), then the paths")
        }
        FileHandle.standardError.write(Data("note: '\(text)' also names a file or folder here; it was searched as words (to read the folder instead, give the query first: \"\" \(text))\n".utf8))
    }

    init(_ text: String, filters: FilterOptions, corpus: CorpusOptions) throws {
        try Self.checkNotAPath(text, corpus)
        index = try corpus.openIndex()
        // is:, tag:, has: and the words of notes use the marks made in the reader.
        let (state, _) = CLIState.load()
        let full = try filters.adding(to: text, state).trimmingCharacters(in: .whitespaces)
        label = full.isEmpty ? "all articles" : full
        if let error = QueryText.structureError(text) ?? NameCheck.unknownOrganization(in: full, index: index)
            ?? CLIState.unknownTag(in: full, state) {
            throw UserError(description: error.message)
        }
        do { query = try QueryParser.parse(full) } catch { throw UserError(description: error.message) }
        marks = CLIState.docMarks(index, state)
        self.state = state
        matches = Searcher(index).matchSet(query, marks: marks)
    }
}
