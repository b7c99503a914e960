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
