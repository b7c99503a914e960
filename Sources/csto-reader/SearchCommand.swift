import ArgumentParser
import Corpus
import Foundation
import ReadingState
import SearchIndex
import TerminalCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Ranked full-text search with the query language below.",
        discussion: "QUERY LANGUAGE (case-insensitive)\n" + QueryParser.help
    )

    @Argument(help: "The query, e.g. 'afgh', '\"strategic command\" year:2024', 'org:UNRCCA' (may come from --saved instead).")
    var query: String = ""

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: "At most this many results.") var limit: Int = 20
    @Flag(help: "Print one JSON object: results with highlight ranges, and the facets of the whole result set.")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit takes a positive number of results (not \(limit))") }
    }

    func run() throws {
        // --year, --org, --kind and --saved are query terms too; is:read, is:unread and is:starred
        // use the marks made in the reader. Checked before the pages are read.
        let checked = try QueryRun.check(query, filters: filters, corpus: corpus, command: "search")
        let index = try corpus.openIndex()
        let searcher = Searcher(index)
        let docMarks = CLIState.docMarks(index, checked.state)
        if let error = NameCheck.unknownOrganization(in: checked.full, index: index) { throw UserError(description: error.message) }
        let response = searcher.search(checked.query, limit: limit, marks: docMarks)
        let marker = Highlighter(response.query)
        if json {
            printJSON(Self.json(response, index: index, highlighter: marker))
        } else {
            // Titles are cut to the terminal's width; in a pipe they are whole.
            let tty = Terminal.width() != nil
            let width = Terminal.width() ?? 100
            for hit in response.hits {
                let a = index.articles[hit.doc]
                let date = a.displayDate?.description ?? "undated   "
                let kind = a.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                let head = "\(a.id)  \(date)  \(kind)  "
                let title = tty ? DisplayWidth.truncate(a.title, to: max(10, width - DisplayWidth.of(head))) : a.title
                print(head + Self.mark(title, marker.ranges(in: title), tty: tty))
                let snip = marker.snippet(a)
                let lines = WordWrap.wrap(snip.text, width: max(20, width - 4))
                // Mark matches line by line, with the wrapped lines around each (a phrase cut by
                // the wrap is marked on both).
                let shown = Array(lines.prefix(3))
                for (i, line) in shown.enumerated() {
                    let ranges = marker.ranges(inLine: line, before: Array(shown[..<i].suffix(2)), after: Array(shown[(i + 1)...].prefix(2)))
                    print("    " + Self.mark(line, ranges, tty: tty))
                }
            }
            // The count on a line of its own, after everything printed above it.
            if response.total > 0 {
                fflush(nil)
                FileHandle.standardError.write(Data("\(response.hits.count) of \(response.total) result\(response.total == 1 ? "" : "s")\n".utf8))
            }
        }
        if response.total == 0 {
            // Said as `list` says it: standard output holds nothing, or the empty answer under --json.
            fflush(nil)
            let label = checked.full.isEmpty ? "all articles" : checked.full
            FileHandle.standardError.write(Data("csto-reader: no article matches '\(label)'\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }

    /// Bold and underline on a terminal; `[`…`]` around matches elsewhere would corrupt scripts, so plain.
    static func mark(_ text: String, _ ranges: [Range<Int>], tty: Bool) -> String {
        guard tty, !ranges.isEmpty else { return text }
        let u = Array(text.utf8)
        var out: [UInt8] = []
        var at = 0
        for r in ranges where r.lowerBound >= at && r.upperBound <= u.count {
            out += u[at..<r.lowerBound]
            out += Array("\u{1B}[1;4m".utf8) + u[r] + Array("\u{1B}[0m".utf8)
            at = r.upperBound
        }
        out += u[at...]
        return String(decoding: out, as: UTF8.self)
    }

    static func json(_ r: SearchResponse, index: SearchIndex, highlighter: Highlighter) -> JSON {
        func ranges(_ text: String, _ rs: [Range<Int>]) -> JSON {
            .array(rs.map { let (a, b) = text.scalarOffsets($0); return .array([.number(a), .number(b)]) })
        }
        let results: [JSON] = r.hits.map { hit in
            let a = index.articles[hit.doc]
            let snip = highlighter.snippet(a)
            var paragraphs: [JSON] = []
            for (i, p) in a.paragraphs.enumerated() {
                let rs = highlighter.ranges(in: p)
                if !rs.isEmpty { paragraphs.append(.object([("index", .number(i)), ("ranges", ranges(p, rs))])) }
            }
            // Other titles and the byline are searched too: a result may be found by them.
            let others = a.alternateTitles
            var otherRanges: [JSON] = []
            for (i, t) in others.enumerated() {
                let rs = highlighter.ranges(in: t)
                if !rs.isEmpty { otherRanges.append(.object([("index", .number(i)), ("ranges", ranges(t, rs))])) }
            }
            return .object([
                ("id", .string(a.id)),
                ("title", .string(a.title)),
                ("alternate_titles", .strings(others)),
                ("byline", .optional(a.byline)),
                ("kind", .string(a.kind.rawValue)),
                ("published", .optional(a.published?.description)),
                ("event", a.event.map { .object([("start", .string($0.start.description)), ("end", .string($0.end.description))]) } ?? .null),
                ("score", .double((Double(hit.score) * 1000).rounded() / 1000)),
                ("snippet", .string(snip.text)),
                ("highlights", .object([
                    ("title", ranges(a.title, highlighter.ranges(in: a.title))),
                    ("snippet", ranges(snip.text, snip.ranges)),
                    ("paragraphs", .array(paragraphs)),
                    ("alternate_titles", .array(otherRanges)),
                    ("byline", a.byline.map { ranges($0, highlighter.ranges(in: $0)) } ?? .array([])),
                ])),
            ])
        }
        let facets: [(String, JSON)] = Facet.searched.map { f in
            (f.rawValue, .array((r.facets[f] ?? []).map { .object([("value", .string($0.value)), ("count", .number($0.count))]) }))
        }
        return .object([
            ("query", .string(r.query.text)),
            ("total", .number(r.total)),
            ("results", .array(results)),
            ("facets", .object(facets)),
        ])
    }
}
