import Foundation
import ReaderTestSupport
import Testing

/// The bounded process runner the CLI tests use: a run past its time is killed and fails.
@Suite struct ProcessRunnerTests {
    @Test func aRunPastItsTimeIsKilledAndThrows() throws {
        let start = Date()
        #expect(throws: TimeoutError.self) {
            try Processes.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo started; sleep 30; echo never"], timeout: 0.5)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func bothOutputsAndTheStatusOfARun() throws {
        let r = try Processes.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "head -c 1000000 /dev/zero | tr '\\\\0' x; echo err >&2; exit 4"])
        #expect(r.status == 4)
        #expect(r.stdout.count == 1_000_000)
        #expect(r.stderr == "err\n")
    }
}
