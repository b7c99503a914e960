import ArgumentParser
import Corpus
import Foundation
import SearchIndex

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Exercises and meetings in date order, grouped by year and month, with their dates or spans."
    )

    @OptionGroup var corpus: CorpusOptions
    @Option(help: ArgumentHelp("Only exercises or only meetings.", valueName: "exercise|meeting")) var kind: String?
    @Option(help: "Only events of this year.") var year: Int?
    @Flag(help: "Print a JSON array of events.") var json = false

    func validate() throws {
        if let kind, !["exercise", "meeting"].contains(kind.lowercased()) {
            throw ValidationError("--kind takes exercise or meeting (not '\(kind)')")
        }
    }

    func run() throws {
        let c = try corpus.load()
        let kinds: Set<ArticleKind> = kind.map { [ArticleKind(rawValue: $0.lowercased())!] } ?? [.exercise, .meeting]
        let rows = Timeline.rows(c.articles, visible: Array(c.articles.indices), kinds: kinds, collapsed: false)
        var events: [(article: Article, span: DateSpan?)] = []
        for row in rows {
            guard case .event(let i, let span) = row else { continue }
            if let year, !(span.map { ($0.start.year...$0.end.year).contains(year) } ?? false) { continue }
            events.append((c.articles[i], span))
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
                // The id first, so a line can feed `show`.
                print("    \(e.article.id)  \(date)\(bar)\(e.article.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(e.article.title)\(place)")
            }
        }
        if events.isEmpty { throw QuietExit(code: Exit.noResults) }
    }
}
