import Corpus
import TerminalCore

/// The header (corpus or article) and the status line (position, hints, messages, input).
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
