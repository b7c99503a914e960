import Corpus
import TerminalCore

/// The pager: the whole article, search matches marked, position in percent.
func renderPager(_ s: AppState, _ p: PagerState, _ buf: inout Buffer, _ theme: Theme) {
    let rows = s.pagerRows
    // The text column is at most 100 wide, centred on wide terminals.
    let width = s.pagerTextWidth
    let x = max(1, (s.width - width) / 2)
    for row in 0..<rows {
        let i = p.scroll + row
        guard i < p.lines.count else { break }
        draw(p.lines[i], at: x, 1 + row, width: width, &buf, theme)
        if let h = s.highlighter {
            let text = p.lines[i].text
            mark(h.ranges(in: text), in: text, x: x, y: 1 + row, limit: x + width, &buf, theme)
        }
        // Matches of the search inside the article.
        for (mi, m) in p.matches.enumerated() {
          for piece in m.pieces where piece.line == i {
            let text = Array(p.lines[i].text)
            let before = DisplayWidth.of(String(text[0..<min(piece.start, text.count)]))
            let length = DisplayWidth.of(String(text[min(piece.start, text.count)..<min(piece.start + piece.length, text.count)]))
            let style = theme.style(mi == p.currentMatch ? .currentMatch : .match)
            buf.restyle(Rect(x: x + before, y: 1 + row, width: length, height: 1)) { st in
                st = Style(fg: style.fg, bg: style.bg, bold: style.bold || st.bold, reverse: style.reverse, underline: style.underline)
            }
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
