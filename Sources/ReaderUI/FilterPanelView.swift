import Corpus
import SearchIndex
import TerminalCore

/// The filter panel: facets of the current results with live counts, `[x]` on the active ones.
func renderFilterPanel(_ s: AppState, _ panel: FilterPanel, _ buf: inout Buffer, _ theme: Theme) {
    let rows = filterRows(s)
    let w = min(s.width - 2, 56), h = min(s.height - 2, max(6, rows.count + 2))
    guard w > 16, h > 3 else { return }
    let r = Rect(x: s.width - w - 1, y: 1, width: w, height: h)
    drawBox(r, title: " Filters (Space toggles, F clears) ", &buf, theme)
    let inner = h - 2
    // Keep the cursor's row in view.
    var scroll = min(panel.scroll, max(0, rows.count - inner))
    if panel.row >= scroll + inner { scroll = panel.row - inner + 1 }
    if panel.row < scroll { scroll = max(0, panel.row - 1) }
    for line in 0..<inner {
        let i = scroll + line
        guard i < rows.count else { break }
        let row = rows[i]
        let y = r.y + 1 + line
        guard let value = row.value else {
            buf.put(Filters.title(row.facet), x: r.x + 2, y: y, style: theme.style(.label), limit: w - 4)
            continue
        }
        let box = row.selected ? "[x] " : "[ ] "
        let count = String(row.count)
        let room = w - 6 - DisplayWidth.of(count) - 5
        let text = box + DisplayWidth.truncate(value, to: max(1, room))
        let style = i == panel.row ? theme.style(.selection) : theme.style(row.count == 0 && !row.selected ? .dim : .text)
        if i == panel.row { buf.fill(Rect(x: r.x + 1, y: y, width: w - 2, height: 1), style: style) }
        buf.put(text, x: r.x + 3, y: y, style: style, limit: w - 4)
        buf.put(count, x: r.maxX - 2 - DisplayWidth.of(count), y: y, style: style)
    }
}
