import ArgumentParser
import Corpus
import Foundation
import SearchIndex
import TerminalCore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Exercises and meetings in date order, grouped by year and month, with their dates or spans."
    )

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Flag(help: "Print a JSON array of events.") var json = false

    func run() throws {
        // The options are query terms, as for `list` and `search`; `--kind` also chooses which
        // kinds the timeline shows (exercises and meetings by default).
        let articles: [Article]
        let visible: [Int]
        var label: String? = nil
        if filters.isEmpty {
            articles = try corpus.load().articles
            visible = Array(articles.indices)
        } else {
            let run = try QueryRun("", filters: filters, corpus: corpus, command: nil)
            articles = Array(run.index.articles)
            visible = run.matches.members
            label = run.label
        }
        let kinds: Set<ArticleKind> = filters.kind.isEmpty ? [.exercise, .meeting] : Set(filters.kind.compactMap { ArticleKind(rawValue: $0.lowercased()) })
        let rows = Timeline.rows(articles, visible: visible, kinds: kinds, collapsed: false)
        var events: [(article: Article, span: DateSpan?)] = []
        for row in rows {
            guard case .event(let i, let span) = row else { continue }
            events.append((articles[i], span))
        }
        if json {
            printJSON(.array(events.map { e in
                .object([
                    ("id", .string(e.article.id)),
                    ("title", .string(e.article.title)),
                    ("kind", .string(e.article.kind.rawValue)),
                    ("start", .optional(e.span?.start.description)),
                    ("end", .optional(e.span?.end.description)),
                    ("place", .optional(Timeline.place(e.article))),
                    ("exercises", .strings(e.article.exercises)),
                ])
            }))
        } else {
            let width = Terminal.width()
            var lastYear = -1, lastMonth = -1, undatedShown = false
            for e in events {
                if let s = e.span {
                    if s.start.year != lastYear {
                        print("\(s.start.year)")
                        lastYear = s.start.year
                        lastMonth = -1
                    }
                    if s.start.month != lastMonth {
                        print("  " + Timeline.monthNames[s.start.month - 1])
                        lastMonth = s.start.month
                    }
                } else if !undatedShown {
                    print("date unknown")
                    undatedShown = true
                }
                let date = (e.span.map(Timeline.label) ?? "undated").padding(toLength: 26, withPad: " ", startingAt: 0)
                let bar = e.span.map { Timeline.bar($0) + " " } ?? String(repeating: " ", count: 33)
                let place = Timeline.place(e.article).map { " · " + $0 } ?? ""
                // The id first, so a line can feed `show`; cut to a terminal's width, whole in a pipe.
                let head = "    \(e.article.id)  \(date)\(bar)\(e.article.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                let title = width.map { DisplayWidth.truncate(e.article.title, to: max(10, $0 - DisplayWidth.of(head) - DisplayWidth.of(place))) } ?? e.article.title
                print(head + title + place)
            }
        }
        if events.isEmpty {
            fflush(nil)
            let what = ArticleKind.allCases.filter(kinds.contains).map { $0.rawValue }.joined(separator: " or ")
            FileHandle.standardError.write(Data("csto-reader: no \(what) on the timeline\(label.map { " for '\($0)'" } ?? "")\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }
}
