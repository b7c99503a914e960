import Foundation
import Glibc
import ReaderTestSupport
import Testing

/// What a new user hit, each through the real binary in tmux: the query and filters from the
/// timeline, the selection kept, the pager's next article and questions, sort and months, the
/// filter panel narrowed, the layout, completion, a vt100 terminal, the config file.
@Suite(.serialized) struct ScreensEndToEndTests {
    let reader = Tmux.reader

    func start(_ w: Int = 120, _ h: Int = 40, env: [String: String] = [:]) throws -> Tmux {
        let t = try Tmux(width: w, height: h, command: reader, env: env)
        try t.wait { $0.contains("15 articles") && $0.contains("1/15") }
        return t
    }

    func statusLine(_ screen: String) -> String { String(screen.split(separator: "\n", omittingEmptySubsequences: false).last { !$0.isEmpty } ?? "") }

    @Test func theQueryAndFiltersWorkFromTheTimeline() throws {
        let t = try start()
        try t.send("t")
        try t.wait { $0.contains("timeline: 12 exercises and meetings") }
        try t.send("/")
        // `c` and `e` are timeline commands; typed after `/` they are the query.
        try t.type("csto ec")
        var screen = try t.wait { $0.contains("/csto ec") }
        try t.send("BSpace", "BSpace", "BSpace")
        try t.send("Enter")
        screen = try t.wait { $0.contains("timeline:") && $0.contains("/csto") && !$0.contains("results") }
        #expect(!screen.contains("q back  J next"), "Enter did not open an article")
        #expect(!screen.contains("Exercise series"), "c did not collapse the series")
        try t.send("f")
        // The panel opens over the timeline (its rows still show on the left).
        screen = try t.wait { $0.contains("Filters") && $0.contains("Space toggle") }
        #expect(screen.contains("date unknown"))
        try t.send("Space")
        screen = try t.wait { $0.contains("[x] 2024") }
        try t.send("Escape")
        screen = try t.wait { !$0.contains("Filters") && $0.contains("year:2024") }
        #expect(!screen.contains("2018"))
        try t.send("q", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func clearingTheSearchKeepsTheArticleAndTheTimelineGivesItBack() throws {
        let t = try start()
        try t.send("j", "j", "j")
        try t.wait { $0.contains("4/15") }
        try t.send("/")
        try t.type("csto")
        try t.send("Enter")
        try t.wait { $0.contains(" of 15") && !$0.contains("results") }
        try t.send("Escape")
        let screen = try t.wait { $0.contains("15 articles") }
        #expect(statusLine(screen).contains("4/15"), "the same article, not row 1: \(statusLine(screen))")
        // Read an event from the timeline; back in the list, it is selected.
        try t.send("t")
        try t.wait { $0.contains("timeline:") }
        try t.send("g", "Enter")
        try t.wait { $0.contains("q back") }
        try t.send("q", "q")
        let back = try t.wait { $0.contains("15 articles") && $0.contains("Enter read") }
        #expect(statusLine(back).contains("12/15"), "the Kyrgyz exercise of 2018 is the 12th: \(statusLine(back))")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func thePagerMovesBetweenArticlesAndCountsQuestions() throws {
        let t = try start()
        for _ in 0..<8 { try t.send("j") }
        try t.send("Enter")
        var screen = try t.wait { $0.contains("Q –/7") }
        #expect(screen.contains("9/15"))
        try t.send("]")
        screen = try t.wait { $0.contains("Q 1/7") }
        try t.send("G", "]", "]", "]", "]", "]", "]", "]")
        screen = try t.wait { $0.contains("last question (7 of 7)") }
        try t.send("J")
        screen = try t.wait { $0.split(separator: "\n")[0].contains("10/15") }
        #expect(screen.contains("strategic command"))
        try t.send("K", "K")
        try t.wait { $0.split(separator: "\n")[0].contains("8/15") }
        try t.send("q")
        let list = try t.wait { $0.contains("Enter read") }
        #expect(statusLine(list).contains("8/15"), "the list followed the pager")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func sortMonthsNarrowingAndCompletion() throws {
        let t = try start()
        try t.send("/")
        try t.type("kind:me")
        var screen = try t.wait { $0.contains("/kind:me") }
        #expect(!screen.contains("kind: takes"), "a half-typed value flashes no error")
        try t.send("Tab")
        screen = try t.wait { $0.contains("/kind:meeting ") }
        try t.send("Enter")
        screen = try t.wait { $0.contains("kind:meeting") && $0.contains("by relevance") }
        try t.send("o")
        screen = try t.wait { $0.split(separator: "\n")[0].contains("by date") }
        // The year facet opens into months; a month is a filter.
        try t.send("f")
        try t.wait { $0.contains("Filters") }
        try t.send("l")
        screen = try t.wait { $0.contains("April") }
        // The meetings of 2024 fall in April and July.
        try t.send("j", "Space")
        screen = try t.wait { $0.contains("month:2024-04") && $0.contains("[x]   April") }
        // Typing narrows the values.
        try t.send("/")
        try t.type("counc")
        try t.send("Enter")
        screen = try t.wait { $0.contains("Filters: counc") }
        #expect(screen.contains("Council"))
        #expect(!screen.contains("[ ] UN "))
        try t.send("Escape", "q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theListWidensAndTheDetailHides() throws {
        let t = try start()
        var screen = try t.screen()
        let border = screen.split(separator: "\n")[1].firstIndex(of: "│").map { screen.split(separator: "\n")[1].distance(from: screen.split(separator: "\n")[1].startIndex, to: $0) }
        try t.send(">")
        screen = try t.wait { $0.contains("list 60% of the width") }
        let wider = screen.split(separator: "\n")[1].firstIndex(of: "│").map { screen.split(separator: "\n")[1].distance(from: screen.split(separator: "\n")[1].startIndex, to: $0) }
        #expect((wider ?? 0) > (border ?? 0))
        try t.send("v")
        screen = try t.wait { $0.contains("detail hidden") }
        #expect(screen.contains("On 25 July 2024, staff of the CSTO Secretariat met with graduates of Central Asian universities"))
        #expect(!screen.split(separator: "\n")[1].contains("│"))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func quittingUnderVT100LeavesACleanPrompt() throws {
        let t = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile", env: ["TERM": "vt100"])
        try t.type("PS1='$ '; clear; \(reader); echo status=$?")
        try t.send("Enter")
        try t.wait { $0.contains("15 articles") }
        try t.send("q")
        let screen = try t.wait { $0.contains("status=0") }
        #expect(!screen.contains("15 articles") && !screen.contains("Enter read"), "no frame left under the prompt:\n\(screen)")
    }

    @Test func theConfigFileRebindsKeysAndNamesItsProblems() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("csto-e2e-config-\(getpid())")
        let folder = home.appendingPathComponent("csto-reader")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try """
        [keys.list]
        quit = "x"
        [layout]
        list-width = 500
        """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let t = try Tmux(width: 120, height: 40, command: "bash --norc --noprofile", env: ["XDG_CONFIG_HOME": home.path])
        try t.type("PS1='$ '; clear; \(reader); echo status=$?")
        try t.send("Enter")
        var screen = try t.wait { $0.contains("15 articles") }
        #expect(screen.contains("config.toml:4: list-width takes a percent from 20 to 80"))
        try t.send("j")
        screen = try t.wait { $0.contains("x quit") }
        try t.send("?")
        screen = try t.wait { $0.contains("Keys") }
        #expect(screen.contains("x                quit") || screen.contains("  x "))
        try t.send("q")
        try t.wait { !$0.contains("Keys") }
        try t.send("q")
        try t.send("x")
        screen = try t.wait { $0.contains("status=0") }
        #expect(screen.contains("csto-reader: \(folder.path)/config.toml:4: list-width takes a percent from 20 to 80"))
    }
}
