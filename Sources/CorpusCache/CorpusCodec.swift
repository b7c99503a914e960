import Corpus
import Foundation
import SearchIndex

/// Every string of the articles' details and of the page records, once: paragraphs repeated in
/// many sidebars are stored a single time.
struct StringTableBuilder {
    var ids: [String: UInt32] = [:]
    var offsets: [UInt64] = [0]
    var blob: [UInt8] = []

    mutating func id(_ s: String) -> UInt32 {
        if let id = ids[s] { return id }
        let id = UInt32(offsets.count - 1)
        var s2 = s
        s2.withUTF8 { blob.append(contentsOf: $0) }
        offsets.append(UInt64(blob.count))
        ids[s] = id
        return id
    }
}

/// The string table of an open cache file (checked whole at open, with the other sections).
struct StringTable: @unchecked Sendable {
    let offsets: Column<UInt64>
    let blob: UnsafeRawBufferPointer
    /// Strings already made, by id (for reading the page records, where sidebar teasers repeat).
    var memo: StringMemo? = nil

    /// The same table, each string made once and then shared (one thread only).
    func memoized() -> StringTable {
        var t = self
        t.memo = StringMemo(count: offsets.count - 1)
        return t
    }

    func string(_ id: UInt64) throws -> String {
        let i = Int(clamping: id)
        guard i >= 0, i + 1 < offsets.count else { throw DamagedData("string \(id) out of range") }
        if let memo {
            if let s = memo.values[i] { return s }
            let s = try made(i)
            memo.values[i] = s
            return s
        }
        return try made(i)
    }

    private func made(_ i: Int) throws -> String {
        let from = Int(clamping: offsets[i]), to = Int(clamping: offsets[i + 1])
        guard from <= to, to <= blob.count else { throw DamagedData("string \(i) out of range") }
        return String(decoding: UnsafeRawBufferPointer(rebasing: blob[from..<to]), as: UTF8.self)
    }
}

/// Strings made from the table, by id.
final class StringMemo {
    var values: [String?]
    init(count: Int) { values = [String?](repeating: nil, count: max(0, count)) }
}

extension ByteWriter {
    mutating func id(_ s: String, _ t: inout StringTableBuilder) { varint(UInt64(t.id(s))) }
    mutating func ids(_ list: [String], _ t: inout StringTableBuilder) {
        varint(UInt64(list.count))
        for s in list { id(s, &t) }
    }
    mutating func optionalID(_ s: String?, _ t: inout StringTableBuilder) {
        if let s { varint(UInt64(t.id(s)) + 1) } else { varint(0) }
    }
}

extension ByteReader {
    mutating func string(_ t: StringTable) throws -> String { try t.string(varint()) }
    mutating func strings(_ t: StringTable) throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try t.string(varint())) }
        return out
    }
    mutating func optionalString(_ t: StringTable) throws -> String? {
        let v = try varint()
        return v == 0 ? nil : try t.string(v - 1)
    }
}

/// Writes a corpus, its page records and its index as cache sections, and reads them back.
enum CorpusCodec {
    // MARK: Writing

    static func write(_ corpus: Corpus, records: [PageRecord], index: SearchIndex, into w: inout CacheWriter) {
        var table = StringTableBuilder()
        var meta = ByteWriter()
        meta.string(corpus.origin)
        meta.varint(UInt64(corpus.articles.count))
        meta.varint(UInt64(records.count))
        writeStats(corpus.stats, &meta)

        // Lists of names (organizations, countries...), each distinct list once.
        var listIDs: [[String]: UInt32] = [[]: 0]
        var lists = ByteWriter()
        var listOrder: [[String]] = [[]]
        func list(_ l: [String]) -> UInt32 {
            if let id = listIDs[l] { return id }
            let id = UInt32(listOrder.count)
            listIDs[l] = id
            listOrder.append(l)
            return id
        }
        var arts = ByteWriter(capacity: corpus.articles.count * 96)
        var artOffsets: [UInt64] = []
        artOffsets.reserveCapacity(corpus.articles.count + 1)
        var details = ByteWriter()
        var detailOffsets: [UInt64] = []
        detailOffsets.reserveCapacity(corpus.articles.count + 1)
        for a in corpus.articles {
            artOffsets.append(UInt64(arts.bytes.count))
            arts.string(a.id)
            arts.string(a.title)
            arts.u8(UInt8(ArticleKind.allCases.firstIndex(of: a.kind)!))
            arts.bool(a.full)
            arts.varint(UInt64(a.published?.ordinal ?? 0))
            arts.varint(UInt64(a.event?.start.ordinal ?? 0))
            arts.varint(UInt64(a.event?.end.ordinal ?? 0))
            for l in [a.organizations, a.countries, a.people, a.exercises] { arts.varint(UInt64(list(l))) }
            arts.optionalString(a.byline)
            arts.optionalString(a.timestamp)
            arts.u64(a.textHash)

            detailOffsets.append(UInt64(details.bytes.count))
            let d = a.body.details
            details.ids(d.paragraphs, &table)
            details.varint(UInt64(d.qa.count))
            for p in d.qa { details.id(p.question, &table); details.id(p.answer, &table) }
            details.ids(d.contacts, &table)
            details.ids(d.media, &table)
            details.varint(UInt64(d.sources.count))
            for s in d.sources {
                details.id(s.file, &table)
                details.u8(s.role == .main ? 0 : 1)
                details.varint(UInt64(s.line))
            }
            details.ids(d.alternateTitles, &table)
        }
        detailOffsets.append(UInt64(details.bytes.count))
        artOffsets.append(UInt64(arts.bytes.count))
        var listOffsets: [UInt64] = []
        listOffsets.reserveCapacity(listOrder.count + 1)
        for l in listOrder {
            listOffsets.append(UInt64(lists.bytes.count))
            lists.strings(l)
        }
        listOffsets.append(UInt64(lists.bytes.count))

        // Pages: a fixed-size stamp per page (checked at every open), then the records (read on refresh).
        var stamps: [UInt64] = []
        stamps.reserveCapacity(records.count * 6)
        var recs = ByteWriter()
        var recOffsets: [UInt64] = []
        for r in records {
            // A page that could not be read is read again next time (it may be readable then).
            stamps += stampWords(name: r.name, r.parsed == nil ? nil : r.stamp, contentHash: r.contentHash)
            recOffsets.append(UInt64(recs.bytes.count))
            writeRecord(r, &recs, &table)
        }
        recOffsets.append(UInt64(recs.bytes.count))

        w.add("meta", meta.bytes)
        w.add("lists", lists.bytes)
        w.add("lists.offsets", bytes(of: listOffsets))
        w.add("articles", arts.bytes)
        w.add("articles.offsets", bytes(of: artOffsets))
        w.add("details", details.bytes)
        w.add("details.offsets", bytes(of: detailOffsets))
        w.add("pages.stamps", bytes(of: stamps))
        w.add("pages.records", recs.bytes)
        w.add("pages.offsets", bytes(of: recOffsets))
        w.add("strings.blob", table.blob)
        w.add("strings.offsets", bytes(of: table.offsets))
        index.write(to: &w)
    }

    static func bytes<T: BitwiseCopyable>(of values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }

    /// The words that stand for a page in the freshness check: its name's hash, its stamp and
    /// its content hash (a page with no stamp never matches).
    static let stampWidth = 7

    static func stampWords(name: String, _ stamp: FileStamp?, contentHash: UInt64) -> [UInt64] {
        var n = name
        let h = n.withUTF8 { Checksum.of(UnsafeRawBufferPointer($0)) }
        let s = stamp ?? FileStamp(size: -1, modified: 0, changed: 0, inode: 0, device: 0)
        return [h, UInt64(bitPattern: s.size), UInt64(bitPattern: s.modified), UInt64(bitPattern: s.changed), s.inode, s.device,
                contentHash]
    }

    static func writeStats(_ s: CorpusStats, _ w: inout ByteWriter) {
        w.varint(UInt64(s.pages))
        w.varint(UInt64(s.blocks))
        w.varint(UInt64(s.articles))
        w.varint(UInt64(s.undated))
        w.varint(UInt64(s.bytes))
        w.varint(UInt64(s.warnings.count))
        for x in s.warnings { w.string(x.file); w.varint(UInt64(x.line.map { $0 + 1 } ?? 0)); w.string(x.message) }
        w.varint(UInt64(s.unplaced.count))
        for u in s.unplaced { w.string(u.file); w.varint(UInt64(u.line)); w.string(u.text) }
        w.varint(UInt64(s.lowConfidence.count))
        for l in s.lowConfidence { w.string(l.file); w.double(l.confidence); w.string(l.decision) }
        w.strings(s.ignoredFiles)
        w.strings(s.skippedFiles)
        w.varint(UInt64(s.timings.count))
        for (name, t) in s.timings { w.string(name); w.double(t) }
    }

    static func writeRecord(_ r: PageRecord, _ w: inout ByteWriter, _ t: inout StringTableBuilder) {
        w.id(r.name, &t)
        w.varint(UInt64(r.bytes))
        w.varint(UInt64(r.warnings.count))
        for x in r.warnings { w.id(x.file, &t); w.varint(UInt64(x.line.map { $0 + 1 } ?? 0)); w.id(x.message, &t) }
        w.raw(r.keys)
        w.bool(r.usedCounts)
        w.varint(UInt64(r.consulted.count))
        for c in r.consulted { w.u64(c.key); w.varint(UInt64(c.count)) }
        guard let p = r.parsed else { w.bool(false); return }
        w.bool(true)
        w.varint(UInt64(p.blocks.count))
        for b in p.blocks {
            w.u8(b.role == .main ? 0 : 1)
            w.optionalID(b.title, &t)
            w.varint(UInt64(b.published?.ordinal ?? 0))
            w.ids(b.paragraphs, &t)
            w.ids(b.contacts, &t)
            w.ids(b.media, &t)
            w.varint(UInt64(b.line))
            w.optionalID(b.byline, &t)
            w.optionalID(b.timestamp, &t)
            w.ids(b.alternateTitles, &t)
            w.varint(UInt64(b.alsoAt.count))
            for l in b.alsoAt { w.varint(UInt64(l)) }
            w.u64(b.leadKey)
            w.bool(b.titleKey != nil)
            if let k = b.titleKey { w.u64(k) }
        }
        for list in [p.unplaced, p.badDates] {
            w.varint(UInt64(list.count))
            for u in list { w.varint(UInt64(u.line)); w.id(u.text, &t) }
        }
        w.double(p.confidence)
        w.id(p.decision, &t)
    }

    // MARK: Reading

    static func strings(_ image: CacheImage) throws -> StringTable {
        StringTable(offsets: try image.plainColumn("strings.offsets", UInt64.self), blob: try image.bytes("strings.blob"))
    }

    /// Decodes items `0..<count` of a section whose item `i` starts at `offsets[i]`, in chunks on
    /// every core, each item made in its place in the result (never copied).
    static func parallelDecode<T>(_ name: String, _ image: CacheImage, count: Int,
                                  _ decode: (inout ByteReader, Int) throws -> T) throws -> [T] {
        let offsets = try image.plainColumn(name + ".offsets", UInt64.self)
        let all = try image.bytes(name)
        guard offsets.count == count + 1, Int(clamping: offsets[count]) == all.count else { throw DamagedData("\(name) offsets") }
        let workers = count < 4096 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        var failure: Error? = nil
        let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let done = Parts<Int>(workers)
            withoutActuallyEscaping(decode) { decode in
                let d = SendableBox(decode)
                let shared = SendableBox((all, buffer))
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let (all, buffer) = shared.value
                    let lo = count * w / workers, hi = count * (w + 1) / workers
                    var made = lo
                    do {
                        let from = Int(clamping: offsets[lo]), to = Int(clamping: offsets[hi])
                        guard from <= to, to <= all.count else { throw DamagedData("\(name) offsets") }
                        var r = ByteReader(UnsafeRawBufferPointer(rebasing: all[from..<to]))
                        while made < hi {
                            (buffer.baseAddress! + made).initialize(to: try d.value(&r, made))
                            made += 1
                        }
                        done.set(w, .success([]))
                    } catch {
                        (buffer.baseAddress! + lo).deinitialize(count: made - lo)
                        done.set(w, .failure(error))
                    }
                }
            }
            for case .failure(let e)? in done.results { failure = e }
            if failure != nil {
                // Take apart what the other workers made; the result is empty.
                for (w, r) in done.results.enumerated() {
                    if case .success = r {
                        let lo = count * w / workers, hi = count * (w + 1) / workers
                        (buffer.baseAddress! + lo).deinitialize(count: hi - lo)
                    }
                }
                initialized = 0
            } else {
                initialized = count
            }
        }
        if let failure { throw failure }
        return result
    }

    /// What the `meta` section holds: where the pages came from, how many articles and pages,
    /// and the build's figures.
    struct Meta {
        var origin: String
        var articles: Int
        var pages: Int
        var stats: CorpusStats
    }

    static func readMeta(_ image: CacheImage) throws -> Meta {
        var r = try image.reader("meta")
        let origin = try r.string()
        let articles = try r.value()
        let pages = try r.value()
        return Meta(origin: origin, articles: articles, pages: pages, stats: try readStats(&r))
    }

    /// The corpus (details read on demand), without its page records.
    static func readCorpus(_ image: CacheImage) throws -> (corpus: Corpus, pages: Int) {
        let meta = try readMeta(image)
        let (origin, count, pages, stats) = (meta.origin, meta.articles, meta.pages, meta.stats)

        let listCount = try image.plainColumn("lists.offsets", UInt64.self).count - 1
        guard listCount >= 1 else { throw DamagedData("lists") }
        let lists = try parallelDecode("lists", image, count: listCount) { r, _ in try r.strings() }
        let source = CachedDetails(image: image, strings: try strings(image),
                                   offsets: try image.plainColumn("details.offsets", UInt64.self))
        guard source.offsets.count == count + 1 else { throw DamagedData("details of a wrong size") }
        let articles = try parallelDecode("articles", image, count: count) { r, i in
            try decodeArticle(&r, i, source: source) { l in
                guard l < UInt64(lists.count) else { throw DamagedData("list out of range") }
                return lists[Int(l)]
            }
        }
        return (Corpus(articles: articles, stats: stats, origin: origin), pages)
    }

    /// One article's record (its details from `source` on demand).
    static func decodeArticle(_ r: inout ByteReader, _ i: Int, source: CachedDetails,
                              list: (UInt64) throws -> [String]) throws -> Article {
        let kinds = ArticleKind.allCases
        let id = try r.string()
        let title = try r.string()
        let k = Int(try r.u8())
        guard k < kinds.count else { throw DamagedData("kind") }
        let full = try r.bool()
        let published = Day(ordinal: Int(clamping: try r.varint()))
        let s = Day(ordinal: Int(clamping: try r.varint())), e = Day(ordinal: Int(clamping: try r.varint()))
        let event = s.flatMap { s in e.map { DateSpan(start: s, end: $0) } }
        let orgs = try list(r.varint()), countries = try list(r.varint()), people = try list(r.varint())
        let exercises = try list(r.varint())
        let byline = try r.optionalString(), timestamp = try r.optionalString()
        var a = Article(id: id, title: title, kind: kinds[k], full: full, published: published, event: event,
                        organizations: orgs, countries: countries, people: people, exercises: exercises,
                        byline: byline, timestamp: timestamp, body: ArticleBody(source: source, ref: i))
        a.textHash = try r.u64()
        return a
    }

    /// The articles read one at a time when asked for (a CLI search prints ten of 100,000).
    static func articleTable(_ image: CacheImage) throws -> ArticleTable {
        let count = try readMeta(image).articles
        let offsets = try image.plainColumn("articles.offsets", UInt64.self)
        let listOffsets = try image.plainColumn("lists.offsets", UInt64.self)
        let all = try image.bytes("articles"), lists = try image.bytes("lists")
        guard offsets.count == count + 1, Int(clamping: offsets[count]) == all.count, listOffsets.count >= 1,
              Int(clamping: listOffsets[listOffsets.count - 1]) == lists.count else { throw DamagedData("articles") }
        let source = CachedDetails(image: image, strings: try strings(image),
                                   offsets: try image.plainColumn("details.offsets", UInt64.self))
        guard source.offsets.count == count + 1 else { throw DamagedData("details of a wrong size") }
        let shared = SendableBox((all, lists))
        return ArticleTable(count: count) { i in
            let (all, lists) = shared.value
            func slice(_ buffer: UnsafeRawBufferPointer, _ offsets: Column<UInt64>, _ k: Int) throws -> ByteReader {
                guard k >= 0, k + 1 < offsets.count else { throw DamagedData("out of range") }
                let from = Int(clamping: offsets[k]), to = Int(clamping: offsets[k + 1])
                guard from <= to, to <= buffer.count else { throw DamagedData("out of range") }
                return ByteReader(UnsafeRawBufferPointer(rebasing: buffer[from..<to]))
            }
            do {
                var r = try slice(all, offsets, i)
                return try decodeArticle(&r, i, source: source) { l in
                    var lr = try slice(lists, listOffsets, Int(clamping: l))
                    return try lr.strings()
                }
            } catch {
                // Checked at open; should it still fail, a placeholder rather than a crash.
                return Article(id: String(format: "%012x", i), title: "(this article could not be read from the cache)",
                               full: false, paragraphs: [], sources: [])
            }
        }
    }

    static func readStats(_ r: inout ByteReader) throws -> CorpusStats {
        var s = CorpusStats()
        s.pages = try r.value()
        s.blocks = try r.value()
        s.articles = try r.value()
        s.undated = try r.value()
        s.bytes = try r.value()
        for _ in 0..<(try r.count()) {
            let file = try r.string(), line = try r.value(), message = try r.string()
            s.warnings.append(.restored(file: file, line: line == 0 ? nil : line - 1, message: message))
        }
        for _ in 0..<(try r.count()) {
            let file = try r.string(), line = try r.value(), text = try r.string()
            s.unplaced.append(.restored(file: file, line: line, text: text))
        }
        for _ in 0..<(try r.count()) {
            let file = try r.string(), confidence = try r.double(), decision = try r.string()
            s.lowConfidence.append(.restored(file: file, confidence: confidence, decision: decision))
        }
        s.ignoredFiles = try r.strings()
        s.skippedFiles = try r.strings()
        for _ in 0..<(try r.count()) {
            let name = try r.string(), t = try r.double()
            s.timings.append((name, t))
        }
        return s
    }

    static func stamps(_ image: CacheImage) throws -> Column<UInt64> {
        try image.plainColumn("pages.stamps", UInt64.self)
    }

    /// The page records (for a refresh).
    static func readRecords(_ image: CacheImage, stamps: Column<UInt64>) throws -> [PageRecord] {
        try image.verifyNow("pages.records")
        let t = try strings(image).memoized()
        let offsets = try image.plainColumn("pages.offsets", UInt64.self)
        let all = try image.bytes("pages.records")
        let width = stampWidth
        guard offsets.count >= 1, stamps.count == (offsets.count - 1) * width else { throw DamagedData("page records") }
        var out: [PageRecord] = []
        out.reserveCapacity(offsets.count - 1)
        for i in 0..<(offsets.count - 1) {
            let from = Int(clamping: offsets[i]), to = Int(clamping: offsets[i + 1])
            guard from <= to, to <= all.count else { throw DamagedData("page record \(i)") }
            var r = ByteReader(UnsafeRawBufferPointer(rebasing: all[from..<to]))
            let name = try r.string(t)
            let w = (0..<width).map { stamps[i * width + $0] }
            let stamp: FileStamp? = Int64(bitPattern: w[1]) < 0 ? nil
                : FileStamp(size: Int64(bitPattern: w[1]), modified: Int64(bitPattern: w[2]), changed: Int64(bitPattern: w[3]),
                            inode: w[4], device: w[5])
            let bytes = try r.value()
            var warnings: [LoadWarning] = []
            for _ in 0..<(try r.count()) {
                let file = try r.string(t), line = try r.value(), message = try r.string(t)
                warnings.append(.restored(file: file, line: line == 0 ? nil : line - 1, message: message))
            }
            let keys = try r.raw(UInt64.self)
            let used = try r.bool()
            var consulted: [(key: UInt64, count: UInt32)] = []
            for _ in 0..<(try r.count()) {
                let k = try r.u64(), c = try r.varint()
                consulted.append((k, UInt32(truncatingIfNeeded: c)))
            }
            var parsed: ParsedPage? = nil
            if try r.bool() {
                var blocks: [PageBlock] = []
                for _ in 0..<(try r.count()) {
                    let role: SourceRole = try r.u8() == 0 ? .main : .teaser
                    let title = try r.optionalString(t)
                    let published = Day(ordinal: Int(clamping: try r.varint()))
                    let paragraphs = try r.strings(t), contacts = try r.strings(t), media = try r.strings(t)
                    let line = try r.value()
                    let byline = try r.optionalString(t), timestamp = try r.optionalString(t)
                    let alternates = try r.strings(t)
                    var alsoAt: [Int] = []
                    for _ in 0..<(try r.count()) { alsoAt.append(try r.value()) }
                    let lead = try r.u64()
                    let titleKey: UInt64? = try r.bool() ? try r.u64() : nil
                    blocks.append(.restored(role: role, title: title, published: published, paragraphs: paragraphs,
                                            contacts: contacts, media: media, line: line, byline: byline, timestamp: timestamp,
                                            alternateTitles: alternates, alsoAt: alsoAt, leadKey: lead, titleKey: titleKey))
                }
                var lists: [[UnplacedLine]] = []
                for _ in 0..<2 {
                    var l: [UnplacedLine] = []
                    for _ in 0..<(try r.count()) {
                        let line = try r.value()
                        l.append(.restored(line: line, text: try r.string(t)))
                    }
                    lists.append(l)
                }
                let confidence = try r.double()
                let decision = try r.string(t)
                parsed = ParsedPage(blocks: blocks, unplaced: lists[0], badDates: lists[1], confidence: confidence, decision: decision)
            }
            out.append(PageRecord(name: name, stamp: stamp, contentHash: w[6], bytes: bytes, warnings: warnings, keys: keys,
                                  usedCounts: used, consulted: consulted, parsed: parsed))
        }
        return out
    }
}

/// Results of parallel workers, one slot each.
final class Parts<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<[T], Error>?]
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ r: Result<[T], Error>) { lock.lock(); results[i] = r; lock.unlock() }
}

/// Reads an article's details from the cache file when they are asked for, keeping the last few.
final class CachedDetails: ArticleDetailsSource, @unchecked Sendable {
    let image: CacheImage
    let strings: StringTable
    let offsets: Column<UInt64>
    let all: UnsafeRawBufferPointer
    private let lock = NSLock()
    private var recent: [Int: ArticleDetails] = [:]
    private var order: [Int] = []

    init(image: CacheImage, strings: StringTable, offsets: Column<UInt64>) {
        self.image = image
        self.strings = strings
        self.offsets = offsets
        all = (try? image.bytes("details")) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    func details(_ ref: Int) -> ArticleDetails {
        lock.lock()
        if let d = recent[ref] { lock.unlock(); return d }
        lock.unlock()
        // A checksum guards the file; should a read still fail, the article shows no text rather than crash.
        let d = (try? decode(ref)) ?? ArticleDetails(paragraphs: ["(this article's text could not be read from the cache)"])
        lock.lock()
        if recent[ref] == nil {
            recent[ref] = d
            order.append(ref)
            if order.count > 256 { recent[order.removeFirst()] = nil }
        }
        lock.unlock()
        return d
    }

    private func decode(_ ref: Int) throws -> ArticleDetails {
        guard ref >= 0, ref + 1 < offsets.count else { throw DamagedData("article \(ref)") }
        let from = Int(clamping: offsets[ref]), to = Int(clamping: offsets[ref + 1])
        guard from <= to, to <= all.count else { throw DamagedData("article \(ref)") }
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: all[from..<to]))
        let t = strings
        let paragraphs = try r.strings(t)
        var qa: [QAPair] = []
        for _ in 0..<(try r.count()) {
            let q = try r.string(t)
            qa.append(QAPair(question: q, answer: try r.string(t)))
        }
        let contacts = try r.strings(t), media = try r.strings(t)
        var sources: [Source] = []
        for _ in 0..<(try r.count()) {
            let file = try r.string(t)
            let role: SourceRole = try r.u8() == 0 ? .main : .teaser
            sources.append(Source(file: file, role: role, line: try r.value()))
        }
        let alternates = try r.strings(t)
        return ArticleDetails(paragraphs: paragraphs, qa: qa, contacts: contacts, media: media, sources: sources,
                              alternateTitles: alternates)
    }
}
