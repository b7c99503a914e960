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
