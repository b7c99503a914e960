import TerminalCore

/// What a screen did with an action.
public enum Outcome: Sendable {
    /// Done.
    case handled
    /// Not one of this screen's: the shared actions of `update` get it (as tig's views do).
    case unhandled
    /// Done, and the screen closes.
    case close
    /// Done, and a new screen opens on top.
    case push(any Screen)
}

/// One screen of the reader: its own state, the actions it takes, how it draws. `AppState`
/// keeps a stack of them; the top one gets the keys.
public protocol Screen: Sendable {
    /// The keys it reads (and its part of the help).
    var context: Context { get }
    /// Drawn over the screen below it (the filter panel, the help, the search line), rather than
    /// a whole screen of its own.
    var isOverlay: Bool { get }
    /// Whether the results' query and filters apply from here (`/`, `f`, `F`, `o`).
    var showsResults: Bool { get }
    /// A line being typed: it draws the status row itself and takes Ctrl-C (to cancel).
    var isLineEditor: Bool { get }

    /// Takes an action. The screen is off the stack meanwhile: what it changes of the app is
    /// the data, not the stack (it returns `push` or `close` for that); what it hands to the
    /// screen below goes through `AppState.forward`.
    mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome
    /// The results, the marks or the window changed: recompute what is derived from them.
    mutating func refresh(_ app: AppState)
    /// Draws into `area` (the rows between the header and the status line).
    func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme)
    /// The left part of the status line (a position, a count).
    func status(_ app: AppState) -> String
    /// Whether the status line offers an action now (the pager offers `]` only in interviews).
    func offers(_ action: Action, _ app: AppState) -> Bool
    /// Work left that is done a slice at a time between keys (`.work`), so that no key waits
    /// for all of it (sorting every occurrence of a word).
    var hasPendingWork: Bool { get }
    /// Does one slice of that work.
    mutating func work(_ app: AppState)
}

extension Screen {
    public var isOverlay: Bool { false }
    public var showsResults: Bool { false }
    public var isLineEditor: Bool { false }
    public mutating func refresh(_ app: AppState) {}
    public func status(_ app: AppState) -> String { "" }
    public func offers(_ action: Action, _ app: AppState) -> Bool { true }
    public var hasPendingWork: Bool { false }
    public mutating func work(_ app: AppState) {}
}
