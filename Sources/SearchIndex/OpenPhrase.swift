import Foundation
/// Where a phrase of exact terms stands: for each document that holds it, the positions at
/// which it starts (documents ascending, starts ascending, in flat arrays).
struct PhraseOccurrences {
    var docs: [Int32] = []
    /// The starts of `docs[i]` are `starts[offsets[i]..<offsets[i + 1]]`.
    var offsets: [Int32] = [0]
    var starts: [UInt32] = []
    /// The next-word code (`NextWord`) of the word after each start's phrase, when its last word
    /// is a coded term (as `Searcher.occurrences` returns them; while a head is being built from
    /// its rarest word, they may be that word's).
    var next: [UInt8]? = nil
    /// With `next` (both or neither): for each document, the codes of its starts as a set (bit
    /// `c` for code `c`), so that a document where no start is followed by a word of the code
    /// wanted is passed over at one look.
    var masks: [UInt16]? = nil

    var count: Int { docs.count }
}

/// The ways a typed phrase was decided, counted (see `Searcher.phraseWays`).
struct PhraseWays {
    /// Documents decided by word pairs after one word.
    var decidedByPairs = 0
    /// Heads summarized (`headSummary`), then made whole for a check, or for its open documents
    /// alone.
    var summarized = 0, madeWhole = 0, madeInPart = 0
    /// Heads made from a pair's marks.
    var fromPairMarks = 0
}

/// A phrase being typed (`"council of d`): its exact head's occurrences, then the documents where
/// a completion of the last word stands right after one of them.
///
/// The head's occurrences are kept across keystrokes (the head stays while the last word grows,
/// and grows a word at a time), and each keystroke looks only at the documents the previous one
/// found when the last word only grew. When the head ends in a coded word (`NextWord`), the
/// codes of what follows it decide or rule out documents first. After a head of one word, the
/// completions kept as word pairs with it (`WordPairs`) decide their documents with no position
/// read; a head that is a pair is made from its first word's starts by the pair's marks, or, when
/// that word is not kept, summarized from the marks alone (`HeadSummary`), the occurrences made
/// only for the documents a check needs. The documents left are checked
/// against the completions by `PhraseCheck`: a window of documents at a time, the completions
/// that found most so far first, a posting's positions decoded only for a document still
/// undecided, and a document decided by its first match.
extension Searcher {
    static let occurrencesKept = 4
    /// Heads kept while their starts number fewer than this in all (a head of the most common
    /// words stands millions of times).
    static let occurrencesKeptStarts = 8_000_000

    /// The documents where `head` (exact terms, at least one) is followed by a term of
    /// `completions` (the terms of `prefix`'s range).
    func openPhrase(head: [Int], prefix: [UInt8], completions: [Int], candidates: Bitset) -> Bitset {
        let n = index.docCount
        // The head's documents, and the codes after its starts: its occurrences, if kept (or
        // to be made); else its summary, read without a position decoded, when `headSummary`
        // gives one (a kept pair whose first word is not kept), the occurrences of the documents
        // left open made after the marking. The marks' rows are rows of `headDocs`.
        let summary = phraseOccurrences.contains(where: { $0.head == head }) ? nil : headSummary(head)
        var occ = summary == nil ? step("head occurrences") { occurrences(head) } : PhraseOccurrences()
        let (headDocs, headMasks) = summary.map { ($0.docs, $0.masks) } ?? (occ.docs, occ.masks)
        ensureScratch()
        var result = Bitset(count: n)
        var open = Bitset(count: n)
        var openCount = 0
        // (The marking goes through buffers taken once: a document at a time through the
        // bitsets' and arrays' own accessors cost more than the rest of a keystroke of a common
        // head. The buffers' subscripts are still checked in a debug build.)
        func marking(_ body: (inout PhraseMarks) -> Void) {
            let words = (n + 63) >> 6
            candidates.words.withUnsafeBufferPointer { candidates in
                result.withUnsafeMutableWords { result in
                    open.withUnsafeMutableWords { open in
                        matchTerm.withUnsafeMutableBufferPointer { matchTerm in
                            occRow.withUnsafeMutableBufferPointer { occRow in
                                var marks = PhraseMarks(
                                    candidates: candidates, result: UnsafeMutableBufferPointer(start: result, count: words),
                                    open: UnsafeMutableBufferPointer(start: open, count: words), matchTerm: matchTerm, occRow: occRow)
                                body(&marks)
                                openCount += marks.openCount
                            }
                        }
                    }
                }
            }
        }
        if let last = lastOpenPhrase, last.head == head, prefix.starts(with: last.prefix) {
            // The last word only grew: only the documents found for it can hold the phrase, and
            // one whose word found then still completes it holds it without a look.
            var completing = Bitset(count: index.termCount)
            for t in completions { completing.insert(t) }
            // A document found by its next-word code has no term (-1): it was found for a
            // one-letter prefix, and holds while that is still the prefix (a search asked
            // again, as the reader does without a facet's filter).
            let samePrefix = prefix == last.prefix
            step("narrow \(last.docs.count) documents") {
                marking { marks in
                    headDocs.withUnsafeBufferPointer { occDocs in
                        // (Each document found is one of the head's: its row is found walking
                        // forward, both in order.)
                        var row = 0
                        for (d32, t) in zip(last.docs, last.foundWith) {
                            let d = Int(d32)
                            guard marks.isCandidate(d) else { continue }
                            if t >= 0 ? completing.contains(Int(t)) : samePrefix {
                                marks.decide(d, term: t)
                                continue
                            }
                            while occDocs[row] < d32 { row &+= 1 }
                            assert(occDocs[row] == d32, "a document found is not the head's")
                            marks.open(d, row: row)
                        }
                    }
                }
            }
        } else if let masks = headMasks, let first = prefix.first {
            // The head ends in a coded word: a document where no start is followed by a word of
            // the prefix's first letter's code is out at one look at its mask; where the code
            // tells the letter and the prefix is that letter, one that is holds the phrase.
            let want = NextWord.code(first)
            let wanted = UInt16(1) << UInt16(want)
            let decided = prefix.count == 1 && NextWord.isExact(want)
            step("mark \(headDocs.count) documents by next-word codes") {
                marking { marks in
                    headDocs.withUnsafeBufferPointer { docs in
                        masks.withUnsafeBufferPointer { masks in
                            for i in 0..<docs.count where masks[i] & wanted != 0 {
                                let d = Int(docs[i])
                                guard marks.isCandidate(d) else { continue }
                                if decided { marks.decide(d, term: -1) } else { marks.open(d, row: i) }
                            }
                        }
                    }
                }
            }
        } else {
            step("mark \(headDocs.count) documents") {
                marking { marks in
                    headDocs.withUnsafeBufferPointer { docs in
                        for i in 0..<docs.count where marks.isCandidate(Int(docs[i])) { marks.open(Int(docs[i]), row: i) }
                    }
                }
            }
        }
        // An open document where the head is followed by completion `t` (known without a look
        // at its positions) holds the phrase.
        func decideOpen(_ body: ((_ d: Int, _ t: Int) -> Void) -> Void) {
            open.withUnsafeMutableWords { open in
                result.withUnsafeMutableWords { result in
                    matchTerm.withUnsafeMutableBufferPointer { matchTerm in
                        body { d, t in
                            let bit = UInt64(1) << UInt64(d & 63)
                            if open[d >> 6] & bit != 0 {
                                open[d >> 6] &= ~bit
                                result[d >> 6] |= bit
                                matchTerm[d] = Int32(t)
                                openCount &-= 1
                            }
                        }
                    }
                }
            }
        }
        // The completions left to check.
        var unpaired = completions
        // A completion whose head grown by it is kept (made between keystrokes, or by the
        // keystrokes of a longer phrase typed before) decides its documents at a look each: the
        // grown head stands exactly where the head is followed by it. (Before the pairs: a kept
        // head's documents are a list, a pair's are read from its marks.)
        if openCount > 0 {
            let grown = phraseOccurrences.compactMap { kept in
                kept.head.count == head.count + 1 && kept.head.starts(with: head) && completions.contains(kept.head.last!)
                    ? (term: kept.head.last!, docs: kept.occ.docs) : nil
            }
            if !grown.isEmpty {
                betweenKeys.decidedByKeptHeads += grown.count
                step("decide by \(grown.count) kept head\(grown.count == 1 ? "" : "s")") {
                    decideOpen { decide in
                        for (t, docs) in grown {
                            docs.withUnsafeBufferPointer { docs in for d in docs { decide(Int(d), t) } }
                        }
                    }
                }
                let grownTerms = Set(grown.map(\.term))
                unpaired = unpaired.filter { !grownTerms.contains($0) }
            }
        }
        // After one word, a completion kept as a pair with it decides the open documents of
        // the pair at a look each, no position read; the check needs only the other completions
        // (a document where no pair stands cannot hold the phrase by the pair's word).
        if head.count == 1, usePairs, openCount > 0, index.pairs.count > 0 {
            let pairs = index.pairs
            let paired = unpaired.compactMap { t in pairs.number(head[0], t).map { (term: t, pair: $0) } }
            if !paired.isEmpty {
                phraseWays.decidedByPairs += 1
                step("decide by \(paired.count) word pair\(paired.count == 1 ? "" : "s")") {
                    decideOpen { decide in
                        for (t, i) in paired { pairs.forEachDoc(ofPair: i, in: index) { d in decide(d, t) } }
                    }
                }
                let pairedTerms = Set(paired.map(\.term))
                unpaired = unpaired.filter { !pairedTerms.contains($0) }
            }
        }
        // The documents left open all had their words after the head resolved between
        // keystrokes: each holds the phrase if a completion was found in it, else none.
        if openCount > 0, !unpaired.isEmpty, let r = resolvedNextWords, r.head == head, prefix.starts(with: r.prefix),
           open.isSubset(of: r.docs) {
            betweenKeys.decidedByResolution += 1
            step("decide \(openCount) documents by the next words resolved") {
                var completing = Bitset(count: index.termCount)
                for t in unpaired { completing.insert(t) }
                decideOpen { decide in
                    for (d, t) in r.found where completing.contains(Int(t)) { decide(Int(d), Int(t)) }
                }
                openCount = 0
            }
        }
        if openCount > 0, !unpaired.isEmpty, let summary {
            // The occurrences of the documents left open: made for them alone when they are
            // few; else the head's, made whole and kept (the keystrokes after will need them).
            if openCount * 4 > summary.docs.count {
                phraseWays.madeWhole += 1
                occ = step("head occurrences") { occurrences(head) }
                assert(occ.docs == summary.docs, "a head's summary and its occurrences disagree") // (a whole comparison: debug builds only)
            } else {
                phraseWays.madeInPart += 1
                occ = step("occurrences in \(openCount) documents") {
                    var docs: [Int32] = []
                    docs.reserveCapacity(openCount)
                    open.forEach { docs.append(Int32($0)) }
                    return partialOccurrences(head, docs: docs)
                }
                // Each open document's row in them (every open document has one: it is one of
                // the head's).
                precondition(occ.count == openCount, "an open document without the head")
                occ.docs.withUnsafeBufferPointer { docs in
                    occRow.withUnsafeMutableBufferPointer { occRow in
                        for i in 0..<docs.count { occRow[Int(docs[i])] = Int32(i) }
                    }
                }
            }
        }
        if openCount > 0, !unpaired.isEmpty {
            // Most widespread first (then by term number): sorted as plain integer keys, which
            // is many times faster than a comparison that reads the postings' bounds (a letter
            // has thousands of completions).
            let byDF = step("order \(unpaired.count) completion\(unpaired.count == 1 ? "" : "s")") {
                index.postStart.withUnsafeBufferPointer { starts in
                    unpaired.map { t in UInt64(UInt32.max - (starts[t + 1] - starts[t])) << 32 | UInt64(t) }
                }.sorted().map { Int($0 & 0xFFFF_FFFF) }
            }
            step("check \(openCount) documents") {
                checkCompletions(byDF, occ: occ, shift: UInt32(head.count), want: prefix.first.map(NextWord.code), open: &open,
                                 openCount: openCount, result: &result)
            }
        }
        // For the next keystroke: the documents in order, each with the term found.
        let kept = step("keep \(result.cardinality) documents") {
            let count = result.cardinality
            var i = 0
            var docs = [Int32](repeating: 0, count: count), foundWith = [Int32](repeating: 0, count: count)
            docs.withUnsafeMutableBufferPointer { docs in
                foundWith.withUnsafeMutableBufferPointer { foundWith in
                    matchTerm.withUnsafeBufferPointer { matchTerm in
                        result.forEach { d in
                            docs[i] = Int32(d)
                            foundWith[i] = matchTerm[d]
                            i &+= 1
                        }
                    }
                }
            }
            return (docs: docs, foundWith: foundWith)
        }
        lastOpenPhrase = (head, prefix, kept.docs, kept.foundWith)
        return result
    }

    /// Decides the open documents: those where a term of `byDF` (most widespread first) stands
    /// `shift` words after a start of the occurrences join `result`, each with the term found
    /// (see `PhraseCheck`). A large check is split in two halves of the open documents, run side
    /// by side on two threads.
    /// When the occurrences have codes, only the starts from the first to the last whose code is
    /// `want` (the prefix's first letter's) are looked at.
    /// With `recordAll`, no document is decided: every completion is sought in every open
    /// document, and each (document, completion) found is returned, in no order.
    @discardableResult
    func checkCompletions(_ byDF: [Int], occ: PhraseOccurrences, shift: UInt32, want: UInt8?, open: inout Bitset, openCount: Int,
                          result: inout Bitset, recordAll: Bool = false) -> [(doc: Int32, term: Int32)] {
        let n = index.docCount
        guard n > 0 else { return [] }
        documentsChecked += openCount
        // The halves split at a word of the bitsets (64 documents), so no word has two writers.
        // (Many documents, or a few against the postings of many completions: a letter's
        // thousands of words walked for the few documents a pair left open.)
        var ranges = [0..<n]
        let postings = index.postStart.withUnsafeBufferPointer { s in byDF.reduce(0) { $0 + Int(s[$1 + 1] - s[$1]) } }
        if openCount >= checkSplitAbove || openCount >= 2 && postings >= checkSplitAbovePostings {
            var seen = 0, middle = n
            for (w, word) in open.words.enumerated() {
                seen += word.nonzeroBitCount
                if seen * 2 >= openCount { middle = min(n, (w + 1) * 64); break }
            }
            if middle < n { ranges = [0..<middle, middle..<n] }
        }
        // The bytes of the occurrences the open documents read, about (a few documents left open
        // among many read few of them: a window of all documents then, each completion sought
        // once, not once a window).
        let openBytes = (occ.starts.count * 4 + occ.count * 12) / max(1, occ.count) * openCount
        let codes = want == nil ? nil : occ.next
        var recorded: [[(doc: Int32, term: Int32)]] = []
        occ.offsets.withUnsafeBufferPointer { offsets in
            occ.starts.withUnsafeBufferPointer { starts in
              (codes ?? []).withUnsafeBufferPointer { codeBuffer in
                occRow.withUnsafeBufferPointer { occRow in
                    matchTerm.withUnsafeMutableBufferPointer { matchTerm in
                        open.withUnsafeMutableWords { open in
                            result.withUnsafeMutableWords { result in
                                let check = PhraseCheck(
                                    p: index.pointers, byDF: byDF, shift: shift, docCount: n,
                                    offsets: offsets, starts: starts, codes: codes == nil ? nil : codeBuffer, want: want ?? 0,
                                    occRow: occRow, matchTerm: matchTerm,
                                    open: open, result: result,
                                    window: checkWindow ?? PhraseCheck.window(docCount: n, occBytes: openBytes), recordAll: recordAll)
                                recorded = ranges.count == 1 ? [check.run(ranges[0])] : Threads.map(ranges.count) { check.run(ranges[$0]) }
                            }
                        }
                    }
                }
              }
            }
        }
        return recorded.count == 1 ? recorded[0] : recorded.flatMap { $0 }
    }

    /// Where the exact terms `head` stand in a row (kept for the heads asked for last).
    func occurrences(_ head: [Int]) -> PhraseOccurrences {
        if let kept = Self.moveToFront(&phraseOccurrences, where: { $0.head == head }) { return kept.occ }
        var occ: PhraseOccurrences
        if head.count == 2, usePairs, let pair = index.pairs.number(head[0], head[1]) {
            // A kept pair: the first word's starts that its marks tell, no position of the
            // second word read (the first word's head kept for the keystrokes after).
            phraseWays.fromPairMarks += 1
            let base = occurrences([head[0]])
            precondition(base.count == Int(index.postStart[head[0] + 1] - index.postStart[head[0]]), "a word's head, one row a posting")
            occ = step("the pair's marks over \(base.count) documents") { pairStarts(base, pair: pair) }
        } else if head.count > 1, let shorter = phraseOccurrences.first(where: { $0.head == Array(head.dropLast()) }) {
            // The head grew by a word: the longer one stands where the shorter is followed by it.
            occ = step("extend by word \(head.count)") {
                extend(shorter.occ, with: head.last!, at: head.count - 1, codes: true, codesTellThisWord: true)
            }
        } else {
            // From the rarest term's positions, the others checked where it stands.
            func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
            let rarest = head.indices.min { df(head[$0]) < df(head[$1]) }!
            // The rarest term's codes tell the word after it, so that word is added first: its
            // starts with another first letter are dropped before a look. Then the words before
            // the rarest, then the rest (the last word's codes replace the codes held).
            var built = step("gather word \(rarest + 1), \(df(head[rarest])) posting\(df(head[rarest]) == 1 ? "" : "s")") {
                allPositions(head[rarest], minus: UInt32(rarest))
            }
            let order = (rarest + 1 < head.count ? [rarest + 1] : []) + Array(0..<rarest) + Array(min(rarest + 2, head.count)..<head.count)
            for j in order {
                built = step("extend by word \(j + 1)") {
                    extend(built, with: head[j], at: j, codes: j == head.count - 1, codesTellThisWord: j == rarest + 1)
                }
            }
            occ = built
        }
        // Kept near their size: arrays written to a bound (the starts of the shorter head an
        // extended one came from) may hold many times more. (Copied through a buffer: an array
        // made of its own whole slice keeps the same storage.) A gathered head's bound is close
        // to its size, and left as it is: copying millions of starts would cost a keystroke.
        if occ.starts.capacity > 2 * occ.starts.count + 1024 {
            occ.starts = occ.starts.withUnsafeBufferPointer { Array($0) }
            if let next = occ.next { occ.next = next.withUnsafeBufferPointer { Array($0) } }
        }
        assert((occ.next == nil) == (occ.masks == nil), "a head's codes without their masks, or masks without codes")
        phraseOccurrences.insert((head, occ), at: 0)
        while phraseOccurrences.count > Self.occurrencesKept
                || phraseOccurrences.count > 1
                && phraseOccurrences.reduce(0, { $0 + $1.occ.starts.count }) > Self.occurrencesKeptStarts {
            phraseOccurrences.removeLast()
        }
        return occ
    }

    /// Occurrences of this many starts or more (about) are gathered in two halves on two threads.
    static let gatherSplitAbove = 200_000

    /// Every position of term `t`, less `offset` (positions before it dropped): the starts of a
    /// phrase where `t` is word `offset`; with the next-word codes of its positions if the term
    /// keeps them. A common term's postings are read in two halves side by side (split at a
    /// block), then joined.
    func allPositions(_ t: Int, minus offset: UInt32) -> PhraseOccurrences {
        let p = index.pointers
        let firstBlock = Int(p.blockStart[t]), endBlock = Int(p.blockStart[t + 1])
        let postings = Int(p.postStart[t + 1] - p.postStart[t])
        // (Positions number about four a posting.)
        guard postings * 4 >= gatherSplitAbove, endBlock - firstBlock >= 2 else {
            return Self.positions(p, term: t, minus: offset, blocks: firstBlock..<endBlock)
        }
        let middle = (firstBlock + endBlock) / 2
        return Self.inHalves { half in
            Self.positions(p, term: t, minus: offset, blocks: half == 0 ? firstBlock..<middle : middle..<endBlock)
        }
    }

    /// The starts of pair `pair` from `base`, the head of its first word alone (`WordPairs.starts`):
    /// many read in two halves side by side (split at a block).
    func pairStarts(_ base: PhraseOccurrences, pair: Int) -> PhraseOccurrences {
        let pairs = index.pairs
        let blocks = (base.count + SearchIndex.blockSize - 1) / SearchIndex.blockSize
        guard base.starts.count >= gatherSplitAbove, blocks >= 2 else { return pairs.starts(ofPair: pair, from: base, rows: 0..<base.count) }
        let middle = blocks / 2 * SearchIndex.blockSize
        return Self.inHalves { half in pairs.starts(ofPair: pair, from: base, rows: half == 0 ? 0..<middle : middle..<base.count) }
    }

    /// Runs `body` for halves 0 and 1 on two threads; their occurrences, one after the other.
    static func inHalves(_ body: (Int) -> PhraseOccurrences) -> PhraseOccurrences {
        var halves = Threads.map(2, body)
        // The second half appended to the first (in place when the first has room: the
        // positions of a term are written into arrays sized to the whole term's bound).
        var joined = halves[0]
        let b = halves[1]
        halves = []
        let shift = Int32(joined.starts.count)
        joined.docs += b.docs
        joined.offsets.reserveCapacity(joined.offsets.count + b.offsets.count - 1)
        for o in b.offsets.dropFirst() { joined.offsets.append(o + shift) }
        joined.starts += b.starts
        if joined.next != nil, let second = b.next { joined.next!.append(contentsOf: second) } else { joined.next = nil }
        if joined.masks != nil, let second = b.masks { joined.masks!.append(contentsOf: second) } else { joined.masks = nil }
        return joined
    }

    /// The positions (less `offset`) of term `t`'s postings in its blocks `blocks` (numbered
    /// as in `blockStart`), each posting walked in turn straight through the streams (both are in
    /// posting order, so a run of blocks is one run of bytes). Written into arrays sized to their
    /// bound: a position takes a byte at least, so the bytes from the first block to the term's
    /// end bound its positions. With the next-word codes of the positions, and each document's
    /// set of them (`masks`), if the term keeps them.
    static func positions(_ p: SearchIndex.Pointers, term t: Int, minus offset: UInt32, blocks: Range<Int>) -> PhraseOccurrences {
        let first = Int(p.postStart[t]), end = Int(p.postStart[t + 1]), firstBlock = Int(p.blockStart[t])
        guard !blocks.isEmpty, first < end else { return PhraseOccurrences() }
        let k0 = first + (blocks.lowerBound - firstBlock) * SearchIndex.blockSize
        let k1 = min(end, first + (blocks.upperBound - firstBlock) * SearchIndex.blockSize)
        let postings = k1 - k0
        let isCoded = p.codeBlockStart[t + 1] > p.codeBlockStart[t]
        var codeByte = isCoded ? Int(p.codeBlockByte[Int(p.codeBlockStart[t]) + blocks.lowerBound - firstBlock]) : 0
        var docByte = Int(p.blockDocByte[blocks.lowerBound]), posByte = Int(p.blockPosByte[blocks.lowerBound])
        // (To the term's end, not the blocks': the first of two halves is joined by the second
        // in place.)
        let endBlock = Int(p.blockStart[t + 1])
        let bytes = (endBlock < p.blockPosByte.count ? Int(p.blockPosByte[endBlock]) : p.pos.count) - posByte
        precondition(bytes >= 0, "positions of term \(t) out of order")
        let docs = UnsafeMutableBufferPointer<Int32>.allocate(capacity: postings)
        let offsets = UnsafeMutableBufferPointer<Int32>.allocate(capacity: postings + 1)
        let masks = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: isCoded ? postings : 1)
        defer { docs.deallocate(); offsets.deallocate(); masks.deallocate() }
        var kept = 0, rows = 0
        offsets[0] = 0
        let pos = p.pos, code = p.code, docBlob = p.docs
        // The first posting of a block has its document in blockDoc (its gap is from the block
        // before's last).
        var doc = Int(p.blockDoc[blocks.lowerBound])
        // Written straight into the arrays returned, sized to their bound (pages never written
        // are never touched), not copied out of scratch buffers.
        var next: [UInt8] = []
        let starts = [UInt32](unsafeUninitializedCapacity: max(1, bytes)) { out, written in
            next = [UInt8](unsafeUninitializedCapacity: isCoded ? max(1, bytes) : 0) { nextOut, nextWritten in
                for k in k0..<k1 {
                    let v = Varint.read(docBlob, &docByte)
                    if k != k0 { doc &+= Int(v >> 3) }
                    var count = Int(v & 3)
                    if count == 3 { count &+= Int(Varint.read(pos, &posByte)) }
                    // (Holds for an index as built: a check against a damaged one.)
                    precondition(kept + count <= max(1, bytes), "positions of term \(t) past their bytes")
                    let before = kept
                    var position: UInt32 = 0
                    var mask: UInt16 = 0
                    // Each position written, and kept (counted) unless before the offset.
                    if isCoded {
                        for i in 0..<count {
                            position &+= Varint.read(pos, &posByte)
                            out[kept] = position &- offset
                            // (The low four bits of a byte for an even position, the high four for an odd one.)
                            let c = (code[codeByte &+ (i >> 1)] >> UInt8(truncatingIfNeeded: (i & 1) << 2)) & 15
                            nextOut[kept] = c
                            let keep = position >= offset ? 1 : 0
                            // (The code joins the mask only for a start kept: 0 shifted is 0.)
                            mask |= UInt16(truncatingIfNeeded: keep) &<< UInt16(c)
                            kept &+= keep
                        }
                    } else {
                        for _ in 0..<count {
                            position &+= Varint.read(pos, &posByte)
                            out[kept] = position &- offset
                            kept &+= position >= offset ? 1 : 0
                        }
                    }
                    if isCoded { codeByte &+= (count &+ 1) >> 1 }
                    if kept > before {
                        docs[rows] = Int32(doc)
                        if isCoded { masks[rows] = mask }
                        rows &+= 1
                        offsets[rows] = Int32(kept)
                    }
                }
                nextWritten = isCoded ? kept : 0
            }
            written = kept
        }
        return PhraseOccurrences(docs: Array(docs[..<rows]), offsets: Array(offsets[...rows]), starts: starts,
                                 next: isCoded ? next : nil, masks: isCoded ? Array(masks[..<rows]) : nil)
    }

    /// The starts of `occ` where term `t` stands `offset` words after the start: each document of
    /// the occurrences sought in the term's postings (a far one by its block), and its positions
    /// merged with the starts as they are decoded. The starts kept keep their next-word codes, or
    /// take the term's if `codes` (the term is the phrase's last word); each document kept has
    /// the set of its starts' codes (`masks`).
    ///
    /// When `codesTellThisWord`, the occurrences' codes are those of the word just before `offset`
    /// (each tells the first letter of the word at `offset`): in each document the starts before
    /// the first and after the last whose code is `t`'s first letter's are passed over (so are
    /// documents with none), and the term's positions are decoded only up to the last such
    /// start. Many starts are extended in two halves side by side.
    func extend(_ occ: PhraseOccurrences, with t: Int, at offset: Int, codes: Bool, codesTellThisWord: Bool) -> PhraseOccurrences {
        let p = index.pointers
        let want = codesTellThisWord && occ.next != nil ? index.termBytes(t).first.map(NextWord.code) : nil
        guard occ.starts.count >= gatherSplitAbove, occ.count >= 2 else {
            return Self.extend(p, occ, rows: 0..<occ.count, with: t, at: offset, codes: codes, want: want)
        }
        let middle = occ.count / 2
        return Self.inHalves { half in
            Self.extend(p, occ, rows: half == 0 ? 0..<middle : middle..<occ.count, with: t, at: offset, codes: codes, want: want)
        }
    }

    /// `extend` over the occurrences' rows `rows` only, each row's starts from the first to the
    /// last whose code is `want` (when given). The term's positions in a document are merged with
    /// the starts (both ascending), decoded only until the last start that may be kept; the rest
    /// skipped.
    static func extend(_ p: SearchIndex.Pointers, _ occ: PhraseOccurrences, rows: Range<Int>, with t: Int, at offset: Int,
                       codes: Bool, want: UInt8?) -> PhraseOccurrences {
        let shift = UInt32(offset)
        var c = LazyPostings(p, term: t)
        let ownCodes = codes && c.isCoded
        // (Codes kept from before are another word's when this one is the last.)
        let keepsCodes = !codes && occ.next != nil
        let capacity = rows.isEmpty ? 0 : Int(occ.offsets[rows.upperBound] - occ.offsets[rows.lowerBound])
        var docs: [Int32] = [], offsets: [Int32] = [0], kept = 0
        docs.reserveCapacity(rows.count)
        offsets.reserveCapacity(rows.count + 1)
        let withCodes = ownCodes || keepsCodes
        var masks: [UInt16] = []
        if withCodes { masks.reserveCapacity(rows.count) }
        let next = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, withCodes ? capacity : 1))
        defer { next.deallocate() }
        let starts = [UInt32](unsafeUninitializedCapacity: max(1, capacity)) { out, written in
            occ.docs.withUnsafeBufferPointer { occDocs in
                occ.offsets.withUnsafeBufferPointer { occOffsets in
                    occ.starts.withUnsafeBufferPointer { occStarts in
                        (occ.next ?? []).withUnsafeBufferPointer { occCodes in
                            for i in rows where c.isValid {
                                var a = Int(occOffsets[i])
                                var end = Int(occOffsets[i &+ 1])
                                if let want {
                                    // The starts from the first to the last whose code is the term's.
                                    while a < end, occCodes[a] != want { a &+= 1 }
                                    while end > a, occCodes[end &- 1] != want { end &-= 1 }
                                    if a == end { continue }
                                }
                                let d = Int(occDocs[i])
                                c.seek(d, p)
                                guard c.isValid, c.doc == d else { continue }
                                let (start, total) = c.positions(p)
                                var byte = start, count = total
                                let before = kept
                                var position: UInt32 = 0
                                var mask: UInt16 = 0
                                // Both ascending: each start kept where the term stands in its place.
                                while count > 0, a < end {
                                    position &+= Varint.read(p.pos, &byte)
                                    count &-= 1
                                    while a < end, occStarts[a] &+ shift < position { a &+= 1 }
                                    if a < end, occStarts[a] &+ shift == position {
                                        out[kept] = occStarts[a]
                                        if withCodes {
                                            let code = ownCodes ? c.code(total &- count &- 1, p) : occCodes[a]
                                            next[kept] = code
                                            mask |= 1 &<< UInt16(code)
                                        }
                                        kept &+= 1
                                        a &+= 1
                                    }
                                }
                                PositionCodec.skip(count, in: p.pos, at: &byte)
                                c.passed(to: byte, count: total)
                                if kept > before {
                                    docs.append(Int32(d))
                                    offsets.append(Int32(kept))
                                    if withCodes { masks.append(mask) }
                                }
                            }
                        }
                    }
                }
            }
            written = kept
        }
        return PhraseOccurrences(docs: docs, offsets: offsets, starts: starts, next: withCodes ? Array(next[..<kept]) : nil,
                                 masks: withCodes ? masks : nil)
    }
}

/// The marks of `openPhrase` on the documents of a keystroke, through buffers: the candidates
/// (read), the documents decided (`result`, with the term found in `matchTerm`, -1 for one
/// decided by its code), and those left open for the check (`open`, with their row of the
/// head's occurrences in `occRow`).
struct PhraseMarks {
    let candidates: UnsafeBufferPointer<UInt64>
    let result: UnsafeMutableBufferPointer<UInt64>, open: UnsafeMutableBufferPointer<UInt64>
    let matchTerm: UnsafeMutableBufferPointer<Int32>, occRow: UnsafeMutableBufferPointer<Int32>
    var openCount = 0

    @inline(__always) func isCandidate(_ d: Int) -> Bool { candidates[d >> 6] & (1 << UInt64(d & 63)) != 0 }

    @inline(__always) func decide(_ d: Int, term t: Int32) {
        result[d >> 6] |= 1 << UInt64(d & 63)
        matchTerm[d] = t
    }

    @inline(__always) mutating func open(_ d: Int, row: Int) {
        open[d >> 6] |= 1 << UInt64(d & 63)
        occRow[d] = Int32(row)
        openCount &+= 1
    }
}

/// The check of a typed phrase's open documents against the completions of its last word,
/// over raw buffers, so that two threads can run it on two disjoint ranges of documents (each
/// writes only the bits and rows of its own documents).
///
/// The documents are taken a window at a time, sized so that the window's occurrences stay
/// in the cache while every completion passes through it (term by term over all documents,
/// each term's pass would read the occurrences of a common head from memory again). Within a
/// window a term walks its postings where open documents are dense, and looks up each open
/// document where they are few.
final class PhraseCheck: @unchecked Sendable {
    /// Open documents from which a check is split in two.
    static let splitAbove = 4096
    /// Or the completions' postings from which it is.
    static let splitAbovePostings = 100_000
    let p: SearchIndex.Pointers
    let byDF: [Int]
    let shift: UInt32
    let docCount: Int
    let offsets: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<UInt32>, occRow: UnsafeBufferPointer<Int32>
    /// The starts' next-word codes, if kept, and the code of the completions' first letter: code
    /// `a` must be the code of the word `shift` words after start `a` (where a completion must
    /// stand), which every way of making a head's occurrences gives (`PhraseOccurrences.next`).
    let codes: UnsafeBufferPointer<UInt8>?, want: UInt8
    let matchTerm: UnsafeMutableBufferPointer<Int32>
    let open: UnsafeMutablePointer<UInt64>, result: UnsafeMutablePointer<UInt64>
    let window: Int
    /// Every completion sought in every open document, and what is found recorded, no
    /// document decided (see `checkCompletions`).
    let recordAll: Bool

    init(p: SearchIndex.Pointers, byDF: [Int], shift: UInt32, docCount: Int, offsets: UnsafeBufferPointer<Int32>,
         starts: UnsafeBufferPointer<UInt32>, codes: UnsafeBufferPointer<UInt8>?, want: UInt8, occRow: UnsafeBufferPointer<Int32>,
         matchTerm: UnsafeMutableBufferPointer<Int32>, open: UnsafeMutablePointer<UInt64>, result: UnsafeMutablePointer<UInt64>,
         window: Int, recordAll: Bool = false) {
        self.p = p; self.byDF = byDF; self.shift = shift; self.docCount = docCount; self.recordAll = recordAll
        self.offsets = offsets; self.starts = starts; self.codes = codes; self.want = want
        self.occRow = occRow; self.matchTerm = matchTerm
        self.open = open; self.result = result
        self.window = max(1, window)
    }

    /// Documents a window: about 128 KB of the occurrences' `occBytes`.
    static func window(docCount: Int, occBytes: Int) -> Int {
        max(256, min(docCount, Int(Double(docCount) * 131_072 / Double(max(1, occBytes)))))
    }

    @inline(__always) func isOpen(_ d: Int) -> Bool { open[d >> 6] & (1 << UInt64(d & 63)) != 0 }

    /// Document `d` holds the phrase, with term `t`.
    @inline(__always) func found(_ d: Int, _ t: Int) {
        open[d >> 6] &= ~(1 << UInt64(d & 63))
        result[d >> 6] |= 1 << UInt64(d & 63)
        matchTerm[d] = Int32(t)
    }

    /// Whether the current posting of `c` stands `shift` words after a start of row `row` (both
    /// ascending: a merge, decoding positions only until decided, the rest skipped).
    @inline(__always) func follows(_ c: inout LazyPostings, row: Int) -> Bool {
        var a = Int(offsets[row])
        var end = Int(offsets[row &+ 1])
        if let codes {
            // Only the starts followed by a word of the completions' first letter's code.
            while a < end, codes[a] != want { a &+= 1 }
            while end > a, codes[end &- 1] != want { end &-= 1 }
            // (The posting's positions are left as they are: the next one asked finds its own.)
            if a == end { return false }
        }
        var (byte, count) = c.positions(p)
        let total = count
        var position: UInt32 = 0
        var found = false
        scan: while count > 0 {
            position &+= Varint.read(p.pos, &byte)
            count &-= 1
            while starts[a] &+ shift < position {
                a &+= 1
                if a == end { break scan }
            }
            if starts[a] &+ shift == position { found = true; break }
        }
        PositionCodec.skip(count, in: p.pos, at: &byte)
        c.passed(to: byte, count: total)
        return found
    }

    /// Checks the open documents of `range`. The completions are tried in the order of the
    /// documents they were found in so far (the most first), then most widespread first: the
    /// word that follows a head is mostly the same few words (`collective security`), so after
    /// the first window most documents are decided by their first look. The first window is a
    /// small one, to learn that order early.
    func run(_ range: Range<Int>) -> [(doc: Int32, term: Int32)] {
        precondition(range.lowerBound % 64 == 0, "a range starts at a word of the bitsets")
        var recorded: [(doc: Int32, term: Int32)] = []
        var lazy = byDF.map { LazyPostings(p, term: $0) }
        var hits = [Int](repeating: 0, count: lazy.count)
        var order = Array(lazy.indices)
        var windowOpen: [Int] = []
        var lo = range.lowerBound
        var size = min(window, max(256, window / 8))
        lazy.withUnsafeMutableBufferPointer { lazy in
            while lo < range.upperBound {
                let hi = min(range.upperBound, lo + size)
                size = window
                windowOpen.removeAll(keepingCapacity: true)
                for w in (lo >> 6)...((hi - 1) >> 6) {
                    var bits = open[w]
                    while bits != 0 {
                        let d = w << 6 | bits.trailingZeroBitCount
                        bits &= bits - 1
                        if d >= lo, d < hi { windowOpen.append(d) }
                    }
                }
                var inWindow = windowOpen.count
                let openAtStart = inWindow
                for i in order where inWindow > 0 {
                    guard lazy[i].isValid else { continue }
                    lazy[i].seek(lo, p)
                    guard lazy[i].isValid, lazy[i].doc < hi else { continue }
                    let t = byDF[i]
                    let before = inWindow
                    // Its postings in the window, about.
                    let postings = (lazy[i].end - lazy[i].first) * (hi - lo) / docCount
                    // (The cursor in a local while it moves, so that it stays in registers.)
                    var c = lazy[i]
                    if inWindow * 8 < postings {
                        // Few open documents: each looked up.
                        for d in windowOpen where isOpen(d) {
                            c.seek(d, p)
                            guard c.isValid else { break }
                            if c.doc == d, follows(&c, row: Int(occRow[d])) {
                                if recordAll {
                                    recorded.append((Int32(d), Int32(t)))
                                    continue
                                }
                                found(d, t)
                                inWindow &-= 1
                                if inWindow == 0 { break }
                            }
                        }
                    } else {
                        while c.isValid, c.doc < hi {
                            let d = c.doc
                            if isOpen(d), follows(&c, row: Int(occRow[d])) {
                                if recordAll {
                                    recorded.append((Int32(d), Int32(t)))
                                    c.advance(p)
                                    continue
                                }
                                found(d, t)
                                inWindow &-= 1
                                if inWindow == 0 { break }
                            }
                            c.advance(p)
                        }
                    }
                    lazy[i] = c
                    hits[i] += before - inWindow
                    // The window's documents still open, without those just decided (the
                    // next terms look each one up).
                    if inWindow > 0, inWindow * 2 < windowOpen.count { windowOpen.removeAll { !isOpen($0) } }
                }
                if inWindow < openAtStart {
                    let finding = lazy.indices.filter { hits[$0] > 0 }.sorted { hits[$0] != hits[$1] ? hits[$0] > hits[$1] : $0 < $1 }
                    order = finding + lazy.indices.filter { hits[$0] == 0 }
                }
                lo = hi
            }
        }
        return recorded
    }
}
