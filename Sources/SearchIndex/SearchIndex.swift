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
    public let articles: [Article]
    public let gazetteer: Gazetteer
    var docCount: Int { articles.count }

    // Term dictionary: folded UTF-8 of term `t` is termBlob[termOffsets[t]..<termOffsets[t + 1]].
    var termBlob: [UInt8] = []
    var termOffsets: [UInt32] = [0]
    var termByHash: [UInt64: UInt32] = [:]
    /// Term ids in byte order of their text, for prefix ranges.
    var sortedTerms: [UInt32] = []

    // Postings, grouped by term: term t owns postings postStart[t]..<postStart[t + 1].
    var postStart: [UInt32] = []
    var postDocs: [UInt32] = []
    var postImpact: [Float] = []
    /// Positions of term t in its postings, in order: varint deltas, restarting at each posting.
    var posStart: [UInt32] = []
    var posCount: [UInt16] = []
    var posBlob: [UInt8] = []
    var idf: [Float] = []

    // Per document.
    var docDate: [Int32] = []      // yyyymmdd, 0 when undated
    var docYear: [Int16] = []      // 0 when undated
    var docKind: [UInt8] = []

    // Facet values and, per document, the value ids it has (CSR).
    var facetNames: [Facet: [String]] = [:]
    var facetStart: [Facet: [UInt32]] = [:]
    var facetValues: [Facet: [UInt32]] = [:]
    /// For each facet value, the documents that have it.
    var facetDocs: [Facet: [[UInt32]]] = [:]

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
        self.articles = articles
        self.gazetteer = gazetteer
        build()
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// The text of term `t`.
    @inline(__always) func termBytes(_ t: Int) -> ArraySlice<UInt8> {
        termBlob[Int(termOffsets[t])..<Int(termOffsets[t + 1])]
    }

    func termText(_ t: Int) -> String { String(decoding: termBytes(t), as: UTF8.self) }

    /// The id of a term, if indexed.
    func termID(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var h = fnv(bytes)
        while let t = termByHash[h] {
            if termBytes(Int(t)).elementsEqual(bytes) { return Int(t) }
            h = h &+ 0x9E37_79B9_7F4A_7C15 // a collision: the term was stored under the next slot
        }
        return nil
    }

    func termID(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { termID($0) }
    }

    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = fnv(bytes)
        while let t = termByHash[h] {
            if termBytes(Int(t)).elementsEqual(bytes) { return Int(t) }
            h = h &+ 0x9E37_79B9_7F4A_7C15
        }
        let id = termOffsets.count - 1
        termBlob.append(contentsOf: bytes)
        termOffsets.append(UInt32(termBlob.count))
        termByHash[h] = UInt32(id)
        return id
    }

    // MARK: Building

    /// The words an article is found by in its entity field: organizations with their aliases
    /// (so `CSTO` finds an article that only says `ОДКБ`), countries with theirs, people,
    /// exercises and their series.
    func entityTexts(_ a: Article) -> [String] {
        var out: [String] = []
        for o in a.organizations { out += [o] + gazetteer.names(matching: o, kind: .org) }
        for c in a.countries { out += [c] + gazetteer.names(matching: c, kind: .country) }
        out += a.people
        out += a.exercises
        return out
    }

    private func build() {
        let n = articles.count
        var termDocs: [[UInt32]] = []
        var termWTF: [[UInt16]] = []
        var termPos: [[UInt8]] = []
        var termPosN: [[UInt16]] = []
        var docLen = [Float](repeating: 0, count: n)

        // Per-document scratch: the terms seen in this document and their positions.
        var lastDoc: [Int32] = []
        var slot: [Int32] = []
        var docTerms: [Int] = []
        var docTermWTF: [UInt16] = []
        var docTermPositions: [[UInt32]] = []

        docDate.reserveCapacity(n)
        for (d, a) in articles.enumerated() {
            docTerms.removeAll(keepingCapacity: true)
            docTermWTF.removeAll(keepingCapacity: true)
            var position: UInt32 = 0
            var length: UInt32 = 0
            func add(_ text: String, weight: UInt16) {
                Folding.forEachTerm(in: text) { bytes, _, _ in
                    let t = intern(bytes)
                    if t >= lastDoc.count {
                        lastDoc.append(-1)
                        slot.append(0)
                        termDocs.append([])
                        termWTF.append([])
                        termPos.append([])
                        termPosN.append([])
                    }
                    if lastDoc[t] != Int32(d) {
                        lastDoc[t] = Int32(d)
                        slot[t] = Int32(docTerms.count)
                        docTerms.append(t)
                        docTermWTF.append(0)
                        if docTermPositions.count < docTerms.count { docTermPositions.append([]) }
                        docTermPositions[docTerms.count - 1].removeAll(keepingCapacity: true)
                    }
                    let s = Int(slot[t])
                    docTermWTF[s] = docTermWTF[s] &+ weight
                    docTermPositions[s].append(position)
                    position += 1
                    length += UInt32(weight)
                }
                position += Self.fieldGap
            }
            add(a.title, weight: Self.titleWeight)
            for (i, p) in a.paragraphs.enumerated() { add(p, weight: i == 0 ? Self.leadWeight : Self.bodyWeight) }
            for e in entityTexts(a) { add(e, weight: Self.entityWeight) }
            docLen[d] = Float(length) / 2

            for (s, t) in docTerms.enumerated() {
                termDocs[t].append(UInt32(d))
                termWTF[t].append(docTermWTF[s])
                let positions = docTermPositions[s]
                termPosN[t].append(UInt16(min(positions.count, Int(UInt16.max))))
                var prev: UInt32 = 0
                for p in positions.prefix(Int(UInt16.max)) {
                    var delta = p - prev
                    prev = p
                    while delta >= 0x80 {
                        termPos[t].append(UInt8(delta & 0x7F) | 0x80)
                        delta >>= 7
                    }
                    termPos[t].append(UInt8(delta))
                }
            }
            let date = a.displayDate
            docDate.append(Int32(date?.ordinal ?? 0))
            docYear.append(Int16(date?.year ?? 0))
            docKind.append(UInt8(ArticleKind.allCases.firstIndex(of: a.kind)!))
        }

        // Flatten the postings and compute BM25F impacts.
        let terms = termCount
        let avg = max(1, docLen.reduce(0, +) / Float(max(1, n)))
        var norm = [Float](repeating: 0, count: n)
        for d in 0..<n { norm[d] = Self.k1 * (1 - Self.b + Self.b * docLen[d] / avg) }
        let totalPostings = termDocs.reduce(0) { $0 + $1.count }
        postStart.reserveCapacity(terms + 1)
        postDocs.reserveCapacity(totalPostings)
        postImpact.reserveCapacity(totalPostings)
        posCount.reserveCapacity(totalPostings)
        posBlob.reserveCapacity(termPos.reduce(0) { $0 + $1.count })
        idf.reserveCapacity(terms)
        for t in 0..<terms {
            postStart.append(UInt32(postDocs.count))
            posStart.append(UInt32(posBlob.count))
            let docs = termDocs[t]
            for (k, d) in docs.enumerated() {
                let tf = Float(termWTF[t][k]) / 2
                postImpact.append(tf * (Self.k1 + 1) / (tf + norm[Int(d)]))
            }
            postDocs.append(contentsOf: docs)
            posCount.append(contentsOf: termPosN[t])
            posBlob.append(contentsOf: termPos[t])
            let df = Float(docs.count)
            idf.append(log(1 + (Float(n) - df + 0.5) / (df + 0.5)))
            termDocs[t] = []
            termWTF[t] = []
            termPos[t] = []
            termPosN[t] = []
        }
        postStart.append(UInt32(postDocs.count))
        posStart.append(UInt32(posBlob.count))

        sortedTerms = (0..<UInt32(terms)).sorted { a, b in
            termBytes(Int(a)).lexicographicallyPrecedes(termBytes(Int(b)))
        }
        buildFacets()
        buildPrefixSets()
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
        }
    }

    private func buildPrefixSets() {
        // The one- and two-letter prefixes whose terms, together, are in many documents: the
        // first keystrokes of a query, where a union on the fly would cost the most.
        var candidates = Set<[UInt8]>()
        for t in 0..<termCount {
            let bytes = Array(termBytes(t))
            let chars = String(decoding: bytes, as: UTF8.self)
            for k in 1...2 where chars.count >= k {
                candidates.insert(Array(String(chars.prefix(k)).utf8))
            }
        }
        for p in candidates {
            let range = prefixRange(p)
            var postings = 0
            for i in range { let t = Int(sortedTerms[i]); postings += Int(postStart[t + 1] - postStart[t]) }
            guard postings > docCount / 2 else { continue }
            var set = Bitset(count: docCount)
            for i in range { addDocs(ofTerm: Int(sortedTerms[i]), to: &set) }
            prefixSets[p] = set
        }
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
        var total = termBlob.count + termOffsets.count * 4 + termByHash.count * 16 + sortedTerms.count * 4
        total += postStart.count * 4 + postDocs.count * 4 + postImpact.count * 4 + posStart.count * 4
        total += posCount.count * 2 + posBlob.count + idf.count * 4
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
            }
        }
        for i in 1..<max(1, sortedTerms.count) {
            precondition(termBytes(Int(sortedTerms[i - 1])).lexicographicallyPrecedes(termBytes(Int(sortedTerms[i]))))
        }
        precondition(docDate.count == docCount && docYear.count == docCount && docKind.count == docCount)
    }
}
