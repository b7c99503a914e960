import ReaderUI
import TerminalCore

extension ReaderConfig {
    /// The documented default file (`csto-reader config --default`), generated from the action
    /// table and the default theme, so it always matches the program.
    public static var defaultText: String {
        var out: [String] = []
        out.append("# csto-reader configuration: $XDG_CONFIG_HOME/csto-reader/config.toml")
        out.append("# (else ~/.config/csto-reader/config.toml). Every setting is optional; what is")
        out.append("# wrong is reported with its line and left at its default.")
        out.append("")
        out.append("# \"color\", or \"monochrome\" (also chosen by NO_COLOR and by terminals without colour).")
        out.append("theme = \"color\"")
        out.append("")
        out.append("[layout]")
        out.append("# The list's share of the width, in percent, when list and detail are side by side (20-80).")
        out.append("list-width = \(Layout().listPercent)")
        out.append("# Show the detail pane (v hides and shows it in the reader).")
        out.append("detail = true")
        out.append("# \"relevance\" (best matches first) or \"date\" (newest first); o switches in the reader.")
        out.append("sort = \"relevance\"")
        out.append("")
        out.append("# Keys: action = \"key\" or [\"key\", ...], per screen. Keys are written as a character")
        out.append("# (\"j\", \"J\", \"<\"), Space, Enter, Esc, Tab, S-Tab, Up, Down, Left, Right, PgUp, PgDn,")
        out.append("# Home, End, Backspace, Delete, F1-F12 or Ctrl-X. A screen's own keys come before the")
        out.append("# global ones in [keys].")
        for context in Context.allCases {
            out.append("")
            out.append(context == .global ? "[keys]" : "[keys.\(context.rawValue)]")
            var seen = Set<String>()
            for info in ActionTable.rows(context) where seen.insert(info.name).inserted {
                let keys = info.keys.map { "\"" + escape(KeyName.configName($0)) + "\"" }.joined(separator: ", ")
                out.append("\(info.name) = [\(keys)]".padding(toLength: 44, withPad: " ", startingAt: 0) + "# \(info.help)")
            }
        }
        out.append("")
        out.append("# Colours per role: { fg = COLOUR, bg = COLOUR, bold, dim, reverse, underline }, with")
        out.append("# COLOUR one of \(Color.allCases.map { "\($0)" }.joined(separator: ", ")).")
        out.append("# Under the monochrome theme only the attributes apply. The colour theme's values:")
        out.append("[colors]")
        for (name, role) in roleNames {
            out.append("# \(name) = \(describe(Theme.color.style(role)))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func describe(_ s: Style) -> String {
        var parts: [String] = []
        if s.fg != .default { parts.append("fg = \"\(s.fg)\"") }
        if s.bg != .default { parts.append("bg = \"\(s.bg)\"") }
        if s.bold { parts.append("bold = true") }
        if s.dim { parts.append("dim = true") }
        if s.reverse { parts.append("reverse = true") }
        if s.underline { parts.append("underline = true") }
        return "{ " + parts.joined(separator: ", ") + (parts.isEmpty ? "}" : " }")
    }
}
