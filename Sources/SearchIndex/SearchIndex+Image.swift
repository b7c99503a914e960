import Corpus
import Foundation

/// Where an index writes its parts (a cache file being made).
public protocol IndexSink {
    mutating func column<T: BitwiseCopyable>(_ name: String, _ column: Column<T>)
    mutating func blob(_ name: String, _ bytes: [UInt8])
}

/// Where an index reads its parts back (an open cache file).
public protocol IndexSource {
    func column<T: BitwiseCopyable>(_ name: String, _ type: T.Type) throws -> Column<T>
    func blob<R>(_ name: String, _ body: (inout ByteReader) throws -> R) throws -> R
}

extension SearchIndex {
    /// Writes every part of the index: the large arrays as columns (mapped back without a copy),
    /// the facets and prefix sets as one blob.
    public func write(to sink: inout some IndexSink) {
        sink.column("term.blob", termBlob)
        sink.column("term.offsets", termOffsets)
        sink.column("term.sorted", sortedTerms)
        sink.column("post.start", postStart)
        sink.column("post.impact", impactBlob)
        sink.column("post.impactstart", impactStart)
        sink.column("doc.impact", docImpact)
        sink.column("post.docs", docBlob)
        sink.column("pos.blob", posBlob)
        sink.column("block.start", blockStart)
        sink.column("block.doc", blockDoc)
        sink.column("block.docbyte", blockDocByte)
        sink.column("block.posbyte", blockPosByte)
        sink.column("code.blob", codeBlob)
        sink.column("code.blockstart", codeBlockStart)
        sink.column("code.blockbyte", codeBlockByte)
        sink.column("idf", idf)
        sink.column("pair.first", pairs.first)
        sink.column("pair.second", pairs.second)
        sink.column("pair.blocks", pairs.pairBlocks)
        sink.column("pair.blockbyte", pairs.blockByte)
        sink.column("pair.codeblockbyte", pairs.codeBlockByte)
        sink.column("pair.marks", pairs.markBlob)
        sink.column("pair.codes", pairs.codeBlob)
        sink.column("doc.date", docDate)
        sink.column("doc.year", docYear)
        sink.column("doc.kind", docKind)
        var w = ByteWriter()
        w.varint(UInt64(docCount))
        for f in Facet.allCases {
            w.strings(facetNames[f] ?? [])
            w.raw(facetStart[f] ?? [])
            w.raw(facetValues[f] ?? [])
            w.raw((facetTotals[f] ?? []).map { UInt32($0) })
        }
        let prefixes = prefixSets.keys.sorted { $0.lexicographicallyPrecedes($1) }
        w.varint(UInt64(prefixes.count))
        for p in prefixes {
            w.raw(p)
            w.raw(prefixSets[p]!.words)
            w.raw((prefixTop[p] ?? []).map { UInt32($0) })
        }
        sink.blob("index.misc", w.bytes)
    }

    /// An index read back from `source` for these articles, checked for consistency (a part that
    /// does not fit the others throws).
    public convenience init(articles: [Article], gazetteer: Gazetteer, from source: some IndexSource) throws {
        try self.init(table: ArticleTable(articles), gazetteer: gazetteer, from: source)
    }

    /// The same over articles read on demand.
    public convenience init(table articles: ArticleTable, gazetteer: Gazetteer, from source: some IndexSource) throws {
        self.init(articles: articles, gazetteer: gazetteer, empty: ())
        termBlob = try source.column("term.blob", UInt8.self)
        termOffsets = try source.column("term.offsets", UInt32.self)
        sortedTerms = try source.column("term.sorted", UInt32.self)
        postStart = try source.column("post.start", UInt32.self)
        impactBlob = try source.column("post.impact", UInt8.self)
        impactStart = try source.column("post.impactstart", UInt32.self)
        docImpact = try source.column("doc.impact", UInt8.self)
        docBlob = try source.column("post.docs", UInt8.self)
        posBlob = try source.column("pos.blob", UInt8.self)
        blockStart = try source.column("block.start", UInt32.self)
        blockDoc = try source.column("block.doc", UInt32.self)
        blockDocByte = try source.column("block.docbyte", UInt32.self)
        blockPosByte = try source.column("block.posbyte", UInt32.self)
        codeBlob = try source.column("code.blob", UInt8.self)
        codeBlockStart = try source.column("code.blockstart", UInt32.self)
        codeBlockByte = try source.column("code.blockbyte", UInt32.self)
        idf = try source.column("idf", Float.self)
        var pairs = WordPairs()
        pairs.first = try source.column("pair.first", UInt32.self)
        pairs.second = try source.column("pair.second", UInt32.self)
        pairs.pairBlocks = try source.column("pair.blocks", UInt32.self)
        pairs.blockByte = try source.column("pair.blockbyte", UInt32.self)
        pairs.codeBlockByte = try source.column("pair.codeblockbyte", UInt32.self)
        pairs.markBlob = try source.column("pair.marks", UInt8.self)
        pairs.codeBlob = try source.column("pair.codes", UInt8.self)
        docDate = try source.column("doc.date", Int32.self)
        docYear = try source.column("doc.year", Int16.self)
        docKind = try source.column("doc.kind", UInt8.self)
        let n = articles.count
        let terms = termOffsets.count - 1
        let blocks = blockDoc.count
        func check(_ ok: Bool, _ what: String) throws {
            if !ok { throw DamagedData("search index: \(what)") }
        }
        try check(terms >= 0 && sortedTerms.count == terms && postStart.count == terms + 1 && blockStart.count == terms + 1
                  && idf.count == terms, "term tables")
        try check(terms < 0 || (Int(termOffsets[terms]) == termBlob.count && termOffsets.first == 0), "term text")
        try check(postStart.first == 0 && impactStart.count == terms + 1 && impactStart.first == 0
                  && Int(impactStart.last ?? 0) == impactBlob.count && docImpact.count == 2 * n, "postings")
        try check(blockStart.first == 0 && Int(blockStart.last ?? 0) == blocks && blockDocByte.count == blocks
                  && blockPosByte.count == blocks, "posting blocks")
        // Offsets past their streams would read outside them. What the streams hold (documents
        // below n, counts, impacts) is not walked here, at every start: the cache's checksums
        // are what guard it, as they guard the articles.
        try check(!blockDocByte.contains { Int($0) >= docBlob.count } && !blockPosByte.contains { Int($0) >= posBlob.count }
                  && !blockDoc.contains { Int($0) >= n }, "posting blocks")
        try check(docDate.count == n && docYear.count == n && docKind.count == n
                  && !docKind.contains { Int($0) >= ArticleKind.allCases.count }, "documents")
        try check(!sortedTerms.contains { Int($0) >= terms }, "term order")
        try check(codeBlockStart.count == terms + 1 && codeBlockStart.first == 0
                  && Int(codeBlockStart.last ?? 0) == codeBlockByte.count
                  && !codeBlockByte.contains { Int($0) >= codeBlob.count }, "next-word codes")
        // A pair's marks and codes (where they are read, not what they hold: the checksums
        // guard that) within their streams, a block for each of its first word's.
        let pairCount = pairs.first.count, pairBlocks = pairs.blockByte.count
        try check(pairs.second.count == pairCount && pairs.pairBlocks.count == pairCount + 1 && pairs.pairBlocks.first == 0
                  && Int(pairs.pairBlocks.last ?? 0) == pairBlocks && pairs.codeBlockByte.count == pairBlocks
                  && !pairs.first.contains { Int($0) >= terms } && !pairs.second.contains { Int($0) >= terms }
                  && !pairs.blockByte.contains { Int($0) >= pairs.markBlob.count }
                  && !pairs.codeBlockByte.contains { Int($0) > pairs.codeBlob.count }, "word pairs")
        for i in 0..<pairCount {
            let a = Int(pairs.first[i])
            try check(Int(pairs.pairBlocks[i + 1]) - Int(pairs.pairBlocks[i]) == Int(blockStart[a + 1]) - Int(blockStart[a])
                      && blockStart[a + 1] > blockStart[a] && codeBlockStart[a + 1] > codeBlockStart[a], "word pair \(i)'s blocks")
        }
        pairs.indexNumbers()
        self.pairs = pairs
        // Ranges that go backwards would trap where postings and positions are walked.
        for t in 0..<max(0, terms) {
            let df = Int(postStart[t + 1]) - Int(postStart[t])
            try check(termOffsets[t] <= termOffsets[t + 1] && df > 0 && impactStart[t] <= impactStart[t + 1]
                      && Int(impactStart[t + 1] - impactStart[t]) <= df
                      && Int(blockStart[t + 1]) - Int(blockStart[t]) == (df + Self.blockSize - 1) / Self.blockSize
                      && (codeBlockStart[t + 1] == codeBlockStart[t]
                          || Int(codeBlockStart[t + 1]) - Int(codeBlockStart[t]) == Int(blockStart[t + 1]) - Int(blockStart[t])),
                      "term \(t)'s ranges")
        }
        try source.blob("index.misc") { (r: inout ByteReader) in
            try check(try r.value() == n, "document count")
            for f in Facet.allCases {
                let names = try r.strings()
                let start = try r.raw(UInt32.self), values = try r.raw(UInt32.self)
                let sizes = try r.raw(UInt32.self)
                let lists = Self.listsValues(f)
                try check(lists ? start.count == n + 1 && start.first == 0 && Int(start.last ?? 0) == values.count
                                    && zip(start, start.dropFirst()).allSatisfy({ $0 <= $1 })
                                : start.isEmpty && values.isEmpty,
                          "facet \(f.rawValue)")
                try check(!values.contains { Int($0) >= names.count } && sizes.count == names.count
                          && (!lists || sizes.reduce(0, { $0 + Int($1) }) == values.count), "facet \(f.rawValue)")
                setFacetNames(f, names)
                if lists {
                    facetStart[f] = start
                    facetValues[f] = values
                }
                facetTotals[f] = sizes.map { Int($0) }
            }
            let prefixes = try r.count()
            for _ in 0..<prefixes {
                let p = try r.raw(UInt8.self)
                let words = try r.raw(UInt64.self)
                try check(words.count == (n + 63) / 64, "prefix set")
                prefixSets[p] = Bitset(words: words, count: n)
                let top = try r.raw(UInt32.self)
                try check(!top.contains { Int($0) >= terms }, "prefix completions")
                prefixTop[p] = top.map { Int($0) }
            }
        }
    }
}
