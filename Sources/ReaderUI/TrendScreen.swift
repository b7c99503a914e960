import Corpus
import SearchIndex
import TerminalCore

/// The trend (`T`): the current results counted per month or per year (Tab), as a bar chart
/// with labelled axes (periods down the left, counts along the top); a second query laid beside
/// it for comparison (`v`, as `afghanistan` against `armenia`). Enter on a bar filters the
/// results to its month or year. The two series differ in glyph (█ and ▒), not only in colour.
public struct TrendScreen: Screen {
    public internal(set) var period = TrendPeriod.year
    /// The second query, if one is laid beside.
    public internal(set) var versus: String? = nil
    public internal(set) var rows: [(period: String, count: Int, other: Int)] = []
    public internal(set) var undated = (0, 0)
    public internal(set) var cursor = ScrollCursor()
    public internal(set) var versusError: String? = nil
    var builtFor: (results: Int, period: TrendPeriod, versus: String?)? = nil
    var versusSeries: (query: String, period: TrendPeriod, series: (points: [TrendPoint], undated: Int))? = nil

    public var context: Context { .trend }
    public var showsResults: Bool { true }

    init(app: AppState) {
        refresh(app)
        cursor.selection = max(0, rows.count - 1)
        cursor.keepVisible(count: rows.count, rows: app.pagerRows - 2)
    }

    public mutating func refresh(_ app: AppState) {
        guard let box = app.searcher else { rows = []; return }
        if builtFor == nil || builtFor! != (app.resultsVersion, period, versus) {
            let was = cursor.selection < rows.count ? rows[cursor.selection].period : nil
            var set = Bitset(count: app.articles.count)
            for d in app.visible { set.insert(d) }
            let first = box.searcher.trend(set, by: period)
            var second: (points: [TrendPoint], undated: Int) = ([], 0)
            if versus != versusSeries?.query { versusError = nil }
            if let versus {
                // The second query does not depend on the results: counted once per query and period.
                if let cached = versusSeries, cached.query == versus, cached.period == period {
                    second = cached.series
                } else {
                    do {
                        let q = try QueryParser.parse(versus, prefixLast: true)
                        second = box.searcher.trend(box.searcher.matchSet(q, marks: app.docMarks), by: period)
                        versusSeries = (versus, period, second)
                    } catch {
                        versusError = error.message
                    }
                }
            }
            // One axis for both: every period from the first to the last of either (periods
            // as numbers, yyyy or yyyymm, so the walk always ends).
            var counts: [Int: (Int, Int)] = [:]
            for p in first.points { counts[Self.number(p.period), default: (0, 0)].0 = p.count }
            for p in second.points { counts[Self.number(p.period), default: (0, 0)].1 = p.count }
            var filled: [Int] = []
            if let lo = counts.keys.min(), let hi = counts.keys.max() {
                var k = lo
                while k <= hi {
                    filled.append(k)
                    k = period == .year ? k + 1 : (k % 100 == 12 ? (k / 100 + 1) * 100 + 1 : k + 1)
                }
            }
            rows = filled.map { (Self.label($0, period), counts[$0]?.0 ?? 0, counts[$0]?.1 ?? 0) }
            undated = (first.undated, second.undated)
            builtFor = (app.resultsVersion, period, versus)
            cursor.selection = was.flatMap { w in rows.firstIndex { $0.period == w } } ?? max(0, rows.count - 1)
        }
        cursor.keepVisible(count: rows.count, rows: app.pagerRows - 2)
    }

    /// `2024` → 2024, `2024-04` → 202404.
    static func number(_ p: String) -> Int {
        let parts = p.split(separator: "-").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 100 + parts[1] : parts.first ?? 0
    }

    static func label(_ k: Int, _ period: TrendPeriod) -> String {
        period == .year ? String(k) : QueryText.month(year: k / 100, month: k % 100)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back:
            return .close
        case .cycleOrder:
            period = period == .year ? .month : .year
            app.message = "by \(period.rawValue)"
        case .versus:
            return .push(SearchLineScreen(prompt: .versus, text: versus ?? "", history: app.history))
        case .versusQuery(let text):
            let t = text.trimmingCharacters(in: .whitespaces)
            // A query that does not run is said; the comparison shown stays.
            if !t.isEmpty {
                do throws(QueryError) { _ = try QueryParser.parse(t, prefixLast: true) } catch {
                    app.message = error.message
                    return .handled
                }
            }
            versus = t.isEmpty ? nil : t
            refresh(app)
            if let versusError { app.message = versusError } else if versus == nil { app.message = "comparison removed" }
        case .open:
            guard cursor.selection < rows.count else { break }
            let p = rows[cursor.selection].period
            // The bar's results: the period replaces the year and month filters when one of them
            // holds it whole (`year:2024`, a month of 2024), else it narrows them (ANDed).
            app.setQuery(QueryText.narrowing(to: p, in: app.query))
            app.message = "\(app.total) result\(app.total == 1 ? "" : "s") in \(p)"
            return .close
        default:
            guard cursor.move(action, count: rows.count, rows: app.pagerRows - 2) else { return .unhandled }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String {
        guard cursor.selection < rows.count else { return "trend: nothing dated" }
        let r = rows[cursor.selection]
        return "trend by \(period.rawValue): \(r.period) \(r.count)" + (versus == nil ? "" : " vs \(r.other)")
    }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let labelWidth = period == .year ? 5 : 8
        let series = versus == nil ? 1 : 2
        let room = app.width - labelWidth - 2
        let column = series == 1 ? room : room / 2
        let barMax = max(1, column - 8)
        let top = max(1, rows.map { max($0.count, $0.other) }.max() ?? 1)
        // The legend and the count axis.
        let a = app.goodQuery.isEmpty ? "all articles" : app.goodQuery
        var legend = "█ \(a)"
        if let versus { legend += "   ▒ \(versus)" + (versusError.map { " (\($0))" } ?? "") }
        if undated.0 + undated.1 > 0 { legend += "   undated: \(undated.0)" + (versus == nil ? "" : " / \(undated.1)") }
        buf.put(DisplayWidth.truncate(legend, to: app.width - 2), x: 1, y: area.y, style: theme.style(.label), limit: app.width - 2)
        for s in 0..<series {
            let x0 = labelWidth + 2 + s * column
            let axis = "0" + String(repeating: "─", count: max(0, barMax - String(top).count - 1)) + "\(top)"
            buf.put(axis, x: x0, y: area.y + 1, style: theme.style(.dim), limit: column)
        }
        for line in 0..<(area.height - 2) {
            let i = cursor.offset + line
            guard i < rows.count else { break }
            let r = rows[i]
            let y = area.y + 2 + line
            buf.put(r.period, x: 1, y: y, style: theme.style(.listDate), limit: labelWidth)
            for s in 0..<series {
                let n = s == 0 ? r.count : r.other
                let x0 = labelWidth + 2 + s * column
                let cells = n == 0 ? 0 : max(1, n * barMax / top)
                let w = buf.put(String(repeating: s == 0 ? "█" : "▒", count: cells), x: x0, y: y, style: theme.style(.progress), limit: barMax)
                buf.put(" \(n)", x: x0 + w, y: y, style: theme.style(.text), limit: column - w)
            }
            if i == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: app.width, height: 1), &buf, theme) }
        }
        if rows.isEmpty {
            buf.put("no dated article in the current results", x: 2, y: area.y + 3, style: theme.style(.dim), limit: app.width - 3)
        }
    }
}
