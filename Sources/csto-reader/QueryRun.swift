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

    /// The query comes before the paths: what is written as a path in its place (with a `/`, or
    /// with no word in it, as `.`), with no path after it, is refused rather than searched for.
    /// A plain word that also names a file or folder here (`bench`, `seeds`) is searched as
    /// words, with a warning that says how `command` reads the folder instead.
    static func checkNotAPath(_ text: String, _ corpus: CorpusOptions, command: String) throws {
        guard !text.isEmpty, corpus.paths.isEmpty else { return }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isFolder) else { return }
        let what = isFolder.boolValue ? "folder" : "file"
        if text.contains("/") || Folding.terms(text).isEmpty {
            throw UserError(description: "'\(text)' is a \(what), not a query: give the query first (\"\" for every article), then the paths")
        }
        let path = text.contains(" ") ? "'\(text)'" : text
        // (kwic needs a word to show in context; the others read every article with "".)
        let example = command == "kwic" ? "kwic WORD \(path)" : "\(command) \"\" \(path)"
        warn("'\(text)' is searched as words; it also names a \(what) here (to read the \(what), give a query first: \(example))")
    }

    /// A query checked as far as it can be without the articles: `text` with its filter
    /// options (`full`), parsed, and the reader's marks it may use.
    struct Checked {
        let full: String
        let query: Query
        let state: ReadingState
    }

    /// The query (`text` as typed, with its filter options) parsed, and what can be told wrong in
    /// it without the articles (its structure, a field or value, a tag) told before any page is
    /// read: a folder of 100,000 pages takes about a minute to read the first time. `command`
    /// names the command run, for the advice when the query also names a file or folder (nil: no
    /// such check, as for `trend --versus`, which is no positional query).
    static func check(_ text: String, filters: FilterOptions, corpus: CorpusOptions, command: String?) throws -> Checked {
        if let command { try checkNotAPath(text, corpus, command: command) }
        // is:, tag:, has: and the words of notes use the marks made in the reader.
        let (state, _) = CLIState.load()
        let full = try filters.adding(to: text, state).trimmingCharacters(in: .whitespaces)
        if let error = QueryText.structureError(text) ?? CLIState.unknownTag(in: full, state) {
            throw UserError(description: error.message)
        }
        do {
            return Checked(full: full, query: try QueryParser.parse(full), state: state)
        } catch {
            throw UserError(description: error.message)
        }
    }

    /// A checked query run over an index already open (a command with two queries reads the
    /// pages once, and only after both are checked).
    init(_ checked: Checked, index: SearchIndex) throws {
        label = checked.full.isEmpty ? "all articles" : checked.full
        query = checked.query
        self.index = index
        if let error = NameCheck.unknownOrganization(in: checked.full, index: index) { throw UserError(description: error.message) }
        marks = CLIState.docMarks(index, checked.state)
        state = checked.state
        matches = Searcher(index).matchSet(query, marks: marks)
    }

    init(_ text: String, filters: FilterOptions, corpus: CorpusOptions, command: String?) throws {
        let checked = try Self.check(text, filters: filters, corpus: corpus, command: command)
        try self.init(checked, index: try corpus.openIndex())
    }
}
