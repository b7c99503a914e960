import Foundation
import ReaderTestSupport
import Testing

/// The persistent store through the real binary: marks from two readers and the CLI at once,
/// and a cached corpus that opens at once and is refreshed under a running reader.
@Suite(.serialized) struct StoreEndToEndTests {
    func temp(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csto-store-\(name)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs the CLI with the given state and cache folders; (status, stdout, stderr).
    func cli(_ args: [String], state: String, cache: String) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state
        env["XDG_CACHE_HOME"] = cache
        let r = try Processes.run(URL(fileURLWithPath: Tmux.reader), args, environment: env)
        return (r.status, r.stdout, r.stderr)
    }

    /// Writes generated pages with `reader-bench generate`.
    func generate(_ args: [String]) throws {
        let r = try Processes.run(Products.url("reader-bench"), ["generate"] + args)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func twoReadersAndTheCLIMarkingAtOnceLoseNothing() throws {
        let state = temp("state"), cache = temp("cache")
        defer { try? FileManager.default.removeItem(atPath: state); try? FileManager.default.removeItem(atPath: cache) }
        let env = ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cache]
        let (_, listing, _) = try cli(["list", "--json"], state: state, cache: cache)
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.count == 15)
        let a = try Tmux(width: 100, height: 30, command: "'\(Tmux.reader)'", env: env)
        let b = try Tmux(width: 100, height: 30, command: "'\(Tmux.reader)'", env: env)
        for t in [a, b] { try t.wait { $0.contains("15 articles") } }
        // Window A stars the first article, window B the third; meanwhile the CLI marks the fifth read.
        try a.send("s")
        try b.send("j", "j", "s")
        let (status, _, _) = try cli(["mark", "--read", ids[4]], state: state, cache: cache)
        #expect(status == 0)
        try a.wait { $0.contains("starred") }
        try b.wait { $0.contains("starred") }
        // A reads the second article (opening it marks it read), then both quit: neither undoes the other.
        try a.send("j", "Enter")
        try a.wait { !$0.contains("15 articles") }
        try a.send("q", "q")
        try b.send("q")
        #expect(try a.waitForExit() == 0)
        #expect(try b.waitForExit() == 0)
        let (_, after, _) = try cli(["list", "--json"], state: state, cache: cache)
        let marks = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [[String: Any]])
        func mark(_ i: Int, _ key: String) -> Bool { marks.first { $0["id"] as? String == ids[i] }?[key] as? Bool == true }
        #expect(mark(0, "starred"), "window A's star")
        #expect(mark(2, "starred"), "window B's star")
        #expect(mark(4, "read"), "the CLI's mark")
        #expect(mark(1, "read"), "window A's read article")
        #expect(!mark(1, "starred") && !mark(3, "starred") && !mark(3, "read"))
        // show --json carries the marks too.
        let (_, shown, _) = try cli(["show", "--json", ids[0]], state: state, cache: cache)
        let one = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(one["starred"] as? Bool == true && one["read"] as? Bool == false)
    }

    @Test func aDamagedStateIsMovedAsideWithAWarningInTheCLIAndTheReader() throws {
        let state = temp("state"), cache = temp("cache")
        defer { try? FileManager.default.removeItem(atPath: state); try? FileManager.default.removeItem(atPath: cache) }
        let folder = state + "/csto-reader"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(repeating: 0x21, count: 4096).write(to: URL(fileURLWithPath: folder + "/state.sqlite"))
        let (status, out, err) = try cli(["list", "--json"], state: state, cache: cache)
        #expect(status == 0)
        #expect(out.hasPrefix("["))
        #expect(err.contains("damaged reading state moved aside"))
        #expect(err.split(separator: "\n").count == 1, "one line: \(err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.contains { $0.hasPrefix("state.sqlite.corrupt-") })
        // The reader too: it starts, and says so.
        try Data(repeating: 0x21, count: 4096).write(to: URL(fileURLWithPath: folder + "/state.sqlite"))
        let t = try Tmux(width: 120, height: 30, command: "'\(Tmux.reader)'", env: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cache])
        let screen = try t.wait { $0.contains("15 articles") && $0.contains("moved aside") }
        #expect(screen.contains("moved aside"))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theReaderOpensFromTheCacheAndSwapsInWhatChanged() throws {
        let state = temp("state"), cache = temp("cache"), pages = temp("pages")
        defer { for p in [state, cache, pages] { try? FileManager.default.removeItem(atPath: p) } }
        try generate(["--pages", "120", "--out", pages])
        // The first start reads every page and writes the cache.
        let (s1, out1, _) = try cli(["index", "--json", pages], state: state, cache: cache)
        #expect(s1 == 0)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(out1.utf8)) as? [String: Any])
        #expect(first["status"] as? String == "rebuilt")
        let articles = try #require(first["articles"] as? Int)
        // Up to date: nothing read.
        let (_, out2, _) = try cli(["stats", "--json", pages], state: state, cache: cache)
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(out2.utf8)) as? [String: Any])
        let info = try #require(stats["cache"] as? [String: Any])
        #expect(info["status"] as? String == "hit")
        #expect(info["pages_reread"] as? Int == 0)
        // New pages land while nobody looks; the reader shows the cached list, then the new one.
        try generate(["--pages", "130", "--out", pages + "/more", "--seed", "9"])
        let t = try Tmux(width: 140, height: 30, command: "'\(Tmux.reader)' '\(pages)'", env: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cache])
        let before = try t.wait(timeout: 10) { $0.contains("\(articles) articles") || $0.contains("new article") }
        #expect(!before.contains("Loading"), "the cached list shows at once")
        let swapped = try t.wait(timeout: 30) { $0.contains("+130 pages") && $0.contains("new article") }
        #expect(swapped.contains("+130 pages"), "\(swapped)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        // The cache was written behind the reader: the CLI now finds it up to date, and the
        // results are those of a fresh read.
        let (_, cached, _) = try cli(["list", "--json", pages], state: state, cache: cache)
        let (_, fresh, _) = try cli(["list", "--json", "--no-cache", pages], state: state, cache: cache)
        #expect(cached == fresh)
        let (_, out3, _) = try cli(["stats", "--json", pages], state: state, cache: cache)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(out3.utf8)) as? [String: Any])
        #expect((after["cache"] as? [String: Any])?["status"] as? String == "hit")
    }

    @Test func aFolderWithoutPagesIsOneLineBeforeTheTerminalIsTaken() throws {
        let state = temp("state"), cache = temp("cache"), empty = temp("empty")
        defer { for p in [state, cache, empty] { try? FileManager.default.removeItem(atPath: p) } }
        // stderr to a file: a program that ends at once can finish before tmux shows its output.
        let errors = state + "/stderr"
        let t = try Tmux(width: 100, height: 30, command: "'\(Tmux.reader)' '\(empty)' 2>'\(errors)'",
                         env: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cache])
        #expect(try t.waitForExit() == 2)
        let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(text.contains("no readable pages"), "\(text)")
        #expect(text.split(separator: "\n").count == 1, "one line: \(text)")
    }

    @Test func aCachedFolderWhosePagesWentAwayKeepsTheReaderOpen() throws {
        let state = temp("state"), cache = temp("cache"), pages = temp("pages")
        defer { for p in [state, cache, pages] { try? FileManager.default.removeItem(atPath: p) } }
        try generate(["--pages", "20", "--out", pages])
        #expect(try cli(["index", pages], state: state, cache: cache).0 == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: pages) { try FileManager.default.removeItem(atPath: pages + "/" + name) }
        let t = try Tmux(width: 140, height: 30, command: "'\(Tmux.reader)' '\(pages)'", env: ["XDG_STATE_HOME": state, "XDG_CACHE_HOME": cache])
        let screen = try t.wait(timeout: 10) { $0.contains("cannot refresh") }
        #expect(screen.contains("cannot refresh"), "\(screen)")
        #expect(screen.contains(" articles"))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
