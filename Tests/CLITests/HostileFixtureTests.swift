import Foundation
import Glibc
import Testing

/// The hostile set, built on disk and read by the real binary: what a user should see for
/// each, and never a crash or a hang.
@Suite(.serialized) struct HostileFixtureTests {
    static func write(_ dir: URL, _ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: dir.appendingPathComponent(name))
    }

    static func build() throws -> URL {
        let dir = tempDir()
        let good = try Data(contentsOf: repoRoot.appendingPathComponent("seeds/004_fec15abcf43ad61a.txt"))
        try good.write(to: dir.appendingPathComponent("good.txt"))
        try write(dir, "empty.txt", [])
        try write(dir, "whitespace.txt", Array("  \n\t \n   \n".utf8))
        try write(dir, "nbsp.txt", Array(String(repeating: "\u{00A0}", count: 50).utf8))
        try write(dir, "one-line-20mb.txt", Array(String(repeating: "Collective security words ", count: 800_000).utf8))
        try write(dir, "blank-lines.txt", Array(String(repeating: "\n", count: 200_000).utf8) + Array("On 1 May 2024, a meeting was held.\n".utf8))
        try write(dir, "binary.txt", (0..<300_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 11) | 1 })
        // Invalid UTF-8 at every position of a line, line after line.
        var invalid: [UInt8] = []
        let sentence = Array("On 2 May 2024, the CSTO Secretariat held consultations.".utf8)
        for i in 0..<sentence.count {
            var line = sentence
            line.insert(0xFF, at: i)
            invalid += line + [0x0A, 0x0A]
        }
        try write(dir, "invalid-utf8.txt", invalid)
        try write(dir, "bom.txt", [0xEF, 0xBB, 0xBF] + Array("On 3 May 2024, a seminar was held.\n".utf8))
        try write(dir, "nul.txt", Array("A title\n\nText\u{0}more".utf8))
        let escapes = "Title \u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[H \u{1B}]0;PWNED\u{07} \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ \u{202E}evil\u{202C}"
        try write(dir, "escapes.txt", Array("\(escapes)\n\n\(escapes) 04.05.2024\n\nBody \u{1B}[5mblink\u{1B}[0m \u{9B}2J text.\n\nGo back\n".utf8))
        try write(dir, "title-10000.txt", Array(String(repeating: "The same title again\n\n", count: 10_000).utf8))
        try write(dir, "bad-dates.txt", Array("31.02.2024\n\nOn 5 May 2024, one.\n\n\n00.00.0000\n\nTwo.\n\n\n99.99.9999\n\nThree.\n".utf8))
        // 10,000 files in one folder.
        let many = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: many, withIntermediateDirectories: true)
        for i in 0..<10_000 {
            try Data("On \(1 + i % 28) June 2024, meeting number \(i) was held in Minsk.\n".utf8).write(to: many.appendingPathComponent("p\(i).txt"))
        }
        // A folder linked into itself, and a file that cannot be read.
        try FileManager.default.createSymbolicLink(atPath: many.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("unreadable.txt").path, withDestinationPath: "/proc/self/mem")
        return dir
    }

    @Test func everyHostileInputIsReportedAndTheRestLoads() throws {
        let dir = try Self.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = Date()
        let r = try Binary.run(["stats", "--json", dir.path])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 0, "\(r.stderr)")
        let s = try #require(Binary.json(r) as? [String: Any])
        let warnings = (s["warnings"] as? [[String: Any]] ?? []).map { (($0["file"] as? String ?? "") as NSString).lastPathComponent + ":" + ($0["message"] as? String ?? "") + ":" + String(describing: $0["line"] ?? "") }
        func warned(_ file: String, _ text: String) -> Bool { warnings.contains { $0.hasPrefix(file + ":") && $0.contains(text) } }
        #expect(warned("nul.txt", "NUL"))
        #expect(warnings.contains { $0.hasPrefix("nul.txt:") && $0.hasSuffix(":3") }, "the NUL's line")
        #expect(warned("binary.txt", "invalid UTF-8") || warned("binary.txt", "NUL"))
        #expect(warned("invalid-utf8.txt", "\(Array("On 2 May 2024, the CSTO Secretariat held consultations.".utf8).count) invalid UTF-8"))
        #expect(warned("escapes.txt", "control"))
        #expect(warned("bad-dates.txt", "31.02.2024") && warned("bad-dates.txt", "00.00.0000") && warned("bad-dates.txt", "99.99.9999"))
        #expect(warned("empty.txt", "no article text"))
        #expect(warned("unreadable.txt", "cannot read"))
        #expect(warnings.contains { $0.contains("loop") })
        // The rest loaded: the good page, the 10,000 small ones, the oddly shaped ones.
        #expect((s["pages"] as? Int ?? 0) >= 10_010)
        #expect((s["articles"] as? Int ?? 0) >= 10_005)
        #expect(seconds < 120, "bounded: \(seconds) s")
        // Nothing from the escapes page reaches the output as a control character.
        let list = try Binary.run(["list", "--json", dir.appendingPathComponent("escapes.txt").path])
        #expect(!list.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
    }

    @Test func nothingUsableIsOneClearErrorAndExitTwo() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(dir, "nul.txt", [0x41, 0x00])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("unreadable.txt").path, withDestinationPath: "/proc/self/mem")
        let r = try Binary.run(["list", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("no readable pages"))
    }
}
