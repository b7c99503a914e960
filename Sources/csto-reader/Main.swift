import ArgumentParser
import Corpus
import CorpusCache
import Foundation
import ReadingState
import SearchIndex

/// Exit codes: 0 success, 1 no results, 2 usage or input errors.
enum Exit {
    static let noResults: Int32 = 1
    static let usage: Int32 = 2
}

/// An error that is already a clear one-line message.
struct UserError: Error, CustomStringConvertible {
    var description: String
    var code: Int32 = Exit.usage
}

/// Ends the command with an exit code and no message (e.g. "no results").
struct QuietExit: Error {
    var code: Int32
}

@main
struct CSTOReader: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csto-reader",
        abstract: "A reader for the news archive of the Collective Security Treaty Organization (CSTO).",
        discussion: """
        With no subcommand, the full-screen reader opens (press ? in it for the keys). With no PATH, \
        the built-in corpus (five pages of the CSTO news site) is read. PATHs may be files or \
        folders (read recursively, *.txt pages).

        Exit status: 0 success, 1 no results, 2 usage or input error.
        """,
        version: "0.1.0",
        subcommands: [ReadCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self, TimelineCommand.self, StatsCommand.self,
                      ExplainCommand.self, IndexCommand.self, MarkCommand.self, ConfigCommand.self, KwicCommand.self, TrendCommand.self, EntitiesCommand.self, RelatedCommand.self, ExportCommand.self,
                      TagCommand.self, UntagCommand.self, NoteCommand.self, SavedCommand.self,
                      StateStressCommand.self],
        defaultSubcommand: ReadCommand.self
    )

    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        do {
            // A mistyped command is said so, not taken for a missing page file.
            try CommandLineCheck.check(args)
            var command = try parseAsRoot()
            try command.run()
            CacheWrite.finish()
            // The corpus is still held (`Retained`): the process ends without taking it apart.
            fflush(nil)
            Foundation.exit(0)
        } catch let error as UserError {
            fail(error.description, args: args)
            CacheWrite.finish()
            Foundation.exit(error.code)
        } catch let error as QuietExit {
            CacheWrite.finish()
            Foundation.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            var message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
            // A query that starts with `-` reads as an option: say where it goes.
            if message.lowercased().hasPrefix("unknown option '-"), !message.lowercased().hasPrefix("unknown option '--"),
               let sub = args.first(where: { !$0.hasPrefix("-") }),
               ["search", "kwic", "export", "trend", "entities", "saved"].contains(sub) {
                message += "; a query that starts with - goes after --, e.g. csto-reader \(sub) -- '-nato'"
            }
            fail(message, args: args)
            Foundation.exit(Exit.usage)
        }
    }

    /// One line on stderr: `csto-reader: what is wrong (see 'csto-reader SUB --help')`, starting
    /// lowercase.
    static func fail(_ message: String, args: [String]) {
        fflush(nil)
        // A message that already points somewhere keeps its pointer only.
        let pointer = message.contains("(see '") ? "" : " (see '\(CommandLineCheck.helpCommand(args))')"
        let text = CommandLineCheck.lowercasingFirst(message) + pointer
        FileHandle.standardError.write(Data("csto-reader: \(text)\n".utf8))
    }
}

/// Options every command takes: where the pages are, and JSON output.
struct CorpusOptions: ParsableArguments {
    @Argument(help: "Page files or folders (default: the built-in corpus).")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("An extra gazetteer file (TSV: kind, name, aliases) to extend the built-in one.", valueName: "file"))
    var gazetteer: String?

    @Flag(name: .customLong("no-cache"), help: "Read every page afresh, neither reading nor writing the cache.")
    var noCache = false

    /// The built-in gazetteer, extended by `--gazetteer` when given.
    func gazetteerInUse() throws -> Gazetteer {
        try gazetteerAndText().0
    }

    /// The gazetteer and the text of `--gazetteer` (part of the cache's key).
    func gazetteerAndText() throws -> (Gazetteer, String) {
        var g = Gazetteer.builtIn
        var text = ""
        if let path = gazetteer {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UserError(description: "cannot read gazetteer file: \(path)")
            }
            text = String(decoding: data, as: UTF8.self)
            let bad = g.add(tsv: text)
            if let first = bad.first {
                throw UserError(description: "\(path):\(first): not a gazetteer line (expected: kind<TAB>name<TAB>aliases)")
            }
        }
        return (g, text)
    }

    /// The cache of these paths (nil for the built-in corpus and under `--no-cache`).
    func store() throws -> CorpusStore? {
        guard !paths.isEmpty, !noCache else { return nil }
        let (g, text) = try gazetteerAndText()
        return CorpusStore(paths: paths, gazetteer: g, gazetteerText: text,
                           directory: CorpusStore.defaultDirectory(environment: ProcessInfo.processInfo.environment), log: timingLog)
    }

    /// `pages/`, `./pages` and `pages` are one folder: one spelling, so one cache and the same
    /// page names.
    static func normalized(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./"), p.count > 2 { p.removeFirst(2) }
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        return p
    }

    mutating func validate() throws {
        paths = paths.map(Self.normalized)
    }

    func load() throws -> Corpus {
        try open(needIndex: false).corpus
    }

    /// The search index, its articles read from the cache only as they are asked for when the
    /// cache is up to date.
    func openIndex() throws -> SearchIndex {
        if let store = try store() {
            do {
                if let (index, _, _) = try store.openForSearch() {
                    Retained.keep(index)
                    return index
                }
            } catch {
                throw UserError(description: error.description)
            }
        }
        let (c, index, _) = try open(needIndex: true)
        return try index ?? SearchIndex(articles: c.articles, gazetteer: gazetteerInUse(), log: timingLog)
    }

    /// The corpus, through the cache unless `--no-cache` (or the built-in corpus): its index too
    /// when `needIndex` (or when cached). A cache that needs writing is written when the command
    /// has printed its output.
    func open(needIndex: Bool) throws -> (corpus: Corpus, index: SearchIndex?, cache: CacheInfo) {
        let g = try gazetteerInUse()
        guard let store = try store() else {
            do {
                let c = try Corpus.load(paths: paths, extractor: EntityExtractor(gazetteer: g), log: timingLog)
                let index = needIndex ? SearchIndex(articles: c.articles, gazetteer: g, log: timingLog) : nil
                return (c, index, CacheInfo(status: .off, reason: paths.isEmpty ? "the built-in corpus" : "--no-cache"))
            } catch {
                throw UserError(description: error.description)
            }
        }
        do {
            let opened = try store.open(needIndex: needIndex)
            if let warning = opened.info.warning { warn(warning) }
            CacheWrite.later(store, opened)
            Retained.keep(opened)
            return (opened.corpus, opened.index, opened.info)
        } catch {
            throw UserError(description: error.description)
        }
    }
}

func printJSON(_ json: JSON) {
    print(json.render())
}
