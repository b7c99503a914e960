import Corpus
import SearchIndex
import TerminalCore

/// The header (corpus or article; the active query, its filters as chips, the sort, the result
/// count and a sparkline of results by year with its first and last year) and the status line.
enum Header {
    static func render(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
        let style = theme.style(.header)
        buf.fill(Rect(x: 0, y: 0, width: s.width, height: 1), style: style)
        let corpus = s.origin == "built-in" ? "built-in corpus" : s.origin
        if let p = s.base as? PagerScreen, p.article < s.articles.count {
            // Reading: the article's date and title stay in view while the text scrolls.
            let a = s.articles[p.article]
            // The pager's article is the list's selected one (opening and J/K select it): no
            // search of the list on every frame.
            let row = s.selectedArticle == p.article ? s.list.selection : nil
            let right = row.map { " \($0 + 1)/\(s.visible.count) " } ?? " "
            let rw = DisplayWidth.of(right)
            let left = " " + (a.displayDate?.description ?? "undated") + " · " + a.title
            buf.put(DisplayWidth.truncate(left, to: max(1, s.width - rw - 1)), x: 0, y: 0, style: style)
            buf.put(right, x: max(0, s.width - rw), y: 0, style: style)
            return
        }
        let count = s.loading != nil && s.articles.isEmpty ? "loading… "
            : s.query.isEmpty ? "\(s.articles.count) article\(s.articles.count == 1 ? "" : "s") "
            : "\(s.total) of \(s.articles.count) "
        // (Filters alone rank nothing: the list is newest first, as with no query, and says no order.)
        let ranked = !QueryText.words(s.goodQuery).trimmingCharacters(in: .whitespaces).isEmpty
        let order = s.sort == .date ? "by date · " : ranked ? "by relevance · " : ""
        var spark = sparkline(s.resultYears, maxWidth: s.width >= 100 ? 24 : 12)
        // On a narrow window the count stays; the sort and the sparkline give way.
        let room = s.width / 2
        if DisplayWidth.of(spark.bars) + 10 + order.count + count.count > room { spark = ("", 0, 0) }
        let sparkText = spark.bars.isEmpty ? "" : "\(spark.first) " + spark.bars + " \(spark.last) "
        let right = sparkText + (order.count + count.count > room ? "" : order) + count
        let rw = DisplayWidth.of(right)
        let limit = max(1, s.width - rw - 1)
        var x = buf.put(" csto-reader · \(corpus)", x: 0, y: 0, style: style, limit: limit)
        if !s.goodQuery.isEmpty {
            // The words typed, then each filter as a chip; "…" when they do not fit.
            let filters = QueryText.selected(in: s.goodQuery)
            let words = QueryText.words(s.goodQuery)
            var pieces: [(String, Role)] = []
            if !words.isEmpty { pieces.append(("  /" + words, .header)) }
            // One chip per field: its values ORed, as the panel combines them.
            // The year facet's chip holds its months too when they are ORed with its years (as
            // the panel writes them); a month ANDed with a year is a chip of its own.
            let months = QueryText.months(in: s.goodQuery).map { "month:" + $0 }
            let together = QueryText.yearsAndMonthsORed(in: s.goodQuery)
            var chips: [String] = QueryText.facets.compactMap { f in
                let terms = (filters[f] ?? []).map { QueryText.term(f, $0) } + (f == .year && together ? months : [])
                return terms.isEmpty ? nil : terms.joined(separator: " OR ")
            }
            if !together, !months.isEmpty { chips.append(months.joined(separator: " OR ")) }
            for chip in chips { pieces.append((" ", .header)); pieces.append((" " + chip + " ", .chip)) }
            for (text, role) in pieces {
                let w = DisplayWidth.of(text)
                if x + w > limit - 1 {
                    buf.put(DisplayWidth.truncate(text, to: max(1, limit - x)), x: x, y: 0, style: theme.style(role), limit: max(0, limit - x))
                    x = limit
                    break
                }
                x += buf.put(text, x: x, y: 0, style: theme.style(role), limit: limit - x)
            }
        }
        if s.width - rw > 0 {
            let sx = s.width - rw
            buf.put(right, x: sx, y: 0, style: style)
            if !spark.bars.isEmpty {
                let bx = sx + DisplayWidth.of("\(spark.first) ")
                buf.restyle(Rect(x: bx, y: 0, width: DisplayWidth.of(spark.bars), height: 1)) { $0 = theme.style(.spark) }
            }
        }
    }

    /// The status line: the screen's position on the left, then a message or the key hints.
    static func status(_ s: AppState, _ buf: inout Buffer, _ theme: Theme, left: String, hints: String) {
        let y = s.height - 1
        let style = s.message != nil ? theme.style(.message) : theme.style(.status)
        buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: style)
        let text = " " + left + "  " + (s.message ?? hints)
        buf.put(DisplayWidth.truncate(text, to: s.width), x: 0, y: y, style: style)
    }
}

/// Counts by year as a one-line sparkline, oldest year first (years with no result are gaps),
/// with the first and last year it covers.
public func sparkline(_ years: [(value: String, count: Int)], maxWidth: Int = 24) -> (bars: String, first: Int, last: Int) {
    let pairs = years.compactMap { y in Int(y.value).map { ($0, y.count) } }
    guard let lo = pairs.map(\.0).min(), let hi = pairs.map(\.0).max(), let top = pairs.map(\.1).max(), top > 0 else { return ("", 0, 0) }
    let span = hi - lo + 1
    guard span <= maxWidth else {
        // Too many years for the width: the most recent ones.
        return sparkline(pairs.filter { $0.0 > hi - maxWidth }.map { (String($0.0), $0.1) }, maxWidth: maxWidth)
    }
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    var counts = [Int](repeating: 0, count: span)
    for (y, c) in pairs { counts[y - lo] += c }
    return (String(counts.map { $0 == 0 ? " " : blocks[min(7, ($0 * 8 - 1) / top)] }), lo, hi)
}
