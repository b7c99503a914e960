import Corpus
import Foundation

/// Building an index from articles: every field tokenized on all cores (`Shard`), the shards'
/// dictionaries merged into one, the postings grouped by term with their BM25F impacts and
/// positions, then the skips, the sorted dictionary, the facets and the prefix sets.
extension SearchIndex {
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

    /// Every text an article is found by, in the order its positions run (a gap between two), each
    /// with its weight in the scores: the title, the paragraphs (the first is the lead), the
    /// other titles it was printed under (`Also titled`) and its byline, then the entity field.
    public func searchedTexts(_ a: Article) -> [(text: String, weight: UInt16)] {
        var out: [(text: String, weight: UInt16)] = [(a.title, Self.titleWeight)]
        // (The details read once: a body read from the cache is decoded at each reading.)
        let details = a.body.details
        for (i, p) in details.paragraphs.enumerated() { out.append((p, i == 0 ? Self.leadWeight : Self.bodyWeight)) }
        for t in details.alternateTitles { out.append((t, Self.leadWeight)) }
        if let byline = a.byline { out.append((byline, Self.entityWeight)) }
        for e in entityTexts(a) { out.append((e, Self.entityWeight)) }
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
        /// Each position's next-word code (`NextWord`), in the order of the positions.
        var next: [UInt8] = []
        /// How often each pair of words (`WordPairs.key` of this shard's ids) stands side by
        /// side in the sampled documents.
        var pairCounts = PairCounter()

        @inline(__always) mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            table.intern(bytes, blob: &blob, offsets: &offsets)
        }

        func termBytes(_ t: Int) -> UnsafeBufferPointer<UInt8> {
            blob.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[Int(offsets[t])..<Int(offsets[t + 1])]) }
        }

        /// Tokenizes documents `range`, recording each document's weighted length in `docLen`.
        /// Every `pairStride`-th document's pairs of words are counted (`pairCounts`).
        mutating func tokenize(_ index: SearchIndex, _ range: Range<Int>, docLen: UnsafeMutableBufferPointer<Float>, pairStride: Int) {
            // Per term of the shard: the last document it was seen in (high half) and its slot
            // in that document's terms (low half), side by side so a word costs one read.
            var seen: [UInt64] = []
            var docTerms: [Int] = []
            var docTermWTF: [UInt16] = []
            // The document's words in order: each one's slot, position and first byte.
            var tokens: [(slot: Int32, position: UInt32, first: UInt8)] = []
            var slotStart: [Int] = []
            var grouped: [UInt32] = []
            var groupedCode: [UInt8] = []
            // After a sample of the share, room for the whole share as projected from it (the
            // arrays are then reallocated once, not at each doubling).
            let sampled = range.lowerBound + max(64, range.count / 32)
            for d in range {
                if d == sampled, sampled < range.upperBound {
                    let scale = Double(range.count) / Double(d - range.lowerBound) * 1.1
                    func room<T>(_ a: inout [T]) { a.reserveCapacity(Int(Double(a.count) * scale)) }
                    room(&term); room(&doc); room(&wtf); room(&count); room(&posEnd); room(&pos); room(&next)
                }
                let a = index.articles[d]
                docTerms.removeAll(keepingCapacity: true)
                docTermWTF.removeAll(keepingCapacity: true)
                tokens.removeAll(keepingCapacity: true)
                var position: UInt32 = 0
                var length: UInt32 = 0
                func add(_ text: String, weight: UInt16) {
                    Folding.forEachTerm(in: text) { bytes, _, _ in
                        let t = intern(bytes)
                        if t >= seen.count { seen.append(UInt64.max) }
                        let s: Int
                        if seen[t] >> 32 != UInt64(d) {
                            s = docTerms.count
                            seen[t] = UInt64(d) << 32 | UInt64(s)
                            docTerms.append(t)
                            docTermWTF.append(weight)
                        } else {
                            s = Int(truncatingIfNeeded: seen[t] & 0xFFFF_FFFF)
                            docTermWTF[s] = docTermWTF[s] &+ weight
                        }
                        tokens.append((Int32(s), position, bytes[0]))
                        position += 1
                        length += UInt32(weight)
                    }
                    position += SearchIndex.fieldGap
                }
                for (text, weight) in index.searchedTexts(a) { add(text, weight: weight) }
                docLen[d] = Float(length) / 2
                if d % pairStride == 0, tokens.count > 1 {
                    for k in 0..<(tokens.count - 1) where tokens[k + 1].position == tokens[k].position + 1 {
                        pairCounts.add(WordPairs.key(docTerms[Int(tokens[k].slot)], docTerms[Int(tokens[k + 1].slot)]))
                    }
                }

                // Positions grouped by term (a counting sort keeps them in order).
                slotStart.removeAll(keepingCapacity: true)
                slotStart.append(contentsOf: repeatElement(0, count: docTerms.count + 1))
                for token in tokens { slotStart[Int(token.slot) + 1] += 1 }
                for s in 0..<docTerms.count { slotStart[s + 1] += slotStart[s] }
                grouped.removeAll(keepingCapacity: true)
                grouped.append(contentsOf: repeatElement(0, count: tokens.count))
                groupedCode.removeAll(keepingCapacity: true)
                groupedCode.append(contentsOf: repeatElement(0, count: tokens.count))
                var fill = slotStart
                let last = tokens.count - 1
                for (k, token) in tokens.enumerated() {
                    let s = Int(token.slot)
                    let at = fill[s]
                    grouped[at] = token.position
                    // The word right after this one, if one follows in the same field.
                    if k < last, tokens[k + 1].position == token.position + 1 {
                        groupedCode[at] = NextWord.code(tokens[k + 1].first)
                    }
                    fill[s] = at + 1
                }
                for (s, t) in docTerms.enumerated() {
                    term.append(UInt32(t))
                    doc.append(UInt32(d))
                    wtf.append(docTermWTF[s])
                    count.append(UInt32(slotStart[s + 1] - slotStart[s]))
                    PositionCodec.append(grouped[slotStart[s]..<slotStart[s + 1]], to: &pos)
                    posEnd.append(UInt32(pos.count))
                }
                // The codes in the same order: the postings' positions one after the other.
                next.append(contentsOf: groupedCode)
            }
        }
    }

    /// Builds every part of the index from `articles`; `log`, when given, gets a line with the
    /// time since the start after each step (`index tokenize: 0.42s`).
    func build(log logLine: ((String) -> Void)?) {
        let n = articles.count
        let t0 = DispatchTime.now().uptimeNanoseconds
        func lap(_ what: String) {
            guard let logLine else { return }
            logLine("index \(what): \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)s")
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
        // (About 4,000 documents' pairs are counted: enough to rank the commonest.)
        let pairStride = max(1, n / Self.pairSample)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = n * w / workers, hi = n * (w + 1) / workers
            shardBox.shards[w].tokenize(self, lo..<hi, docLen: shardBox.docLen, pairStride: pairStride)
        }
        lap("tokenize")

        // 2. One dictionary: shard 0's ids stay, the others' are mapped.
        var table = TermTable()
        var maps: [[UInt32]] = []
        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        for w in 0..<workers {
            var map = [UInt32](repeating: 0, count: shards[w].offsets.count - 1)
            for t in 0..<map.count {
                map[t] = UInt32(table.intern(shards[w].termBytes(t), blob: &blob, offsets: &offsets))
            }
            maps.append(map)
        }
        var pairCounts: [UInt64: Int] = [:]
        for w in 0..<workers {
            // (A pair seen once in a shard's sample is none of the commonest.)
            shards[w].pairCounts.forEach { key, count in
                guard count >= 2 else { return }
                pairCounts[WordPairs.key(Int(maps[w][Int(key >> 32)]), Int(maps[w][Int(key & 0xFFFF_FFFF)])), default: 0] += count
            }
        }
        termBlob = Column(blob)
        termOffsets = Column(offsets)
        blob = []
        lap("dictionary")

        // 3. Group the postings by term (a counting sort, stable: documents stay in order).
        let terms = termCount
        var perTerm = [UInt32](repeating: 0, count: terms + 1)
        var perTermBytes = [UInt32](repeating: 0, count: terms + 1)
        var perTermCodes = [UInt32](repeating: 0, count: terms + 1)
        var total = 0
        var totalBytes = 0
        for w in 0..<workers {
            let sh = shards[w]
            for k in 0..<sh.term.count {
                let t = Int(maps[w][Int(sh.term[k])])
                perTerm[t + 1] += 1
                perTermBytes[t + 1] += sh.posEnd[k] - (k == 0 ? 0 : sh.posEnd[k - 1])
                perTermCodes[t + 1] += sh.count[k]
            }
            total += sh.term.count
            totalBytes += sh.pos.count
        }
        // Only the coded terms' next-word codes are kept.
        var coded = [Bool](repeating: false, count: terms)
        for t in 0..<terms {
            coded[t] = NextWord.isCoded(df: Int(perTerm[t + 1]), docCount: n)
            if !coded[t] { perTermCodes[t + 1] = 0 }
        }
        for t in 0..<terms {
            perTerm[t + 1] += perTerm[t]
            perTermBytes[t + 1] += perTermBytes[t]
            perTermCodes[t + 1] += perTermCodes[t]
        }
        postStart = Column(perTerm)
        let docLen = Array(docLenBuffer)
        let avg = max(1, docLen.reduce(0, +) / Float(max(1, n)))
        let norm = docLen.map { Self.k1 * (1 - Self.b + Self.b * $0 / avg) }
        var postDocs = [UInt32](repeating: 0, count: total)
        var postImpact = [UInt8](repeating: 0, count: total)
        var posCount = [UInt8](repeating: 0, count: total)
        var posBlob = [UInt8](repeating: 0, count: totalBytes)
        var codes = [UInt8](repeating: 0, count: Int(perTermCodes[terms]))
        // Each of two threads fills the slots of its half of the terms (by postings): both read
        // every posting, each writes only its own terms' slots, bytes and codes, which never
        // overlap, and its own counters (a term's next slot is that term's alone).
        let split = (0..<terms).first { Int(perTerm[$0]) >= total / 2 } ?? terms
        var nextPosting = perTerm
        var nextByte = perTermBytes
        var nextCode = perTermCodes
        var overflows: [[Int: Int]] = []
        postDocs.withUnsafeMutableBufferPointer { docs in
          postImpact.withUnsafeMutableBufferPointer { impact in
            posCount.withUnsafeMutableBufferPointer { counts in
              posBlob.withUnsafeMutableBufferPointer { blob in
                codes.withUnsafeMutableBufferPointer { codes in
                  nextPosting.withUnsafeMutableBufferPointer { nextPosting in
                    nextByte.withUnsafeMutableBufferPointer { nextByte in
                      nextCode.withUnsafeMutableBufferPointer { nextCode in
                        overflows = Threads.map(2) { half in
                            let (lo, hi) = half == 0 ? (0, split) : (split, terms)
                            var overflow: [Int: Int] = [:]
                            for w in 0..<workers {
                                let sh = shards[w], map = maps[w]
                                sh.pos.withUnsafeBufferPointer { src in
                                  sh.next.withUnsafeBufferPointer { next in
                                    // Where posting k's codes and position bytes start in the
                                    // shard (every posting counted, this half's or not).
                                    var codeAt = 0
                                    var byteAt = 0
                                    for k in 0..<sh.term.count {
                                        let t = Int(map[Int(sh.term[k])])
                                        let c = Int(sh.count[k])
                                        let code = codeAt, from = byteAt, to = Int(sh.posEnd[k])
                                        codeAt += c
                                        byteAt = to
                                        guard t >= lo, t < hi else { continue }
                                        let slot = Int(nextPosting[t])
                                        nextPosting[t] += 1
                                        let d = Int(sh.doc[k])
                                        docs[slot] = UInt32(d)
                                        impact[slot] = Self.quantizedImpact(tf: Float(sh.wtf[k]) / 2, norm: norm[d])
                                        counts[slot] = UInt8(min(c, 255))
                                        if c >= 255 { overflow[slot] = c }
                                        let at = Int(nextByte[t])
                                        (blob.baseAddress! + at).update(from: src.baseAddress! + from, count: to - from)
                                        nextByte[t] = UInt32(at + to - from)
                                        if coded[t] {
                                            (codes.baseAddress! + Int(nextCode[t])).update(from: next.baseAddress! + code, count: c)
                                            nextCode[t] += UInt32(c)
                                        }
                                    }
                                  }
                                }
                            }
                            return overflow
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        let overflow = overflows[0].merging(overflows[1]) { a, _ in a }
        for w in 0..<workers { shards[w] = Shard() }
        lap("group")
        // A word found once or twice in the body, nowhere else, has its document's usual impact.
        var usual = [UInt8](repeating: 0, count: 2 * n)
        for d in 0..<n {
            usual[2 * d] = Self.quantizedImpact(tf: 1, norm: norm[d])
            usual[2 * d + 1] = Self.quantizedImpact(tf: 2, norm: norm[d])
        }
        docImpact = Column(usual)
        pack(docs: postDocs, impacts: postImpact, counts: posCount, overflow: overflow, positions: posBlob, positionStart: perTermBytes,
             codes: codes, codeStart: perTermCodes, coded: coded)
        #if DEBUG
        // The packed postings give back every document and impact as computed: the ranking is
        // that of the impacts themselves (every index a test builds is checked).
        for t in 0..<terms {
            var k = Int(postStart[t])
            forEachPosting(ofTerm: t) { d, impact in
                precondition(d == Int(postDocs[k]) && impact == postImpact[k], "packed posting \(k)")
                k += 1
            }
        }
        #endif
        postDocs = []; postImpact = []; posCount = []; posBlob = []; codes = []
        lap("pack")
        let chosen = buildPairs(counts: pairCounts, sampleStride: pairStride)
        pairCounts = [:]
        lap("pairs (\(chosen))")
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

    /// The postings as kept: documents and counts as varints in docBlob, positions (after the
    /// count less three, for a count of three or more) in posBlob, and the blocks for lookups by document (see `Postings.swift`).
    /// Two halves of the terms are packed side by side, then joined.
    private func pack(docs: [UInt32], impacts: [UInt8], counts: [UInt8], overflow: [Int: Int], positions: [UInt8],
                      positionStart: [UInt32], codes: [UInt8], codeStart: [UInt32], coded: [Bool]) {
        // Where the second half starts: half the postings.
        let middle = (0..<termCount).first { Int(postStart[$0]) >= docs.count / 2 } ?? termCount
        let ranges = [0..<middle, middle..<termCount]
        var parts = [PackedPostings](repeating: PackedPostings(), count: 2)
        parts.withUnsafeMutableBufferPointer { out in
            let box = PackBox(out)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                box.parts[i] = packTerms(ranges[i], docs: docs, impacts: impacts, counts: counts, overflow: overflow,
                                         positions: positions, positionStart: positionStart, codes: codes, codeStart: codeStart,
                                         coded: coded)
            }
        }
        var joined = parts[0]
        let second = parts[1]
        let (docShift, posShift, impactShift, blockShift) = (UInt32(joined.docBytes.count), UInt32(joined.posBytes.count),
                                                             UInt32(joined.impacts.count), UInt32(joined.firstDocs.count))
        let (codeShift, codeBlockShift) = (UInt32(joined.codeBytes.count), UInt32(joined.codeOffsets.count))
        joined.codeBytes += second.codeBytes
        joined.codeOffsets += second.codeOffsets.map { $0 + codeShift }
        joined.codeBlockStarts += second.codeBlockStarts.dropFirst().map { $0 + codeBlockShift }
        joined.docBytes += second.docBytes
        joined.posBytes += second.posBytes
        joined.impacts += second.impacts
        joined.firstDocs += second.firstDocs
        joined.docOffsets += second.docOffsets.map { $0 + docShift }
        joined.posOffsets += second.posOffsets.map { $0 + posShift }
        joined.blockStarts += second.blockStarts.dropFirst().map { $0 + blockShift }
        joined.impactStarts += second.impactStarts.dropFirst().map { $0 + impactShift }
        impactBlob = Column(joined.impacts)
        impactStart = Column(joined.impactStarts)
        docBlob = Column(joined.docBytes)
        posBlob = Column(joined.posBytes)
        blockStart = Column(joined.blockStarts)
        blockDoc = Column(joined.firstDocs)
        blockDocByte = Column(joined.docOffsets)
        blockPosByte = Column(joined.posOffsets)
        codeBlob = Column(joined.codeBytes)
        codeBlockStart = Column(joined.codeBlockStarts)
        codeBlockByte = Column(joined.codeOffsets)
    }

    /// Packs the postings of `terms` (offsets from the start of their own streams).
    private func packTerms(_ terms: Range<Int>, docs: [UInt32], impacts: [UInt8], counts: [UInt8], overflow: [Int: Int],
                           positions: [UInt8], positionStart: [UInt32], codes: [UInt8], codeStart: [UInt32],
                           coded codedTerms: [Bool]) -> PackedPostings {
        var p = PackedPostings()
        guard !terms.isEmpty else { return p }
        let lo = Int(postStart[terms.lowerBound]), hi = Int(postStart[terms.upperBound])
        let fromByte = Int(positionStart[terms.lowerBound]), toByte = Int(positionStart[terms.upperBound])
        p.docBytes.reserveCapacity((hi - lo) + (hi - lo) / 2)
        p.posBytes.reserveCapacity(toByte - fromByte + (hi - lo) / 8)
        p.impacts.reserveCapacity((hi - lo) / 2)
        let blocks = (hi - lo) / Self.blockSize + terms.count
        p.firstDocs.reserveCapacity(blocks); p.docOffsets.reserveCapacity(blocks); p.posOffsets.reserveCapacity(blocks)
        docs.withUnsafeBufferPointer { docs in
            impacts.withUnsafeBufferPointer { impacts in
                counts.withUnsafeBufferPointer { counts in
                    positions.withUnsafeBufferPointer { blob in
                        docImpact.withUnsafeBufferPointer { usual in
                            for t in terms {
                                let lo = Int(postStart[t]), hi = Int(postStart[t + 1])
                                var byte = Int(positionStart[t])
                                let coded = codedTerms[t]
                                var code = Int(codeStart[t])
                                // Positions are copied in runs: a run ends where a count is written.
                                var run = byte
                                var prev: UInt32 = 0
                                for k in lo..<hi {
                                    let d = docs[k]
                                    if (k - lo) % Self.blockSize == 0 {
                                        p.firstDocs.append(d)
                                        p.docOffsets.append(UInt32(p.docBytes.count))
                                        p.posOffsets.append(UInt32(p.posBytes.count + byte - run))
                                        if coded { p.codeOffsets.append(UInt32(p.codeBytes.count)) }
                                    }
                                    let count = counts[k] == 255 ? overflow[k] ?? 255 : Int(counts[k])
                                    let isUsual = count <= 2 && impacts[k] == usual[2 * Int(d) + count - 1]
                                    if !isUsual { p.impacts.append(impacts[k]) }
                                    Varint.append((d - prev) << 3 | (isUsual ? 4 : 0) | UInt32(min(count, 3)), to: &p.docBytes)
                                    prev = d
                                    if count >= 3 {
                                        p.posBytes.append(contentsOf: UnsafeBufferPointer(rebasing: blob[run..<byte]))
                                        Varint.append(UInt32(count - 3), to: &p.posBytes)
                                        run = byte
                                    }
                                    PositionCodec.skip(count, in: blob, at: &byte)
                                    if coded {
                                        // Two codes a byte, the first in the low half.
                                        var i = 0
                                        while i < count {
                                            let second = i + 1 < count ? codes[code + i + 1] : 0
                                            p.codeBytes.append(codes[code + i] | second << 4)
                                            i += 2
                                        }
                                    }
                                    code += count
                                }
                                p.posBytes.append(contentsOf: UnsafeBufferPointer(rebasing: blob[run..<byte]))
                                p.blockStarts.append(UInt32(p.firstDocs.count))
                                p.codeBlockStarts.append(UInt32(p.codeOffsets.count))
                                p.impactStarts.append(UInt32(p.impacts.count))
                            }
                        }
                    }
                }
            }
        }
        return p
    }
}

/// One part of the packed postings (see `SearchIndex.pack`).
struct PackedPostings {
    var docBytes: [UInt8] = [], posBytes: [UInt8] = [], impacts: [UInt8] = []
    var firstDocs: [UInt32] = [], docOffsets: [UInt32] = [], posOffsets: [UInt32] = []
    var blockStarts: [UInt32] = [0], impactStarts: [UInt32] = [0]
    var codeBytes: [UInt8] = [], codeOffsets: [UInt32] = [], codeBlockStarts: [UInt32] = [0]
}

/// Hands the two parts to the packing workers, each writing only its own.
final class PackBox: @unchecked Sendable {
    let parts: UnsafeMutableBufferPointer<PackedPostings>
    init(_ parts: UnsafeMutableBufferPointer<PackedPostings>) { self.parts = parts }
}

/// An open-addressing hash table from a term's key (its 64-bit hash with its length in the top
/// byte, `key(_:length:)`) to a payload: the term's id and where its bytes start. The hash is
/// already well mixed, so it is used as it is (Swift's Dictionary would hash it again). A slot
/// is two words side by side, key then payload, so a lookup reads one cache line, and the
/// payload says where to compare the bytes without reading the term's offsets.
struct TermTable {
    /// Key, payload, key, payload, …; a payload of `empty` is a free slot.
    var slots = [UInt64](repeating: TermTable.empty, count: 2 * 1024)
    var count = 0
    var mask = 1023
    static let empty = UInt64.max

    /// A term's key: its hash, the top byte its length (255 for any longer).
    @inline(__always) static func key(_ hash: UInt64, length: Int) -> UInt64 {
        (hash & 0x00FF_FFFF_FFFF_FFFF) | (UInt64(min(length, 255)) << 56)
    }

    /// The key to try after `key`, when the key's slot holds another term of the same key. The
    /// length byte stays: a key found holds the length of the term looked up.
    @inline(__always) static func next(_ key: UInt64) -> UInt64 {
        (key &+ 0x9E37_79B9_7F4A_7C15) & 0x00FF_FFFF_FFFF_FFFF | key & 0xFF00_0000_0000_0000
    }

    /// A payload: the term's id and the offset of its first byte.
    @inline(__always) static func payload(id: Int, from: Int) -> UInt64 { UInt64(UInt32(id)) | UInt64(UInt32(from)) << 32 }

    /// The id of the term `bytes` in the dictionary of terms `blob` and `offsets` (term i is
    /// `blob[offsets[i]..<offsets[i + 1]]`), the term added to them if it is new.
    @inline(__always) mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, blob: inout [UInt8], offsets: inout [UInt32]) -> Int {
        var key = Self.key(fnv(bytes), length: bytes.count)
        while let p = get(key) {
            let t = Int(truncatingIfNeeded: p & 0xFFFF_FFFF), from = Int(truncatingIfNeeded: p >> 32)
            // (The key holds the length up to 254: a longer term's is read from its offsets.)
            let same = (bytes.count < 255 || Int(offsets[t + 1]) - from == bytes.count) && blob.withUnsafeBufferPointer {
                memcmp($0.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
            }
            if same { return t }
            key = Self.next(key) // another term of the same key: the next slot
        }
        let id = offsets.count - 1
        set(key, Self.payload(id: id, from: blob.count))
        blob.append(contentsOf: bytes)
        offsets.append(UInt32(blob.count))
        return id
    }

    @inline(__always) func get(_ key: UInt64) -> UInt64? {
        slots.withUnsafeBufferPointer { s in
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let v = s[2 * i + 1]
                if v == Self.empty { return nil }
                if s[2 * i] == key { return v }
                i = (i + 1) & mask
            }
        }
    }

    mutating func set(_ key: UInt64, _ payload: UInt64) {
        if (count + 1) * 2 > mask + 1 { grow() }
        let mask = self.mask
        let added = slots.withUnsafeMutableBufferPointer { s -> Bool in
            var i = Int(truncatingIfNeeded: key) & mask
            while s[2 * i + 1] != Self.empty, s[2 * i] != key { i = (i + 1) & mask }
            let added = s[2 * i + 1] == Self.empty
            s[2 * i] = key
            s[2 * i + 1] = payload
            return added
        }
        if added { count += 1 }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: Self.empty, count: old.count * 2)
        mask = old.count - 1
        count = 0
        for i in stride(from: 0, to: old.count, by: 2) where old[i + 1] != Self.empty { set(old[i], old[i + 1]) }
    }

    var byteSize: Int { slots.count * 8 }
}

/// Counts of 64-bit keys (pairs of term ids) in an open-addressing table: the tokenizer adds one
/// for each pair of words side by side in a sampled document, which Swift's Dictionary (hashing
/// each key again, checking uniqueness at each write) made a visible part of the build.
struct PairCounter {
    private var keys = [UInt64](repeating: 0, count: 1 << 12)
    private var counts = [UInt32](repeating: 0, count: 1 << 12)
    private var used = 0
    /// The slot of a key is the top bits of its product with a large odd number, as many bits as
    /// the table has slots (64 less this shift).
    private var shift: UInt64 = 64 - 12

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    mutating func add(_ key: UInt64) {
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while counts[i] != 0, keys[i] != key { i = (i + 1) & mask }
        if counts[i] == 0 {
            keys[i] = key
            used += 1
        }
        counts[i] &+= 1
    }

    func forEach(_ body: (UInt64, Int) -> Void) {
        for i in keys.indices where counts[i] != 0 { body(keys[i], Int(counts[i])) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        counts = [UInt32](repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        let mask = keys.count - 1
        for (key, count) in zip(oldKeys, oldCounts) where count != 0 {
            var i = slot(key)
            while counts[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            counts[i] = count
        }
    }
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
