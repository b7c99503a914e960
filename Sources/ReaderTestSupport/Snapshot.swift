import Foundation
import TerminalCore
import Testing

/// Snapshot files of screens (`NAME.txt`), compared with what a test renders;
/// `RECORD_SNAPSHOTS=1` re-records them.
public enum Snapshot {
    /// The screen's text, then (where styles carry meaning) one letter per cell: R reverse or
    /// coloured background (selection), B bold, U underline, D dim, space plain.
    public static func describe(_ b: Buffer, styles: Bool) -> String {
        var out = b.text
        guard styles else { return out + "\n" }
        out += "\n--- styles ---\n"
        var rows: [String] = []
        for y in 0..<b.height {
            var row = ""
            for x in 0..<b.width {
                let s = b[x, y].style
                row += s.reverse || s.bg != .default ? "R" : s.bold ? "B" : s.underline ? "U" : s.dim ? "D" : " "
            }
            while row.last == " " { row.removeLast() }
            rows.append(row)
        }
        return out + rows.joined(separator: "\n") + "\n"
    }

    /// The folder of snapshots for a test file: `__Snapshots__` beside it.
    public static func directory(besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    }

    /// Compares `b` with the snapshot `NAME.txt` in `directory` (by default `__Snapshots__`
    /// beside the calling test file); a missing snapshot is recorded and fails the test once.
    public static func assert(_ b: Buffer, _ name: String, styles: Bool = false, directory: URL? = nil,
                              filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
        let dir = directory ?? Self.directory(besides: filePath)
        let actual = describe(b, styles: styles)
        let file = dir.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("no snapshot \(name): recorded it; check it and run again", sourceLocation: sourceLocation) }
            return
        }
        #expect(actual == expected, "snapshot \(name) differs (RECORD_SNAPSHOTS=1 re-records):\n\(actual)", sourceLocation: sourceLocation)
    }
}
