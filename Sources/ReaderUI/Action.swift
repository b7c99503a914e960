import Corpus
import ReadingState
import SearchIndex
import TerminalCore

/// Everything the user can do, and the messages from outside the terminal. Keys map to actions
/// through the keymap (built from `ActionTable`); `update` performs them.
public enum Action: Sendable, Equatable {
    // Moving (every list-like screen, through its scroll cursor).
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case open, back, quit, toggleFocus, help
    // The results (from every screen that shows them).
    case searchStart, filters, clearFilters, toggleSort, timeline
    // List and detail.
    case toggleRead, toggleStar, widerList, narrowerList, toggleDetail
    // Pager.
    case nextQuestion, previousQuestion, nextArticle, previousArticle, searchNext, searchPrevious
    // Filter panel.
    case toggleValue, nextFacet, expand, fold
    // Timeline.
    case cycleKinds, collapseSeries, nextYear, previousYear
    // The workbench: its screens, and acting on articles and results.
    case entities, concordance, trend, related, savedSearches
    case tag, editNote, saveSearch, markAllRead, undoMarkAll, export, exportStarred, pipe, copyID
    case cycleEntityType, cycleOrder, versus, deleteSaved
    // The line being typed.
    case input(Character), inputBackspace, inputSubmit, inputCancel, complete
    case inputLeft, inputRight, inputHome, inputEnd, inputDelete, inputDeleteWord, inputDeleteToStart
    case historyPrevious, historyNext
    /// What a closing search line hands to the screen below: the pager's find text.
    case find(String)
    /// The filter panel's narrowing text, as it is typed.
    case narrow(String)
    /// The trend's second query, from its prompt.
    case versusQuery(String)
    case redraw, interrupt
    /// A slice of the screens' pending work (sent by the run loop while no key waits).
    case work
    // From the terminal and the loading thread.
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int), wheelUp(x: Int, y: Int), wheelDown(x: Int, y: Int)
    case loaded(LoadedArticles)
    case progress(done: Int, total: Int, articles: Int)
    /// A line for the status bar (a cache that cannot be written, a damaged state file).
    case note(String)
    /// The editor closed on a note: its text (empty: the note is removed).
    case noteEdited(article: String, text: String)
    /// The marks and last session read from the state store: the session's query and
    /// selection come back.
    case restore(ReadingState)
    /// A signal ends the reader: keep the session as it is.
    case hangUp
}

/// Articles handed to the reader when loading finishes. Two are equal when they are the same
/// hand-over (identity), which is what the run loop compares.
public struct LoadedArticles: Sendable, Equatable {
    public let articles: [Article]
    public let origin: String
    /// The search index, when the loader built it (else the reader builds it).
    public let index: SearchIndex?
    /// A line for the status bar (what a refresh changed), if any.
    public let message: String?
    private let identity: Identity

    private final class Identity: Sendable {}

    public init(_ articles: [Article], origin: String, index: SearchIndex? = nil, message: String? = nil) {
        self.articles = articles
        self.origin = origin
        self.index = index
        self.message = message
        identity = Identity()
    }

    public static func == (a: LoadedArticles, b: LoadedArticles) -> Bool { a.identity === b.identity }
}

/// Where a key is read: one per screen, and `global` for the keys every screen falls back to.
public enum Context: String, Sendable, CaseIterable {
    case global, list, pager, timeline, filters, help, search, entities, concordance, trend, related, saved

    /// The heading in the help screen.
    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .list: return "List and detail"
        case .pager: return "Reading (pager)"
        case .timeline: return "Timeline"
        case .filters: return "Filter panel"
        case .help: return "Help"
        case .search: return "Search line"
        case .entities: return "Entities"
        case .concordance: return "Keyword in context"
        case .trend: return "Trend"
        case .related: return "Related articles"
        case .saved: return "Saved searches"
        }
    }
}
