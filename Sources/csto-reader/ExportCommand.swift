import ArgumentParser
import Corpus
import Foundation
import ReaderUI
import SearchIndex

/// `csto-reader export QUERY --format F [--out FILE]`: the results as a dossier, a table or
/// records for other tools, written article by article (memory stays flat).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the query's results as md (a dossier), csv, jsonl, csl-json (Zotero, pandoc) or opensearch-bulk (NDJSON for _bulk).",
        discussion: "QUERY LANGUAGE (case-insensitive)\n" + QueryParser.help
    )

    typealias Format = Export.Format

    @Argument(help: "The query (an empty query: every article).") var query: String = ""
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: ArgumentHelp("md, csv, jsonl, csl-json or opensearch-bulk (default: from the --out file's extension, .md .csv .jsonl .json, else jsonl).",
                               valueName: "format")) var format: String?
    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("The index name in opensearch-bulk actions.", valueName: "name")) var indexName: String = "csto-articles"

    func validate() throws {
        if let format, Format(rawValue: format) == nil {
            throw ValidationError("--format takes \(Format.allCases.map(\.rawValue).joined(separator: ", ")) (not '\(format)')")
        }
        if out?.isEmpty == true { throw ValidationError("--out takes a file's path (not an empty one)") }
    }

    /// The format asked, else the one the output file's name says, else jsonl.
    var chosen: Format { format.flatMap(Format.init) ?? out.flatMap(Format.guess) ?? .jsonl }

    /// Whether `out` can be written, told before the pages are read: a file's path (not empty,
    /// not a folder) in a folder that exists and can be written. `target` is where it goes (a
    /// link followed), `out` what the user gave, named in the message.
    static func checkWritable(_ out: String, target: String) throws {
        func refuse(_ why: String) -> UserError { UserError(description: "cannot write \(out): \(why)") }
        var isFolder: ObjCBool = false
        if target.hasSuffix("/") || FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) && isFolder.boolValue {
            throw refuse("it names a folder; give a file's path")
        }
        let folder = (target as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) else { throw refuse("no folder \(dir)") }
        guard isFolder.boolValue else { throw refuse("\(dir) is a file, not a folder") }
        guard access(dir, W_OK | X_OK) == 0 else { throw refuse("the folder \(dir) cannot be written") }
    }

    /// Where `out` writes: a symbolic link followed (to the end of a chain), so that the file
    /// it points to is replaced, not the link.
    static func followingLinks(_ out: String) -> String {
        var path = out
        for _ in 0..<32 {
            guard let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { break }
            path = dest.hasPrefix("/") ? dest : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(dest)
        }
        return path
    }

    func run() throws {
        let checked = try QueryRun.check(query, filters: filters, corpus: corpus, command: "export")
        let target = out.map(Self.followingLinks)
        if let out, let target { try Self.checkWritable(out, target: target) }
        let run = try QueryRun(checked, index: try corpus.openIndex())
        // No results: nothing written, and a file of that name left as it was.
        guard !run.matches.isEmpty else {
            FileHandle.standardError.write(Data("csto-reader: no article matches '\(run.label)': nothing written\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
        let count: Int
        do {
            // Into a file beside the target, renamed over it at the end: a failed export leaves
            // the old file whole.
            let temp = target.map { $0 + ".part-\(getpid())" }
            let writer = try ExportWriter(path: temp, shownAs: out)
            do {
                count = try Export.write(run.matches.members, of: { run.index.articles[$0] }, format: chosen, label: run.label,
                                         highlighter: Highlighter(run.query), state: run.state, indexName: indexName, to: writer)
                try writer.close()
            } catch {
                try? writer.close()
                if let temp { unlink(temp) }
                throw error
            }
            if let temp, let out, let target, rename(temp, target) != 0 {
                unlink(temp)
                throw ExportError(message: "cannot write \(out): \(String(cString: strerror(errno)))")
            }
        } catch let error as ExportError {
            throw UserError(description: error.message)
        }
        if let out { FileHandle.standardError.write(Data("\(count) article\(count == 1 ? "" : "s") written to \(out) (\(chosen.rawValue))\n".utf8)) }
    }
}
