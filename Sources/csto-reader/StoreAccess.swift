import CorpusCache
import Foundation
import SearchIndex
import ReaderUI
import ReadingState

// How the commands use the store: the cache written after the output, what stays in memory to
// the end, and the reading state with its warning said once.

/// What a command opened, kept to the end: freeing 100,000 articles one by one costs more than
/// the rest of a warm command, and the process ends right after.
enum Retained {
    nonisolated(unsafe) static var objects: [Any] = []
    static func keep(_ x: Any) { objects.append(x) }
}

/// A one-line warning on stderr.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("csto-reader: \(message)\n".utf8))
}

/// Under CSTO_TIMING, the libraries' timing lines (corpus build, index build, cache open) go to
/// stderr; nil otherwise. Passed as `log:` wherever a corpus, an index or a store is made.
let timingLog: (@Sendable (String) -> Void)? = {
    guard ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil else { return nil }
    return { line in FileHandle.standardError.write(Data("\(line)\n".utf8)) }
}()

extension StateStore {
    /// The reading state in its usual place: `$XDG_STATE_HOME/csto-reader`, else
    /// `~/.local/state/csto-reader`.
    convenience init() {
        self.init(directory: StateStore.defaultDirectory(environment: ProcessInfo.processInfo.environment))
    }
}

/// The cache write a command leaves for after its output.
enum CacheWrite {
    nonisolated(unsafe) static var pending: (CorpusStore, OpenedCorpus)? = nil

    static func later(_ store: CorpusStore, _ opened: OpenedCorpus) {
        pending = opened.needsSave ? (store, opened) : nil
    }

    static func finish() {
        guard let (store, opened) = pending else { return }
        pending = nil
        // Output first: a pipe reader sees everything before the cache is written.
        fflush(nil)
        if let warning = store.save(opened) { warn(warning) }
    }
}

/// The reading state for the CLI: its warning (a damaged database moved aside) said once on stderr.
enum CLIState {
    static func load() -> (ReadingState, StateStore) {
        let store = StateStore()
        let (state, warning) = store.load()
        if let warning { warn(warning) }
        return (state, store)
    }

    /// The marks as the searcher takes them.
    static func docMarks(_ index: SearchIndex, _ state: ReadingState) -> DocMarks {
        DocMarks(count: index.articles.count, ids: { index.articles[$0].id }, read: state.read, starred: state.starred,
                 tags: state.tags, notes: state.notes)
    }

    /// A `tag:` no article carries (the reader's check).
    static func unknownTag(in text: String, _ state: ReadingState) -> QueryError? { Tags.unknown(in: text, state) }
}
