import Foundation

/// Finds the built executables for tests that run them as a user would.
public enum Products {
    /// The folder holding the built products: the one the test bundle was built into, else
    /// `.build/debug` at the package root.
    public static let directory: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            root.appendingPathComponent(".build/debug"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.appendingPathComponent("csto-reader").path) {
            return c
        }
        return candidates.last!
    }()

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
}
