import ArgumentParser
import Corpus
import Foundation
import SearchIndex
import TerminalCore

/// `csto-reader kwic QUERY`: keyword in context, one occurrence a line, the keyword aligned.
struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Keyword in context: every occurrence of the query's words in its results, one a line, the keyword in one column.",
        discussion: "QUERY LANGUAGE (case-insensitive)\n" + QueryParser.help
    )

    @Argument(help: "The query, e.g. 'afghanistan' or 'kyrgyz year:2018', its last word a prefix (or from --saved).") var query: String = ""
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: "Characters of context on each side.") var width: Int = 40
    @Option(help: ArgumentHelp("Order: date (newest first), left or right (by the words beside the keyword).", valueName: "date|left|right"))
    var sort: String = "date"
    @Option(help: "At most this many lines.") var limit: Int = 1000
    @Flag(help: "Print a JSON array of occurrences.") var json = false

    func validate() throws {
        guard (1...500).contains(width) else { throw ValidationError("--width takes 1 to 500 characters (not \(width))") }
        guard limit > 0 else { throw ValidationError("--limit takes a positive number of lines (not \(limit))") }
        guard Concordance.Order(rawValue: sort) != nil else { throw ValidationError("--sort takes date, left or right (not '\(sort)')") }
    }

    /// Where a line's keyword is, for JSON: title, paragraph, alternate_title (its index in
    /// `alternate_title`, from 0, as in the article's `alternate_titles`) or byline.
    static func placeName(_ l: ConcordanceLine) -> String {
        switch l.place {
        case .text: l.paragraph < 0 ? "title" : "paragraph"
        case .otherTitle: "alternate_title"
        case .byline: "byline"
        }
    }

    func run() throws {
        let checked = try QueryRun.check(query, filters: filters, corpus: corpus, command: "kwic")
        let highlighter = Highlighter(checked.query)
        guard !highlighter.isEmpty else {
            // (Filters, excluded words or nothing at all: none of them is shown in context.)
            let what = checked.query.clauses.isEmpty ? "no words" : "no words to show in context (only filters or excluded words)"
            throw UserError(description: "the query has \(what): add a word")
        }
        let run = try QueryRun(checked, index: try corpus.openIndex())
        let index = run.index
        // Every matching article, newest first (the articles' order).
        let matches = run.matches.members
        // One line more than shown: whether --limit cut the lines.
        var lines = Concordance.lines(matches, in: { index.articles[$0] }, highlighter: highlighter, context: width, limit: min(limit, Int.max - 1) + 1)
        let cut = lines.count > limit
        lines = Array(lines.prefix(limit))
        lines = Concordance.sorted(lines, by: Concordance.Order(rawValue: sort)!)
        if json {
            printJSON(.array(lines.map { l in
                let a = index.articles[l.article]
                return .object([
                    ("id", .string(a.id)),
                    ("date", .optional(a.displayDate?.description)),
                    ("paragraph", l.paragraph < 0 ? .null : .number(l.paragraph)),
                    ("in", .string(Self.placeName(l))),
                    ("alternate_title", l.otherTitle.map { .number($0) } ?? .null),
                    ("offset", .number(l.offset)),
                    ("left", .string(l.left)),
                    ("keyword", .string(l.keyword)),
                    ("right", .string(l.right)),
                ])
            }))
        } else {
            // The keyword column: the left contexts right-aligned to the widest.
            let leftWidth = lines.map { DisplayWidth.of($0.left) }.max() ?? 0
            for l in lines {
                let a = index.articles[l.article]
                let date = a.displayDate?.description ?? "undated   "
                let pad = String(repeating: " ", count: leftWidth - DisplayWidth.of(l.left))
                print("\(a.id)  \(date)  \(pad)\(l.left)[\(l.keyword)]\(l.right)")
            }
        }
        if cut {
            fflush(nil)
            FileHandle.standardError.write(Data("the first \(limit) lines (--limit \(limit)); --limit N shows more\n".utf8))
        }
        if lines.isEmpty {
            FileHandle.standardError.write(Data("no occurrence in \(run.matches.cardinality) article\(run.matches.cardinality == 1 ? "" : "s")\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }
}
