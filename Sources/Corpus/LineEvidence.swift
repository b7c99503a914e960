import Foundation

/// Evidence from the whole corpus: on how many pages each line stands. A sidebar teaser recurs
/// on many pages, while a main article's title and body stand on one (two when it was scraped
/// twice). The page parser weighs this against a page's own shape; with a single page every
/// count is one and the shape alone decides.
public struct LineEvidence: Sendable {
    /// Counts sharded by fingerprint, so that workers can build them side by side.
    private let shards: [[UInt64: UInt32]]
    /// Pages counted.
    public let pages: Int

    public static let none = LineEvidence(shards: [[:]], pages: 0)

    init(shards: [[UInt64: UInt32]], pages: Int) {
        self.shards = shards
        self.pages = pages
    }

    /// Lines shorter than this say too little to be counted (a "Go back", a date).
    static let minimumLength = 16

    /// The key of a line: its fingerprint (letters and digits, lower-cased), 0 for a line too
    /// short to count. A date glued to the front is left out.
    static func key(_ line: String) -> UInt64 {
        guard line.utf8.count >= minimumLength else { return 0 }
        let fp = TextTools.leadingDottedDate(line).matched ? TextTools.fingerprint(Substring(line).dropFirst(10)) : TextTools.fingerprint(line)
        // A line with no letter or digit (a rule of underscores, stars) hashes to the empty
        // text's fingerprint: it says nothing and is not counted.
        return fp == TextTools.emptyFingerprint || fp == 0 ? 0 : fp
    }

    /// The key of every line of one page, and its distinct keys (computed as the page is cleaned).
    static func keys(_ lines: [String]) -> (perLine: [UInt64], distinct: [UInt64]) {
        var perLine: [UInt64] = []
        perLine.reserveCapacity(lines.count)
        var seen = Set<UInt64>()
        seen.reserveCapacity(lines.count)
        for l in lines {
            let k = key(l)
            perLine.append(k)
            if k != 0 { seen.insert(k) }
        }
        return (perLine, Array(seen))
    }

    /// Counts the keys of every page on `workers` threads, each owning one shard of the keys.
    static func build(_ pageKeys: [[UInt64]], workers: Int) -> LineEvidence {
        let w = max(1, min(workers, 16))
        let out = UnsafeMutableBufferPointer<[UInt64: UInt32]>.allocate(capacity: w)
        out.initialize(repeating: [:])
        defer { out.deallocate() }
        let box = SendableBox(out)
        pageKeys.withUnsafeBufferPointer { keys in
            let kb = SendableBox(keys)
            DispatchQueue.concurrentPerform(iterations: w) { shard in
                var counts: [UInt64: UInt32] = [:]
                counts.reserveCapacity(kb.value.count * 4 / w)
                for page in kb.value {
                    for k in page where Int(k % UInt64(w)) == shard {
                        counts[k, default: 0] += 1
                    }
                }
                box.value[shard] = counts
            }
        }
        return LineEvidence(shards: Array(out), pages: pageKeys.count)
    }

    /// Builds the evidence for a set of cleaned pages (for `explain` and tests).
    public static func build(_ pages: [CleanPage]) -> LineEvidence {
        build(pages.map { keys($0.lines).distinct }, workers: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// On how many pages the line stands (1 when unknown or too short to count).
    public func count(_ line: String) -> Int {
        count(key: Self.key(line))
    }

    func count(key: UInt64) -> Int {
        guard key != 0, pages > 1 else { return 1 }
        let shard = shards[Int(key % UInt64(shards.count))]
        return max(1, Int(shard[key] ?? 1))
    }
}
