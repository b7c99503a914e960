import Foundation
import ReaderTestSupport
import Testing

/// The README's shell examples, run and compared with what they print, so the README cannot
/// drift from the binary.
///
/// The convention, for README.md:
/// - Only fenced blocks tagged `console` are examples (untagged blocks, screens and JSON
///   samples are not run).
/// - In a `console` block, a line starting with `$ ` is a command; the lines after it, up to
///   the next command or the end of the block, are what it prints on stdout. Blank lines at the
///   end of an output separate examples and are not compared, nor are spaces at line ends.
/// - A line that is `...` (spaces around it allowed) stands for any number of lines (none
///   too), to abridge.
/// - A command must exit 0; to show another exit status, end it with `; echo $?`. Its stderr is
///   not compared (write `2>&1` to show it).
/// - Each command runs through `/bin/sh -c` in the package's root folder, with a leading
///   `csto-reader` replaced by the built binary, stdin from /dev/null and stdout a pipe (not a
///   terminal), `COLUMNS` unset, and fresh empty `XDG_STATE_HOME`, `XDG_CACHE_HOME` and
///   `XDG_CONFIG_HOME` folders: the built-in corpus, no marks, no cache, no configuration.
///   So output that depends on the time, on absolute paths or on the cache does not belong in
///   a `console` block.
@Suite struct ReadmeExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let readme = root.appendingPathComponent("README.md")

    struct Example: Sendable, CustomTestStringConvertible {
        var line: Int
        var command: String
        var expected: [String]
        var testDescription: String { "README.md:\(line): $ \(command)" }
    }

    /// The examples of every `console` block of `text`, in order.
    static func examples(in text: String) -> [Example] {
        var examples: [Example] = []
        var inConsole = false, inOther = false
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            let fence = line.trimmingCharacters(in: .whitespaces)
            if !inConsole && !inOther && fence.hasPrefix("```") {
                if fence.dropFirst(3).trimmingCharacters(in: .whitespaces) == "console" { inConsole = true } else { inOther = true }
                continue
            }
            if (inConsole || inOther) && fence == "```" {
                inConsole = false
                inOther = false
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(line: i + 1, command: String(line.dropFirst(2)), expected: []))
            } else if !examples.isEmpty {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples.map { e in
            var e = e
            while e.expected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { e.expected.removeLast() }
            return e
        }
    }

    static let all: [Example] = examples(in: (try? String(contentsOf: readme, encoding: .utf8)) ?? "")

    /// Whether `actual` is `expected`, where an `...` line stands for any number of lines.
    static func matches(_ expected: [String], _ actual: [String]) -> Bool {
        let e = expected.map(trimmedEnd), a = actual.map(trimmedEnd)
        // can[i][j]: expected[i...] matches actual[j...].
        var can = Array(repeating: Array(repeating: false, count: a.count + 1), count: e.count + 1)
        can[e.count][a.count] = true
        for i in stride(from: e.count - 1, through: 0, by: -1) {
            for j in stride(from: a.count, through: 0, by: -1) {
                if e[i].trimmingCharacters(in: .whitespaces) == "..." {
                    can[i][j] = can[i + 1][j] || (j < a.count && can[i][j + 1])
                } else {
                    can[i][j] = j < a.count && e[i] == a[j] && can[i + 1][j + 1]
                }
            }
        }
        return can[0][0]
    }

    static func trimmedEnd(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }

    @Test func theReadmeHasExamplesAndTheConventionFindsThem() {
        #expect(Self.all.count >= 4, "console blocks in \(Self.readme.path)")
        let sample = "text\n```console\n$ a\none\n...\n\n$ b; echo $?\n1\n```\n```\n$ not run\n```\n"
        let found = Self.examples(in: sample)
        #expect(found.map(\.command) == ["a", "b; echo $?"])
        #expect(found.map(\.expected) == [["one", "..."], ["1"]])
        #expect(found.map(\.line) == [3, 7])
        #expect(Self.matches(["a", "...", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "...", "b", "..."], ["a", "b"]))
        #expect(Self.matches(["a  "], ["a"]))
        #expect(Self.matches(["a", "  ...", "c"], ["a", "b", "c"]))
        #expect(!Self.matches(["a", "...", "d"], ["a", "b", "c"]))
        #expect(!Self.matches(["a"], ["a", "b"]))
    }

    @Test(arguments: all)
    func printsWhatTheReadmeSays(_ example: Example) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("csto-readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = nil
        for (key, folder) in ["XDG_STATE_HOME": "state", "XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config"] {
            let path = scratch.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            env[key] = path.path
        }
        var command = example.command
        if command == "csto-reader" || command.hasPrefix("csto-reader ") {
            command = "'\(Products.url("csto-reader").path)'" + command.dropFirst("csto-reader".count)
        }
        let r = try Processes.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], cwd: Self.root, environment: env, timeout: 120)
        var actual = r.stdout.components(separatedBy: "\n")
        while actual.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { actual.removeLast() }
        #expect(r.status == 0, "\(example.testDescription) exited \(r.status): \(r.stderr)")
        #expect(Self.matches(example.expected, actual),
                "\(example.testDescription) printed (README expects \(example.expected.count) lines):\n\(actual.joined(separator: "\n"))\n--- stderr:\n\(r.stderr)")
    }
}
