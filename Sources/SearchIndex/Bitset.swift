/// A fixed-size set of document numbers.
public struct Bitset: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public let count: Int

    public init(count: Int, full: Bool = false) {
        self.count = count
        words = [UInt64](repeating: full ? ~0 : 0, count: (count + 63) >> 6)
        if full, count & 63 != 0 { words[words.count - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    /// A set of `count` documents from its words (read back from a cache).
    init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
    }

    /// The words, to be written in place (by several threads, each owning whole words).
    mutating func withUnsafeMutableWords<R>(_ body: (UnsafeMutablePointer<UInt64>) throws -> R) rethrows -> R {
        try words.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }

    @inline(__always) public func contains(_ i: Int) -> Bool {
        words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always) public mutating func insert(_ i: Int) {
        words[i >> 6] |= 1 << UInt64(i & 63)
    }

    @inline(__always) public mutating func remove(_ i: Int) {
        words[i >> 6] &= ~(1 << UInt64(i & 63))
    }

    public mutating func formIntersection(_ o: Bitset) {
        words.withUnsafeMutableBufferPointer { w in
            o.words.withUnsafeBufferPointer { ow in
                for k in w.indices { w[k] &= ow[k] }
            }
        }
    }

    public mutating func formUnion(_ o: Bitset) {
        words.withUnsafeMutableBufferPointer { w in
            o.words.withUnsafeBufferPointer { ow in
                for k in w.indices { w[k] |= ow[k] }
            }
        }
    }

    public mutating func subtract(_ o: Bitset) {
        words.withUnsafeMutableBufferPointer { w in
            o.words.withUnsafeBufferPointer { ow in
                for k in w.indices { w[k] &= ~ow[k] }
            }
        }
    }

    /// How many documents are in one of the two sets but not in both.
    public func differences(from o: Bitset) -> Int {
        precondition(count == o.count, "sets of different sizes")
        var n = 0
        words.withUnsafeBufferPointer { w in
            o.words.withUnsafeBufferPointer { ow in
                for k in w.indices { n += (w[k] ^ ow[k]).nonzeroBitCount }
            }
        }
        return n
    }

    /// Whether every member is one of `o`'s (of the same count).
    public func isSubset(of o: Bitset) -> Bool {
        precondition(words.count == o.words.count, "sets of different counts")
        return zip(words, o.words).allSatisfy { $0 & ~$1 == 0 }
    }

    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Calls `body` for every member, in increasing order.
    @inline(__always) public func forEach(_ body: (Int) -> Void) {
        for (k, var w) in words.enumerated() {
            while w != 0 {
                let bit = w.trailingZeroBitCount
                body(k << 6 | bit)
                w &= w - 1
            }
        }
    }

    /// `forEach` over the members in words `range` only (documents `64 * range.lowerBound` up to
    /// `64 * range.upperBound`).
    @inline(__always) func forEach(inWords range: Range<Int>, _ body: (Int) -> Void) {
        words.withUnsafeBufferPointer { words in
            for k in range {
                var w = words[k]
                while w != 0 {
                    body(k << 6 | w.trailingZeroBitCount)
                    w &= w &- 1
                }
            }
        }
    }

    public var members: [Int] {
        var out: [Int] = []
        out.reserveCapacity(cardinality)
        forEach { out.append($0) }
        return out
    }

    public var byteSize: Int { words.count * 8 }
}
