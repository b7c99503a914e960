import Corpus
import TerminalCore

/// The help (`?`, F1): every screen's keys as configured, generated from the action table and
/// the keymap.
public struct HelpScreen: Screen {
    public internal(set) var cursor = ScrollCursor()

    public var context: Context { .help }
    public var isOverlay: Bool { true }

    /// The lines: a heading per screen, then its keys and what they do.
    public static func lines(_ keymap: Keymap) -> [(keys: String, help: String)] {
        var out: [(String, String)] = []
        for c in Context.allCases where c != .help {
            out.append((c.title, ""))
            var seen = Set<String>()
            for info in ActionTable.rows(c) where !info.help.isEmpty {
                let keys = keymap.names(of: info.action, in: c)
                // One line per action (the same action may appear twice, e.g. arrows).
                guard seen.insert(info.name).inserted else { continue }
                out.append((keys.isEmpty ? "(unbound)" : keys, info.help))
            }
            out.append(("", ""))
        }
        out.append(("In the list", ""))
        out.append(("E M I S ·", "exercise, meeting, interview, statement, other"))
        out.append(("• ★", "unread, starred; dim titles are teasers only"))
        out.append(("", ""))
        out.append(("Mouse", "with --mouse: wheel scrolls, click selects"))
        out.append(("Config", "keys, colours, layout: csto-reader config --default"))
        return out
    }

    static func box(_ app: AppState, count: Int) -> Rect {
        let w = min(app.width - 4, 76), h = min(app.height - 2, count + 2)
        return Rect(x: (app.width - w) / 2, y: (app.height - h) / 2, width: w, height: h)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back, .help, .quit:
            return .close
        default:
            let count = HelpScreen.lines(app.keymap).count
            let rows = max(1, HelpScreen.box(app, count: count).height - 2)
            return cursor.scroll(action, count: count, rows: rows) ? .handled : .unhandled
        }
    }

    public func status(_ app: AppState) -> String { "help" }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let lines = HelpScreen.lines(app.keymap)
        let r = HelpScreen.box(app, count: lines.count)
        guard r.width > 10, r.height > 3 else { return }
        Widgets.box(r, title: " Keys ", &buf, theme)
        let inner = r.height - 2
        var view = cursor
        view.clampOffset(count: lines.count, rows: inner)
        // Say when there is more above or below.
        if view.offset + inner < lines.count {
            let keys = [Action.down, .pageDown, .bottom].map { app.keymap.key($0, in: .help) }.joined(separator: ", ")
            buf.put(" ↓ more (\(keys)) ", x: r.x + 2, y: r.maxY - 1, style: theme.style(.label), limit: r.width - 4)
        }
        if view.offset > 0 { buf.put(" ↑ more ", x: r.maxX - 10, y: r.y, style: theme.style(.label)) }
        for row in 0..<inner {
            let i = view.offset + row
            guard i < lines.count else { break }
            let (keys, help) = lines[i]
            let y = r.y + 1 + row
            if help.isEmpty {
                buf.put(keys, x: r.x + 2, y: y, style: theme.style(.title), limit: r.width - 4)
            } else {
                buf.put(keys, x: r.x + 3, y: y, style: theme.style(.label), limit: 16)
                buf.put(DisplayWidth.truncate(help, to: max(1, r.width - 22)), x: r.x + 20, y: y, style: theme.style(.text), limit: r.width - 22)
            }
        }
    }
}
