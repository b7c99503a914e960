import Foundation
import ReaderUI
import TerminalCore
import TOMLKit

/// The reader's settings from `$XDG_CONFIG_HOME/csto-reader/config.toml`: key bindings by
/// action name (per screen or global), colours per theme role, the theme, the default layout
/// and sort. What is bad in the file is reported (one line each, with its line number and what
/// is accepted) and left at its default; the rest applies.
public struct ReaderConfig: Sendable {
    public var keymap = Keymap()
    public var rebind: [Context: [String: [Key]]] = [:]
    public var monochrome = false
    public var colors: [Role: Style] = [:]
    public var layout = Layout()
    public var sort = SortOrder.relevance
    /// What was wrong, as `config.toml:12: …` lines.
    public var problems: [String] = []

    public init() {}

    /// `$XDG_CONFIG_HOME/csto-reader/config.toml` (an absolute XDG_CONFIG_HOME only), else
    /// `~/.config/csto-reader/config.toml`.
    public static func defaultFile(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("csto-reader/config.toml")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/csto-reader/config.toml")
    }

    /// Reads the file; a missing file is the defaults, an unreadable one a problem.
    public static func load(_ file: URL) -> ReaderConfig {
        guard FileManager.default.fileExists(atPath: file.path) else { return ReaderConfig() }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            var c = ReaderConfig()
            c.problems = ["\(file.path): cannot be read: using the default settings"]
            return c
        }
        return parse(String(decoding: data, as: UTF8.self), name: file.path)
    }

    /// The theme: the base (colour or monochrome) with the file's colours over it.
    public func theme(color: Bool) -> Theme {
        var t = (monochrome || !color) ? Theme.monochrome : Theme.color
        // Colours only where the terminal has them; attributes apply everywhere.
        for (role, style) in colors {
            t.styles[role] = color && !monochrome ? style : Style(bold: style.bold, dim: style.dim, reverse: style.reverse, underline: style.underline)
        }
        return t
    }

    public static let roleNames: [(String, Role)] = Role.allCases.map { (ConfigNames.name(of: $0), $0) }
    static let colorNames = Color.allCases.map { "\($0)" }

    /// Parses a config text. `name` is the file's name in messages.
    public static func parse(_ text: String, name: String = "config.toml") -> ReaderConfig {
        var c = ReaderConfig()
        let lines = LineFinder(text)
        // Kept apart from `c`: the parsing methods below mutate `c` while they report.
        var problems: [String] = []
        func problem(_ line: Int?, _ message: String) {
            problems.append("\(name)\(line.map { ":\($0)" } ?? ""): \(message)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            problem(error.source.begin.line, "not TOML (\(error.description)): using the default settings")
            c.problems = ReaderConfig.byLine(problems); return c
        } catch {
            problem(nil, "not TOML: using the default settings")
            c.problems = ReaderConfig.byLine(problems); return c
        }
        for key in table.keys {
            guard let value = table[key] else { continue }
            switch key {
            case "theme":
                switch value.string {
                case "color"?, "colour"?: c.monochrome = false
                case "monochrome"?: c.monochrome = true
                default: problem(lines.line(of: key, in: []), "theme takes \"color\" or \"monochrome\"")
                }
            case "layout":
                guard let t = value.table else { problem(lines.line(of: key, in: []), "layout is a table: [layout]"); continue }
                c.parseLayout(t, lines, problem)
            case "keys":
                guard let t = value.table else { problem(lines.line(of: key, in: []), "keys is a table: [keys] and [keys.SCREEN]"); continue }
                c.parseKeys(t, lines, problem)
            case "colors", "colours":
                guard let t = value.table else { problem(lines.line(of: key, in: []), "colors is a table: [colors]"); continue }
                c.parseColors(t, section: key, lines, problem)
            default:
                problem(lines.line(of: key, in: []), "unknown setting '\(key)' (accepted: theme, [layout], [keys], [colors])")
            }
        }
        c.keymap = Keymap(rebind: c.rebind)
        c.reportConflicts(lines, problem)
        c.problems = ReaderConfig.byLine(problems); return c
    }

    /// Problems in the order of their lines (TOML tables do not keep the file's order).
    static func byLine(_ problems: [String]) -> [String] {
        func line(_ p: String) -> Int {
            let parts = p.split(separator: ":")
            return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        }
        return problems.enumerated().sorted { (line($0.element), $0.offset) < (line($1.element), $1.offset) }.map(\.element)
    }

    /// A key given to an action that another action of the same screen also has: the rebound
    /// action takes it, and the file is told so. (A screen's key over a global one is the
    /// design: `/` finds in the pager, searches elsewhere.)
    func reportConflicts(_ lines: LineFinder, _ problem: (Int?, String) -> Void) {
        for (context, names) in rebind {
            for (name, keys) in names {
                for key in keys {
                    // The same screen's other actions; and the global ones it would now shadow
                    // (unless the screen had that key by default, as the pager's `/`).
                    let ownDefault = ActionTable.named(name, in: context)?.keys.contains(key) ?? false
                    var others = ActionTable.rows(context).filter { $0.name != name }
                    if context != .global, !ownDefault { others += ActionTable.rows(.global) }
                    for other in others where (rebind[other.context]?[other.name] ?? other.keys).contains(key) {
                        let table = context == .global ? "[keys]" : "[keys.\(context.rawValue)]"
                        let global = other.context == context ? "" : " (global)"
                        problem(lines.line(of: name, in: context == .global ? ["keys"] : ["keys", context.rawValue]),
                                "\(KeyName.configName(key)) is also \(other.name)'s key\(global); in \(table) it now means \(name)")
                    }
                }
            }
        }
    }

    mutating func parseLayout(_ t: TOMLTable, _ lines: LineFinder, _ problem: (Int?, String) -> Void) {
        for key in t.keys {
            let value = t[key]!
            let at = lines.line(of: key, in: ["layout"])
            switch key {
            case "list-width":
                guard let n = value.int, (20...80).contains(n) else { problem(at, "list-width takes a percent from 20 to 80"); continue }
                layout.listPercent = n
            case "detail":
                guard let b = value.bool else { problem(at, "detail takes true or false"); continue }
                layout.showDetail = b
            case "sort":
                guard let s = value.string.flatMap(SortOrder.init(rawValue:)) else { problem(at, "sort takes \"relevance\" or \"date\""); continue }
                sort = s
            default:
                problem(at, "unknown layout setting '\(key)' (accepted: list-width, detail, sort)")
            }
        }
    }

    mutating func parseKeys(_ t: TOMLTable, _ lines: LineFinder, _ problem: (Int?, String) -> Void) {
        let screens = Context.allCases.map(\.rawValue)
        for key in t.keys {
            let value = t[key]!
            if let sub = value.table {
                guard let context = Context(rawValue: key) else {
                    problem(lines.line(of: key, in: ["keys"]), "unknown screen [keys.\(key)] (accepted: \(screens.joined(separator: ", ")))")
                    continue
                }
                for name in sub.keys { bind(name, sub[name]!, in: context, lines, problem) }
            } else {
                bind(key, value, in: .global, lines, problem)
            }
        }
    }

    mutating func bind(_ name: String, _ value: TOMLValueConvertible, in context: Context, _ lines: LineFinder, _ problem: (Int?, String) -> Void) {
        let path = context == .global ? ["keys"] : ["keys", context.rawValue]
        let at = lines.line(of: name, in: path)
        guard ActionTable.named(name, in: context) != nil else {
            let names = Array(Set(ActionTable.rows(context).map(\.name))).sorted()
            problem(at, "no action '\(name)' in \(context == .global ? "[keys]" : "[keys.\(context.rawValue)]") (accepted: \(names.joined(separator: ", ")))")
            return
        }
        var texts: [String] = []
        var ok = true
        if let s = value.string {
            texts = [s]
        } else if let a = value.array {
            // Every item a string; `[]` unbinds the action.
            for item in a {
                guard let s = item.string else { ok = false; break }
                texts.append(s)
            }
        } else {
            ok = false
        }
        guard ok else {
            problem(at, "\(name) takes a key or a list of keys, e.g. \"J\" or [\"J\", \"Ctrl-N\"]")
            return
        }
        var keys: [Key] = []
        for t in texts {
            guard let k = KeyName.parse(t) else {
                problem(at, "'\(t)' is not a key (accepted: a character, Space, Enter, Esc, Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Delete, S-Tab, F1–F12, Ctrl-X)")
                return
            }
            keys.append(k)
        }
        rebind[context, default: [:]][name] = keys
    }

    mutating func parseColors(_ t: TOMLTable, section: String, _ lines: LineFinder, _ problem: (Int?, String) -> Void) {
        let roles = Dictionary(uniqueKeysWithValues: ReaderConfig.roleNames)
        for key in t.keys {
            let at = lines.line(of: key, in: [section])
            guard let role = roles[key] else {
                problem(at, "unknown colour role '\(key)' (accepted: \(ReaderConfig.roleNames.map(\.0).joined(separator: ", ")))")
                continue
            }
            guard let spec = t[key]!.table else {
                problem(at, "\(key) takes a table, e.g. { fg = \"black\", bg = \"cyan\", bold = true }")
                continue
            }
            var style = Style()
            var ok = true
            for attr in spec.keys {
                let v = spec[attr]!
                switch attr {
                case "fg", "bg":
                    guard let name = v.string, let color = Color.allCases.first(where: { "\($0)" == name.lowercased() }) else {
                        problem(at, "\(key).\(attr) takes a colour (accepted: \(ReaderConfig.colorNames.joined(separator: ", ")))")
                        ok = false
                        continue
                    }
                    if attr == "fg" { style.fg = color } else { style.bg = color }
                case "bold", "dim", "reverse", "underline":
                    guard let b = v.bool else { problem(at, "\(key).\(attr) takes true or false"); ok = false; continue }
                    switch attr {
                    case "bold": style.bold = b
                    case "dim": style.dim = b
                    case "reverse": style.reverse = b
                    default: style.underline = b
                    }
                default:
                    problem(at, "unknown attribute '\(attr)' of \(key) (accepted: fg, bg, bold, dim, reverse, underline)")
                    ok = false
                }
            }
            if ok { colors[role] = style }
        }
    }
}

/// Finds the line of a key in a TOML text (TOML libraries do not keep it): the table headers
/// seen so far, and the key's `name =` under the right one.
struct LineFinder {
    var entries: [(table: [String], key: String, line: Int)] = []

    init(_ text: String) {
        var table: [String] = []
        // By scalar: "\r\n" is one Character, so a CRLF file would not split on "\n".
        let rawLines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        for (i, raw) in rawLines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = inner.split(separator: ".").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
                entries.append((Array(table.dropLast()), table.last ?? "", i + 1))
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<eq].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            let parts = key.split(separator: ".").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
            entries.append((table + parts.dropLast(), parts.last ?? key, i + 1))
        }
    }

    func line(of key: String, in table: [String]) -> Int? {
        entries.first { $0.key == key && $0.table == table }?.line
    }
}

/// The names the config file uses for theme roles.
public enum ConfigNames {
    public static func name(of role: Role) -> String {
        // listDate → list-date
        var out = ""
        for c in "\(role)" {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
