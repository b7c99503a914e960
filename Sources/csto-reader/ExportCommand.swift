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
    @Option(help: ArgumentHelp("md, csv, jsonl, csl-json or opensearch-bulk.", valueName: "format")) var format: String = "jsonl"
    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("The index name in opensearch-bulk actions.", valueName: "name")) var indexName: String = "csto-articles"

    func validate() throws {
        guard Format(rawValue: format) != nil else {
            throw ValidationError("--format takes \(Format.allCases.map(\.rawValue).joined(separator: ", ")) (not '\(format)')")
        }
    }

    func run() throws {
        let run = try QueryRun(query, filters: filters, corpus: corpus)
        let count: Int
        do {
            let writer = try ExportWriter(path: out)
            count = try Export.write(run.matches.members, of: { run.index.articles[$0] }, format: Format(rawValue: format)!, label: run.label,
                                     highlighter: Highlighter(run.query), state: run.state, indexName: indexName, to: writer)
            try writer.close()
        } catch let error as ExportError {
            throw UserError(description: error.message)
        }
        if out != nil { FileHandle.standardError.write(Data("\(count) article\(count == 1 ? "" : "s") written to \(out!)\n".utf8)) }
        if count == 0 { throw QuietExit(code: Exit.noResults) }
    }
}
