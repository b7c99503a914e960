import Corpus
import SearchIndex
import TerminalCore

/// The saved searches (`L`), as newsboat's query feeds: each with its result and unread counts;
/// Enter runs one, `d` deletes one. `S` in the list saves the current query under a name.
public struct SavedScreen: Screen {
    public internal(set) var rows: [SavedSearch] = []
    public internal(set) var cursor = ScrollCursor()
    var builtFor: (saved: [String: String], results: Int)? = nil
    /// The saved search `d` was pressed on once (a second `d` deletes it).
    var confirming: String? = nil

    public var context: Context { .saved }

    init(app: AppState) {
        refresh(app)
    }

    public mutating func refresh(_ app: AppState) {
        guard let box = app.searcher else { rows = []; return }
        // Counts follow the marks too (unread), so they are worked out again on each change.
        let key = (app.marks.saved, app.resultsVersion &+ app.marks.read.count)
        if builtFor == nil || builtFor!.saved != key.0 || builtFor!.results != key.1 {
            rows = SavedSearches.rows(app.marks, searcher: box.searcher, marks: app.docMarks)
            builtFor = key
        }
        cursor.keepVisible(count: rows.count, rows: app.pagerRows - 1)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        if action != .deleteSaved { confirming = nil }
        switch action {
        case .back:
            return .close
        case .open:
            guard cursor.selection < rows.count else { break }
            let r = rows[cursor.selection]
            if let error = r.error {
                app.message = "'\(r.name)' does not run: \(error)"
                break
            }
            app.setQuery(r.query)
            app.message = "\(r.name): \(app.total) result\(app.total == 1 ? "" : "s")"
            return .close
        case .deleteSaved:
            guard cursor.selection < rows.count else { break }
            let name = rows[cursor.selection].name
            // Asked twice: a saved search has no undo.
            guard confirming == name else {
                confirming = name
                app.message = "delete '\(name)'? press \(app.keymap.key(.deleteSaved, in: .saved)) again"
                return .handled
            }
            confirming = nil
            app.deleteSaved(name)
            refresh(app)
        default:
            guard cursor.move(action, count: rows.count, rows: app.pagerRows - 1) else { return .unhandled }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String { "saved searches: \(rows.count)" }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let nameWidth = min(24, max(8, rows.map { DisplayWidth.of($0.name) }.max() ?? 8))
        buf.put("name".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + "results  unread  query", x: 1, y: area.y,
                style: theme.style(.label), limit: app.width - 2)
        for line in 0..<(area.height - 1) {
            let i = cursor.offset + line
            guard i < rows.count else { break }
            let r = rows[i]
            let y = area.y + 1 + line
            var x = 1
            let name = DisplayWidth.truncate(r.name, to: nameWidth)
            x += buf.put(name + String(repeating: " ", count: nameWidth + 2 - DisplayWidth.of(name)), x: x, y: y,
                         style: Style(bold: r.unread > 0))
            if let error = r.error {
                buf.put("does not run: " + error, x: x, y: y, style: theme.style(.error), limit: app.width - x - 1)
            } else {
                x += buf.put(String(r.results).leftPadded(7) + "  " + String(r.unread).leftPadded(6) + "  ", x: x, y: y, style: theme.style(.listKind))
                buf.put(DisplayWidth.truncate(r.query, to: max(1, app.width - x - 1)), x: x, y: y, style: theme.style(.text))
            }
            if i == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: app.width, height: 1), &buf, theme) }
        }
        if rows.isEmpty {
            let key = app.keymap.key(.saveSearch, in: .list)
            buf.put("no saved searches: search, then press \(key) in the list to save the query", x: 2, y: area.y + 2,
                    style: theme.style(.dim), limit: app.width - 3)
        }
    }
}
