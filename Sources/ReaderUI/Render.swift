import Corpus
import SearchIndex
import TerminalCore

/// Draws the whole screen for a state into a new buffer. Pure. The header, then the screens
/// from the topmost whole screen up through the overlays on it, with the top screen's status
/// line under them.
public func render(_ s: AppState, theme: Theme) -> Buffer {
    var buf = Buffer(width: s.width, height: s.height)
    if s.tooSmall {
        renderTooSmall(s, &buf, theme)
        return buf
    }
    if let loading = s.loading, s.articles.isEmpty {
        Header.render(s, &buf, theme)
        // Before the pages are counted (a large folder takes a while to list), no "0/0".
        let text = loading.total == 0 ? "Loading… finding the pages"
            : loading.done == loading.total ? "Loading… \(loading.total) pages read, building the search index"
            : "Loading… \(loading.done)/\(loading.total) pages read, \(loading.articles) article blocks found"
        buf.put(text, x: max(0, (s.width - DisplayWidth.of(text)) / 2), y: s.height / 2, style: theme.style(.progress))
        Header.status(s, &buf, theme, left: "loading", hints: s.keymap.names(of: .quit, in: .list).split(separator: " ").first.map { "\($0) quit" } ?? "")
        return buf
    }
    Header.render(s, &buf, theme)
    let baseIndex = s.screens.lastIndex { !$0.isOverlay } ?? 0
    for (i, screen) in s.screens.enumerated() where i >= baseIndex {
        if i == s.screens.count - 1 {
            if screen.isLineEditor {
                // The status line of the screen below; the line draws itself over it.
                Header.status(s, &buf, theme, left: s.screens[max(0, i - 1)].status(s), hints: "")
            } else {
                let global: [Action] = [.help] + (screen.showsResults ? ActionTable.resultActions : [])
                Header.status(s, &buf, theme, left: screen.status(s),
                              hints: s.keymap.hints(screen.context, including: global) { screen.offers($0, s) })
            }
        }
        screen.render(s, into: &buf, area: s.body, theme: theme)
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
