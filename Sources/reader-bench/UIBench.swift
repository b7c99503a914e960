import ArgumentParser
import Corpus
import Foundation
import ReaderUI
import SearchIndex
import TerminalCore

struct UIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Frame render + diff time, and per-keystroke update + render + diff while scrolling and paging."
    )

    @Option(help: "Articles in the list to scroll.") var articles: Int = 100_000
    @Option(help: "Terminal width.") var width: Int = 200
    @Option(help: "Terminal height.") var height: Int = 60
    @Option(help: "Keystrokes per scenario.") var keys: Int = 2000
    @Option(help: "Generated pages for the search-and-filter scenario.") var searchPages: Int = 100_000
    @Option(help: "A folder of pages for that scenario instead.") var corpus: String?
    @Option(help: "The query typed letter by letter.") var query: String = "afghanista"
    @Option(name: .customLong("list-width"), help: "The list's share of the width side by side, in percent (as the config's layout).")
    var listWidth: Int = Layout().listPercent
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        // The first frame on the built-in corpus, as the reader draws it at launch.
        let t0 = now()
        let builtIn = Corpus.builtIn(log: timingLog)
        var first = AppState(articles: builtIn.articles, origin: builtIn.origin, width: width, height: height, layout: Layout(listPercent: listWidth))
        update(&first, .resize(width: width, height: height))
        _ = render(first, theme: .color).diff(from: nil)
        let firstFrame = seconds(since: t0) * 1000

        // A long list of articles.
        let many = Self.syntheticArticles(articles)
        var s = AppState(articles: many, origin: "synthetic", width: width, height: height, layout: Layout(listPercent: listWidth))
        update(&s, .resize(width: width, height: height))
        // Full frame: render everything and diff against nothing (a full redraw).
        var full: [Double] = []
        var previous = render(s, theme: .color)
        for _ in 0..<200 {
            let t = now()
            let frame = render(s, theme: .color)
            _ = frame.diff(from: nil)
            full.append(seconds(since: t) * 1000)
            previous = frame
        }
        // Scrolling the list: j, with a page down every 50 keys.
        var scroll: [Double] = []
        for k in 0..<keys {
            let t = now()
            update(&s, k % 50 == 49 ? .pageDown : .down)
            let frame = render(s, theme: .color)
            _ = frame.diff(from: previous)
            previous = frame
            scroll.append(seconds(since: t) * 1000)
        }
        // Paging a long interview: Space and j, ] between questions.
        var p = AppState(articles: [Self.longInterview()], origin: "synthetic", width: width, height: height)
        update(&p, .resize(width: width, height: height))
        update(&p, .open)
        previous = render(p, theme: .color)
        var paging: [Double] = []
        for k in 0..<keys {
            let t = now()
            let action: Action = k % 3 == 0 ? .pageDown : k % 3 == 1 ? .down : .nextQuestion
            update(&p, action)
            if k % 200 == 199 { update(&p, .top) }
            let frame = render(p, theme: .color)
            _ = frame.diff(from: previous)
            previous = frame
            paging.append(seconds(since: t) * 1000)
        }
        // Search and filters on a large corpus: type a query, then toggle three filters; each
        // keystroke timed from the action to the finished frame (query, facets, render, diff).
        let (big, pageCount) = try loadArticles(corpus: corpus, pages: searchPages, seed: 1)
        var q = AppState(articles: big, origin: "generated", width: width, height: height, layout: Layout(listPercent: listWidth))
        update(&q, .resize(width: width, height: height))
        previous = render(q, theme: .color)
        var typing: [Double] = []
        update(&q, .searchStart)
        for c in query {
            let t = now()
            update(&q, .input(c))
            let frame = render(q, theme: .color)
            _ = frame.diff(from: previous)
            previous = frame
            typing.append(seconds(since: t) * 1000)
        }
        update(&q, .inputSubmit)
        update(&q, .filters)
        var toggles: [Double] = []
        for facet in 0..<3 {
            // The most frequent value of the year, organization and kind facets.
            update(&q, .top)
            for _ in 0..<facet { update(&q, .nextFacet) }
            let t = now()
            update(&q, .toggleValue)
            let frame = render(q, theme: .color)
            _ = frame.diff(from: previous)
            previous = frame
            toggles.append(seconds(since: t) * 1000)
        }
        let afterFilters = q.total
        update(&q, .back)
        update(&q, .clearFilters)
        update(&q, .back) // clear the query too: the timeline of the whole corpus
        let tt = now()
        update(&q, .timeline)
        let timelineFrame = render(q, theme: .color)
        _ = timelineFrame.diff(from: previous)
        let timelineMs = seconds(since: tt) * 1000
        let timelineRows = q.timeline?.rows.count ?? 0
        let keystrokes = Latency(typing + toggles)

        let f = Latency(full), sc = Latency(scroll), pg = Latency(paging)
        if json {
            func obj(_ l: Latency) -> JSON {
                .object([("p50_ms", .double((l.p50 * 10000).rounded() / 10000)), ("p99_ms", .double((l.p99 * 10000).rounded() / 10000)),
                         ("max_ms", .double((l.max * 10000).rounded() / 10000))])
            }
            print(JSON.object([
                ("width", .number(width)), ("height", .number(height)), ("articles", .number(articles)),
                ("first_frame_ms", .double((firstFrame * 1000).rounded() / 1000)),
                ("full_frame", obj(f)), ("scroll_keystroke", obj(sc)), ("pager_keystroke", obj(pg)),
                ("search", .object([("pages", .number(pageCount)), ("articles", .number(big.count)),
                                    ("keystrokes", .number(typing.count + toggles.count)), ("p50_ms", .double((keystrokes.p50 * 10000).rounded() / 10000)),
                                    ("p99_ms", .double((keystrokes.p99 * 10000).rounded() / 10000)), ("max_ms", .double((keystrokes.max * 10000).rounded() / 10000)),
                                    ("results_after_filters", .number(afterFilters))])),
                ("timeline", .object([("rows", .number(timelineRows)), ("ms", .double((timelineMs * 1000).rounded() / 1000))])),
            ]).render())
            return
        }
        print("terminal \(width)x\(height), \(articles) articles in the list, \(keys) keystrokes per scenario")
        print(String(format: "first frame (built-in corpus, in process): %.2f ms", firstFrame))
        for (name, l) in [("full frame render + diff", f), ("list scroll keystroke", sc), ("pager keystroke", pg)] {
            print(name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "p50 %.3f ms   p99 %.3f ms   max %.3f ms", l.p50, l.p99, l.max))
        }
        print("search on \(pageCount) pages (\(big.count) articles): typing '\(query)' then toggling 3 filters (\(afterFilters) results left)")
        print("search keystroke".padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "p50 %.3f ms   p99 %.3f ms   max %.3f ms", keystrokes.p50, keystrokes.p99, keystrokes.max))
        print("timeline, whole corpus".padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%.3f ms (%d rows)", timelineMs, timelineRows))
    }

    static func syntheticArticles(_ n: Int) -> [Article] {
        let kinds = ArticleKind.allCases
        return (0..<n).map { i in
            Article(id: String(i, radix: 16), title: "Article \(i): the CSTO Secretariat hosted a meeting on collective security in Central Asia — “ОДКБ”",
                    kind: kinds[i % kinds.count], full: i % 3 != 0, published: Day(year: 2024 - i % 15, month: 1 + i % 12, day: 1 + i % 28),
                    organizations: ["CSTO"], paragraphs: ["On \(1 + i % 28) May 2024, a meeting was held. " + String(repeating: "The participants discussed security. ", count: 8)],
                    sources: [Source(file: "page\(i).txt", role: .main, line: 1)])
        }
    }

    static func longInterview() -> Article {
        var paragraphs = ["In an interview, the Secretary General spoke about security in Eurasia."]
        var qa: [QAPair] = []
        for q in 0..<60 {
            let question = "Question \(q): how do you assess the situation in the region and the work of the organization?"
            let answer = String(repeating: "The Organization continues its work on collective security, “peacekeeping” and crisis response — ОДКБ. ", count: 6)
            paragraphs.append("— " + question)
            paragraphs.append("— " + answer)
            paragraphs.append(answer)
            qa.append(QAPair(question: question, answer: answer + "\n" + answer))
        }
        return Article(id: "interview", title: "A long interview", kind: .interview, full: true, paragraphs: paragraphs, qa: qa,
                       sources: [Source(file: "interview.txt", role: .main, line: 1)])
    }
}
