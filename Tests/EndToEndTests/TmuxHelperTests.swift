import Foundation
import ReaderTestSupport
import Testing

/// The tmux helper itself: what a program writes at once is on the screen, and every wait
/// fails (with the last screen) when its time runs out.
@Suite(.serialized) struct TmuxHelperTests {
    /// The program starts once its terminal has the window's size: written at once, its first
    /// line is on the screen (not scrolled away or lost), and it sees that size.
    @Test func whatAProgramWritesAtOnceIsOnTheScreenAtTheWindowsSize() throws {
        for run in 0..<10 {
            let t = try Tmux(width: 70, height: 12, command: "echo first-$((40+2)); stty size; exec sleep 30")
            let screen = try t.wait { $0.contains("12 70") }
            #expect(screen.hasPrefix("first-42\n12 70\n"), "run \(run): \(screen)")
        }
    }

    @Test func aWaitThatRunsOutOfTimeFailsWithTheLastScreen() throws {
        let t = try Tmux(width: 40, height: 6, command: "echo on-screen; exec sleep 30")
        try t.wait { $0.contains("on-screen") }
        let start = Date()
        try withKnownIssue {
            try t.wait(timeout: 0.5) { $0.contains("never shown") }
        } matching: { issue in
            String(describing: issue).contains("did not meet the condition") && String(describing: issue).contains("on-screen")
        }
        #expect(Date().timeIntervalSince(start) < 5, "bounded")
    }

    @Test func waitingForAProgramThatDoesNotEndFails() throws {
        let t = try Tmux(width: 40, height: 6, command: "echo still-running; exec sleep 30")
        try t.wait { $0.contains("still-running") }
        try withKnownIssue {
            try t.waitForExit(timeout: 0.5)
        } matching: { issue in
            String(describing: issue).contains("did not end within") && String(describing: issue).contains("still-running")
        }
        #expect(try t.exitStatus() == nil)
    }

    @Test func theExitStatusOfAProgramThatEnds() throws {
        let t = try Tmux(width: 40, height: 6, command: "sh -c 'exit 3'")
        #expect(try t.waitForExit() == 3)
    }

    @Test func idleMeansTheProgramTookInTheResize() throws {
        // The shell's trap runs once it has taken in SIGWINCH; it prints the new size.
        let t = try Tmux(width: 50, height: 10, command: "bash --norc --noprofile -c 'trap \"stty size\" WINCH; echo ready; for i in $(seq 30); do read -t 1 x; done'")
        try t.wait { $0.contains("ready") }
        try t.resize(44, 8)
        try t.waitUntilIdle()
        #expect(try t.screen().contains("8 44"))
    }
}
