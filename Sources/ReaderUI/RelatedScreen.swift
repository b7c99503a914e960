import Corpus
import SearchIndex
import TerminalCore

/// The articles most like one article (`r` from the list or the pager): its distinctive
/// words, the names both give, closeness in time. Enter reads one. The detail pane and the
/// pager list the same five at the end of the article.
public struct RelatedScreen: Screen {
    public let article: Int
    public internal(set) var related: [RelatedArticle] = []
    public internal(set) var cursor = ScrollCursor()

    public var context: Context { .related }

    init(article: Int, app: AppState) {
        self.article = article
        if let box = app.searcher { related = app.relatedCache.related(article, box.searcher) }
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back:
            return .close
        case .open:
            guard cursor.selection < related.count else { break }
            return .push(PagerScreen(article: related[cursor.selection].doc, app: &app))
        default:
            guard cursor.move(action, count: related.count, rows: max(1, (app.pagerRows - 3) / 2)) else { return .unhandled }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String {
        related.isEmpty ? "related: none" : "related: \(cursor.selection + 1)/\(related.count)"
    }

    /// The article's title, then each related one on two lines: date and title, and what both
    /// name.
    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let a = app.articles[article]
        buf.put(DisplayWidth.truncate("Like: " + a.title, to: app.width - 2), x: 1, y: area.y, style: theme.style(.title), limit: app.width - 2)
        for (k, r) in related.enumerated() {
            let y = area.y + 2 + k * 2
            guard y + 1 < area.maxY else { break }
            let b = app.articles[r.doc]
            var x = 2
            x += buf.put((b.displayDate?.description ?? "undated   ") + "  ", x: x, y: y, style: theme.style(.listDate))
            x += buf.put(Widgets.kindMarker(b.kind) + " ", x: x, y: y, style: theme.style(.listKind))
            buf.put(DisplayWidth.truncate(b.title, to: max(1, app.width - x - 1)), x: x, y: y, style: theme.style(b.full ? .listTitle : .listTeaser))
            let shared = r.shared.isEmpty ? "shares words only" : "both name " + r.shared.joined(separator: ", ")
            buf.put(DisplayWidth.truncate(shared, to: max(1, app.width - 17)), x: 14, y: y + 1, style: theme.style(.dim))
            if k == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: app.width, height: 2), &buf, theme) }
        }
        if related.isEmpty {
            buf.put("no article is like this one", x: 2, y: area.y + 2, style: theme.style(.dim), limit: app.width - 3)
        }
    }
}
