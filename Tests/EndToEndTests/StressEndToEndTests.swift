import Foundation
import Glibc
import ReaderTestSupport
import Testing

/// The terminal under stress: resize storms, extreme sizes, Ctrl-C in every view, wide text.
@Suite(.serialized) struct StressEndToEndTests {
    let reader = Tmux.reader


    @Test func aResizeStormWhileScrolling() throws {
        let t = try Tmux(width: 100, height: 30, command: reader)
        try t.wait { $0.contains("15 articles") }
        let start = Date()
        for i in 0..<50 {
            try t.resize(40 + (i * 37) % 160, 10 + (i * 13) % 50)
            try t.send(i % 3 == 0 ? "k" : "j")
        }
        let elapsed = Date().timeIntervalSince(start)
        try t.resize(100, 30)
        let screen = try t.wait { $0.hasPrefix(" csto-reader · built-in corpus") && $0.contains("15 articles") && $0.contains("/15") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(" csto-reader · built-in corpus") == true)
        #expect(lines.contains { $0.contains("/15") && $0.contains("? help") })
        #expect(try t.exitStatus() == nil, "still running after \(elapsed) s of resizing")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func oneByOneAndTwoThousandByFiveHundred() throws {
        let t = try Tmux(width: 80, height: 24, command: reader)
        try t.wait { $0.contains("15 articles") }
        try t.resize(1, 1)
        // The reader has taken in the 1x1 size (nothing shows there) and is still running.
        try t.waitUntilIdle()
        #expect(try t.exitStatus() == nil)
        try t.resize(2000, 500)
        let big = try t.wait { $0.contains("15 articles") && $0.contains("/15") }
        #expect(big.split(separator: "\n").first.map { $0.count > 1900 } == true)
        try t.send("Enter")
        try t.wait { $0.contains("q back") }
        try t.send("q")
        try t.resize(80, 24)
        try t.wait { $0.contains("1/15") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test(arguments: ["list", "pager", "help", "filters", "timeline", "detail", "search"])
    func ctrlCInEveryViewLeavesAWorkingShell(view: String) throws {
        let t = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile")
        try t.type("PS1='$ '; clear; \(reader); echo status=$?")
        try t.send("Enter")
        try t.wait { $0.contains("15 articles") }
        switch view {
        case "pager": try t.send("Enter"); try t.wait { $0.contains("q back") }
        case "help": try t.send("?"); try t.wait { $0.contains("Keys") }
        case "filters": try t.send("f"); try t.wait { $0.contains("Filters") }
        case "timeline": try t.send("t"); try t.wait { $0.contains("timeline:") }
        case "detail": try t.send("Tab"); try t.wait { $0.contains("detail") }
        case "search":
            try t.send("/")
            try t.type("afgh")
            try t.wait { $0.contains("/afgh") }
            // Ctrl-C first cancels the line, as in a shell; the next one quits.
            try t.send("C-c")
            try t.wait { $0.contains("15 articles") && !$0.contains(" of 15") }
        default: break
        }
        try t.send("C-c")
        let after = try t.wait { $0.contains("status=") }
        #expect(after.contains("status=130"), "\(view): \(after)")
        try t.type("stty -a | grep -q ' echo ' && echo echo-on; echo ok-$((6*7))")
        try t.send("Enter")
        let screen = try t.wait { $0.contains("ok-42") }
        #expect(screen.contains("ok-42") && screen.contains("echo-on"), "\(view): the shell works")
        #expect(!screen.contains("15 articles"))
    }

    @Test func emojiAndWideTextLeaveNoStrayCharacters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csto-e2e-emoji-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var page = ""
        for i in 0..<3 {
            page += "Teaser \(i) 👍🏽 👨‍👩‍👧 family e\u{301}te\u{301} 東京 ОДКБ — “quoted” with a flag 🇰🇿 and more words here.\n\n\n"
        }
        page += "Title 👍🏽 東京\n\nTitle 👍🏽 東京 01.05.2024\n\nOn 1 May 2024 👨‍👩‍👧 met in 東京 with ОДКБ.\n\nGo back\n"
        try Data(page.utf8).write(to: dir.appendingPathComponent("emoji.txt"))
        let t = try Tmux(width: 120, height: 30, command: "\(reader) \(dir.path)")
        try t.wait { $0.contains("4 articles") }
        try t.send("G")
        try t.wait { $0.contains("4/4") }
        try t.send("g", "Enter")
        try t.wait { $0.contains("q back") }
        try t.send("q")
        // The list has 4 rows; the rest of the list column stays empty (once the frame is out).
        func listColumn(_ screen: String) -> [String] {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines.dropFirst(5).filter { !$0.contains("? help") }.map { String($0.prefix(40)) }
        }
        let screen = try t.wait { $0.contains("1/4") && listColumn($0).allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(listColumn(screen).allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(listColumn(screen))")
        #expect(lines.allSatisfy { !$0.contains("🏽 ") || $0.contains("👍") })
        try t.send("q")
    }
}

/// A page of one line with no space (half a megabyte): the list, the detail and the pager draw
/// at once, and q leaves. It once wrapped in quadratic time and hung the reader.
@Suite(.serialized) struct LongLineEndToEndTests {
    @Test func aHalfMegabyteWordOpensPagesAndQuits() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csto-e2e-long-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try (String(repeating: "x", count: 500_000) + "\n").write(to: dir.appendingPathComponent("long.txt"), atomically: true, encoding: .utf8)
        let t = try Tmux(width: 100, height: 30, command: "\(Tmux.reader) \(dir.path)")
        try t.wait { $0.contains("1 article") }
        try t.send("Enter")
        try t.wait { $0.contains("q back") && $0.contains("xxxxxxxxxx") }
        try t.send("G")
        try t.wait { $0.contains("100%") || $0.contains("Bot") || $0.contains("q back") }
        try t.send("q")
        try t.wait { $0.contains("1 article") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}

extension StressEndToEndTests {
    @Test func quittingUnderVT100LeavesACleanPrompt() throws {
        let t = try Tmux(width: 100, height: 30, command: "bash --norc --noprofile", env: ["TERM": "vt100"])
        try t.type("PS1='$ '; clear; \(reader); echo status=$?")
        try t.send("Enter")
        try t.wait { $0.contains("15 articles") }
        try t.send("q")
        let screen = try t.wait { $0.contains("status=0") }
        #expect(!screen.contains("15 articles") && !screen.contains("Enter read"), "no frame left under the prompt:\n\(screen)")
    }
}
