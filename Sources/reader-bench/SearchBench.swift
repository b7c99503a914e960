import ArgumentParser
import Corpus
import Foundation
import CSQLite
import SearchIndex

struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Per-keystroke search latency of the index, side by side with SQLite FTS5 on the same articles.",
        discussion: """
            Each query is typed letter by letter, as in the reader's search line: every prefix of it \
            is one keystroke, answered with the top 200 results and every facet's counts over the \
            whole result set (an open quote is a phrase whose last word is a prefix). The built-in \
            set (25 queries) has words, prefixes, phrases, OR, exclusions and field filters. \
            --verbose also prints the index's size part by part and the 15 slowest keystrokes with \
            the parts of their query that cost most, on standard error. Between two keystrokes the searcher does the \
            work the reader's search thread does while the user types (a typed phrase's next head \
            made): it is timed apart, and what of it runs past --typing-interval is added to the \
            keystroke after it, which would have waited for it.
            """
    )

    @Option(help: "A folder of pages to search.") var corpus: String?
    @Option(help: "Generate this many pages in memory instead (default 20000).") var pages: Int?
    @Option(help: "Random seed for generated pages.") var seed: UInt64 = 1
    @Option(help: "A file of queries, one per line (default: the built-in set).") var queries: String?
    @Option(help: "Replay the query set this many times.") var rounds: Int = 1
    @Flag(help: "Start each round with a new searcher (nothing kept from the round before).") var fresh = false
    @Flag(help: "Keep no answers of earlier queries (a query asked again is searched again).") var noAnswerCache = false
    @Flag(help: "Skip SQLite FTS5.") var noFts5 = false
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "Also print the index's size part by part and the 15 slowest keystrokes, on standard error (standard output keeps the figures or the JSON: use 2>&1 to page them together).") var verbose = false
    @Option(help: "Milliseconds between two keystrokes, for the work done between them (a fast typist's keys come 100 ms or more apart).")
    var typingInterval: Double = 50
    @Flag(help: "Do no work between keystrokes (as the reader before it did any).") var noWorkBetweenKeys = false

    /// A keystroke's timed parts: their total, the three that cost most, each with the steps
    /// inside it (a phrase's candidates and check, the facets' count) and its work between them
    /// in brackets, then what no part holds.
    static func described(_ parts: [(part: String, ms: Double)]) -> String {
        // A step inside a part is indented and comes before the part it is in.
        var whole: [(part: String, ms: Double, inside: [(part: String, ms: Double, depth: Int)])] = []
        var pending: [(part: String, ms: Double, depth: Int)] = []
        var outside: Double? = nil
        for p in parts {
            let depth = p.part.prefix { $0 == " " }.count / 2
            if depth > 0 {
                pending.append((p.part.trimmingCharacters(in: .whitespaces), p.ms, depth))
            } else if p.part == outsideParts {
                outside = p.ms
            } else {
                whole.append((p.part, p.ms, pending))
                pending = []
            }
        }
        guard !whole.isEmpty else { return "an answer kept" }
        let total = whole.reduce(0) { $0 + $1.ms } + (outside ?? 0)
        var shown = whole.sorted { $0.ms > $1.ms }.prefix(3).map { w in
            // The part's own work between its steps, when it is a good share of it.
            let steps = w.inside.filter { $0.depth == 1 }.reduce(0) { $0 + $1.ms }
            var inside = w.inside.map { String(format: "%@ %.3f ms", $0.part, $0.ms) }
            if !inside.isEmpty, w.ms - steps >= max(0.05, w.ms / 10) { inside.append(String(format: "between the steps %.3f ms", w.ms - steps)) }
            return String(format: "%@ %.3f ms", w.part, w.ms) + (inside.isEmpty ? "" : " (" + inside.joined(separator: ", ") + ")")
        }
        if let outside { shown.append(String(format: "%@ %.3f ms", outsideParts, outside)) }
        return String(format: "%.3f ms in all: ", total) + shown.joined(separator: ", ")
    }

    /// The name of what a keystroke cost that no part holds (the parsing, the answer put together).
    static let outsideParts = "outside the parts"

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds takes a positive number (not \(rounds))") }
        guard typingInterval >= 0, typingInterval.isFinite else {
            throw ValidationError("--typing-interval takes milliseconds, 0 or more (not \(typingInterval))")
        }
    }

    func run() throws {
        var queryList = parseQueryFile(defaultQueries)
        if let queries {
            guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else {
                throw ValidationError("cannot read the query file '\(queries)'")
            }
            queryList = parseQueryFile(text)
            guard !queryList.isEmpty else { throw ValidationError("no queries in '\(queries)' (one a line; # starts a comment)") }
            // A query that is wrong as typed (parentheses, a leading OR) is an error at most of its
            // keystrokes, which cost nothing: it would measure nothing. (One may end half typed,
            // as `"of the s`: its last keystroke is what is measured.)
            for (i, q) in queryList.enumerated() {
                do { _ = try QueryParser.parse(q, prefixLast: true, typing: true) } catch {
                    throw ValidationError("query \(i + 1) of '\(queries)' (\(q)): \(error.message)")
                }
            }
        }
        let (articles, pageCount) = try loadArticles(corpus: corpus, pages: pages, seed: seed)
        #if DEBUG
        FileHandle.standardError.write(Data("reader-bench: a debug build: its figures are not those of the reader (swift build -c release)\n".utf8))
        #endif
        let keystrokes = queryList.flatMap(Self.keystrokes)

        let t0 = now()
        let index = SearchIndex(articles: articles, log: timingLog)
        let buildSeconds = seconds(since: t0)
        func newSearcher() -> Searcher {
            let s = Searcher(index)
            if noAnswerCache { s.responsesKept = 0 }
            return s
        }
        var searcher = newSearcher()
        var engine: [Double] = []
        engine.reserveCapacity(keystrokes.count * rounds)
        var parsed: [Query?] = []
        // The work between keystrokes (ms) after each keystroke that had time for it, what it
        // made (for --verbose), how many works made something, and how many keystrokes waited
        // for one.
        var between: [Double] = []
        var betweenMade: [(after: String, made: String)] = []
        var waited = 0, made = 0
        for round in 0..<rounds {
            if fresh, round > 0 { searcher = newSearcher() }
            var owed = 0.0
            for k in keystrokes {
                let start = now()
                // Parsed as the reader's search line parses what is being typed: an open quote is
                // a phrase whose last word is a prefix, a half-typed filter is left out (parsed
                // whole, most keystrokes inside a phrase would be errors and cost nothing).
                let q = try? QueryParser.parse(k, prefixLast: true, typing: true)
                let response = q.map { searcher.search($0, limit: 200) }
                let answered = seconds(since: start) * 1000 + owed
                engine.append(answered)
                if owed > 0 { waited += 1 }
                if parsed.count < keystrokes.count { parsed.append(response?.query) }
                owed = 0
                // The next key comes `typingInterval` after this one. The work runs from this
                // answer on, as the reader's search thread runs it: only if the next key has
                // not come yet. What it runs past the next key's coming (beyond what the answer
                // itself did) is added to the next keystroke, which waits for it.
                if !noWorkBetweenKeys, q != nil, answered < typingInterval {
                    let t = now()
                    let what = searcher.prepareNextKeystroke(after: k)
                    if what != nil { made += 1 }
                    let ms = seconds(since: t) * 1000
                    between.append(ms)
                    betweenMade.append((k, what ?? "nothing"))
                    owed = max(0, answered + ms - typingInterval)
                }
            }
        }
        // With --verbose: the run replayed keystroke by keystroke, each timed part by part (not
        // in the run itself, so that timing the parts costs the figures nothing). The replay's
        // searchers keep what the run's kept, so a keystroke's parts are those it cost there.
        var warmParts: [[(part: String, ms: Double)]] = []
        if verbose {
            searcher = newSearcher()
            for round in 0..<rounds {
                if fresh, round > 0 { searcher = newSearcher() }
                for k in keystrokes {
                    let start = now()
                    let q = try? QueryParser.parse(k, prefixLast: true, typing: true)
                    var parts = q.map { searcher.timedSearch($0, limit: 200).parts } ?? []
                    // What no part holds (the parsing, the answer put together), as a part.
                    let rest = seconds(since: start) * 1000 - parts.filter { !$0.part.hasPrefix(" ") }.reduce(0) { $0 + $1.ms }
                    if !parts.isEmpty { parts.append((Self.outsideParts, max(0, rest))) }
                    warmParts.append(parts)
                    if !noWorkBetweenKeys, q != nil { searcher.prepareNextKeystroke(after: k) }
                }
            }
        }
        let engineStats = Latency(engine)
        if verbose {
            FileHandle.standardError.write(Data(String(format: "the index, part by part (%.1f MB in all):\n", Double(index.memoryBytes) / 1_048_576).utf8))
            for (part, bytes) in index.memoryParts {
                FileHandle.standardError.write(Data(String(format: "  %@ %.1f MB\n", part, Double(bytes) / 1_048_576).utf8))
            }
            // The slowest keystrokes, each with the part of its query that cost most (timed
            // again, part by part).
            let slowest = engine.indices.sorted { engine[$0] > engine[$1] }.prefix(15)
            FileHandle.standardError.write(Data("""
                the \(slowest.count) slowest keystrokes (the time each took in the run, then what was typed so far),
                each with the three parts of its query that cost most, and what no part holds ("outside the parts": the parsing, the answer put together):
                  in the run: timed in a replay of the same keystrokes (the searcher keeps what it kept in the run); its own total
                    comes first, and differs from the run's by the machine's noise (and any wait for the work between keys)
                  on a fresh searcher: the keystroke's query asked alone, nothing kept from before
                  (in brackets: the steps inside a part, and its work between them when that is a tenth of it or more)
                  facets count the documents of the set (from nothing), those outside it (from the totals),
                  or those that came or went since a search before (from a search before)

                """.utf8))
            for i in slowest {
                var line = String(format: "%8.3f ms  %@", engine[i], keystrokes[i % keystrokes.count])
                // In the run: what it cost there (a keystroke builds on the ones before).
                line += "\n            in the run: " + Self.described(warmParts[i])
                if let q = parsed[i % keystrokes.count] {
                    // A searcher of its own: nothing kept from the run (a phrase) hides a cost.
                    let parts = Searcher(index).timedSearch(q, limit: 200).parts
                    line += "\n            on a fresh searcher: " + Self.described(parts)
                }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
        if verbose, !noWorkBetweenKeys {
            let slowest = between.indices.sorted { between[$0] > between[$1] }.prefix(5)
            FileHandle.standardError.write(Data("the \(slowest.count) longest works between keys (after the keystroke, what was made):\n".utf8))
            for i in slowest {
                FileHandle.standardError.write(Data(String(format: "%8.3f ms  %@ -> %@\n", between[i], betweenMade[i].after, betweenMade[i].made).utf8))
            }
        }
        var fts: (build: Double, bytes: Int, latency: Latency)? = nil
        if !noFts5 {
            let before = FTS5Memory.used()
            let t1 = now()
            let f = try FTS5Engine(articles: articles, index: index)
            let ftsBuild = seconds(since: t1)
            var times: [Double] = []
            for _ in 0..<rounds {
                for q in parsed {
                    let start = now()
                    if let q { f.search(q) }
                    times.append(seconds(since: start) * 1000)
                }
            }
            fts = (ftsBuild, FTS5Memory.used() - before, Latency(times))
        }
        let textBytes = articles.reduce(0) { $0 + $1.title.utf8.count + $1.paragraphs.reduce(0) { $0 + $1.utf8.count } }
        if json {
            var fields: [(String, JSON)] = [
                ("pages", .number(pageCount)), ("articles", .number(articles.count)), ("keystrokes", .number(engine.count)),
                ("text_bytes", .number(textBytes)),
                ("engine", engineStats.json(build: buildSeconds, bytes: index.memoryBytes)),
            ]
            if let fts { fields.append(("fts5", fts.latency.json(build: fts.build, bytes: fts.bytes))) }
            if !noWorkBetweenKeys {
                let b = Latency(between)
                func r(_ v: Double) -> JSON { .double((v * 10000).rounded() / 10000) }
                fields.append(("between_keys", .object([
                    ("typing_interval_ms", r(typingInterval)), ("keystrokes", .number(between.count)), ("made_something", .number(made)),
                    ("p50_ms", r(b.p50)), ("p99_ms", r(b.p99)), ("max_ms", r(b.max)), ("keystrokes_waited", .number(waited)),
                ])))
            }
            print(JSON.object(fields).render())
            return
        }
        print("corpus:      \(pageCount) pages, \(articles.count) articles, \(String(format: "%.1f", Double(textBytes) / 1_048_576)) MB of article text")
        print("queries:     \(queryList.count) \(queryList.count == 1 ? "query" : "queries"), \(engine.count) keystrokes (top 200 + facets per keystroke)")
        func row(_ name: String, _ a: String, _ b: String, _ ratio: String) {
            print(name.padding(toLength: 14, withPad: " ", startingAt: 0) + a.padding(toLength: 14, withPad: " ", startingAt: 0)
                  + b.padding(toLength: 14, withPad: " ", startingAt: 0) + ratio)
        }
        row("", "index", fts == nil ? "" : "FTS5", fts == nil ? "" : "FTS5 / index")
        func ms(_ v: Double) -> String { String(format: "%.3f ms", v) }
        func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.1fx", b / max(a, 1e-9)) }
        row("build", String(format: "%.2f s", buildSeconds), fts.map { String(format: "%.2f s", $0.build) } ?? "", fts.map { ratio(buildSeconds, $0.build) } ?? "")
        row("memory", String(format: "%.1f MB", Double(index.memoryBytes) / 1_048_576), fts.map { String(format: "%.1f MB", Double($0.bytes) / 1_048_576) } ?? "", "")
        row("p50", ms(engineStats.p50), fts.map { ms($0.latency.p50) } ?? "", fts.map { ratio(engineStats.p50, $0.latency.p50) } ?? "")
        row("p99", ms(engineStats.p99), fts.map { ms($0.latency.p99) } ?? "", fts.map { ratio(engineStats.p99, $0.latency.p99) } ?? "")
        row("max", ms(engineStats.max), fts.map { ms($0.latency.max) } ?? "", fts.map { ratio(engineStats.max, $0.latency.max) } ?? "")
        if noWorkBetweenKeys {
            print("between keys: no work (--no-work-between-keys)")
        } else {
            let b = Latency(between)
            print(String(format: "between keys: p50 %.3f / p99 %.3f / max %.3f ms after %d keystrokes (something made after %d of them); ",
                         b.p50, b.p99, b.max, between.count, made)
                  + "\(waited) keystroke\(waited == 1 ? "" : "s") waited for it (keys \(String(format: "%g", typingInterval)) ms apart)")
        }
    }

    /// "ab c" typed: "a", "ab", "ab ", "ab c".
    static func keystrokes(_ q: String) -> [String] {
        var out: [String] = []
        var s = ""
        for c in q {
            s.append(c)
            out.append(s)
        }
        return out
    }
}

struct Latency {
    var p50: Double, p99: Double, max: Double
    init(_ samples: [Double]) {
        let s = samples.sorted()
        func q(_ f: Double) -> Double { s.isEmpty ? 0 : s[min(s.count - 1, Int((Double(s.count) * f).rounded(.up)) - 1)] }
        p50 = q(0.5)
        p99 = q(0.99)
        max = s.last ?? 0
    }
    func json(build: Double, bytes: Int) -> JSON {
        func r(_ v: Double, _ places: Double) -> JSON { .double((v * places).rounded() / places) }
        return .object([("build_s", r(build, 1000)), ("index_bytes", .number(bytes)), ("p50_ms", r(p50, 10000)),
                        ("p99_ms", r(p99, 10000)), ("max_ms", r(max, 10000))])
    }
}

enum FTS5Memory {
    static func used() -> Int { Int(sqlite3_memory_used()) }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }

/// Articles from a folder, or from pages generated in memory.
func loadArticles(corpus: String?, pages: Int?, seed: UInt64) throws -> ([Article], Int) {
    if corpus != nil, pages != nil { throw ValidationError("give --corpus or --pages, not both (a folder is read as it is)") }
    if let pages, pages <= 0 { throw ValidationError("--pages takes a positive number of pages (not \(pages))") }
    if let corpus {
        do {
            let c = try Corpus.load(paths: [corpus], log: timingLog)
            return (c.articles, c.stats.pages)
        } catch {
            throw ValidationError(error.description)
        }
    }
    let n = pages ?? 20_000
    let generator = PageGenerator(seed: seed)
    let inputs = (0..<n).map { p -> PageInput in
        let page = generator.page(p)
        return PageInput(name: page.name, bytes: Array(page.text.utf8))
    }
    let c = CorpusBuilder(log: timingLog).build(inputs, origin: "generated")
    return (c.articles, n)
}
