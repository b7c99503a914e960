/// Reading the list off a captured screen.
enum ListScreen {
    /// The list's rows (dated or undated articles) below the header.
    static func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .filter { $0.count > 11 && $0.prefix(4).allSatisfy(\.isNumber) || $0.hasPrefix("undated") }.map(String.init)
    }
}
