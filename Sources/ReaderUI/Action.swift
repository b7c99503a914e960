import TerminalCore

/// Everything the user can do. Keys map to actions (Keymap); `update` performs them.
public enum Action: Sendable, Hashable {
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case open, back, quit, toggleFocus, help
    case nextQuestion, previousQuestion
    case searchStart, searchNext, searchPrevious
    case input(Character), inputBackspace, inputSubmit, inputCancel
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int), wheelUp(x: Int, y: Int), wheelDown(x: Int, y: Int)
    case loaded(LoadedArticles)
    case progress(done: Int, total: Int, articles: Int)
}

import Corpus

/// Articles handed to the reader when loading finishes (compared by identity).
public struct LoadedArticles: Sendable, Hashable {
    public let articles: [Article]
    public let origin: String
    let token: Int

    public init(_ articles: [Article], origin: String) {
        self.articles = articles
        self.origin = origin
        token = articles.count &* 31 &+ origin.hashValue
    }

    public static func == (a: LoadedArticles, b: LoadedArticles) -> Bool { a.token == b.token && a.articles.count == b.articles.count }
    public func hash(into h: inout Hasher) { h.combine(token) }
}

/// Where an action applies, for the help screen and the keymap.
public enum Context: String, Sendable, CaseIterable {
    case everywhere = "Everywhere"
    case list = "List and detail"
    case pager = "Reading (pager)"
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
        ActionInfo(action: .open, context: .list, keys: [.enter, .char("l"), .right], keyNames: "Enter l →", help: "read the article"),
        ActionInfo(action: .toggleFocus, context: .list, keys: [.tab, .backTab], keyNames: "Tab", help: "move focus between list and detail"),
        ActionInfo(action: .quit, context: .list, keys: [.char("q")], keyNames: "q", help: "quit"),
        ActionInfo(action: .back, context: .pager, keys: [.char("q"), .escape, .char("h"), .left], keyNames: "q Esc h ←", help: "back to the list"),
        ActionInfo(action: .nextQuestion, context: .pager, keys: [.char("]")], keyNames: "]", help: "next question (interviews)"),
        ActionInfo(action: .previousQuestion, context: .pager, keys: [.char("[")], keyNames: "[", help: "previous question"),
        ActionInfo(action: .searchStart, context: .pager, keys: [.char("/")], keyNames: "/", help: "search in the article"),
        ActionInfo(action: .searchNext, context: .pager, keys: [.char("n")], keyNames: "n", help: "next match"),
        ActionInfo(action: .searchPrevious, context: .pager, keys: [.char("N")], keyNames: "N", help: "previous match"),
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
        bindings[context]?[key] ?? bindings[.everywhere]?[key]
    }
}
