import Foundation

/// Work split over the cores, each part answering into a slot of its own (no slot has two
/// writers, and nothing else is written).
enum Threads {
    /// `body(0)`, …, `body(count - 1)` run side by side (`concurrentPerform`); their answers in order.
    /// `body` is not `@Sendable`, so the compiler does not check it: it must only read what is
    /// shared (the index, buffers nobody writes) and write what is its own part's.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        var out = [T?](repeating: nil, count: count)
        out.withUnsafeMutableBufferPointer { buffer in
            withoutActuallyEscaping(body) { body in
                // The parts read what they are given and write their own slot only.
                nonisolated(unsafe) let slots = buffer, work = body
                DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = work($0) }
            }
        }
        return out.map { $0! }
    }
}
