import ArgumentParser
import Corpus
import Foundation
import ReaderUI
import ReadingState
import SearchIndex
import TerminalCore

/// The workbench's screens at scale: the time from the key that opens each screen to its
/// finished frame, keystrokes inside each, and a streamed jsonl export of every article.
struct WorkbenchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Entities, keyword in context, trend, related and saved searches: open and keystroke times; the jsonl export's time and memory."
    )

    @Option(help: "Generated pages.") var pages: Int = 100_000
    @Option(help: "A folder of pages instead.") var corpus: String?
    @Option(help: "A frequent word for keyword in context.") var word: String = "security"
    @Option(help: "Terminal width.") var width: Int = 200
    @Option(help: "Terminal height.") var height: Int = 60
    @Option(help: "Keystrokes per screen.") var keys: Int = 300
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let (articles, pageCount) = try loadArticles(corpus: corpus, pages: pages, seed: 1)
        var s = AppState(articles: articles, origin: "generated", width: width, height: height)
        update(&s, .resize(width: width, height: height))
        // A few saved searches and tags, as an analyst's state would have.
        var marks = ReadingState()
        for (k, q) in ["afghanistan", "kind:exercise year:2020", "org:UN", "armenia OR belarus", "\"collective security\""].enumerated() {
            marks.saved["s\(k)"] = q
        }
        for d in stride(from: 0, to: articles.count, by: 97) { marks.tags[articles[d].id] = ["sample"] }
        update(&s, .restore(marks))
        var previous = render(s, theme: .color)

        /// One action timed to its finished frame (update, render, diff).
        func timed(_ action: Action) -> Double {
            let t = now()
            update(&s, action)
            let frame = render(s, theme: .color)
            _ = frame.diff(from: previous)
            previous = frame
            return seconds(since: t) * 1000
        }
        func keystrokes(_ actions: [Action]) -> Latency {
            var samples: [Double] = []
            for k in 0..<keys { samples.append(timed(actions[k % actions.count])) }
            return Latency(samples)
        }
        var opens: [(String, Double)] = []
        var inside: [(String, Latency)] = []

        // The list with the detail pane (its related articles are worked out per selection).
        inside.append(("list j (detail shows related)", keystrokes([.down])))
        // Entities of every article.
        opens.append(("entities (all articles)", timed(.entities)))
        inside.append(("entities j / Tab / o", keystrokes([.down, .down, .down, .cycleEntityType, .down, .cycleOrder])))
        _ = timed(.back)
        // Keyword in context of a frequent word.
        update(&s, .searchStart)
        for c in word { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        let matching = s.total
        previous = render(s, theme: .color)
        opens.append(("keyword in context, first screen", timed(.concordance)))
        inside.append(("in context j / PgDn", keystrokes([.down, .down, .pageDown])))
        opens.append(("in context: o (sort by left) key", timed(.cycleOrder)))
        // The sort is made between keys, a slice at a time: each slice is what a key waits
        // for at most.
        var slices: [Double] = []
        let sortStart = now()
        while s.pendingWork { slices.append(timed(.work)) }
        opens.append(("in context: sorted, all slices", seconds(since: sortStart) * 1000))
        inside.append(("in context: one sorting slice", Latency(slices)))
        inside.append(("in context sorted j / PgDn", keystrokes([.down, .down, .pageDown])))
        _ = timed(.back)
        update(&s, .back)
        // Trend by month of every article, with a second query beside it.
        opens.append(("trend (by year)", timed(.trend)))
        opens.append(("trend by month", timed(.cycleOrder)))
        update(&s, .versus)
        for c in "armenia" { update(&s, .input(c)) }
        opens.append(("trend versus armenia", timed(.inputSubmit)))
        inside.append(("trend j / k", keystrokes([.down, .up, .up])))
        _ = timed(.back)
        // Related articles of the selected one (new articles each time: no cache).
        var related: [Double] = []
        for k in 0..<20 {
            update(&s, .pageDown)
            if k % 2 == 0 { update(&s, .down) }
            previous = render(s, theme: .color)
            related.append(timed(.related))
            _ = timed(.back)
        }
        opens.append(("related (median of 20)", related.sorted()[related.count / 2]))
        opens.append(("saved searches (5)", timed(.savedSearches)))
        _ = timed(.back)

        // The jsonl export of 100,000 articles (or all there are), streamed to a file; memory
        // before and after.
        let exported = min(100_000, articles.count)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("csto-bench-export-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let rssBefore = residentMB()
        let t = now()
        let writer = try ExportWriter(path: file.path)
        let written = try Export.write(0..<exported, of: { articles[$0] }, format: .jsonl, label: "all", highlighter: Highlighter(.all),
                                       state: ReadingState(), to: writer)
        try writer.close()
        let exportSeconds = seconds(since: t)
        let rssAfter = residentMB()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0

        if json {
            func r(_ v: Double) -> JSON { .double((v * 1000).rounded() / 1000) }
            print(JSON.object([
                ("pages", .number(pageCount)), ("articles", .number(articles.count)), ("word", .string(word)), ("word_results", .number(matching)),
                ("open_ms", .object(opens.map { ($0.0, r($0.1)) })),
                ("keystroke_ms", .object(inside.map { ($0.0, .object([("p50", r($0.1.p50)), ("p99", r($0.1.p99)), ("max", r($0.1.max))])) })),
                ("export_jsonl", .object([("articles", .number(written)), ("seconds", r(exportSeconds)), ("bytes", .number(bytes)),
                                          ("rss_before_mb", r(rssBefore)), ("rss_after_mb", r(rssAfter))])),
            ]).render())
            return
        }
        print("workbench on \(pageCount) pages (\(articles.count) articles), terminal \(width)x\(height); '\(word)' has \(matching) results")
        for (name, ms) in opens {
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%8.2f ms", ms))
        }
        for (name, l) in inside {
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "p50 %.2f ms   p99 %.2f ms   max %.2f ms", l.p50, l.p99, l.max))
        }
        print(String(format: "export jsonl: %d articles, %.1f MB in %.2f s; resident memory %.0f MB before, %.0f MB after",
                     written, Double(bytes) / 1e6, exportSeconds, rssBefore, rssAfter))
    }
}

/// The resident set size now, in MB (from /proc/self/statm).
func residentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = text.split(separator: " ")
    guard parts.count > 1, let pages = Double(parts[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
}
