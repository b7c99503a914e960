import Foundation

/// The varints of the index's byte streams: seven bits a byte, low bits first, the high bit set
/// on every byte but the last.
enum Varint {
    @inline(__always) static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always) static func read(_ blob: UnsafeBufferPointer<UInt8>, _ byte: inout Int) -> UInt32 {
        // Most values take one byte.
        // (Unchecked arithmetic: an offset within a buffer never overflows, and the shift of a
        // value's last byte is at most 28.)
        let first = blob[byte]
        if first < 0x80 {
            byte &+= 1
            return UInt32(first)
        }
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = blob[byte]
            byte &+= 1
            value |= UInt32(b & 0x7F) &<< shift
            if b & 0x80 == 0 { return value }
            shift &+= 7
        }
    }
}

/// The one encoding of positions in `posBlob`: each posting's positions, in order, as deltas from
/// the previous one (the first from 0), each delta a varint. A posting of three positions or more
/// has, before them, its count less three (see `SearchIndex.docBlob`).
enum PositionCodec {
    /// Appends `positions` (ascending) to `bytes`.
    @inline(__always) static func append(_ positions: ArraySlice<UInt32>, to bytes: inout [UInt8]) {
        var prev: UInt32 = 0
        for p in positions {
            Varint.append(p - prev, to: &bytes)
            prev = p
        }
    }

    /// Decodes `count` positions starting at `byte` into `out` (emptied first), leaving `byte`
    /// after them.
    @inline(__always) static func read(_ count: Int, from blob: UnsafeBufferPointer<UInt8>, at byte: inout Int,
                                       into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var p: UInt32 = 0
        for _ in 0..<count {
            p += Varint.read(blob, &byte)
            out.append(p)
        }
    }

    /// Moves `byte` past `count` positions without decoding them: eight bytes at a time while
    /// many are left (a byte with its high bit clear ends a position), then byte by byte.
    @inline(__always) static func skip(_ count: Int, in blob: UnsafeBufferPointer<UInt8>, at byte: inout Int) {
        var n = count
        var b = byte
        if n >= 4, let base = blob.baseAddress {
            let raw = UnsafeRawPointer(base)
            while n > 0, b + 8 <= blob.count {
                let ends = ~UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: b, as: UInt64.self)) & 0x8080_8080_8080_8080
                let found = ends.nonzeroBitCount
                if found >= n {
                    // The n-th end among these eight bytes.
                    var m = ends
                    for _ in 1..<n { m &= m - 1 }
                    b += m.trailingZeroBitCount >> 3 + 1
                    n = 0
                } else {
                    n -= found
                    b += 8
                }
            }
        }
        while n > 0 {
            if blob[b] & 0x80 == 0 { n -= 1 }
            b += 1
        }
        byte = b
    }
}

/// Reading postings. A term's postings are numbered `postStart[t]..<postStart[t + 1]`; their
/// documents and position counts are in `docBlob`, one varint each: the gap from the posting
/// before (from 0 for a term's first), shifted left three bits; in bit 2, whether the posting's
/// impact is its document's usual one (`docImpact`, else the next byte of the term's impacts);
/// in bits 0-1 the count of positions, 3 meaning "3 or more: the rest is in posBlob, just before
/// the positions". Every `blockSize` postings of a term start a block, whose first document and
/// byte offsets in both streams are kept, for lookups by document.
extension SearchIndex {
    static let blockSize = 64

    /// A posting found by document: its number, and its positions' count and offset in posBlob.
    struct PostingRef {
        var k: Int
        var count: Int
        var byte: Int
    }

    /// The posting of term `t` for document `d`, if `d` has the term: a binary search of the
    /// term's blocks, then at most one block decoded.
    @inline(__always) func posting(ofTerm t: Int, doc d: Int) -> PostingRef? {
        let first = Int(blockStart[t]), last = Int(blockStart[t + 1])
        // The first block starting after d; the one before it holds d, if any does.
        var a = first, b = last
        while a < b {
            let mid = (a + b) / 2
            if Int(blockDoc[mid]) <= d { a = mid + 1 } else { b = mid }
        }
        guard a > first else { return nil }
        let block = a - 1
        var k = Int(postStart[t]) + (block - first) * Self.blockSize
        let end = min(k + Self.blockSize, Int(postStart[t + 1]))
        var docByte = Int(blockDocByte[block]), byte = Int(blockPosByte[block])
        var doc = Int(blockDoc[block])
        return docBlob.withUnsafeBufferPointer { docs in
            posBlob.withUnsafeBufferPointer { blob in
                var v = Varint.read(docs, &docByte)
                while true {
                    var count = Int(v & 3)
                    if count == 3 { count += Int(Varint.read(blob, &byte)) }
                    if doc == d { return PostingRef(k: k, count: count, byte: byte) }
                    if doc > d { return nil }
                    PositionCodec.skip(count, in: blob, at: &byte)
                    k += 1
                    if k == end { return nil }
                    v = Varint.read(docs, &docByte)
                    doc += Int(v >> 3)
                }
            }
        }
    }

    /// The positions of a posting found by document, in order.
    @inline(__always) func positions(of ref: PostingRef, into out: inout [UInt32]) {
        var byte = ref.byte
        posBlob.withUnsafeBufferPointer { PositionCodec.read(ref.count, from: $0, at: &byte, into: &out) }
    }

    /// Calls `body` with each posting of term `t`: its document and impact, in order.
    @inline(__always) func forEachPosting(ofTerm t: Int, _ body: (_ doc: Int, _ impact: UInt8) -> Void) {
        let n = Int(postStart[t + 1] - postStart[t])
        var byte = Int(blockDocByte[Int(blockStart[t])])
        var own = Int(impactStart[t])
        var doc = 0
        docBlob.withUnsafeBufferPointer { docs in
            impactBlob.withUnsafeBufferPointer { impacts in
                docImpact.withUnsafeBufferPointer { usual in
                    // Without a branch on bit 2 (a usual impact or one of its own: it is either,
                    // often by turns), so that no guess goes wrong: both are read and one kept.
                    let owned = impacts.count
                    for _ in 0..<n {
                        let v = Varint.read(docs, &byte)
                        doc += Int(v >> 3)
                        // With bit 2, the count (bits 0-1) is 1 or 2: the first or second usual
                        // impact; without, any of the two is read and not kept.
                        let usualOne = usual[2 * doc + Int((v &- 1) & 1)]
                        let ownOne = own < owned ? impacts[own] : 0
                        body(doc, v & 4 != 0 ? usualOne : ownOne)
                        own += Int(~v >> 2 & 1)
                    }
                }
            }
        }
    }

    /// Calls `body` with each document of term `t`, in order.
    @inline(__always) func forEachDoc(ofTerm t: Int, _ body: (_ doc: Int) -> Void) {
        let n = Int(postStart[t + 1] - postStart[t])
        var byte = Int(blockDocByte[Int(blockStart[t])])
        var doc = 0
        docBlob.withUnsafeBufferPointer { docs in
            for _ in 0..<n {
                doc += Int(Varint.read(docs, &byte) >> 3)
                body(doc)
            }
        }
    }

    /// Walks the postings of one term in order, decoding positions only where asked; skipping a
    /// posting costs a scan of its bytes, never a re-scan of earlier ones.
    struct PostingCursor {
        let index: SearchIndex
        var k: Int
        let end: Int
        var docByte: Int
        /// Where the current posting's positions start in posBlob, and how many it has.
        var byte: Int
        var count = 0
        /// The current posting's document.
        var doc = 0

        init(_ index: SearchIndex, term t: Int) {
            self.index = index
            k = Int(index.postStart[t])
            end = Int(index.postStart[t + 1])
            let block = Int(index.blockStart[t])
            docByte = Int(index.blockDocByte[block])
            byte = Int(index.blockPosByte[block])
            if k < end { load() }
        }

        var isValid: Bool { k < end }

        /// Reads the current posting's document and count.
        @inline(__always) mutating func load() {
            let v = index.docBlob.withUnsafeBufferPointer { Varint.read($0, &docByte) }
            doc += Int(v >> 3)
            count = Int(v & 3)
            if count == 3 { count += Int(index.posBlob.withUnsafeBufferPointer { Varint.read($0, &byte) }) }
        }

        /// Moves to the next posting, `byte` being past this one's positions.
        @inline(__always) mutating func advance() {
            k += 1
            if k < end { load() }
        }

        /// Moves to the next posting without decoding this one's positions.
        @inline(__always) mutating func skip() {
            index.posBlob.withUnsafeBufferPointer { PositionCodec.skip(count, in: $0, at: &byte) }
            advance()
        }

        /// Decodes this posting's positions into `out` and moves to the next posting.
        @inline(__always) mutating func take(_ out: inout [UInt32]) {
            index.posBlob.withUnsafeBufferPointer { PositionCodec.read(count, from: $0, at: &byte, into: &out) }
            advance()
        }
    }

    @inline(__always) func addDocs(ofTerm t: Int, to set: inout Bitset) {
        forEachDoc(ofTerm: t) { set.insert($0) }
    }
}

/// One term's postings walked by document through raw pointers (for the hot loops of typed
/// phrases), their positions found only for the documents asked about: a posting's positions
/// are reached from the last ones found, or from the start of its block, so the positions of a
/// block with nothing asked of it are never scanned.
struct LazyPostings {
    let first: Int, end: Int, firstBlock: Int, endBlock: Int
    /// The current posting, its document, and where the next posting's varint starts.
    var k: Int, doc = 0, nextDocByte: Int
    /// A posting whose varint starts at `posDocByte` in docBlob, whose count (if kept there) and
    /// positions start at `posByte` in posBlob, and whose next-word codes start at `posCodeByte`
    /// in codeBlob (for a coded term): at most `k + 1` (after `passed`), and `positions` starts
    /// again from the block's start unless it is at or before `k` in `k`'s block.
    var posK: Int, posDocByte: Int, posByte: Int, posCodeByte = 0
    /// Where the term's blocks' code offsets start in codeBlockByte, if the term is coded.
    let codeBlocks: Int?

    init(_ p: SearchIndex.Pointers, term t: Int) {
        first = Int(p.postStart[t]); end = Int(p.postStart[t + 1])
        firstBlock = Int(p.blockStart[t]); endBlock = Int(p.blockStart[t + 1])
        k = first
        nextDocByte = Int(p.blockDocByte[firstBlock])
        posK = first; posDocByte = nextDocByte; posByte = Int(p.blockPosByte[firstBlock])
        codeBlocks = p.codeBlockStart[t + 1] > p.codeBlockStart[t] ? Int(p.codeBlockStart[t]) : nil
        if let codeBlocks { posCodeByte = Int(p.codeBlockByte[codeBlocks]) }
        if k < end { doc = Int(Varint.read(p.docs, &nextDocByte) >> 3) }
    }

    var isCoded: Bool { codeBlocks != nil }

    var isValid: Bool { k < end }

    @inline(__always) mutating func advance(_ p: SearchIndex.Pointers) {
        k &+= 1
        if k < end { doc &+= Int(Varint.read(p.docs, &nextDocByte) >> 3) }
    }

    /// Moves to the first posting of a document `d` or later: whole blocks are passed by their
    /// first documents, then the block is walked.
    @inline(__always) mutating func seek(_ d: Int, _ p: SearchIndex.Pointers) {
        guard k < end, doc < d else { return }
        let block = firstBlock + (k - first) / SearchIndex.blockSize
        if block + 1 < endBlock, Int(p.blockDoc[block + 1]) <= d {
            // The last block starting at or before d.
            var a = block + 1, b = endBlock
            while a < b {
                let mid = (a + b) / 2
                if Int(p.blockDoc[mid]) <= d { a = mid + 1 } else { b = mid }
            }
            let to = a - 1
            k = first + (to - firstBlock) * SearchIndex.blockSize
            nextDocByte = Int(p.blockDocByte[to])
            _ = Varint.read(p.docs, &nextDocByte)
            doc = Int(p.blockDoc[to])
        }
        while k < end, doc < d { advance(p) }
    }

    /// Where the current posting's positions start in posBlob, and how many there are (its
    /// codes, for a coded term, start at `posCodeByte`).
    @inline(__always) mutating func positions(_ p: SearchIndex.Pointers) -> (byte: Int, count: Int) {
        if posK > k || (k - first) / SearchIndex.blockSize != (posK - first) / SearchIndex.blockSize {
            let block = firstBlock + (k - first) / SearchIndex.blockSize
            posK = first + (block - firstBlock) * SearchIndex.blockSize
            posDocByte = Int(p.blockDocByte[block]); posByte = Int(p.blockPosByte[block])
            if let codeBlocks { posCodeByte = Int(p.codeBlockByte[codeBlocks + block - firstBlock]) }
        }
        while posK < k {
            var count = Int(Varint.read(p.docs, &posDocByte) & 3)
            if count == 3 { count += Int(Varint.read(p.pos, &posByte)) }
            PositionCodec.skip(count, in: p.pos, at: &posByte)
            if codeBlocks != nil { posCodeByte += (count + 1) / 2 }
            posK += 1
        }
        var docByte = posDocByte
        var count = Int(Varint.read(p.docs, &docByte) & 3)
        var byte = posByte
        if count == 3 { count += Int(Varint.read(p.pos, &byte)) }
        return (byte, count)
    }

    /// The next-word code of position `i` of the current posting (a coded term's, after
    /// `positions`).
    @inline(__always) func code(_ i: Int, _ p: SearchIndex.Pointers) -> UInt8 {
        let byte = p.code[posCodeByte + i / 2]
        return i & 1 == 0 ? byte & 15 : byte >> 4
    }

    /// Tells that the current posting's `count` positions end at `byte` (read or skipped to
    /// there), so the next posting's are found from there.
    @inline(__always) mutating func passed(to byte: Int, count: Int) {
        posK = k + 1
        posDocByte = nextDocByte
        posByte = byte
        if codeBlocks != nil { posCodeByte += (count + 1) / 2 }
    }
}

extension SearchIndex {
    /// The posting streams as raw buffers, valid while the index lives (its columns never move).
    struct Pointers: @unchecked Sendable {
        let docs: UnsafeBufferPointer<UInt8>, pos: UnsafeBufferPointer<UInt8>
        let postStart: UnsafeBufferPointer<UInt32>, blockStart: UnsafeBufferPointer<UInt32>
        let blockDoc: UnsafeBufferPointer<UInt32>, blockDocByte: UnsafeBufferPointer<UInt32>
        let blockPosByte: UnsafeBufferPointer<UInt32>
        let code: UnsafeBufferPointer<UInt8>, codeBlockStart: UnsafeBufferPointer<UInt32>
        let codeBlockByte: UnsafeBufferPointer<UInt32>
    }

    var pointers: Pointers {
        Pointers(docs: docBlob.withUnsafeBufferPointer { $0 }, pos: posBlob.withUnsafeBufferPointer { $0 },
                 postStart: postStart.withUnsafeBufferPointer { $0 }, blockStart: blockStart.withUnsafeBufferPointer { $0 },
                 blockDoc: blockDoc.withUnsafeBufferPointer { $0 }, blockDocByte: blockDocByte.withUnsafeBufferPointer { $0 },
                 blockPosByte: blockPosByte.withUnsafeBufferPointer { $0 }, code: codeBlob.withUnsafeBufferPointer { $0 },
                 codeBlockStart: codeBlockStart.withUnsafeBufferPointer { $0 },
                 codeBlockByte: codeBlockByte.withUnsafeBufferPointer { $0 })
    }
}
