import TerminalCore

/// One row of the action table: the action, the screen it belongs to, its name (what the
/// config file rebinds), its default keys, its help text, and its word on the status line
/// (nil: not shown there).
public struct ActionInfo: Sendable {
    public var action: Action
    public var context: Context
    public var name: String
    public var keys: [Key]
    public var help: String
    public var hint: String?

    init(_ action: Action, _ context: Context, _ name: String, _ keys: [Key], _ help: String, hint: String? = nil) {
        self.action = action
        self.context = context
        self.name = name
        self.keys = keys
        self.help = help
        self.hint = hint
    }
}

/// The one table of actions: the keymap, the help screen and every status-line hint are
/// generated from it (and from the config file's rebindings), never typed by hand.
public enum ActionTable {
    public static let all: [ActionInfo] = [
        // Everywhere (a screen that does not take a key leaves it to these).
        ActionInfo(.down, .global, "down", [.down, .char("j")], "next line / item"),
        ActionInfo(.up, .global, "up", [.up, .char("k")], "previous line / item"),
        ActionInfo(.pageDown, .global, "page-down", [.pageDown, .char(" ")], "one page down"),
        ActionInfo(.pageUp, .global, "page-up", [.pageUp, .char("b")], "one page up"),
        ActionInfo(.halfPageDown, .global, "half-page-down", [.ctrl("d")], "half a page down"),
        ActionInfo(.halfPageUp, .global, "half-page-up", [.ctrl("u")], "half a page up"),
        ActionInfo(.top, .global, "top", [.home, .char("g")], "first"),
        ActionInfo(.bottom, .global, "bottom", [.end, .char("G")], "last"),
        ActionInfo(.help, .global, "show-help", [.char("?"), .function(1)], "this help", hint: "help"),
        ActionInfo(.searchStart, .global, "query", [.char("/")], "search as you type (syntax: csto-reader search --help)", hint: "search"),
        ActionInfo(.filters, .global, "filter-panel", [.char("f")], "filters: facets with live counts", hint: "filters"),
        ActionInfo(.clearFilters, .global, "clear-filters", [.char("F")], "clear all filters"),
        ActionInfo(.toggleSort, .global, "sort", [.char("o")], "sort by relevance / by date", hint: "sort"),
        ActionInfo(.redraw, .global, "redraw", [.ctrl("l")], "redraw the screen"),
        ActionInfo(.interrupt, .global, "interrupt", [.ctrl("c")], "cancel the line being typed, else quit"),

        ActionInfo(.open, .list, "open", [.enter, .char("l"), .right], "read the article", hint: "read"),
        ActionInfo(.toggleFocus, .list, "focus", [.tab, .backTab], "move focus between list and detail"),
        ActionInfo(.timeline, .list, "timeline", [.char("t")], "timeline of exercises and meetings", hint: "timeline"),
        ActionInfo(.back, .list, "back", [.escape], "clear the search"),
        ActionInfo(.toggleRead, .list, "toggle-read", [.char("u")], "mark read / unread (is:unread finds the unread)"),
        ActionInfo(.toggleStar, .list, "toggle-star", [.char("s")], "star / unstar (is:starred)"),
        ActionInfo(.narrowerList, .list, "narrower-list", [.char("<")], "list pane narrower"),
        ActionInfo(.widerList, .list, "wider-list", [.char(">")], "list pane wider"),
        ActionInfo(.toggleDetail, .list, "toggle-detail", [.char("v")], "hide / show the detail pane"),
        ActionInfo(.quit, .list, "quit", [.char("q")], "quit", hint: "quit"),
        ActionInfo(.entities, .list, "entities", [.char("E")], "entities of the results, and who is named with whom", hint: "entities"),
        ActionInfo(.concordance, .list, "in-context", [.char("c")], "the query's words in context", hint: "in context"),
        ActionInfo(.trend, .list, "trend", [.char("T")], "the results per month or year, beside another query", hint: "trend"),
        ActionInfo(.related, .list, "related", [.char("r")], "articles like the selected one"),
        ActionInfo(.tag, .list, "tag", [.char("+")], "tag: +name -name (Tab completes; tag:NAME finds)"),
        ActionInfo(.editNote, .list, "note", [.char("a")], "note: $VISUAL or $EDITOR, else one line"),
        ActionInfo(.saveSearch, .list, "save-search", [.char("S")], "save the query under a name"),
        ActionInfo(.savedSearches, .list, "saved-searches", [.char("L")], "saved searches with their counts", hint: "saved"),
        ActionInfo(.markAllRead, .list, "mark-all-read", [.char("A")], "mark every result read"),
        ActionInfo(.undoMarkAll, .list, "undo-mark-all", [.char("U")], "undo the last mark-all-read"),
        ActionInfo(.export, .list, "export", [.char("x")], "export the results (.md .csv .jsonl .json)"),
        ActionInfo(.exportStarred, .list, "export-starred", [.char("X")], "export the starred results"),
        ActionInfo(.pipe, .list, "pipe", [.char("|")], "pipe the results' text to a shell command"),
        ActionInfo(.copyID, .list, "copy-id", [.char("y")], "copy the article's id (to the terminal's clipboard)"),

        ActionInfo(.back, .pager, "back", [.char("q"), .escape, .char("h"), .left], "back to the list", hint: "back"),
        ActionInfo(.nextArticle, .pager, "next-article", [.char("J")], "next article of the list", hint: "next"),
        ActionInfo(.previousArticle, .pager, "previous-article", [.char("K")], "previous article of the list", hint: "prev"),
        ActionInfo(.nextQuestion, .pager, "next-question", [.char("]")], "next question (interviews)", hint: "question"),
        ActionInfo(.previousQuestion, .pager, "previous-question", [.char("[")], "previous question"),
        ActionInfo(.searchStart, .pager, "find", [.char("/")], "search in the article", hint: "find"),
        ActionInfo(.searchNext, .pager, "find-next", [.char("n")], "next match", hint: "match"),
        ActionInfo(.searchPrevious, .pager, "find-previous", [.char("N")], "previous match"),
        ActionInfo(.toggleRead, .pager, "toggle-read", [.char("u")], "mark read / unread"),
        ActionInfo(.toggleStar, .pager, "toggle-star", [.char("s")], "star / unstar"),
        ActionInfo(.related, .pager, "related", [.char("r")], "articles like this one"),
        ActionInfo(.tag, .pager, "tag", [.char("+")], "tag the article (+name -name)"),
        ActionInfo(.editNote, .pager, "note", [.char("a")], "write a note"),
        ActionInfo(.export, .pager, "export", [.char("x")], "export the article to a file"),
        ActionInfo(.pipe, .pager, "pipe", [.char("|")], "pipe the article's text to a shell command"),
        ActionInfo(.copyID, .pager, "copy-id", [.char("y")], "copy the article's id"),

        ActionInfo(.open, .timeline, "open", [.enter, .char("l"), .right], "read the event's article; on a series, list it", hint: "read"),
        ActionInfo(.nextYear, .timeline, "next-year", [.char("]")], "next year", hint: "year"),
        ActionInfo(.previousYear, .timeline, "previous-year", [.char("[")], "previous year"),
        ActionInfo(.cycleKinds, .timeline, "kinds", [.char("e")], "exercises and meetings / exercises / meetings", hint: "kinds"),
        ActionInfo(.collapseSeries, .timeline, "series", [.char("c")], "collapse exercise series to one row", hint: "series"),
        ActionInfo(.back, .timeline, "back", [.char("q"), .escape, .char("t"), .char("h"), .left], "back to the list", hint: "back"),

        ActionInfo(.toggleValue, .filters, "toggle", [.char(" "), .enter], "turn a value on or off; on a series row, filter to it", hint: "toggle"),
        ActionInfo(.expand, .filters, "expand", [.right, .char("l")], "open a year into months", hint: "months"),
        ActionInfo(.nextFacet, .filters, "next-facet", [.tab], "next facet", hint: "facet"),
        ActionInfo(.searchStart, .filters, "narrow", [.char("/")], "type to narrow the values", hint: "narrow"),
        ActionInfo(.fold, .filters, "fold", [.left, .char("h")], "fold an opened year's months (else close the panel)", hint: "fold"),
        ActionInfo(.back, .filters, "back", [.char("f"), .char("q"), .escape], "close the panel", hint: "close"),

        ActionInfo(.open, .entities, "filter", [.enter, .char("l"), .right], "filter the results to it", hint: "filter"),
        ActionInfo(.cycleEntityType, .entities, "type", [.tab], "organizations / people / countries / exercises", hint: "type"),
        ActionInfo(.cycleOrder, .entities, "sort", [.char("o")], "by count / name / latest date", hint: "sort"),
        ActionInfo(.searchStart, .entities, "narrow", [.char("/")], "type to narrow the names", hint: "narrow"),
        ActionInfo(.back, .entities, "back", [.char("q"), .escape, .char("h"), .left], "back (Esc first clears the narrowing)", hint: "back"),

        ActionInfo(.open, .concordance, "open", [.enter, .char("l"), .right], "read the article at this occurrence", hint: "read"),
        ActionInfo(.cycleOrder, .concordance, "sort", [.char("o")], "by date / left context / right context", hint: "sort"),
        ActionInfo(.back, .concordance, "back", [.char("q"), .escape, .char("h"), .left], "back", hint: "back"),

        ActionInfo(.open, .trend, "filter", [.enter, .char("l"), .right], "filter the results to this month or year", hint: "filter"),
        ActionInfo(.cycleOrder, .trend, "period", [.tab], "by year / by month", hint: "month/year"),
        ActionInfo(.versus, .trend, "compare", [.char("v")], "lay a second query beside (empty: remove it)", hint: "compare"),
        ActionInfo(.back, .trend, "back", [.char("q"), .escape, .char("h"), .left], "back", hint: "back"),

        ActionInfo(.open, .related, "open", [.enter, .char("l"), .right], "read it", hint: "read"),
        ActionInfo(.back, .related, "back", [.char("q"), .escape, .char("h"), .left], "back", hint: "back"),

        ActionInfo(.open, .saved, "run", [.enter, .char("l"), .right], "run the saved search", hint: "run"),
        ActionInfo(.deleteSaved, .saved, "delete", [.char("d")], "delete it", hint: "delete"),
        ActionInfo(.back, .saved, "back", [.char("q"), .escape, .char("h"), .left], "back", hint: "back"),

        ActionInfo(.back, .help, "back", [.char("q"), .escape, .char("?"), .function(1)], "close the help", hint: "close"),

        ActionInfo(.inputSubmit, .search, "submit", [.enter], "keep the results", hint: "keep"),
        ActionInfo(.inputCancel, .search, "cancel", [.escape], "cancel (the view as before /)", hint: "cancel"),
        ActionInfo(.complete, .search, "complete", [.tab], "complete a field or value (kind:me → kind:meeting)", hint: "complete"),
        ActionInfo(.inputLeft, .search, "cursor-left", [.left], "cursor left"),
        ActionInfo(.inputRight, .search, "cursor-right", [.right], "cursor right"),
        ActionInfo(.inputHome, .search, "line-start", [.home, .ctrl("a")], "start of the line"),
        ActionInfo(.inputEnd, .search, "line-end", [.end, .ctrl("e")], "end of the line"),
        ActionInfo(.inputBackspace, .search, "delete-back", [.backspace], "delete before the cursor"),
        ActionInfo(.inputDelete, .search, "delete", [.delete], "delete at the cursor"),
        ActionInfo(.inputDeleteWord, .search, "delete-word", [.ctrl("w")], "delete a word"),
        ActionInfo(.inputDeleteToStart, .search, "delete-to-start", [.ctrl("u")], "delete to the start"),
        ActionInfo(.historyPrevious, .search, "history-previous", [.up], "earlier searches"),
        ActionInfo(.historyNext, .search, "history-next", [.down], "later searches"),
    ]

    /// The shared actions on the results, taken from every screen that shows them (the list,
    /// the timeline, the filter panel); the hints of those screens name them.
    public static let resultActions: [Action] = [.searchStart, .filters, .toggleSort, .clearFilters]

    /// The rows of a context.
    public static func rows(_ context: Context) -> [ActionInfo] { all.filter { $0.context == context } }

    /// An action by its name in a context (the config file's `[keys.CONTEXT]` tables). The
    /// global actions' names differ from the screens' (`show-help`, not `help`), so `[keys]`
    /// and `[keys.help]` never clash in TOML.
    public static func named(_ name: String, in context: Context) -> ActionInfo? {
        all.first { $0.context == context && $0.name == name }
    }
}

/// Key → action, per context, falling back to the global keys; built from the action table and
/// the rebindings of the config file. It also names the keys an action has, for the help and
/// the status line.
public struct Keymap: Sendable {
    /// The keys of each action per context (table order), after rebinding.
    public private(set) var keys: [Context: [(name: String, action: Action, keys: [Key])]] = [:]
    var bindings: [Context: [Key: Action]] = [:]
    var hintPieces: [Context: [(action: Action, own: Bool, text: String)]] = [:]

    public init(_ table: [ActionInfo] = ActionTable.all, rebind: [Context: [String: [Key]]] = [:]) {
        for info in table {
            let k = rebind[info.context]?[info.name] ?? info.keys
            keys[info.context, default: []].append((info.name, info.action, k))
        }
        for (context, rows) in keys {
            // Keys the config gave an action first: a rebound key leaves its default action.
            var map: [Key: Action] = [:]
            let rebound = rebind[context] ?? [:]
            for row in rows where rebound[row.name] != nil { for key in row.keys where map[key] == nil { map[key] = row.action } }
            for row in rows where rebound[row.name] == nil { for key in row.keys where map[key] == nil { map[key] = row.action } }
            bindings[context] = map
            // The help and the hints show only the keys that reach each action.
            keys[context] = rows.map { row in (row.name, row.action, row.keys.filter { map[$0] == row.action }) }
        }
        for context in Context.allCases { hintPieces[context] = Keymap.hintPieces(context, keys: keys, bindings: bindings) }
    }

    public func action(for key: Key, in context: Context) -> Action? {
        if context == .search {
            if let a = bindings[.search]?[key] { return a }
            if case .char(let c) = key { return .input(c) }
            // Ctrl-C and Ctrl-L work here too (Ctrl-C cancels the line).
            let a = bindings[.global]?[key]
            return a == .interrupt || a == .redraw ? a : nil
        }
        // The help screen only scrolls and closes; everything else waits until it is closed.
        if context == .help {
            if let a = bindings[.help]?[key] { return a }
            let a = bindings[.global]?[key]
            switch a {
            case .down?, .up?, .pageDown?, .pageUp?, .halfPageDown?, .halfPageUp?, .top?, .bottom?, .redraw?, .interrupt?: return a
            default: return nil
            }
        }
        return bindings[context]?[key] ?? bindings[.global]?[key]
    }

    /// The keys of an action as shown: `Enter l →`.
    public func names(of action: Action, in context: Context) -> String {
        let found = keys[context]?.first { $0.action == action } ?? keys[.global]?.first { $0.action == action }
        return (found?.keys ?? []).map(KeyName.name).joined(separator: " ")
    }

    /// The first key of an action as shown (`v`), for messages that name it.
    public func key(_ action: Action, in context: Context) -> String {
        names(of: action, in: context).split(separator: " ").first.map(String.init) ?? "(unbound)"
    }

    /// The status line's hints for a screen: `? help  q quit  Enter read …`, from the table's
    /// hint words and the keys as configured (the first key of each).
    public func hints(_ context: Context, including global: [Action] = [], offered: (Action) -> Bool = { _ in true }) -> String {
        // Worked out once per keymap (this runs every frame): the pieces in order, then only
        // filtered here.
        (hintPieces[context] ?? []).filter { ($0.own || global.contains($0.action)) && offered($0.action) }
            .map(\.text).joined(separator: "  ")
    }

    /// A screen's hint pieces: `? help` first (it must survive a narrow window), then the
    /// screen's own, then the global ones its own keys do not shadow.
    static func hintPieces(_ context: Context, keys: [Context: [(name: String, action: Action, keys: [Key])]],
                           bindings: [Context: [Key: Action]]) -> [(action: Action, own: Bool, text: String)] {
        let own = ActionTable.rows(context).filter { $0.hint != nil }
        let shared = context == .global ? [] : ActionTable.rows(.global).filter { $0.hint != nil }
        let help = shared.filter { $0.action == .help }
        var out: [(action: Action, own: Bool, text: String)] = []
        for info in help + own + shared.filter({ $0.action != .help }) {
            let k = keys[info.context]?.first { $0.name == info.name }?.keys
            guard let first = k?.first else { continue }
            // A key the screen itself took over does not reach the global action.
            if info.context == .global, context != .global, bindings[context]?[first] != nil { continue }
            out.append((info.action, info.context == context, KeyName.name(first) + " " + info.hint!))
        }
        return out
    }
}

/// Key names as shown in help and hints and as written in the config file: `j`, `J`, `Enter`,
/// `Ctrl-D`, `F1`, `Space`, `PgDn`, `←`; the config also takes `Left`, `Down`, `C-d`, `<`.
public enum KeyName {
    public static func name(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }

    /// The name in the config file's spelling (ASCII): `Up`, `Ctrl-D`, `Space`.
    public static func configName(_ key: Key) -> String {
        switch key {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return name(key)
        }
    }

    public static func parse(_ text: String) -> Key? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 1, let c = t.first {
            switch c {
            case "↑": return .up
            case "↓": return .down
            case "←": return .left
            case "→": return .right
            default: return c.isWhitespace || c.asciiValue.map({ $0 < 0x20 || $0 == 0x7F }) == true ? nil : .char(c)
            }
        }
        let lower = t.lowercased()
        for prefix in ["ctrl-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
            return .ctrl(c)
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        switch lower {
        case "space": return .char(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "s-tab", "backtab", "shift-tab": return .backTab
        case "backspace": return .backspace
        case "delete", "del": return .delete
        default: return nil
        }
    }
}
