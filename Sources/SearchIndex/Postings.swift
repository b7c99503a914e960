import Foundation

/// The one encoding of positions in `posBlob`: each posting's positions, in order, as deltas from
/// the previous one (the first from 0), each delta a varint (seven bits a byte, low bits first,
/// the high bit set on every byte but the last).
enum PositionCodec {
    /// Appends `positions` (ascending) to `bytes`.
    @inline(__always) static func append(_ positions: ArraySlice<UInt32>, to bytes: inout [UInt8]) {
        var prev: UInt32 = 0
        for p in positions {
            var delta = p - prev
            prev = p
            while delta >= 0x80 {
                bytes.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            bytes.append(UInt8(delta))
        }
    }

    /// Decodes `count` positions starting at `byte` into `out` (emptied first), leaving `byte`
    /// after them.
    @inline(__always) static func read(_ count: Int, from blob: UnsafeBufferPointer<UInt8>, at byte: inout Int,
                                       into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var p: UInt32 = 0
        for _ in 0..<count {
            var delta: UInt32 = 0
            var shift: UInt32 = 0
            while true {
                let b = blob[byte]
                byte += 1
                delta |= UInt32(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            p += delta
            out.append(p)
        }
    }

    /// Moves `byte` past `count` positions without decoding them.
    @inline(__always) static func skip(_ count: Int, in blob: UnsafeBufferPointer<UInt8>, at byte: inout Int) {
        var n = count
        while n > 0 {
            if blob[byte] & 0x80 == 0 { n -= 1 }
            byte += 1
        }
    }
}

/// Reading postings: a term's posting for a document, the positions of a posting, and a cursor
/// over a term's postings.
extension SearchIndex {
    /// How many positions posting `k` has.
    @inline(__always) func positionCount(_ k: Int) -> Int {
        let c = posCount[k]
        return c == 255 ? posCountOverflow[k] ?? 255 : Int(c)
    }

    /// The posting of term `t` for document `d` (a binary search), if `d` has the term.
    @inline(__always) func posting(ofTerm t: Int, doc d: Int) -> Int? {
        var a = Int(postStart[t]), b = Int(postStart[t + 1])
        let end = b
        while a < b {
            let mid = (a + b) / 2
            if Int(postDocs[mid]) < d { a = mid + 1 } else { b = mid }
        }
        return a < end && Int(postDocs[a]) == d ? a : nil
    }

    /// Where the positions of posting `k` start in posBlob.
    @inline(__always) func positionsOffset(ofPosting k: Int) -> Int {
        let base = k - k % Self.skipEvery
        var byte = Int(posSkip[base / Self.skipEvery])
        var skip = 0
        for j in base..<k { skip += positionCount(j) }
        posBlob.withUnsafeBufferPointer { PositionCodec.skip(skip, in: $0, at: &byte) }
        return byte
    }

    /// The positions of posting `k`, in order.
    @inline(__always) func positions(ofPosting k: Int, into out: inout [UInt32]) {
        var byte = positionsOffset(ofPosting: k)
        let count = positionCount(k)
        posBlob.withUnsafeBufferPointer { PositionCodec.read(count, from: $0, at: &byte, into: &out) }
    }

    /// Walks the postings of one term in order, decoding positions only where asked; skipping a
    /// posting costs a scan of its bytes, never a re-scan of earlier ones.
    struct PostingCursor {
        let index: SearchIndex
        var k: Int
        let end: Int
        var byte: Int

        init(_ index: SearchIndex, term t: Int) {
            self.index = index
            k = Int(index.postStart[t])
            end = Int(index.postStart[t + 1])
            byte = Int(index.posStart[t])
        }

        var doc: Int { Int(index.postDocs[k]) }
        var isValid: Bool { k < end }

        /// Moves to the next posting without decoding this one's positions.
        @inline(__always) mutating func skip() {
            let count = index.positionCount(k)
            index.posBlob.withUnsafeBufferPointer { PositionCodec.skip(count, in: $0, at: &byte) }
            k += 1
        }

        /// Decodes this posting's positions into `out` and moves to the next posting.
        @inline(__always) mutating func take(_ out: inout [UInt32]) {
            let count = index.positionCount(k)
            index.posBlob.withUnsafeBufferPointer { PositionCodec.read(count, from: $0, at: &byte, into: &out) }
            k += 1
        }
    }

    @inline(__always) func addDocs(ofTerm t: Int, to set: inout Bitset) {
        for k in Int(postStart[t])..<Int(postStart[t + 1]) { set.insert(Int(postDocs[k])) }
    }
}
