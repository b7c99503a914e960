import ArgumentParser
import Corpus
import Foundation
import SearchIndex

/// `csto-reader export QUERY --format F [--out FILE]`: the results as a dossier, a table or
/// records for other tools, written article by article (memory stays flat).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the query's results as md (a dossier), csv, jsonl, csl-json (Zotero, pandoc) or opensearch-bulk (NDJSON for _bulk).",
        discussion: "QUERY LANGUAGE (case-insensitive)\n" + QueryParser.help
    )

    enum Format: String, CaseIterable { case md, csv, jsonl, cslJSON = "csl-json", opensearchBulk = "opensearch-bulk" }

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
        let writer = try ExportWriter(path: out)
        let highlighter = Highlighter(run.query)
        let fmt = Format(rawValue: format)!
        var count = 0
        if fmt == .csv { try writer.write("id,date,kind,title,organizations,countries,people,exercises,sources\r\n") }
        if fmt == .cslJSON { try writer.write("[\n") }
        if fmt == .md {
            try writer.write("# Articles for: \(run.label)\n\n")
        }
        for d in run.matches.members {
            let a = run.index.articles[d]
            switch fmt {
            case .jsonl: try writer.write(a.json.renderCompact() + "\n")
            case .csv: try writer.write(Self.csvRow(a) + "\r\n")
            case .cslJSON: try writer.write((count > 0 ? ",\n" : "") + "  " + Self.csl(a).render(indent: 1))
            case .opensearchBulk:
                try writer.write(JSON.object([("index", .object([("_index", .string(indexName)), ("_id", .string(a.id))]))]).renderCompact() + "\n")
                try writer.write(Self.document(a).renderCompact() + "\n")
            case .md: try writer.write(Self.markdown(a, highlighter: highlighter))
            }
            count += 1
        }
        if fmt == .cslJSON { try writer.write((count > 0 ? "\n" : "") + "]\n") }
        try writer.close()
        if out != nil { FileHandle.standardError.write(Data("\(count) article\(count == 1 ? "" : "s") written to \(out!)\n".utf8)) }
        if count == 0 { throw QuietExit(code: Exit.noResults) }
    }

    /// RFC 4180: fields with a comma, quote or line break in quotes, quotes doubled.
    static func csvRow(_ a: Article) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return [a.id, a.displayDate?.description ?? "", a.kind.rawValue, a.title, a.organizations.joined(separator: "; "),
                a.countries.joined(separator: "; "), a.people.joined(separator: "; "), a.exercises.joined(separator: "; "),
                a.sources.map { "\($0.file):\($0.line)" }.joined(separator: "; ")].map(field).joined(separator: ",")
    }

    /// A CSL-JSON item (as Zotero and pandoc read them).
    static func csl(_ a: Article) -> JSON {
        var fields: [(String, JSON)] = [("id", .string(a.id)), ("type", .string("article")), ("title", .string(a.title))]
        if let d = a.displayDate { fields.append(("issued", .object([("date-parts", .array([.array([.number(d.year), .number(d.month), .number(d.day)])]))]))) }
        fields.append(("publisher", .string("CSTO")))
        fields.append(("container-title", .string("Collective Security Treaty Organization: news")))
        fields.append(("note", .string("Sources: " + a.sources.map { "\($0.file):\($0.line)" }.joined(separator: ", "))))
        return .object(fields)
    }

    /// The document of an opensearch-bulk pair (see the README for its mapping).
    static func document(_ a: Article) -> JSON {
        .object([
            ("id", .string(a.id)), ("title", .string(a.title)), ("kind", .string(a.kind.rawValue)),
            ("date", .optional(a.displayDate?.description)), ("published", .optional(a.published?.description)),
            ("organizations", .strings(a.organizations)), ("countries", .strings(a.countries)), ("people", .strings(a.people)),
            ("exercises", .strings(a.exercises)), ("full", .bool(a.full)),
            ("text", .string(a.paragraphs.joined(separator: "\n\n"))),
            ("sources", .strings(a.sources.map { "\($0.file):\($0.line)" })),
        ])
    }

    /// A dossier entry: heading, facts, the matched passages with the words in bold, sources.
    static func markdown(_ a: Article, highlighter: Highlighter) -> String {
        var out = "## \(a.title)\n\n"
        out += "- **Date:** \(a.displayDate?.description ?? "undated")\n- **Kind:** \(a.kind.rawValue)\n- **Id:** `\(a.id)`\n"
        if !a.organizations.isEmpty { out += "- **Organizations:** \(a.organizations.joined(separator: ", "))\n" }
        out += "\n"
        let passages = a.paragraphs.filter { !highlighter.ranges(in: $0).isEmpty }
        for p in (passages.isEmpty ? Array(a.paragraphs.prefix(1)) : passages) {
            let u = Array(p.utf8)
            var text = ""
            var at = 0
            for r in highlighter.ranges(in: p) where r.lowerBound >= at {
                text += String(decoding: u[at..<r.lowerBound], as: UTF8.self) + "**" + String(decoding: u[r], as: UTF8.self) + "**"
                at = r.upperBound
            }
            text += String(decoding: u[at...], as: UTF8.self)
            out += "> " + text + "\n\n"
        }
        out += "Sources: " + a.sources.map { "`\($0.file):\($0.line)` (\($0.role.rawValue))" }.joined(separator: ", ") + "\n\n"
        return out
    }
}

/// Writes to a file or standard output in 64 KB blocks; a path that cannot be written is one line.
final class ExportWriter {
    private let handle: FileHandle
    private var buffer = Data()
    private let path: String?

    init(path: String?) throws {
        self.path = path
        guard let path else { handle = FileHandle.standardOutput; return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw UserError(description: "cannot write \(path): check that its folder exists and can be written")
        }
        handle = h
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 65_536 { try flush() }
    }

    func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw UserError(description: "cannot write \(path ?? "the output"): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if path != nil { try? handle.close() }
    }
}
