import Foundation

/// The commonest pairs of coded words (`of the`, `collective security`, `council of`): for each
/// posting of the pair's first word, which of its positions the second word follows, and the
/// next-word code of the word after the second there (DECISIONS 37).
///
/// The marks of a posting are its positions as bits, seven a byte (low bits first), the high bit
/// set on every byte but the last: a posting of `count` positions takes ceil(count / 7) bytes, and
/// is read without its count. The codes of the positions marked follow in `codeBlob`, two a byte
/// (the low half first), ceil(marked / 2) bytes a posting. Both start afresh at each block of the
/// first word's postings (`blockByte`, `codeBlockByte`), so halves of them are read side by side.
///
/// After one word, a completion kept as a pair with it decides the pair's documents without a
/// position read (the other completions are still checked); a head that is a pair is its first
/// word's starts that the marks tell, no position of the second word decoded (`starts`), or,
/// cold, its documents and codes from the marks and codes alone (`summary(ofPair:)`).
struct WordPairs {
    /// Pair `i` is the terms `first[i]`, `second[i]`.
    var first: Column<UInt32> = []
    var second: Column<UInt32> = []
    /// Pair `i`'s blocks (one for each of its first word's blocks) are
    /// `pairBlocks[i]..<pairBlocks[i + 1]`; each block's marks start at `blockByte`, its codes at
    /// `codeBlockByte`.
    var pairBlocks: Column<UInt32> = [0]
    var blockByte: Column<UInt32> = []
    var codeBlockByte: Column<UInt32> = []
    var markBlob: Column<UInt8> = []
    var codeBlob: Column<UInt8> = []
    /// Pair numbers by their terms (`key`), made when the pairs are set.
    private(set) var numbers: [UInt64: Int] = [:]

    var count: Int { first.count }

    @inline(__always) static func key(_ a: Int, _ b: Int) -> UInt64 { UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) }

    /// The number of the pair `a b`, if kept.
    @inline(__always) func number(_ a: Int, _ b: Int) -> Int? { numbers.isEmpty ? nil : numbers[Self.key(a, b)] }

    mutating func indexNumbers() {
        numbers = [:]
        for i in 0..<count { numbers[Self.key(Int(first[i]), Int(second[i]))] = i }
    }

    /// The bytes of pairs of these sizes.
    static func bytes(pairs: Int, blocks: Int, marks: Int, codes: Int) -> Int { pairs * 12 + 4 + blocks * 8 + marks + codes }

    var byteSize: Int { Self.bytes(pairs: count, blocks: blockByte.count, marks: markBlob.count, codes: codeBlob.count) }

    /// Moves `mark` past one posting's marks; how many positions they mark.
    @inline(__always) static func passMarks(_ marks: UnsafeBufferPointer<UInt8>, _ mark: inout Int) -> Int {
        var marked = 0
        while true {
            let b = marks[mark]
            mark &+= 1
            marked &+= (b & 0x7F).nonzeroBitCount
            if b < 0x80 { return marked }
        }
    }

    /// Code `c` of the codes starting at byte `base` (two a byte, the first in the low half).
    @inline(__always) static func code(_ codes: UnsafeBufferPointer<UInt8>, _ base: Int, _ c: Int) -> UInt8 {
        (codes[base &+ (c >> 1)] >> UInt8(truncatingIfNeeded: (c & 1) << 2)) & 15
    }

    /// Calls `body` with each document of pair `i` (where its second word follows its first), in
    /// order: the first word's documents walked with their marks.
    func forEachDoc(ofPair i: Int, in index: SearchIndex, _ body: (Int) -> Void) {
        let a = Int(first[i])
        let n = Int(index.postStart[a + 1] - index.postStart[a])
        guard n > 0 else { return }
        var byte = Int(index.blockDocByte[Int(index.blockStart[a])])
        var mark = Int(blockByte[Int(pairBlocks[i])])
        var doc = 0
        index.docBlob.withUnsafeBufferPointer { docs in
            markBlob.withUnsafeBufferPointer { marks in
                for _ in 0..<n {
                    doc &+= Int(Varint.read(docs, &byte) >> 3)
                    if Self.passMarks(marks, &mark) > 0 { body(doc) }
                }
            }
        }
    }

    /// The starts of `base` (every position of pair `i`'s first word, as `occurrences` gathers a
    /// head of that word alone) that pair `i` marks, with the codes of the word after its second:
    /// the occurrences of the pair as a head. Rows `rows` only (they start at a block).
    func starts(ofPair i: Int, from base: PhraseOccurrences, rows: Range<Int>) -> PhraseOccurrences {
        precondition(rows.lowerBound % SearchIndex.blockSize == 0, "rows start at a block")
        guard !rows.isEmpty else { return PhraseOccurrences(next: [], masks: []) }
        let block = Int(pairBlocks[i]) + rows.lowerBound / SearchIndex.blockSize
        var mark = Int(blockByte[block]), code = Int(codeBlockByte[block])
        let capacity = Int(base.offsets[rows.upperBound] - base.offsets[rows.lowerBound])
        var docs: [Int32] = [], offsets: [Int32] = [0], masks: [UInt16] = []
        docs.reserveCapacity(rows.count)
        offsets.reserveCapacity(rows.count + 1)
        masks.reserveCapacity(rows.count)
        var kept = 0
        var next = [UInt8]()
        let starts = [UInt32](unsafeUninitializedCapacity: max(1, capacity)) { out, written in
            next = [UInt8](unsafeUninitializedCapacity: max(1, capacity)) { nextOut, nextWritten in
                markBlob.withUnsafeBufferPointer { marks in
                    codeBlob.withUnsafeBufferPointer { codes in
                        base.docs.withUnsafeBufferPointer { baseDocs in
                            base.offsets.withUnsafeBufferPointer { baseOffsets in
                                base.starts.withUnsafeBufferPointer { baseStarts in
                                    for r in rows {
                                        // Position `a + j` of the row is marked by bit j of a byte.
                                        var a = Int(baseOffsets[r])
                                        let end = Int(baseOffsets[r &+ 1])
                                        let before = kept
                                        var mask: UInt16 = 0
                                        var c = 0
                                        while true {
                                            let b = marks[mark]
                                            mark &+= 1
                                            var bits = b & 0x7F
                                            while bits != 0 {
                                                out[kept] = baseStarts[a &+ bits.trailingZeroBitCount]
                                                bits &= bits &- 1
                                                let nibble = Self.code(codes, code, c)
                                                nextOut[kept] = nibble
                                                mask |= 1 &<< UInt16(nibble)
                                                c &+= 1
                                                kept &+= 1
                                            }
                                            a &+= 7
                                            if b < 0x80 { break }
                                        }
                                        precondition(a >= end && a < end + 7, "pair marks out of step with their word's positions")
                                        code &+= (c &+ 1) >> 1
                                        if kept > before {
                                            docs.append(baseDocs[r])
                                            offsets.append(Int32(kept))
                                            masks.append(mask)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                nextWritten = kept
            }
            written = kept
        }
        return PhraseOccurrences(docs: docs, offsets: offsets, starts: starts, next: next, masks: masks)
    }

    /// Writes pairs one after the other.
    struct Builder {
        var first: [UInt32] = [], second: [UInt32] = []
        var pairBlocks: [UInt32] = [0], blockByte: [UInt32] = [], codeBlockByte: [UInt32] = []
        var marks: [UInt8] = [], codes: [UInt8] = []

        var byteSize: Int { WordPairs.bytes(pairs: first.count, blocks: blockByte.count, marks: marks.count, codes: codes.count) }

        /// Appends pair `a b`, from every position of `a` (`base`, one row a posting) and the
        /// occurrences of the phrase `a b` with the codes of the word after `b`.
        mutating func add(_ a: Int, _ b: Int, base: PhraseOccurrences, pair occ: PhraseOccurrences) {
            let next = occ.next!
            first.append(UInt32(a)); second.append(UInt32(b))
            var row = 0
            for r in 0..<base.count {
                if r % SearchIndex.blockSize == 0 {
                    blockByte.append(UInt32(marks.count))
                    codeBlockByte.append(UInt32(codes.count))
                }
                let positions = base.starts[Int(base.offsets[r])..<Int(base.offsets[r + 1])]
                var marked: ArraySlice<UInt32> = []
                var markedCodes: ArraySlice<UInt8> = []
                if row < occ.count, occ.docs[row] == base.docs[r] {
                    marked = occ.starts[Int(occ.offsets[row])..<Int(occ.offsets[row + 1])]
                    markedCodes = next[Int(occ.offsets[row])..<Int(occ.offsets[row + 1])]
                    row += 1
                }
                // The positions as bits, seven a byte.
                var m = marked.startIndex
                var bits: UInt8 = 0
                for (j, p) in positions.enumerated() {
                    if m < marked.endIndex, marked[m] == p {
                        bits |= 1 << UInt8(j % 7)
                        m += 1
                    }
                    if j % 7 == 6 || j == positions.count - 1 {
                        marks.append(bits | (j == positions.count - 1 ? 0 : 0x80))
                        bits = 0
                    }
                }
                precondition(m == marked.endIndex, "a pair's start that is not its first word's")
                var c = markedCodes.startIndex
                while c < markedCodes.endIndex {
                    codes.append(markedCodes[c] | (c + 1 < markedCodes.endIndex ? markedCodes[c + 1] << 4 : 0))
                    c += 2
                }
            }
            precondition(row == occ.count, "a pair's document that is not its first word's")
            pairBlocks.append(UInt32(blockByte.count))
        }

        /// Appends the pairs of `other`, after these.
        mutating func append(_ other: Builder) {
            let (markShift, codeShift, blockShift) = (UInt32(marks.count), UInt32(codes.count), UInt32(blockByte.count))
            first += other.first; second += other.second
            pairBlocks += other.pairBlocks.dropFirst().map { $0 + blockShift }
            blockByte += other.blockByte.map { $0 + markShift }
            codeBlockByte += other.codeBlockByte.map { $0 + codeShift }
            marks += other.marks; codes += other.codes
        }

        var pairs: WordPairs {
            var p = WordPairs()
            p.first = Column(first); p.second = Column(second); p.pairBlocks = Column(pairBlocks)
            p.blockByte = Column(blockByte); p.codeBlockByte = Column(codeBlockByte)
            p.markBlob = Column(marks); p.codeBlob = Column(codes)
            p.indexNumbers()
            return p
        }
    }
}

extension SearchIndex {
    /// The share of the positions' bytes the pairs may take (a twentieth).
    static let pairBudgetShare = 20
    /// At most this many pairs.
    static let pairsAtMost = 64
    /// About this many documents' pairs are counted to rank them.
    static let pairSample = 4_096

    /// Chooses and builds the pairs: those of two coded words, most frequent first (by their
    /// counts in every `sampleStride`-th document, `counts`), while their bytes stay within
    /// `1 / pairBudgetShare` of the positions'. Tells the pairs chosen.
    func buildPairs(counts: [UInt64: Int], sampleStride: Int) -> String {
        func coded(_ t: Int) -> Bool { codeBlockStart[t + 1] > codeBlockStart[t] }
        let candidates = counts.filter { key, count in
            count >= 2 && coded(Int(key >> 32)) && coded(Int(key & 0xFFFF_FFFF))
        }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.pairsAtMost)
        let budget = posBlob.count / max(1, pairBudgetShare)
        let p = pointers
        // Chosen by their bytes foreseen: a byte for seven positions of the first word (about
        // six bytes of its positions) and one a posting, and half a byte for each time the pair
        // stands (as sampled).
        var picked: [(a: Int, b: Int)] = []
        var foreseen = 0
        for (key, sampled) in candidates {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            let firstBlock = Int(blockStart[a]), endBlock = Int(blockStart[a + 1])
            let positionBytes = (endBlock < blockPosByte.count ? Int(blockPosByte[endBlock]) : posBlob.count) - Int(blockPosByte[firstBlock])
            let bytes = WordPairs.bytes(pairs: 1, blocks: endBlock - firstBlock, marks: Int(postStart[a + 1] - postStart[a]) + positionBytes / 6,
                                        codes: sampled * sampleStride / 2)
            guard foreseen + bytes <= budget else { break }
            foreseen += bytes
            picked.append((a, b))
        }
        // Each first word's positions gathered once and its pairs written from them, a word at a
        // time on each core (its positions dropped when its pairs are written); then the pairs
        // joined in the order they were picked, while they fit.
        let firstWords = Array(Set(picked.map(\.a))).sorted()
        var written = [[Int: WordPairs.Builder]](repeating: [:], count: firstWords.count)
        written.withUnsafeMutableBufferPointer { out in
            let box = PairBox(out)
            let chosen = picked
            DispatchQueue.concurrentPerform(iterations: firstWords.count) { w in
                let a = firstWords[w]
                let occA = Searcher.positions(p, term: a, minus: 0, blocks: Int(blockStart[a])..<Int(blockStart[a + 1]))
                var pairs: [Int: WordPairs.Builder] = [:]
                for (first, b) in chosen where first == a {
                    let occ = Searcher.extend(p, occA, rows: 0..<occA.count, with: b, at: 1, codes: true,
                                              want: termBytes(b).first.map(NextWord.code))
                    guard occ.count > 0, occ.next != nil else { continue }
                    var one = WordPairs.Builder()
                    one.add(a, b, base: occA, pair: occ)
                    pairs[b] = one
                }
                box.written[w] = pairs
            }
        }
        let byWord = Dictionary(uniqueKeysWithValues: zip(firstWords, written))
        var builder = WordPairs.Builder()
        var told: [String] = []
        for (a, b) in picked {
            guard let one = byWord[a]?[b] else { continue }
            guard builder.byteSize + one.byteSize <= budget else { break }
            builder.append(one)
            told.append("\(termText(a)) \(termText(b))")
        }
        pairs = builder.pairs
        return told.joined(separator: ", ")
    }
}

/// Hands the first words' slots to the workers, each writing only its own.
final class PairBox: @unchecked Sendable {
    let written: UnsafeMutableBufferPointer<[Int: WordPairs.Builder]>
    init(_ written: UnsafeMutableBufferPointer<[Int: WordPairs.Builder]>) { self.written = written }
}
