import Corpus
import ReadingState
import SearchIndex
import TerminalCore

/// Holds the searcher (it keeps scratch space between queries) for the state.
public final class SearcherBox: @unchecked Sendable {
    public let searcher: Searcher
    public init(_ index: SearchIndex) { searcher = Searcher(index) }
}

/// Everything the reader shows, as plain values: the data (articles, index, marks, the query
/// and its results, the list's cursor) and a stack of screens, the top one taking the keys.
/// `update` changes it, `render` draws it.
public struct AppState: @unchecked Sendable {
    public internal(set) var articles: [Article]
    public internal(set) var origin: String
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var index: SearchIndex? = nil
    var searcher: SearcherBox? = nil
    /// Runs the search line's queries off the UI thread (the reader's; none in tests of the
    /// state alone, which search in place).
    var searchWorker: SearchWorker? = nil
    /// Whether the search line's queries go to a worker, and its pause before each (tests).
    var backgroundSearch: (enabled: Bool, delay: Double) = (false, 0)
    /// The latest query asked for; a worker's answer to an earlier one is dropped.
    var searchGeneration = 0
    /// A query typed is being searched: the list shows the results before it meanwhile.
    public internal(set) var searching = false

    // The query and its results.
    /// The active query, filters included (`afgh year:2024`); empty for everything.
    public internal(set) var query = ""
    public internal(set) var queryError: String? = nil
    /// The query that gave the results shown (the header's chips come from it).
    public internal(set) var goodQuery = ""
    /// The articles the list shows (indices into `articles`), in the sort order.
    public internal(set) var visible: [Int]
    public internal(set) var total = 0
    /// The results' counts by facet value, and by year for the sparkline.
    public internal(set) var facets: [Facet: [(value: String, count: Int)]] = [:]
    public internal(set) var resultYears: [(value: String, count: Int)] = []
    public internal(set) var highlighter: Highlighter? = nil
    public internal(set) var sort = SortOrder.relevance
    /// Bumped whenever the results change, so screens know to recompute what they derive.
    public internal(set) var resultsVersion = 0
    /// The cursor over `visible`: the selected article, shared by the list, the pager (`J`/`K`)
    /// and the timeline (opening an event selects it).
    public internal(set) var list = ScrollCursor()
    public internal(set) var history: [String] = []

    // Marks.
    /// Read and starred marks and the last session (persisted by the caller on `.save`).
    public internal(set) var marks = ReadingState()
    /// The marks as document sets, given to each search.
    var docMarks: DocMarks? = nil
    /// Article id → index.
    var idIndex: [String: Int] = [:]
    /// Bumped when tags or notes change, so the detail pane and the pager lay the article out again.
    public internal(set) var annotationsVersion = 0
    /// `$VISUAL` or `$EDITOR` (a note opens in it), nil for the inline editor.
    public internal(set) var editor: String? = nil
    /// Whether the terminal takes OSC 52 (`y` copies through it); else the id is only shown.
    public internal(set) var clipboard = false
    /// Shell commands given to `|`, for its history.
    var pipeHistory: [String] = []
    /// What the last `A` marked read, for `U`.
    var undoMarkAll: [String]? = nil
    /// Related articles per article (they do not change while the articles stay).
    var relatedCache = RelatedCache()

    /// All articles in timeline order (computed when the timeline is first opened).
    var timelineOrder: [(article: Int, span: DateSpan?)] = []

    // The screen.
    public internal(set) var screens: [any Screen] = [BrowseScreen()]
    public internal(set) var layout = Layout()
    public internal(set) var keymap = Keymap()
    public internal(set) var message: String? = nil
    public internal(set) var loading: (done: Int, total: Int, articles: Int)? = nil
    public internal(set) var mouse = false
    /// The exit status the reader asks for (130 after Ctrl-C).
    public internal(set) var exitStatus: Int32 = 0
    var effects: [Effect] = []
    /// An action a closing screen hands to the screen below it (the pager's find text).
    var forward: Action? = nil

    public init(articles: [Article], origin: String, width: Int, height: Int, index: SearchIndex? = nil,
                keymap: Keymap = Keymap(), layout: Layout = Layout(), sort: SortOrder = .relevance, mouse: Bool = false) {
        self.articles = articles
        self.origin = origin
        self.width = width
        self.height = height
        self.keymap = keymap
        self.layout = layout
        self.sort = sort
        self.mouse = mouse
        visible = Array(articles.indices)
        total = articles.count
        if !articles.isEmpty { attach(index ?? SearchIndex(articles: articles)) }
        refreshScreens()
    }

    /// The editor for notes and whether `y` may use the terminal's clipboard (from the
    /// environment, read by the caller).
    public mutating func setExternal(editor: String?, clipboard: Bool) {
        self.editor = editor.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.clipboard = clipboard
    }

    /// An empty reader waiting for its articles (a progress line meanwhile).
    public static func loading(origin: String, keymap: Keymap = Keymap(), layout: Layout = Layout(), sort: SortOrder = .relevance,
                               mouse: Bool = false) -> AppState {
        var s = AppState(articles: [], origin: origin, width: 80, height: 24, keymap: keymap, layout: layout, sort: sort, mouse: mouse)
        s.loading = (0, 0, 0)
        return s
    }

    mutating func attach(_ index: SearchIndex) {
        self.index = index
        relatedCache = RelatedCache()
        // Made when the timeline is first opened: a start at 100,000 articles does not wait for it.
        timelineOrder = []
        var ids: [String: Int] = [:]
        ids.reserveCapacity(articles.count)
        for (i, a) in articles.enumerated() where ids[a.id] == nil { ids[a.id] = i }
        idIndex = ids
        searcher = SearcherBox(index)
        // A search still running was over the old articles: its answer is dropped.
        searchWorker = backgroundSearch.enabled ? SearchWorker(index, delay: backgroundSearch.delay) : nil
        searching = false
        searchGeneration &+= 1
        refreshMarks()
        facets = searcher!.searcher.search(.all, limit: 0).facets
        resultYears = facets[.year] ?? []
    }

    /// Searches typed in the search line run on a thread of their own from now on (`delay`:
    /// a pause before each, for tests that need a slow search).
    public mutating func searchInBackground(delay: Double = 0) {
        backgroundSearch = (true, delay)
        if let index {
            searchWorker = SearchWorker(index, delay: delay)
            searching = false
            searchGeneration &+= 1
        }
    }

    // MARK: Screens

    /// Whether a screen has work to do between keys.
    public var pendingWork: Bool { screens.contains { $0.hasPendingWork } }

    /// The screen that takes the keys.
    public var top: any Screen { screens.last! }
    /// The screen under the overlays (the list, the pager or the timeline).
    public var base: any Screen { screens.last { !$0.isOverlay }! }
    public var context: Context { top.context }

    /// The topmost screen of a type, if open.
    public func screen<S: Screen>(_ type: S.Type) -> S? { screens.last { $0 is S } as? S }

    public var browse: BrowseScreen { screens.first as! BrowseScreen }
    public var pager: PagerScreen? { screen(PagerScreen.self) }
    public var timeline: TimelineScreen? { screen(TimelineScreen.self) }
    public var filterPanel: FilterScreen? { screen(FilterScreen.self) }
    public var input: SearchLineScreen? { top as? SearchLineScreen }
    public var showHelp: Bool { top is HelpScreen }

    /// The screens in view recompute what they derive from the data (cheap when nothing
    /// changed): the one under the overlays and those above it. A screen hidden under another
    /// catches up when it is back in view (its keys compare versions), so typing over the
    /// entities screen does not recount what is under it.
    mutating func refreshScreens() {
        let from = screens.lastIndex { !$0.isOverlay } ?? 0
        for i in screens.indices where i >= from || i == 0 {
            var sc = screens[i]
            sc.refresh(self)
            screens[i] = sc
        }
    }

    // MARK: Marks

    public func isRead(_ article: Int) -> Bool { marks.read.contains(articles[article].id) }
    public func isStarred(_ article: Int) -> Bool { marks.starred.contains(articles[article].id) }

    /// Recomputes the document sets of the marks (for `is:read`, `is:unread`, `is:starred`).
    mutating func refreshMarks() {
        guard index != nil else { docMarks = nil; return }
        let articles = self.articles
        docMarks = DocMarks(count: articles.count, ids: { articles[$0].id }, read: marks.read, starred: marks.starred,
                            tags: marks.tags, notes: marks.notes)
        annotationsVersion &+= 1
    }

    /// Marks an article read (or unread), and the searcher's sets with it.
    mutating func setRead(_ article: Int, _ on: Bool) {
        let id = articles[article].id
        if on { marks.read.insert(id) } else { marks.read.remove(id) }
        if on { docMarks?.read.insert(article) } else { docMarks?.read.remove(article) }
    }

    mutating func setStarred(_ article: Int, _ on: Bool) {
        let id = articles[article].id
        if on { marks.starred.insert(id) } else { marks.starred.remove(id) }
        if on { docMarks?.starred.insert(article) } else { docMarks?.starred.remove(article) }
    }

    /// `u` and `s`: flips a mark and says so; the list stays as it is (a second press undoes).
    mutating func toggleMark(_ action: Action, of article: Int) {
        if action == .toggleRead {
            setRead(article, !isRead(article))
            message = isRead(article) ? "marked read" : "marked unread"
        } else {
            setStarred(article, !isStarred(article))
            message = isStarred(article) ? "starred" : "star removed"
        }
        effects.append(.save)
    }

    /// The session as it is now, for saving: the query, the selected article, and where an
    /// open pager is in the article it shows.
    public mutating func captureSession() {
        var session = marks.session ?? ReadingState.Session()
        session.query = query
        session.selected = selectedArticle.map { articles[$0].id }
        marks.session = session
        if let p = pager { recordPosition(p) }
    }

    /// Where the pager is in its article (a share of its lines), kept for the next time it opens.
    mutating func recordPosition(_ p: PagerScreen) {
        guard !p.lines.isEmpty, p.article < articles.count else { return }
        var session = marks.session ?? ReadingState.Session()
        session.positions[articles[p.article].id] = Double(p.scroll) / Double(p.lines.count)
        marks.session = session
    }

    // MARK: Layout

    public static let minWidth = 40
    public static let minHeight = 10

    public var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }

    /// The article under the list's selection.
    public var selectedArticle: Int? { visible.isEmpty ? nil : visible[min(list.selection, visible.count - 1)] }
    public var selection: Int { list.selection }
    public var listScroll: Int { list.offset }

    /// Side by side from 100 columns; list above detail below that.
    public var sideBySide: Bool { width >= 100 }

    /// The rows between the header and the status line.
    public var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    public var listRect: Rect {
        let b = body
        if !layout.showDetail { return b }
        if sideBySide { return Rect(x: 0, y: b.y, width: max(30, b.width * layout.listPercent / 100), height: b.height) }
        return Rect(x: 0, y: b.y, width: b.width, height: max(3, b.height * 2 / 5))
    }

    /// The detail pane, after a one-cell border (empty when hidden).
    public var detailRect: Rect {
        let b = body, l = listRect
        if !layout.showDetail { return Rect(x: 0, y: b.maxY, width: 0, height: 0) }
        if sideBySide { return Rect(x: l.maxX + 1, y: b.y, width: max(0, b.width - l.width - 1), height: b.height) }
        return Rect(x: 0, y: l.maxY + 1, width: b.width, height: max(0, b.height - l.height - 1))
    }

    /// The pager's text width: the window less a margin, at most 100 columns for comfortable reading.
    public var pagerTextWidth: Int { max(10, min(width - 2, 100)) }

    /// Rows of text the pager and the timeline show (a header line above, the status line below).
    public var pagerRows: Int { max(1, height - 2) }

    /// Keeps the list's selection visible.
    mutating func keepListVisible() {
        list.keepVisible(count: visible.count, rows: listRect.height)
    }

    /// Selects a row of the list.
    mutating func selectRow(_ row: Int) {
        list.select(row, count: visible.count, rows: listRect.height)
    }

    /// Debug-build checks: selection and scroll offsets in bounds.
    public func checkInvariants() {
        precondition(visible.isEmpty ? list.selection == 0 : (0..<visible.count).contains(list.selection))
        precondition(list.offset >= 0 && list.offset <= max(0, visible.count - 1))
        precondition(visible.allSatisfy { $0 < articles.count })
        precondition(!screens.isEmpty && screens[0] is BrowseScreen)
        if let p = pager {
            precondition((0..<articles.count).contains(p.article))
            precondition(p.scroll >= 0 && p.scroll <= max(0, p.lines.count - 1))
        }
        if let t = timeline, !t.rows.isEmpty {
            precondition((0..<t.rows.count).contains(t.cursor.selection))
        }
    }
}
