import Foundation

/// Prefix lookup in the sorted dictionary, and the documents of the heavy short prefixes
/// (the first keystrokes of a query) computed at build time.
extension SearchIndex {
    func buildPrefixSets() {
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
        // The end: the first term from there that does not start with the prefix (the terms that
        // do stand in a row).
        hi = sortedTerms.count
        var end = lo
        while end < hi {
            let mid = (end + hi) / 2
            if termBytes(Int(sortedTerms[mid])).starts(with: prefix) { end = mid + 1 } else { hi = mid }
        }
        return lo..<end
    }
}
