import ArgumentParser
import Corpus
import Foundation

@main
struct ReaderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reader-bench",
        abstract: "Synthetic corpora and benchmarks for csto-reader (run it from a release build).",
        subcommands: [Generate.self, Ingest.self, SearchBench.self, UIBench.self, AccuracyBench.self, StartupBench.self, WorkbenchBench.self]
    )

    /// Errors are one line on stderr (`reader-bench: ...`), exit status 2; usage errors too.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as BenchError {
            FileHandle.standardError.write(Data("reader-bench: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            // The subcommand's help, when one was named.
            let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
            let sub = CommandLine.arguments.dropFirst().first.flatMap { names.contains($0) ? $0 + " " : nil } ?? ""
            FileHandle.standardError.write(Data("reader-bench: \(message) (see 'reader-bench \(sub)--help')\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// Under CSTO_TIMING, the libraries' timing lines (corpus build, index build) go to stderr; nil
/// otherwise. Passed as `log:` where a corpus or an index is made.
let timingLog: (@Sendable (String) -> Void)? = {
    guard ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil else { return nil }
    return { line in FileHandle.standardError.write(Data("\(line)\n".utf8)) }
}()


struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write N synthetic pages, in every layout the parser reads unless --mix says otherwise.")

    @Option(help: "How many pages.") var pages: Int
    @Option(help: "The folder to write them to (created if missing).") var out: String
    @Option(help: "Random seed: the same seed writes the same pages.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Layouts and their weights: 'real' (every layout, the default), 'seeds' (the seeds' layout only), or LAYOUT=N,... with layouts \(PageGenerator.Layout.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "mix"))
    var mix = "real"

    func validate() throws {
        guard pages > 0 else { throw ValidationError("--pages must be positive") }
        if PageGenerator.Mix.parse(mix) == nil {
            let bad = mix.split(separator: ",").first { part in
                let kv = part.split(separator: "=")
                return kv.count != 2 || PageGenerator.Layout(rawValue: String(kv[0])) == nil || Int(kv[1]).map { $0 < 0 } ?? true
            }
            throw ValidationError("--mix: " + (bad.map { "'\($0)' is not LAYOUT=N" } ?? "no layout has a weight above 0")
                                  + " (layouts: \(PageGenerator.Layout.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw BenchError("cannot create \(out): \(String(cString: strerror(errno)))")
        }
        let generator = PageGenerator(seed: seed, mix: PageGenerator.Mix.parse(mix) ?? .real)
        var bytes = 0
        for p in 0..<pages {
            let page = generator.page(p)
            let data = Data(page.text.utf8)
            bytes += data.count
            guard FileManager.default.createFile(atPath: out + "/" + page.name, contents: data) else {
                throw BenchError("cannot write \(out)/\(page.name)")
            }
        }
        print("wrote \(pages) pages, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, to \(out)")
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, split, extract and merge a folder of pages; report wall time, throughput and peak memory."
    )

    @Argument(help: "A folder of pages.") var dir: String
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let corpus: Corpus
        do {
            corpus = try Corpus.load(paths: [dir], log: timingLog)
        } catch {
            throw BenchError(error.description)
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let mb = Double(corpus.stats.bytes) / 1_048_576
        let rss = peakRSSMegabytes()
        if json {
            print(JSON.object([
                ("pages", .number(corpus.stats.pages)),
                ("mb", .double(round(mb * 100) / 100)),
                ("articles", .number(corpus.articles.count)),
                ("wall_s", .double(round(wall * 1000) / 1000)),
                ("mb_per_s", .double(round(mb / wall * 10) / 10)),
                ("peak_rss_mb", .double(round(rss * 10) / 10)),
            ] + corpus.stats.timings.map { name, secs in
                (name.replacingOccurrences(of: "+", with: "_").replacingOccurrences(of: " ", with: "_") + "_s", JSON.double(round(secs * 1000) / 1000))
            }).render())
        } else {
            print("pages:       \(corpus.stats.pages)")
            print("MB:          \(String(format: "%.2f", mb))")
            print("blocks:      \(corpus.stats.blocks)")
            print("articles:    \(corpus.articles.count) (\(corpus.stats.merged) blocks merged)")
            print("unplaced:    \(corpus.stats.unplaced.count)")
            print("wall:        \(String(format: "%.3f", wall)) s")
            print("throughput:  \(String(format: "%.1f", mb / wall)) MB/s on \(ProcessInfo.processInfo.activeProcessorCount) cores")
            print("peak RSS:    \(String(format: "%.1f", rss)) MB (\(String(format: "%.2f", rss / max(mb, 0.001)))x the corpus)")
            print("phases:      " + corpus.stats.timings.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))
        }
    }
}

/// The process's peak resident memory (VmHWM), in MB.
func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}
