import Corpus
import SearchIndex
import TerminalCore

/// The list and detail screen, at the bottom of the stack: the results on the left (or above),
/// the selected article on the right (or below).
public struct BrowseScreen: Screen {
    public enum Focus: Sendable, Equatable { case list, detail }

    public var focus = Focus.list
    /// The detail pane's scroll (offset only).
    public var detail = ScrollCursor()
    /// The detail pane's lines for the selected article at the pane's width.
    public internal(set) var detailLines: [DocLine] = []
    var detailKey: (article: Int, width: Int, version: Int) = (-1, -1, -1)

    public init() {}

    public var context: Context { .list }
    public var showsResults: Bool { true }

    public mutating func refresh(_ app: AppState) {
        if !app.layout.showDetail { focus = .list }
        guard let article = app.selectedArticle, !app.tooSmall, app.detailRect.width > 0 else {
            detailLines = []
            detailKey = (-1, -1, -1)
            detail = ScrollCursor()
            return
        }
        let w = app.detailRect.width
        if detailKey.article != article || detailKey.width != w || detailKey.version != app.annotationsVersion {
            let same = detailKey.article == article
            detailLines = ArticleDocument.lines(app.articles[article], width: w, extras: app.extras(of: article))
            detailKey = (article, w, app.annotationsVersion)
            if !same { detail = ScrollCursor() }
        }
        detail.clampOffset(count: detailLines.count, rows: app.detailRect.height)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .quit:
            app.captureSession()
            app.effects += [.save, .quit]
        case .toggleRead, .toggleStar:
            guard let a = app.selectedArticle else { break }
            app.toggleMark(action, of: a)
        case .back:
            if focus == .detail {
                focus = .list
            } else if !app.query.isEmpty {
                app.setQuery("")
                app.message = "search cleared"
            }
        case .open:
            guard let a = app.selectedArticle else { break }
            return .push(PagerScreen(article: a, app: &app))
        case .toggleFocus:
            focus = focus == .list && app.layout.showDetail ? .detail : .list
        case .timeline:
            return .push(TimelineScreen(app: &app))
        case .widerList, .narrowerList:
            let step = action == .widerList ? 5 : -5
            app.layout = Layout(listPercent: app.layout.listPercent + step, showDetail: app.layout.showDetail)
            app.keepListVisible()
            app.message = app.sideBySide ? "list \(app.layout.listPercent)% of the width" : "side by side from 100 columns"
        case .toggleDetail:
            app.layout.showDetail.toggle()
            focus = .list
            app.keepListVisible()
            app.message = app.layout.showDetail ? "detail shown" : "detail hidden (\(app.keymap.key(.toggleDetail, in: .list)) shows it)"
        case .click(let x, let y):
            click(&app, x, y)
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            let up: Bool
            if case .wheelUp = action { up = true } else { up = false }
            let r = app.detailRect
            let inDetail = r.width > 0 && y >= r.y && y < r.maxY && x >= r.x && x < r.maxX
            let saved = focus
            focus = inDetail ? .detail : .list
            for _ in 0..<(inDetail ? 3 : 1) { _ = move(up ? .up : .down, &app) }
            focus = saved
        default:
            if let outcome = app.workbench(action, article: app.selectedArticle) { return outcome }
            return move(action, &app) ? .handled : .unhandled
        }
        return .handled
    }

    /// Moves the list's selection or scrolls the detail, by focus.
    mutating func move(_ action: Action, _ app: inout AppState) -> Bool {
        if focus == .detail {
            return detail.scroll(action, count: detailLines.count, rows: max(1, app.detailRect.height))
        }
        var cursor = app.list
        guard cursor.move(action, count: app.visible.count, rows: max(1, app.listRect.height)) else { return false }
        app.list = cursor
        return true
    }

    mutating func click(_ app: inout AppState, _ x: Int, _ y: Int) {
        guard !app.tooSmall else { return }
        let l = app.listRect, d = app.detailRect
        if x >= l.x, x < l.maxX, y >= l.y, y < l.maxY {
            let row = app.list.offset + (y - l.y)
            if row < app.visible.count {
                app.list.selection = row
                focus = .list
            }
        } else if d.width > 0, y >= d.y, y < d.maxY, x >= d.x {
            focus = .detail
        }
    }

    public func status(_ app: AppState) -> String {
        var position = app.visible.isEmpty ? "0/0" : "\(app.list.selection + 1)/\(app.visible.count)"
        if focus == .detail {
            let rows = max(1, app.detailRect.height)
            let percent = detailLines.count <= rows ? 100 : min(100, (detail.offset + rows) * 100 / detailLines.count)
            position += " · detail \(percent)%"
        }
        return position
    }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        renderList(app, &buf, theme)
        guard app.layout.showDetail else { return }
        // The border, brighter when the detail has the focus.
        let style = theme.style(focus == .detail ? .label : .border)
        if app.sideBySide {
            let x = app.listRect.maxX
            for y in area.y..<area.maxY { buf.put("│", x: x, y: y, style: style) }
        } else {
            buf.put(String(repeating: "─", count: app.width), x: 0, y: app.listRect.maxY, style: style)
        }
        let r = app.detailRect
        guard r.height > 0, r.width > 0 else { return }
        for row in 0..<r.height {
            let i = detail.offset + row
            guard i < detailLines.count else { break }
            Widgets.draw(detailLines[i], at: r.x, r.y + row, width: r.width, &buf, theme)
            if let h = app.highlighter {
                let text = detailLines[i].text
                Widgets.mark(DocLine.marks(h, detailLines, i), in: text, x: r.x, y: r.y + row, limit: r.maxX, &buf, theme)
            }
        }
    }

    /// The list: date, unread and star marks, kind, title; the selection; teasers dimmed.
    func renderList(_ app: AppState, _ buf: inout Buffer, _ theme: Theme) {
        let r = app.listRect
        for row in 0..<r.height {
            let i = app.list.offset + row
            guard i < app.visible.count else { break }
            let articleIndex = app.visible[i]
            let a = app.articles[articleIndex]
            let starred = app.isStarred(articleIndex), unread = !app.isRead(articleIndex)
            let y = r.y + row
            let date = a.displayDate?.description ?? "undated   "
            var x = r.x
            x += buf.put(date + " ", x: x, y: y, style: theme.style(.listDate), limit: r.maxX - x)
            x += buf.put((unread ? "•" : " ") + (starred ? "★" : " "), x: x, y: y, style: theme.style(.listKind), limit: r.maxX - x)
            x += buf.put(Widgets.kindMarker(a.kind) + " ", x: x, y: y, style: theme.style(.listKind), limit: r.maxX - x)
            // Unread titles stand out (bold); teaser-only ones are dimmed.
            var titleStyle = theme.style(a.full ? .listTitle : .listTeaser)
            if unread { titleStyle.bold = true }
            let room = r.maxX - x
            if room > 0 {
                let shown = DisplayWidth.truncate(a.title, to: room)
                buf.put(shown, x: x, y: y, style: titleStyle, limit: room)
                if let h = app.highlighter { Widgets.mark(h.ranges(in: shown), in: shown, x: x, y: y, limit: r.maxX, &buf, theme) }
            }
            if i == app.list.selection {
                Widgets.select(Rect(x: r.x, y: y, width: r.width, height: 1), &buf, theme, active: focus == .list)
            }
        }
        if app.visible.isEmpty {
            buf.put(app.articles.isEmpty ? "no articles" : "no article matches", x: r.x + 1, y: r.y, style: theme.style(.dim), limit: r.width - 1)
        }
    }
}
