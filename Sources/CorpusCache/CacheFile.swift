import Corpus
import Foundation
import SearchIndex

/// The container of a cache file: a header naming the format version, the build of the program
/// that wrote it and the set of pages it is for, then named sections, each 64-byte aligned and
/// with a checksum of its own.
///
///     0   "CSTOCACH"                     magic
///     8   u32 format version
///     12  u32 length of the directory
///     16  u64 checksum of the directory
///     24  directory: build, key, section count, then per section: name, offset, length, checksum
///     ... sections
///
/// A file is written under a temporary name and renamed into place, so a reader sees a whole
/// file or none; a truncated, damaged or foreign file fails `CacheImage.open` with a reason.
enum CacheFormat {
    static let magic: [UInt8] = Array("CSTOCACH".utf8)
    /// Bumped whenever what is written changes meaning.
    static let version: UInt32 = 6
    static let alignment = 64
}

/// A cache file being made: its sections, in memory or borrowed from columns.
struct CacheWriter: IndexSink {
    /// A section's bytes, with whatever keeps them alive.
    struct Section {
        var name: String
        var write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
        var length: Int
    }

    private(set) var sections: [Section] = []

    mutating func add(_ name: String, _ bytes: [UInt8]) {
        sections.append(Section(name: name, write: { body in try bytes.withUnsafeBytes { try body($0) } }, length: bytes.count))
    }

    mutating func column<T: BitwiseCopyable>(_ name: String, _ column: Column<T>) {
        sections.append(Section(name: "index/" + name, write: { body in try column.withUnsafeBytes { try body($0) } },
                                length: column.count * MemoryLayout<T>.stride))
    }

    mutating func blob(_ name: String, _ bytes: [UInt8]) { add("index/" + name, bytes) }

    /// Writes the file at `path` through a temporary file in the same folder, fsync and rename.
    func write(to path: String, build: String, key: String) throws {
        // Checksums first: the directory goes before the sections.
        var sums: [UInt64] = []
        for s in sections { try s.write { sums.append(Checksum.of($0)) } }
        func directory(_ offsets: [Int]) -> [UInt8] {
            var w = ByteWriter()
            w.string(build)
            w.string(key)
            w.varint(UInt64(sections.count))
            for (i, s) in sections.enumerated() {
                w.string(s.name)
                w.u64(UInt64(offsets[i]))
                w.u64(UInt64(s.length))
                w.u64(sums[i])
            }
            return w.bytes
        }
        func padded(_ n: Int) -> Int { (n + CacheFormat.alignment - 1) / CacheFormat.alignment * CacheFormat.alignment }
        // The directory's length does not depend on the offsets' values (fixed-width), so lay out once.
        let dirLength = directory([Int](repeating: 0, count: sections.count)).count
        var offsets: [Int] = []
        var at = padded(24 + dirLength)
        for s in sections {
            offsets.append(at)
            at = padded(at + s.length)
        }
        let dir = directory(offsets)
        var head = ByteWriter()
        head.bytes += CacheFormat.magic
        head.u32(CacheFormat.version)
        head.u32(UInt32(dir.count))
        head.u64(dir.withUnsafeBytes { Checksum.of($0) })
        head.bytes += dir
        head.align(CacheFormat.alignment)

        let folder = (path as NSString).deletingLastPathComponent
        let tmp = folder + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CacheError.cannotWrite(folder, String(cString: strerror(errno))) }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(tmp) }
        }
        var written = 0
        func put(_ raw: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CacheError.cannotWrite(folder, String(cString: strerror(errno)))
                }
                done += n
            }
            written += raw.count
        }
        let zeros = [UInt8](repeating: 0, count: CacheFormat.alignment)
        try head.bytes.withUnsafeBytes { try put($0) }
        for (i, s) in sections.enumerated() {
            precondition(written == offsets[i])
            try s.write { raw in if raw.count > 0 { try put(raw) } }
            let pad = padded(written) - written
            if pad > 0 { try zeros.withUnsafeBytes { try put(UnsafeRawBufferPointer(rebasing: $0[0..<pad])) } }
        }
        guard fsync(fd) == 0 else { throw CacheError.cannotWrite(folder, String(cString: strerror(errno))) }
        guard rename(tmp, path) == 0 else { throw CacheError.cannotWrite(folder, String(cString: strerror(errno))) }
        ok = true
    }
}

enum CacheError: Error, CustomStringConvertible {
    case cannotWrite(String, String)
    case unusable(String)

    var description: String {
        switch self {
        case .cannotWrite(let folder, let why): return "cannot write the cache in \(folder): \(why)"
        case .unusable(let why): return why
        }
    }
}

/// A cache file mapped into memory, read-only; unmapped when the last article or index column
/// that reads from it goes.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int
    /// Kept open: the checksums are read from this very file, even if a newer one is renamed
    /// into its place meanwhile.
    let fd: Int32

    init(path: String) throws(CacheError) {
        // Non-blocking: a FIFO put in the cache's place must not hang the reader.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unusable("cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .unusable("not a regular file")
        }
        size = Int(st.st_size)
        guard size >= 24 else {
            close(fd)
            throw .unusable("truncated: \(size) bytes")
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            close(fd)
            throw .unusable("cannot map: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(p)
        self.fd = fd
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
        close(fd)
    }
}

/// An open cache file: its directory checked, its sections found and their checksums verified.
struct CacheImage: IndexSource {
    let file: MappedFile
    let build: String
    let key: String
    struct Entry { var offset: Int; var length: Int; var checksum: UInt64 }
    let entries: [String: Entry]

    /// Opens and checks the file: magic, format version, build, key, every section's bounds and
    /// checksum (on every core). Throws a one-line reason when any of it fails.
    static func open(path: String, build: String, key: String, verify: Bool = true) throws(CacheError) -> CacheImage {
        let file = try MappedFile(path: path)
        var r = ByteReader(UnsafeRawBufferPointer(start: file.base, count: file.size))
        do {
            for m in CacheFormat.magic where try r.u8() != m { throw CacheError.unusable("not a csto-reader cache") }
            let version = try r.u32()
            guard version == CacheFormat.version else { throw CacheError.unusable("format \(version), this version reads \(CacheFormat.version)") }
            let dirLength = Int(try r.u32())
            let sum = try r.u64()
            guard dirLength <= file.size - 24 else { throw CacheError.unusable("truncated") }
            let dir = UnsafeRawBufferPointer(start: file.base + 24, count: dirLength)
            guard Checksum.of(dir) == sum else { throw CacheError.unusable("damaged (directory checksum)") }
            var d = ByteReader(dir)
            let fileBuild = try d.string()
            guard fileBuild == build else { throw CacheError.unusable("written by another build of csto-reader") }
            let fileKey = try d.string()
            guard fileKey == key else { throw CacheError.unusable("made for other pages") }
            var entries: [String: Entry] = [:]
            for _ in 0..<(try d.count()) {
                let name = try d.string()
                let offset = Int(clamping: try d.u64()), length = Int(clamping: try d.u64()), checksum = try d.u64()
                guard offset >= 0, length >= 0, offset <= file.size, length <= file.size - offset else {
                    throw CacheError.unusable("truncated: section \(name) ends past the end of the file")
                }
                guard offset % CacheFormat.alignment == 0 else { throw CacheError.unusable("damaged (section \(name) misplaced)") }
                entries[name] = Entry(offset: offset, length: length, checksum: checksum)
            }
            let image = CacheImage(file: file, build: fileBuild, key: fileKey, entries: entries)
            if verify { try image.verify(entries.keys.filter { !lazySections.contains($0) }) }
            return image
        } catch let e as CacheError {
            throw e
        } catch {
            throw .unusable("damaged (\(error))")
        }
    }

    /// Sections checked when they are first used, not at open: the page records (read by a
    /// refresh only).
    static let lazySections: Set<String> = ["pages.records"]

    /// Checks the checksums of `names`, the largest first, on every core. The file is read with
    /// `pread` into a small buffer, so checking does not make the mapped file resident.
    func verify(_ names: [String]) throws(CacheError) {
        let list = names.compactMap { n in entries[n].map { (n, $0) } }.sorted { $0.1.length > $1.1.length }
        let fd = file.fd
        let bad = BadList()
        let next = BadList()
        let workers = min(list.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let size = 1 << 20
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
            defer { buffer.deallocate() }
            while let i = next.take(list.count) {
                let (name, e) = list[i]
                var stream = Checksum.Stream()
                var done = 0
                var ok = true
                while done < e.length {
                    let want = min(size, e.length - done)
                    var got = 0
                    while got < want {
                        let n = pread(fd, buffer.baseAddress! + got, want - got, off_t(e.offset + done + got))
                        if n < 0, errno == EINTR { continue }
                        if n <= 0 { ok = false; break }
                        got += n
                    }
                    guard ok else { break }
                    done += want
                    if done < e.length {
                        stream.update(UnsafeRawBufferPointer(rebasing: buffer[0..<want]))
                    } else {
                        let whole = want / 32 * 32
                        stream.update(UnsafeRawBufferPointer(rebasing: buffer[0..<whole]))
                        if stream.finish(tail: UnsafeRawBufferPointer(rebasing: buffer[whole..<want])) != e.checksum { ok = false }
                    }
                }
                if e.length == 0, stream.finish(tail: UnsafeRawBufferPointer(start: nil, count: 0)) != e.checksum { ok = false }
                if !ok { bad.add(name) }
            }
        }
        if let first = bad.first { throw .unusable("damaged (checksum of \(first))") }
    }

    /// Checks one section kept for later (`lazySections`), from the mapping.
    func verifyNow(_ name: String) throws {
        guard let e = entries[name] else { throw DamagedData("no section \(name)") }
        if Checksum.of(UnsafeRawBufferPointer(start: file.base + e.offset, count: e.length)) != e.checksum {
            throw DamagedData("checksum of \(name)")
        }
    }

    func bytes(_ name: String) throws -> UnsafeRawBufferPointer {
        guard let e = entries[name] else { throw DamagedData("no section \(name)") }
        return UnsafeRawBufferPointer(start: file.base + e.offset, count: e.length)
    }

    func reader(_ name: String) throws -> ByteReader { ByteReader(try bytes(name)) }

    /// An index column (`IndexSource`): the section `index/NAME`.
    func column<T: BitwiseCopyable>(_ name: String, _ type: T.Type) throws -> Column<T> {
        try plainColumn("index/" + name, type)
    }

    func plainColumn<T: BitwiseCopyable>(_ name: String, _ type: T.Type) throws -> Column<T> {
        let raw = try bytes(name)
        guard raw.count % MemoryLayout<T>.stride == 0 else { throw DamagedData("section \(name) of a wrong size") }
        return Column(mapped: raw.baseAddress ?? file.base, count: raw.count / MemoryLayout<T>.stride, owner: file)
    }

    func blob<R>(_ name: String, _ body: (inout ByteReader) throws -> R) throws -> R {
        var r = try reader("index/" + name)
        return try body(&r)
    }
}

final class BadList: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []
    private var counter = 0
    /// The next index below `limit` to work on, nil when all are taken.
    func take(_ limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard counter < limit else { return nil }
        counter += 1
        return counter - 1
    }
    func add(_ n: String) { lock.lock(); names.append(n); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return names.sorted().first }
}
