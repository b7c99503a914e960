/// How the list and detail are laid out, and how the results are ordered (the config file's
/// `[layout]`).

/// How the results are ordered.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Best matches first (then the other matches, newest first); newest first without a query.
    case relevance
    /// Newest first, whatever the query.
    case date
}

/// The list and detail layout: the list's share of the width side by side, and whether the
/// detail pane shows at all.
public struct Layout: Sendable, Equatable {
    public var listPercent: Int
    public var showDetail: Bool

    public init(listPercent: Int = 55, showDetail: Bool = true) {
        self.listPercent = max(20, min(80, listPercent))
        self.showDetail = showDetail
    }
}
