import Corpus
import Foundation
import SearchIndex

/// What the cache did for one open.
public struct CacheInfo: Sendable {
    public enum Status: String, Sendable {
        /// Every page as cached: nothing was read.
        case hit
        /// Some pages changed: only those were read again.
        case refreshed
        /// No usable cache: every page was read (and the cache written).
        case rebuilt
        /// `--no-cache`, the built-in corpus, or a cache folder that cannot be used.
        case off
    }
    public var status: Status
    /// The cache file.
    public var file: String?
    /// Why the cache was rebuilt or not used.
    public var reason: String?
    public var summary = RefreshSummary()
    /// A line for the user: a damaged cache rebuilt, a folder that cannot be written.
    public var warning: String?
    /// Seconds the open took.
    public var seconds: Double = 0
    /// Articles that were not in the cache (all of them when it was rebuilt).
    public var newArticles = 0

    public init(status: Status, file: String? = nil, reason: String? = nil) {
        self.status = status
        self.file = file
        self.reason = reason
    }
}

/// A corpus opened through the cache, its index (when asked for or cached), and the cache's
/// report. `save` writes the cache when it needs writing (the caller decides when: the CLI
/// after its output, the reader in the background).
public struct OpenedCorpus: Sendable {
    public var corpus: Corpus
    public var index: SearchIndex?
    public var info: CacheInfo
    /// What a cache write needs (nil when the cache is up to date or off).
    var pending: Pending?

    struct Pending: Sendable {
        var records: [PageRecord]
    }

    public var needsSave: Bool { pending != nil }
}

/// The corpus and search index of a set of pages, cached under `$XDG_CACHE_HOME/csto-reader/`
/// (else `~/.cache/csto-reader/`), one file per set of paths. See `CacheFormat` for the file.
public final class CorpusStore: Sendable {
    public let paths: [String]
    public let gazetteer: Gazetteer
    public let directory: URL
    /// What the cache is for: the paths (and the folder they are relative to) and the gazetteer.
    public let key: String
    public let file: String
    /// The program's build: a cache written by another build is rebuilt.
    public let build: String
    /// Gets a timing line per step of an open (`cache find pages: 1.2 ms`), and the build's and
    /// the index's lines when they are made here; nil (the default) says nothing.
    public let log: (@Sendable (String) -> Void)?

    /// The cache of `paths` in `directory` (the program passes `defaultDirectory(environment:)`).
    public init(paths: [String], gazetteer: Gazetteer, gazetteerText: String = "", directory: URL,
                log: (@Sendable (String) -> Void)? = nil) {
        self.paths = paths
        self.gazetteer = gazetteer
        self.directory = directory
        self.log = log
        var key = "pages:" + paths.joined(separator: "\n")
        if paths.contains(where: { !$0.hasPrefix("/") }) { key += "\nfrom:" + FileManager.default.currentDirectoryPath }
        var g = gazetteerText
        key += "\ngazetteer:" + String(g.withUTF8 { Checksum.of(UnsafeRawBufferPointer($0)) }, radix: 16)
        self.key = key
        var k = key
        let name = "corpus-" + String(k.withUTF8 { Checksum.of(UnsafeRawBufferPointer($0)) }, radix: 16) + ".cache"
        file = self.directory.appendingPathComponent(name).path
        build = CorpusStore.buildID
    }

    /// `$XDG_CACHE_HOME/csto-reader` (an absolute XDG_CACHE_HOME only), else `~/.cache/csto-reader`,
    /// read from the `environment` the caller passes (the process's, for the program).
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("csto-reader")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/csto-reader")
    }

    /// This executable's size and modification time, with the format version: a rebuilt program
    /// (whose parser may read pages differently) does not trust an older cache.
    static let buildID: String = {
        var st = stat()
        let exe = "/proc/self/exe"
        guard stat(exe, &st) == 0 else { return "format \(CacheFormat.version) unknown build" }
        return "format \(CacheFormat.version) exe \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    var extractor: EntityExtractor { EntityExtractor(gazetteer: gazetteer) }

    // MARK: Opening

    /// The cache as last written, without looking at the pages (the reader shows it at once and
    /// refreshes behind it). Nil, with the reason, when there is no whole cache for these pages.
    public func cached() -> (OpenedCorpus?, reason: String?) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard FileManager.default.fileExists(atPath: file) else { return (nil, nil) }
        do {
            let image = try CacheImage.open(path: file, build: build, key: key)
            let (corpus, _) = try CorpusCodec.readCorpus(image)
            let index = try SearchIndex(articles: corpus.articles, gazetteer: gazetteer, from: image)
            var info = CacheInfo(status: .hit, file: file)
            info.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            return (OpenedCorpus(corpus: corpus, index: index, info: info), nil)
        } catch {
            return (nil, String(describing: error))
        }
    }

    /// The search index of the pages when the cache is up to date, its articles read only when
    /// asked for (a CLI search prints a few); nil when a refresh or a build is needed (then
    /// `open(needIndex:)`).
    public func openForSearch() throws(CorpusError) -> (index: SearchIndex, stats: CorpusStats, info: CacheInfo)? {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let found = try PageFinder.find(paths)
        lap("find pages", t0)
        guard FileManager.default.fileExists(atPath: file),
              let image = try? CacheImage.open(path: file, build: build, key: key),
              let stamps = try? CorpusCodec.stamps(image), Self.same(found.pages, stamps) else { return nil }
        lap("open, check and compare", t0)
        markUsed()
        do {
            let table = try CorpusCodec.articleTable(image)
            var stats = try CorpusCodec.readMeta(image).stats
            stats.ignoredFiles = found.ignored
            stats.warnings = found.warnings + stats.warnings
            let index = try SearchIndex(table: table, gazetteer: gazetteer, from: image)
            lap("map the index", t0)
            var info = CacheInfo(status: .hit, file: file)
            info.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            return (index, stats, info)
        } catch {
            return nil
        }
    }

    /// True when the pages at the paths are the ones the cache was written from (stat only): the
    /// reader checks this behind the cached list it shows.
    public func isFresh() -> Bool {
        guard let found = try? PageFinder.find(paths),
              let image = try? CacheImage.open(path: file, build: build, key: key, verify: false),
              let stamps = try? CorpusCodec.stamps(image) else { return false }
        return Self.same(found.pages, stamps)
    }

    /// The corpus of the pages as they are now: the cache when nothing changed; else the pages
    /// that changed read again and merged with the cached rest; else every page read. The index
    /// is included when cached or when `needIndex`. Throws as `Corpus.load` does.
    public func open(needIndex: Bool, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) throws(CorpusError) -> OpenedCorpus {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let found = try PageFinder.find(paths)
        lap("find pages", t0)
        var opened = try openFound(found, needIndex: needIndex, progress: progress)
        opened.corpus.stats.ignoredFiles = found.ignored
        opened.corpus.stats.warnings = found.warnings + opened.corpus.stats.warnings
        opened.info.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        if opened.corpus.stats.pages == 0 { throw CorpusError.noPages(paths, stats: opened.corpus.stats) }
        return opened
    }

    /// Why the cache folder cannot be written, if it cannot (checked before any work is done
    /// for it: the folder, else the nearest folder above it that exists).
    public func unwritable() -> String? {
        var dir = directory.path
        while !FileManager.default.fileExists(atPath: dir) {
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue {
            return "\(dir) is not a folder"
        }
        if access(dir, W_OK | X_OK) != 0 { return "\(dir): \(String(cString: strerror(errno)))" }
        return nil
    }

    func openFound(_ found: PageFinder.Found, needIndex: Bool, progress: (@Sendable (Int, Int, Int) -> Void)?) -> OpenedCorpus {
        if let why = unwritable() {
            // No cache can be kept: read every page, say so once.
            let build = CorpusBuilder(extractor: extractor, log: log).build(found.pages, origin: paths.joined(separator: " "), progress: progress)
            var info = CacheInfo(status: .off, reason: "the cache folder cannot be written (\(why))")
            info.warning = "cannot write the cache in \(directory.path) (\(why)): reading without a cache"
            let index = needIndex ? SearchIndex(articles: build.articles, gazetteer: gazetteer, log: log) : nil
            return OpenedCorpus(corpus: build, index: index, info: info)
        }
        var reason: String? = nil
        var image: CacheImage? = nil
        let t0 = DispatchTime.now().uptimeNanoseconds
        if FileManager.default.fileExists(atPath: file) {
            do { image = try CacheImage.open(path: file, build: build, key: key) } catch {
                reason = String(describing: error)
            }
        }
        lap("open and check the cache", t0)
        let builder = CorpusBuilder(extractor: extractor, log: log)
        if let image {
            do {
                let stamps = try CorpusCodec.stamps(image)
                if Self.same(found.pages, stamps) {
                    lap("compare stamps", t0)
                    markUsed()
                    let (corpus, _) = try CorpusCodec.readCorpus(image)
                    lap("read articles", t0)
                    let index = try SearchIndex(articles: corpus.articles, gazetteer: gazetteer, from: image)
                    lap("map the index", t0)
                    return OpenedCorpus(corpus: corpus, index: index, info: CacheInfo(status: .hit, file: file))
                }
                // Some pages changed: the rest comes from the cache.
                let records = try CorpusCodec.readRecords(image, stamps: stamps)
                let (old, _) = try CorpusCodec.readCorpus(image)
                let previous = Self.previous(records, old)
                let build = builder.build(found.pages, origin: paths.joined(separator: " "), previous: previous,
                                          keepRecords: true, progress: progress)
                var info = CacheInfo(status: .refreshed, file: file)
                info.summary = build.summary
                let before = Set(old.articles.map(\.id))
                info.newArticles = build.corpus.articles.lazy.filter { !before.contains($0.id) }.count
                let index = needIndex ? SearchIndex(articles: build.corpus.articles, gazetteer: gazetteer, log: log) : nil
                return OpenedCorpus(corpus: build.corpus, index: index, info: info, pending: .init(records: build.records))
            } catch {
                reason = String(describing: error)
            }
        }
        let build = builder.build(found.pages, origin: paths.joined(separator: " "), previous: nil, keepRecords: true, progress: progress)
        var info = CacheInfo(status: .rebuilt, file: file, reason: reason ?? "no cache yet")
        info.summary = build.summary
        info.summary.added = found.pages.count
        info.newArticles = build.corpus.articles.count
        if let reason { info.warning = "the cache \(file) was unusable (\(reason)): rebuilt" }
        let index = needIndex ? SearchIndex(articles: build.corpus.articles, gazetteer: gazetteer, log: log) : nil
        return OpenedCorpus(corpus: build.corpus, index: index, info: info, pending: .init(records: build.records))
    }

    func lap(_ what: String, _ t0: UInt64) {
        guard let log else { return }
        log("cache \(what): \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6) ms")
    }

    /// True when the pages found are the cached ones, in the same order, with the same stamps.
    static func same(_ pages: [PageInput], _ stamps: Column<UInt64>) -> Bool {
        let width = CorpusCodec.stampWidth
        guard stamps.count == pages.count * width else { return false }
        for (i, p) in pages.enumerated() {
            guard let s = p.stamp else { return false }
            let at = i * width
            // The stamp first (cheap), then the name's hash.
            guard stamps[at + 1] == UInt64(bitPattern: s.size), stamps[at + 2] == UInt64(bitPattern: s.modified),
                  stamps[at + 3] == UInt64(bitPattern: s.changed), stamps[at + 4] == s.inode, stamps[at + 5] == s.device else {
                return false
            }
            var name = p.name
            guard stamps[at] == name.withUTF8({ Checksum.of(UnsafeRawBufferPointer($0)) }) else { return false }
        }
        return true
    }

    /// The previous build for a refresh: page records by name, analyses by text hash.
    static func previous(_ records: [PageRecord], _ old: Corpus) -> PreviousBuild {
        var byName: [String: PageRecord] = [:]
        byName.reserveCapacity(records.count)
        for r in records { byName[r.name] = r }
        var byHash: [UInt64: Int] = [:]
        byHash.reserveCapacity(old.articles.count)
        for (i, a) in old.articles.enumerated() where a.textHash != 0 { byHash[a.textHash] = i }
        let articles = old.articles
        let lookup = byHash
        return PreviousBuild(records: byName) { hash in
            guard let i = lookup[hash] else { return nil }
            let a = articles[i]
            // The question/answer pairs are made again from the paragraphs (cheap, and the old
            // article's text is not read from the file for them).
            return Analysis(kind: a.kind, event: a.event, organizations: a.organizations, countries: a.countries,
                            people: a.people, exercises: a.exercises, qa: nil)
        }
    }

    // MARK: Saving

    /// Writes the cache of an open that needs it (building the index first when it was not
    /// asked for). Returns a one-line warning when the cache cannot be written.
    @discardableResult
    public func save(_ opened: OpenedCorpus) -> String? {
        guard let pending = opened.pending else { return nil }
        let index = opened.index ?? SearchIndex(articles: opened.corpus.articles, gazetteer: gazetteer, log: log)
        // What the folders held besides pages (ignored files, broken links) is looked at again on every open.
        var corpus = opened.corpus
        corpus.stats.ignoredFiles = []
        corpus.stats.warnings = pending.records.flatMap(\.warnings)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            removeAbandonedFiles()
            var w = CacheWriter()
            CorpusCodec.write(corpus, records: pending.records, index: index, into: &w)
            try w.write(to: file, build: build, key: key)
            return nil
        } catch {
            return "cannot write the cache in \(directory.path) (\(Self.reason(error))): reading without a cache"
        }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? CacheError, case .cannotWrite(_, let why) = e { return why }
        if let e = error as? CocoaError {
            if let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(u.code)))
            }
            if e.code == .fileWriteNoPermission { return "permission denied" }
            if e.code == .fileWriteOutOfSpace { return "no space left on the device" }
            return "cannot create the folder"
        }
        return String(describing: error)
    }

    /// A cache not used for this long is removed when another is written.
    public static let unusedDays = 30

    /// The cache file's modification time is its last use: kept caches are the ones in use.
    func markUsed() {
        utimes(file, nil)
    }

    /// Temporary files of writers that died (their process is gone), and caches of sets of
    /// paths not opened for `unusedDays`.
    func removeAbandonedFiles() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let now = time(nil)
        for n in names {
            let path = directory.appendingPathComponent(n).path
            if n.hasPrefix(".corpus-") && n.hasSuffix(".tmp") {
                let parts = n.split(separator: ".")
                // .corpus-HASH.cache.PID.RANDOM.tmp
                guard parts.count >= 5, let pid = Int32(parts[parts.count - 3]) else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH { unlink(path) }
            } else if n.hasPrefix("corpus-") && n.hasSuffix(".cache") && path != file {
                var st = stat()
                if stat(path, &st) == 0, now - st.st_mtim.tv_sec > Self.unusedDays * 86_400 { unlink(path) }
            }
        }
    }
}
