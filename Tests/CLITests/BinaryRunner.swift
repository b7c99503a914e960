import Foundation
import ReaderTestSupport

/// Runs the built `csto-reader` binary, as a user would.
enum Binary {
    static let productsDir = Products.directory

    static var reader: URL { productsDir.appendingPathComponent("csto-reader") }
    static var bench: URL { productsDir.appendingPathComponent("reader-bench") }

    typealias Result = ProcessResult

    static func run(_ args: [String], cwd: URL? = nil, env: [String: String]? = nil, timeout: Double = Processes.defaultTimeout) throws -> Result {
        try run(reader, args, cwd: cwd, env: env, timeout: timeout)
    }

    /// Runs `executable` to the end, stdin from /dev/null, both outputs read; a run longer than
    /// `timeout` seconds is killed and throws.
    static func run(_ executable: URL, _ args: [String], cwd: URL? = nil, env: [String: String]? = nil,
                    timeout: Double = Processes.defaultTimeout) throws -> Result {
        try Processes.run(executable, args, cwd: cwd, environment: isolated(env), timeout: timeout)
    }

    /// Starts `executable` without waiting for it (for tests that signal it or run several at once).
    static func start(_ executable: URL, _ args: [String], env: [String: String]? = nil) throws -> RunningProcess {
        try RunningProcess(executable, args, environment: isolated(env))
    }

    /// The environment given (else this process's), never with the user's own reading state,
    /// cache or configuration.
    static func isolated(_ env: [String: String]?) -> [String: String] {
        var environment = env ?? ProcessInfo.processInfo.environment
        if environment["XDG_STATE_HOME"] == nil { environment["XDG_STATE_HOME"] = stateHome }
        if environment["XDG_CACHE_HOME"] == nil { environment["XDG_CACHE_HOME"] = cacheHome }
        if environment["XDG_CONFIG_HOME"] == nil { environment["XDG_CONFIG_HOME"] = configHome }
        return environment
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
/// An empty folder: no configuration file.
let configHome: String = {
    registerCleanup()
    return FileManager.default.temporaryDirectory.appendingPathComponent("csto-cli-config-\(getpid())").path
}()

/// The state, cache and config folders of this test process are removed when it ends.
private let cleanupRegistered: Void = {
    atexit {
        let tmp = FileManager.default.temporaryDirectory
        for name in ["csto-cli-state-\(getpid())", "csto-cli-cache-\(getpid())", "csto-cli-config-\(getpid())"] {
            try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
        }
    }
}()

func registerCleanup() { _ = cleanupRegistered }

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
