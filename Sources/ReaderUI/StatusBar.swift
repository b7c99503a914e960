import Corpus
import SearchIndex
import TerminalCore

/// The header (corpus or article; the active query, its filters as chips, the result count and
/// a sparkline of results by year) and the status line (position, hints, messages, input).
func renderHeader(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let style = theme.style(.header)
    buf.fill(Rect(x: 0, y: 0, width: s.width, height: 1), style: style)
    let corpus = s.origin == "built-in" ? "built-in corpus" : s.origin
    if let p = s.pager, p.article < s.articles.count {
        // Reading: the article's date and title stay in view while the text scrolls.
        let a = s.articles[p.article]
        let right = s.visible.firstIndex(of: p.article).map { " \($0 + 1)/\(s.visible.count) " } ?? " "
        let rw = DisplayWidth.of(right)
        let left = " " + (a.displayDate?.description ?? "undated") + " · " + a.title
        buf.put(DisplayWidth.truncate(left, to: max(1, s.width - rw - 1)), x: 0, y: 0, style: style)
        buf.put(right, x: max(0, s.width - rw), y: 0, style: style)
        return
    }
    let count = s.loading != nil && s.articles.isEmpty ? "loading… "
        : s.query.isEmpty ? "\(s.articles.count) article\(s.articles.count == 1 ? "" : "s") "
        : "\(s.total) of \(s.articles.count) "
    let spark = sparkline(s.resultYears)
    let right = (spark.isEmpty ? "" : spark + " ") + count
    let rw = DisplayWidth.of(right)
    let limit = max(1, s.width - rw - 1)
    var x = buf.put(" csto-reader · \(corpus)", x: 0, y: 0, style: style, limit: limit)
    if !s.goodQuery.isEmpty {
        // The words typed, then each filter as a chip; "…" when they do not fit.
        let filters = Filters.selected(in: s.goodQuery)
        let words = Filters.tokens(Filters.clear(s.goodQuery)).joined(separator: " ")
        var pieces: [(String, Role)] = []
        if !words.isEmpty { pieces.append(("  /" + words, .header)) }
        for f in Filters.facets {
            for v in filters[f] ?? [] { pieces.append((" ", .header)); pieces.append((" " + Filters.token(f, v) + " ", .chip)) }
        }
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
        if !spark.isEmpty { buf.restyle(Rect(x: sx, y: 0, width: DisplayWidth.of(spark), height: 1)) { $0 = theme.style(.spark) } }
    }
}

/// Counts by year as a one-line sparkline, oldest year first (years with no result are gaps).
public func sparkline(_ years: [(value: String, count: Int)], maxWidth: Int = 24) -> String {
    let pairs = years.compactMap { y in Int(y.value).map { ($0, y.count) } }
    guard let lo = pairs.map(\.0).min(), let hi = pairs.map(\.0).max(), let top = pairs.map(\.1).max(), top > 0 else { return "" }
    let span = hi - lo + 1
    guard span <= maxWidth else {
        // Too many years for the width: the most recent ones.
        return sparkline(pairs.filter { $0.0 > hi - maxWidth }.map { (String($0.0), $0.1) }, maxWidth: maxWidth)
    }
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    var counts = [Int](repeating: 0, count: span)
    for (y, c) in pairs { counts[y - lo] += c }
    return String(counts.map { $0 == 0 ? " " : blocks[min(7, ($0 * 8 - 1) / top)] })
}

func renderStatus(_ s: AppState, _ buf: inout Buffer, _ theme: Theme, left: String, hints: String) {
    let y = s.height - 1
    if let input = s.input {
        let style = theme.style(.text)
        buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: style)
        // The line with its cursor; the end of a long line stays in view.
        let chars = ["/"] + input.chars.map(String.init)
        let cursor = input.cursor + 1
        var start = 0
        while start < cursor, DisplayWidth.of(chars[start...cursor - 1].joined()) > s.width - 2 { start += 1 }
        var x = 0
        for (i, c) in chars.enumerated() where i >= start {
            x += buf.put(c, x: x, y: y, style: i == cursor ? Style(reverse: true) : style)
        }
        if cursor >= chars.count { buf.put(" ", x: x, y: y, style: Style(reverse: true)) }
        if let error = s.queryError, input.purpose == .query {
            let e = " " + error + " "
            let ex = max(x + 2, s.width - DisplayWidth.of(e))
            if ex < s.width { buf.put(e, x: ex, y: y, style: theme.style(.error), limit: s.width - ex) }
        } else if input.purpose == .query {
            let n = " \(s.total) result\(s.total == 1 ? "" : "s") "
            let nx = s.width - DisplayWidth.of(n)
            if nx > x + 2 { buf.put(n, x: nx, y: y, style: theme.style(.dim)) }
        }
        return
    }
    let style = s.message != nil ? theme.style(.message) : theme.style(.status)
    buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: style)
    let text = " " + left + "  " + (s.message ?? hints)
    buf.put(DisplayWidth.truncate(text, to: s.width), x: 0, y: y, style: style)
}
