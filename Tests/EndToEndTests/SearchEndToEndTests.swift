import Glibc
import Foundation
import ReaderTestSupport
import Testing

/// Search as you type in the list, in the real binary inside tmux.
@Suite(.serialized) struct SearchEndToEndTests {
    let reader = Tmux.reader

    @Test func typingNarrowsTheListAtEveryKeystroke() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        var counts: [Int] = []
        for (i, c) in ["a", "f", "g", "h"].enumerated() {
            try t.type(c)
            let typed = "/" + ["a", "f", "g", "h"].prefix(i + 1).joined()
            func matches(_ screen: String) -> Int {
                Int(screen.split(separator: "\n").first?.components(separatedBy: " of 15")[0].split(separator: " ").last ?? "") ?? -1
            }
            // tmux may be captured halfway through a frame (header drawn, list not yet): wait
            // for a whole frame, and if none comes, the last screen fails below.
            let screen = try t.wait {
                $0.contains(typed) && $0.contains(" of 15") && ListScreen.rows($0).count == min(matches($0), 39)
            }
            let n = matches(screen)
            counts.append(n)
            #expect(ListScreen.rows(screen).count == min(n, 39))
        }
        #expect(counts == counts.sorted(by: >=), "each keystroke narrows: \(counts)")
        let screen = try t.screen()
        #expect(ListScreen.rows(screen).contains { $0.contains("On 10 April 2024, the 39th meeting") })
        #expect(screen.contains("5 of 15"))
        // Esc restores the full list.
        try t.send("Escape")
        let restored = try t.wait { $0.contains("15 articles") && !$0.contains(" of 15") }
        #expect(ListScreen.rows(restored).count == 15)
        try t.send("q")
    }

    @Test func enterKeepsTheRankedResults() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        try t.type("interaction 2018")
        try t.send("Enter")
        let screen = try t.wait { $0.contains(" of 15") && $0.contains("1/") }
        #expect(ListScreen.rows(screen).first?.contains("In the Kyrgyz Republic") == true)
        // The matched words are marked in the list (bold/underline in the capture's escapes).
        let attributed = try t.screen(attributes: true)
        #expect(attributed.contains("Interaction"))
        try t.send("q")
    }

    @Test func cyrillicQueriesReturnWithoutError() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        try t.type("ОДКБ")
        let screen = try t.wait { $0.contains("/ОДКБ") && $0.contains(" of 15") }
        #expect(!screen.contains("unknown field") && !screen.contains("error"))
        #expect(ListScreen.rows(screen).count > 5)
        try t.send("Enter", "q")
    }
}

extension SearchEndToEndTests {
    @Test func clearingTheSearchKeepsTheArticleAndTheTimelineGivesItBack() throws {
        let t = try startReader()
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
}

/// The reader never waits on a search: with every search slowed down to 2 seconds (a test
/// hook), what is typed shows at once with "searching…" beside it and the list as it was; keys
/// go on working; the answer replaces the list when it comes, and only the latest query's.
extension SearchEndToEndTests {
    @Test func theKeysNeverWaitOnASlowSearch() throws {
        let t = try Tmux(width: 120, height: 40, command: reader, env: ["CSTO_TEST_SEARCH_DELAY": "2000"])
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        try t.type("afgh")
        // Typed and shown long before the first search could have answered (the waits' 1.5 s
        // bounds are shorter than one search).
        let typing = try t.wait(timeout: 1.5) { $0.contains("/afgh") && $0.contains("searching…") }
        #expect(ListScreen.rows(typing).count == 15, "the list stays as it was meanwhile")
        // Editing the line goes on while the search runs: the word becomes "afghanistan".
        try t.type("anistan")
        try t.wait(timeout: 1.5) { $0.contains("/afghanistan") && $0.contains("searching…") }
        // The answer to the latest query replaces the list (4 articles name Afghanistan; "afgh"
        // finds 5, so an answer to an earlier keystroke would show).
        let answered = try t.wait(timeout: 8) { $0.contains(" of 15") && !$0.contains("searching…") }
        #expect(answered.contains("/afghanistan"))
        #expect(ListScreen.rows(answered).count == 4)
        #expect(answered.contains(" 4 results") && answered.contains("4 of 15"))
        // Escape while a search runs: the full list, and the late answer does not come back.
        try t.send("Backspace")
        try t.wait(timeout: 1.5) { $0.contains("/afghanista") && $0.contains("searching…") }
        try t.send("Escape")
        try t.wait(timeout: 1.5) { $0.contains("15 articles") && !$0.contains(" of 15") }
        Thread.sleep(forTimeInterval: 2.5)
        let after = try t.screen()
        #expect(after.contains("15 articles") && !after.contains(" of 15"), "a dropped search's answer came back")
        #expect(ListScreen.rows(after).count == 15)
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
