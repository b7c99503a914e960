import ArgumentParser
import Corpus
import CorpusCache
import Foundation
import ReadingState
import SearchIndex
import TerminalCore

extension Article {
    /// The article's JSON with its marks from the reader (read, starred, reading position).
    func json(marks: ReadingState) -> JSON {
        guard case .object(var fields) = json else { return json }
        fields.append(("read", .bool(marks.read.contains(id))))
        fields.append(("starred", .bool(marks.starred.contains(id))))
        fields.append(("position", marks.session?.positions[id].map { .double(($0 * 1000).rounded() / 1000) } ?? .null))
        return .object(fields)
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "One line per article (id, date, kind, title), newest first, undated last."
    )

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Flag(help: "Print a JSON array of articles.") var json = false

    func run() throws {
        let articles: [Article]
        var label: String? = nil
        if filters.isEmpty {
            articles = try corpus.load().articles
        } else {
            // The options are query terms: the same filter as the reader's panel and `search`.
            let run = try QueryRun("", filters: filters, corpus: corpus, command: nil)
            articles = run.matches.members.map { run.index.articles[$0] }
            label = run.label
        }
        if json {
            let (marks, _) = CLIState.load()
            printJSON(.array(articles.map { $0.json(marks: marks) }))
        } else {
            let width = Terminal.width()
            for a in articles {
                let date = a.displayDate?.description ?? "undated   "
                let kind = a.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                let mark = a.full ? " " : "~"
                let head = "\(a.id)  \(date)  \(kind) \(mark) "
                let title = width.map { DisplayWidth.truncate(a.title, to: max(10, $0 - DisplayWidth.of(head))) } ?? a.title
                print(head + title)
            }
        }
        if articles.isEmpty {
            // (Said on standard error: standard output stays empty, or `[]`, for scripts.)
            fflush(nil)
            FileHandle.standardError.write(Data("csto-reader: \(label.map { "no article matches '\($0)'" } ?? "no article in these pages")\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The whole article, wrapped to the terminal width."
    )

    @Argument(help: "The article's id (or a unique prefix of it), as `list` prints it.")
    var id: String

    @OptionGroup var corpus: CorpusOptions
    @Flag(help: "Print the article as a JSON object.") var json = false

    func run() throws {
        guard !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw UserError(description: "give an article's id, or the start of one (see 'csto-reader list')")
        }
        let c = try corpus.load()
        let matches = c.articles.filter { $0.id.hasPrefix(id.lowercased()) }
        guard let article = c.article(id: id) else {
            if matches.count > 1 {
                throw UserError(description: "'\(id)' matches \(matches.count) articles: give more of the id")
            }
            throw UserError(description: "no article with id '\(id)' (see 'csto-reader list')", code: Exit.noResults)
        }
        if json {
            printJSON(article.json(marks: CLIState.load().0))
            return
        }
        let width = min(Terminal.width() ?? 80, 100)
        print(ArticleText.render(article, width: width))
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Pages read, blocks, articles, merged duplicates, undated articles, warnings and unplaced paragraphs."
    )

    @OptionGroup var corpus: CorpusOptions
    @Flag(help: "Print the figures as a JSON object.") var json = false

    func run() throws {
        let (c, _, cache) = try corpus.open(needIndex: false)
        let s = c.stats
        if json {
            guard case .object(var fields) = s.json else { return }
            // What the text says too: full articles and teasers, and the kinds.
            let full = c.articles.filter(\.full).count
            fields.append(("articles_full", .number(full)))
            fields.append(("articles_teaser_only", .number(c.articles.count - full)))
            fields.append(("kinds", .object(ArticleKind.allCases.map { k in (k.rawValue, .number(c.articles.filter { $0.kind == k }.count)) })))
            let r = cache.summary
            fields.append(("cache", .object([
                ("status", .string(cache.status.rawValue)),
                ("file", .optional(cache.file)),
                ("reason", .optional(cache.reason)),
                ("pages_added", .number(r.added)),
                ("pages_changed", .number(r.changed)),
                ("pages_removed", .number(r.removed)),
                ("pages_reread", .number(r.reread)),
                ("pages_parsed", .number(r.parsed)),
                ("articles_analysed", .number(cache.status == .hit ? 0 : r.reanalysed)),
                ("seconds", .double((cache.seconds * 1000).rounded() / 1000)),
            ])))
            printJSON(.object(fields))
            return
        }
        print("corpus:     \(c.origin)")
        print("pages:      \(s.pages) (\(s.bytes) bytes)")
        print("blocks:     \(s.blocks)")
        print("articles:   \(s.articles) (\(c.articles.filter(\.full).count) full, \(c.articles.filter { !$0.full }.count) teaser only)")
        print("merged:     \(s.merged)")
        print("undated:    \(s.undated)")
        var kinds: [String] = []
        for k in ArticleKind.allCases {
            let n = c.articles.filter { $0.kind == k }.count
            if n > 0 { kinds.append("\(k.rawValue) \(n)") }
        }
        print("kinds:      \(kinds.joined(separator: ", "))")
        print("unplaced:   \(s.unplaced.count)")
        for u in s.unplaced.prefix(50) { print("  \(u.file):\(u.line): \(DisplayWidth.truncate(u.text, to: 100))") }
        if s.unplaced.count > 50 { print("  ... and \(s.unplaced.count - 50) more (see --json)") }
        print("close calls: \(s.lowConfidence.count) page\(s.lowConfidence.count == 1 ? "" : "s") where the main article was a close call (see 'csto-reader explain FILE')")
        for p in s.lowConfidence.prefix(20) {
            print("  \(p.file): confidence \(String(format: "%.2f", p.confidence)): \(p.decision)")
        }
        if s.lowConfidence.count > 20 { print("  ... and \(s.lowConfidence.count - 20) more (see --json)") }
        print("warnings:   \(s.warnings.count)")
        for w in s.warnings.prefix(50) { print("  \(w.file)\(w.line.map { ":\($0)" } ?? ""): \(w.message)") }
        if s.warnings.count > 50 { print("  ... and \(s.warnings.count - 50) more (see --json)") }
        if !s.ignoredFiles.isEmpty {
            print("ignored:    \(s.ignoredFiles.count) file(s) that are not *.txt pages")
            for f in s.ignoredFiles.prefix(20) { print("  \(f)") }
            if s.ignoredFiles.count > 20 { print("  ... and \(s.ignoredFiles.count - 20) more (see --json)") }
        }
        if !s.skippedFiles.isEmpty {
            print("skipped:    \(s.skippedFiles.count) file(s) that could not be used (see warnings)")
        }
        switch cache.status {
        case .hit: print("cache:      up to date, nothing read (\(cache.file ?? ""))")
        case .refreshed:
            let r = cache.summary
            print("cache:      refreshed: +\(r.added) added, \(r.changed) changed, \(r.removed) removed, \(r.reread) page(s) read (\(cache.file ?? ""))")
        case .rebuilt: print("cache:      every page read (\(cache.reason ?? "no cache")); written to \(cache.file ?? "")")
        case .off: print("cache:      not used (\(cache.reason ?? "off"))")
        }
    }
}

/// The plain-text view of one article, as `show` prints it.
enum ArticleText {
    static func render(_ a: Article, width: Int) -> String {
        var out: [String] = []
        out += WordWrap.wrap(a.title, width: width)
        out.append(String(repeating: "=", count: min(width, DisplayWidth.of(a.title))))
        func field(_ name: String, _ value: String) {
            guard !value.isEmpty else { return }
            let label = name.padding(toLength: 15, withPad: " ", startingAt: 0)
            let lines = WordWrap.wrap(value, width: max(10, width - 15))
            out.append(label + lines[0])
            for l in lines.dropFirst() { out.append(String(repeating: " ", count: 15) + l) }
        }
        field("id", a.id)
        for t in a.alternateTitles { field("also titled", t) }
        field("by", a.byline ?? "")
        field("published", a.published?.description ?? "unknown")
        field("time stamp", a.timestamp ?? "")
        if let e = a.event {
            field("event", e.start == e.end ? e.start.description : "\(e.start) to \(e.end)")
        }
        field("kind", a.kind.rawValue + (a.full ? "" : " (teaser only)"))
        field("organizations", a.organizations.joined(separator: ", "))
        field("people", a.people.joined(separator: ", "))
        field("countries", a.countries.joined(separator: ", "))
        field("exercises", a.exercises.joined(separator: ", "))
        field("sources", a.sources.map { "\($0.file):\($0.line) (\($0.role.rawValue))" }.joined(separator: ", "))
        out.append("")
        // An interview's answers indented under their questions, as the pager sets them apart.
        let questions = a.qa.isEmpty ? [] : Set(InterviewParser.questionParagraphs(a.paragraphs))
        var inAnswer = false
        for (index, p) in a.paragraphs.enumerated() {
            if questions.contains(index) {
                inAnswer = true
                out += WordWrap.wrap(p, width: width)
            } else if inAnswer {
                out += WordWrap.wrap(p, width: max(1, width - 2)).map { "  " + $0 }
            } else {
                out += WordWrap.wrap(p, width: width)
            }
            out.append("")
        }
        if !a.contacts.isEmpty {
            out.append("Contacts:")
            for c in a.contacts { out += WordWrap.wrap(c, width: width - 2).map { "  " + $0 } }
            out.append("")
        }
        if !a.media.isEmpty {
            out.append("Media:")
            for m in a.media { out += WordWrap.wrap(m, width: width - 2).map { "  " + $0 } }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }
}

enum Terminal {
    /// The width of the terminal on stdout, or nil when stdout is not a terminal.
    static func width() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 { return n }
        return 80
    }
}
