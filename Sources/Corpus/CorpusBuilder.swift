import Foundation

/// Reads, parses, merges and analyses pages, using every core for the parts that allow it.
public struct CorpusBuilder: Sendable {
    public var extractor: EntityExtractor
    public var workers: Int

    public init(extractor: EntityExtractor = EntityExtractor(), workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.extractor = extractor
        self.workers = max(1, workers)
    }

    struct PageResult {
        var parsed: ParsedPage?
        var warnings: [LoadWarning] = []
        var bytes = 0
    }

    /// A page read and cleaned, with the keys of its lines for the corpus-wide counts.
    struct CleanedPage {
        var clean: CleanPage?
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
    ///
    /// Four phases, each on every core: read and clean the pages (counting their lines), count
    /// each line across the corpus (`LineEvidence`), parse each page with those counts, and
    /// analyse the merged articles. Only the merge itself is sequential.
    public func build(_ pages: [PageInput], origin: String, progress: (@Sendable (Int, Int, Int) -> Void)? = nil) -> Corpus {
        let t0 = DispatchTime.now().uptimeNanoseconds
        var last = t0
        var timings: [(String, Double)] = []
        let verbose = ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil
        func lap(_ what: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((what, Double(now - last) / 1e9))
            last = now
            if verbose {
                FileHandle.standardError.write(Data("\(what): \(Double(now - t0) / 1e9)s\n".utf8))
            }
        }
        let total = pages.count
        var cleaned: [CleanedPage] = parallelMap(total) { i in Self.read(pages[i]) }
        lap("read+clean")
        let evidence = total > 1 ? LineEvidence.build(cleaned.map(\.keys), workers: workers) : .none
        for i in cleaned.indices { cleaned[i].keys = [] }
        lap("line counts")
        let counter = ProgressCounter()
        let results: [PageResult] = parallelMap(total) { i in
            let r = Self.parse(pages[i], cleaned[i], evidence: evidence)
            if let progress {
                let (done, blocks) = counter.increment(blocks: r.parsed?.blocks.count ?? 0)
                if done % 256 == 0 || done == total { progress(done, total, blocks) }
            }
            return r
        }
        cleaned = []

        lap("parse")
        var stats = CorpusStats()
        var merger = Merger()
        for (page, r) in zip(pages, results) {
            stats.warnings += r.warnings
            stats.bytes += r.bytes
            guard let parsed = r.parsed else {
                stats.skippedFiles.append(page.name)
                continue
            }
            stats.pages += 1
            for u in parsed.unplaced {
                stats.unplaced.append(UnplacedParagraph(file: page.name, line: u.line, text: u.text))
            }
            if parsed.confidence < Self.lowConfidence, !parsed.blocks.isEmpty {
                stats.lowConfidence.append(LowConfidencePage(file: page.name, confidence: parsed.confidence, decision: parsed.decision))
            }
        }
        stats.lowConfidence.sort { $0.confidence != $1.confidence ? $0.confidence < $1.confidence : $0.file < $1.file }
        // Main articles first, then teasers, so that what merges does not depend on the order
        // of the pages (a teaser always finds the full article, wherever it was read).
        for role in [SourceRole.main, .teaser] {
            for (page, r) in zip(pages, results) {
                for block in r.parsed?.blocks ?? [] where block.role == role {
                    merger.add(block, file: page.name)
                }
            }
        }
        stats.blocks = merger.blocks

        lap("merge")
        let drafts = merger.drafts
        var articles: [Article] = parallelMap(drafts.count) { i in analyse(drafts[i]) }
        lap("analyse")
        articles = Self.sortedNewestFirst(articles)
        Self.assignIDs(&articles)
        lap("sort+ids")
        stats.timings = timings
        stats.articles = articles.count
        stats.undated = articles.filter { $0.published == nil && $0.event == nil }.count
        return Corpus(articles: articles, stats: stats, origin: origin)
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
        let title = d.title ?? d.paragraphs.first.map { TextTools.firstSentence($0) } ?? "(untitled)"
        let kind = KindClassifier.classify(title: d.title, paragraphs: d.paragraphs, hasQA: !qa.isEmpty)
        let event = DateExtractor.event(title: d.title, paragraphs: d.paragraphs, published: d.published)
        var texts = d.paragraphs
        if let t = d.title { texts.insert(t, at: 0) }
        // Look-alike letters inside words (a Cyrillic С in "СSTO") must not hide a name.
        let e = extractor.extract(texts.map(ScriptFolding.fixMixedWords))
        var a = Article(id: TextTools.hex(d.key, digits: 12), title: title, kind: kind, full: d.full, published: d.published, event: event,
                        organizations: e.organizations, countries: e.countries, people: e.people, exercises: e.exercises,
                        paragraphs: d.paragraphs, qa: qa, contacts: d.contacts, media: d.media, sources: d.sources)
        a.byline = d.byline
        a.timestamp = d.timestamp
        a.alternateTitles = d.alternateTitles
        return a
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
final class SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
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
