import ArgumentParser
import Corpus
import Foundation

/// `reader-bench accuracy DIR`: the parser scored against pages with expected files.
struct AccuracyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract: "Score the page parser against a folder of pages with expected files (NAME.txt + NAME.expected.json)."
    )

    @Argument(help: "Folders of pages with expected files.") var dirs: [String]
    @Flag(help: "Print one JSON object per folder.") var json = false
    @Flag(help: "List every miss, page by page.") var misses = false

    func validate() throws {
        for dir in dirs {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError("not a folder: \(dir)")
            }
        }
    }

    func run() throws {
        var broken: [String] = []
        for dir in dirs {
            let r: ParserAccuracy
            do {
                r = try ParserAccuracy.measure(dir: dir)
            } catch {
                throw BenchError(error.description)
            }
            broken += r.badExpectations + r.orphans
            func fig(_ f: ParserAccuracy.Figure) -> JSON {
                .object([("right", .number(f.right)), ("total", .number(f.total)), ("percent", .double((f.percent * 10).rounded() / 10))])
            }
            if json {
                print(JSON.object([
                    ("dir", .string(dir)), ("pages", .number(r.pages)), ("unreadable", .number(r.unreadable)),
                    ("main_titles", fig(r.titles)), ("published_dates", fig(r.dates)), ("teaser_counts", fig(r.teaserCounts)),
                    ("teasers_found", fig(r.teasersFound)), ("teaser_dates", fig(r.teaserDates)), ("kinds", fig(r.kinds)),
                    ("bylines_stamps_qa_bodies", fig(r.extras)),
                    ("bad_expected_files", .strings(r.badExpectations)), ("orphan_expected_files", .strings(r.orphans)),
                    ("misses", .array(r.misses.map { .object([("page", .string($0.page)), ("what", .string($0.what))]) })),
                ]).render())
                continue
            }
            func line(_ name: String, _ f: ParserAccuracy.Figure) {
                print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%5.1f", f.percent)) %  (\(f.right)/\(f.total))")
            }
            print("\(dir): \(r.pages) pages with expected files, \(r.unreadable) unreadable")
            line("main titles", r.titles)
            line("publication dates", r.dates)
            line("teaser counts", r.teaserCounts)
            line("teasers found", r.teasersFound)
            line("teaser dates", r.teaserDates)
            line("kinds", r.kinds)
            line("bylines, stamps, Q/A, body", r.extras)
            for b in r.badExpectations { print("  not an expected file (JSON with \"main\" and \"teasers\"): \(b)") }
            for o in r.orphans { print("  expected file with no page beside it: \(o)") }
            if misses {
                for m in r.misses { print("  \(m.page): \(m.what)") }
            } else if !r.misses.isEmpty {
                print("  \(r.misses.count) misses (--misses lists them)")
            }
        }
        if !broken.isEmpty {
            throw BenchError("\(broken.count) expected file(s) could not be used: \(broken.joined(separator: ", "))")
        }
    }
}
