import Corpus
import ReadingState
import SearchIndex
import TerminalCore

public enum Focus: Sendable, Equatable { case list, detail }

/// The pager's state: which article, where, and the search inside it.
public struct PagerState: Sendable, Equatable {
    public var article: Int
    public var scroll = 0
    public var lines: [DocLine] = []
    public var width = 0
    public var query = ""
    public var matches: [Match] = []
    public var currentMatch: Int? = nil
    /// The question `]`/`[` last jumped to (its first line), until the reader scrolls.
    public var questionLine: Int? = nil

    /// A match: its first line (where the view scrolls to) and its pieces, one per line it covers.
    public struct Match: Sendable, Equatable {
        public var line: Int, start: Int, length: Int
        public var pieces: [Piece]

        public struct Piece: Sendable, Equatable {
            public var line: Int, start: Int, length: Int
        }

        init(_ pieces: [(line: Int, start: Int, length: Int)]) {
            self.pieces = pieces.map { Piece(line: $0.line, start: $0.start, length: $0.length) }
            line = pieces[0].line
            start = pieces[0].start
            length = pieces[0].length
        }
    }
}

/// Holds the searcher (it keeps scratch space between queries) for the state.
public final class SearcherBox: @unchecked Sendable {
    public let searcher: Searcher
    public init(_ index: SearchIndex) { searcher = Searcher(index) }
}

/// What `/` saved, so that Esc can restore the view as it was.
struct SavedView: Sendable {
    var query: String
    var selection: Int
    var listScroll: Int
}

/// Everything the reader shows, as plain values: `update` changes it, `render` draws it.
public struct AppState: @unchecked Sendable {
    public var articles: [Article]
    public var origin: String
    public var width: Int
    public var height: Int
    /// The articles the list shows (indices into `articles`): all, newest first, or the results
    /// of the query, ranked.
    public var visible: [Int]
    public var selection = 0
    public var listScroll = 0
    public var focus = Focus.list
    public var detailScroll = 0
    public var pager: PagerState? = nil
    public var showHelp = false
    public var helpScroll = 0
    /// The line being typed at the bottom (`/`), nil when not typing.
    public var input: SearchLine? = nil
    public var message: String? = nil
    public var loading: (done: Int, total: Int, articles: Int)? = nil
    public var mouse = false
    /// The exit status the reader asks for (130 after Ctrl-C).
    public var exitStatus: Int32 = 0

    // Search and filters.
    public var index: SearchIndex? = nil
    var searcher: SearcherBox? = nil
    /// The active query, filters included (`afgh year:2024`); empty for everything.
    public var query = ""
    public var queryError: String? = nil
    /// The query that gave the results shown (the header's chips come from it).
    public var goodQuery = ""
    /// The results' counts by year, for the sparkline.
    public var resultYears: [(value: String, count: Int)] = []
    public var total = 0
    public var facets: [Facet: [(value: String, count: Int)]] = [:]
    public var highlighter: Highlighter? = nil
    public var history: [String] = []
    var saved: SavedView? = nil
    public var filterPanel: FilterPanel? = nil
    public var timeline: TimelineState? = nil
    /// Read and starred marks and the last session (persisted by the caller on `.save`).
    public var marks = ReadingState() {
        didSet { refreshMarks() }
    }
    /// Article id → index, for the marks.
    var idIndex: [String: Int] = [:]
    /// All articles in timeline order (computed when the timeline is first opened).
    var timelineOrder: [(article: Int, span: DateSpan?)] = []

    /// The detail pane's lines for the selected article at the pane's width.
    public var detailLines: [DocLine] = []
    var detailKey: (article: Int, width: Int) = (-1, -1)

    public init(articles: [Article], origin: String, width: Int, height: Int, index: SearchIndex? = nil) {
        self.articles = articles
        self.origin = origin
        self.width = width
        self.height = height
        visible = Array(articles.indices)
        total = articles.count
        if !articles.isEmpty { attach(index ?? SearchIndex(articles: articles)) }
        refreshDetail()
    }

    mutating func attach(_ index: SearchIndex) {
        self.index = index
        // Made when the timeline is first opened: a start at 100,000 articles does not wait for it.
        timelineOrder = []
        var ids: [String: Int] = [:]
        ids.reserveCapacity(articles.count)
        for (i, a) in articles.enumerated() where ids[a.id] == nil { ids[a.id] = i }
        idIndex = ids
        searcher = SearcherBox(index)
        facets = searcher!.searcher.search(.all, limit: 0).facets
        resultYears = facets[.year] ?? []
        refreshMarks()
    }

    public func isRead(_ article: Int) -> Bool { marks.read.contains(articles[article].id) }
    public func isStarred(_ article: Int) -> Bool { marks.starred.contains(articles[article].id) }

    /// Gives the marks to the searcher, for `is:read`, `is:unread`, `is:starred`.
    func refreshMarks() {
        guard let box = searcher else { return }
        var read = Bitset(count: articles.count), starred = Bitset(count: articles.count)
        for id in marks.read { if let i = idIndex[id] { read.insert(i) } }
        for id in marks.starred { if let i = idIndex[id] { starred.insert(i) } }
        box.searcher.readDocs = read
        box.searcher.starredDocs = starred
    }

    /// Restores the last session: the query (filters included) and the selected article.
    public mutating func restoreSession() {
        guard let session = marks.session else { return }
        if !session.query.isEmpty {
            query = session.query
            runQuery(&self)
        }
        if let id = session.selected, let article = idIndex[id], let row = visible.firstIndex(of: article) {
            selection = row
            scrollListToSelection()
            refreshDetail()
        }
    }

    /// The session as it is now, for saving.
    public mutating func captureSession() {
        var session = marks.session ?? ReadingState.Session()
        session.query = query
        session.selected = selectedArticle.map { articles[$0].id }
        if let p = pager, !p.lines.isEmpty {
            session.positions[articles[p.article].id] = Double(p.scroll) / Double(p.lines.count)
        }
        marks.session = session
    }

    public static let minWidth = 40
    public static let minHeight = 10

    public var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }

    /// The article under the list's selection.
    public var selectedArticle: Int? { visible.isEmpty ? nil : visible[min(selection, visible.count - 1)] }

    // MARK: Layout

    /// Side by side from 100 columns; list above detail below that.
    public var sideBySide: Bool { width >= 100 }

    /// The rows between the header and the status line.
    public var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    public var listRect: Rect {
        let b = body
        if sideBySide { return Rect(x: 0, y: b.y, width: max(30, b.width * 45 / 100), height: b.height) }
        return Rect(x: 0, y: b.y, width: b.width, height: max(3, b.height * 2 / 5))
    }

    /// The detail pane, after a one-cell border.
    public var detailRect: Rect {
        let b = body, l = listRect
        if sideBySide { return Rect(x: l.maxX + 1, y: b.y, width: b.width - l.width - 1, height: b.height) }
        return Rect(x: 0, y: l.maxY + 1, width: b.width, height: b.height - l.height - 1)
    }

    /// The pager's text width: the window less a margin, at most 100 columns for comfortable reading.
    public var pagerTextWidth: Int { max(10, min(width - 2, 100)) }

    /// Rows of text the pager and the timeline show (a header line above, the status line below).
    public var pagerRows: Int { max(1, height - 2) }

    // MARK: Derived data

    mutating func refreshDetail() {
        guard let article = selectedArticle, !tooSmall else {
            detailLines = []
            detailKey = (-1, -1)
            detailScroll = 0
            return
        }
        let w = detailRect.width
        if detailKey.article != article || detailKey.width != w {
            detailLines = ArticleDocument.lines(articles[article], width: w)
            detailKey = (article, w)
            detailScroll = 0
        }
    }

    mutating func refreshPager() {
        guard var p = pager else { return }
        if p.width != width {
            // Keep the reading position across a new width: the same block (paragraph), and the
            // same share of it when the top line was inside one.
            let old = p.lines
            let top = p.scroll < old.count ? old[p.scroll] : nil
            p.lines = ArticleDocument.lines(articles[p.article], width: pagerTextWidth)
            p.width = width
            if let top {
                let oldStart = old.firstIndex { $0.block == top.block } ?? p.scroll
                let oldCount = old.filter { $0.block == top.block }.count
                let newStart = p.lines.firstIndex { $0.block == top.block } ?? 0
                let newCount = p.lines.filter { $0.block == top.block }.count
                let offset = oldCount > 0 ? (p.scroll - oldStart) * newCount / oldCount : 0
                p.scroll = newStart + min(offset, max(0, newCount - 1))
            }
            p.matches = ArticleDocument.matches(p.query, in: p.lines).map(PagerState.Match.init)
            if let c = p.currentMatch, c >= p.matches.count { p.currentMatch = p.matches.isEmpty ? nil : 0 }
        }
        p.scroll = max(0, min(p.scroll, max(0, p.lines.count - pagerRows)))
        pager = p
    }

    /// Keeps the selection visible in the list.
    mutating func scrollListToSelection() {
        let rows = max(1, listRect.height)
        if selection < listScroll { listScroll = selection }
        if selection >= listScroll + rows { listScroll = selection - rows + 1 }
        listScroll = max(0, min(listScroll, max(0, visible.count - rows)))
    }

    /// Debug-build checks: selection and scroll offsets in bounds.
    public func checkInvariants() {
        precondition(visible.isEmpty ? selection == 0 : (0..<visible.count).contains(selection))
        precondition(listScroll >= 0 && listScroll <= max(0, visible.count - 1))
        precondition(detailScroll >= 0)
        precondition(visible.allSatisfy { $0 < articles.count })
        if let p = pager {
            precondition((0..<articles.count).contains(p.article))
            precondition(p.scroll >= 0 && p.scroll <= max(0, p.lines.count - 1))
        }
        if let t = timeline, !t.rows.isEmpty {
            precondition((0..<t.rows.count).contains(t.selection))
        }
    }
}
