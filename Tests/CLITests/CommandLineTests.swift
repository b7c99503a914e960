import Foundation
import ReaderTestSupport
import Testing

/// What a new user hit on the command line: mistyped commands, query mistakes, unknown
/// organizations, bad numbers, output for pipes; and one filter for the CLI, the panel and search.
@Suite struct CommandLineTests {
    func error(_ args: [String]) throws -> (Int32, String) {
        let r = try Binary.run(args)
        return (r.status, r.stderr)
    }

    @Test func aMistypedCommandSaysWhichOneWasMeant() throws {
        var (status, err) = try error(["lsit"])
        #expect(status == 2 && err == "csto-reader: unknown command 'lsit' — did you mean 'list'? (see 'csto-reader --help')\n")
        (status, err) = try error(["help", "serch"])
        #expect(status == 2 && err.contains("unknown command 'serch' — did you mean 'search'?"))
        (status, err) = try error(["frobnicate"])
        #expect(status == 2 && err.contains("unknown command 'frobnicate', and no such file or folder"))
        // A path that exists is still a path.
        #expect(try Binary.run(["list", "/no/such/dir"]).stderr.contains("no such file or folder"))
    }

    @Test func queryMistakesNameTheirColumn() throws {
        let cases: [(String, String)] = [
            ("afgh \"strategic", "unbalanced quote: the \" at column 6 is never closed"),
            ("csto OR", "OR at column 6 needs a term after it"),
            ("(afgh OR csto)", "parentheses are not supported (column 1)"),
            ("kind:parade", "kind: takes one of exercise, meeting, interview, statement, other"),
        ]
        for (query, message) in cases {
            let (status, err) = try error(["search", query])
            #expect(status == 2, "\(query)")
            #expect(err.hasPrefix("csto-reader: " + message), "\(query): \(err)")
            #expect(err.hasSuffix("(see 'csto-reader search --help')\n"), "\(query): \(err)")
            #expect(err.split(separator: "\n").count == 1)
        }
    }

    /// A query's mistake is told before any page is read (reading a large folder takes long):
    /// given a folder that does not exist, the query's error comes, not the folder's.
    @Test func aQueryMistakeIsToldBeforeThePagesAreRead() throws {
        for args in [["search", "\"of the s", "/no/such/dir"], ["kwic", "\"of the s", "/no/such/dir"],
                     ["search", "foo:bar", "/no/such/dir"], ["trend", "nato", "--versus", "\"a b", "/no/such/dir"]] {
            let (status, err) = try error(args)
            #expect(status == 2, "\(args)")
            #expect(err.contains("unbalanced quote") || err.contains("unknown field 'foo:'"), "\(args): \(err)")
            #expect(!err.contains("no such"), "\(args): \(err)")
        }
        // An output file that cannot be written: said before the pages are read, naming it.
        let (outStatus, outErr) = try error(["export", "nato", "/no/such/dir", "--out", "/nonexistent-dir/out.md"])
        #expect(outStatus == 2 && outErr.hasPrefix("csto-reader: cannot write /nonexistent-dir/out.md: no folder /nonexistent-dir"), "\(outErr)")
        // The output path's other mistakes, and a link written through (the file it names
        // replaced, the link kept).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("afile").path
        FileManager.default.createFile(atPath: file, contents: Data())
        for (out, said) in [("", "--out takes a file's path (not an empty one)"), (dir.path, "it names a folder"),
                            (dir.path + "/nosuch/", "it names a folder"), (file + "/x.md", "\(file) is a file, not a folder")] {
            let (status, err) = try error(["export", "nato", "/no/such/dir", "--out", out])
            #expect(status == 2 && err.contains(said) && !err.contains("no such file or folder"), "\(out): \(err)")
        }
        let target = dir.appendingPathComponent("target.md").path
        FileManager.default.createFile(atPath: target, contents: Data("old".utf8))
        let link = dir.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.md")
        let written = try Binary.run(["export", "afghanistan", "--out", link])
        #expect(written.status == 0 && written.stderr.contains("written to \(link)"), "\(written.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.md")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# "))
        // kwic needs a word to show: said before the pages are read too.
        let (status, err) = try error(["kwic", "kind:meeting", "/no/such/dir"])
        #expect(status == 2 && err.contains("the query has no words to show in context"), "\(err)")
    }

    @Test func anUnknownOrganizationNamesTheNearestKnownOnes() throws {
        for args in [["list", "--org", "UNN"], ["search", "org:UNN"]] {
            let (status, err) = try error(args)
            #expect(status == 2)
            #expect(err.contains("no article names the organization 'UNN' — nearest known: UN"), "\(args): \(err)")
        }
    }

    @Test func badNumbersAndOptionsSayWhatIsWrong() throws {
        var (status, err) = try error(["search", "--limit", "-1", "afgh"])
        #expect(status == 2 && err.hasPrefix("csto-reader: --limit takes a positive number of results (not -1)"))
        (status, err) = try error(["search", "--limit", "0", "afgh"])
        #expect(status == 2 && err.contains("--limit takes a positive number of results (not 0)"))
        (status, err) = try error(["list", "--year", "20x4"])
        #expect(status == 2 && err.contains("--year takes a year or a range") && err.contains("(not '20x4')"), "\(err)")
        // The value named once.
        (status, err) = try error(["list", "--kind", "meetin"])
        #expect(status == 2 && err.hasPrefix("csto-reader: --kind takes one of exercise, meeting") && err.components(separatedBy: "meetin'").count == 2, "\(err)")
        (status, err) = try error(["list", "--bogus"])
        // Lowercase after the program's name, and the subcommand's help named.
        #expect(status == 2 && err.hasPrefix("csto-reader: unknown option '--bogus'") && err.hasSuffix("(see 'csto-reader list --help')\n"))
        // A query starting with `-` is read as an option: the message says where it goes.
        (status, err) = try error(["search", "-nato"])
        #expect(status == 2 && err.contains("a query that starts with - goes after --, e.g. csto-reader search -- '-nato'"))
        #expect(err.split(separator: "\n").count == 1)
        // A mistyped long option is no query: no such hint.
        (status, err) = try error(["search", "--limt", "5", "afgh"])
        #expect(status == 2 && err.contains("unknown option '--limt'") && !err.contains("goes after --"))
        // A mistyped long option is no query: no such hint.
        (status, err) = try error(["search", "--limt", "5", "afgh"])
        #expect(status == 2 && err.contains("unknown option '--limt'") && !err.contains("goes after --"))
        let after = try Binary.run(["search", "--", "-nato"])
        #expect(after.status == 0 && after.stderr.hasSuffix("results\n"))
    }

    @Test func theResultCountIsALineOfItsOwnAndPipedTitlesAreWhole() throws {
        let r = try Binary.run(["search", "afgh", "--limit", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("\n"))
        #expect(r.stderr == "2 of 5 results\n")
        // Not a terminal: titles are not cut.
        let long = try Binary.run(["search", "csto", "--limit", "20"])
        let titles = (((Binary.json(try Binary.run(["search", "csto", "--limit", "20", "--json"])) as? [String: Any])?["results"] as? [[String: Any]]) ?? [])
            .compactMap { $0["title"] as? String }
        #expect(titles.contains { $0.count > 150 })
        for title in titles { #expect(long.stdout.contains("  " + title + "\n"), "\(title)") }
    }

    @Test func timelineLinesCarryIdsThatShowAccepts() throws {
        let r = try Binary.run(["timeline", "--kind", "exercise"])
        #expect(r.status == 0)
        let eventLines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("    ") }
        #expect(!eventLines.isEmpty)
        for line in eventLines {
            let id = String(line.dropFirst(4).prefix { $0 != " " })
            #expect(id.count == 12)
            #expect(try Binary.run(["show", id]).status == 0, "\(id)")
        }
    }

    @Test func listOptionsAreTheQueryTermsOfSearchAndThePanel() throws {
        // An alias from --gazetteer: `list --org ALIAS` and `search org:ALIAS` agree.
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gaz = dir.appendingPathComponent("extra.tsv")
        try "org\tCSTO Secretariat\tSecretariat Alias Zeta\n".write(to: gaz, atomically: true, encoding: .utf8)
        let list = try Binary.run(["list", "--org", "Secretariat Alias Zeta", "--gazetteer", gaz.path, "--json"])
        let search = try Binary.run(["search", "org:\"Secretariat Alias Zeta\"", "--gazetteer", gaz.path, "--json", "--limit", "100"])
        #expect(list.status == 0 && search.status == 0, "\(list.stderr) \(search.stderr)")
        let listIDs = Set(((Binary.json(list) as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        let searchIDs = Set((((Binary.json(search) as? [String: Any])?["results"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(listIDs.count == 7 && listIDs == searchIDs)
        // Repeated options are ORed within a field, ANDed across fields.
        let years = try Binary.run(["list", "--year", "2018", "--year", "2019", "--json"])
        #expect(((Binary.json(years) as? [[String: Any]]) ?? []).count == 2)
        let both = try Binary.run(["list", "--year", "2018", "--year", "2019", "--kind", "exercise", "--json"])
        #expect(((Binary.json(both) as? [[String: Any]]) ?? []).count == 1)
        let month = try Binary.run(["list", "--month", "2024-04"])
        #expect(month.stdout.split(separator: "\n").count == 6)
    }

    @Test func theConfigCommandPrintsTheDefaultsAndNamesProblems() throws {
        let defaults = try Binary.run(["config", "--default"])
        #expect(defaults.status == 0 && defaults.stdout.contains("[keys.pager]") && defaults.stdout.contains("next-article = [\"J\"]"))
        let home = tempDir()
        defer { try? FileManager.default.removeItem(at: home) }
        let folder = home.appendingPathComponent("csto-reader")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The documented default file is a valid one.
        try defaults.stdout.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = home.path
        let ok = try Binary.run(["config"], env: env)
        #expect(ok.status == 0 && ok.stdout.hasSuffix(": ok\n"), "\(ok.stdout) \(ok.stderr)")
        try "[layout]\nlist-width = 5\n[keys.list]\nquit = \"Ctrl-\"\n".write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let bad = try Binary.run(["config"], env: env)
        #expect(bad.status == 2)
        let lines = bad.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("config.toml:2: list-width takes a percent from 20 to 80"))
        #expect(lines[1].contains("config.toml:4: 'Ctrl-' is not a key (accepted:"))
    }
}

/// `kwic`: keyword in context through the real binary.
@Suite struct KwicCommandTests {
    @Test func theKeywordStandsInOneColumn() throws {
        let r = try Binary.run(["kwic", "afghanistan", "--width", "25"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 5)
        let columns = Set(lines.map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: "[")!) })
        #expect(columns.count == 1, "the keyword starts at one column: \(columns)")
        #expect(lines.allSatisfy { $0.contains("[Afghanistan]") })
        // Cut at --limit, and standard error says so; not cut, it says nothing.
        let cut = try Binary.run(["kwic", "afghanistan", "--limit", "2"])
        #expect(cut.status == 0 && cut.stdout.split(separator: "\n").count == 2)
        #expect(cut.stderr == "the first 2 lines (--limit 2); --limit N shows more\n", "\(cut.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // Exactly as many as --limit: nothing was cut, nothing said.
        let exact = try Binary.run(["kwic", "afghanistan", "--limit", String(lines.count)])
        #expect(exact.status == 0 && exact.stderr.isEmpty, "\(exact.stderr)")
    }

    @Test func jsonCarriesEachOccurrence() throws {
        let r = try Binary.run(["kwic", "afghanistan", "--sort", "right", "--json"])
        let items = (Binary.json(r) as? [[String: Any]]) ?? []
        #expect(!items.isEmpty)
        for item in items {
            #expect((item["id"] as? String)?.count == 12)
            #expect((item["keyword"] as? String)?.lowercased() == "afghanistan")
            #expect(item["left"] is String && item["right"] is String && item["offset"] is Int)
        }
    }

    @Test func badInputIsOneLine() throws {
        let filtersOnly = try Binary.run(["kwic", "year:2024"])
        #expect(filtersOnly.status == 2 && filtersOnly.stderr.contains("no words to show in context"))
        let sort = try Binary.run(["kwic", "afgh", "--sort", "middle"])
        #expect(sort.status == 2 && sort.stderr.contains("--sort takes date, left or right (not 'middle')"))
        let none = try Binary.run(["kwic", "zzzqqq"])
        #expect(none.status == 1 && none.stdout.isEmpty && none.stderr == "no occurrence in 0 articles\n")
        // A path where the query goes is said so, not searched for as words; a plain word that
        // also names a folder here is searched, with a note on how to give the folder instead.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = try Binary.run(["trend", "seeds/"], cwd: root)
        #expect(folder.status == 2 && folder.stderr.contains("'seeds/' is a folder, not a query"))
        let searched = try Binary.run(["search", "seeds/"], cwd: root)
        #expect(searched.status == 2 && searched.stderr.contains("'seeds/' is a folder, not a query"))
        let dot = try Binary.run(["kwic", "."], cwd: root)
        #expect(dot.status == 2 && dot.stderr.contains("'.' is a folder, not a query"), "\(dot.stderr)")
        let word = try Binary.run(["search", "afghanistan", "--json"], cwd: root)
        #expect(word.status == 0 && word.stderr.isEmpty)
        // `bench` is a folder at the root: searched as a word, with the way to read the folder.
        let bench = try Binary.run(["search", "bench"], cwd: root)
        #expect(bench.stderr.hasPrefix("csto-reader: 'bench' is searched as words; it also names a folder here (to read the folder, give a query first: search \"\" bench)\n"),
                "\(bench.stderr)")
        #expect(bench.status == 0 || bench.status == 1, "a search, not a usage error: \(bench.status)")
        let kwicBench = try Binary.run(["kwic", "bench"], cwd: root)
        #expect(kwicBench.stderr.hasPrefix("csto-reader: 'bench' is searched as words; it also names a folder here (to read the folder, give a query first: kwic WORD bench)"),
                "\(kwicBench.stderr)")
        // The last word is a prefix, as in search: the commands agree on what a query finds.
        let trend = Binary.json(try Binary.run(["trend", "afgh", "--json"])) as? [String: Any]
        let search = Binary.json(try Binary.run(["search", "afgh", "--json"])) as? [String: Any]
        #expect(((trend?["series"] as? [[String: Any]])?.first?["total"] as? Int) == search?["total"] as? Int)
    }
}

/// `trend` and `entities` through the real binary.
@Suite struct TrendAndEntitiesCommandTests {
    @Test func trendBarsAndJSON() throws {
        let r = try Binary.run(["trend", "afghanistan", "--versus", "armenia"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("█ afghanistan: ") && lines[1].hasPrefix("▒ armenia: "))
        #expect(lines.contains { $0.hasPrefix("2024 ") && $0.contains("█") && $0.contains("▒") })
        #expect(lines.contains { $0.hasPrefix("2020 ") && !$0.contains("█") })
        let j = Binary.json(try Binary.run(["trend", "afghanistan", "--by", "month", "--json"])) as? [String: Any]
        let series = (j?["series"] as? [[String: Any]]) ?? []
        #expect(j?["by"] as? String == "month" && series.count == 1)
        let counts = (series.first?["counts"] as? [[String: Any]]) ?? []
        #expect(counts.first?["period"] as? String == "2018-10")
        #expect(counts.reduce(0) { $0 + (($1["count"] as? Int) ?? 0) } + ((series.first?["undated"] as? Int) ?? 0) == series.first?["total"] as? Int)
    }

    @Test func entitiesWithCountsAndYears() throws {
        let r = try Binary.run(["entities", "--type", "person", "--json"])
        let items = (Binary.json(r) as? [[String: Any]]) ?? []
        #expect(items.first?["name"] as? String == "Imangali Tasmagambetov")
        #expect(items.first?["latest"] as? String == "2024-07-19")
        let text = try Binary.run(["entities", "afghanistan"])
        #expect(text.status == 0 && text.stdout.hasPrefix("CSTO "))
        let bad = try Binary.run(["entities", "--type", "planet"])
        #expect(bad.status == 2 && bad.stderr.contains("--type takes organization, person, country, exercise (not 'planet')"))
        #expect(try Binary.run(["entities", "zzzqqq"]).status == 1)
        #expect(try Binary.run(["trend", "x", "--by", "week"]).stderr.contains("--by takes month or year"))
    }
}

/// `related` through the real binary.
@Suite struct RelatedCommandTests {
    @Test func relatedByIdOrPrefix() throws {
        let list = try Binary.run(["list"]).stdout.split(separator: "\n")
        let statement = String(list.first { $0.contains("Allow me to thank") }!.prefix(12))
        let debate = String(list.first { $0.contains("took part in the debate") }!.prefix(12))
        let r = try Binary.run(["related", String(statement.prefix(6)), "--json"])
        let items = (Binary.json(r) as? [[String: Any]]) ?? []
        #expect(items.first?["id"] as? String == debate)
        #expect(((items.first?["shared"] as? [String]) ?? []).contains("UN Security Council"))
        #expect(items.count <= 5)
        let missing = try Binary.run(["related", "ffffffffffff"])
        #expect(missing.status == 1 && missing.stderr.contains("no article with id 'ffffffffffff'"))
    }
}

/// `export` in every format, through the real binary.
@Suite struct ExportCommandTests {
    @Test func jsonlCsvCslAndBulkCarryEveryResult() throws {
        let total = ((Binary.json(try Binary.run(["search", "afghanistan", "--json"])) as? [String: Any])?["total"] as? Int) ?? -1
        let jsonl = try Binary.run(["export", "afghanistan", "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(jsonl.count == total && total > 0)
        #expect(jsonl.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
        let csv = try Binary.run(["export", "afghanistan", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("id,date,kind,title,organizations,countries,people,exercises,tags,note,sources\r\n"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == total + 1)
        #expect(csv.contains(",\"On 10 April 2024, the 39th meeting"), "a title with commas is quoted")
        let csl = (try JSONSerialization.jsonObject(with: Data(try Binary.run(["export", "afghanistan", "--format", "csl-json"]).stdout.utf8))) as? [[String: Any]]
        #expect(csl?.count == total)
        #expect(csl?.allSatisfy { $0["type"] as? String == "article" && $0["publisher"] as? String == "CSTO" } == true)
        #expect(csl?.contains { (($0["issued"] as? [String: Any])?["date-parts"] as? [[Int]]) == [[2024, 4, 10]] } == true)
        let bulk = try Binary.run(["export", "afghanistan", "--format", "opensearch-bulk"]).stdout.split(separator: "\n")
        #expect(bulk.count == 2 * total)
        for (i, line) in bulk.enumerated() {
            let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            #expect(i % 2 == 0 ? (o?["index"] as? [String: Any])?["_id"] is String : o?["text"] is String)
        }
    }

    @Test func aMarkdownDossierToAFile() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("dossier.md")
        // The format from the file's name (`--format md` would say the same).
        let r = try Binary.run(["export", "otunbayeva", "--out", file.path])
        #expect(r.status == 0 && r.stderr == "1 article written to \(file.path) (md)\n")
        let md = try String(contentsOf: file, encoding: .utf8)
        #expect(md.hasPrefix("# Articles for: otunbayeva\n"))
        #expect(md.contains("Roza **Otunbayeva**") && md.contains("Sources: `seeds/"))
        // No results: a file of that name is left as it was.
        let again = try Binary.run(["export", "zzzzqqq", "--out", file.path])
        #expect(again.status == 1 && again.stderr == "csto-reader: no article matches 'zzzzqqq': nothing written\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == md)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["dossier.md"])
    }

    @Test func badOutputAndNoResults() throws {
        let bad = try Binary.run(["export", "afgh", "--out", "/no/such/dir/out.md"])
        #expect(bad.status == 2 && bad.stderr.contains("cannot write /no/such/dir/out.md"))
        #expect(try Binary.run(["export", "afgh", "--format", "pdf"]).stderr.contains("--format takes md, csv, jsonl, csl-json, opensearch-bulk"))
        #expect(try Binary.run(["export", "zzzqqq"]).status == 1)
    }
}

/// `tag`, `untag`, `note`, `saved` and `--saved`: the reader's annotations from the command line,
/// each test in a state folder of its own.
@Suite struct AnnotationCommandTests {
    let id = "fd6e7ee811a3"

    func env(_ state: String) -> [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["XDG_STATE_HOME"] = state
        return e
    }

    func withState(_ body: (String) throws -> Void) throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("csto-cli-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        try body(state)
    }

    @Test func tagsAreAddedListedSearchedAndRemoved() throws {
        try withState { state in
            let e = env(state)
            var r = try Binary.run(["tag", id, "brief", "Sources"], env: e)
            #expect(r.status == 0 && r.stdout == "\(id): Sources brief\n")
            // One spelling per tag: SOURCES is the Sources in use.
            r = try Binary.run(["tag", "fd6e7ee811a3".uppercased(), "SOURCES"], env: e)
            #expect(r.stdout == "\(id): Sources brief\n")
            r = try Binary.run(["tag", id], env: e)
            #expect(r.stdout == "Sources brief\n")
            r = try Binary.run(["search", "tag:sources"], env: e)
            #expect(r.status == 0 && r.stdout.hasPrefix(id))
            r = try Binary.run(["list", "--json"], env: e)
            #expect(r.status == 0)
            // Unknown tags: in a query, and to remove.
            r = try Binary.run(["search", "tag:nope"], env: e)
            #expect(r.status == 2 && r.stderr.hasPrefix("csto-reader: no article is tagged 'nope' (tags: Sources, brief)"))
            #expect(r.stderr.split(separator: "\n").count == 1)
            r = try Binary.run(["untag", id, "nope"], env: e)
            #expect(r.status == 2 && r.stderr.contains("is not tagged 'nope'") && r.stderr.contains("nothing removed"))
            r = try Binary.run(["untag", id, "brief"], env: e)
            #expect(r.status == 0 && r.stdout == "\(id): Sources\n")
            r = try Binary.run(["tag", id, "two words"], env: e)
            #expect(r.status == 2 && r.stderr.contains("cannot be a tag"))
            r = try Binary.run(["tag", "nothex", "x"], env: e)
            #expect(r.status == 2 && r.stderr.contains("is not an article id"))
            r = try Binary.run(["untag", id, "--all"], env: e)
            #expect(r.stdout == "\(id): no tags\n")
            r = try Binary.run(["tag", id], env: e)
            #expect(r.status == 1 && r.stdout.isEmpty)
        }
    }

    @Test func notesFromTextOrStandardInputAreSearchedAndNeverEmpty() throws {
        try withState { state in
            let e = env(state)
            var r = try Binary.run(["note", id, "ask about zanzibar"], env: e)
            #expect(r.status == 0)
            r = try Binary.run(["search", "zanzibar"], env: e)
            #expect(r.status == 0 && r.stdout.hasPrefix(id))
            r = try Binary.run(["search", "has:note", "--json"], env: e)
            #expect((Binary.json(r) as? [String: Any])?["total"] as? Int == 1)
            // From standard input, replacing it.
            let piped = try Binary.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf 'from stdin\\nsecond line\\n' | '\(Binary.reader.path)' note \(id)"], env: e)
            #expect(piped.status == 0, "\(piped.stderr)")
            r = try Binary.run(["note", id, "--show"], env: e)
            #expect(r.stdout == "from stdin\nsecond line\n")
            // An empty note is refused, and the note stays.
            r = try Binary.run(["note", id, "  \n "], env: e)
            #expect(r.status == 2 && r.stderr.hasPrefix("csto-reader: empty note: nothing saved"))
            #expect(try Binary.run(["note", id, "--show"], env: e).stdout == "from stdin\nsecond line\n")
            // The dossier carries tags and notes.
            _ = try Binary.run(["tag", id, "brief"], env: e)
            r = try Binary.run(["export", "tag:brief", "--format", "md"], env: e)
            #expect(r.stdout.contains("- **Tags:** brief") && r.stdout.contains("**Note:** from stdin"))
            r = try Binary.run(["note", id, "--delete"], env: e)
            #expect(r.status == 0)
            r = try Binary.run(["note", id, "--delete"], env: e)
            #expect(r.status == 2 && r.stderr.contains("has no note"))
        }
    }

    @Test func savedSearchesWorkWhereverAQueryIsTaken() throws {
        try withState { state in
            let e = env(state)
            var r = try Binary.run(["saved"], env: e)
            #expect(r.status == 1 && r.stderr.contains("no saved searches yet"))
            r = try Binary.run(["saved", "--add", "afgh", "afghanistan year:2024"], env: e)
            #expect(r.status == 0)
            r = try Binary.run(["saved", "--add", "bad", "kind:nonsense"], env: e)
            #expect(r.status == 2 && r.stderr.contains("kind: takes one of"))
            r = try Binary.run(["saved", "--json"], env: e)
            let rows = try #require(Binary.json(r) as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows[0]["name"] as? String == "afgh" && rows[0]["results"] as? Int == 3 && rows[0]["unread"] as? Int == 3)
            // Marking one read lowers the unread count.
            _ = try Binary.run(["mark", "--read", "ba3315e9fddf"], env: e)
            r = try Binary.run(["saved"], env: e)
            #expect(r.stdout.contains("3 results, 2 unread"))
            for command in [["list"], ["search", ""], ["kwic", "afghanistan"], ["trend", ""], ["entities", ""], ["export", ""]] {
                let run = try Binary.run(command + ["--saved", "afgh"], env: e)
                #expect(run.status == 0, "\(command): \(run.stderr)")
            }
            r = try Binary.run(["list", "--saved", "afgh"], env: e)
            #expect(r.stdout.split(separator: "\n").count == 3)
            r = try Binary.run(["list", "--saved", "nope"], env: e)
            #expect(r.status == 2 && r.stderr.hasPrefix("csto-reader: no saved search named 'nope' (saved: afgh)"))
            r = try Binary.run(["saved", "--delete", "afgh"], env: e)
            #expect(r.status == 0)
            r = try Binary.run(["saved", "--delete", "afgh"], env: e)
            #expect(r.status == 2 && r.stderr.contains("no saved search named 'afgh'"))
        }
    }

    @Test func badInputIsOneClearLine() throws {
        // An export path that cannot be written; a query with no results.
        var r = try Binary.run(["export", "afghanistan", "--format", "md", "--out", "/nonexistent-dir/out.md"])
        #expect(r.status == 2 && r.stderr.hasPrefix("csto-reader: cannot write /nonexistent-dir/out.md"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        r = try Binary.run(["kwic", "zzzzqqq"])
        #expect(r.status == 1)
        r = try Binary.run(["export", "zzzzqqq", "--format", "jsonl"])
        #expect(r.status == 1 && r.stdout.isEmpty)
    }
}
