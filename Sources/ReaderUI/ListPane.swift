import Corpus
import TerminalCore

/// The list of articles: date, kind marker, title; the selection; teasers dimmed.
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
        guard i < s.visible.count else { break }
        let articleIndex = s.visible[i]
        let a = s.articles[articleIndex]
        let starred = s.isStarred(articleIndex), unread = !s.isRead(articleIndex)
        let y = r.y + row
        let selected = i == s.selection
        let date = a.displayDate?.description ?? "undated   "
        var x = r.x
        x += buf.put(date + " ", x: x, y: y, style: theme.style(.listDate), limit: r.maxX - x)
        x += buf.put((unread ? "•" : " ") + (starred ? "★" : " "), x: x, y: y, style: theme.style(.listKind), limit: r.maxX - x)
        x += buf.put(kindMarker(a.kind) + " ", x: x, y: y, style: theme.style(.listKind), limit: r.maxX - x)
        // Unread titles stand out (bold); teaser-only ones are dimmed.
        var titleStyle = theme.style(a.full ? .listTitle : .listTeaser)
        if unread { titleStyle.bold = true }
        let room = r.maxX - x
        if room > 0 {
            let shown = DisplayWidth.truncate(a.title, to: room)
            buf.put(shown, x: x, y: y, style: titleStyle, limit: room)
            if let h = s.highlighter { mark(h.ranges(in: shown), in: shown, x: x, y: y, limit: r.maxX, &buf, theme) }
        }
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
    if s.visible.isEmpty {
        buf.put(s.articles.isEmpty ? "no articles" : "no article matches", x: r.x + 1, y: r.y, style: theme.style(.dim), limit: r.width - 1)
    }
}

/// Marks the words of the query in a line drawn at (x, y): UTF-8 byte ranges to columns.
func mark(_ ranges: [Range<Int>], in text: String, x: Int, y: Int, limit: Int, _ buf: inout Buffer, _ theme: Theme) {
    guard !ranges.isEmpty else { return }
    let u = Array(text.utf8)
    let style = theme.style(.queryMatch)
    for r in ranges where r.upperBound <= u.count {
        let before = DisplayWidth.of(String(decoding: u[0..<r.lowerBound], as: UTF8.self))
        let width = DisplayWidth.of(String(decoding: u[r], as: UTF8.self))
        let from = x + before
        guard from < limit else { continue }
        buf.restyle(Rect(x: from, y: y, width: min(width, limit - from), height: 1)) { st in
            st.bold = true
            st.underline = style.underline || st.underline
            if style.fg != .default, st.bg == .default { st.fg = style.fg }
        }
    }
}
