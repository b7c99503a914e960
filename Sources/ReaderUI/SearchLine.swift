/// A line being edited at the bottom of the screen, shell-like: cursor, word and line deletion,
/// history. Characters are grapheme clusters, so Cyrillic and CJK edit as one character each.
public struct SearchLine: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// The list's query (`/` in the list): re-run on every keystroke.
        case query
        /// A search inside the article (`/` in the pager): run on Enter.
        case find
    }

    public var purpose: Purpose
    public var chars: [Character]
    public var cursor: Int
    /// Position in the history while recalling (nil: editing a new line).
    public var historyIndex: Int? = nil

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
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

    /// Ctrl-W: the word before the cursor (and the spaces after it).
    public mutating func deleteWord() {
        var start = cursor
        while start > 0, chars[start - 1] == " " { start -= 1 }
        while start > 0, chars[start - 1] != " " { start -= 1 }
        chars.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-U: everything before the cursor.
    public mutating func deleteToStart() {
        chars.removeSubrange(0..<cursor)
        cursor = 0
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
}
