import Corpus
import Foundation

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

    // Postings, grouped by term: term t owns postings postStart[t]..<postStart[t + 1] (see
    // `Postings.swift` for the streams).
    var postStart: Column<UInt32> = []
    /// Each posting's document (a gap), whether its impact is its document's usual one, and its
    /// position count: a varint each.
    var docBlob: Column<UInt8> = []
    /// The BM25F term-frequency part ("impact") of each posting whose impact is not the usual
    /// one, quantized to a byte (0...255 ↦ 0...k1+1), in posting order; term t's start at
    /// impactStart[t].
    var impactBlob: Column<UInt8> = []
    var impactStart: Column<UInt32> = []
    /// Per document, the usual impact of a word found once and twice in its body: most postings
    /// have it, and keep no byte of their own.
    var docImpact: Column<UInt8> = []
    /// Each posting's positions (varint deltas), in posting order.
    var posBlob: Column<UInt8> = []
    /// Term t's blocks of `blockSize` postings are blockStart[t]..<blockStart[t + 1]; for each
    /// block, its first document and where it starts in docBlob and in posBlob.
    var blockStart: Column<UInt32> = []
    var blockDoc: Column<UInt32> = []
    var blockDocByte: Column<UInt32> = []
    var blockPosByte: Column<UInt32> = []
    /// For the words in a seventh of the documents or more ("coded" terms, `NextWord.isCoded`),
    /// the word after each of their positions: a class of its first letter, four bits a position, each
    /// posting's in ceil(count / 2) bytes of codeBlob. Term t's blocks have their codes' start
    /// at codeBlockByte[codeBlockStart[t] + i] (a term that is not coded has no entries).
    var codeBlob: Column<UInt8> = []
    var codeBlockStart: Column<UInt32> = []
    var codeBlockByte: Column<UInt32> = []
    var idf: Column<Float> = []

    // Per document.
    var docDate: Column<Int32> = []      // yyyymmdd (`Day.ordinal`), 0 when undated
    var docYear: Column<Int16> = []      // 0 when undated
    var docKind: Column<UInt8> = []

    // Facet values and, per document, the value ids it has (CSR).
    var facetNames: [Facet: [String]] = [:]
    /// Organizations' and countries' names folded into words, and the words joined by spaces.
    var foldedFacetNames: [Facet: [(words: [String], joined: String)]] = [:]

    /// Sets a facet's value names (and, for organizations and countries, folds them: the names
    /// a filter such as `org:` matches by their words).
    func setFacetNames(_ f: Facet, _ names: [String]) {
        facetNames[f] = names
        guard f == .organization || f == .country else { return }
        foldedFacetNames[f] = names.map { name in
            let words = Folding.terms(name)
            return (words, words.joined(separator: " "))
        }
    }
    var facetStart: [Facet: [UInt32]] = [:]
    var facetValues: [Facet: [UInt32]] = [:]
    /// For each facet value, how many documents have it.
    var facetTotals: [Facet: [Int]] = [:]

    /// Documents of heavy short prefixes (1 or 2 letters), computed once at build time.
    var prefixSets: [[UInt8]: Bitset] = [:]
    /// The terms that count towards the score for each prefix set (see `SearchIndex+Prefixes`).
    var prefixTop: [[UInt8]: [Int]] = [:]

    /// The commonest pairs of coded words, marked over their first word's positions (`WordPairs`).
    var pairs = WordPairs()
    /// The pairs may take `1 / pairBudgetShare` of the positions' bytes.
    var pairBudgetShare = SearchIndex.pairBudgetShare

    /// BM25 parameters.
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Field weights, doubled to stay integral: title 3, lead 2, body 1, entities 0.5.
    static let titleWeight: UInt16 = 6, leadWeight: UInt16 = 4, bodyWeight: UInt16 = 2, entityWeight: UInt16 = 1
    /// Positions between fields and paragraphs, so a phrase never spans two of them.
    static let fieldGap: UInt32 = 16

    public var termCount: Int { termOffsets.count - 1 }

    /// Builds the index of `articles`. `log`, when given, gets a line per build step with the
    /// time it took (the caller decides where it goes; nothing is printed otherwise).
    public convenience init(articles: [Article], gazetteer: Gazetteer = .builtIn, log: ((String) -> Void)? = nil) {
        self.init(articles: articles, gazetteer: gazetteer, pairBudgetShare: Self.pairBudgetShare, log: log)
    }

    /// The same, the word pairs given `1 / pairBudgetShare` of the positions' bytes (tests give
    /// small corpora a larger share, so that they keep pairs).
    init(articles: [Article], gazetteer: Gazetteer = .builtIn, pairBudgetShare: Int, log: ((String) -> Void)? = nil) {
        self.articles = ArticleTable(articles)
        self.gazetteer = gazetteer
        self.pairBudgetShare = pairBudgetShare
        build(log: log)
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

    /// The score part of posting `k` (before idf).
    @inline(__always) static func impact(_ q: UInt8) -> Float { Float(q) * ((k1 + 1) / 255) }

    /// The quantized impact of a term-frequency part `tf` (field weights applied) in a document
    /// of length normalization `norm`.
    @inline(__always) static func quantizedImpact(tf: Float, norm: Float) -> UInt8 {
        let value = tf * (k1 + 1) / (tf + norm)
        return UInt8(max(1, min(255, (value * (255 / (k1 + 1))).rounded())))
    }

    /// Bytes held by the index's own structures (the articles themselves not counted).
    public var memoryBytes: Int { memoryParts.reduce(0) { $0 + $1.bytes } }

    /// The same, part by part (for `reader-bench search --verbose`).
    public var memoryParts: [(part: String, bytes: Int)] {
        let facets: [(part: String, bytes: Int)] = Facet.allCases.map { f in
            var bytes = (facetStart[f]?.count ?? 0) * 4 + (facetValues[f]?.count ?? 0) * 4
            bytes += (facetNames[f] ?? []).reduce(0) { $0 + $1.utf8.count + 16 } + (facetTotals[f]?.count ?? 0) * 8
            return ("facet " + f.rawValue, bytes)
        }
        let parts: [(part: String, bytes: Int)] = [
            ("terms", termBlob.count + termOffsets.count * 4 + sortedTerms.count * 4 + idf.count * 4),
            ("posting documents", postStart.count * 4 + docBlob.count),
            ("posting impacts", impactBlob.count + impactStart.count * 4 + docImpact.count),
            ("positions", posBlob.count),
            ("posting blocks", blockStart.count * 4 + blockDoc.count * 12),
            ("next-word codes", codeBlob.count + codeBlockStart.count * 4 + codeBlockByte.count * 4),
            ("word pairs (\(pairs.count))", pairs.byteSize),
            ("documents", docDate.count * 4 + docYear.count * 2 + docKind.count),
            ("prefix sets", prefixSets.values.reduce(0) { $0 + $1.byteSize + 32 } + prefixTop.values.reduce(0) { $0 + $1.count * 8 + 32 }),
        ]
        return parts + facets
    }

    /// Debug-build checks that the structures agree with each other.
    public func checkInvariants() {
        precondition(termOffsets.count == termCount + 1)
        precondition(postStart.count == termCount + 1 && blockStart.count == termCount + 1 && impactStart.count == termCount + 1)
        precondition(Int(impactStart[termCount]) == impactBlob.count && docImpact.count == 2 * docCount)
        precondition(blockDoc.count == Int(blockStart[termCount]) && blockDocByte.count == blockDoc.count
                     && blockPosByte.count == blockDoc.count)
        precondition(sortedTerms.count == termCount)
        precondition(codeBlockStart.count == termCount + 1 && Int(codeBlockStart[termCount]) == codeBlockByte.count)
        var buffer: [UInt32] = []
        var codeBytes = 0
        for t in 0..<termCount {
            let range = Int(postStart[t])..<Int(postStart[t + 1])
            precondition(!range.isEmpty, "term without postings")
            precondition(Int(blockStart[t + 1] - blockStart[t]) == (range.count + Self.blockSize - 1) / Self.blockSize)
            // A coded term has its codes' offset for each block, the codes running on.
            let coded = codeBlockStart[t + 1] > codeBlockStart[t]
            precondition(coded == NextWord.isCoded(df: range.count, docCount: docCount), "coded term")
            precondition(!coded || Int(codeBlockStart[t + 1] - codeBlockStart[t]) == Int(blockStart[t + 1] - blockStart[t]))
            var prev = -1
            var cursor = PostingCursor(self, term: t)
            while cursor.isValid {
                let d = cursor.doc, k = cursor.k
                precondition(d > prev && d < docCount, "postings out of order")
                prev = d
                precondition(cursor.count > 0)
                if (k - range.lowerBound) % Self.blockSize == 0 {
                    precondition(Int(blockDoc[Int(blockStart[t]) + (k - range.lowerBound) / Self.blockSize]) == d, "block document")
                    if coded {
                        precondition(Int(codeBlockByte[Int(codeBlockStart[t]) + (k - range.lowerBound) / Self.blockSize]) == codeBytes,
                                     "block codes")
                    }
                }
                if coded { codeBytes += (cursor.count + 1) / 2 }
                let found = posting(ofTerm: t, doc: d)
                precondition(found?.k == k && found?.count == cursor.count && found?.byte == cursor.byte, "lookup by document")
                cursor.take(&buffer)
                precondition(zip(buffer, buffer.dropFirst()).allSatisfy { $0 < $1 }, "positions out of order")
            }
        }
        for t in 0..<termCount {
            var n = 0
            forEachPosting(ofTerm: t) { _, impact in
                precondition(impact > 0)
                n += 1
            }
            precondition(n == Int(postStart[t + 1] - postStart[t]))
        }
        for i in 1..<max(1, sortedTerms.count) {
            precondition(termBytes(Int(sortedTerms[i - 1])).lexicographicallyPrecedes(termBytes(Int(sortedTerms[i]))))
        }
        precondition(docDate.count == docCount && docYear.count == docCount && docKind.count == docCount)
        precondition(codeBytes == codeBlob.count, "codes past the coded terms'")
        // Each pair marks the occurrences of its two words side by side, read back as a head's.
        let p = pointers
        for i in 0..<pairs.count {
            let a = Int(pairs.first[i]), b = Int(pairs.second[i])
            precondition(pairs.number(a, b) == i, "pair numbers")
            let all = Searcher.positions(p, term: a, minus: 0, blocks: Int(blockStart[a])..<Int(blockStart[a + 1]))
            precondition(all.count == Int(postStart[a + 1] - postStart[a]), "a word's positions, one row a posting")
            let want = Searcher.extend(p, all, rows: 0..<all.count, with: b, at: 1, codes: true, want: nil)
            let got = pairs.starts(ofPair: i, from: all, rows: 0..<all.count)
            precondition(got.docs == want.docs && got.offsets == want.offsets && got.starts == want.starts
                         && got.next == want.next && got.masks == want.masks, "pair \(i)'s marks")
            var docs: [Int32] = []
            pairs.forEachDoc(ofPair: i, in: self) { docs.append(Int32($0)) }
            precondition(docs == want.docs, "pair \(i)'s documents")
        }
    }
}
