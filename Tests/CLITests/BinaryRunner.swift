import Foundation
import ReaderTestSupport

/// Runs the built `csto-reader` binary, as a user would.
enum Binary {
    static let productsDir = Products.directory

    static var reader: URL { productsDir.appendingPathComponent("csto-reader") }
    static var bench: URL { productsDir.appendingPathComponent("reader-bench") }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], cwd: URL? = nil, env: [String: String]? = nil) throws -> Result {
        try run(reader, args, cwd: cwd, env: env)
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    static func run(_ executable: URL, _ args: [String], cwd: URL? = nil, env: [String: String]? = nil) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        // Never the user's own reading state.
        var environment = env ?? ProcessInfo.processInfo.environment
        if environment["XDG_STATE_HOME"] == nil { environment["XDG_STATE_HOME"] = stateHome }
        // Nor the user's own cache.
        if environment["XDG_CACHE_HOME"] == nil { environment["XDG_CACHE_HOME"] = cacheHome }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    static func json(_ r: Result) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }
}

func tempDir() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csto-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let stateHome: String = {
    registerCleanup()
    return FileManager.default.temporaryDirectory.appendingPathComponent("csto-cli-state-\(getpid())").path
}()
let cacheHome: String = {
    registerCleanup()
    return FileManager.default.temporaryDirectory.appendingPathComponent("csto-cli-cache-\(getpid())").path
}()

/// The state and cache folders of this test process are removed when it ends.
private let cleanupRegistered: Void = {
    atexit {
        let tmp = FileManager.default.temporaryDirectory
        for name in ["csto-cli-state-\(getpid())", "csto-cli-cache-\(getpid())"] {
            try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
        }
    }
}()

func registerCleanup() { _ = cleanupRegistered }

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
