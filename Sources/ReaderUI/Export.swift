import Corpus
import Foundation
import ReadingState
import SearchIndex

/// The export formats, shared by `csto-reader export` and the reader's `x`: each article is
/// turned into text on its own, so a writer can stream 100,000 of them with memory flat.
public enum Export {
    public enum Format: String, CaseIterable, Sendable {
        case md, csv, jsonl, cslJSON = "csl-json", opensearchBulk = "opensearch-bulk"

        /// The format a file name asks for (`.md`, `.csv`, `.jsonl`, `.json` for CSL).
        public static func guess(_ path: String) -> Format? {
            switch (path as NSString).pathExtension.lowercased() {
            case "md", "markdown": return .md
            case "csv": return .csv
            case "jsonl", "ndjson": return .jsonl
            case "json": return .cslJSON
            default: return nil
            }
        }
    }

    /// Writes the articles `docs` in a format through `write`, what the header says first.
    /// Returns how many were written.
    @discardableResult
    public static func write(_ docs: some Sequence<Int>, of articles: (Int) -> Article, format: Format, label: String,
                             highlighter: Highlighter, state: ReadingState, indexName: String = "csto-articles",
                             to sink: ExportWriter) throws -> Int {
        let write: (String) throws -> Void = sink.write(_:)
        var line = [UInt8]()
        var count = 0
        if format == .csv { try write("id,date,kind,title,organizations,countries,people,exercises,tags,note,sources\r\n") }
        if format == .cslJSON { try write("[\n") }
        if format == .md { try write("# Articles for: \(label)\n\n") }
        for d in docs {
            let a = articles(d)
            switch format {
            case .jsonl:
                // As bytes: no String made of each line (an export may be half a gigabyte).
                line.removeAll(keepingCapacity: true)
                a.compactJSON(into: &line)
                line.append(0x0A)
                try sink.write(bytes: line)
            case .csv: try write(csvRow(a, state: state) + "\r\n")
            case .cslJSON: try write((count > 0 ? ",\n" : "") + "  " + csl(a).render(indent: 1))
            case .opensearchBulk:
                try write(JSON.object([("index", .object([("_index", .string(indexName)), ("_id", .string(a.id))]))]).renderCompact() + "\n")
                try write(document(a).renderCompact() + "\n")
            case .md: try write(markdown(a, highlighter: highlighter, state: state))
            }
            count += 1
        }
        if format == .cslJSON { try write((count > 0 ? "\n" : "") + "]\n") }
        return count
    }

    /// RFC 4180: fields with a comma, quote or line break in quotes, quotes doubled.
    public static func csvRow(_ a: Article, state: ReadingState = ReadingState()) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return [a.id, a.displayDate?.description ?? "", a.kind.rawValue, a.title, a.organizations.joined(separator: "; "),
                a.countries.joined(separator: "; "), a.people.joined(separator: "; "), a.exercises.joined(separator: "; "),
                (state.tags[a.id] ?? []).sorted().joined(separator: "; "), state.notes[a.id] ?? "",
                a.sources.map { "\($0.file):\($0.line)" }.joined(separator: "; ")].map(field).joined(separator: ",")
    }

    /// A CSL-JSON item (as Zotero and pandoc read them).
    public static func csl(_ a: Article) -> JSON {
        var fields: [(String, JSON)] = [("id", .string(a.id)), ("type", .string("article")), ("title", .string(a.title))]
        // The byline as the author, whole (a name as the page writes it, not split into parts).
        if let byline = a.byline { fields.append(("author", .array([.object([("literal", .string(byline))])]))) }
        if let d = a.displayDate { fields.append(("issued", .object([("date-parts", .array([.array([.number(d.year), .number(d.month), .number(d.day)])]))]))) }
        fields.append(("publisher", .string("CSTO")))
        fields.append(("container-title", .string("Collective Security Treaty Organization: news")))
        fields.append(("note", .string("Sources: " + a.sources.map { "\($0.file):\($0.line)" }.joined(separator: ", "))))
        return .object(fields)
    }

    /// The document of an opensearch-bulk pair (see the README for its mapping).
    public static func document(_ a: Article) -> JSON {
        .object([
            ("id", .string(a.id)), ("title", .string(a.title)), ("kind", .string(a.kind.rawValue)),
            ("date", .optional(a.displayDate?.description)), ("published", .optional(a.published?.description)),
            ("organizations", .strings(a.organizations)), ("countries", .strings(a.countries)), ("people", .strings(a.people)),
            ("exercises", .strings(a.exercises)), ("full", .bool(a.full)),
            ("alternate_titles", .strings(a.alternateTitles)), ("byline", .optional(a.byline)),
            ("text", .string(a.paragraphs.joined(separator: "\n\n"))),
            ("sources", .strings(a.sources.map { "\($0.file):\($0.line)" })),
        ])
    }

    /// A dossier entry: heading, facts, the matched passages with the words in bold, sources.
    public static func markdown(_ a: Article, highlighter: Highlighter, state: ReadingState = ReadingState()) -> String {
        var out = "## \(a.title)\n\n"
        out += "- **Date:** \(a.displayDate?.description ?? "undated")\n- **Kind:** \(a.kind.rawValue)\n- **Id:** `\(a.id)`\n"
        if let byline = a.byline { out += "- **By:** \(byline)\n" }
        if !a.organizations.isEmpty { out += "- **Organizations:** \(a.organizations.joined(separator: ", "))\n" }
        if let tags = state.tags[a.id], !tags.isEmpty { out += "- **Tags:** \(tags.sorted().joined(separator: ", "))\n" }
        out += "\n"
        // The paragraphs that match; else the other titles or the byline that do (they are
        // searched too: an article may be found by them alone); else the lead.
        let matching = { (texts: [String]) in texts.filter { !highlighter.ranges(in: $0).isEmpty } }
        var passages = matching(a.paragraphs)
        if passages.isEmpty { passages = matching(a.otherTexts) }
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
        if let note = state.notes[a.id] {
            out += "**Note:** " + note + "\n\n"
        }
        out += "Sources: " + a.sources.map { "`\($0.file):\($0.line)` (\($0.role.rawValue))" }.joined(separator: ", ") + "\n\n"
        return out
    }
}

/// A file that cannot be written, said in one line.
public struct ExportError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// Writes to a file or standard output in 64 KB blocks; a path that cannot be written is one line.
public final class ExportWriter {
    private let handle: FileHandle
    private var buffer = Data()
    /// The file's name in errors (nil: standard output).
    private let shown: String?

    /// `shownAs`: the path the user gave, named in errors when `path` is a file written beside it.
    public init(path: String?, shownAs: String? = nil) throws {
        shown = path.map { shownAs ?? $0 }
        guard let path else { handle = FileHandle.standardOutput; return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw ExportError(message: "cannot write \(shownAs ?? path): check that its folder exists and can be written")
        }
        handle = h
    }

    public func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 65_536 { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 65_536 { try flush() }
    }

    public func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw ExportError(message: "cannot write \(shown ?? "the output"): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        if shown != nil { try? handle.close() }
    }
}
