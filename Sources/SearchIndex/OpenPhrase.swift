/// Where a phrase of exact terms stands: for each document that holds it, the positions at
/// which it starts (documents ascending, starts ascending, in flat arrays).
struct PhraseOccurrences {
    var docs: [Int32] = []
    /// The starts of `docs[i]` are `starts[offsets[i]..<offsets[i + 1]]`.
    var offsets: [Int32] = [0]
    var starts: [UInt32] = []

    var count: Int { docs.count }

    mutating func append(doc: Int, _ docStarts: some Sequence<UInt32>) {
        let before = starts.count
        starts.append(contentsOf: docStarts)
        guard starts.count > before else { return }
        docs.append(Int32(doc))
        offsets.append(Int32(starts.count))
    }
}

/// A phrase being typed (`"council of d`): its exact head's occurrences, then the documents where
/// a completion of the last word stands right after one of them.
///
/// The head's occurrences are kept across keystrokes (the head stays while the last word grows,
/// and grows a word at a time), and each keystroke looks only at the documents the previous one
/// found when the last word only grew. Completions are tried most widespread first, document
/// by document: a posting's positions are decoded only for a document still undecided, and a
/// document is decided by its first match.
extension Searcher {
    static let occurrencesKept = 4
    /// Heads kept while their starts number fewer than this in all (a head of the most common
    /// words stands millions of times).
    static let occurrencesKeptStarts = 8_000_000

    /// The documents where `head` (exact terms, at least one) is followed by a term of
    /// `completions` (the terms of `prefix`'s range).
    func openPhrase(head: [Int], prefix: [UInt8], completions: [Int], candidates: Bitset) -> Bitset {
        let n = index.docCount
        let occ = occurrences(head)
        if occRow.count != n { occRow = [Int32](repeating: 0, count: n) }
        if matchTerm.count != n { matchTerm = [Int32](repeating: 0, count: n) }
        var result = Bitset(count: n)
        var open = Bitset(count: n)
        var openCount = 0
        if let last = lastOpenPhrase, last.head == head, prefix.starts(with: last.prefix) {
            // The last word only grew: only the documents found for it can hold the phrase, and
            // one whose word found then still completes it holds it without a look.
            var completing = Bitset(count: index.termCount)
            for t in completions { completing.insert(t) }
            var row = 0
            for (d, t) in zip(last.docs, last.foundWith) where candidates.contains(Int(d)) {
                if completing.contains(Int(t)) {
                    result.insert(Int(d))
                    matchTerm[Int(d)] = t
                    continue
                }
                while occ.docs[row] < d { row += 1 }
                open.insert(Int(d))
                occRow[Int(d)] = Int32(row)
                openCount += 1
            }
        } else {
            for (i, d) in occ.docs.enumerated() where candidates.contains(Int(d)) {
                open.insert(Int(d))
                occRow[Int(d)] = Int32(i)
                openCount += 1
            }
        }
        let shift = UInt32(head.count)
        var buffer: [UInt32] = []
        let byDF = completions.sorted {
            index.postStart[$0 + 1] - index.postStart[$0] > index.postStart[$1 + 1] - index.postStart[$1]
        }
        for t in byDF where openCount > 0 {
            let lo = Int(index.postStart[t]), hi = Int(index.postStart[t + 1])
            if hi - lo > openCount * 16 {
                // A widespread term: look up the few documents still undecided.
                for d in open.members {
                    guard let found = index.posting(ofTerm: t, doc: d) else { continue }
                    index.positions(of: found, into: &buffer)
                    if Self.follows(buffer, occ, row: Int(occRow[d]), shift: shift) {
                        result.insert(d)
                        matchTerm[d] = Int32(t)
                        open.remove(d)
                        openCount -= 1
                    }
                }
            } else {
                // Else its postings in a row: skipping a posting is a scan of its few bytes.
                var cursor = SearchIndex.PostingCursor(index, term: t)
                while cursor.isValid && openCount > 0 {
                    let d = cursor.doc
                    if open.contains(d) {
                        cursor.take(&buffer)
                        if Self.follows(buffer, occ, row: Int(occRow[d]), shift: shift) {
                            result.insert(d)
                            matchTerm[d] = Int32(t)
                            open.remove(d)
                            openCount -= 1
                        }
                    } else {
                        cursor.skip()
                    }
                }
            }
        }
        // For the next keystroke: the documents in order, each with the term found.
        var docs: [Int32] = [], foundWith: [Int32] = []
        docs.reserveCapacity(result.cardinality)
        foundWith.reserveCapacity(docs.capacity)
        result.forEach { d in
            docs.append(Int32(d))
            foundWith.append(matchTerm[d])
        }
        lastOpenPhrase = (head, prefix, docs, foundWith)
        return result
    }

    /// Whether one of `positions` (ascending) stands `shift` words after a start of row `row`
    /// of the occurrences.
    @inline(__always) static func follows(_ positions: [UInt32], _ occ: PhraseOccurrences, row: Int, shift: UInt32) -> Bool {
        var a = Int(occ.offsets[row])
        let end = Int(occ.offsets[row + 1])
        var b = 0
        // Both ascending: a merge.
        while a < end, b < positions.count {
            let want = occ.starts[a] + shift
            if positions[b] < want { b += 1 } else if positions[b] > want { a += 1 } else { return true }
        }
        return false
    }

    /// Where the exact terms `head` stand in a row (kept for the heads asked for last).
    func occurrences(_ head: [Int]) -> PhraseOccurrences {
        if let i = phraseOccurrences.firstIndex(where: { $0.head == head }) {
            let kept = phraseOccurrences.remove(at: i)
            phraseOccurrences.insert(kept, at: 0)
            return kept.occ
        }
        let occ: PhraseOccurrences
        if head.count > 1, let shorter = phraseOccurrences.first(where: { $0.head == Array(head.dropLast()) }) {
            // The head grew by a word: the longer one stands where the shorter is followed by it.
            occ = extend(shorter.occ, with: head.last!, at: head.count - 1)
        } else {
            // From the rarest term's positions, the others checked where it stands.
            func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
            let rarest = head.indices.min { df(head[$0]) < df(head[$1]) }!
            var built = allPositions(head[rarest], minus: UInt32(rarest))
            for (j, t) in head.enumerated() where j != rarest { built = extend(built, with: t, at: j) }
            occ = built
        }
        phraseOccurrences.insert((head, occ), at: 0)
        while phraseOccurrences.count > Self.occurrencesKept
                || phraseOccurrences.count > 1
                && phraseOccurrences.reduce(0, { $0 + $1.occ.starts.count }) > Self.occurrencesKeptStarts {
            phraseOccurrences.removeLast()
        }
        return occ
    }

    /// Every position of term `t`, less `offset` (positions before it dropped): the starts of a
    /// phrase where `t` is word `offset`.
    func allPositions(_ t: Int, minus offset: UInt32) -> PhraseOccurrences {
        var occ = PhraseOccurrences()
        var cursor = SearchIndex.PostingCursor(index, term: t)
        var buffer: [UInt32] = []
        while cursor.isValid {
            let d = cursor.doc
            cursor.take(&buffer)
            occ.append(doc: d, buffer.lazy.filter { $0 >= offset }.map { $0 - offset })
        }
        return occ
    }

    /// The starts of `occ` where term `t` stands `offset` words after the start.
    func extend(_ occ: PhraseOccurrences, with t: Int, at offset: Int) -> PhraseOccurrences {
        var out = PhraseOccurrences()
        let df = Int(index.postStart[t + 1] - index.postStart[t])
        let shift = UInt32(offset)
        var buffer: [UInt32] = []
        var kept: [UInt32] = []
        /// Keeps the starts of row `i` that `buffer` (the term's positions there) follows.
        func keep(_ i: Int) {
            kept.removeAll(keepingCapacity: true)
            var b = 0
            for a in Int(occ.offsets[i])..<Int(occ.offsets[i + 1]) {
                let want = occ.starts[a] + shift
                while b < buffer.count, buffer[b] < want { b += 1 }
                if b < buffer.count, buffer[b] == want { kept.append(occ.starts[a]) }
            }
            out.append(doc: Int(occ.docs[i]), kept)
        }
        if df > occ.count * 16 {
            // A widespread term: each document of the occurrences looked up.
            for i in 0..<occ.count {
                guard let found = index.posting(ofTerm: t, doc: Int(occ.docs[i])) else { continue }
                index.positions(of: found, into: &buffer)
                keep(i)
            }
        } else {
            // A rarer one: its postings and the occurrences merged.
            var cursor = SearchIndex.PostingCursor(index, term: t)
            for i in 0..<occ.count where cursor.isValid {
                let d = Int(occ.docs[i])
                while cursor.isValid, cursor.doc < d { cursor.skip() }
                guard cursor.isValid, cursor.doc == d else { continue }
                cursor.take(&buffer)
                keep(i)
            }
        }
        return out
    }
}
