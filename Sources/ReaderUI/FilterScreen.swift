import Corpus
import SearchIndex
import TerminalCore

/// The filter panel (`f`): the facets of the current results with live counts. Toggling a value
/// edits the query itself through `QueryText` (`year:2024 OR year:2023`), so filters and query
/// are one thing: what the panel sets can be typed, and a typed `org:UN` shows as selected. A
/// year opens into months (`→`); `/` narrows the values by what is typed.
public struct FilterScreen: Screen {
    public internal(set) var cursor = ScrollCursor()
    /// Years opened into months.
    public internal(set) var openYears: Set<String> = []
    /// What the values are narrowed to (case-insensitive, anywhere in the value).
    public internal(set) var narrow = ""
    /// The rows, computed once per change of what they show (not per key or frame).
    public internal(set) var rows: [Row] = []
    var rowsKey: RowsKey? = nil

    struct RowsKey: Equatable {
        var results: Int, query: String, openYears: Set<String>, narrow: String
    }

    public var context: Context { .filters }
    public var isOverlay: Bool { true }
    public var showsResults: Bool { true }

    public struct Row: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case heading, value, month }
        public var kind: Kind
        public var facet: Facet
        public var value: String = ""
        public var count = 0
        public var selected = false
        /// What the query says for a selected value (turning it off removes that term); for a
        /// month, its `YYYY-MM`.
        public var raw: String? = nil
        /// The label shown (a month's name).
        public var label: String = ""
    }

    /// The month whose pick narrowed a picked year (or range), with the query before and after:
    /// picked again at once, it gives the year back.
    struct Narrowing: Sendable, Equatable { var month: String, before: String, after: String }
    var narrowed: Narrowing? = nil

    init(app: AppState) {
        updateRows(app)
        cursor.selection = rows.firstIndex { $0.kind != .heading } ?? 0
    }

    /// The panel's rows: a heading per facet, then its values with their counts, the values the
    /// query selects first. A value typed in the query is matched to the facet's own spelling
    /// (`org:ООН` ticks UN, `kind:Meeting` ticks meeting, `year:2018..2024` ticks each year).
    public static func rows(_ app: AppState, openYears: Set<String>, narrow: String) -> [Row] {
        let selected = QueryText.selected(in: app.query)
        let months = Set(QueryText.months(in: app.query))
        // A year with a month selected shows its months.
        let openYears = openYears.union(months.map { String($0.prefix(4)) })
        let needle = narrow.lowercased()
        var rows: [Row] = []
        for f in QueryText.facets {
            let counts = app.facets[f] ?? []
            var chosen: [Row] = []
            for raw in selected[f] ?? [] {
                let matches = counts.filter { names(raw, $0.value, f, app.index?.gazetteer) }
                if matches.isEmpty {
                    chosen.append(Row(kind: .value, facet: f, value: raw, count: 0, selected: true, raw: raw, label: raw))
                } else {
                    for m in matches where !chosen.contains(where: { $0.value == m.value }) {
                        chosen.append(Row(kind: .value, facet: f, value: m.value, count: m.count, selected: true, raw: raw, label: m.value))
                    }
                }
            }
            let rest = counts.filter { c in !chosen.contains { $0.value == c.value } }
                .map { Row(kind: .value, facet: f, value: $0.value, count: $0.count, label: $0.value) }
            var values = (chosen + rest).filter { needle.isEmpty || $0.value.lowercased().contains(needle) }
            if f == .year {
                // Years stay in their order, newest first, picked or not (a typed value that is
                // no year, as a range none of the results fall in, first).
                values.sort { a, b in
                    switch (Int(a.value), Int(b.value)) {
                    case let (x?, y?): return x > y
                    case (nil, _?): return true
                    default: return false
                    }
                }
                // Opened years: their months under them.
                var out: [Row] = []
                for v in values {
                    out.append(v)
                    guard openYears.contains(v.value), let year = Int(v.value) else { continue }
                    for (m, c) in app.months(ofYear: year) {
                        let ym = QueryText.month(year: year, month: m)
                        out.append(Row(kind: .month, facet: .year, value: ym, count: c, selected: months.contains(ym), raw: ym,
                                       label: "  " + Timeline.monthNames[m - 1]))
                    }
                }
                values = out
            }
            guard !values.isEmpty else { continue }
            rows.append(Row(kind: .heading, facet: f, label: QueryText.title(f)))
            rows += values
        }
        return rows
    }

    /// Whether a value typed in the query names a facet value: the same spelling (any case), an
    /// alias the gazetteer knows, or (years) a range that holds it.
    public static func names(_ typed: String, _ value: String, _ f: Facet, _ gazetteer: Gazetteer?) -> Bool {
        if typed.lowercased() == value.lowercased() { return true }
        switch f {
        case .year:
            let parts = typed.components(separatedBy: "..")
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(value) { return a <= y && y <= b }
            return false
        case .organization:
            return gazetteer?.names(matching: typed, kind: .org).contains { $0.lowercased() == value.lowercased() } ?? false
        case .country:
            return gazetteer?.names(matching: typed, kind: .country).contains { $0.lowercased() == value.lowercased() } ?? false
        default:
            return false
        }
    }

    /// Recomputes the rows when the results, the query, the opened years or the narrowing changed.
    mutating func updateRows(_ app: AppState) {
        let key = RowsKey(results: app.resultsVersion, query: app.query, openYears: openYears, narrow: narrow)
        guard key != rowsKey else { return }
        rows = FilterScreen.rows(app, openYears: openYears, narrow: narrow)
        rowsKey = key
    }

    public mutating func refresh(_ app: AppState) {
        updateRows(app)
        if cursor.selection >= rows.count || rows.isEmpty || rows[cursor.selection].kind == .heading {
            cursor.selection = rows.firstIndex { $0.kind != .heading } ?? 0
        }
        cursor.keepVisible(count: rows.count, rows: FilterScreen.innerRows(app))
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        updateRows(app)
        let rows = self.rows
        switch action {
        case .back, .quit:
            return .close
        case .searchStart:
            return .push(SearchLineScreen(purpose: .narrow, text: narrow))
        case .narrow(let text):
            narrow = text
            updateRows(app)
            cursor = ScrollCursor(selection: self.rows.firstIndex { $0.kind != .heading } ?? 0)
        case .nextFacet:
            // The first value of the next facet.
            guard rows.indices.contains(cursor.selection) else { break }
            let facet = rows[cursor.selection].facet
            cursor.selection = rows.indices.first { $0 > cursor.selection && rows[$0].kind != .heading && rows[$0].facet != facet }
                ?? rows.firstIndex { $0.kind != .heading } ?? 0
        case .expand:
            guard rows.indices.contains(cursor.selection) else { break }
            let row = rows[cursor.selection]
            guard row.facet == .year, row.kind == .value else {
                app.message = "only a year opens (into months)"
                break
            }
            if openYears.remove(row.value) == nil { openYears.insert(row.value) }
            updateRows(app)
        case .fold:
            // On an opened year or one of its months: the year folds, the cursor on it.
            guard rows.indices.contains(cursor.selection), case let row = rows[cursor.selection], row.facet == .year,
                  row.kind == .month || Int(row.value) != nil else { return .close }
            let year = String(row.value.prefix(4))
            if QueryText.months(in: app.query).contains(where: { $0.hasPrefix(year + "-") }) {
                app.message = "a picked month keeps \(year) open"
                break
            }
            guard openYears.remove(year) != nil else { return .close }
            updateRows(app)
            cursor.selection = self.rows.firstIndex { $0.kind == .value && $0.facet == .year && $0.value == year } ?? cursor.selection
        case .toggleValue:
            guard rows.indices.contains(cursor.selection) else { break }
            let row = rows[cursor.selection]
            switch row.kind {
            case .heading: break
            case .month:
                if row.selected, let n = narrowed, n.month == row.value, n.after == app.query {
                    // Space again on the month that narrowed a year: the year as it was.
                    app.setQuery(n.before)
                    narrowed = nil
                } else {
                    let before = app.query
                    app.setQuery(QueryText.toggling(field: "month", row.value, in: before))
                    let narrowedYears = QueryText.values(field: "year", in: before) != QueryText.values(field: "year", in: app.query)
                    narrowed = !row.selected && narrowedYears ? Narrowing(month: row.value, before: before, after: app.query) : nil
                }
            case .value:
                if row.facet == .year, row.selected, let raw = row.raw, raw.contains(".."), let year = Int(row.value) {
                    // One year of a typed range: the rest of the range stays.
                    app.setQuery(QueryText.removingYear(year, fromRange: raw, in: app.query))
                } else {
                    app.setQuery(QueryText.toggling(row.facet, row.raw ?? row.value, in: app.query))
                }
            }
            // Stay on the same value after the rows are recomputed.
            updateRows(app)
            let again = self.rows
            cursor.selection = again.firstIndex { $0.kind == row.kind && $0.facet == row.facet && $0.value.lowercased() == row.value.lowercased() }
                ?? again.firstIndex { $0.kind != .heading } ?? 0
        default:
            guard cursor.move(action, count: rows.count, rows: FilterScreen.innerRows(app), selectable: { rows[$0].kind != .heading }) else {
                return .unhandled
            }
        }
        cursor.keepVisible(count: self.rows.count, rows: FilterScreen.innerRows(app))
        return .handled
    }

    /// The panel: at the right edge, between the header and the status line.
    static func box(_ app: AppState) -> Rect {
        let w = min(app.width, 56), h = max(6, app.height - 2)
        return Rect(x: app.width - w, y: 1, width: w, height: h)
    }

    static func innerRows(_ app: AppState) -> Int { max(1, box(app).height - 2) }

    public func status(_ app: AppState) -> String {
        narrow.isEmpty ? "filters" : "filters: /\(narrow)"
    }

    /// Facets with `[x]` on the active values, counts on the right, months indented.
    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let r = FilterScreen.box(app)
        let w = r.width
        guard w > 16, r.height > 3 else { return }
        Widgets.box(r, title: narrow.isEmpty ? " Filters " : " Filters: \(narrow) ", &buf, theme)
        let inner = r.height - 2
        let view = cursor
        if rows.isEmpty {
            buf.put(narrow.isEmpty ? "no values" : "no value contains \(narrow)", x: r.x + 2, y: r.y + 1, style: theme.style(.dim), limit: w - 4)
        }
        // A year with a picked month is open too.
        let opened = openYears.union(QueryText.months(in: app.query).map { String($0.prefix(4)) })
        for line in 0..<inner {
            let i = view.offset + line
            guard i < rows.count else { break }
            let row = rows[i]
            let y = r.y + 1 + line
            if row.kind == .heading {
                buf.put(row.label, x: r.x + 2, y: y, style: theme.style(.label), limit: w - 4)
                continue
            }
            let box = row.selected ? "[x] " : "[ ] "
            let opener = row.facet == .year && row.kind == .value ? (opened.contains(row.value) ? "▾" : "▸") : " "
            let count = String(row.count)
            let room = w - 6 - DisplayWidth.of(count) - 6
            let text = opener + box + DisplayWidth.truncate(row.label, to: max(1, room))
            let style = i == cursor.selection ? theme.style(.selection) : theme.style(row.count == 0 && !row.selected ? .dim : .text)
            if i == cursor.selection { buf.fill(Rect(x: r.x + 1, y: y, width: w - 2, height: 1), style: style) }
            buf.put(text, x: r.x + 2, y: y, style: style, limit: w - 4)
            buf.put(count, x: r.maxX - 2 - DisplayWidth.of(count), y: y, style: style)
        }
    }
}
