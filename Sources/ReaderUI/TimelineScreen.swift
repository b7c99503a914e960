import Corpus
import SearchIndex
import TerminalCore

/// The timeline (`t`): the exercises and meetings of the current results in date order, grouped
/// by year and month, each with its date or span drawn on its month's scale; exercise series
/// collapse to one row of year marks (`c`), and a series opens on Enter.
public struct TimelineScreen: Screen {
    public internal(set) var kinds: Set<ArticleKind> = [.exercise, .meeting]
    public internal(set) var collapsed = false
    /// Collapsed series shown open, their events under them.
    public internal(set) var expanded: Set<String> = []
    public internal(set) var rows: [TimelineRow] = []
    public internal(set) var cursor = ScrollCursor()
    /// The results version and article count the rows were built for.
    var builtFor = (results: -1, articles: -1)
    /// The list's article when the timeline last looked: when the pager moves it (`J`/`K`),
    /// the timeline follows.
    var followed: Int? = nil
    /// Worked out with the rows, not per frame: the events shown, and the years the series'
    /// marks span.
    public internal(set) var eventCount = 0
    var scale: (first: Int, last: Int)? = nil

    public var context: Context { .timeline }
    public var showsResults: Bool { true }

    init(app: inout AppState) {
        if app.timelineOrder.count != app.articles.count { app.timelineOrder = Timeline.order(app.articles) }
        rebuild(app)
        // Start at the event selected in the list, when it is one.
        if let a = app.selectedArticle, let row = rows.firstIndex(where: { if case .event(a, _) = $0 { return true } else { return false } }) {
            cursor.select(row, count: rows.count, rows: app.pagerRows, margin: 2)
        }
    }

    public mutating func refresh(_ app: AppState) {
        if builtFor != (app.resultsVersion, app.articles.count) { rebuild(app) }
        if let a = app.selectedArticle, a != followed {
            followed = a
            if let row = rows.firstIndex(where: { if case .event(a, _) = $0 { return true } else { return false } }) { cursor.selection = row }
        }
        cursor.keepVisible(count: rows.count, rows: app.pagerRows, margin: 2)
    }

    /// The rows for the current results; the selection stays on the same event when it can.
    mutating func rebuild(_ app: AppState) {
        let was = cursor.selection < rows.count ? rows[cursor.selection] : nil
        let order = app.timelineOrder.count == app.articles.count ? app.timelineOrder : nil
        var built = Timeline.rows(app.articles, visible: app.visible, kinds: kinds, collapsed: collapsed, order: order)
        if collapsed, !expanded.isEmpty {
            // An open series: its events under it, oldest first.
            var out: [TimelineRow] = []
            for row in built {
                out.append(row)
                if case .series(let name, _, let items) = row, expanded.contains(name) {
                    let spans = items.map { ($0, Timeline.span(app.articles[$0])) }
                    for (a, span) in spans.sorted(by: { ($0.1?.start.ordinal ?? Int.max) < ($1.1?.start.ordinal ?? Int.max) }) {
                        out.append(.event(article: a, span: span))
                    }
                }
            }
            built = out
        }
        rows = built
        builtFor = (app.resultsVersion, app.articles.count)
        eventCount = 0
        scale = nil
        for row in rows {
            switch row {
            case .event: eventCount += 1
            // A collapsed series counts its exercises (an opened one lists them as events).
            case .series(let name, _, let items): if !expanded.contains(name) { eventCount += items.count }
            case .seriesScale(let a, let b): scale = (a, b)
            default: break
            }
        }
        if let was, let row = rows.firstIndex(of: was) {
            cursor.selection = row
        } else {
            cursor = ScrollCursor(selection: rows.firstIndex(where: \.isSelectable) ?? 0)
        }
        cursor.keepVisible(count: rows.count, rows: app.pagerRows, margin: 2)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back:
            return .close
        case .cycleKinds:
            kinds = kinds.count == 2 ? [.exercise] : kinds == [.exercise] ? [.meeting] : [.exercise, .meeting]
            rebuild(app)
            app.message = kinds.count == 2 ? "exercises and meetings" : kinds.first == .exercise ? "exercises only" : "meetings only"
        case .collapseSeries:
            collapsed.toggle()
            expanded = []
            rebuild(app)
            app.message = collapsed ? "series collapsed: \(app.keymap.key(.open, in: .timeline)) opens one" : "series expanded"
        case .open:
            guard rows.indices.contains(cursor.selection) else { break }
            switch rows[cursor.selection] {
            case .event(let a, _):
                return .push(PagerScreen(article: a, app: &app))
            case .series(let name, _, _):
                if expanded.remove(name) == nil { expanded.insert(name) }
                rebuild(app)
            default:
                break
            }
        case .nextYear, .previousYear:
            let years = rows.indices.filter { if case .year = rows[$0] { return true } else { return false } }
            let current = years.last { $0 < cursor.selection }
            let target = action == .nextYear ? years.first { $0 > cursor.selection } : current.flatMap { c in years.last { $0 < c } }
            if let y = target, let first = rows.indices.first(where: { $0 > y && rows[$0].isSelectable }) {
                cursor.selection = first
                cursor.offset = y
                cursor.keepVisible(count: rows.count, rows: app.pagerRows, margin: 2)
            } else {
                app.message = action == .nextYear ? "last year" : "first year"
            }
        default:
            let rows = self.rows
            guard cursor.move(action, count: rows.count, rows: app.pagerRows, margin: 2, selectable: { rows[$0].isSelectable }) else {
                return .unhandled
            }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String {
        let one = eventCount == 1
        let what = kinds.count == 2 ? (one ? "exercise or meeting" : "exercises and meetings")
            : kinds.first == .exercise ? (one ? "exercise" : "exercises") : (one ? "meeting" : "meetings")
        return "timeline: \(eventCount) \(what)"
    }

    /// Year and month headings, each event's date or span as a bar on its month's scale (one
    /// cell a day), its kind, title and place; series as one row of year marks under a scale.
    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let lo = scale?.first ?? Int.max, hi = scale?.last ?? Int.min
        let markX = 4 + 26
        let showMarks = hi >= lo && hi - lo < app.width - markX - 12
        for line in 0..<area.height {
            let i = cursor.offset + line
            guard i < rows.count else { break }
            let y = area.y + line
            switch rows[i] {
            case .year(let year):
                buf.put("\(year)", x: 1, y: y, style: theme.style(.title))
            case .month(_, let month):
                buf.put("  " + Timeline.monthNames[month - 1], x: 1, y: y, style: theme.style(.label))
            case .unknownDate:
                buf.put("date unknown", x: 1, y: y, style: theme.style(.title))
            case .seriesScale(let first, let last):
                buf.put("Exercise series", x: 1, y: y, style: theme.style(.title))
                if showMarks, last - first >= 8 {
                    // The first and last year over the first and last mark.
                    buf.put("\(first)", x: markX, y: y, style: theme.style(.label))
                    let lastText = "\(last)"
                    buf.put(lastText, x: markX + (last - first) - (lastText.count - 1), y: y, style: theme.style(.label))
                } else if showMarks {
                    // Too few years for both labels over the marks: the years they stand for.
                    buf.put("\(first)–\(last), a mark a year", x: markX, y: y, style: theme.style(.label))
                } else {
                    buf.put("\(first)–\(last)", x: markX, y: y, style: theme.style(.label))
                }
            case .event(let a, let span):
                let article = app.articles[a]
                var x = 4
                let date = span.map(Timeline.label) ?? "undated"
                x += buf.put(date.padding(toLength: 26, withPad: " ", startingAt: 0), x: x, y: y, style: theme.style(.listDate))
                if let span, app.width >= 100 {
                    x += buf.put(Timeline.bar(span) + " ", x: x, y: y, style: theme.style(.progress))
                }
                x += buf.put(Widgets.kindMarker(article.kind) + " ", x: x, y: y, style: theme.style(.listKind))
                // The place always shows: the title gives way.
                let place = Timeline.place(article).map { " · " + $0 } ?? ""
                let room = max(1, app.width - x - 1 - DisplayWidth.of(place))
                x += buf.put(DisplayWidth.truncate(article.title, to: room), x: x, y: y, style: theme.style(article.full ? .listTitle : .listTeaser))
                buf.put(place, x: x, y: y, style: theme.style(.dim), limit: max(0, app.width - x - 1))
            case .series(let name, let ys, let items):
                var x = 2
                x += buf.put(expanded.contains(name) ? "▾ " : "▸ ", x: x, y: y, style: theme.style(.label))
                x += buf.put(DisplayWidth.truncate(name, to: 25).padding(toLength: 26, withPad: " ", startingAt: 0), x: x, y: y, style: theme.style(.title))
                if showMarks {
                    var marks = ""
                    for year in lo...hi { marks += ys.contains(year) ? "●" : "·" }
                    x += buf.put(marks + " ", x: x, y: y, style: theme.style(.progress))
                }
                let range = ys.isEmpty ? "undated" : ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)"
                buf.put("\(items.count) exercise\(items.count == 1 ? "" : "s"), \(range)", x: x, y: y, style: theme.style(.text), limit: app.width - x - 1)
            }
            if i == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: app.width, height: 1), &buf, theme) }
        }
        if rows.isEmpty {
            // (The kinds shown named: with meetings only, "no exercise or meeting" would mislead.)
            let what = kinds.count == 2 ? "exercise or meeting" : kinds.first == .exercise ? "exercise" : "meeting"
            buf.put("no \(what) in the current results", x: 2, y: area.y + 1, style: theme.style(.dim), limit: app.width - 3)
        }
    }
}
