import Foundation
import ReaderTestSupport
import Testing

/// The workbench through the real binary in tmux: each screen, tags and notes kept in the
/// state, the editor, a pipe, the clipboard, export.
@Suite struct WorkbenchEndToEndTests {
    func temp(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csto-wb-\(name)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func cli(_ args: [String], state: String) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state
        let r = try Processes.run(URL(fileURLWithPath: Tmux.reader), args, environment: env)
        return (r.status, r.stdout, r.stderr)
    }

    /// Types a query and keeps it.
    func search(_ t: Tmux, _ text: String) throws {
        try t.send("/")
        try t.type(text)
        try t.send("Enter")
    }

    @Test func entitiesFilterTheResults() throws {
        let t = try startReader()
        try t.send("E")
        var screen = try t.wait { $0.contains("entities: organizations") }
        #expect(screen.contains("Named with CSTO"))
        #expect(screen.contains("organizations   people   countries   exercises"))
        try t.send("Tab", "Tab")
        screen = try t.wait { statusLine($0).contains("entities: countries") }
        try t.send("/")
        try t.type("arm")
        try t.send("Enter")
        screen = try t.wait { statusLine($0).contains("\"arm\"") }
        #expect(screen.contains("Armenia"))
        try t.send("Enter")
        screen = try t.wait { $0.contains("2 results naming Armenia") }
        #expect(screen.contains("country:Armenia"))
        #expect(ListScreen.rows(screen).count == 2)
        try t.send("Escape", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func keywordInContextOpensThePagerAtTheWord() throws {
        let t = try startReader(140, 40)
        try search(t, "afghanistan")
        try t.wait { $0.contains("4 of 15") }
        try t.send("c")
        var screen = try t.wait { statusLine($0).contains("in context: 1/5 by date") }
        // The keyword in one column, with the article's title at the side (140 columns).
        let columns = screen.split(separator: "\n").compactMap { line -> Int? in
            line.range(of: "Afghanistan").map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        #expect(columns.count >= 4 && Set(columns).count == 1)
        #expect(screen.contains("Interview of the CSTO Secretary"))
        try t.send("o")
        screen = try t.wait { statusLine($0).contains("by left") }
        try t.send("j", "j", "j", "Enter")
        screen = try t.wait { $0.contains("match") && $0.contains("for Afghanistan") }
        try t.send("q", "q", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func trendComparesAndFilters() throws {
        let t = try startReader()
        try t.send("T")
        var screen = try t.wait { statusLine($0).contains("trend by year: 2024 10") }
        #expect(screen.contains("█ all articles"))
        try t.send("v")
        try t.type("armenia")
        try t.send("Enter")
        screen = try t.wait { $0.contains("▒ armenia") }
        #expect(statusLine(screen).contains("10 vs 1"))
        try t.send("Tab")
        screen = try t.wait { statusLine($0).contains("trend by month: 2024-07") }
        try t.send("Enter")
        screen = try t.wait { $0.contains("2 results in 2024-07") }
        #expect(ListScreen.rows(screen).count == 2)
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func relatedArticlesOpenFromTheList() throws {
        let t = try startReader()
        try t.send("G", "k", "k")
        try t.wait { statusLine($0).contains("13/15") }
        try t.send("r")
        var screen = try t.wait { $0.contains("Like: Allow me to thank") }
        #expect(screen.contains("2024-07-19"))
        try t.send("Enter")
        screen = try t.wait { $0.contains("took part in the debate") && !$0.contains("Like:") }
        try t.send("q", "q", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func tagsNotesAndSavedSearchesAreKept() throws {
        let state = temp("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        // An editor that reads a line from the terminal (as vi or nano do: it must own the
        // terminal, not be stopped in the background) and appends it to the note's file.
        let editor = URL(fileURLWithPath: state).appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf 'editor> '\nread line < /dev/tty\nprintf '%s\\n' \"$line\" >> \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let t = try startReader(env: ["XDG_STATE_HOME": state, "EDITOR": editor.path, "VISUAL": ""])
        try t.send("+")
        try t.wait { statusLine($0).contains("tags (+add -remove):") }
        try t.type("brief")
        try t.send("Enter")
        var screen = try t.wait { $0.contains("tags: brief") }
        #expect(screen.contains("Tags           brief"))
        try t.send("a")
        try t.wait { $0.contains("editor> ") }
        try t.type("written in the editor")
        try t.send("Enter")
        screen = try t.wait { $0.contains("note saved") }
        #expect(screen.contains("Your note") && screen.contains("written in the editor"))
        try search(t, "has:note")
        screen = try t.wait { $0.contains("1 of 15") }
        try t.send("S")
        try t.type("noted")
        try t.send("Enter")
        try t.wait { $0.contains("saved 'noted'") }
        try t.send("Escape", "L")
        screen = try t.wait { statusLine($0).contains("saved searches: 1") }
        #expect(screen.contains("noted") && screen.contains("has:note"))
        try t.send("Enter")
        try t.wait { $0.contains("noted: 1 result") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        // The CLI sees what the reader kept.
        let (_, listing, _) = try cli(["search", "tag:brief", "--json"], state: state)
        #expect(listing.contains("\"total\" : 1") || listing.contains("\"total\": 1"))
        let (_, saved, _) = try cli(["saved"], state: state)
        #expect(saved.contains("noted") && saved.contains("1 results") && saved.contains("has:note"))
    }

    @Test func pipeGivesTheTerminalAwayAndTakesItBack() throws {
        let t = try startReader()
        try search(t, "afghanistan")
        try t.wait { $0.contains("4 of 15") }
        try t.send("|")
        // One line of facts per article: "ID · DATE · KIND".
        try t.type("grep -c ' · '")
        try t.send("Enter")
        var screen = try t.wait { $0.contains("press Enter to return") }
        #expect(screen.contains("\n4\n") || screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "4" })
        try t.send("Enter")
        screen = try t.wait { $0.contains("4 of 15") && $0.contains("piped 4 articles to grep -c") }
        try t.send("Escape", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func copyExportAndMarkAllRead() throws {
        let out = temp("export")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let t = try startReader()
        // tmux takes the clipboard escape into its buffer when set-clipboard is on.
        _ = try Tmux.run(["-L", t.socket, "set-option", "-g", "set-clipboard", "on"], capture: true)
        try t.send("y")
        try t.wait { $0.contains("copied fd6e7ee811a3") }
        let (_, buffer) = try Tmux.run(["-L", t.socket, "show-buffer"], capture: true)
        #expect(buffer.contains("fd6e7ee811a3"))
        try search(t, "kind:exercise")
        try t.wait { $0.contains("3 of 15") }
        try t.send("x")
        try t.wait { statusLine($0).contains("export the results to") }
        try t.send("C-u")
        try t.type("\(out)/drills.md")
        try t.send("Enter")
        try t.wait { $0.contains("3 articles written to \(out)/drills.md") }
        let md = try String(contentsOfFile: "\(out)/drills.md", encoding: .utf8)
        #expect(md.hasPrefix("# Articles for: kind:exercise"))
        #expect(md.components(separatedBy: "\n## ").count == 4)
        try t.send("A")
        try t.wait { $0.contains("3 marked read (U undoes)") }
        try t.send("U")
        try t.wait { $0.contains("3 unread again") }
        try t.send("Escape", "q")
        #expect(try t.waitForExit() == 0)
    }
}
