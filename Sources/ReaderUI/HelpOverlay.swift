import Corpus
import TerminalCore

/// The help overlay, generated from the action table.
func helpLines() -> [(String, String)] {
    var out: [(String, String)] = []
    for c in Context.allCases {
        out.append((c.rawValue, ""))
        for info in ActionTable.all where info.context == c && !info.help.isEmpty { out.append((info.keyNames, info.help)) }
        out.append(("", ""))
    }
    out.append(("In the list", ""))
    out.append(("E M I S ·", "exercise, meeting, interview, statement, other"))
    out.append(("• ★", "unread, starred; dim titles are teasers only"))
    out.append(("", ""))
    out.append(("Mouse", "with --mouse: wheel scrolls, click selects"))
    return out
}

func renderHelp(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let lines = helpLines()
    let w = min(s.width - 4, 72), h = min(s.height - 2, lines.count + 2)
    guard w > 10, h > 3 else { return }
    let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
    drawBox(r, title: " Keys ", &buf, theme)
    let inner = h - 2
    let scroll = min(s.helpScroll, max(0, lines.count - inner))
    // Say when there is more above or below.
    if scroll + inner < lines.count { buf.put(" ↓ more (j, Space, G) ", x: r.x + 2, y: r.maxY - 1, style: theme.style(.label), limit: w - 4) }
    if scroll > 0 { buf.put(" ↑ more ", x: r.maxX - 10, y: r.y, style: theme.style(.label)) }
    for row in 0..<inner {
        let i = scroll + row
        guard i < lines.count else { break }
        let (keys, help) = lines[i]
        let y = r.y + 1 + row
        if help.isEmpty {
            buf.put(keys, x: r.x + 2, y: y, style: theme.style(.title), limit: w - 4)
        } else {
            buf.put(keys, x: r.x + 3, y: y, style: theme.style(.label), limit: 14)
            buf.put(DisplayWidth.truncate(help, to: max(1, w - 20)), x: r.x + 18, y: y, style: theme.style(.text), limit: w - 20)
        }
    }
}

/// A bordered box over the screen, cleared inside, with a title in its top border.
func drawBox(_ r: Rect, title: String, _ buf: inout Buffer, _ theme: Theme) {
    buf.fill(r, style: theme.style(.text))
    let border = theme.style(.border)
    buf.put("┌" + String(repeating: "─", count: max(0, r.width - 2)) + "┐", x: r.x, y: r.y, style: border)
    buf.put(title, x: r.x + 2, y: r.y, style: theme.style(.title), limit: max(0, r.width - 4))
    for y in (r.y + 1)..<max(r.y + 1, r.maxY - 1) {
        buf.put("│", x: r.x, y: y, style: border)
        buf.put("│", x: r.maxX - 1, y: y, style: border)
    }
    buf.put("└" + String(repeating: "─", count: max(0, r.width - 2)) + "┘", x: r.x, y: r.maxY - 1, style: border)
}
