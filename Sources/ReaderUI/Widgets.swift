import Corpus
import TerminalCore

/// Small drawing pieces the screens share.
enum Widgets {
    /// The list's kind marker.
    static func kindMarker(_ k: ArticleKind) -> String {
        switch k {
        case .exercise: return "E"
        case .meeting: return "M"
        case .interview: return "I"
        case .statement: return "S"
        case .other: return "·"
        }
    }

    /// A document line, segment by segment in its roles' styles.
    static func draw(_ line: DocLine, at x: Int, _ y: Int, width: Int, _ buf: inout Buffer, _ theme: Theme) {
        var col = x
        for seg in line.segments {
            let used = buf.put(seg.text, x: col, y: y, style: theme.style(seg.role), limit: x + width - col)
            col += used
            if col >= x + width { break }
        }
    }

    /// Marks the words of the query in a line drawn at (x, y): UTF-8 byte ranges to columns.
    static func mark(_ ranges: [Range<Int>], in text: String, x: Int, y: Int, limit: Int, _ buf: inout Buffer, _ theme: Theme) {
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

    /// The selection bar over a row (dimmer when its pane does not have the focus).
    static func select(_ r: Rect, _ buf: inout Buffer, _ theme: Theme, active: Bool = true) {
        let sel = theme.style(active ? .selection : .selectionInactive)
        buf.restyle(r) { st in
            st.fg = sel.fg == .default ? st.fg : sel.fg
            st.bg = sel.bg
            st.reverse = sel.reverse
            st.bold = st.bold || sel.bold
            st.underline = sel.underline
            st.dim = st.dim && !sel.reverse && sel.bg == .default
        }
    }

    /// A bordered box over the screen, cleared inside, with a title in its top border.
    static func box(_ r: Rect, title: String, _ buf: inout Buffer, _ theme: Theme) {
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
}
