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
                      ExplainCommand.self, IndexCommand.self, MarkCommand.self,
                      StateStressCommand.self],
        defaultSubcommand: ReadCommand.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            CacheWrite.finish()
            // The corpus is still held (`Retained`): the process ends without taking it apart.
            fflush(nil)
            Foundation.exit(0)
        } catch let error as UserError {
            FileHandle.standardError.write(Data("csto-reader: \(error.description)\n".utf8))
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
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandle.standardError.write(Data("csto-reader: \(message) (see 'csto-reader --help')\n".utf8))
            Foundation.exit(Exit.usage)
        }
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
        return CorpusStore(paths: paths, gazetteer: g, gazetteerText: text)
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
        return try index ?? SearchIndex(articles: c.articles, gazetteer: gazetteerInUse())
    }

    /// The corpus, through the cache unless `--no-cache` (or the built-in corpus): its index too
    /// when `needIndex` (or when cached). A cache that needs writing is written when the command
    /// has printed its output.
    func open(needIndex: Bool) throws -> (corpus: Corpus, index: SearchIndex?, cache: CacheInfo) {
        let g = try gazetteerInUse()
        guard let store = try store() else {
            do {
                let c = try Corpus.load(paths: paths, extractor: EntityExtractor(gazetteer: g))
                let index = needIndex ? SearchIndex(articles: c.articles, gazetteer: g) : nil
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

struct FilterOptions: ParsableArguments {
    @Option(help: "Only articles of this year (published or event).")
    var year: Int?

    @Option(help: ArgumentHelp("Only articles that mention this organization (name or acronym, e.g. UN, CSTO).", valueName: "name"))
    var org: String?

    @Option(help: ArgumentHelp("Only articles of this kind: \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: String?

    func validate() throws {
        if let kind, ArticleKind(rawValue: kind.lowercased()) == nil {
            throw ValidationError("unknown kind '\(kind)': use one of \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let year, !(1...9999).contains(year) {
            throw ValidationError("--year takes a year such as 2024")
        }
    }

    func apply(_ articles: [Article], gazetteer: Gazetteer) -> [Article] {
        var result = articles
        if let year {
            result = result.filter { a in
                if a.published?.year == year { return true }
                if let e = a.event, (e.start.year...e.end.year).contains(year) { return true }
                return false
            }
        }
        if let org {
            let names = Set(gazetteer.names(matching: org, kind: .org).map { $0.lowercased() } + [org.lowercased()])
            result = result.filter { a in a.organizations.contains { names.contains($0.lowercased()) } }
        }
        if let kind, let k = ArticleKind(rawValue: kind.lowercased()) {
            result = result.filter { $0.kind == k }
        }
        return result
    }
}

func printJSON(_ json: JSON) {
    print(json.render())
}
