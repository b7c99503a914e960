import ArgumentParser
import Corpus
import Foundation

/// `reader-bench startup`: what a user waits for, through the real binaries, with and without the
/// cache: cold open, warm open of the reader (first usable list, memory), a warm CLI search next
/// to `rg -l -i` on the same folder, and a refresh after adding 1 % new pages.
struct StartupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Cold and warm open, warm CLI search (beside rg -l -i), and a refresh after adding 1% pages, through the real csto-reader."
    )

    @Option(help: "Generate this many pages (in a temporary folder).") var pages: Int = 20_000
    @Option(help: "A folder of pages instead (it is not changed: new pages go beside it).") var corpus: String?
    @Option(help: "The query for the searches.") var query: String = "afghan"
    @Option(help: "Runs of each warm measurement (the median is reported).") var runs: Int = 5
    @Option(help: "The csto-reader binary (default: the one beside this one).") var reader: String?
    @Flag(help: "Also time the reader's first frame and memory in tmux (needs tmux).") var tmux = false
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard pages > 0 else { throw ValidationError("--pages must be positive") }
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    func run() throws {
        let binary = reader ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("csto-reader").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw BenchError("no csto-reader binary at \(binary) (give --reader)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("reader-bench-startup-\(getpid())")
        let root = work.appendingPathComponent("pages")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create \(root.path)")
        }
        // The pages: generated, or the given folder linked in (new pages go beside it, never into it).
        var count = pages
        let generator = PageGenerator(seed: 1)
        if let corpus {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDir), isDir.boolValue else {
                throw BenchError("no such folder: \(corpus)")
            }
            let target = corpus.hasPrefix("/") ? corpus : FileManager.default.currentDirectoryPath + "/" + corpus
            guard symlink(target, root.appendingPathComponent("base").path) == 0 else { throw BenchError("cannot link \(corpus)") }
            count = (try? PageFinder.find([corpus]).pages.count) ?? 0
            guard count > 0 else { throw BenchError("no pages (*.txt) in \(corpus)") }
        } else {
            let base = root.appendingPathComponent("base")
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            for p in 0..<pages {
                let page = generator.page(p)
                guard FileManager.default.createFile(atPath: base.appendingPathComponent(page.name).path, contents: Data(page.text.utf8)) else {
                    throw BenchError("cannot write pages in \(base.path)")
                }
            }
        }
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = work.appendingPathComponent("cache").path
        env["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
        let dir = root.path
        func run(_ args: [String], _ exe: String? = nil) throws -> (seconds: Double, out: String, status: Int32) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe ?? binary)
            p.arguments = args
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            let t0 = DispatchTime.now().uptimeNanoseconds
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, String(decoding: data, as: UTF8.self), p.terminationStatus)
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        func note(_ s: String) {
            if !json {
                print(s)
                fflush(nil)
            }
        }

        note("csto-reader startup, \(count) pages (\(corpus ?? "generated")), query '\(query)'")
        // Cold: no cache (what every start cost before), then the first start that writes it.
        let noCache = try run(["search", query, "--limit", "10", "--no-cache", dir])
        note(String(format: "  cold, --no-cache search:        %8.3f s", noCache.seconds))
        let cold = try run(["search", query, "--limit", "10", dir])
        note(String(format: "  cold search, cache written:     %8.3f s (results printed, then the cache written)", cold.seconds))
        guard cold.out == noCache.out else { throw BenchError("the search with the cache printed other results than without it") }
        // Warm.
        var warmSearch: [Double] = []
        for _ in 0..<runs {
            let r = try run(["search", query, "--limit", "10", dir])
            guard r.out == noCache.out else { throw BenchError("the warm search printed other results than without the cache") }
            warmSearch.append(r.seconds)
        }
        var warmList: [Double] = []
        for _ in 0..<runs { warmList.append(try run(["stats", dir]).seconds) }
        note(String(format: "  warm search --limit 10:         %8.3f s (median of %d)", median(warmSearch), runs))
        note(String(format: "  warm stats:                     %8.3f s", median(warmList)))
        var rg: Double? = nil
        if let rgPath = ["/usr/bin/rg", "/usr/local/bin/rg"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            var times: [Double] = []
            // On the folder itself (rg does not follow the link to a given folder).
            let folder = corpus ?? root.appendingPathComponent("base").path
            for _ in 0..<runs { times.append(try run(["-l", "-i", query, folder], rgPath).seconds) }
            rg = median(times)
            note(String(format: "  rg -l -i:                       %8.3f s (%.1fx the warm search)", rg!, rg! / median(warmSearch)))
        } else {
            note("  rg -l -i:                       not installed")
        }
        // The reader: first usable list and memory, in tmux.
        var firstFrame: Double? = nil
        var rss: Double? = nil
        if tmux {
            (firstFrame, rss) = try readerInTmux(binary: binary, dir: dir, env: env)
            if let f = firstFrame { note(String(format: "  warm reader, first list:        %8.3f s after launch", f)) }
            if let m = rss { note(String(format: "  warm reader, memory:            %8.0f MB resident", m)) }
        }
        // A refresh after adding 1 % new pages.
        let added = max(1, count / 100)
        let extra = root.appendingPathComponent("added")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        let more = PageGenerator(seed: 2)
        for p in 0..<added {
            let page = more.page(count + p)
            _ = FileManager.default.createFile(atPath: extra.appendingPathComponent("n" + page.name).path, contents: Data(page.text.utf8))
        }
        let refresh = try run(["index", "--json", dir])
        let summary = (try? JSONSerialization.jsonObject(with: Data(refresh.out.utf8))) as? [String: Any] ?? [:]
        let refreshOnly = summary["refresh_seconds"] as? Double ?? refresh.seconds
        note(String(format: "  refresh, +%d pages (index):     %8.3f s to the refreshed corpus and index, %.3f s with the cache written (%@ pages read, %@ new articles)",
                    added, refreshOnly, refresh.seconds, "\(summary["reread"] ?? "?")", "\(summary["new_articles"] ?? "?")"))
        let after = try run(["search", query, "--limit", "10", dir])
        let afterNoCache = try run(["search", query, "--limit", "10", "--no-cache", dir])
        guard after.out == afterNoCache.out else { throw BenchError("after the refresh, the search printed other results than without the cache") }
        note("  results with the cache = results without it: yes (before and after the refresh)")
        if json {
            var fields: [(String, JSON)] = [
                ("pages", .number(count)),
                ("query", .string(query)),
                ("cold_no_cache_search_s", .double(noCache.seconds)),
                ("cold_search_writing_cache_s", .double(cold.seconds)),
                ("warm_search_s", .double(median(warmSearch))),
                ("warm_stats_s", .double(median(warmList))),
                ("rg_s", rg.map { .double($0) } ?? .null),
                ("refresh_pages_added", .number(added)),
                ("refresh_s", .double(refreshOnly)),
                ("refresh_with_cache_write_s", .double(refresh.seconds)),
                ("refresh_pages_read", .number(summary["reread"] as? Int ?? -1)),
                ("same_results", .bool(true)),
            ]
            fields.append(("reader_first_list_s", firstFrame.map { .double($0) } ?? .null))
            fields.append(("reader_rss_mb", rss.map { .double($0) } ?? .null))
            print(JSON.object(fields).render())
        }
    }

    /// Opens the reader in a detached tmux session, waits for its list, reads its memory, quits it
    /// and reads the first-frame time it reports under CSTO_TIMING.
    func readerInTmux(binary: String, dir: String, env: [String: String]) throws -> (Double?, Double?) {
        let session = "reader-bench-\(getpid())"
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(session).log").path
        defer { unlink(log) }
        // A private tmux server: the user's sessions are not touched. Run through the shell
        // (popen): Foundation's Process was measured here to miss the exit of the tmux client
        // that starts the server, and to wait for ever.
        let socket = "reader-bench-\(getpid())"
        func tmux(_ args: [String], capture: Bool = true) -> String {
            let quoted = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            // Without a capture, nothing is read from the pipe (a server started here keeps it open).
            guard let f = popen("tmux -L \(socket) \(quoted) 2>/dev/null" + (capture ? "" : " >/dev/null"), "r") else { return "" }
            var out = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = fread(&buffer, 1, buffer.count, f)
                if n <= 0 { break }
                out += buffer[0..<n]
            }
            pclose(f)
            return capture ? String(decoding: out, as: UTF8.self) : ""
        }
        let envs = "XDG_CACHE_HOME='\(env["XDG_CACHE_HOME"]!)' XDG_STATE_HOME='\(env["XDG_STATE_HOME"]!)' CSTO_TIMING=1"
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "160", "-y", "45", "\(envs) '\(binary)' '\(dir)' 2>'\(log)'"],
                 capture: false)
        defer { _ = tmux(["kill-server"], capture: false) }
        var rss: Double? = nil
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let screen = tmux(["capture-pane", "-p", "-t", session])
            if screen.contains(" articles") && !screen.contains("Loading") { break }
            usleep(20_000)
        }
        // Settled: the background check of the pages has run.
        usleep(1_500_000)
        var pid = tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane's shell may have the reader as its child.
        if let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), !comm.hasPrefix("csto-reader"),
           let children = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8),
           let child = children.split(separator: " ").first {
            pid = String(child)
        }
        if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
           let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
            rss = kb / 1024
        }
        _ = tmux(["send-keys", "-t", session, "q"])
        var first: Double? = nil
        for _ in 0..<250 {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), let line = text.split(separator: "\n").first(where: { $0.hasPrefix("first frame") }),
               let ms = Double(line.split(separator: " ")[2]) {
                first = ms / 1000
                break
            }
            usleep(20_000)
        }
        return (first, rss)
    }
}
