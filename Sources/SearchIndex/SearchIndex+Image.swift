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
        sink.column("post.docs", postDocs)
        sink.column("post.impact", postImpact)
        sink.column("pos.start", posStart)
        sink.column("pos.count", posCount)
        sink.column("pos.blob", posBlob)
        sink.column("pos.skip", posSkip)
        sink.column("idf", idf)
        sink.column("doc.date", docDate)
        sink.column("doc.year", docYear)
        sink.column("doc.kind", docKind)
        var w = ByteWriter()
        w.varint(UInt64(docCount))
        let overflow = posCountOverflow.sorted { $0.key < $1.key }
        w.varint(UInt64(overflow.count))
        for (k, v) in overflow { w.varint(UInt64(k)); w.varint(UInt64(v)) }
        for f in Facet.allCases {
            w.strings(facetNames[f] ?? [])
            w.raw(facetStart[f] ?? [])
            w.raw(facetValues[f] ?? [])
            let docs = facetDocs[f] ?? []
            w.raw(docs.map { UInt32($0.count) })
            w.raw(Array(docs.joined()))
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
        postDocs = try source.column("post.docs", UInt32.self)
        postImpact = try source.column("post.impact", UInt8.self)
        posStart = try source.column("pos.start", UInt32.self)
        posCount = try source.column("pos.count", UInt8.self)
        posBlob = try source.column("pos.blob", UInt8.self)
        posSkip = try source.column("pos.skip", UInt32.self)
        idf = try source.column("idf", Float.self)
        docDate = try source.column("doc.date", Int32.self)
        docYear = try source.column("doc.year", Int16.self)
        docKind = try source.column("doc.kind", UInt8.self)
        let n = articles.count
        let terms = termOffsets.count - 1
        let postings = postDocs.count
        func check(_ ok: Bool, _ what: String) throws {
            if !ok { throw DamagedData("search index: \(what)") }
        }
        try check(terms >= 0 && sortedTerms.count == terms && postStart.count == terms + 1 && posStart.count == terms + 1
                  && idf.count == terms, "term tables")
        try check(terms < 0 || (Int(termOffsets[terms]) == termBlob.count && termOffsets.first == 0), "term text")
        try check(postStart.first == 0 && Int(postStart.last ?? 0) == postings && postImpact.count == postings
                  && posCount.count == postings, "postings")
        try check(posStart.first == 0 && Int(posStart.last ?? 0) == posBlob.count, "positions")
        try check(posSkip.count == (postings + Self.skipEvery - 1) / Self.skipEvery, "skips")
        try check(docDate.count == n && docYear.count == n && docKind.count == n, "documents")
        try check(!sortedTerms.contains { Int($0) >= terms }, "term order")
        // Ranges that go backwards would trap where postings and positions are walked.
        for t in 0..<max(0, terms) {
            try check(termOffsets[t] <= termOffsets[t + 1] && postStart[t] < postStart[t + 1] && posStart[t] <= posStart[t + 1],
                      "term \(t)'s ranges")
        }
        try source.blob("index.misc") { (r: inout ByteReader) in
            try check(try r.value() == n, "document count")
            let overflow = try r.count()
            for _ in 0..<overflow {
                let k = try r.value(), v = try r.value()
                posCountOverflow[k] = v
            }
            for f in Facet.allCases {
                let names = try r.strings()
                let start = try r.raw(UInt32.self), values = try r.raw(UInt32.self)
                let sizes = try r.raw(UInt32.self), flat = try r.raw(UInt32.self)
                try check(start.count == n + 1 && Int(start.last ?? 0) == values.count, "facet \(f.rawValue)")
                try check(!values.contains { Int($0) >= names.count } && sizes.count == names.count
                          && sizes.reduce(0, { $0 + Int($1) }) == flat.count && !flat.contains { Int($0) >= n }, "facet \(f.rawValue)")
                var docs: [[UInt32]] = []
                docs.reserveCapacity(names.count)
                var at = 0
                for s in sizes {
                    docs.append(Array(flat[at..<(at + Int(s))]))
                    at += Int(s)
                }
                facetNames[f] = names
                facetStart[f] = start
                facetValues[f] = values
                facetDocs[f] = docs
                facetTotals[f] = docs.map(\.count)
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
