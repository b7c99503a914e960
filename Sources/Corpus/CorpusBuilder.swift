import Foundation

/// Reads, parses, merges and analyses pages, using every core for the parts that allow it.
public struct CorpusBuilder: Sendable {
    public var extractor: EntityExtractor
    public var workers: Int
    /// Gets a line after each phase of a build with the time since its start (`parse: 0.81s`);
    /// nil (the default) says nothing. The caller decides where the lines go.
    public var log: (@Sendable (String) -> Void)?

    public init(extractor: EntityExtractor = EntityExtractor(), workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: (@Sendable (String) -> Void)? = nil) {
        self.extractor = extractor
        self.workers = max(1, workers)
        self.log = log
    }

    struct PageResult {
        var parsed: ParsedPage?
        var warnings: [LoadWarning] = []
        var bytes = 0
    }

    /// A page read and cleaned, with the keys of its lines for the corpus-wide counts.
    struct CleanedPage {
        var clean: CleanPage?
        /// A checksum of the page's bytes (a touched file with the same bytes is not parsed again).
        var contentHash: UInt64 = 0
        /// Distinct line keys (for the corpus-wide counts) and the key of every line (for the parser).
        var keys: [UInt64] = []
        var lineKeys: [UInt64] = []
        var warnings: [LoadWarning] = []
        var bytes = 0
    }

    /// Runs `body(i)` for every i in 0..<count on all workers, collecting the results in order.
    func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let box = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        box.initialize(repeating: nil)
        defer { box.deallocate() }
        let shared = SendableBox(box)
        let w = min(workers, max(1, count))
        withoutActuallyEscaping(body) { body in
            let b = SendableBox(body)
            DispatchQueue.concurrentPerform(iterations: w) { worker in
                var i = worker
                while i < count {
                    shared.value[i] = b.value(i)
                    i += w
                }
            }
        }
        return box.map { $0! }
    }

    /// Builds the corpus; `progress(pagesRead, pagesTotal, blocksFound)` is called from worker
    /// threads every 256 pages and at the end.
    public func build(_ pages: [PageInput], origin: String, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) -> Corpus {
        build(pages, origin: origin, previous: nil, keepRecords: false, progress: progress).corpus
    }

    /// Builds the corpus, reusing what a previous build of (mostly) the same pages found.
    ///
    /// Four phases, each on every core: read and clean the pages (counting their lines), count
    /// each line across the corpus (`LineEvidence`), parse each page with those counts, and
    /// analyse the merged articles. Only the merge itself is sequential.
    ///
    /// With `previous`, a page whose file is unchanged (same stamp, else same content) is not
    /// read again, and its parse is reused when the corpus counts it consulted kept their order
    /// (`stillHolds`); an article whose text is unchanged keeps its analysis. Everything else is
    /// computed as a fresh build would, in the same order, so the result is the same.
    public func build(_ pages: [PageInput], origin: String, previous: PreviousBuild?, keepRecords: Bool,
                      progress: (@Sendable (Int, Int, Int) -> Void)? = nil) -> Build {
        let t0 = DispatchTime.now().uptimeNanoseconds
        var last = t0
        var timings: [(String, Double)] = []
        func lap(_ what: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((what, Double(now - last) / 1e9))
            last = now
            log?("\(what): \(Double(now - t0) / 1e9)s")
        }
        let total = pages.count
        var summary = RefreshSummary()
        // 1. Read what is new or changed; a page whose stamp is the same keeps its record.
        var old: [PageRecord?] = pages.map { p in
            guard let previous, let r = previous.records[p.name], let stamp = p.stamp, r.stamp == stamp else { return nil }
            return r
        }
        var cleaned: [CleanedPage?] = parallelMap(total) { i in old[i] == nil ? Self.read(pages[i]) : nil }
        if let previous {
            for i in 0..<total where old[i] == nil {
                if let r = previous.records[pages[i].name] {
                    // Touched but the same bytes: kept.
                    if cleaned[i]!.contentHash == r.contentHash, cleaned[i]!.clean != nil {
                        var kept = r
                        kept.stamp = pages[i].stamp
                        old[i] = kept
                        cleaned[i] = nil
                        summary.touched += 1
                    } else {
                        summary.changed += 1
                    }
                } else {
                    summary.added += 1
                }
            }
            let names = Set(pages.map(\.name))
            summary.removed = previous.records.keys.filter { !names.contains($0) }.count
        }
        summary.reread = summary.touched + cleaned.lazy.filter { $0 != nil }.count
        lap("read+clean")
        let evidence = total > 1 ? LineEvidence.build((0..<total).map { i in old[i]?.keys ?? cleaned[i]!.keys }, workers: workers) : .none
        lap("line counts")
        // 2. A kept page whose consulted counts changed their order is parsed again (read again first).
        let useCounts = evidence.pages > 1
        let stale: [Bool] = parallelMap(total) { i in
            guard let r = old[i] else { return false }
            return r.usedCounts != useCounts || !Self.stillHolds(r.consulted, evidence)
        }
        for i in 0..<total where stale[i] {
            cleaned[i] = Self.read(pages[i])
            old[i] = nil
            summary.reparsedForCounts += 1
            summary.reread += 1
        }
        let counter = ProgressCounter()
        let keptRecords = old, cleanedPages = cleaned
        var records: [PageRecord] = parallelMap(total) { i in
            let r: PageRecord
            if let kept = keptRecords[i] {
                r = kept
            } else {
                r = Self.record(pages[i], cleanedPages[i]!, evidence: evidence, keepKeys: keepRecords)
            }
            if let progress {
                let (done, blocks) = counter.increment(blocks: r.parsed?.blocks.count ?? 0)
                if done % 256 == 0 || done == total { progress(done, total, blocks) }
            }
            return r
        }
        summary.parsed = old.lazy.filter { $0 == nil }.count
        cleaned = []
        old = []
        lap("parse")

        var stats = CorpusStats()
        var merger = Merger()
        for r in records {
            stats.warnings += r.warnings
            stats.bytes += r.bytes
            guard let parsed = r.parsed else {
                stats.skippedFiles.append(r.name)
                continue
            }
            stats.pages += 1
            for u in parsed.unplaced {
                stats.unplaced.append(UnplacedParagraph(file: r.name, line: u.line, text: u.text))
            }
            if parsed.confidence < Self.lowConfidence, !parsed.blocks.isEmpty {
                stats.lowConfidence.append(LowConfidencePage(file: r.name, confidence: parsed.confidence, decision: parsed.decision))
            }
        }
        stats.lowConfidence.sort { $0.confidence != $1.confidence ? $0.confidence < $1.confidence : $0.file < $1.file }
        // Main articles first, then teasers, so that what merges does not depend on the order
        // of the pages (a teaser always finds the full article, wherever it was read).
        for role in [SourceRole.main, .teaser] {
            for r in records {
                for block in r.parsed?.blocks ?? [] where block.role == role {
                    merger.add(block, file: r.name)
                }
            }
        }
        stats.blocks = merger.blocks
        if !keepRecords { records = [] }

        lap("merge")
        let drafts = merger.drafts
        let reusedCount = Counter()
        var articles: [Article] = parallelMap(drafts.count) { i in
            let d = drafts[i]
            let hash = Self.textHash(d)
            if let previous, let known = previous.analysis(hash) {
                reusedCount.add()
                return assemble(d, known)
            }
            return analyse(d)
        }
        summary.reanalysed = drafts.count - reusedCount.value
        lap("analyse")
        articles = Self.sortedNewestFirst(articles)
        Self.assignIDs(&articles)
        lap("sort+ids")
        stats.timings = timings
        stats.articles = articles.count
        stats.undated = articles.filter { $0.published == nil && $0.event == nil }.count
        return Build(corpus: Corpus(articles: articles, stats: stats, origin: origin), records: records, summary: summary)
    }

    /// True when `counts` (a page's consulted keys and their counts then) stand in the same order
    /// under the new counts: equal ones still equal, smaller still smaller, ones still ones. The
    /// parser only compares counts with each other and with 1 and 2, so its result is the same.
    static func stillHolds(_ consulted: [(key: UInt64, count: UInt32)], _ evidence: LineEvidence) -> Bool {
        guard !consulted.isEmpty else { return true }
        var pairs: [(old: UInt32, new: UInt32)] = consulted.map { ($0.count, UInt32(evidence.count(key: $0.key))) }
        pairs.sort { $0.old != $1.old ? $0.old < $1.old : $0.new < $1.new }
        for (k, p) in pairs.enumerated() {
            if (p.old == 1) != (p.new == 1) || (p.old >= 2) != (p.new >= 2) { return false }
            guard k > 0 else { continue }
            let q = pairs[k - 1]
            if q.old == p.old, q.new != p.new { return false }
            if q.old < p.old, q.new >= p.new { return false }
        }
        return true
    }

    /// A hash of what the analysis of an article reads: title, publication date and paragraphs.
    static func textHash(_ d: Merger.Draft) -> UInt64 {
        var h: UInt64 = 0x6A09_E667_F3BC_C908
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x100_0000_01B3; h ^= h >> 29 }
        func add(_ s: String) {
            var s = s
            mix(s.withUTF8 { Checksum.of(UnsafeRawBufferPointer($0)) })
        }
        if let t = d.title { add(t) } else { mix(1) }
        mix(UInt64(d.published?.ordinal ?? 0))
        mix(UInt64(d.paragraphs.count))
        for p in d.paragraphs { add(p) }
        return h
    }

    /// Reads, cleans and parses one page into its record.
    static func record(_ page: PageInput, _ cleaned: CleanedPage, evidence: LineEvidence, keepKeys: Bool) -> PageRecord {
        let result = parse(page, cleaned, evidence: evidence)
        var parsed = result.parsed
        // What the cache keeps of a parse (the roles of lines are for `explain` only).
        parsed?.roles = []
        var consulted = parsed?.consulted ?? []
        parsed?.consulted = []
        if keepKeys {
            consulted.sort { $0.key < $1.key }
            var unique: [(key: UInt64, count: UInt32)] = []
            for c in consulted where unique.last?.key != c.key { unique.append(c) }
            consulted = unique
        } else {
            consulted = []
        }
        return PageRecord(name: page.name, stamp: page.stamp, contentHash: cleaned.contentHash, bytes: result.bytes,
                          warnings: result.warnings, keys: keepKeys ? cleaned.keys : [], usedCounts: evidence.pages > 1,
                          consulted: consulted, parsed: parsed)
    }

    /// Below this confidence (the winner less than one point ahead) a page's main article counts
    /// as a close call.
    public static let lowConfidence = 0.5

    /// Reads and cleans one page; a warning instead when it cannot be used.
    static func read(_ page: PageInput) -> CleanedPage {
        var result = CleanedPage()
        let bytes: [UInt8]
        if let b = page.bytes {
            bytes = b
        } else {
            switch FileReader.read(page.path ?? page.name) {
            case .success(let b): bytes = b
            case .failure(let w):
                result.warnings.append(w)
                return result
            }
        }
        result.bytes = bytes.count
        result.contentHash = bytes.withUnsafeBytes { Checksum.of($0) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            result.warnings.append(LoadWarning(file: page.name, line: line, message: "NUL byte: not a text page, skipped"))
            return result
        }
        let clean = PageCleaner.clean(bytes)
        if clean.invalidBytes > 0 {
            result.warnings.append(LoadWarning(file: page.name, line: nil,
                                               message: "\(clean.invalidBytes) invalid UTF-8 byte(s) replaced with U+FFFD"))
        }
        if clean.removedCharacters > 0 {
            result.warnings.append(LoadWarning(file: page.name, line: nil,
                                               message: "\(clean.removedCharacters) control or invisible character(s) removed"))
        }
        (result.lineKeys, result.keys) = LineEvidence.keys(clean.lines)
        result.clean = clean
        return result
    }

    /// Parses one cleaned page with the corpus-wide line counts.
    static func parse(_ page: PageInput, _ cleaned: CleanedPage, evidence: LineEvidence) -> PageResult {
        var result = PageResult(parsed: nil, warnings: cleaned.warnings, bytes: cleaned.bytes)
        guard let clean = cleaned.clean else { return result }
        let parsed = PageParser.parse(clean, evidence: evidence, lineKeys: cleaned.lineKeys)
        for bad in parsed.badDates {
            result.warnings.append(LoadWarning(file: page.name, line: bad.line, message: "not a real date: \(bad.text)"))
        }
        if parsed.blocks.isEmpty {
            result.warnings.append(LoadWarning(file: page.name, line: nil, message: "no article text found"))
        }
        result.parsed = parsed
        return result
    }

    func analyse(_ d: Merger.Draft) -> Article {
        let qa = InterviewParser.pairs(d.paragraphs)
        let kind = KindClassifier.classify(title: d.title, paragraphs: d.paragraphs, hasQA: !qa.isEmpty)
        let event = DateExtractor.event(title: d.title, paragraphs: d.paragraphs, published: d.published)
        var texts = d.paragraphs
        if let t = d.title { texts.insert(t, at: 0) }
        // Look-alike letters inside words (a Cyrillic С in "СSTO") must not hide a name.
        let e = extractor.extract(texts.map(ScriptFolding.fixMixedWords))
        return assemble(d, Analysis(kind: kind, event: event, organizations: e.organizations, countries: e.countries,
                                    people: e.people, exercises: e.exercises, qa: qa))
    }

    /// The article of a draft with its analysis (made now, or kept from a previous build).
    func assemble(_ d: Merger.Draft, _ a: Analysis) -> Article {
        let title = d.title ?? d.paragraphs.first.map { TextTools.firstSentence($0) } ?? "(untitled)"
        let details = ArticleDetails(paragraphs: d.paragraphs, qa: a.qa ?? InterviewParser.pairs(d.paragraphs), contacts: d.contacts, media: d.media,
                                     sources: d.sources, alternateTitles: d.alternateTitles)
        var article = Article(id: TextTools.hex(d.key, digits: 12), title: title, kind: a.kind, full: d.full, published: d.published,
                              event: a.event, organizations: a.organizations, countries: a.countries, people: a.people,
                              exercises: a.exercises, byline: d.byline, timestamp: d.timestamp, body: ArticleBody(details))
        article.textHash = Self.textHash(d)
        return article
    }

    /// `newestFirst` order, with each article's date turned into one integer first (articles are
    /// large values: sorting indices by precomputed keys moves nothing until the end).
    static func sortedNewestFirst(_ articles: [Article]) -> [Article] {
        let keys: [Int] = articles.map { a in
            a.displayDate.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1
        }
        let order = articles.indices.sorted { i, j in
            if keys[i] != keys[j] { return keys[i] > keys[j] }
            return newestFirst(articles[i], articles[j])
        }
        return order.map { articles[$0] }
    }

    /// Newest first by publication date (else event date), undated last; then by title.
    static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        switch (a.displayDate, b.displayDate) {
        case let (x?, y?) where x != y: return x > y
        case (nil, _?): return false
        case (_?, nil): return true
        default:
            if a.title != b.title { return a.title < b.title }
            return (a.paragraphs.first ?? "") < (b.paragraphs.first ?? "")
        }
    }

    /// Ids from the article's lead text (the first paragraph of the first main article seen, or
    /// of the teaser): the same on every run and machine, the same for a teaser and for the full
    /// article it introduces, and kept when a later re-scrape with an edited text is added.
    /// Two articles with one lead (rare) are told apart by their titles.
    static func assignIDs(_ articles: inout [Article]) {
        var used = Set<String>()
        for i in articles.indices {
            var id = articles[i].id
            var h = UInt64(id, radix: 16) ?? 0
            var salt: UInt64 = 1
            while used.contains(id) {
                h = (h ^ TextTools.fingerprint(articles[i].title)) &* 0x100_0000_01b3 &+ salt
                salt += 1
                id = TextTools.hex(h, digits: 12)
            }
            used.insert(id)
            articles[i].id = id
        }
    }
}

/// Hands a value to worker threads that write disjoint slots or only read it.
public final class SendableBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var blocks = 0
    func increment(blocks found: Int) -> (Int, Int) {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        blocks += found
        return (count, blocks)
    }
}
