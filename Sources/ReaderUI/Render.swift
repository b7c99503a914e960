import Corpus
import TerminalCore

/// Draws the whole screen for a state into a new buffer. Pure.
public func render(_ s: AppState, theme: Theme) -> Buffer {
    var buf = Buffer(width: s.width, height: s.height)
    if s.tooSmall {
        renderTooSmall(s, &buf, theme)
        return buf
    }
    if let loading = s.loading, s.articles.isEmpty {
        renderHeader(s, &buf, theme)
        let text = "Loading… \(loading.done)/\(loading.total) pages read, \(loading.articles) article blocks found"
        let y = s.height / 2
        buf.put(text, x: max(0, (s.width - DisplayWidth.of(text)) / 2), y: y, style: theme.style(.progress))
        renderStatus(s, &buf, theme, left: "loading", hints: "q quit")
        return buf
    }
    renderHeader(s, &buf, theme)
    if let p = s.pager {
        renderPager(s, p, &buf, theme)
    } else {
        renderList(s, &buf, theme)
        renderBorder(s, &buf, theme)
        renderDetail(s, &buf, theme)
        let position = s.articles.isEmpty ? "0/0" : "\(s.selection + 1)/\(s.articles.count)"
        renderStatus(s, &buf, theme, left: position, hints: "j/k move  Enter read  Tab focus  ? help  q quit")
    }
    if s.showHelp { renderHelp(s, &buf, theme) }
    return buf
}

func renderTooSmall(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let lines = ["terminal too small", "\(s.width)×\(s.height), need \(AppState.minWidth)×\(AppState.minHeight)"]
    for (i, l) in lines.enumerated() {
        let y = s.height / 2 - 1 + i
        buf.put(l, x: max(0, (s.width - DisplayWidth.of(l)) / 2), y: max(0, y), style: theme.style(.error), limit: s.width)
    }
}

func renderHeader(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let style = theme.style(.header)
    buf.fill(Rect(x: 0, y: 0, width: s.width, height: 1), style: style)
    let corpus = s.origin == "built-in" ? "built-in corpus" : s.origin
    var left = " csto-reader · \(corpus)"
    var right = "\(s.articles.count) article\(s.articles.count == 1 ? "" : "s") "
    if let p = s.pager, p.article < s.articles.count {
        // Reading: the article's date and title stay in view while the text scrolls.
        let a = s.articles[p.article]
        left = " " + (a.displayDate?.description ?? "undated") + " · " + a.title
        right = " \(p.article + 1)/\(s.articles.count) "
    }
    let rw = DisplayWidth.of(right)
    buf.put(DisplayWidth.truncate(left, to: max(1, s.width - rw - 1)), x: 0, y: 0, style: style)
    buf.put(right, x: max(0, s.width - rw), y: 0, style: style)
}

func renderStatus(_ s: AppState, _ buf: inout Buffer, _ theme: Theme, left: String, hints: String) {
    let y = s.height - 1
    if let input = s.input {
        buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: theme.style(.text))
        // Show the end of a long input.
        let prompt = "/" + input
        let shown = DisplayWidth.of(prompt) < s.width ? prompt : "…" + String(prompt.suffix(max(1, s.width - 3)))
        buf.put(shown + "█", x: 0, y: y, style: theme.style(.text), limit: s.width)
        return
    }
    let style = s.message != nil ? theme.style(.message) : theme.style(.status)
    buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: style)
    let text = " " + left + "  " + (s.message ?? hints)
    buf.put(DisplayWidth.truncate(text, to: s.width), x: 0, y: y, style: style)
}

func kindMarker(_ k: ArticleKind) -> String {
    switch k {
    case .exercise: return "E"
    case .meeting: return "M"
    case .interview: return "I"
    case .statement: return "S"
    case .other: return "·"
    }
}

func renderList(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let r = s.listRect
    for row in 0..<r.height {
        let i = s.listScroll + row
        guard i < s.articles.count else { break }
        let a = s.articles[i]
        let y = r.y + row
        let selected = i == s.selection
        let date = a.displayDate?.description ?? "undated   "
        var x = r.x
        x += buf.put(date + " ", x: x, y: y, style: theme.style(.listDate), limit: r.maxX - x)
        x += buf.put(kindMarker(a.kind) + " ", x: x, y: y, style: theme.style(.listKind), limit: r.maxX - x)
        let titleStyle = theme.style(a.full ? .listTitle : .listTeaser)
        let room = r.maxX - x
        if room > 0 { buf.put(DisplayWidth.truncate(a.title, to: room), x: x, y: y, style: titleStyle, limit: room) }
        if selected {
            let sel = theme.style(s.focus == .list ? .selection : .selectionInactive)
            buf.restyle(Rect(x: r.x, y: y, width: r.width, height: 1)) { st in
                st.fg = sel.fg == .default ? st.fg : sel.fg
                st.bg = sel.bg
                st.reverse = sel.reverse
                st.bold = st.bold || sel.bold
                st.underline = sel.underline
                st.dim = st.dim && !sel.reverse && sel.bg == .default
            }
        }
    }
    if s.articles.isEmpty {
        buf.put("no articles", x: r.x + 1, y: r.y, style: theme.style(.dim), limit: r.width - 1)
    }
}

func renderBorder(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let style = theme.style(s.focus == .detail ? .label : .border)
    if s.sideBySide {
        let x = s.listRect.maxX
        for y in s.body.y..<s.body.maxY { buf.put("│", x: x, y: y, style: style) }
    } else {
        let y = s.listRect.maxY
        buf.put(String(repeating: "─", count: s.width), x: 0, y: y, style: style)
    }
}

func draw(_ line: DocLine, at x: Int, _ y: Int, width: Int, _ buf: inout Buffer, _ theme: Theme) {
    var col = x
    for seg in line.segments {
        let used = buf.put(seg.text, x: col, y: y, style: theme.style(seg.role), limit: x + width - col)
        col += used
        if col >= x + width { break }
    }
}

func renderDetail(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let r = s.detailRect
    guard r.height > 0, r.width > 0 else { return }
    for row in 0..<r.height {
        let i = s.detailScroll + row
        guard i < s.detailLines.count else { break }
        draw(s.detailLines[i], at: r.x, r.y + row, width: r.width, &buf, theme)
    }
}

func renderPager(_ s: AppState, _ p: PagerState, _ buf: inout Buffer, _ theme: Theme) {
    let rows = s.pagerRows
    let x = 1, width = max(1, s.width - 2)
    for row in 0..<rows {
        let i = p.scroll + row
        guard i < p.lines.count else { break }
        draw(p.lines[i], at: x, 1 + row, width: width, &buf, theme)
        // Matches of the search inside the article.
        for (mi, m) in p.matches.enumerated() where m.line == i {
            let text = Array(p.lines[i].text)
            let before = DisplayWidth.of(String(text[0..<min(m.start, text.count)]))
            let length = DisplayWidth.of(String(text[min(m.start, text.count)..<min(m.start + m.length, text.count)]))
            let style = theme.style(mi == p.currentMatch ? .currentMatch : .match)
            buf.restyle(Rect(x: x + before, y: 1 + row, width: length, height: 1)) { st in
                st = Style(fg: style.fg, bg: style.bg, bold: style.bold || st.bold, reverse: style.reverse, underline: style.underline)
            }
        }
    }
    let total = max(1, p.lines.count)
    let percent = p.lines.count <= rows ? 100 : min(100, (p.scroll + rows) * 100 / total)
    let questions = p.lines.filter(\.questionStart).count
    var hints = "q back  / search  n/N next/prev"
    if questions > 0 { hints += "  ]/[ question" }
    renderStatus(s, &buf, theme, left: "\(percent)%", hints: hints)
}

func helpLines() -> [(String, String)] {
    var out: [(String, String)] = []
    for c in Context.allCases {
        out.append((c.rawValue, ""))
        for info in ActionTable.all where info.context == c { out.append((info.keyNames, info.help)) }
        out.append(("", ""))
    }
    out.append(("Mouse", "with --mouse: wheel scrolls, click selects"))
    return out
}

func renderHelp(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let lines = helpLines()
    let w = min(s.width - 4, 60), h = min(s.height - 2, lines.count + 2)
    guard w > 10, h > 3 else { return }
    let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
    buf.fill(r, style: theme.style(.text))
    let border = theme.style(.border)
    buf.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: r.x, y: r.y, style: border)
    buf.put(" Keys ", x: r.x + 2, y: r.y, style: theme.style(.title))
    for y in (r.y + 1)..<(r.maxY - 1) {
        buf.put("│", x: r.x, y: y, style: border)
        buf.put("│", x: r.maxX - 1, y: y, style: border)
    }
    buf.put("└" + String(repeating: "─", count: w - 2) + "┘", x: r.x, y: r.maxY - 1, style: border)
    let inner = h - 2
    let scroll = min(s.helpScroll, max(0, lines.count - inner))
    for row in 0..<inner {
        let i = scroll + row
        guard i < lines.count else { break }
        let (keys, help) = lines[i]
        let y = r.y + 1 + row
        if help.isEmpty {
            buf.put(keys, x: r.x + 2, y: y, style: theme.style(.title), limit: w - 4)
        } else {
            buf.put(keys, x: r.x + 3, y: y, style: theme.style(.label), limit: 14)
            buf.put(help, x: r.x + 18, y: y, style: theme.style(.text), limit: w - 20)
        }
    }
}
