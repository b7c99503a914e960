import Foundation
import Glibc
import Testing

/// Search, filters and the timeline, in the real binary inside tmux.
@Suite(.serialized) struct FindAndSeeEndToEndTests {
    let reader = Tmux.reader

    static func listRows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .filter { $0.count > 11 && $0.prefix(4).allSatisfy(\.isNumber) || $0.hasPrefix("undated") }.map(String.init)
    }

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
                $0.contains(typed) && $0.contains(" of 15") && Self.listRows($0).count == min(matches($0), 39)
            }
            let n = matches(screen)
            counts.append(n)
            #expect(Self.listRows(screen).count == min(n, 39))
        }
        #expect(counts == counts.sorted(by: >=), "each keystroke narrows: \(counts)")
        let screen = try t.screen()
        #expect(Self.listRows(screen).contains { $0.contains("On 10 April 2024, the 39th meeting") })
        #expect(screen.contains("5 of 15"))
        // Esc restores the full list.
        try t.send("Escape")
        let restored = try t.wait { $0.contains("15 articles") && !$0.contains(" of 15") }
        #expect(Self.listRows(restored).count == 15)
        try t.send("q")
    }

    @Test func enterKeepsTheRankedResults() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        try t.type("interaction 2018")
        try t.send("Enter")
        let screen = try t.wait { $0.contains(" of 15") && $0.contains("1/") }
        #expect(Self.listRows(screen).first?.contains("In the Kyrgyz Republic") == true)
        // The matched words are marked in the list (bold/underline in the capture's escapes).
        let attributed = try t.screen(attributes: true)
        #expect(attributed.contains("Interaction"))
        try t.send("q")
    }

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
        #expect(Self.listRows(screen).count == 1)
        #expect(Self.listRows(screen).first?.contains("E In the Kyrgyz Republic") == true)
        try t.send("F")
        screen = try t.wait { $0.contains("15 articles") }
        #expect(Self.listRows(screen).count == 15)
        try t.send("q")
    }

    @Test func theTimelineOrdersEventsAndDrawsSpans() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("t")
        let screen = try t.wait { $0.contains("timeline:") }
        let lines = screen.split(separator: "\n").map(String.init)
        let kyrgyz = lines.firstIndex { $0.contains("In the Kyrgyz Republic") }
        let training = lines.firstIndex { $0.contains("The CSTO is holding a strategic command") }
        let april = lines.firstIndex { $0.contains("On 10 April 2024") }
        #expect(kyrgyz != nil && training != nil && april != nil)
        if let k = kyrgyz, let tr = training, let a = april { #expect(k < tr && tr < a) }
        if let tr = training {
            #expect(lines[tr].contains("12–13 Mar 2024"))
            #expect(lines[tr].filter { $0 == "█" }.count == 2, "the training spans two days")
        }
        #expect(screen.contains("date unknown"))
        // The timeline opens at the list's article (the newest); g goes to the first event.
        try t.send("g")
        try t.send("Enter")
        let pager = try t.wait { $0.contains("q back") }
        #expect(pager.contains("Interaction-2018") || pager.contains("Kyrgyz"))
        try t.send("q", "q", "q")
    }

    @Test func cyrillicQueriesReturnWithoutError() throws {
        let t = try Tmux(width: 120, height: 40, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.send("/")
        try t.type("ОДКБ")
        let screen = try t.wait { $0.contains("/ОДКБ") && $0.contains(" of 15") }
        #expect(!screen.contains("unknown field") && !screen.contains("error"))
        #expect(Self.listRows(screen).count > 5)
        try t.send("Enter", "q")
    }
}
