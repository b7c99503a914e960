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
        let text = loading.total > 0 && loading.done == loading.total
            ? "Loading… \(loading.total) pages read, building the search index"
            : "Loading… \(loading.done)/\(loading.total) pages read, \(loading.articles) article blocks found"
        let y = s.height / 2
        buf.put(text, x: max(0, (s.width - DisplayWidth.of(text)) / 2), y: y, style: theme.style(.progress))
        renderStatus(s, &buf, theme, left: "loading", hints: "q quit")
        return buf
    }
    renderHeader(s, &buf, theme)
    if let p = s.pager {
        renderPager(s, p, &buf, theme)
    } else if let t = s.timeline {
        renderTimeline(s, t, &buf, theme)
    } else {
        renderList(s, &buf, theme)
        renderBorder(s, &buf, theme)
        renderDetail(s, &buf, theme)
        var position = s.visible.isEmpty ? "0/0" : "\(s.selection + 1)/\(s.visible.count)"
        if s.focus == .detail {
            let rows = max(1, s.detailRect.height)
            let percent = s.detailLines.count <= rows ? 100 : min(100, (s.detailScroll + rows) * 100 / s.detailLines.count)
            position += " · detail \(percent)%"
        }
        let hints = s.filterPanel != nil ? "Space toggle  Tab next facet  F clear  f close"
            : s.focus == .detail ? "? help  q quit  j/k scroll  Tab list" : "? help  q quit  Enter read  / search  f filters  t timeline"
        renderStatus(s, &buf, theme, left: position, hints: hints)
        if let panel = s.filterPanel { renderFilterPanel(s, panel, &buf, theme) }
    }
    if s.showHelp {
        renderHelp(s, &buf, theme)
        renderStatus(s, &buf, theme, left: "help", hints: "j/k scroll  q close")
    }
    return buf
}

func renderTooSmall(_ s: AppState, _ buf: inout Buffer, _ theme: Theme) {
    let lines = s.width >= 20
        ? ["terminal too small", "\(s.width)×\(s.height), need \(AppState.minWidth)×\(AppState.minHeight)"]
        : ["too", "small"]
    for (i, l) in lines.enumerated() {
        let y = s.height / 2 - 1 + i
        buf.put(l, x: max(0, (s.width - DisplayWidth.of(l)) / 2), y: max(0, y), style: theme.style(.error), limit: s.width)
    }
}
