import Foundation
import Glibc
import ReaderTestSupport
import Testing

/// The real binary in a real terminal (tmux): what a user sees and types.
@Suite(.serialized) struct ReaderEndToEndTests {
    let reader = Tmux.reader

    @Test func aReadingSessionFromOpenToQuit() throws {
        let t = try Tmux(width: 120, height: 40, command: "\(reader)")
        var screen = try t.wait { $0.contains("15 articles") && $0.contains("1/15") }
        #expect(screen.contains("csto-reader · built-in corpus"))
        #expect(screen.contains("M On 25 July 2024"))
        // Side by side at 120 columns: the detail pane is right of a border.
        #expect(screen.split(separator: "\n")[1].contains("│"))

        try t.send("j")
        screen = try t.wait { $0.contains("2/15") }
        #expect(screen.contains("│The CSTO Secretary General Imangali Tasmagambetov"))

        // The TASS interview is the 9th article.
        for _ in 0..<7 { try t.send("j") }
        screen = try t.wait { $0.contains("9/15") }
        try t.send("Enter")
        screen = try t.wait { $0.contains("% · Q –/7  ? help  q back") }
        #expect(screen.contains("Interview of the CSTO Secretary General Imangali Tasmagambetov to the TASS agency"))
        #expect(screen.contains("Published      2024-03-12"))

        try t.send("]")
        screen = try t.wait { $0.split(separator: "\n").dropFirst().first?.contains("— Imangali Nurgaliyevich") == true }
        #expect(screen.split(separator: "\n").dropFirst().first?.contains("— Imangali Nurgaliyevich, you have recently returned") == true)
        try t.send("]")
        screen = try t.wait { $0.split(separator: "\n").dropFirst().first?.contains("— Should we expect") == true }
        try t.send("[")
        screen = try t.wait { $0.split(separator: "\n").dropFirst().first?.contains("— Imangali Nurgaliyevich") == true }
        #expect(screen.split(separator: "\n").dropFirst().first?.contains("— Imangali Nurgaliyevich") == true)

        // Search inside the article: every match highlighted, n moves between them.
        try t.send("/")
        try t.type("Armenia")
        try t.send("Enter")
        screen = try t.wait(attributes: true) { $0.contains("13 matches for Armenia") }
        #expect(screen.contains("13 matches for Armenia"))
        #expect(screen.contains("\u{1B}[") && screen.contains("Armenia"))
        // The search starts where the reader is (like less): n and N step from that match.
        try t.send("n")
        screen = try t.wait { $0.contains(" of 13") }
        let k = Self.matchNumber(screen)
        #expect(k != nil)
        try t.send("N")
        screen = try t.wait { Self.matchNumber($0) != k }
        #expect(Self.matchNumber(screen) == (k ?? 0) - 1)

        // Back to the list with the selection unchanged.
        try t.send("q")
        screen = try t.wait { $0.contains("9/15") }
        #expect(screen.contains("9/15"))

        // Resize to 60x20 (list above detail) and back; the selection stays.
        try t.resize(60, 20)
        screen = try t.wait { $0.split(separator: "\n").contains { $0.hasPrefix("────") } && $0.contains("9/15") }
        #expect(screen.contains("9/15"))
        try t.resize(120, 40)
        screen = try t.wait { $0.split(separator: "\n").count >= 39 && $0.contains("9/15") && $0.contains("│") }
        #expect(screen.contains("9/15"))

        try t.send("q")
        let status = try t.waitForExit()
        #expect(status == 0)
    }

    @Test func theShellBehindWorksAfterQuitAndAfterCtrlC() throws {
        let t = try Tmux(width: 80, height: 24, command: "bash --norc --noprofile")
        try t.type("PS1='$ '; clear")
        try t.send("Enter")
        for exit in ["q", "C-c"] {
            try t.type(reader)
            try t.send("Enter")
            try t.wait { $0.contains("15 articles") }
            try t.send(exit)
            try t.wait { !$0.contains("15 articles") }
            try t.type("clear; stty -a | grep -q ' echo ' && echo echo-is-on; echo typed-$((40+2))")
            try t.send("Enter")
            let screen = try t.wait { $0.contains("typed-42") }
            #expect(screen.contains("typed-42"), "the shell runs commands after \(exit)")
            #expect(screen.contains("echo-is-on"), "echo is back on after \(exit)")
            #expect(!screen.contains("15 articles"), "no reader screen left behind after \(exit)")
        }
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let t = try Tmux(width: 80, height: 24, command: "bash --norc --noprofile")
        try t.type("PS1='$ '; clear; \(reader)")
        try t.send("Enter")
        try t.wait { $0.contains("15 articles") }
        try t.send("j", "j")
        try t.wait { $0.contains("3/15") }
        try t.send("C-z")
        let suspended = try t.wait { !$0.contains("15 articles") && $0.contains("$ ") }
        #expect(!suspended.contains("15 articles"))
        try t.type("echo suspended-$((1+1))")
        try t.send("Enter")
        try t.wait { $0.contains("suspended-2") }
        try t.type("fg")
        try t.send("Enter")
        let back = try t.wait { $0.contains("15 articles") && $0.contains("3/15") }
        #expect(back.contains("3/15"), "redrawn in full with the selection kept")
        #expect(back.contains("M On 25 July 2024"))
        try t.send("q")
        try t.type("echo after-$((2+2))")
        try t.send("Enter")
        #expect(try t.wait { $0.contains("after-4") }.contains("after-4"))
    }

    @Test func noColorGivesAMonochromeLook() throws {
        let colored = try Tmux(width: 100, height: 20, command: "env -u NO_COLOR \(reader)")
        let withColor = try colored.wait(attributes: true) { $0.contains("15 articles") }
        let plain = try Tmux(width: 100, height: 20, command: reader, env: ["NO_COLOR": "1"])
        let mono = try plain.wait(attributes: true) { $0.contains("15 articles") }
        func colours(_ s: String) -> Bool {
            // SGR colour parameters: 30–37, 40–47, 38;5;n, 48;5;n.
            s.range(of: "\u{1B}\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]", options: .regularExpression) != nil
        }
        #expect(colours(withColor))
        #expect(!colours(mono))
        #expect(mono.contains("\u{1B}[7m") || mono.contains(";7m"), "the selection is in reverse video")
        try colored.send("q")
        try plain.send("q")
    }

    /// Outside a UTF-8 locale the terminal library draws no letter beyond ASCII: the reader says
    /// so at once, with the fix, instead of showing blanks unexplained (a new user's find).
    @Test func aLocaleThatIsNotUTF8IsSaid() throws {
        let t = try Tmux(width: 140, height: 20, command: "env -u LC_ALL -u LC_CTYPE LANG=C \(reader)")
        let screen = try t.wait { $0.contains("15 articles") && $0.contains("UTF-8") }
        #expect(screen.contains("LANG=C is not a UTF-8 locale: letters beyond ASCII show as blanks (set LANG=C.UTF-8)"), "\(screen)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        // The variable that decides is named: LC_ALL over LANG.
        let all = try Tmux(width: 140, height: 20, command: "env LANG=C.UTF-8 LC_ALL=POSIX \(reader)")
        let named = try all.wait { $0.contains("15 articles") && $0.contains("UTF-8") }
        #expect(named.contains("LC_ALL=POSIX is not a UTF-8 locale: letters beyond ASCII show as blanks (set LC_ALL=C.UTF-8 or unset it)"), "\(named)")
        try all.send("q")
        let utf8 = try Tmux(width: 140, height: 20, command: reader)
        #expect(!(try utf8.wait { $0.contains("15 articles") }).contains("not UTF-8"))
        try utf8.send("q")
    }

    @Test func signalsFromOutsideRestoreTheTerminal() throws {
        for sig in [SIGTERM, SIGHUP] {
            let t = try Tmux(width: 80, height: 24, command: "\(reader)")
            try t.wait { $0.contains("15 articles") }
            try t.signal(sig)
            let status = try t.waitForExit()
            let screen = try t.screen()
            #expect(status == 128 + Int(sig), "exit status 128 + signal, like a shell: \(screen)")
            #expect(!screen.contains("15 articles"), "the reader's screen is gone")
        }
    }

    @Test func notATerminalOrABadTermIsOneClearLine() throws {
        for (command, expected) in [("\(reader) | cat", "not a terminal"), ("TERM=dumb \(reader)", "cannot move the cursor"),
                                    ("TERM=nonsense-term \(reader)", "unknown terminal type"),
                                    ("env -u TERM \(reader)", "TERM is not set")] {
            let t = try Tmux(width: 100, height: 30, command: "\(command); echo status=$?")
            let screen = try t.wait(history: true) { $0.contains("status=") && $0.contains(expected) }
            #expect(screen.contains(expected), "\(command): \(screen)")
            #expect(screen.contains("list"), "suggests csto-reader list")
            #expect(screen.contains("status=2") || command.contains("| cat"), "\(command)")
        }
    }

    @Test func hostileTextNeverReachesTheTerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csto-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let evil = "Evil \u{1B}]0;PWNED\u{07}title \u{1B}[2J\u{1B}[31mred\n\nEvil \u{1B}]0;PWNED\u{07}title \u{1B}[2J\u{1B}[31mred 01.05.2024\n\nOn 1 May 2024 \u{1B}[5m blink \u{202E}reversed\u{202C} \u{9B}2J text \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ here.\n\nGo back\n"
        try Data(evil.utf8).write(to: dir.appendingPathComponent("evil.txt"))
        let t = try Tmux(width: 100, height: 24, command: "\(reader) \(dir.path)")
        var screen = try t.wait { $0.contains("1 article") }
        try t.send("Enter")
        screen = try t.wait(attributes: true) { $0.contains("blink") }
        #expect(!screen.contains("PWNED\u{07}"))
        #expect(screen.contains("reversed"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x07 })
        // The window title was not changed by the page.
        let title = try Tmux.run(["-L", t.socket, "display-message", "-p", "-t", "0", "#{pane_title}"], capture: true).1
        #expect(!title.contains("PWNED"))
        try t.send("q", "q")
        _ = try t.waitForExit()
    }

    @Test func tinyWindowsAndResizeStorms() throws {
        let t = try Tmux(width: 80, height: 24, command: "\(reader)")
        try t.wait { $0.contains("15 articles") }
        try t.resize(30, 8)
        let small = try t.wait { $0.contains("terminal too small") }
        #expect(small.contains("terminal too small"))
        try t.resize(1, 1)
        // The reader has taken in the 1x1 size (nothing shows there) and waits for keys.
        try t.waitUntilIdle()
        for i in 0..<10 {
            try t.resize(40 + i * 7, 10 + i * 2)
            try t.send(i % 2 == 0 ? "j" : "k")
        }
        try t.resize(80, 24)
        let screen = try t.wait { $0.contains("15 articles") && $0.contains("/15") }
        #expect(screen.contains("15 articles"))
        #expect(try t.exitStatus() == nil, "still running")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    static func matchNumber(_ screen: String) -> Int? {
        guard let r = screen.range(of: "match "), let end = screen[r.upperBound...].firstIndex(of: " ") else { return nil }
        return Int(screen[r.upperBound..<end])
    }

}

extension ReaderEndToEndTests {
    @Test func thePagerMovesBetweenArticlesAndCountsQuestions() throws {
        let t = try startReader()
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

    @Test func theListWidensAndTheDetailHides() throws {
        let t = try startReader()
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

    @Test func theConfigFileRebindsKeysAndNamesItsProblems() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("csto-e2e-config-\(getpid())")
        let folder = home.appendingPathComponent("csto-reader")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try """
        [keys.list]
        quit = "Q"
        [layout]
        list-width = 500
        """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let t = try Tmux(width: 120, height: 40, command: "bash --norc --noprofile", env: ["XDG_CONFIG_HOME": home.path])
        try t.type("PS1='$ '; clear; \(reader); echo status=$?")
        try t.send("Enter")
        var screen = try t.wait { $0.contains("15 articles") }
        #expect(screen.contains("config.toml:4: list-width takes a percent from 20 to 80"))
        try t.send("j")
        screen = try t.wait { $0.contains("Q quit") }
        try t.send("?")
        screen = try t.wait { $0.contains("Keys") }
        #expect(screen.contains("Q                quit") || screen.contains("  Q "))
        try t.send("q")
        try t.wait { !$0.contains("Keys") }
        try t.send("q")
        try t.send("Q")
        screen = try t.wait { $0.contains("status=0") }
        #expect(screen.contains("csto-reader: \(folder.path)/config.toml:4: list-width takes a percent from 20 to 80"))
    }
}
