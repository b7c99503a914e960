import Corpus
// libFuzzer target: any bytes as a query against a small fixed index (built by scripts/fuzz.sh).

nonisolated(unsafe) let fuzzIndex = SearchIndex(articles: Corpus.builtIn().articles)

/// Parsing either fails with a one-line message or gives a query whose results are within the
/// corpus and agree with the total; highlights stay inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let searcher = Searcher(fuzzIndex)
    for prefix in [true, false] {
        do {
            let r = try searcher.search(text, limit: 5, prefixLast: prefix)
            precondition(r.hits.count <= 5 && r.hits.count <= r.total && r.total <= fuzzIndex.articles.count)
            precondition(r.hits.allSatisfy { r.matches.contains($0.doc) })
            let h = Highlighter(r.query)
            for hit in r.hits {
                let a = fuzzIndex.articles[hit.doc]
                for range in h.ranges(in: a.title) { precondition(range.upperBound <= a.title.utf8.count) }
                _ = h.snippet(a)
            }
        } catch {
            precondition(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }
    return 0
}
