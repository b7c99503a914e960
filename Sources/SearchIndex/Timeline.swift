import Corpus

/// A row of the timeline of exercises and meetings (the reader's `t` and `csto-reader
/// timeline`): year and month headings, events with their date or span, collapsed series.
public enum TimelineRow: Sendable, Equatable {
    case year(Int)
    case month(year: Int, month: Int)
    case unknownDate
    /// Above collapsed series: the years their marks stand for, first to last.
    case seriesScale(first: Int, last: Int)
    /// An event: the article (an index into the articles) and its span, nil when undated.
    case event(article: Int, span: DateSpan?)
    /// A collapsed exercise series: its name, the years it ran, and its articles.
    case series(name: String, years: [Int], articles: [Int])

    public var isSelectable: Bool {
        switch self {
        case .event, .series: return true
        default: return false
        }
    }
}

public enum Timeline {
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// The date an article's event is placed at: its event span, else its publication day.
    public static func span(_ a: Article) -> DateSpan? {
        a.event ?? a.published.map { DateSpan($0) }
    }

    /// Every article in timeline order with its span: dated ones by their span's start, then
    /// the undated. Computed once per corpus; the timeline then only filters it.
    public static func order(_ articles: [Article]) -> [(article: Int, span: DateSpan?)] {
        var keyed: [(Int, DateSpan)] = []
        var undated: [(Int, DateSpan?)] = []
        keyed.reserveCapacity(articles.count)
        for i in articles.indices {
            if let s = articles[i].event ?? articles[i].published.map({ DateSpan($0) }) { keyed.append((i, s)) } else { undated.append((i, nil)) }
        }
        keyed.sort { $0.1.start != $1.1.start ? $0.1.start < $1.1.start : $0.0 < $1.0 }
        return keyed.map { ($0.0, Optional($0.1)) } + undated
    }

    /// Rows for the given articles (indices into `articles`), of the given kinds.
    public static func rows(_ articles: [Article], visible: [Int], kinds: Set<ArticleKind>, collapsed: Bool,
                            order: [(article: Int, span: DateSpan?)]? = nil) -> [TimelineRow] {
        let order = order ?? Self.order(articles)
        var shown = [Bool](repeating: false, count: articles.count)
        for i in visible { shown[i] = true }
        let wantExercise = kinds.contains(.exercise), wantMeeting = kinds.contains(.meeting)
        var dated: [(Int, DateSpan)] = []
        var undated: [Int] = []
        var series: [String: [Int]] = [:]
        for (i, span) in order where shown[i] {
            let kind = articles[i].kind
            guard (kind == .exercise && wantExercise) || (kind == .meeting && wantMeeting) || (kind != .exercise && kind != .meeting && kinds.contains(kind)) else { continue }
            if collapsed, kind == .exercise, let first = articles[i].exercises.first {
                series[SearchIndex.series(first), default: []].append(i)
                continue
            }
            if let span { dated.append((i, span)) } else { undated.append(i) }
        }
        var rows: [TimelineRow] = []
        rows.reserveCapacity(dated.count + undated.count + 64)
        if collapsed, !series.isEmpty {
            let years = series.values.flatMap { $0.compactMap { span(articles[$0])?.start.year } }
            if let lo = years.min(), let hi = years.max() { rows.append(.seriesScale(first: lo, last: hi)) }
            for name in series.keys.sorted() {
                let items = series[name]!
                let years = Set(items.compactMap { span(articles[$0])?.start.year }).sorted()
                rows.append(.series(name: name, years: years, articles: items))
            }
        }
        var year = -1, month = -1
        for (i, s) in dated {
            if s.start.year != year {
                year = s.start.year
                month = -1
                rows.append(.year(year))
            }
            if s.start.month != month {
                month = s.start.month
                rows.append(.month(year: year, month: month))
            }
            rows.append(.event(article: i, span: s))
        }
        if !undated.isEmpty {
            rows.append(.unknownDate)
            for i in undated { rows.append(.event(article: i, span: nil)) }
        }
        return rows
    }

    /// A place the article names: a city from a short list, else its first country.
    static let cities = ["Moscow", "Minsk", "Astana", "Nur-Sultan", "Almaty", "Bishkek", "Osh", "Dushanbe", "Yerevan",
                         "Tashkent", "Brest", "Sochi", "St. Petersburg", "Saint Petersburg", "Edelweiss", "Balkhash",
                         "Odintsovo", "Kant", "Москва", "Минск", "Астана", "Бишкек", "Душанбе", "Ереван"]

    public static func place(_ a: Article) -> String? {
        let text = a.title + " " + (a.paragraphs.first ?? "")
        for c in cities where text.contains(c) { return c }
        // The CSTO Secretariat (and its consultations, its receptions) is in Moscow.
        if text.contains("CSTO Secretariat") || text.contains("Секретариат ОДКБ") { return "Moscow" }
        // Else a country the headline or lead names (not one mentioned later in passing).
        return a.countries.first { text.contains($0) }
    }

    /// The span as text: `12–13 Mar 2024`, `8 Apr 2024`, `28 Dec 2023 – 9 Jan 2024`.
    public static func label(_ s: DateSpan) -> String {
        func short(_ m: Int) -> String { String(monthNames[m - 1].prefix(3)) }
        let a = s.start, b = s.end
        if a == b { return "\(a.day) \(short(a.month)) \(a.year)" }
        if a.year == b.year && a.month == b.month { return "\(a.day)–\(b.day) \(short(a.month)) \(a.year)" }
        if a.year == b.year { return "\(a.day) \(short(a.month)) – \(b.day) \(short(b.month)) \(a.year)" }
        return "\(a.day) \(short(a.month)) \(a.year) – \(b.day) \(short(b.month)) \(b.year)"
    }

    /// A bar of the span on its month's scale (one cell a day): `···██·····`; `→` when it
    /// runs into the next month.
    public static func bar(_ s: DateSpan, width: Int = 31) -> String {
        let days = Day.daysIn(month: s.start.month, year: s.start.year)
        let sameMonth = s.start.year == s.end.year && s.start.month == s.end.month
        let last = sameMonth ? s.end.day : days
        var out = ""
        for d in 1...min(width, 31) {
            if d > days { out += " "; continue }
            out += d >= s.start.day && d <= last ? "█" : "·"
        }
        return out + (sameMonth ? " " : "→")
    }
}
