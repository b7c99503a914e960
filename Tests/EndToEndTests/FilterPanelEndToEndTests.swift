import Glibc
import Foundation
import ReaderTestSupport
import Testing

/// The filter panel, in the real binary inside tmux.
@Suite(.serialized) struct FilterPanelEndToEndTests {
    let reader = Tmux.reader

    @Test func aYearFilterLeavesExactlyOneArticle() throws {
        let t = try Tmux(width: 120, height: 40, command: "env -u NO_COLOR \(reader)")
        try t.wait { $0.contains("15 articles") }
        try t.send("f")
        var screen = try t.wait { $0.contains("Filters") }
        #expect(screen.contains("[ ] 2018"))
        // 2024, 2019, 2018: the third year.
        try t.send("j", "j", "Space")
        screen = try t.wait { $0.contains("1 of 15") }
        #expect(screen.contains("[x] 2018"))
        try t.send("f")
        screen = try t.wait { !$0.contains("Filters") && $0.contains("1 of 15") }
        #expect(screen.contains("year:2018"), "the filter shows as a chip")
        #expect(ListScreen.rows(screen).count == 1)
        #expect(ListScreen.rows(screen).first?.contains("E In the Kyrgyz Republic") == true)
        try t.send("F")
        screen = try t.wait { $0.contains("15 articles") }
        #expect(ListScreen.rows(screen).count == 15)
        try t.send("q")
    }
}

extension FilterPanelEndToEndTests {
    @Test func sortMonthsNarrowingAndCompletion() throws {
        let t = try startReader()
        try t.send("/")
        try t.type("kind:me")
        var screen = try t.wait { $0.contains("/kind:me") }
        #expect(!screen.contains("kind: takes"), "a half-typed value flashes no error")
        try t.send("Tab")
        screen = try t.wait { $0.contains("/kind:meeting ") }
        try t.send("Enter")
        // (A filter alone ranks nothing: the header names no order until `o` sorts by date.)
        screen = try t.wait { $0.contains("kind:meeting") && $0.split(separator: "\n")[0].contains(" of 15") }
        #expect(!screen.split(separator: "\n")[0].contains("by relevance"))
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
}
