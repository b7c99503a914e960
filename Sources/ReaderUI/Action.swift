import TerminalCore

/// Everything the user can do. Keys map to actions (Keymap); `update` performs them.
public enum Action: Sendable, Hashable {
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case open, back, quit, toggleFocus, help
    case nextQuestion, previousQuestion
    case searchStart, searchNext, searchPrevious
    case input(Character), inputBackspace, inputSubmit, inputCancel
    case inputLeft, inputRight, inputHome, inputEnd, inputDelete, inputDeleteWord, inputDeleteToStart
    case historyPrevious, historyNext
    case filters, clearFilters, toggleValue
    case timeline, cycleKinds, collapseSeries, nextYear, previousYear
    case toggleRead, toggleStar
    case redraw, interrupt
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int), wheelUp(x: Int, y: Int), wheelDown(x: Int, y: Int)
    case loaded(LoadedArticles)
    case progress(done: Int, total: Int, articles: Int)
    /// A line for the status bar from the loading thread (a cache that cannot be written).
    case note(String)
}

import Corpus
import SearchIndex

/// Articles handed to the reader when loading finishes (compared by identity).
public struct LoadedArticles: Sendable, Hashable {
    public let articles: [Article]
    public let origin: String
    /// The search index, when the loader built it (else the reader builds it).
    public let index: SearchIndex?
    /// A line for the status bar (what a refresh changed), if any.
    public let message: String?
    let token: Int

    public init(_ articles: [Article], origin: String, index: SearchIndex? = nil, message: String? = nil) {
        self.articles = articles
        self.origin = origin
        self.index = index
        self.message = message
        token = articles.count &* 31 &+ origin.hashValue &+ (message?.hashValue ?? 0)
    }

    public static func == (a: LoadedArticles, b: LoadedArticles) -> Bool { a.token == b.token && a.articles.count == b.articles.count }
    public func hash(into h: inout Hasher) { h.combine(token) }
}

/// Where an action applies, for the help screen and the keymap.
public enum Context: String, Sendable, CaseIterable {
    case everywhere = "Everywhere"
    case list = "List and detail"
    case pager = "Reading (pager)"
    case filters = "Filter panel"
    case timeline = "Timeline"
    case input = "Search line"
}

/// One row of the action table: the action, its keys as shown, and its help text.
public struct ActionInfo: Sendable {
    public var action: Action
    public var context: Context
    public var keys: [Key]
    public var keyNames: String
    public var help: String
}

/// The one table of actions: the keymap and the help screen are generated from it.
public enum ActionTable {
    public static let all: [ActionInfo] = [
        ActionInfo(action: .down, context: .everywhere, keys: [.down, .char("j")], keyNames: "↓ j", help: "next line / article"),
        ActionInfo(action: .up, context: .everywhere, keys: [.up, .char("k")], keyNames: "↑ k", help: "previous line / article"),
        ActionInfo(action: .pageDown, context: .everywhere, keys: [.pageDown, .char(" ")], keyNames: "PgDn Space", help: "one page down"),
        ActionInfo(action: .pageUp, context: .everywhere, keys: [.pageUp, .char("b")], keyNames: "PgUp b", help: "one page up"),
        ActionInfo(action: .halfPageDown, context: .everywhere, keys: [.ctrl("d")], keyNames: "Ctrl-D", help: "half a page down"),
        ActionInfo(action: .halfPageUp, context: .everywhere, keys: [.ctrl("u")], keyNames: "Ctrl-U", help: "half a page up"),
        ActionInfo(action: .top, context: .everywhere, keys: [.home, .char("g")], keyNames: "Home g", help: "first"),
        ActionInfo(action: .bottom, context: .everywhere, keys: [.end, .char("G")], keyNames: "End G", help: "last"),
        ActionInfo(action: .help, context: .everywhere, keys: [.char("?"), .function(1)], keyNames: "? F1", help: "this help"),
        ActionInfo(action: .redraw, context: .everywhere, keys: [.ctrl("l")], keyNames: "Ctrl-L", help: "redraw the screen"),
        ActionInfo(action: .interrupt, context: .everywhere, keys: [.ctrl("c")], keyNames: "Ctrl-C", help: "cancel the line being typed, else quit"),
        ActionInfo(action: .open, context: .list, keys: [.enter, .char("l"), .right], keyNames: "Enter l →", help: "read the article"),
        ActionInfo(action: .toggleFocus, context: .list, keys: [.tab, .backTab], keyNames: "Tab", help: "move focus between list and detail"),
        ActionInfo(action: .searchStart, context: .list, keys: [.char("/")], keyNames: "/", help: "search as you type (query language: see README)"),
        ActionInfo(action: .filters, context: .list, keys: [.char("f")], keyNames: "f", help: "filters: facets with live counts"),
        ActionInfo(action: .clearFilters, context: .list, keys: [.char("F")], keyNames: "F", help: "clear all filters"),
        ActionInfo(action: .timeline, context: .list, keys: [.char("t")], keyNames: "t", help: "timeline of exercises and meetings"),
        ActionInfo(action: .back, context: .list, keys: [.escape], keyNames: "Esc", help: "clear the search"),
        ActionInfo(action: .toggleRead, context: .list, keys: [.char("u")], keyNames: "u", help: "mark read / unread (is:unread finds the unread)"),
        ActionInfo(action: .toggleStar, context: .list, keys: [.char("s")], keyNames: "s", help: "star / unstar (is:starred)"),
        ActionInfo(action: .quit, context: .list, keys: [.char("q")], keyNames: "q", help: "quit"),
        ActionInfo(action: .back, context: .pager, keys: [.char("q"), .escape, .char("h"), .left], keyNames: "q Esc h ←", help: "back to the list"),
        ActionInfo(action: .nextQuestion, context: .pager, keys: [.char("]")], keyNames: "]", help: "next question (interviews)"),
        ActionInfo(action: .previousQuestion, context: .pager, keys: [.char("[")], keyNames: "[", help: "previous question"),
        ActionInfo(action: .searchStart, context: .pager, keys: [.char("/")], keyNames: "/", help: "search in the article"),
        ActionInfo(action: .searchNext, context: .pager, keys: [.char("n")], keyNames: "n", help: "next match"),
        ActionInfo(action: .searchPrevious, context: .pager, keys: [.char("N")], keyNames: "N", help: "previous match"),
        ActionInfo(action: .toggleValue, context: .filters, keys: [.char(" "), .enter], keyNames: "Space Enter", help: "turn a value on or off"),
        ActionInfo(action: .clearFilters, context: .filters, keys: [.char("F")], keyNames: "F", help: "clear all filters"),
        ActionInfo(action: .toggleFocus, context: .filters, keys: [.tab], keyNames: "Tab", help: "next facet"),
        ActionInfo(action: .back, context: .filters, keys: [.char("f"), .char("q"), .escape], keyNames: "f q Esc", help: "close the panel"),
        ActionInfo(action: .open, context: .timeline, keys: [.enter, .char("l"), .right], keyNames: "Enter l →", help: "read the event's article"),
        ActionInfo(action: .nextYear, context: .timeline, keys: [.char("]")], keyNames: "]", help: "next year"),
        ActionInfo(action: .previousYear, context: .timeline, keys: [.char("[")], keyNames: "[", help: "previous year"),
        ActionInfo(action: .cycleKinds, context: .timeline, keys: [.char("e")], keyNames: "e", help: "exercises and meetings / exercises / meetings"),
        ActionInfo(action: .collapseSeries, context: .timeline, keys: [.char("c")], keyNames: "c", help: "collapse exercise series to one row"),
        ActionInfo(action: .back, context: .timeline, keys: [.char("q"), .escape, .char("t"), .char("h"), .left], keyNames: "q Esc t", help: "back to the list"),
        ActionInfo(action: .inputSubmit, context: .input, keys: [.enter], keyNames: "Enter", help: "keep the results"),
        ActionInfo(action: .inputCancel, context: .input, keys: [.escape], keyNames: "Esc", help: "cancel (the view as before /)"),
        ActionInfo(action: .inputLeft, context: .input, keys: [.left], keyNames: "← →", help: "move the cursor"),
        ActionInfo(action: .inputRight, context: .input, keys: [.right], keyNames: "", help: ""),
        ActionInfo(action: .inputHome, context: .input, keys: [.home, .ctrl("a")], keyNames: "Home Ctrl-A", help: "start of the line"),
        ActionInfo(action: .inputEnd, context: .input, keys: [.end, .ctrl("e")], keyNames: "End Ctrl-E", help: "end of the line"),
        ActionInfo(action: .inputBackspace, context: .input, keys: [.backspace], keyNames: "Backspace", help: "delete before the cursor"),
        ActionInfo(action: .inputDelete, context: .input, keys: [.delete], keyNames: "Delete", help: "delete at the cursor"),
        ActionInfo(action: .inputDeleteWord, context: .input, keys: [.ctrl("w")], keyNames: "Ctrl-W", help: "delete a word"),
        ActionInfo(action: .inputDeleteToStart, context: .input, keys: [.ctrl("u")], keyNames: "Ctrl-U", help: "delete to the start"),
        ActionInfo(action: .historyPrevious, context: .input, keys: [.up], keyNames: "↑ ↓", help: "earlier and later searches"),
        ActionInfo(action: .historyNext, context: .input, keys: [.down], keyNames: "", help: ""),
        ActionInfo(action: .interrupt, context: .input, keys: [.ctrl("c")], keyNames: "Ctrl-C", help: "cancel"),
    ]
}

/// Key → action, per context, falling back to the keys that work everywhere.
public struct Keymap: Sendable {
    var bindings: [Context: [Key: Action]] = [:]

    public init(_ table: [ActionInfo] = ActionTable.all) {
        for info in table {
            for key in info.keys { bindings[info.context, default: [:]][key] = info.action }
        }
    }

    public func action(for key: Key, in context: Context) -> Action? {
        if context == .input {
            if let a = bindings[.input]?[key] { return a }
            if case .char(let c) = key { return .input(c) }
            return nil
        }
        return bindings[context]?[key] ?? bindings[.everywhere]?[key]
    }
}
