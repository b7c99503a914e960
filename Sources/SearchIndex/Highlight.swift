import Corpus

/// Where a query's words stand in a text, for the UI to mark: UTF-8 byte ranges. A phrase is
/// marked whole, and only where its words stand in a row (a word of it elsewhere is not).
public struct Highlighter: Sendable {
    var exact: Set<[UInt8]> = []
    var prefixes: [[UInt8]] = []
    var phrases: [(terms: [[UInt8]], lastIsPrefix: Bool)] = []

    public init(_ q: Query) {
        for clause in q.clauses where !clause.negated {
            for atom in clause.atoms {
                switch atom {
                case .term(let t, let prefix):
                    if prefix { prefixes.append(t) } else { exact.insert(t) }
                case .phrase(let terms, let lastIsPrefix):
                    phrases.append((terms, lastIsPrefix))
                case .field, .not:
                    break
                }
            }
        }
    }

    public var isEmpty: Bool { exact.isEmpty && prefixes.isEmpty && phrases.isEmpty }

    func matches(_ term: [UInt8]) -> Bool {
        if exact.contains(term) { return true }
        for p in prefixes where term.starts(with: p) { return true }
        return false
    }

    /// The runs of a text's terms to mark, as term indices, in order and apart: each word of the
    /// query alone, each phrase whole (a word inside a phrase's run is not marked again).
    func runs(_ terms: [[UInt8]]) -> [ClosedRange<Int>] {
        var found: [ClosedRange<Int>] = []
        for (i, t) in terms.enumerated() where matches(t) { found.append(i...i) }
        for phrase in phrases where !phrase.terms.isEmpty && phrase.terms.count <= terms.count {
            let m = phrase.terms.count
            for start in 0...(terms.count - m) {
                var ok = true
                for k in 0..<m {
                    let want = phrase.terms[k], have = terms[start + k]
                    if k == m - 1 && phrase.lastIsPrefix ? !have.starts(with: want) : have != want { ok = false; break }
                }
                if ok { found.append(start...(start + m - 1)) }
            }
        }
        found.sort { ($0.lowerBound, -$0.upperBound) < ($1.lowerBound, -$1.upperBound) }
        var out: [ClosedRange<Int>] = []
        for r in found {
            if let last = out.last, r.lowerBound <= last.upperBound {
                // Overlapping runs (a word also in a phrase, two phrases sharing a word): one.
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// A text's terms with their byte ranges.
    static func terms(_ text: String) -> [(term: [UInt8], bytes: Range<Int>)] {
        var out: [(term: [UInt8], bytes: Range<Int>)] = []
        Folding.forEachTerm(in: text) { term, start, end in out.append((Array(term), start..<end)) }
        return out
    }

    /// The byte ranges to mark in `text`.
    public func ranges(in text: String) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        if phrases.isEmpty {
            // Words alone: each marked as it is read.
            var out: [Range<Int>] = []
            Folding.forEachTerm(in: text) { term, start, end in if matches(Array(term)) { out.append(start..<end) } }
            return out
        }
        let toks = Self.terms(text)
        return runs(toks.map(\.term)).map { toks[$0.lowerBound].bytes.lowerBound..<toks[$0.upperBound].bytes.upperBound }
    }

    /// The byte ranges to mark in one line of a wrapped paragraph, given the lines around it (of
    /// the same paragraph): a phrase cut by the wrap is marked on each line it stands on.
    public func ranges(inLine line: String, before: [String], after: [String]) -> [Range<Int>] {
        guard !phrases.isEmpty, !(before.isEmpty && after.isEmpty) else { return ranges(in: line) }
        let head = before.map { $0 + " " }.joined()
        let start = head.utf8.count, end = start + line.utf8.count
        let joined = head + line + after.map { " " + $0 }.joined()
        return ranges(in: joined).compactMap { r in
            let a = max(r.lowerBound, start), b = min(r.upperBound, end)
            return a < b ? (a - start)..<(b - start) : nil
        }
    }

    /// A window of about `words` words of the article where the query's words are densest,
    /// with "…" where it was cut, and its highlight ranges. When no paragraph and not the title
    /// match, another title or the byline the article was found by (they are searched too),
    /// else the lead's start.
    public func snippet(_ a: Article, words: Int = 28) -> (text: String, ranges: [Range<Int>]) {
        let window = densest(a, words: words)
        guard window.ranges.isEmpty, !isEmpty, ranges(in: a.title).isEmpty else { return window }
        for other in a.otherTexts {
            let found = ranges(in: other)
            if !found.isEmpty { return (other, found) }
        }
        return window
    }

    private func densest(_ a: Article, words: Int) -> (text: String, ranges: [Range<Int>]) {
        var best: (paragraph: Int, start: Int, score: Int) = (0, 0, -1)
        var tokenCache: [[(bytes: Range<Int>, marked: Bool)]] = []
        var runCache: [[ClosedRange<Int>]] = []
        for (pi, p) in a.paragraphs.enumerated() {
            let terms = Self.terms(p)
            let runs = isEmpty ? [] : runs(terms.map(\.term))
            var toks = terms.map { (bytes: $0.bytes, marked: false) }
            for r in runs { for k in r { toks[k].marked = true } }
            tokenCache.append(toks)
            runCache.append(runs)
            guard !toks.isEmpty else { continue }
            var count = 0
            for k in 0..<min(words, toks.count) where toks[k].marked { count += 1 }
            if count > best.score { best = (pi, 0, count) }
            var k = words
            while k < toks.count {
                if toks[k].marked { count += 1 }
                if toks[k - words].marked { count -= 1 }
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
        let from = first == 0 ? 0 : toks[first].bytes.lowerBound
        let to = last == toks.count - 1 ? utf8.count : toks[last].bytes.upperBound
        let lead = first == 0 ? "" : "…"
        let tail = to < utf8.count ? "…" : ""
        let body = String(decoding: utf8[from..<to], as: UTF8.self)
        let shift = lead.utf8.count - from
        // Each run in the window marked whole (a phrase cut by the window, as far as it shows).
        let ranges = runCache[best.paragraph].compactMap { r -> Range<Int>? in
            let a = max(r.lowerBound, first), b = min(r.upperBound, last)
            guard a <= b else { return nil }
            return (toks[a].bytes.lowerBound + shift)..<(toks[b].bytes.upperBound + shift)
        }
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
