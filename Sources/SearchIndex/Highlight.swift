import Corpus

/// Where a query's words stand in a text, for the UI to mark: UTF-8 byte ranges.
public struct Highlighter: Sendable {
    var exact: Set<[UInt8]> = []
    var prefixes: [[UInt8]] = []

    public init(_ q: Query) {
        for clause in q.clauses where !clause.negated {
            for atom in clause.atoms {
                switch atom {
                case .term(let t, let prefix):
                    if prefix { prefixes.append(t) } else { exact.insert(t) }
                case .phrase(let terms, let lastIsPrefix):
                    for (k, t) in terms.enumerated() {
                        if k == terms.count - 1, lastIsPrefix { prefixes.append(t) } else { exact.insert(t) }
                    }
                case .field, .not:
                    break
                }
            }
        }
    }

    public var isEmpty: Bool { exact.isEmpty && prefixes.isEmpty }

    func matches(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        if exact.contains(Array(term)) { return true }
        for p in prefixes where term.starts(with: p) { return true }
        return false
    }

    /// The byte ranges of matching words in `text`.
    public func ranges(in text: String) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        var out: [Range<Int>] = []
        Folding.forEachTerm(in: text) { term, start, end in
            if matches(term) { out.append(start..<end) }
        }
        return out
    }

    /// A window of about `words` words of the article where the query's words are densest
    /// (the lead's start when none match), with "…" where it was cut, and its highlight ranges.
    public func snippet(_ a: Article, words: Int = 28) -> (text: String, ranges: [Range<Int>]) {
        var best: (paragraph: Int, start: Int, score: Int) = (0, 0, -1)
        var tokenCache: [[(Range<Int>, Bool)]] = []
        for (pi, p) in a.paragraphs.enumerated() {
            var toks: [(Range<Int>, Bool)] = []
            Folding.forEachTerm(in: p) { term, s, e in toks.append((s..<e, matches(term))) }
            tokenCache.append(toks)
            guard !toks.isEmpty else { continue }
            var count = 0
            for k in 0..<min(words, toks.count) where toks[k].1 { count += 1 }
            if count > best.score { best = (pi, 0, count) }
            var k = words
            while k < toks.count {
                if toks[k].1 { count += 1 }
                if toks[k - words].1 { count -= 1 }
                if count > best.score { best = (pi, k - words + 1, count) }
                k += 1
            }
        }
        guard best.score >= 0, best.paragraph < a.paragraphs.count else { return (a.title, ranges(in: a.title)) }
        let text = a.paragraphs[best.paragraph]
        let toks = tokenCache[best.paragraph]
        let first = best.start
        let last = min(toks.count, first + words) - 1
        let utf8 = Array(text.utf8)
        let from = first == 0 ? 0 : toks[first].0.lowerBound
        let to = last == toks.count - 1 ? utf8.count : toks[last].0.upperBound
        let lead = first == 0 ? "" : "…"
        let tail = to < utf8.count ? "…" : ""
        let body = String(decoding: utf8[from..<to], as: UTF8.self)
        let shift = lead.utf8.count - from
        let ranges = toks[first...last].filter(\.1).map { ($0.0.lowerBound + shift)..<($0.0.upperBound + shift) }
        return (lead + body + tail, ranges)
    }
}

extension String {
    /// A UTF-8 byte range as Unicode scalar (code point) offsets, for JSON consumers.
    public func scalarOffsets(_ r: Range<Int>) -> (Int, Int) {
        let u = Array(utf8)
        func scalars(upTo b: Int) -> Int { u[0..<min(b, u.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        return (scalars(upTo: r.lowerBound), scalars(upTo: r.upperBound))
    }
}
