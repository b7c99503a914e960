import SearchIndex
import TerminalCore

/// A line being edited at the bottom of the screen, shell-like: cursor, word and line deletion,
/// history. Characters are grapheme clusters, so Cyrillic and CJK edit as one character each.
public struct SearchLine: Sendable, Equatable {
    public var chars: [Character]
    public var cursor: Int
    /// Position in the history while recalling (nil: editing a new line).
    public var historyIndex: Int? = nil

    public init(text: String = "") {
        chars = Array(text)
        cursor = chars.count
    }

    public var text: String { String(chars) }

    public mutating func insert(_ c: Character) {
        chars.insert(c, at: cursor)
        cursor += 1
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        chars.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(chars.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = chars.count }

    /// Ctrl-U: everything before the cursor.
    public mutating func deleteToStart() {
        chars.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-W: the word before the cursor (and the spaces after it).
    public mutating func deleteWord() {
        var start = cursor
        while start > 0, chars[start - 1] == " " { start -= 1 }
        while start > 0, chars[start - 1] != " " { start -= 1 }
        chars.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Up and Down: earlier and later lines of `history` (newest last).
    public mutating func recall(_ history: [String], older: Bool) {
        guard !history.isEmpty else { return }
        var i = historyIndex ?? history.count
        i = older ? max(0, i - 1) : i + 1
        if i >= history.count {
            historyIndex = nil
            chars = []
        } else {
            historyIndex = i
            chars = Array(history[i])
        }
        cursor = chars.count
    }

    /// Applies an editing action; false when it is not one.
    mutating func edit(_ action: Action, history: [String]) -> Bool {
        switch action {
        case .input(let c): insert(c)
        case .inputBackspace: backspace()
        case .inputDelete: deleteForward()
        case .inputDeleteWord: deleteWord()
        case .inputDeleteToStart: deleteToStart()
        case .inputLeft: left()
        case .inputRight: right()
        case .inputHome: home()
        case .inputEnd: end()
        case .historyPrevious: recall(history, older: true)
        case .historyNext: recall(history, older: false)
        default: return false
        }
        return true
    }
}

/// The search line (`/`): the results' query, re-run on every keystroke, from every screen that
/// shows results; a search inside the article in the pager (run on Enter); or the filter
/// panel's narrowing text.
public struct SearchLineScreen: Screen {
    public enum Purpose: Sendable, Equatable {
        /// The results' query.
        case query
        /// A search inside the pager's article.
        case find
        /// Narrowing the filter panel's values.
        case narrow
        /// A question of the workbench (a tag, a note, a name, a file, a command).
        case prompt(Prompt)
    }

    /// What a prompt asks for; `AppState.answer` takes the line.
    public enum Prompt: Sendable, Equatable {
        case tag(article: String), note(article: String), saveSearch, versus
        /// The results (the starred among them), or one article (`article`, from the pager).
        case export(starred: Bool, article: String?), pipe(starred: Bool, article: String?)

        var label: String {
            switch self {
            case .tag: return "tags (+add -remove): "
            case .note: return "note: "
            case .saveSearch: return "save the query as: "
            case .export(let starred, let article):
                return (article != nil ? "export the article to" : starred ? "export the starred to" : "export the results to") + " (.md .csv .jsonl .json): "
            case .pipe: return "pipe to: "
            case .versus: return "compare with: "
            }
        }
    }

    public internal(set) var purpose: Purpose
    public internal(set) var line: SearchLine
    /// The history the line recalls.
    var history: [String]
    /// The query and selection before `/`, so that Esc restores the view as it was.
    var saved: (query: String, list: ScrollCursor, articleID: String?)? = nil
    /// The text the line opened with (Esc gives it back to the filter panel).
    var original = ""
    /// Completion candidates to show after a Tab.
    var candidates: [String] = []

    public var context: Context { .search }
    public var isOverlay: Bool { true }
    public var isLineEditor: Bool { true }
    public var text: String { line.text }

    init(purpose: Purpose, text: String = "", history: [String] = []) {
        self.purpose = purpose
        line = SearchLine(text: text)
        self.history = history
        original = text
    }

    /// A prompt of the workbench.
    init(prompt: Prompt, text: String = "", history: [String] = []) {
        self.init(purpose: .prompt(prompt), text: text, history: history)
    }

    /// The query line, opened on the current query.
    init(query app: AppState) {
        self.init(purpose: .query, text: app.query.isEmpty ? "" : app.query + " ", history: app.history)
        saved = (app.query, app.list, app.selectedArticle.map { app.articles[$0].id })
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        candidates = []
        switch action {
        case .inputSubmit:
            return submit(&app)
        case .inputCancel, .interrupt:
            if purpose == .query, let saved {
                app.setQuery(saved.query)
                app.list = saved.list
                app.keepListVisible()
            }
            if purpose == .narrow { app.forward = .narrow(original) }
            return .close
        case .complete:
            if case .prompt(.tag) = purpose {
                completeTag(app)
                return .handled
            }
            guard purpose == .query || purpose == .prompt(.versus) else { return .handled }
            guard let done = QueryText.complete(line.text, cursor: line.cursor, values: { app.completions(field: $0) }) else {
                app.message = "nothing to complete"
                return .handled
            }
            line.chars = Array(done.text)
            line.cursor = done.cursor
            candidates = done.candidates
            changed(&app)
        default:
            let moves: [Action] = [.inputLeft, .inputRight, .inputHome, .inputEnd]
            guard line.edit(action, history: history) else { return .handled }
            if !moves.contains(action) { changed(&app) }
        }
        return .handled
    }

    /// The text changed: the query runs (half-typed parts left out), the panel narrows.
    mutating func changed(_ app: inout AppState) {
        switch purpose {
        case .query: app.setQuery(line.text, typing: true, prefer: preferred(app), background: true)
        case .narrow: app.forward = .narrow(line.text)
        case .find, .prompt: break
        }
    }

    /// Tab in the tag prompt: the word at the cursor completed from the tags in use.
    mutating func completeTag(_ app: AppState) {
        let before = line.chars[0..<line.cursor]
        let start = (before.lastIndex(of: " ").map { $0 + 1 }) ?? 0
        var word = String(line.chars[start..<line.cursor])
        let sign = word.first == "+" || word.first == "-" ? String(word.removeFirst()) : ""
        let folded = DocMarks.fold(word)
        let names = app.marks.tagCounts.map(\.name).filter { DocMarks.fold($0).hasPrefix(folded) }
        guard !names.isEmpty else { candidates = []; return }
        // The longest common start of the candidates (all of one when it is the only one).
        var common = Array(names[0])
        for n in names.dropFirst() {
            let c = Array(n)
            var k = 0
            while k < common.count, k < c.count, String(common[k]).lowercased() == String(c[k]).lowercased() { k += 1 }
            common = Array(common[0..<k])
        }
        let replacement = Array(sign + String(common) + (names.count == 1 ? " " : ""))
        line.chars.replaceSubrange(start..<line.cursor, with: replacement)
        line.cursor = start + replacement.count
        candidates = names.count > 1 ? names : []
    }

    mutating func submit(_ app: inout AppState) -> Outcome {
        let text = line.text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .find:
            app.forward = .find(line.text)
        case .narrow:
            app.forward = .narrow(text)
            return .close
        case .prompt(let prompt):
            if let error = app.answer(prompt, line.text) {
                app.message = error
                return .handled
            }
            return .close
        case .query:
            // The whole query must hold now: an open quote or a dangling OR is an error here.
            // Trailing spaces do not end the last word's prefix: Enter keeps what was shown.
            let kept = QueryText.tokens(line.text).last?.field != nil ? line.text : String(line.text.reversed().drop { $0 == " " }.reversed())
            // In place: what follows Enter (marking all read, an export) acts on these results.
            app.setQuery(kept, prefer: preferred(app))
            if let error = app.queryError {
                // Not kept: the line stays open until the query is right (or Esc).
                app.message = error
                return .handled
            }
        }
        if !text.isEmpty, app.history.last != text { app.history.append(text) }
        return .close
    }

    /// The article selected when the line opened, kept selected while it is in the results.
    func preferred(_ app: AppState) -> Int? { saved?.articleID.flatMap { app.idIndex[$0] } }

    public func status(_ app: AppState) -> String { "" }

    /// The line with its cursor in the status row; the end of a long line stays in view. The
    /// query's error (or its result count) on the right, and completion candidates above.
    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let y = app.height - 1
        let style = theme.style(.text)
        buf.fill(Rect(x: 0, y: y, width: app.width, height: 1), style: style)
        // The prompt is the key that opened the line, as configured.
        let prompt: String
        switch purpose {
        case .narrow: prompt = "filter values: "
        case .prompt(let p): prompt = p.label
        default: prompt = app.keymap.key(.searchStart, in: purpose == .find ? .pager : .global)
        }
        let chars = [prompt] + line.chars.map(String.init)
        let cursor = line.cursor + 1
        var start = 0
        while start < cursor, DisplayWidth.of(chars[start...cursor - 1].joined()) > app.width - 2 { start += 1 }
        var x = 0
        for (i, c) in chars.enumerated() where i >= start {
            x += buf.put(c, x: x, y: y, style: i == cursor ? Style(reverse: true) : style)
        }
        if cursor >= chars.count { buf.put(" ", x: x, y: y, style: Style(reverse: true)) }
        if purpose == .query {
            let right = app.queryError.map { " " + $0 + " " }
                ?? (app.searching ? " searching… " : " \(app.total) result\(app.total == 1 ? "" : "s") ")
            let rx = max(x + 2, app.width - DisplayWidth.of(right))
            if rx < app.width {
                buf.put(right, x: rx, y: y, style: theme.style(app.queryError == nil ? .dim : .error), limit: app.width - rx)
            }
        }
        // A prompt's answer that was refused: said above the line, which stays open for a fix.
        if case .prompt = purpose, candidates.isEmpty, let message = app.message, y > 1 {
            let text = " " + message + " "
            buf.fill(Rect(x: 0, y: y - 1, width: app.width, height: 1), style: theme.style(.error))
            buf.put(DisplayWidth.truncate(text, to: app.width), x: 0, y: y - 1, style: theme.style(.error))
        }
        if !candidates.isEmpty, y > 1 {
            let text = " " + candidates.prefix(20).joined(separator: "  ") + (candidates.count > 20 ? "  …" : "") + " "
            buf.fill(Rect(x: 0, y: y - 1, width: app.width, height: 1), style: theme.style(.message))
            buf.put(DisplayWidth.truncate(text, to: app.width), x: 0, y: y - 1, style: theme.style(.message))
        }
    }
}
