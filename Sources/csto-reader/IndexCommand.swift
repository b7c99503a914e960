import ArgumentParser
import Corpus
import CorpusCache
import Foundation
import TerminalCore

/// `csto-reader index PATH...`: brings the cache of a set of pages up to date.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Read the pages that are new or changed since the last time and update the cache (the reader and every command do this on their own; this does it now, with a summary).",
        discussion: "The cache is kept in $XDG_CACHE_HOME/csto-reader/ (else ~/.cache/csto-reader/), one file per set of paths."
    )

    @Argument(help: ArgumentHelp("Page files or folders, as given to the other commands (at least one).", valueName: "path"))
    var paths: [String] = []
    @Option(name: .long, help: ArgumentHelp("An extra gazetteer file, as given to the other commands.", valueName: "file"))
    var gazetteer: String?
    @Flag(help: "Print the summary as a JSON object.") var json = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give the page files or folders to index (the built-in corpus needs no cache)") }
    }

    func run() throws {
        var options = try CorpusOptions.parse(paths + (gazetteer.map { ["--gazetteer", $0] } ?? []))
        options.noCache = false
        guard let store = try options.store() else { throw UserError(description: "nothing to index") }
        let bar = isatty(2) == 1 && !json ? ProgressBar() : nil
        let t0 = DispatchTime.now().uptimeNanoseconds
        let opened: OpenedCorpus
        do {
            opened = try store.open(needIndex: true) { done, total, _ in bar?.show(done, total) }
        } catch {
            bar?.clear()
            throw UserError(description: error.description)
        }
        bar?.clear()
        let refreshSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        if let w = opened.info.warning { warn(w) }
        // Indexing is for the cache: without one it failed.
        if opened.info.status == .off { throw QuietExit(code: Exit.usage) }
        let writeWarning = store.save(opened)
        if let w = writeWarning {
            warn(w)
            throw QuietExit(code: Exit.usage)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let s = opened.info.summary
        let c = opened.corpus
        if json {
            printJSON(.object([
                ("status", .string(opened.info.status.rawValue)),
                ("file", writeWarning == nil ? .optional(opened.info.file) : .null),
                ("pages", .number(c.stats.pages)),
                ("added", .number(s.added)),
                ("changed", .number(s.changed)),
                ("removed", .number(s.removed)),
                ("touched", .number(s.touched)),
                ("reread", .number(s.reread)),
                ("articles", .number(c.articles.count)),
                ("new_articles", .number(opened.info.newArticles)),
                ("refresh_seconds", .double((refreshSeconds * 1000).rounded() / 1000)),
                ("seconds", .double((seconds * 1000).rounded() / 1000)),
            ]))
            return
        }
        func n(_ v: Int) -> String { v.formatted(.number.grouping(.automatic)) }
        func count(_ v: Int, _ what: String) -> String { "\(n(v)) \(what)\(v == 1 ? "" : "s")" }
        switch opened.info.status {
        case .hit:
            print("up to date: \(count(c.stats.pages, "page")), \(count(c.articles.count, "article")), nothing to read (\(String(format: "%.2f", seconds)) s)")
        case .refreshed, .rebuilt, .off:
            let what = opened.info.status == .rebuilt ? "read every page (\(opened.info.reason ?? "no cache"))" : "refreshed"
            let touched = s.touched > 0 ? ", \(n(s.touched)) touched (same bytes)" : ""
            print("\(what): \(count(c.stats.pages, "page")) (+\(n(s.added)) added, \(n(s.changed)) changed, \(n(s.removed)) removed\(touched); \(n(s.reread)) read), "
                  + "\(count(c.articles.count, "article")) (\(n(opened.info.newArticles)) new), \(String(format: "%.2f", seconds)) s")
        }
        if writeWarning == nil, let f = opened.info.file { print("cache: \(f)") }
    }
}

/// A one-line progress bar on stderr.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = -1

    func show(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        let pct = total == 0 ? 100 : done * 100 / total
        guard pct != last else { return }
        last = pct
        let width = 30
        let filled = width * pct / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(pct)% \(done)/\(total) pages".utf8))
    }

    func clear() {
        lock.lock(); defer { lock.unlock() }
        if last >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
