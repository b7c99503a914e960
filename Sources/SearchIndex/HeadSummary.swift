import Foundation

/// A typed phrase's head of a kept pair (`"of the s`) whose first word is not kept, read without a
/// position decoded: its documents, each with the set of the next-word codes after its starts
/// (DECISIONS 37), from the pair's marks and codes, its first word's positions not read at all.
/// That decides a one-letter prefix, or leaves a few documents open; only those then have
/// their occurrences made (`Searcher.partialOccurrences`), unless they are many: then the head
/// is read whole and kept, as before. (A head of one word can be summarized the same way, its
/// codes read posting by posting and its positions skipped, but that costs about as much as
/// decoding them: only tests ask for it, `summarizeWords`.)
struct HeadSummary {
    /// The head's documents, ascending.
    var docs: [Int32] = []
    /// For each document, the set of its starts' next-word codes (bit `c` for code `c`), when the
    /// head's last word is coded (a pair's always is).
    var masks: [UInt16]? = nil
}

extension Searcher {
    /// Heads summarized from this many postings of their first word are read in two halves
    /// side by side.
    static let summarySplitAbove = 20_000

    /// The summary of `head` when it is one word or a kept pair, kept for the heads asked last;
    /// nil for any other head.
    func headSummary(_ head: [Int]) -> HeadSummary? {
        guard useHeadSummaries else { return nil }
        // (A word alone is read whole: skipping its positions to read its codes costs about as
        // much as decoding them, and the keystrokes after need them. A pair whose first word is
        // kept is made from it.)
        let pair: Int?
        if head.count == 1, summarizeWords {
            pair = nil
        } else if head.count == 2, usePairs, let i = index.pairs.number(head[0], head[1]),
                  summarizeWords || !phraseOccurrences.contains(where: { $0.head == [head[0]] }) {
            pair = i
        } else {
            return nil
        }
        if let kept = Self.moveToFront(&headSummaries, where: { $0.head == head }) { return kept.summary }
        let a = head[0]
        let p = index.pointers
        let firstBlock = Int(p.blockStart[a]), endBlock = Int(p.blockStart[a + 1])
        let postings = Int(p.postStart[a + 1] - p.postStart[a])
        let coded = p.codeBlockStart[a + 1] > p.codeBlockStart[a]
        phraseWays.summarized += 1
        let summary: HeadSummary = step("summary of \(postings) posting\(postings == 1 ? "" : "s")") {
            if pair == nil, !coded {
                var docs: [Int32] = []
                docs.reserveCapacity(postings)
                index.forEachDoc(ofTerm: a) { docs.append(Int32($0)) }
                return HeadSummary(docs: docs)
            }
            let pairs = index.pairs
            func read(_ blocks: Range<Int>) -> HeadSummary {
                if let pair { return pairs.summary(ofPair: pair, in: index, blocks: blocks) }
                return Self.summary(p, term: a, blocks: blocks)
            }
            guard postings >= summarySplitAbove, endBlock - firstBlock >= 2 else { return read(firstBlock..<endBlock) }
            let middle = (firstBlock + endBlock) / 2
            let halves = Threads.map(2) { read($0 == 0 ? firstBlock..<middle : middle..<endBlock) }
            return HeadSummary(docs: halves[0].docs + halves[1].docs, masks: halves[0].masks! + halves[1].masks!)
        }
        headSummaries.insert((head, summary), at: 0)
        if headSummaries.count > Self.occurrencesKept { headSummaries.removeLast() }
        return summary
    }

    /// The summary of coded term `t`'s postings in its blocks `blocks`: each posting's codes
    /// read, its positions skipped.
    static func summary(_ p: SearchIndex.Pointers, term t: Int, blocks: Range<Int>) -> HeadSummary {
        let first = Int(p.postStart[t]), end = Int(p.postStart[t + 1]), firstBlock = Int(p.blockStart[t])
        guard !blocks.isEmpty, first < end else { return HeadSummary(masks: []) }
        let k0 = first + (blocks.lowerBound - firstBlock) * SearchIndex.blockSize
        let k1 = min(end, first + (blocks.upperBound - firstBlock) * SearchIndex.blockSize)
        var codeByte = Int(p.codeBlockByte[Int(p.codeBlockStart[t]) + blocks.lowerBound - firstBlock])
        var docByte = Int(p.blockDocByte[blocks.lowerBound]), posByte = Int(p.blockPosByte[blocks.lowerBound])
        var doc = Int(p.blockDoc[blocks.lowerBound])
        var docs: [Int32] = [], masks: [UInt16] = []
        docs.reserveCapacity(k1 - k0)
        masks.reserveCapacity(k1 - k0)
        for k in k0..<k1 {
            let v = Varint.read(p.docs, &docByte)
            if k != k0 { doc &+= Int(v >> 3) }
            var count = Int(v & 3)
            if count == 3 { count &+= Int(Varint.read(p.pos, &posByte)) }
            PositionCodec.skip(count, in: p.pos, at: &posByte)
            docs.append(Int32(doc))
            masks.append(codeSet(p.code, at: codeByte, count: count))
            codeByte &+= (count &+ 1) >> 1
        }
        return HeadSummary(docs: docs, masks: masks)
    }

    /// The set of the `count` codes at `byte` (two a byte, the first in the low half).
    @inline(__always) static func codeSet(_ code: UnsafeBufferPointer<UInt8>, at byte: Int, count: Int) -> UInt16 {
        var mask: UInt16 = 0
        for j in 0..<(count >> 1) {
            let b = code[byte &+ j]
            mask |= 1 &<< UInt16(b & 15) | 1 &<< UInt16(b >> 4)
        }
        if count & 1 == 1 { mask |= 1 &<< UInt16(code[byte &+ (count >> 1)] & 15) }
        return mask
    }

    /// The occurrences of `head` (a word, or a kept pair) in documents `docs` (ascending, each one
    /// of the head's) alone, with the codes after their starts: each document's posting sought, its
    /// positions decoded (and, for a pair, those its marks tell kept).
    func partialOccurrences(_ head: [Int], docs wanted: [Int32]) -> PhraseOccurrences {
        let p = index.pointers
        let pairs = index.pairs
        let pair = head.count == 2 ? pairs.number(head[0], head[1]) : nil
        precondition(head.count == 1 || pair != nil, "a head with no summary")
        var c = LazyPostings(p, term: head[0])
        let coded = c.isCoded
        var out = PhraseOccurrences()
        out.docs.reserveCapacity(wanted.count)
        out.offsets.reserveCapacity(wanted.count + 1)
        var next: [UInt8] = [], masks: [UInt16] = []
        var marks = pair.map { WordPairs.MarkCursor(pairs, pair: $0) }
        var positions: [UInt32] = []
        for d32 in wanted {
            let d = Int(d32)
            c.seek(d, p)
            guard c.isValid else { break }
            guard c.doc == d else { continue }
            let (start, count) = c.positions(p)
            var byte = start
            var position: UInt32 = 0
            var mask: UInt16 = 0
            let before = out.starts.count
            if var m = marks {
                positions.removeAll(keepingCapacity: true)
                for _ in 0..<count {
                    position &+= Varint.read(p.pos, &byte)
                    positions.append(position)
                }
                m.move(to: c.k - c.first, pairs)
                m.read(pairs) { j, code in
                    out.starts.append(positions[j])
                    next.append(code)
                    mask |= 1 &<< UInt16(code)
                }
                marks = m
            } else {
                for i in 0..<count {
                    position &+= Varint.read(p.pos, &byte)
                    out.starts.append(position)
                    if coded {
                        let code = c.code(i, p)
                        next.append(code)
                        mask |= 1 &<< UInt16(code)
                    }
                }
            }
            c.passed(to: byte, count: count)
            if out.starts.count > before {
                out.docs.append(d32)
                out.offsets.append(Int32(out.starts.count))
                masks.append(mask)
            }
        }
        if coded || pair != nil {
            out.next = next
            out.masks = masks
        }
        return out
    }
}

extension WordPairs {
    /// The summary of pair `i` over its first word's blocks `blocks`: the postings where a start
    /// is marked, each with the set of the codes of its marked starts.
    func summary(ofPair i: Int, in index: SearchIndex, blocks: Range<Int>) -> HeadSummary {
        let a = Int(first[i])
        let p = index.pointers
        let firstPosting = Int(p.postStart[a]), end = Int(p.postStart[a + 1]), firstBlock = Int(p.blockStart[a])
        guard !blocks.isEmpty, firstPosting < end else { return HeadSummary(masks: []) }
        let k0 = firstPosting + (blocks.lowerBound - firstBlock) * SearchIndex.blockSize
        let k1 = min(end, firstPosting + (blocks.upperBound - firstBlock) * SearchIndex.blockSize)
        let block = Int(pairBlocks[i]) + blocks.lowerBound - firstBlock
        var mark = Int(blockByte[block]), code = Int(codeBlockByte[block])
        var docByte = Int(p.blockDocByte[blocks.lowerBound])
        var doc = Int(p.blockDoc[blocks.lowerBound])
        var docs: [Int32] = [], masks: [UInt16] = []
        markBlob.withUnsafeBufferPointer { marks in
            codeBlob.withUnsafeBufferPointer { codes in
                for k in k0..<k1 {
                    let v = Varint.read(p.docs, &docByte)
                    if k != k0 { doc &+= Int(v >> 3) }
                    let marked = Self.passMarks(marks, &mark)
                    guard marked > 0 else { continue }
                    docs.append(Int32(doc))
                    masks.append(Searcher.codeSet(codes, at: code, count: marked))
                    code &+= (marked &+ 1) >> 1
                }
            }
        }
        return HeadSummary(docs: docs, masks: masks)
    }

    /// Reads a pair's marks and codes posting by posting (of its first word's), forward within a
    /// block, from a block's start otherwise.
    struct MarkCursor {
        /// The pair's first block.
        let firstBlock: Int
        /// The posting (counted from the first word's first) whose marks start at `mark`, and
        /// whose codes at `code`.
        var k = 0, mark: Int, code: Int

        init(_ pairs: WordPairs, pair: Int) {
            firstBlock = Int(pairs.pairBlocks[pair])
            mark = Int(pairs.blockByte[firstBlock])
            code = Int(pairs.codeBlockByte[firstBlock])
        }

        /// Moves to posting `to`.
        mutating func move(to target: Int, _ pairs: WordPairs) {
            let block = target / SearchIndex.blockSize
            if target < k || block != k / SearchIndex.blockSize {
                k = block * SearchIndex.blockSize
                mark = Int(pairs.blockByte[firstBlock + block])
                code = Int(pairs.codeBlockByte[firstBlock + block])
            }
            pairs.markBlob.withUnsafeBufferPointer { marks in
                while k < target {
                    code += (WordPairs.passMarks(marks, &mark) + 1) >> 1
                    k += 1
                }
            }
        }

        /// Calls `body` with each marked position's number in the current posting and its code,
        /// and moves to the next posting.
        mutating func read(_ pairs: WordPairs, _ body: (Int, UInt8) -> Void) {
            var j = 0, c = 0
            pairs.markBlob.withUnsafeBufferPointer { marks in
                pairs.codeBlob.withUnsafeBufferPointer { codes in
                    while true {
                        let b = marks[mark]
                        mark += 1
                        var bits = b & 0x7F
                        while bits != 0 {
                            body(j + bits.trailingZeroBitCount, WordPairs.code(codes, code, c))
                            bits &= bits - 1
                            c += 1
                        }
                        j += 7
                        if b < 0x80 { break }
                    }
                }
            }
            code += (c + 1) >> 1
            k += 1
        }
    }
}
