import Corpus
import TerminalCore

/// The border and the detail pane of the selected article.
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
        if let h = s.highlighter {
            let text = s.detailLines[i].text
            mark(h.ranges(in: text), in: text, x: r.x, y: r.y + row, limit: r.maxX, &buf, theme)
        }
    }
}
