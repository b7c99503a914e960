import ReaderTestSupport
import Testing
/// Reading the list off a captured screen.
enum ListScreen {
    /// The list's rows (dated or undated articles) below the header.
    static func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .filter { $0.count > 11 && $0.prefix(4).allSatisfy(\.isNumber) || $0.hasPrefix("undated") }.map(String.init)
    }
}

/// Starts the reader on the built-in corpus and waits for its list.
func startReader(_ w: Int = 120, _ h: Int = 40, env: [String: String] = [:]) throws -> Tmux {
    let t = try Tmux(width: w, height: h, command: Tmux.reader, env: env)
    try t.wait { $0.contains("15 articles") && $0.contains("1/15") }
    return t
}

/// The last line with text: the status line.
func statusLine(_ screen: String) -> String {
    String(screen.split(separator: "\n", omittingEmptySubsequences: false).last { !$0.isEmpty } ?? "")
}
