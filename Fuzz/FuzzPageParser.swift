import Corpus
// libFuzzer target: any bytes as a page, against the Corpus module (built by scripts/fuzz.sh).

/// Cleaning, splitting, analysis and merging must never crash, and what they produce must hold
/// its invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let page = PageCleaner.clean(bytes)
    let parsed = PageParser.parse(page)
    precondition(parsed.roles.count == page.lines.count)
    for (i, line) in page.lines.enumerated() {
        precondition(line.isEmpty == (parsed.roles[i] == .blank))
        precondition(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
    let corpus = CorpusBuilder(workers: 1).build([PageInput(name: "fuzz", bytes: bytes)], origin: "fuzz")
    precondition(corpus.stats.blocks >= corpus.articles.count)
    for a in corpus.articles {
        precondition(!a.id.isEmpty && !a.sources.isEmpty)
        if let e = a.event { precondition(e.start <= e.end) }
    }
    return 0
}
