import Corpus
import Foundation
import ReaderUI
import Testing
import TerminalCore

enum Fixture {
    static let corpus = Corpus.builtIn()

    static func state(_ w: Int, _ h: Int) -> AppState {
        var s = AppState(articles: corpus.articles, origin: corpus.origin, width: w, height: h)
        update(&s, .resize(width: w, height: h))
        return s
    }

    static var tassIndex: Int { corpus.articles.firstIndex { $0.title.contains("TASS") }! }
}

/// Snapshot files beside the tests (`__Snapshots__/NAME.txt`); `RECORD_SNAPSHOTS=1` re-records.
enum Snapshot {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    /// The screen's text, then (where styles carry meaning) one letter per cell: R reverse or
    /// coloured background (selection), B bold, U underline, D dim, space plain.
    static func describe(_ b: Buffer, styles: Bool) -> String {
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

    static func assert(_ b: Buffer, _ name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
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
