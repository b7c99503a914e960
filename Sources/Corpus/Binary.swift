import Foundation

/// Appends values to a byte buffer: fixed-width little-endian integers, varints, strings and
/// raw arrays. The cache files are written with it.
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func double(_ v: Double) { u64(v.bitPattern) }

    public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            varint(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }

    public mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    public mutating func strings(_ list: [String]) {
        varint(UInt64(list.count))
        for s in list { string(s) }
    }

    /// A count, then the values' bytes as they are in memory (read back with one copy).
    public mutating func raw<T: BitwiseCopyable>(_ values: [T]) {
        varint(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Pads with zeros to a multiple of `alignment`.
    public mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}

/// Something a cache file holds that does not read as what was written.
public struct DamagedData: Error, CustomStringConvertible {
    public var what: String
    public init(_ what: String) { self.what = what }
    public var description: String { "damaged data: \(what)" }
}

/// Reads what `ByteWriter` wrote, from memory it does not own; every read is checked against
/// the end, so damaged data throws and never reads out of bounds.
public struct ByteReader {
    public let base: UnsafeRawPointer
    public let count: Int
    public var offset = 0

    public init(_ buffer: UnsafeRawBufferPointer) {
        base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
        count = buffer.count
    }

    public var atEnd: Bool { offset >= count }

    @inline(__always) mutating func need(_ n: Int) throws(DamagedData) {
        guard n >= 0, n <= count - offset else { throw DamagedData("read past the end") }
    }

    public mutating func u8() throws(DamagedData) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    public mutating func u32() throws(DamagedData) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    public mutating func u64() throws(DamagedData) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) public mutating func varint() throws(DamagedData) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < count else { throw DamagedData("read past the end") }
            let b = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
            guard shift < 64 else { throw DamagedData("a number too long") }
        }
    }

    /// A non-negative number that is not a count of what follows (a line, a size).
    public mutating func value() throws(DamagedData) -> Int {
        let v = try varint()
        guard v <= UInt64(Int.max) else { throw DamagedData("a number too large") }
        return Int(v)
    }

    /// A count, checked against what is left (each item takes at least `minimumSize` bytes).
    public mutating func count(minimumSize: Int = 1) throws(DamagedData) -> Int {
        let n = try varint()
        guard n <= UInt64(count - offset) / UInt64(max(1, minimumSize)) + 1 else { throw DamagedData("a count too large") }
        return Int(n)
    }

    public mutating func double() throws(DamagedData) -> Double { Double(bitPattern: try u64()) }

    public mutating func bool() throws(DamagedData) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw DamagedData("not a flag")
        }
    }

    public mutating func string() throws(DamagedData) -> String {
        let n = try count()
        try need(n)
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(start: base + offset, count: n), as: UTF8.self)
    }

    public mutating func optionalString() throws(DamagedData) -> String? {
        try bool() ? try string() : nil
    }

    public mutating func strings() throws(DamagedData) -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    public mutating func raw<T: BitwiseCopyable>(_ type: T.Type) throws(DamagedData) -> [T] {
        let n = try count(minimumSize: MemoryLayout<T>.stride)
        let size = n * MemoryLayout<T>.stride
        try need(size)
        defer { offset += size }
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: base + offset, byteCount: size)
            initialized = n
        }
    }
}

/// A fast 64-bit checksum of a byte range (four lanes of multiply-rotate, eight bytes at a
/// time): a damaged or truncated part of a cache file is found at open.
public enum Checksum {
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var s = Stream()
        let whole = bytes.count / 32 * 32
        s.update(UnsafeRawBufferPointer(rebasing: bytes[0..<whole]))
        return s.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[whole...]))
    }

    /// The same checksum over pieces fed in order: whole 32-byte blocks to `update`, what is
    /// left at the end to `finish`.
    public struct Stream {
        static let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var a: UInt64 = 0x2545_F491_4F6C_DD1D, b: UInt64 = 0x1F12_3BB5_159A_55E5
        var c: UInt64 = 0x6A09_E667_F3BC_C908, d: UInt64 = 0xBB67_AE85_84CA_A73B
        var length = 0

        public init() {}

        @inline(__always) static func round(_ acc: UInt64, _ v: UInt64) -> UInt64 {
            var x = acc &+ v &* p2
            x = (x << 31) | (x >> 33)
            return x &* p1
        }

        /// Feeds `bytes`, a multiple of 32 bytes long.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            precondition(bytes.count % 32 == 0, "whole blocks only")
            length += bytes.count
            guard let base = bytes.baseAddress else { return }
            var i = 0
            let n = bytes.count
            var a = self.a, b = self.b, c = self.c, d = self.d
            while i < n {
                a = Self.round(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                b = Self.round(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                c = Self.round(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                d = Self.round(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            self.a = a; self.b = b; self.c = c; self.d = d
        }

        /// The checksum, with the last bytes (fewer than 32).
        public func finish(tail: UnsafeRawBufferPointer) -> UInt64 {
            let p1 = Self.p1, p2 = Self.p2
            var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
            h ^= UInt64(length + tail.count) &* p1
            for byte in tail {
                h = (h ^ UInt64(byte)) &* p1
                h = (h << 23) | (h >> 41)
            }
            h ^= h >> 33
            h = h &* p2
            h ^= h >> 29
            return h
        }
    }
}
