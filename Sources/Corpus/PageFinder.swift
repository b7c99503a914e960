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
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        } catch {
            found.warnings.append(LoadWarning(file: dir, line: nil, message: "cannot read folder: \(reason(errno))"))
            return
        }
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        for name in names {
            let path = base + name
            var est = stat()
            guard stat(path, &est) == 0 else {
                found.warnings.append(LoadWarning(file: path, line: nil, message: "cannot read: \(reason(errno))"))
                continue
            }
            switch est.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, &found, &visited)
            case S_IFREG:
                if name.lowercased().hasSuffix(".txt") {
                    found.pages.append(PageInput(name: path, path: path, stamp: FileStamp(est)))
                } else {
                    found.ignored.append(path)
                }
            default:
                found.ignored.append(path)
            }
        }
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
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
