import Foundation
import Glibc

/// What a finished process printed, and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// A program started with its stdout and stderr read to the end behind it (so a large output
/// never blocks it), stdin from /dev/null. `finish` waits for it at most `timeout` seconds: a
/// program still running then is killed (with what it started) and `finish` throws.
public final class RunningProcess: @unchecked Sendable {
    public let process: Process
    private let executable: String
    private let exited = DispatchSemaphore(value: 0)
    private let drained = DispatchGroup()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    public init(_ executable: URL, _ args: [String], cwd: URL? = nil, environment: [String: String]? = nil) throws {
        self.executable = ([executable.lastPathComponent] + args).joined(separator: " ")
        process = Process()
        process.executableURL = executable
        process.arguments = args
        if let cwd { process.currentDirectoryURL = cwd }
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            let handle = pipe.fileHandleForReading
            drained.enter()
            Thread { [self] in
                let data = handle.readDataToEndOfFile()
                lock.withLock { if isOut { out = data } else { err = data } }
                drained.leave()
            }.start()
        }
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Sends `sig` to the program (not to what it started).
    public func signal(_ sig: Int32) { kill(pid, sig) }

    /// Waits for the program to end and its output to close, `timeout` seconds at most.
    public func finish(timeout: Double = Processes.defaultTimeout) throws -> ProcessResult {
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            for p in [pid] + Processes.descendants(of: pid) { kill(p, SIGKILL) }
            _ = exited.wait(timeout: .now() + 5)
            _ = drained.wait(timeout: .now() + 5)
            throw TimeoutError("\(executable) did not end within \(timeout) s (killed); output so far:\n\(text(\.out))\nstderr:\n\(text(\.err))")
        }
        // Ended; its output closes with it unless something it started still holds it open.
        if drained.wait(timeout: .now() + 5) == .timedOut {
            for p in Processes.descendants(of: pid) { kill(p, SIGKILL) }
            throw TimeoutError("\(executable) ended but its output stayed open 5 s (a process it started?)")
        }
        return ProcessResult(status: process.terminationStatus, stdout: text(\.out), stderr: text(\.err))
    }

    private func text(_ key: KeyPath<RunningProcess, Data>) -> String {
        lock.withLock { String(decoding: self[keyPath: key], as: UTF8.self) }
    }
}

public enum Processes {
    /// How long a command-line run may take before it is killed and the test fails.
    public static let defaultTimeout: Double = 180

    /// Runs `executable` to the end (`timeout` seconds at most, else it is killed and this throws).
    public static func run(_ executable: URL, _ args: [String], cwd: URL? = nil, environment: [String: String]? = nil,
                           timeout: Double = defaultTimeout) throws -> ProcessResult {
        try RunningProcess(executable, args, cwd: cwd, environment: environment).finish(timeout: timeout)
    }

    /// The processes `pid` started, and theirs (from procfs).
    public static func descendants(of pid: Int32) -> [Int32] {
        var found: [Int32] = []
        var queue = [pid]
        while let p = queue.popLast(), found.count < 10_000 {
            let kids = children(of: p)
            found += kids
            queue += kids
        }
        return found
    }

    /// The processes `pid` started (from procfs).
    public static func children(of pid: Int32) -> [Int32] {
        (procFile("/proc/\(pid)/task/\(pid)/children") ?? "").split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
    }

    /// Whether process `pid` exists and has not ended (a zombie has).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = procFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// A procfs file's text (procfs reports no size, so it is read with read(2)); nil if it is gone.
    public static func procFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
