import Corpus
import TerminalCore

/// The timeline: year and month headings, each event's date or span as a bar on its month's
/// scale (one cell a day), its kind, title and place; series collapsed to one row of year marks.
func renderTimeline(_ s: AppState, _ t: TimelineState, _ buf: inout Buffer, _ theme: Theme) {
    let rows = s.pagerRows
    let years = t.rows.compactMap { row -> Int? in if case .series(_, let ys, _) = row { return ys.first } else { return nil } }
    let allYears = t.rows.flatMap { row -> [Int] in if case .series(_, let ys, _) = row { return ys } else { return [] } }
    let lo = allYears.min() ?? years.min() ?? 0, hi = allYears.max() ?? 0
    for line in 0..<rows {
        let i = t.scroll + line
        guard i < t.rows.count else { break }
        let y = 1 + line
        switch t.rows[i] {
        case .year(let year):
            buf.put("\(year)", x: 1, y: y, style: theme.style(.title))
        case .month(_, let month):
            buf.put("  " + Timeline.monthNames[month - 1], x: 1, y: y, style: theme.style(.label))
        case .unknownDate:
            buf.put("date unknown", x: 1, y: y, style: theme.style(.title))
        case .event(let a, let span):
            let article = s.articles[a]
            var x = 4
            let date = span.map(Timeline.label) ?? "undated"
            x += buf.put(date.padding(toLength: 26, withPad: " ", startingAt: 0), x: x, y: y, style: theme.style(.listDate))
            if let span, s.width >= 100 {
                x += buf.put(Timeline.bar(span) + " ", x: x, y: y, style: theme.style(.progress))
            }
            x += buf.put(kindMarker(article.kind) + " ", x: x, y: y, style: theme.style(.listKind))
            // The place always shows: the title gives way.
            let place = Timeline.place(article).map { " · " + $0 } ?? ""
            let room = max(1, s.width - x - 1 - DisplayWidth.of(place))
            x += buf.put(DisplayWidth.truncate(article.title, to: room), x: x, y: y, style: theme.style(article.full ? .listTitle : .listTeaser))
            buf.put(place, x: x, y: y, style: theme.style(.dim), limit: max(0, s.width - x - 1))
        case .series(let name, let ys, let items):
            var x = 4
            x += buf.put(DisplayWidth.truncate(name, to: 25).padding(toLength: 26, withPad: " ", startingAt: 0), x: x, y: y, style: theme.style(.title))
            // One mark per year on the scale of all series' years.
            if hi >= lo, hi - lo < s.width - x - 12 {
                var marks = ""
                for year in lo...hi { marks += ys.contains(year) ? "●" : "·" }
                x += buf.put(marks + " ", x: x, y: y, style: theme.style(.progress))
            }
            let range = ys.isEmpty ? "undated" : ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)"
            buf.put("\(items.count) exercise\(items.count == 1 ? "" : "s"), \(range)", x: x, y: y, style: theme.style(.text), limit: s.width - x - 1)
        }
        if i == t.selection {
            let sel = theme.style(.selection)
            buf.restyle(Rect(x: 0, y: y, width: s.width, height: 1)) { st in
                st.bg = sel.bg
                st.reverse = sel.reverse
                if sel.fg != .default { st.fg = sel.fg }
                st.dim = false
            }
        }
    }
    if t.rows.isEmpty {
        buf.put("no exercise or meeting in the current results", x: 2, y: 2, style: theme.style(.dim), limit: s.width - 3)
    }
    let kinds = t.kinds.count == 2 ? "exercises and meetings" : t.kinds.first == .exercise ? "exercises" : "meetings"
    let events = t.rows.filter { if case .event = $0 { return true } else { return false } }.count
    renderStatus(s, &buf, theme, left: "timeline: \(events) \(kinds)", hints: "Enter read  [/] year  e kinds  c series  q back")
}
