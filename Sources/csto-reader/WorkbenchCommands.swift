import ArgumentParser
import Corpus
import Foundation
import SearchIndex
import ReaderUI
import TerminalCore

/// `csto-reader trend QUERY [--by month|year] [--versus QUERY]`: the results over time as bars.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "How many articles a query finds per month or year, as bars; --versus lays a second query beside it."
    )

    @Argument(help: "The query (an empty query counts every article).") var query: String = ""
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: ArgumentHelp("Count per month or per year.", valueName: "month|year")) var by: String = "year"
    @Option(help: ArgumentHelp("A second query to compare with, counted per period beside the first.", valueName: "query"))
    var versus: String?
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard TrendPeriod(rawValue: by) != nil else { throw ValidationError("--by takes month or year (not '\(by)')") }
    }

    func run() throws {
        let period = TrendPeriod(rawValue: by)!
        // Both queries are checked before the pages are read, and the pages are read once.
        let checked = try QueryRun.check(query, filters: filters, corpus: corpus, command: "trend")
        let other = try versus.map { try QueryRun.check($0, filters: filters, corpus: corpus, command: nil) }
        let index = try corpus.openIndex()
        let first = try QueryRun(checked, index: index)
        var runs = [(query, first)]
        if let versus, let other { runs.append((versus, try QueryRun(other, index: index))) }
        let searcher = Searcher(first.index)
        let series = runs.map { (name: $0.0, run: $0.1, trend: searcher.trend($0.1.matches, by: period)) }
        // One axis for both: every period from the first to the last of either.
        var periods = Set<String>()
        for s in series { s.trend.points.forEach { periods.insert($0.period) } }
        let axis = periods.sorted()
        func count(_ s: (name: String, run: QueryRun, trend: (points: [TrendPoint], undated: Int)), _ p: String) -> Int {
            s.trend.points.first { $0.period == p }?.count ?? 0
        }
        if json {
            printJSON(.object([
                ("by", .string(by)),
                ("series", .array(series.map { s in
                    .object([
                        ("query", .string(s.run.label)),
                        ("total", .number(s.run.matches.cardinality)),
                        ("undated", .number(s.trend.undated)),
                        ("counts", .array(axis.map { .object([("period", .string($0)), ("count", .number(count(s, $0)))]) })),
                    ])
                })),
            ]))
        } else {
            let top = max(1, series.flatMap { s in axis.map { count(s, $0) } }.max() ?? 1)
            let barWidth = max(10, min(50, ((Terminal.width() ?? 100) - 20) / series.count - 8))
            let marks: [Character] = ["█", "▒"]
            for (i, s) in series.enumerated() {
                print("\(marks[i]) \(s.run.label): \(s.run.matches.cardinality) article\(s.run.matches.cardinality == 1 ? "" : "s")"
                      + (s.trend.undated > 0 ? ", \(s.trend.undated) undated (not shown)" : ""))
            }
            for p in axis {
                var line = p.padding(toLength: 8, withPad: " ", startingAt: 0)
                for (i, s) in series.enumerated() {
                    let n = count(s, p)
                    let cells = n == 0 ? 0 : max(1, n * barWidth / top)
                    let bar = String(repeating: marks[i], count: cells)
                    line += " " + bar.padding(toLength: barWidth, withPad: " ", startingAt: 0) + " " + String(n).padding(toLength: 6, withPad: " ", startingAt: 0)
                }
                print(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        }
        if series.allSatisfy({ $0.run.matches.isEmpty }) {
            FileHandle.standardError.write(Data("csto-reader: no article matches \(series.map { "'\($0.run.label)'" }.joined(separator: " or "))\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }
}

/// `csto-reader entities [QUERY] [--type T]`: who and what the results name, with counts by year.
struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "The organizations, people, countries or exercise series the query's results name, most named first, with a sparkline by year."
    )

    @Argument(help: "The query (an empty query: every article).") var query: String = ""
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: ArgumentHelp("Which entities.", valueName: "organization|person|country|exercise")) var type: String = "organization"
    @Option(help: "At most this many.") var limit: Int = 50
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        guard EntityType(rawValue: type) != nil else {
            throw ValidationError("--type takes \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")) (not '\(type)')")
        }
        guard limit > 0 else { throw ValidationError("--limit takes a positive number (not \(limit))") }
    }

    func run() throws {
        let run = try QueryRun(query, filters: filters, corpus: corpus, command: "entities")
        let entities = Array(Searcher(run.index).entities(run.matches, type: EntityType(rawValue: type)!)
            .prefix(limit))
        func day(_ v: Int) -> String? { v == 0 ? nil : Day(year: v / 10_000, month: v / 100 % 100, day: v % 100)?.description }
        if json {
            printJSON(.array(entities.map { e in
                .object([
                    ("name", .string(e.name)),
                    ("type", .string(type)),
                    ("count", .number(e.count)),
                    ("latest", .optional(day(e.latest))),
                    ("years", .array(e.years.map { .object([("year", .number($0.year)), ("count", .number($0.count))]) })),
                ])
            }))
        } else {
            // Names cut to a column on a terminal, whole in a pipe; one year axis for every row.
            let longest = entities.map { DisplayWidth.of($0.name) }.max() ?? 0
            let nameWidth = Terminal.width() == nil ? longest : min(40, longest)
            let allYears = entities.flatMap { $0.years.map(\.year) }
            let axis = (allYears.min() ?? 0)...(allYears.max() ?? 0)
            for e in entities {
                let name = DisplayWidth.truncate(e.name, to: nameWidth)
                let pad = String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(name)))
                let counts = Dictionary(uniqueKeysWithValues: e.years.map { ($0.year, $0.count) })
                let spark = sparkline(axis.map { (String($0), counts[$0] ?? 0) }, maxWidth: 24)
                let span = e.years.isEmpty ? "" : e.years.count == 1 ? "\(e.years[0].year)" : "\(e.years.first!.year)–\(e.years.last!.year)"
                print("\(name)\(pad)  \(String(e.count).padding(toLength: 5, withPad: " ", startingAt: 0)) \(spark.bars.padding(toLength: 12, withPad: " ", startingAt: 0)) \(span.padding(toLength: 10, withPad: " ", startingAt: 0)) latest \(day(e.latest) ?? "undated")")
            }
        }
        if entities.isEmpty {
            FileHandle.standardError.write(Data("no \(type) named in \(run.matches.cardinality) article\(run.matches.cardinality == 1 ? "" : "s")\n".utf8))
            throw QuietExit(code: Exit.noResults)
        }
    }
}

/// `csto-reader related ID`: the articles most like one article.
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "The articles most like one article: its distinctive words, the names both mention, closeness in time."
    )

    @Argument(help: "The article's id (or a unique prefix of it), as `list` prints it.") var id: String
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "At most this many.") var limit: Int = 5
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit takes a positive number (not \(limit))") }
    }

    func run() throws {
        let index = try corpus.openIndex()
        let needle = id.lowercased()
        let matches = index.articles.indices.filter { index.articles[$0].id.hasPrefix(needle) }
        let exact = matches.first { index.articles[$0].id == needle }
        guard let doc = exact ?? (matches.count == 1 ? matches.first : nil) else {
            if matches.count > 1 { throw UserError(description: "'\(id)' matches \(matches.count) articles: give more of the id") }
            throw UserError(description: "no article with id '\(id)' (see 'csto-reader list')", code: Exit.noResults)
        }
        let related = Searcher(index).related(to: doc, limit: limit)
        if json {
            printJSON(.array(related.map { r in
                let a = index.articles[r.doc]
                return .object([
                    ("id", .string(a.id)),
                    ("title", .string(a.title)),
                    ("date", .optional(a.displayDate?.description)),
                    ("score", .double((Double(r.score) * 1000).rounded() / 1000)),
                    ("shared", .strings(r.shared)),
                ])
            }))
        } else {
            let width = Terminal.width()
            for r in related {
                let a = index.articles[r.doc]
                let head = "\(a.id)  \(a.displayDate?.description ?? "undated   ")  "
                let title = width.map { DisplayWidth.truncate(a.title, to: max(10, $0 - DisplayWidth.of(head))) } ?? a.title
                print(head + title)
                if !r.shared.isEmpty { print("    both name: " + r.shared.prefix(8).joined(separator: ", ")) }
            }
        }
        if related.isEmpty { throw QuietExit(code: Exit.noResults) }
    }
}
