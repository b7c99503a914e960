import Corpus
import Foundation

/// The facets a result set is counted by.
public enum Facet: String, CaseIterable, Sendable {
    case year, organization, kind, country, exercise
}

/// An in-memory inverted index over a corpus's articles: a sorted term dictionary for prefix
/// lookup, postings with BM25F impacts and positions, per-document metadata for filters and
/// facets. Immutable once built, so it is safe to share between threads.
public final class SearchIndex: @unchecked Sendable {
    public let articles: ArticleTable
    public let gazetteer: Gazetteer
    var docCount: Int { articles.count }

    // Term dictionary: folded UTF-8 of term `t` is termBlob[termOffsets[t]..<termOffsets[t + 1]].
    var termBlob: Column<UInt8> = []
    var termOffsets: Column<UInt32> = [0]

    /// Term ids in byte order of their text, for prefix ranges.
    var sortedTerms: Column<UInt32> = []

    // Postings, grouped by term: term t owns postings postStart[t]..<postStart[t + 1].
    var postStart: Column<UInt32> = []
    var postDocs: Column<UInt32> = []
    /// BM25F term-frequency part of each posting, quantized to a byte (0...255 ↦ 0...k1+1).
    var postImpact: Column<UInt8> = []
    /// Positions of term t in its postings, in order: varint deltas, restarting at each posting.
    var posStart: Column<UInt32> = []
    /// Positions in each posting; 255 means "see posCountOverflow".
    var posCount: Column<UInt8> = []
    var posCountOverflow: [Int: Int] = [:]
    var posBlob: Column<UInt8> = []
    /// Every `skipEvery`-th posting (global posting index / skipEvery): where its positions start
    /// in posBlob, so positions are found without decoding a term's earlier ones.
    var posSkip: Column<UInt32> = []
    static let skipEvery = 16
    var idf: Column<Float> = []

    // Per document.
    var docDate: Column<Int32> = []      // day ordinal, 0 when undated
    var docYear: Column<Int16> = []      // 0 when undated
    var docKind: Column<UInt8> = []

    // Facet values and, per document, the value ids it has (CSR).
    var facetNames: [Facet: [String]] = [:]
    var facetStart: [Facet: [UInt32]] = [:]
    var facetValues: [Facet: [UInt32]] = [:]
    /// For each facet value, the documents that have it.
    var facetDocs: [Facet: [[UInt32]]] = [:]
    /// For each facet value, how many documents have it.
    var facetTotals: [Facet: [Int]] = [:]

    /// Documents of heavy short prefixes (1 or 2 letters), computed once at build time.
    var prefixSets: [[UInt8]: Bitset] = [:]

    /// BM25 parameters.
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Field weights, doubled to stay integral: title 3, lead 2, body 1, entities 0.5.
    static let titleWeight: UInt16 = 6, leadWeight: UInt16 = 4, bodyWeight: UInt16 = 2, entityWeight: UInt16 = 1
    /// Positions between fields and paragraphs, so a phrase never spans two of them.
    static let fieldGap: UInt32 = 16

    public var termCount: Int { termOffsets.count - 1 }

    public init(articles: [Article], gazetteer: Gazetteer = .builtIn) {
        self.articles = ArticleTable(articles)
        self.gazetteer = gazetteer
        build()
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// An index with no parts yet (filled from a cache by `init(articles:gazetteer:from:)`).
    init(articles: ArticleTable, gazetteer: Gazetteer, empty: Void) {
        self.articles = articles
        self.gazetteer = gazetteer
    }

    /// The text of term `t`.
    @inline(__always) func termBytes(_ t: Int) -> Slice<Column<UInt8>> {
        termBlob[Int(termOffsets[t])..<Int(termOffsets[t + 1])]
    }

    func termText(_ t: Int) -> String { String(decoding: termBytes(t), as: UTF8.self) }

    @inline(__always) func sameBytes(_ t: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = Int(termOffsets[t]), to = Int(termOffsets[t + 1])
        guard to - from == bytes.count else { return false }
        return termBlob.withUnsafeBufferPointer { blob in
            memcmp(blob.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// The id of a term, if indexed (a binary search of the sorted dictionary).
    func termID(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let range = prefixRange(Array(bytes))
        guard let first = range.first else { return nil }
        let t = Int(sortedTerms[first])
        return sameBytes(t, bytes) ? t : nil
    }

    func termID(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { termID($0) }
    }

    /// How many positions posting `k` has.
    @inline(__always) func positionCount(_ k: Int) -> Int {
        let c = posCount[k]
        return c == 255 ? posCountOverflow[k] ?? 255 : Int(c)
    }

    /// The score part of posting `k` (before idf).
    @inline(__always) static func impact(_ q: UInt8) -> Float { Float(q) * ((k1 + 1) / 255) }

    // MARK: Building

    /// The words an article is found by in its entity field: organizations with their aliases
    /// (so `CSTO` finds an article that only says `ОДКБ`), countries with theirs, people,
    /// exercises and their series.
    public func entityTexts(_ a: Article) -> [String] {
        var out: [String] = []
        for o in a.organizations {
            let names = gazetteer.names(matching: o, kind: .org)
            out += names.isEmpty ? [o] : names
        }
        for c in a.countries {
            let names = gazetteer.names(matching: c, kind: .country)
            out += names.isEmpty ? [c] : names
        }
        out += a.people
        out += a.exercises
        return out
    }

    /// The postings one worker found in its share of the documents, with its own term ids.
    struct Shard {
        var table = TermTable()
        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        var term: [UInt32] = []
        var doc: [UInt32] = []
        var wtf: [UInt16] = []
        var count: [UInt32] = []
        var pos: [UInt8] = []
        var posEnd: [UInt32] = []

        mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var h = fnv(bytes)
            while let t = table.get(h) {
                let from = Int(offsets[Int(t)]), to = Int(offsets[Int(t) + 1])
                let same = to - from == bytes.count && blob.withUnsafeBufferPointer {
                    memcmp($0.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
                }
                if same { return Int(t) }
                h = h &+ 0x9E37_79B9_7F4A_7C15 // a collision: the next slot
            }
            let id = offsets.count - 1
            blob.append(contentsOf: bytes)
            offsets.append(UInt32(blob.count))
            table.set(h, UInt32(id))
            return id
        }

        func termBytes(_ t: Int) -> UnsafeBufferPointer<UInt8> {
            blob.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[Int(offsets[t])..<Int(offsets[t + 1])]) }
        }

        /// Tokenizes documents `range`, recording each document's weighted length in `docLen`.
        mutating func tokenize(_ index: SearchIndex, _ range: Range<Int>, docLen: UnsafeMutableBufferPointer<Float>) {
            var lastDoc: [Int32] = []
            var slot: [Int32] = []
            var docTerms: [Int] = []
            var docTermWTF: [UInt16] = []
            var tokenSlot: [Int32] = []
            var tokenPosition: [UInt32] = []
            var slotStart: [Int] = []
            var grouped: [UInt32] = []
            for d in range {
                let a = index.articles[d]
                docTerms.removeAll(keepingCapacity: true)
                docTermWTF.removeAll(keepingCapacity: true)
                tokenSlot.removeAll(keepingCapacity: true)
                tokenPosition.removeAll(keepingCapacity: true)
                var position: UInt32 = 0
                var length: UInt32 = 0
                func add(_ text: String, weight: UInt16) {
                    Folding.forEachTerm(in: text) { bytes, _, _ in
                        let t = intern(bytes)
                        if t >= lastDoc.count {
                            lastDoc.append(-1)
                            slot.append(0)
                        }
                        if lastDoc[t] != Int32(d) {
                            lastDoc[t] = Int32(d)
                            slot[t] = Int32(docTerms.count)
                            docTerms.append(t)
                            docTermWTF.append(0)
                        }
                        let s = Int(slot[t])
                        docTermWTF[s] = docTermWTF[s] &+ weight
                        tokenSlot.append(Int32(s))
                        tokenPosition.append(position)
                        position += 1
                        length += UInt32(weight)
                    }
                    position += SearchIndex.fieldGap
                }
                add(a.title, weight: SearchIndex.titleWeight)
                for (i, p) in a.paragraphs.enumerated() { add(p, weight: i == 0 ? SearchIndex.leadWeight : SearchIndex.bodyWeight) }
                for e in index.entityTexts(a) { add(e, weight: SearchIndex.entityWeight) }
                docLen[d] = Float(length) / 2

                // Positions grouped by term (a counting sort keeps them in order).
                slotStart.removeAll(keepingCapacity: true)
                slotStart.append(contentsOf: repeatElement(0, count: docTerms.count + 1))
                for s in tokenSlot { slotStart[Int(s) + 1] += 1 }
                for s in 0..<docTerms.count { slotStart[s + 1] += slotStart[s] }
                grouped.removeAll(keepingCapacity: true)
                grouped.append(contentsOf: repeatElement(0, count: tokenSlot.count))
                var fill = slotStart
                for (k, s) in tokenSlot.enumerated() {
                    grouped[fill[Int(s)]] = tokenPosition[k]
                    fill[Int(s)] += 1
                }
                for (s, t) in docTerms.enumerated() {
                    term.append(UInt32(t))
                    doc.append(UInt32(d))
                    wtf.append(docTermWTF[s])
                    count.append(UInt32(slotStart[s + 1] - slotStart[s]))
                    var prev: UInt32 = 0
                    for k in slotStart[s]..<slotStart[s + 1] {
                        let p = grouped[k]
                        var delta = p - prev
                        prev = p
                        while delta >= 0x80 {
                            pos.append(UInt8(delta & 0x7F) | 0x80)
                            delta >>= 7
                        }
                        pos.append(UInt8(delta))
                    }
                    posEnd.append(UInt32(pos.count))
                }
            }
        }
    }

    private func build() {
        let n = articles.count
        let timing = ProcessInfo.processInfo.environment["CSTO_TIMING"] != nil
        let t0 = DispatchTime.now().uptimeNanoseconds
        func lap(_ what: String) {
            guard timing else { return }
            FileHandle.standardError.write(Data("index \(what): \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)s\n".utf8))
        }

        // 1. Tokenize on every core, each worker a contiguous share of the documents.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 64))
        let shards = UnsafeMutableBufferPointer<Shard>.allocate(capacity: workers)
        shards.initialize(repeating: Shard())
        defer { shards.deinitialize(); shards.deallocate() }
        let docLenBuffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, n))
        docLenBuffer.initialize(repeating: 0)
        defer { docLenBuffer.deallocate() }
        let shardBox = ShardBox(shards: shards, docLen: docLenBuffer)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = n * w / workers, hi = n * (w + 1) / workers
            shardBox.shards[w].tokenize(self, lo..<hi, docLen: shardBox.docLen)
        }
        lap("tokenize")

        // 2. One dictionary: shard 0's ids stay, the others' are mapped.
        var table = TermTable()
        var maps: [[UInt32]] = []
        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        func same(_ t: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let from = Int(offsets[t]), to = Int(offsets[t + 1])
            guard to - from == bytes.count else { return false }
            return blob.withUnsafeBufferPointer { memcmp($0.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0 }
        }
        for w in 0..<workers {
            var map = [UInt32](repeating: 0, count: shards[w].offsets.count - 1)
            for t in 0..<map.count {
                let bytes = shards[w].termBytes(t)
                var h = fnv(bytes)
                var id: Int? = nil
                while let g = table.get(h) {
                    if same(Int(g), bytes) { id = Int(g); break }
                    h = h &+ 0x9E37_79B9_7F4A_7C15
                }
                if id == nil {
                    id = offsets.count - 1
                    blob.append(contentsOf: bytes)
                    offsets.append(UInt32(blob.count))
                    table.set(h, UInt32(id!))
                }
                map[t] = UInt32(id!)
            }
            maps.append(map)
        }
        termBlob = Column(blob)
        termOffsets = Column(offsets)
        blob = []
        lap("dictionary")

        // 3. Group the postings by term (a counting sort, stable: documents stay in order).
        let terms = termCount
        var perTerm = [UInt32](repeating: 0, count: terms + 1)
        var perTermBytes = [UInt32](repeating: 0, count: terms + 1)
        var total = 0
        var totalBytes = 0
        for w in 0..<workers {
            let sh = shards[w]
            for k in 0..<sh.term.count {
                let t = Int(maps[w][Int(sh.term[k])])
                perTerm[t + 1] += 1
                perTermBytes[t + 1] += sh.posEnd[k] - (k == 0 ? 0 : sh.posEnd[k - 1])
            }
            total += sh.term.count
            totalBytes += sh.pos.count
        }
        for t in 0..<terms {
            perTerm[t + 1] += perTerm[t]
            perTermBytes[t + 1] += perTermBytes[t]
        }
        postStart = Column(perTerm)
        posStart = Column(perTermBytes)
        let docLen = Array(docLenBuffer)
        let avg = max(1, docLen.reduce(0, +) / Float(max(1, n)))
        let norm = docLen.map { Self.k1 * (1 - Self.b + Self.b * $0 / avg) }
        var postDocs = [UInt32](repeating: 0, count: total)
        var postImpact = [UInt8](repeating: 0, count: total)
        var posCount = [UInt8](repeating: 0, count: total)
        var posBlob = [UInt8](repeating: 0, count: totalBytes)
        var nextPosting = perTerm
        var nextByte = perTermBytes
        var overflow: [Int: Int] = [:]
        let scale = 255 / (Self.k1 + 1)
        postDocs.withUnsafeMutableBufferPointer { docs in
            postImpact.withUnsafeMutableBufferPointer { impact in
                posCount.withUnsafeMutableBufferPointer { counts in
                    posBlob.withUnsafeMutableBufferPointer { blob in
                        for w in 0..<workers {
                            let sh = shards[w]
                            let map = maps[w]
                            sh.pos.withUnsafeBufferPointer { src in
                                for k in 0..<sh.term.count {
                                    let t = Int(map[Int(sh.term[k])])
                                    let slot = Int(nextPosting[t])
                                    nextPosting[t] += 1
                                    let d = Int(sh.doc[k])
                                    docs[slot] = UInt32(d)
                                    let tf = Float(sh.wtf[k]) / 2
                                    let value = tf * (Self.k1 + 1) / (tf + norm[d])
                                    impact[slot] = UInt8(max(1, min(255, (value * scale).rounded())))
                                    let c = Int(sh.count[k])
                                    counts[slot] = UInt8(min(c, 255))
                                    if c >= 255 { overflow[slot] = c }
                                    let from = k == 0 ? 0 : Int(sh.posEnd[k - 1])
                                    let to = Int(sh.posEnd[k])
                                    let at = Int(nextByte[t])
                                    (blob.baseAddress! + at).update(from: src.baseAddress! + from, count: to - from)
                                    nextByte[t] = UInt32(at + to - from)
                                }
                            }
                        }
                    }
                }
            }
        }
        posCountOverflow = overflow
        self.postDocs = Column(postDocs)
        self.postImpact = Column(postImpact)
        self.posCount = Column(posCount)
        self.posBlob = Column(posBlob)
        postDocs = []; postImpact = []; posCount = []; posBlob = []
        for w in 0..<workers { shards[w] = Shard() }
        idf = Column((0..<terms).map { t in
            let df = Float(postStart[t + 1] - postStart[t])
            return log(1 + (Float(n) - df + 0.5) / (df + 0.5))
        })
        var dates: [Int32] = [], years: [Int16] = [], kinds: [UInt8] = []
        dates.reserveCapacity(n); years.reserveCapacity(n); kinds.reserveCapacity(n)
        for d in 0..<n {
            let date = articles[d].displayDate
            dates.append(Int32(date?.ordinal ?? 0))
            years.append(Int16(date?.year ?? 0))
            kinds.append(UInt8(ArticleKind.allCases.firstIndex(of: articles[d].kind)!))
        }
        docDate = Column(dates); docYear = Column(years); docKind = Column(kinds)
        lap("group")
        buildSkips()
        lap("skips")

        sortedTerms = Column(termBlob.withUnsafeBufferPointer { blob in
            (0..<UInt32(terms)).sorted { a, b in
                let fa = Int(termOffsets[Int(a)]), ta = Int(termOffsets[Int(a) + 1])
                let fb = Int(termOffsets[Int(b)]), tb = Int(termOffsets[Int(b) + 1])
                let c = memcmp(blob.baseAddress! + fa, blob.baseAddress! + fb, min(ta - fa, tb - fb))
                return c != 0 ? c < 0 : ta - fa < tb - fb
            }
        })
        lap("sort terms")
        buildFacets()
        lap("facets")
        buildPrefixSets()
        lap("prefixes")
    }

    private func buildSkips() {
        var posSkip: [UInt32] = []
        defer { self.posSkip = Column(posSkip) }
        posSkip.reserveCapacity(postDocs.count / Self.skipEvery + 1)
        var byte = 0
        var t = 0
        for k in 0..<postDocs.count {
            while k >= Int(postStart[t + 1]) { t += 1 }
            if k == Int(postStart[t]) { byte = Int(posStart[t]) }
            if k % Self.skipEvery == 0 { posSkip.append(UInt32(byte)) }
            var n = positionCount(k)
            while n > 0 {
                if posBlob[byte] & 0x80 == 0 { n -= 1 }
                byte += 1
            }
        }
    }

    /// The posting of term `t` for document `d` (a binary search), if `d` has the term.
    @inline(__always) func posting(ofTerm t: Int, doc d: Int) -> Int? {
        var a = Int(postStart[t]), b = Int(postStart[t + 1])
        let end = b
        while a < b {
            let mid = (a + b) / 2
            if Int(postDocs[mid]) < d { a = mid + 1 } else { b = mid }
        }
        return a < end && Int(postDocs[a]) == d ? a : nil
    }

    /// Where the positions of posting `k` start in posBlob.
    @inline(__always) func positionsOffset(ofPosting k: Int) -> Int {
        let base = k - k % Self.skipEvery
        var byte = Int(posSkip[base / Self.skipEvery])
        var skip = 0
        for j in base..<k { skip += positionCount(j) }
        posBlob.withUnsafeBufferPointer { blob in
            while skip > 0 {
                if blob[byte] & 0x80 == 0 { skip -= 1 }
                byte += 1
            }
        }
        return byte
    }

    /// The positions of posting `k`, in order.
    @inline(__always) func positions(ofPosting k: Int, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var byte = positionsOffset(ofPosting: k)
        var p: UInt32 = 0
        posBlob.withUnsafeBufferPointer { blob in
            for _ in 0..<positionCount(k) {
                var delta: UInt32 = 0
                var shift: UInt32 = 0
                while true {
                    let b = blob[byte]
                    byte += 1
                    delta |= UInt32(b & 0x7F) << shift
                    if b & 0x80 == 0 { break }
                    shift += 7
                }
                p += delta
                out.append(p)
            }
        }
    }

    /// Walks the postings of one term in order, decoding positions only where asked; skipping a
    /// posting costs a scan of its bytes, never a re-scan of earlier ones.
    struct PostingCursor {
        let index: SearchIndex
        var k: Int
        let end: Int
        var byte: Int

        init(_ index: SearchIndex, term t: Int) {
            self.index = index
            k = Int(index.postStart[t])
            end = Int(index.postStart[t + 1])
            byte = Int(index.posStart[t])
        }

        var doc: Int { Int(index.postDocs[k]) }
        var isValid: Bool { k < end }

        /// Moves to the next posting without decoding this one's positions.
        @inline(__always) mutating func skip() {
            var n = index.positionCount(k)
            index.posBlob.withUnsafeBufferPointer { blob in
                while n > 0 {
                    if blob[byte] & 0x80 == 0 { n -= 1 }
                    byte += 1
                }
            }
            k += 1
        }

        /// Decodes this posting's positions into `out` and moves to the next posting.
        @inline(__always) mutating func take(_ out: inout [UInt32]) {
            out.removeAll(keepingCapacity: true)
            var p: UInt32 = 0
            let count = index.positionCount(k)
            index.posBlob.withUnsafeBufferPointer { blob in
                for _ in 0..<count {
                    var delta: UInt32 = 0
                    var shift: UInt32 = 0
                    while true {
                        let b = blob[byte]
                        byte += 1
                        delta |= UInt32(b & 0x7F) << shift
                        if b & 0x80 == 0 { break }
                        shift += 7
                    }
                    p += delta
                    out.append(p)
                }
            }
            k += 1
        }
    }

    /// The series of a named exercise: `Interaction-2018` → `Interaction`.
    public static func series(_ exercise: String) -> String {
        if let dash = exercise.lastIndex(of: "-"), exercise[exercise.index(after: dash)...].allSatisfy(\.isNumber) {
            return String(exercise[..<dash])
        }
        return exercise
    }

    private func buildFacets() {
        func values(_ a: Article, _ f: Facet) -> [String] {
            switch f {
            case .year: return a.displayDate.map { [String($0.year)] } ?? []
            case .organization: return a.organizations
            case .kind: return [a.kind.rawValue]
            case .country: return a.countries
            case .exercise:
                var seen = Set<String>()
                return a.exercises.map(Self.series).filter { seen.insert($0).inserted }
            }
        }
        for f in Facet.allCases {
            var ids: [String: UInt32] = [:]
            var names: [String] = []
            var start: [UInt32] = [0]
            var vals: [UInt32] = []
            var docsOf: [[UInt32]] = []
            for (d, a) in articles.enumerated() {
                for v in values(a, f) {
                    let id: UInt32
                    if let existing = ids[v] {
                        id = existing
                    } else {
                        id = UInt32(names.count)
                        ids[v] = id
                        names.append(v)
                        docsOf.append([])
                    }
                    vals.append(id)
                    docsOf[Int(id)].append(UInt32(d))
                }
                start.append(UInt32(vals.count))
            }
            facetNames[f] = names
            facetStart[f] = start
            facetValues[f] = vals
            facetDocs[f] = docsOf
            facetTotals[f] = docsOf.map(\.count)
        }
    }

    private func buildPrefixSets() {
        // The one- and two-letter prefixes whose terms, together, are in many documents: the
        // first keystrokes of a query, where a union on the fly would cost the most.
        var candidates = Set<[UInt8]>()
        func scalarLength(_ b: UInt8) -> Int { b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4 }
        for t in 0..<termCount {
            let bytes = termBytes(t)
            let first = scalarLength(bytes.first!)
            candidates.insert(Array(bytes.prefix(first)))
            if bytes.count > first {
                let second = scalarLength(bytes[bytes.startIndex + first])
                candidates.insert(Array(bytes.prefix(first + second)))
            }
        }
        for p in candidates {
            let range = prefixRange(p)
            var postings = 0
            for i in range { let t = Int(sortedTerms[i]); postings += Int(postStart[t + 1] - postStart[t]) }
            guard postings > docCount / 2 || range.count > 256 else { continue }
            var set = Bitset(count: docCount)
            for i in range { addDocs(ofTerm: Int(sortedTerms[i]), to: &set) }
            prefixSets[p] = set
            prefixTop[p] = topExpansions(range, Self.scoredExpansions)
        }
    }

    /// Prefix completions that count towards the score (all of them count for matching).
    static let scoredExpansions = 24
    var prefixTop: [[UInt8]: [Int]] = [:]

    /// The `limit` terms of a prefix range found in the most documents.
    func topExpansions(_ range: Range<Int>, _ limit: Int) -> [Int] {
        let df = { (t: Int) in Int(self.postStart[t + 1] - self.postStart[t]) }
        var best: [Int] = []
        for i in range {
            let t = Int(sortedTerms[i])
            if best.count < limit {
                best.append(t)
                if best.count == limit { best.sort { df($0) > df($1) } }
            } else if df(t) > df(best[limit - 1]) {
                var j = limit - 1
                best[j] = t
                while j > 0, df(best[j]) > df(best[j - 1]) { best.swapAt(j, j - 1); j -= 1 }
            }
        }
        return best
    }

    /// Positions in `sortedTerms` of the terms that start with `prefix`.
    func prefixRange(_ prefix: [UInt8]) -> Range<Int> {
        var lo = 0, hi = sortedTerms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if termBytes(Int(sortedTerms[mid])).lexicographicallyPrecedes(prefix) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < sortedTerms.count, termBytes(Int(sortedTerms[end])).starts(with: prefix) { end += 1 }
        return lo..<end
    }

    @inline(__always) func addDocs(ofTerm t: Int, to set: inout Bitset) {
        for k in Int(postStart[t])..<Int(postStart[t + 1]) { set.insert(Int(postDocs[k])) }
    }

    /// Bytes held by the index's own structures (the articles themselves not counted).
    public var memoryBytes: Int {
        var total = termBlob.count + termOffsets.count * 4 + sortedTerms.count * 4
        total += postStart.count * 4 + postDocs.count * 4 + postImpact.count + posStart.count * 4
        total += posCount.count + posCountOverflow.count * 16 + posBlob.count + idf.count * 4 + posSkip.count * 4
        total += prefixTop.values.reduce(0) { $0 + $1.count * 8 + 32 }
        total += docDate.count * 4 + docYear.count * 2 + docKind.count
        for f in Facet.allCases {
            total += (facetStart[f]?.count ?? 0) * 4 + (facetValues[f]?.count ?? 0) * 4
            total += (facetDocs[f] ?? []).reduce(0) { $0 + $1.count * 4 }
            total += (facetNames[f] ?? []).reduce(0) { $0 + $1.utf8.count + 16 }
        }
        total += prefixSets.values.reduce(0) { $0 + $1.byteSize + 32 }
        return total
    }

    /// Debug-build checks that the structures agree with each other.
    public func checkInvariants() {
        precondition(termOffsets.count == termCount + 1)
        precondition(postStart.count == termCount + 1 && posStart.count == termCount + 1)
        precondition(postDocs.count == postImpact.count && postDocs.count == posCount.count)
        precondition(sortedTerms.count == termCount)
        for t in 0..<termCount {
            let range = Int(postStart[t])..<Int(postStart[t + 1])
            precondition(!range.isEmpty, "term without postings")
            var prev = -1
            for k in range {
                let d = Int(postDocs[k])
                precondition(d > prev && d < docCount, "postings out of order")
                prev = d
                precondition(postImpact[k] > 0)
                precondition(positionCount(k) > 0)
            }
        }
        for i in 1..<max(1, sortedTerms.count) {
            precondition(termBytes(Int(sortedTerms[i - 1])).lexicographicallyPrecedes(termBytes(Int(sortedTerms[i]))))
        }
        precondition(docDate.count == docCount && docYear.count == docCount && docKind.count == docCount)
    }
}

/// An open-addressing hash table from a term's 64-bit hash to its id: the hash is already
/// well mixed, so it is used as it is (Swift's Dictionary would hash it again).
struct TermTable {
    var keys: [UInt64] = [UInt64](repeating: 0, count: 1024)
    var values: [UInt32] = [UInt32](repeating: UInt32.max, count: 1024)
    var count = 0
    var mask = 1023

    @inline(__always) func get(_ h: UInt64) -> UInt32? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = values[i]
            if v == UInt32.max { return nil }
            if keys[i] == h { return v }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ h: UInt64, _ v: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Int(truncatingIfNeeded: h) & mask
        while values[i] != UInt32.max, keys[i] != h { i = (i + 1) & mask }
        if values[i] == UInt32.max { count += 1 }
        keys[i] = h
        values[i] = v
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt32](repeating: UInt32.max, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where v != UInt32.max { set(k, v) }
    }

    var byteSize: Int { keys.count * 12 }
}

/// Hands the shards and the length array to the workers, each writing only its own part.
final class ShardBox: @unchecked Sendable {
    let shards: UnsafeMutableBufferPointer<SearchIndex.Shard>
    let docLen: UnsafeMutableBufferPointer<Float>
    init(shards: UnsafeMutableBufferPointer<SearchIndex.Shard>, docLen: UnsafeMutableBufferPointer<Float>) {
        self.shards = shards
        self.docLen = docLen
    }
}
