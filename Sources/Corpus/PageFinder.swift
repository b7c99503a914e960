import Foundation

/// Expands the paths a user gave into pages: files as given, folders recursively (`*.txt`),
/// following symbolic links but never the same folder twice (a folder linked into itself).
public enum PageFinder {
    public struct Found: Sendable {
        public var pages: [PageInput] = []
        public var ignored: [String] = []
        public var warnings: [LoadWarning] = []
    }

    public static func find(_ paths: [String]) throws(CorpusError) -> Found {
        var found = Found()
        var visited = Set<[UInt64]>()
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else {
                if lstat(path, &st) == 0 {
                    found.warnings.append(LoadWarning(file: path, line: nil, message: "broken link, skipped"))
                    continue
                }
                throw .pathNotFound(path)
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, &found, &visited)
            case S_IFREG:
                found.pages.append(PageInput(name: path, path: path, stamp: FileStamp(st)))
            default:
                // A FIFO would block and a device never ends: only regular files are read.
                found.warnings.append(LoadWarning(file: path, line: nil, message: "not a regular file (a pipe or device), skipped"))
                found.ignored.append(path)
            }
        }
        return found
    }

    private static func walk(_ dir: String, _ found: inout Found, _ visited: inout Set<[UInt64]>) {
        var st = stat()
        guard stat(dir, &st) == 0 else { return }
        guard visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else {
            found.warnings.append(LoadWarning(file: dir, line: nil, message: "folder already read (a link loop?), skipped"))
            return
        }
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        guard fd >= 0, let handle = fdopendir(fd) else {
            let code = errno
            if fd >= 0 { close(fd) }
            found.warnings.append(LoadWarning(file: dir, line: nil, message: "cannot read folder: \(reason(code))"))
            return
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        // In byte order (the order of code points): the same on every run and machine. Sorted
        // by each name's first eight bytes, then whole names where those tie: comparing Strings
        // one by one costs more than the stat calls at 100,000 pages.
        let keys: [UInt64] = names.map { n in
            var k: UInt64 = 0
            var i = 0
            for b in n.utf8.prefix(8) { k |= UInt64(b) << (56 - 8 * i); i += 1 }
            return k
        }
        let order = names.indices.sorted { i, j in
            if keys[i] != keys[j] { return keys[i] < keys[j] }
            return names[i].utf8.lexicographicallyPrecedes(names[j].utf8)
        }
        names = order.map { names[$0] }
        // Each name is looked up from the folder (no full path to walk again), on every core:
        // at 100,000 pages the stat calls are most of a warm start.
        let stats = statAll(dirfd(handle), names)
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        for (name, result) in zip(names, stats) {
            let path = base + name
            guard let est = result.stat else {
                found.warnings.append(LoadWarning(file: path, line: nil, message: "cannot read: \(reason(result.error))"))
                continue
            }
            switch est.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, &found, &visited)
            case S_IFREG:
                if isText(name) {
                    found.pages.append(PageInput(name: path, path: path, stamp: FileStamp(est)))
                } else {
                    found.ignored.append(path)
                }
            default:
                found.ignored.append(path)
            }
        }
    }

    /// True for `*.txt` in any case (without making a lower-cased copy of every name).
    static func isText(_ name: String) -> Bool {
        let u = name.utf8
        guard u.count >= 4 else { return false }
        let tail = u.suffix(4)
        var i = tail.startIndex
        for want in [UInt8(ascii: "."), UInt8(ascii: "t"), UInt8(ascii: "x"), UInt8(ascii: "t")] {
            let c = tail[i]
            let lower = c >= 65 && c <= 90 ? c + 32 : c
            if lower != want { return false }
            i = tail.index(after: i)
        }
        return true
    }

    /// `stat` (following links) of every name in a folder, in parallel for large folders.
    private static func statAll(_ dirFD: Int32, _ names: [String]) -> [StatResult] {
        let n = names.count
        var out = [StatResult](repeating: StatResult(stat: nil, error: 0), count: n)
        let workers = n < 2048 ? 1 : max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        out.withUnsafeMutableBufferPointer { buffer in
            let box = StatBox(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w
                while i < n {
                    var st = stat()
                    if fstatat(dirFD, names[i], &st, 0) == 0 {
                        box.buffer[i] = StatResult(stat: st, error: 0)
                    } else {
                        box.buffer[i] = StatResult(stat: nil, error: errno)
                    }
                    i += workers
                }
            }
        }
        return out
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Hands the result slots to the stat workers, each writing its own.
final class StatBox: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<StatResult>
    init(_ buffer: UnsafeMutableBufferPointer<StatResult>) { self.buffer = buffer }
}

struct StatResult {
    var stat: stat?
    var error: Int32
}

/// Reads a whole file with plain system calls; a clear reason on failure.
enum FileReader {
    static func read(_ path: String) -> Result<[UInt8], LoadWarning> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            return .failure(LoadWarning(file: path, line: nil, message: "cannot open: \(PageFinder.reason(errno)), skipped"))
        }
        defer { close(fd) }
        var st = stat()
        var capacity = 64 * 1024
        if fstat(fd, &st) == 0, st.st_size > 0 { capacity = Int(st.st_size) + 1 }
        var bytes = [UInt8](repeating: 0, count: capacity)
        var used = 0
        while true {
            if used == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc.read(fd, buf.baseAddress! + used, buf.count - used)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(LoadWarning(file: path, line: nil, message: "cannot read: \(PageFinder.reason(errno)), skipped"))
            }
            if n == 0 { break }
            used += n
        }
        bytes.removeSubrange(used...)
        return .success(bytes)
    }
}
