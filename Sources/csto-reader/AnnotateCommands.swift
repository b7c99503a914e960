import ArgumentParser
import Corpus
import Foundation
import ReadingState
import ReaderUI
import SearchIndex
import TerminalCore

// `tag`, `untag`, `note` and `saved`: the reader's tags, notes and saved searches from the
// command line, in the same SQLite state (another reader window sees them on its next start).

/// An article id as `list` prints it (12 hex digits), lowercased; a usage error otherwise.
func articleID(_ id: String) throws -> String {
    guard id.count == 12, id.allSatisfy(\.isHexDigit) else {
        throw ValidationError("'\(id)' is not an article id (12 hex digits, as `list` prints them)")
    }
    return id.lowercased()
}

/// Saves a change of the state, as one line on failure.
func changeState(_ body: (inout ReadingState) throws -> Void) throws {
    let (_, store) = CLIState.load()
    do { try store.change(body) } catch let error as UserError { throw error } catch {
        throw UserError(description: "\(error)")
    }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag an article (the reader's +); tag:NAME finds it, has:tag finds every tagged one.",
        discussion: "With no NAME, prints the article's tags."
    )

    @Argument(help: "The article's id, as `list` prints it (12 hex digits).") var id: String
    @Argument(help: "Tags to add (no spaces, quotes or colons).") var names: [String] = []

    func validate() throws {
        _ = try articleID(id)
        for n in names where ReadingState.tagName(n) == nil {
            throw ValidationError("'\(n)' cannot be a tag: one word of at most 64 characters, without spaces, quotes, colons or control characters, not starting with + or -")
        }
    }

    func run() throws {
        let key = try articleID(id)
        if names.isEmpty {
            let tags = (CLIState.load().0.tags[key] ?? []).sorted()
            if tags.isEmpty { throw UserError(description: "\(key) has no tags", code: Exit.noResults) }
            print(tags.joined(separator: " "))
            return
        }
        var now: [String] = []
        try changeState { state in
            state.addTags(names.compactMap(ReadingState.tagName), to: key)
            now = (state.tags[key] ?? []).sorted()
        }
        print("\(key): \(now.joined(separator: " "))")
    }
}

struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untag",
        abstract: "Remove tags from an article (--all: every tag)."
    )

    @Argument(help: "The article's id, as `list` prints it (12 hex digits).") var id: String
    @Argument(help: "Tags to remove.") var names: [String] = []
    @Flag(help: "Remove every tag of the article.") var all = false

    func validate() throws {
        _ = try articleID(id)
        if names.isEmpty && !all { throw ValidationError("name the tags to remove, or give --all") }
        if !names.isEmpty && all { throw ValidationError("give tags or --all, not both") }
    }

    func run() throws {
        let key = try articleID(id)
        var left: [String] = []
        try changeState { state in
            let set = state.tags[key] ?? []
            if all {
                if set.isEmpty { throw UserError(description: "\(key) has no tags") }
                state.tags[key] = nil
            }
            let (_, missing) = state.removeTags(names, from: key)
            if let first = missing.first {
                let has = set.isEmpty ? "it has none" : "its tags: " + set.sorted().joined(separator: ", ")
                throw UserError(description: "\(key) is not tagged '\(first)' (\(has)); nothing removed")
            }
            left = (state.tags[key] ?? []).sorted()
        }
        print("\(key): \(left.isEmpty ? "no tags" : left.joined(separator: " "))")
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Write an article's note (the reader's a); its words are searched like the article's.",
        discussion: "With no TEXT, the note is read from standard input. --show prints it, --delete removes it."
    )

    @Argument(help: "The article's id, as `list` prints it (12 hex digits).") var id: String
    @Argument(help: "The note (default: standard input).") var text: String?
    @Flag(help: "Print the note.") var show = false
    @Flag(help: "Remove the note.") var delete = false

    func validate() throws {
        _ = try articleID(id)
        if show && delete { throw ValidationError("--show and --delete together") }
        if (show || delete) && text != nil { throw ValidationError("--\(show ? "show" : "delete") takes no text") }
    }

    func run() throws {
        let key = try articleID(id)
        if show {
            guard let note = CLIState.load().0.notes[key] else { throw UserError(description: "\(key) has no note", code: Exit.noResults) }
            print(note)
            return
        }
        if delete {
            try changeState { state in
                guard state.notes.removeValue(forKey: key) != nil else { throw UserError(description: "\(key) has no note") }
            }
            return
        }
        let raw = text ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard let note = Notes.clean(raw) else {
            throw UserError(description: "empty note: nothing saved (to remove a note: csto-reader note \(key) --delete)")
        }
        try changeState { $0.notes[key] = note }
    }
}

struct SavedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saved",
        abstract: "Saved searches with their result and unread counts (the reader's S); --add NAME QUERY, --delete NAME.",
        discussion: "Any command that takes a query takes --saved NAME too."
    )

    @Option(help: ArgumentHelp("Save QUERY under this name (replacing one of that name).", valueName: "name")) var add: String?
    @Option(help: ArgumentHelp("Delete the saved search of this name.", valueName: "name")) var delete: String?
    @Argument(help: "With --add: the query to save.") var query: String?
    @OptionGroup var corpus: CorpusOptions
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        if add != nil && delete != nil { throw ValidationError("--add and --delete together") }
        if add != nil && (query ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--add NAME takes a query to save") }
        if add == nil && query != nil { throw ValidationError("a query is saved with --add NAME") }
        if add != nil, let extra = corpus.paths.first {
            throw ValidationError("--add NAME takes one query: quote it ('\(query ?? "") \(extra)')")
        }
        if let name = add ?? delete, Notes.savedName(name) == nil {
            throw ValidationError("'\(name)' cannot name a saved search: 1 to 40 characters, no control characters")
        }
    }

    func run() throws {
        if let name = add, let query {
            if let error = QueryText.structureError(query) { throw UserError(description: error.message) }
            do { _ = try QueryParser.parse(query) } catch { throw UserError(description: error.message) }
            let key = Notes.savedName(name)!
            var before: String? = nil
            try changeState { state in
                before = state.saved[key]
                state.saved[key] = query
            }
            if let before, before != query {
                FileHandle.standardError.write(Data("replaced '\(key)' (it was: \(before))\n".utf8))
            }
            return
        }
        if let raw = delete {
            let name = Notes.savedName(raw) ?? raw
            try changeState { state in
                guard state.saved.removeValue(forKey: name) != nil else {
                    throw UserError(description: "no saved search named '\(name)'")
                }
            }
            return
        }
        let (state, _) = CLIState.load()
        if state.saved.isEmpty {
            if json { printJSON(.array([])) } else { FileHandle.standardError.write(Data("no saved searches yet: csto-reader saved --add NAME QUERY\n".utf8)) }
            throw QuietExit(code: Exit.noResults)
        }
        let index = try corpus.openIndex()
        let rows = SavedSearches.rows(state, searcher: Searcher(index), marks: CLIState.docMarks(index, state))
        if json {
            printJSON(.array(rows.map { r in
                .object([("name", .string(r.name)), ("query", .string(r.query)), ("results", r.error == nil ? .number(r.results) : .null),
                         ("unread", r.error == nil ? .number(r.unread) : .null), ("error", .optional(r.error))])
            }))
        } else {
            let width = rows.map { DisplayWidth.of($0.name) }.max() ?? 0
            for r in rows {
                let counts = r.error.map { "error: \($0)" } ?? "\(r.results) results, \(r.unread) unread"
                print(r.name + String(repeating: " ", count: width - DisplayWidth.of(r.name)) + "  " + counts + "  " + r.query)
            }
        }
    }
}
