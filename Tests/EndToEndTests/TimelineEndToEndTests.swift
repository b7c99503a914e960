import Glibc
import Foundation
import ReaderTestSupport
import Testing

/// The timeline, in the real binary inside tmux.
@Suite(.serialized) struct TimelineEndToEndTests {
    let reader = Tmux.reader

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
}

extension TimelineEndToEndTests {
    @Test func theQueryAndFiltersWorkFromTheTimeline() throws {
        let t = try startReader()
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
}
