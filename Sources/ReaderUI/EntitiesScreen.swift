import Corpus
import SearchIndex
import TerminalCore

/// The entities of the current results (`E`): organizations, people, countries or exercise
/// series (Tab), each with its article count and a sparkline per year; sorted by count, name or
/// latest date (`o`); narrowed by typing (`/`); Enter filters the results to one (a query
/// term). A side panel lists what is named most often together with the selected one.
public struct EntitiesScreen: Screen {
    public enum Order: String, Sendable, CaseIterable { case count, name, latest }

    public internal(set) var type = EntityType.organization
    public internal(set) var order = Order.count
    public internal(set) var narrow = ""
    public internal(set) var rows: [EntityCount] = []
    public internal(set) var cursor = ScrollCursor()
    /// The selected entity's companions (worked out when the selection moves).
    public internal(set) var together: [CoMention] = []
    var togetherFor: String? = nil
    /// The years the sparklines span (the results' first to last year, at most 20).
    var years: ClosedRange<Int>? = nil
    var rowsKey: (results: Int, type: EntityType, order: Order, narrow: String)? = nil
    /// Every entity of the type in the results, by count, and their folded names (for
    /// narrowing and sorting by name).
    var counted: [EntityCount] = []
    var folded: [String] = []
    var countedFor: (results: Int, type: EntityType)? = nil
    /// Of how many articles naming the selected entity the companions were counted.
    public internal(set) var togetherSample = (documents: 0, sampled: 0)

    public var context: Context { .entities }
    public var showsResults: Bool { true }

    init(app: AppState) {
        refresh(app)
    }

    /// The current results as a set.
    static func resultSet(_ app: AppState) -> Bitset {
        var set = Bitset(count: app.articles.count)
        for d in app.visible { set.insert(d) }
        return set
    }

    public mutating func refresh(_ app: AppState) {
        guard let box = app.searcher else { rows = []; together = []; return }
        if countedFor == nil || countedFor! != (app.resultsVersion, type) {
            counted = box.searcher.entities(Self.resultSet(app), type: type)
            folded = counted.map { Folding.terms($0.name).joined(separator: " ") }
            countedFor = (app.resultsVersion, type)
            rowsKey = nil
            let ys = app.resultYears.compactMap { Int($0.value) }
            if let lo = ys.min(), let hi = ys.max() { years = max(lo, hi - 19)...hi } else { years = nil }
        }
        let key = (app.resultsVersion, type, order, narrow)
        if rowsKey == nil || rowsKey! != key {
            let was = cursor.selection < rows.count ? rows[cursor.selection].name : nil
            // Narrowed and sorted from the counts (kept while only these change).
            var picked = Array(counted.indices)
            if !narrow.isEmpty {
                let needle = Folding.terms(narrow).joined(separator: " ")
                picked = picked.filter { folded[$0].contains(needle) }
            }
            switch order {
            case .count: break
            case .name: picked.sort { folded[$0] != folded[$1] ? folded[$0] < folded[$1] : $0 < $1 }
            case .latest: picked.sort { counted[$0].latest != counted[$1].latest ? counted[$0].latest > counted[$1].latest : $0 < $1 }
            }
            rows = picked.map { counted[$0] }
            rowsKey = key
            cursor = ScrollCursor(selection: was.flatMap { n in rows.firstIndex { $0.name == n } } ?? 0)
            // The side panel is for the new rows: empty until one is selected (a tab with no
            // rows shows none of the last tab's).
            togetherFor = nil
            together = []
            togetherSample = (0, 0)
        }
        cursor.keepVisible(count: rows.count, rows: app.pagerRows - 1, margin: 1)
        let selected = cursor.selection < rows.count ? rows[cursor.selection].name : nil
        if selected != togetherFor {
            togetherFor = selected
            if let selected {
                let found = box.searcher.coMentions(of: selected, type: type, in: Self.resultSet(app))
                together = found.mentions
                togetherSample = (found.documents, found.sampled)
            } else {
                together = []
                togetherSample = (0, 0)
            }
        }
    }

    static func plural(_ t: EntityType) -> String {
        switch t {
        case .organization: return "organizations"
        case .person: return "people"
        case .country: return "countries"
        case .exercise: return "exercises"
        }
    }

    /// The query field of a type (`org`, `person`, `country`, `exercise`).
    static func field(_ t: EntityType) -> String { QueryText.field(t.facet) }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back:
            if !narrow.isEmpty {
                narrow = ""
                return .handled
            }
            return .close
        case .cycleEntityType:
            let all = EntityType.allCases
            type = all[(all.firstIndex(of: type)! + 1) % all.count]
            narrow = ""
            app.message = Self.plural(type)
        case .cycleOrder:
            let all = Order.allCases
            order = all[(all.firstIndex(of: order)! + 1) % all.count]
            app.message = "by \(order.rawValue)"
        case .searchStart:
            return .push(SearchLineScreen(purpose: .narrow, text: narrow))
        case .narrow(let text):
            narrow = text
        case .open:
            guard cursor.selection < rows.count else { break }
            let name = rows[cursor.selection].name
            let term = QueryText.term(field: Self.field(type), name)
            if !QueryText.tokens(app.query).contains(where: { $0.written == term }) {
                app.setQuery(app.query.isEmpty ? term : app.query + " " + term)
            }
            app.message = "\(app.total) result\(app.total == 1 ? "" : "s") naming \(name)"
            return .close
        default:
            guard cursor.move(action, count: rows.count, rows: app.pagerRows - 1, margin: 1) else { return .unhandled }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String {
        let pos = rows.isEmpty ? "0/0" : "\(cursor.selection + 1)/\(rows.count)"
        return "entities: \(Self.plural(type)) \(pos) by \(order.rawValue)" + (narrow.isEmpty ? "" : " · \"\(narrow)\"")
    }

    /// A heading row (type tabs), then the rows: sparkline, count, latest date, name; the side
    /// panel on the right from 100 columns (below the list otherwise: left out).
    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let side = app.width >= 100 ? min(44, app.width / 3) : 0
        let listWidth = app.width - side - (side > 0 ? 1 : 0)
        var x = 1
        for t in EntityType.allCases {
            let label = " \(Self.plural(t)) "
            x += buf.put(label, x: x, y: area.y, style: t == type ? Style(bold: true, reverse: true) : theme.style(.label), limit: listWidth - x)
            x += 1
        }
        if let ys = years, listWidth - x > 30 {
            buf.put("  \(ys.lowerBound)–\(ys.upperBound)", x: x, y: area.y, style: theme.style(.dim), limit: listWidth - x)
        }
        for line in 0..<(area.height - 1) {
            let i = cursor.offset + line
            guard i < rows.count else { break }
            let y = area.y + 1 + line
            let e = rows[i]
            var x = 1
            if let ys = years {
                var counts = [Int](repeating: 0, count: ys.count)
                var top = 0
                for (year, n) in e.years where ys.contains(year) { counts[year - ys.lowerBound] = n; top = max(top, n) }
                let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
                let bars = String(counts.map { $0 == 0 ? "·" : blocks[min(7, ($0 * 8 - 1) / max(1, top))] })
                x += buf.put(bars + " ", x: x, y: y, style: theme.style(.spark), limit: listWidth - x)
            }
            x += buf.put(String(e.count).leftPadded(6) + "  ", x: x, y: y, style: theme.style(.listKind), limit: listWidth - x)
            let latest = e.latest > 0 ? Day.label(e.latest) : "undated   "
            x += buf.put(latest + "  ", x: x, y: y, style: theme.style(.listDate), limit: listWidth - x)
            buf.put(DisplayWidth.truncate(e.name, to: max(1, listWidth - x - 1)), x: x, y: y, style: theme.style(.listTitle), limit: listWidth - x)
            if i == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: listWidth, height: 1), &buf, theme) }
        }
        if rows.isEmpty {
            let what = narrow.isEmpty ? "no \(type.rawValue) named in the current results" : "no \(type.rawValue) matches \"\(narrow)\""
            buf.put(what, x: 2, y: area.y + 2, style: theme.style(.dim), limit: listWidth - 3)
        }
        guard side > 0 else { return }
        let sx = listWidth + 1
        for y in area.y..<area.maxY { buf.put("│", x: listWidth, y: y, style: theme.style(.border)) }
        let title = togetherFor.map { "Named with \($0)" } ?? "Named together"
        buf.put(DisplayWidth.truncate(title, to: side - 1), x: sx, y: area.y, style: theme.style(.title), limit: side)
        if togetherSample.sampled < togetherSample.documents {
            buf.put("in the newest \(togetherSample.sampled) of \(togetherSample.documents) articles", x: sx, y: area.y + 1,
                    style: theme.style(.dim), limit: side)
        }
        for (k, c) in together.enumerated() where k < area.height - 2 {
            let y = area.y + 2 + k
            var x = sx
            x += buf.put(String(c.count).leftPadded(5) + " ", x: x, y: y, style: theme.style(.listKind), limit: app.width - x)
            x += buf.put(String(c.type.rawValue.prefix(3)) + " ", x: x, y: y, style: theme.style(.dim), limit: app.width - x)
            buf.put(DisplayWidth.truncate(c.name, to: max(1, app.width - x - 1)), x: x, y: y, style: theme.style(.text), limit: app.width - x)
        }
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

extension Day {
    /// `yyyy-mm-dd` of a yyyymmdd number.
    static func label(_ yyyymmdd: Int) -> String {
        let y = yyyymmdd / 10_000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }
}
