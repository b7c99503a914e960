import ArgumentParser
import Corpus
import CorpusCache
import Foundation
import NcursesBackend
import ReaderConfig
import ReaderUI
import ReadingState
import SearchIndex

/// `csto-reader [PATH...]`: the full-screen reader.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "The full-screen reader (the default): list, detail and pager. Press ? inside for the keys."
    )

    @OptionGroup var corpus: CorpusOptions
    @Flag(help: "Use the mouse: the wheel scrolls, a click selects (it takes over text selection).") var mouse = false

    func run() throws {
        // Everything that can fail is checked before the terminal is taken over; a path that is
        // not there first, as it is wrong wherever the reader is run.
        for path in corpus.paths where !FileManager.default.fileExists(atPath: path) {
            throw UserError(description: "no such file or folder: \(path)")
        }
        if let problem = NcursesTerminal.preflight() { throw UserError(description: problem) }
        // The locale, taken before any thread starts; what is wrong with it is said on the status line.
        let localeProblem = NcursesTerminal.setLocale(ProcessInfo.processInfo.environment)
        let gazetteer = try corpus.gazetteerInUse()
        // Keys, colours, layout: what is bad in the file is said, and left at its default.
        let config = ReaderConfig.load(ReaderConfig.defaultFile(environment: ProcessInfo.processInfo.environment))
        let loader = Loader()
        var state: AppState
        var startMessage: String? = nil
        if corpus.paths.isEmpty {
            let c = Corpus.builtIn(extractor: EntityExtractor(gazetteer: gazetteer))
            state = AppState(articles: c.articles, origin: c.origin, width: 80, height: 24,
                             index: SearchIndex(articles: c.articles, gazetteer: gazetteer),
                             keymap: config.keymap, layout: config.layout, sort: config.sort, mouse: mouse)
        } else if let store = try corpus.store() {
            // The cache as last written, shown at once; the pages are checked behind it and what
            // changed is read and swapped in; the cache is written in the background.
            let (cached, reason) = store.cached()
            if cached == nil {
                // Nothing to show until the pages are read: a folder without pages is an error now,
                // before the terminal is taken.
                do {
                    let found = try PageFinder.find(corpus.paths)
                    if found.pages.isEmpty {
                        var stats = CorpusStats()
                        stats.warnings = found.warnings
                        stats.ignoredFiles = found.ignored
                        throw CorpusError.noPages(corpus.paths, stats: stats)
                    }
                } catch {
                    throw UserError(description: String(describing: error))
                }
            }
            if let cached, let index = cached.index {
                let timing = ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil
                if timing, let ms = millisecondsSinceLaunch() {
                    FileHandle.standardError.write(Data("cache open \(ms) ms after launch (\(Int(cached.info.seconds * 1000)) ms)\n".utf8))
                }
                state = AppState(articles: cached.corpus.articles, origin: cached.corpus.origin, width: 80, height: 24, index: index,
                                 keymap: config.keymap, layout: config.layout, sort: config.sort, mouse: mouse)
                if timing, let ms = millisecondsSinceLaunch() {
                    FileHandle.standardError.write(Data("reader state \(ms) ms after launch\n".utf8))
                }
            } else {
                state = AppState.loading(origin: corpus.paths.joined(separator: " "), keymap: config.keymap, layout: config.layout,
                                         sort: config.sort, mouse: mouse)
                if let reason { startMessage = "the cache was unusable (\(reason)): reading every page" }
            }
            let showing = cached != nil
            Thread.detachNewThread {
                do {
                    // Shown from the cache and nothing changed: done.
                    if showing, store.isFresh() { return }
                    let opened = try store.open(needIndex: true) { done, total, blocks in
                        if !showing { loader.report(done: done, total: total, blocks: blocks) }
                    }
                    // Marked before the list is handed over: a quit right after it still waits for the cache.
                    if opened.needsSave { loader.saving(true) }
                    if opened.info.status != .hit || !showing {
                        loader.finish(opened.corpus, index: opened.index!, message: showing ? Self.describe(opened.info) : nil)
                    }
                    if let warning = opened.info.warning { loader.say(warning) }
                    if opened.needsSave {
                        if let warning = store.save(opened) { loader.say(warning) }
                        loader.saving(false)
                    }
                } catch {
                    // Showing the cached list: it stays, and the reader says why it could not refresh.
                    if showing {
                        loader.say("cannot refresh (\(error)): showing the pages as they were")
                    } else {
                        loader.fail(String(describing: error))
                    }
                }
            }
        } else {
            state = AppState.loading(origin: corpus.paths.joined(separator: " "), keymap: config.keymap, layout: config.layout,
                                     sort: config.sort, mouse: mouse)
            let paths = corpus.paths
            Thread.detachNewThread {
                do {
                    let c = try Corpus.load(paths: paths, extractor: EntityExtractor(gazetteer: gazetteer)) { done, total, blocks in
                        loader.report(done: done, total: total, blocks: blocks)
                    }
                    // The search index is built here too, so the screen stays live meanwhile.
                    let index = SearchIndex(articles: c.articles, gazetteer: gazetteer)
                    loader.finish(c, index: index)
                } catch {
                    loader.fail(String(describing: error))
                }
            }
        }
        // The search line's queries run on a thread of their own: the keys never wait on one.
        // CSTO_TEST_SEARCH_DELAY (milliseconds) slows each down, for the test that shows it.
        let delay = ProcessInfo.processInfo.environment["CSTO_TEST_SEARCH_DELAY"].flatMap(Double.init) ?? 0
        state.searchInBackground(delay: max(0, delay) / 1000)
        // Read/unread marks, stars and the last session, kept by article id.
        let store = StateStore()
        let (marks, warning) = store.load()
        update(&state, .restore(marks))
        // Notes open in $VISUAL or $EDITOR (a line at the bottom without either); `y` copies
        // through the terminal (OSC 52) except on terminals known not to take it.
        let env = ProcessInfo.processInfo.environment
        let term = env["TERM"] ?? ""
        state.setExternal(editor: env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"],
                          clipboard: !(term == "dumb" || term == "linux" || term.hasPrefix("vt")))
        let notes = [localeProblem, warning,
                     config.problems.first.map { config.problems.count > 1 ? "\($0) (and \(config.problems.count - 1) more)" : $0 },
                     startMessage].compactMap { $0 }
        if !notes.isEmpty { update(&state, .note(notes.joined(separator: "; "))) }
        let color = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let terminal = try NcursesTerminal(color: color, mouse: mouse)
        let timing = ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil
        // Monochrome under NO_COLOR, and on terminals without colour (reverse video then shows
        // the selection).
        runReader(backend: terminal, state: &state, theme: config.theme(color: terminal.hasColor), poll: { loader.actions() },
                  firstFrame: {
                      // Replayed on stderr when the reader exits.
                      if timing, let ms = millisecondsSinceLaunch() {
                          FileHandle.standardError.write(Data("first frame \(ms) ms after launch\n".utf8))
                      }
                  },
                  onSave: { s in
                      do { try store.save(s.marks) } catch {
                          FileHandle.standardError.write(Data("csto-reader: \(error)\n".utf8))
                      }
                  })
        if let warning { FileHandle.standardError.write(Data("csto-reader: \(warning)\n".utf8)) }
        for p in config.problems { FileHandle.standardError.write(Data("csto-reader: \(p)\n".utf8)) }
        let signal = terminal.endingSignal
        terminal.shutdown()
        // A cache being written is finished (unless a signal ended the reader): the next start is instant.
        if signal == 0 { loader.waitForSave() }
        if let failure = loader.failure { throw UserError(description: failure) }
        // 130 after Ctrl-C, 128 + the signal after SIGTERM or SIGHUP, as shells report them.
        if signal != 0 { throw QuietExit(code: 128 + signal) }
        if state.exitStatus != 0 { throw QuietExit(code: state.exitStatus) }
    }
}

extension ReadCommand {
    /// What a refresh changed, for the status bar: "+1,000 pages, 1,204 new articles".
    static func describe(_ info: CacheInfo) -> String {
        let s = info.summary
        func n(_ v: Int) -> String { v.formatted(.number.grouping(.automatic)) }
        var parts: [String] = []
        if s.added > 0 { parts.append("+\(n(s.added)) page\(s.added == 1 ? "" : "s")") }
        if s.changed > 0 { parts.append("\(n(s.changed)) changed") }
        if s.removed > 0 { parts.append("-\(n(s.removed)) removed") }
        if parts.isEmpty { parts.append("pages refreshed") }
        parts.append("\(n(info.newArticles)) new article\(info.newArticles == 1 ? "" : "s")")
        return parts.joined(separator: ", ")
    }
}

/// Loading progress and the result, handed from the loading thread to the UI thread.
final class Loader: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: (Int, Int, Int)? = nil
    private var result: (Corpus, SearchIndex)? = nil
    private(set) var failure: String? = nil
    private var failed = false

    func report(done: Int, total: Int, blocks: Int) {
        lock.lock(); defer { lock.unlock() }
        progress = (done, total, blocks)
    }

    private var message: String? = nil
    private var notes: [String] = []
    private var writing = false
    private let written = NSCondition()

    func finish(_ c: Corpus, index: SearchIndex, message: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        result = (c, index)
        self.message = message
    }

    /// A line for the status bar.
    func say(_ note: String) {
        lock.lock(); defer { lock.unlock() }
        notes.append(note)
    }

    func saving(_ on: Bool) {
        written.lock()
        writing = on
        written.broadcast()
        written.unlock()
    }

    func waitForSave() {
        written.lock()
        while writing { written.wait() }
        written.unlock()
    }

    func fail(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        failure = message
        failed = true
    }

    /// What the UI should apply now.
    func actions() -> [Action] {
        lock.lock(); defer { lock.unlock() }
        var out: [Action] = []
        if let p = progress {
            out.append(.progress(done: p.0, total: p.1, articles: p.2))
            progress = nil
        }
        if let (c, index) = result {
            out.append(.loaded(LoadedArticles(c.articles, origin: c.origin, index: index, message: message)))
            result = nil
            message = nil
        }
        if !notes.isEmpty {
            out.append(.note(notes.joined(separator: "; ")))
            notes = []
        }
        if failed { out.append(.quit) }
        return out
    }
}

/// Milliseconds since this process started (from /proc), for CSTO_TIMING.
func millisecondsSinceLaunch() -> Int? {
    func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(fd, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }
    guard let stat = read("/proc/self/stat"), let uptime = read("/proc/uptime"),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Field 22 of /proc/PID/stat is the start time in clock ticks; 20 fields follow the ")".
    guard fields.count > 19, let ticks = Double(fields[19]), let up = Double(uptime.split(separator: " ")[0]) else { return nil }
    let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
    return Int(((up - ticks / hz) * 1000).rounded())
}
