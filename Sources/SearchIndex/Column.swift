import Foundation

/// A read-only array of plain values: memory of its own, or a part of a memory-mapped cache file
/// (then nothing is copied when the index is opened). Reads are bounds-checked like an array's.
public struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable, ExpressibleByArrayLiteral {
    @usableFromInline let base: UnsafePointer<Element>?
    public let count: Int
    /// Keeps the memory alive: the owned buffer, or the mapped file.
    let owner: AnyObject?

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable @inline(__always) public subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "column index out of range")
        return base.unsafelyUnwrapped[i]
    }

    /// A copy of `array`.
    public init(_ array: [Element]) {
        count = array.count
        guard !array.isEmpty else { base = nil; owner = nil; return }
        let buffer = ColumnBuffer(bytes: array.count * MemoryLayout<Element>.stride, alignment: MemoryLayout<Element>.alignment)
        array.withUnsafeBytes { buffer.pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        base = UnsafePointer(buffer.pointer.assumingMemoryBound(to: Element.self))
        owner = buffer
    }

    public init(arrayLiteral elements: Element...) { self.init(elements) }

    /// `count` values at `pointer`, kept alive by `owner` (a mapped file). The pointer must be
    /// aligned for `Element`.
    public init(mapped pointer: UnsafeRawPointer, count: Int, owner: AnyObject) {
        precondition(Int(bitPattern: pointer) % MemoryLayout<Element>.alignment == 0, "misaligned column")
        self.count = count
        base = count == 0 ? nil : pointer.assumingMemoryBound(to: Element.self)
        self.owner = owner
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The raw bytes, for writing the column to a cache file.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base.map(UnsafeRawPointer.init), count: count * MemoryLayout<Element>.stride))
    }
}

final class ColumnBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(bytes: Int, alignment: Int) {
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: max(8, alignment))
    }
    deinit { pointer.deallocate() }
}
