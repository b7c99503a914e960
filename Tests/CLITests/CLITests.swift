import Foundation
import ReaderTestSupport
import ReadingState
import Testing

/// The real binary, run as a separate process.
@Suite(.serialized) struct CLITests {
    @Test func listJSONHoldsEveryArticleWithTheDocumentedFields() throws {
        let r = try Binary.run(["list", "--json"])
        #expect(r.status == 0)
        let articles = try #require(Binary.json(r) as? [[String: Any]])
        #expect(articles.count == 15)
        let keys: Set<String> = ["id", "title", "alternate_titles", "byline", "timestamp", "kind", "full", "published", "event",
                                 "organizations", "countries", "people", "exercises", "paragraphs", "qa", "contacts", "media", "sources",
                                 "read", "starred", "position"]
        for a in articles { #expect(Set(a.keys) == keys) }
        // Nothing marked in a fresh state.
        #expect(articles.allSatisfy { $0["read"] as? Bool == false && $0["starred"] as? Bool == false && $0["position"] is NSNull })
        let tass = try #require(articles.first { ($0["title"] as? String)?.contains("TASS") ?? false })
        #expect(tass["published"] as? String == "2024-03-12")
        #expect((tass["qa"] as? [[String: String]])?.count == 7)
        let training = try #require(articles.first { ($0["title"] as? String) == "The CSTO is holding a strategic command and staff training" })
        #expect(training["event"] as? [String: String] == ["start": "2024-03-12", "end": "2024-03-13"])
        let sources = try #require(training["sources"] as? [[String: Any]])
        #expect(sources.map { $0["role"] as? String } == ["main", "main"])
        #expect(sources.allSatisfy { ($0["line"] as? Int ?? 0) > 0 })
    }

    @Test func builtInCorpusWorksFromAnywhereEvenCopiedElsewhere() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("csto-reader")
        try FileManager.default.copyItem(at: Binary.reader, to: copy)
        let elsewhere = tempDir()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let r = try Binary.run(copy, ["list", "--json"], cwd: elsewhere)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((Binary.json(r) as? [Any])?.count == 15)
        // With no subcommand the full-screen reader starts; with output to a pipe it explains.
        let plain = try Binary.run(copy, [], cwd: elsewhere)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("not a terminal") && plain.stderr.contains("csto-reader list"))
        #expect(plain.stderr.split(separator: "\n").count == 1)
        // A path that is not there is said first, wherever the reader runs.
        let missing = try Binary.run(copy, ["/no/such/folder"], cwd: elsewhere)
        #expect(missing.status == 2 && missing.stderr.hasPrefix("csto-reader: no such file or folder: /no/such/folder"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }

    @Test func listIsNewestFirstAndFilters() throws {
        let r = try Binary.run(["list"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 15)
        #expect(lines.first?.contains("2024-07-25") ?? false)
        #expect(lines.last?.contains("undated") ?? false)

        let y = try Binary.run(["list", "--year", "2018", "--json"])
        #expect((Binary.json(y) as? [[String: Any]])?.map { $0["kind"] as? String } == ["exercise"])
        let org = try Binary.run(["list", "--org", "united nations assistance mission in afghanistan", "--json"])
        #expect((Binary.json(org) as? [Any])?.count == 1)
        let unrcca = try Binary.run(["list", "--org", "UNRCCA"])
        #expect(unrcca.stdout.split(separator: "\n").count == 2)
        let interviews = try Binary.run(["list", "--kind", "interview", "--json"])
        #expect((Binary.json(interviews) as? [Any])?.count == 2)
    }

    @Test func noResultsExitsOne() throws {
        let r = try Binary.run(["list", "--year", "1999"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        // Said on standard error, not left to the exit status alone.
        #expect(r.stderr == "csto-reader: no article matches 'year:1999'\n", "\(r.stderr)")
        let j = try Binary.run(["list", "--year", "1999", "--json"])
        #expect(j.status == 1)
        #expect(j.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let t = try Binary.run(["timeline", "--year", "1999"])
        #expect(t.status == 1 && t.stdout.isEmpty)
        #expect(t.stderr == "csto-reader: no exercise or meeting on the timeline for 'year:1999'\n", "\(t.stderr)")
    }

    @Test func badInputGetsOneClearLineAndExitTwo() throws {
        for args in [["list", "/no/such/folder"], ["list", "--kind", "parade"], ["show"], ["list", "--year", "abc"],
                     ["frobnicate"], ["stats", "--gazetteer", "/no/such/file"]] {
            let r = try Binary.run(args)
            #expect(r.status == 2, "\(args): \(r.status)")
            #expect(r.stdout.isEmpty, "\(args)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(args): \(r.stderr)")
            #expect(lines.first?.hasPrefix("csto-reader: ") ?? false)
        }
        let missing = try Binary.run(["list", "/no/such/folder"])
        #expect(missing.stderr.contains("/no/such/folder"))
        let kind = try Binary.run(["list", "--kind", "parade"])
        #expect(kind.stderr.contains("exercise, meeting, interview, statement, other"))
    }

    @Test func devicesPipesAndUnusableFilesAreExplained() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A FIFO named on the command line would block forever if it were read.
        let p = try Binary.run(["stats", "--json", fifo, repoRoot.appendingPathComponent("seeds").path])
        #expect(p.status == 0)
        #expect((Binary.json(p) as? [String: Any])?["pages"] as? Int == 5)
        #expect(p.stdout.contains("not a regular file"))
        let dev = try Binary.run(["list", "/dev/zero"])
        #expect(dev.status == 2)
        #expect(dev.stderr.contains("not a regular file"))
        // Named once: as not a regular file, not again as an ignored one; a second one counted.
        #expect(!dev.stderr.contains("ignored"), "\(dev.stderr)")
        let two = try Binary.run(["list", "/dev/zero", "/dev/null"])
        #expect(two.status == 2 && two.stderr.contains("/dev/zero: not a regular file") && two.stderr.contains("1 other file ignored, such as /dev/null"), "\(two.stderr)")
        let nul = dir.appendingPathComponent("nul.txt")
        try Data("abc\u{0}def".utf8).write(to: nul)
        let n = try Binary.run(["list", nul.path])
        #expect(n.status == 2)
        #expect(n.stderr.contains("NUL byte"))
        let images = dir.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: images.appendingPathComponent("a.jpg"))
        let i = try Binary.run(["list", images.path])
        #expect(i.status == 2)
        #expect(i.stderr.contains("1 other file ignored"))
        #expect(i.stderr.split(separator: "\n").count == 1)
    }

    @Test func showPrintsTheWholeArticleByIdOrPrefix() throws {
        let list = try #require(Binary.json(try Binary.run(["list", "--json"])) as? [[String: Any]])
        let tass = try #require(list.first { ($0["title"] as? String)?.contains("TASS") ?? false })
        let id = try #require(tass["id"] as? String)
        let r = try Binary.run(["show", String(id.prefix(6))])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Interview of the CSTO Secretary General"))
        #expect(r.stdout.contains("published      2024-03-12"))
        #expect(r.stdout.contains("— I assess the visit to Astana positively."))
        // Answers indented under their questions (both start with a dash): some lines are, and
        // the first question after the metadata is not.
        let body = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(body.contains { $0.hasPrefix("  — I assess the visit to Astana positively.") }, "\(r.stdout)")
        #expect(body.contains { $0.hasPrefix("— Imangali Nurgaliyevich, you have recently returned") }, "\(r.stdout)")
        for empty in ["", "  ", "\n"] {
            let blank = try Binary.run(["show", empty])
            #expect(blank.status == 2 && blank.stderr == "csto-reader: give an article's id, or the start of one (see 'csto-reader list')\n", "\(blank.stderr)")
        }
        // Wrapped: no line wider than 80 columns when not on a terminal.
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let j = try Binary.run(["show", id, "--json"])
        #expect((Binary.json(j) as? [String: Any])?["id"] as? String == id)
        let none = try Binary.run(["show", "ffffffffffff"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no article with id"))
    }

    @Test func statsReportsTheFigures() throws {
        let r = try Binary.run(["stats", "--json"])
        let s = try #require(Binary.json(r) as? [String: Any])
        #expect(s["pages"] as? Int == 5)
        #expect(s["blocks"] as? Int == 24)
        #expect(s["articles"] as? Int == 15)
        #expect(s["merged"] as? Int == 9)
        #expect(s["undated"] as? Int == 3)
        #expect((s["warnings"] as? [Any])?.isEmpty == true)
        #expect((s["unplaced"] as? [Any])?.isEmpty == true)
        let plain = try Binary.run(["stats"])
        #expect(plain.stdout.contains("articles:   15"))
        // The text's full/teaser split and kinds are in the JSON too, and agree with it.
        let full = try #require(s["articles_full"] as? Int), teasers = try #require(s["articles_teaser_only"] as? Int)
        #expect(full + teasers == 15)
        #expect(plain.stdout.contains("(\(full) full, \(teasers) teaser only)"))
        let kinds = try #require(s["kinds"] as? [String: Int])
        #expect(kinds.values.reduce(0, +) == 15 && kinds["exercise"] == 3)
        for (k, n) in kinds where n > 0 { #expect(plain.stdout.contains("\(k) \(n)")) }
    }

    @Test func foldersOfPagesWithBadFilesStillLoad() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("seeds"), to: dir.appendingPathComponent("seeds"))
        try Data([0x00, 0x01]).write(to: dir.appendingPathComponent("bin.txt"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("image.png"))
        let unreadable = dir.appendingPathComponent("locked.txt")
        try Data("On 1 May 2024, a meeting was held.".utf8).write(to: unreadable)
        chmod(unreadable.path, 0)
        let r = try Binary.run(["stats", "--json", dir.path])
        #expect(r.status == 0)
        let s = try #require(Binary.json(r) as? [String: Any])
        #expect(s["articles"] as? Int ?? 0 >= 15)
        let warnings = (s["warnings"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(warnings.contains { $0.hasSuffix("bin.txt") })
        #expect((s["ignored"] as? [String])?.contains { $0.hasSuffix("image.png") } == true)
        // Root reads any file; otherwise the locked page is reported by name.
        if getuid() != 0 { #expect(warnings.contains { $0.hasSuffix("locked.txt") }) }
    }

    @Test func controlCharactersNeverReachTheOutput() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = "Evil \u{1B}]0;pwned\u{07}title\u{1B}[2J here\n\nEvil \u{1B}]0;pwned\u{07}title\u{1B}[2J here 01.05.2024\n\nOn 1 May 2024 \u{1B}[31mred\u{1B}[0m text \u{202E}reversed\u{202C} and \u{9B}31m C1.\n\nGo back\n"
        try Data(page.utf8).write(to: dir.appendingPathComponent("evil.txt"))
        for args in [["list", dir.path], ["show", "0", dir.path], ["list", "--json", dir.path]] {
            var a = args
            if args[0] == "show" {
                let list = try #require(Binary.json(try Binary.run(["list", "--json", dir.path])) as? [[String: Any]])
                a[1] = list[0]["id"] as! String
            }
            let r = try Binary.run(a)
            #expect(r.status == 0, "\(a) \(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
        }
    }
}

@Suite(.serialized) struct SearchCLITests {
    @Test func searchPrintsRankedResultsAndExitsOneOnNone() throws {
        let r = try Binary.run(["search", "otunbayeva"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.contains("2024-04-08") == true)
        #expect(lines.first?.contains("On 8 April 2024") == true)
        #expect(r.stderr.contains("1 of 1 result"))
        // Not a terminal: no escape sequences around the matches.
        #expect(!r.stdout.contains("\u{1B}"))
        let none = try Binary.run(["search", "zzzzqqq"])
        #expect(none.status == 1 && none.stdout.isEmpty)
        // Said on standard error as `list` says it, with or without --json.
        #expect(none.stderr == "csto-reader: no article matches 'zzzzqqq'\n", "\(none.stderr)")
        let noneJSON = try Binary.run(["search", "zzzzqqq", "--year", "2024", "--json"])
        #expect(noneJSON.status == 1)
        #expect(noneJSON.stderr == "csto-reader: no article matches 'zzzzqqq year:2024'\n", "\(noneJSON.stderr)")
        #expect((Binary.json(noneJSON) as? [String: Any])?["total"] as? Int == 0)
    }

    @Test func searchJSONCarriesHighlightsAndFacets() throws {
        let r = try Binary.run(["search", "interaction 2018", "--json"])
        #expect(r.status == 0)
        let j = try #require(Binary.json(r) as? [String: Any])
        #expect(j["query"] as? String == "interaction 2018")
        let results = try #require(j["results"] as? [[String: Any]])
        #expect((results.first?["title"] as? String)?.hasPrefix("In the Kyrgyz Republic") == true)
        let hl = try #require(results.first?["highlights"] as? [String: Any])
        let title = try #require(results.first?["title"] as? String)
        let titleRanges = try #require(hl["title"] as? [[Int]])
        let scalars = Array(title.unicodeScalars)
        let marked = titleRanges.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
        #expect(marked.contains("Interaction"))
        #expect(marked.contains("2018"))
        let facets = try #require(j["facets"] as? [String: [[String: Any]]])
        #expect(Set(facets.keys) == ["year", "organization", "kind", "country", "exercise"])
        #expect((facets["kind"] ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == j["total"] as? Int)
    }

    @Test func aBadQueryIsOneLineAndExitTwo() throws {
        for q in ["colour:red", "year:20x4", "kind:parade", "before:2024-13-01"] {
            let r = try Binary.run(["search", q])
            #expect(r.status == 2, "\(q)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(q): \(r.stderr)")
        }
        let help = try Binary.run(["search", "--help"])
        #expect(help.stdout.contains("exercise:interaction"))
    }
}

/// `explain`: how a page was read, line by line.
@Suite struct ExplainCLITests {
    @Test func explainsASeedPageLineByLine() throws {
        let page = repoRoot.appendingPathComponent("seeds/000_bf295f750603a771.txt").path
        let r = try Binary.run(["explain", page])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("decision: main title at line 15"))
        #expect(r.stdout.contains("title candidates:"))
        #expect(r.stdout.contains("repeated with a date"))
        // Every non-blank line of the page is listed with a role.
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains(" title ") && $0.contains("The CSTO is holding a strategic") })
        #expect(lines.contains { $0.contains("title repeat") })
        #expect(lines.filter { $0.contains(" footer ") }.count == 3)
    }

    @Test func explainJSONGivesRolesArticlesAndReasons() throws {
        let dir = repoRoot.appendingPathComponent("Tests/CorpusTests/Fixtures/layouts").path
        let r = try Binary.run(["explain", "--json", dir + "/16_newspaper_two_line_headline.txt", dir + "/17_newspaper_one_line_headline.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let pages = try #require(Binary.json(r) as? [[String: Any]])
        #expect(pages.count == 2)
        let first = try #require(pages.first)
        let lines = try #require(first["lines"] as? [[String: Any]])
        let roles = Set(lines.compactMap { $0["role"] as? String })
        #expect(roles.isSuperset(of: ["title", "byline", "timestamp", "media", "body", "footer"]), "\(roles)")
        #expect(lines.allSatisfy { !($0["reason"] as? String ?? "").isEmpty })
        let articles = try #require(first["articles"] as? [[String: Any]])
        let main = try #require(articles.first { $0["role"] as? String == "main" })
        #expect(main["byline"] as? String == "Stanislav Zas")
        #expect((first["confidence"] as? Double).map { (0...1).contains($0) } == true)
        #expect(!(first["candidates"] as? [Any] ?? []).isEmpty)
    }

    @Test func explainOfAMissingFileIsAOneLineError() throws {
        let r = try Binary.run(["explain", "/nonexistent/page.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test func statsListsCloseCallsInJSON() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = "The CSTO Secretary General met with the Ambassador of China\n\nThe parties discussed regional security.\n\nThey agreed to meet again.\n\n\nThe CSTO Secretary General met with the Ambassador of India\n\nThe parties discussed regional security.\n\nThey agreed to meet again soon.\n"
        try page.write(to: dir.appendingPathComponent("close.txt"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["stats", "--json", dir.path])
        let j = try #require(Binary.json(r) as? [String: Any])
        let close = try #require(j["low_confidence"] as? [[String: Any]])
        #expect(close.count == 1)
        #expect((close.first?["file"] as? String)?.hasSuffix("close.txt") == true)
        let text = try Binary.run(["stats", dir.path])
        #expect(text.stdout.contains("close calls: 1 page"))
    }

    @Test func searchFindsANameWrittenWithALookAlikeLetter() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = "The \u{0421}STO held a seminar in Minsk\n\nThe \u{0421}STO held a seminar in Minsk 01.02.2024\n\nOn 1 February 2024, the \u{0421}STO held a seminar on information security in Minsk.\n"
        try page.write(to: dir.appendingPathComponent("p.txt"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["search", "csto seminar", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("seminar in Minsk"))
        let typed = try Binary.run(["search", "\u{0421}STO seminar", dir.path])
        #expect(typed.status == 0)
        #expect(typed.stdout.contains("seminar in Minsk"))
        let org = try Binary.run(["list", "--org", "CSTO", dir.path])
        #expect(org.status == 0)
        #expect(org.stdout.contains("seminar in Minsk"))
    }
}

@Suite(.serialized) struct BenchCLITests {
    /// The parser scored against fixture pages with expected files.
    @Test func accuracyScoresAFolderOfPages() throws {
        let dir = repoRoot.appendingPathComponent("Tests/CorpusTests/Fixtures/layouts2").path
        let r = try Binary.run(Binary.bench, ["accuracy", dir, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(Binary.json(r) as? [String: Any])
        #expect(j["pages"] as? Int == 30)
        for k in ["main_titles", "published_dates", "teaser_counts"] {
            let f = try #require(j[k] as? [String: Any], "\(k)")
            #expect(f["percent"] as? Double == 100, "\(k)")
        }
        let text = try Binary.run(Binary.bench, ["accuracy", dir])
        #expect(text.stdout.contains("main titles"))
        let none = try Binary.run(Binary.bench, ["accuracy", repoRoot.appendingPathComponent("seeds").path])
        #expect(none.status != 0)
        // A broken expected file is named, in one line, and fails the run.
        let bad = tempDir()
        defer { try? FileManager.default.removeItem(at: bad) }
        try "Title\n\nBody.\n".write(to: bad.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "{\"main\": {\"title\": ".write(to: bad.appendingPathComponent("a.expected.json"), atomically: true, encoding: .utf8)
        let broken = try Binary.run(Binary.bench, ["accuracy", bad.path])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("a.expected.json"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
    }

    /// A quick smoke run of the UI benchmark at a small size.
    @Test func uiBenchmarkReportsFramesKeystrokesAndTheTimeline() throws {
        let r = try Binary.run(Binary.bench, ["ui", "--articles", "500", "--keys", "40", "--search-pages", "60", "--width", "100", "--height", "30", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(Binary.json(r) as? [String: Any])
        for k in ["full_frame", "scroll_keystroke", "pager_keystroke", "search"] {
            let e = try #require(j[k] as? [String: Any], "\(k)")
            #expect((e["p99_ms"] as? Double ?? -1) > 0, "\(k)")
        }
        #expect(((j["search"] as? [String: Any])?["keystrokes"] as? Int) == 13)
        #expect(((j["timeline"] as? [String: Any])?["rows"] as? Int ?? 0) > 0)
        #expect((j["first_frame_ms"] as? Double ?? 0) > 0)
    }

    /// A quick smoke run of the search benchmark at a small size, with FTS5.
    @Test func searchBenchmarkReportsBothEngines() throws {
        let r = try Binary.run(Binary.bench, ["search", "--pages", "150", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(Binary.json(r) as? [String: Any])
        #expect(j["pages"] as? Int == 150)
        #expect((j["keystrokes"] as? Int ?? 0) > 100)
        for engine in ["engine", "fts5"] {
            let e = try #require(j[engine] as? [String: Any], "\(engine)")
            for k in ["build_s", "p50_ms", "p99_ms", "max_ms"] { #expect((e[k] as? Double ?? -1) >= 0, "\(engine).\(k)") }
            #expect((e["index_bytes"] as? Int ?? 0) > 0)
        }
    }

    /// `--verbose` names the slowest keystrokes with their costliest parts, in the run and on a
    /// fresh searcher; bad options and query files are one-line errors naming the subcommand.
    @Test func searchBenchmarkVerboseAndItsErrors() throws {
        let r = try Binary.run(Binary.bench, ["search", "--pages", "120", "--no-fts5", "--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("the 15 slowest keystrokes"))
        let lines = r.stderr.split(separator: "\n")
        let inTheRun = lines.filter { $0.hasPrefix("            in the run: ") }
        #expect(inTheRun.count == 15)
        // Each replayed keystroke says its own total, then its parts, and always what no part holds.
        for line in inTheRun where !line.hasSuffix("an answer kept") {
            #expect(line.contains(" ms in all: ") && line.contains("outside the parts "), "\(line)")
        }
        #expect(lines.filter { $0.hasPrefix("            on a fresh searcher: ") }.count == 15)
        #expect(lines.contains { $0.contains("rank top 200") })
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("q.txt")
        // (A query may end half typed, as the harder set's do: only the third is wrong.)
        try "afgh\n\"of the s\n(x) y\n".write(to: bad, atomically: true, encoding: .utf8)
        for (args, says) in [(["search", "--queries", bad.path, "--pages", "10"], "query 3 of"),
                             (["search", "--queries", dir.path + "/none.txt"], "cannot read the query file"),
                             (["search", "--pages", "0"], "--pages takes a positive number"),
                             (["search", "--pages", "5", "--corpus", dir.path], "not both")] {
            let e = try Binary.run(Binary.bench, args)
            #expect(e.status == 2 && e.stderr.contains(says) && e.stderr.contains("see 'reader-bench search --help'"), "\(args): \(e.stderr)")
            #expect(e.stderr.split(separator: "\n").filter { !$0.contains("a debug build") }.count == 1, "\(args): \(e.stderr)")
        }
    }

    /// A quick smoke run of the generator and the ingest benchmark at a small size.
    @Test func generateThenIngest() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try Binary.run(Binary.bench, ["generate", "--pages", "200", "--out", dir.path, "--seed", "3"])
        #expect(g.status == 0, "\(g.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 200)
        // Deterministic: the same seed writes the same bytes.
        let again = tempDir()
        defer { try? FileManager.default.removeItem(at: again) }
        _ = try Binary.run(Binary.bench, ["generate", "--pages", "5", "--out", again.path, "--seed", "3"])
        #expect(FileManager.default.contents(atPath: again.path + "/000004.txt") == FileManager.default.contents(atPath: dir.path + "/000004.txt"))

        let r = try Binary.run(Binary.bench, ["ingest", dir.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(Binary.json(r) as? [String: Any])
        #expect(j["pages"] as? Int == 200)
        #expect((j["articles"] as? Int ?? 0) > 200)
        for k in ["mb", "wall_s", "mb_per_s", "peak_rss_mb"] { #expect((j[k] as? Double ?? 0) > 0, "\(k)") }
        for k in ["read_clean_s", "line_counts_s", "parse_s", "merge_s", "analyse_s"] { #expect(j[k] is Double, "\(k)") }
    }

    @Test func generateTakesAMixOfLayouts() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try Binary.run(Binary.bench, ["generate", "--pages", "30", "--out", dir.path, "--mix", "list=1"])
        #expect(g.status == 0, "\(g.stderr)")
        let stats = try Binary.run(["stats", "--json", dir.path])
        let j = try #require(Binary.json(stats) as? [String: Any])
        #expect(j["pages"] as? Int == 30)
        // List pages hold teasers only.
        let list = try #require(Binary.json(try Binary.run(["list", "--json", dir.path])) as? [[String: Any]])
        #expect(list.allSatisfy { $0["full"] as? Bool == false })
        let bad = try Binary.run(Binary.bench, ["generate", "--pages", "3", "--out", dir.path, "--mix", "nosuch=1"])
        #expect(bad.status != 0)
    }
}

/// Writes survive being killed: SIGKILL while marking, in a loop; every mark that was
/// acknowledged (printed after its commit) is there afterwards, and the database always opens.
@Suite(.serialized) struct KillWhileSavingTests {
    @Test func acknowledgedMarksSurviveSIGKILL() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var acknowledged: [String] = []
        var killedWhileRunning = 0
        for i in 0..<40 {
            let p = try Binary.start(Binary.reader, ["state-stress", "--dir", dir.path, "--prefix", "k\(i)-"])
            // Part of what is tested, not a wait for something: the kill lands 40 to 100 ms
            // into the run, at a different point of the writes each time.
            usleep(UInt32(40_000 + (i * 7_919) % 60_000))
            if p.isRunning { killedWhileRunning += 1 }
            p.signal(SIGKILL)
            let text = try p.finish(timeout: 30).stdout
            // A line cut by the kill was not acknowledged.
            acknowledged += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
        #expect(killedWhileRunning > 35)
        #expect(acknowledged.count > 20, "marks were written across the kills: \(acknowledged.count)")
        let (state, warning) = StateStore(directory: dir).load()
        #expect(warning == nil)
        let lost = acknowledged.filter { !state.read.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(5))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("corrupt") }
        #expect(leftovers.isEmpty)
    }

    @Test func writersAtOnceLoseNothing() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var procs: [RunningProcess] = []
        for w in 0..<3 {
            procs.append(try Binary.start(Binary.reader, ["state-stress", "--dir", dir.path, "--prefix", "w\(w)-", "--saves", "150"]))
        }
        var acknowledged: [String] = []
        for p in procs {
            let r = try p.finish(timeout: 120)
            #expect(r.status == 0, "\(r.stderr)")
            acknowledged += r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(acknowledged.count == 450)
        let state = StateStore(directory: dir).load().0
        #expect(state.read.count == 450)
        #expect(Set(acknowledged) == state.read)
    }
}

/// `reader-bench startup` at a small size: it runs end to end and checks its own results.
@Suite(.serialized) struct StartupBenchSmokeTests {
    @Test func theStartupBenchmarkRunsAndFindsTheSameResultsWithAndWithoutTheCache() throws {
        let r = try Binary.run(Binary.bench, ["startup", "--pages", "60", "--runs", "1", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["pages"] as? Int == 60)
        #expect(json["same_results"] as? Bool == true)
        #expect((json["warm_search_s"] as? Double ?? 0) > 0)
        #expect((json["refresh_pages_read"] as? Int ?? 0) >= 1)
    }
}
