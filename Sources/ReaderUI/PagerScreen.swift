import Corpus
import SearchIndex
import TerminalCore

/// The pager: one article in full, at a comfortable width, with a search inside it, questions
/// to jump between (interviews), and the next and previous article of the list (`J`/`K`).
public struct PagerScreen: Screen {
    public internal(set) var article: Int
    /// Its id, to find it again when the articles are swapped under the reader.
    var articleID: String?
    var cursor = ScrollCursor()
    public internal(set) var lines: [DocLine] = []
    var width = 0
    /// The tags and note the lines were laid out with (`AppState.annotationsVersion`).
    var version = -1
    public internal(set) var query = ""
    public internal(set) var matches: [Match] = []
    public internal(set) var currentMatch: Int? = nil
    /// The question `]`/`[` last jumped to (its first line), until the reader scrolls.
    public internal(set) var questionLine: Int? = nil

    public var scroll: Int { cursor.offset }
    public var context: Context { .pager }

    /// A match: its first line (where the view scrolls to) and its pieces, one per line it covers.
    public struct Match: Sendable, Equatable {
        public var line: Int, start: Int, length: Int
        public var pieces: [Piece]

        public struct Piece: Sendable, Equatable {
            public var line: Int, start: Int, length: Int
        }

        init(_ pieces: [(line: Int, start: Int, length: Int)]) {
            self.pieces = pieces.map { Piece(line: $0.line, start: $0.start, length: $0.length) }
            line = pieces[0].line
            start = pieces[0].start
            length = pieces[0].length
        }
    }

    /// Opens an article: where the reader left it last time, and marked read.
    init(article: Int, app: inout AppState) {
        self.article = article
        open(article, &app)
    }

    mutating func open(_ article: Int, _ app: inout AppState) {
        self.article = article
        articleID = app.articles[article].id
        lines = []
        width = 0
        matches = []
        currentMatch = nil
        questionLine = nil
        cursor = ScrollCursor()
        refresh(app)
        if let fraction = app.marks.session?.positions[articleID!] {
            cursor.offset = Int(fraction * Double(lines.count))
            cursor.clampOffset(count: lines.count, rows: app.pagerRows)
        }
        if !query.isEmpty { find(query, &app) }
        if !app.isRead(article) {
            app.setRead(article, true)
            app.effects.append(.save)
        }
        app.select(article: article)
    }

    /// The lines at the window's width, keeping the reading position across a new width: the
    /// same block (paragraph), and the same share of it when the top line was inside one.
    public mutating func refresh(_ app: AppState) {
        guard article < app.articles.count else { return }
        if width != app.width || lines.isEmpty || version != app.annotationsVersion {
            let old = lines
            let top = cursor.offset < old.count ? old[cursor.offset] : nil
            lines = ArticleDocument.lines(app.articles[article], width: app.pagerTextWidth, extras: app.extras(of: article))
            width = app.width
            version = app.annotationsVersion
            if let top {
                let oldStart = old.firstIndex { $0.block == top.block } ?? cursor.offset
                let oldCount = old.filter { $0.block == top.block }.count
                let newStart = lines.firstIndex { $0.block == top.block } ?? 0
                let newCount = lines.filter { $0.block == top.block }.count
                let offset = oldCount > 0 ? (cursor.offset - oldStart) * newCount / oldCount : 0
                cursor.offset = newStart + min(offset, max(0, newCount - 1))
            }
            // The lines moved: the question is found again from the top line.
            questionLine = nil
            matches = ArticleDocument.matches(query, in: lines).map(Match.init)
            if let c = currentMatch, c >= matches.count { currentMatch = matches.isEmpty ? nil : 0 }
        }
        cursor.clampOffset(count: lines.count, rows: app.pagerRows)
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .quit, .back:
            // Remember where the reader was in this article (the pager is off the stack now,
            // so it records its own position).
            app.recordPosition(self)
            app.captureSession()
            app.effects.append(.save)
            return .close
        case .nextQuestion, .previousQuestion:
            jumpQuestion(action == .nextQuestion, &app)
        case .nextArticle, .previousArticle:
            // The next article of the list, as mutt's J and K; the list follows.
            app.recordPosition(self)
            guard let row = app.visible.firstIndex(of: article) else {
                app.message = "this article is not in the list (the search changed)"
                break
            }
            let next = row + (action == .nextArticle ? 1 : -1)
            guard app.visible.indices.contains(next) else {
                app.message = action == .nextArticle ? "last article of the list" : "first article of the list"
                break
            }
            open(app.visible[next], &app)
            app.effects.append(.save)
        case .searchStart:
            return .push(SearchLineScreen(purpose: .find, history: app.history))
        case .find(let text):
            find(text, &app)
        case .searchNext, .searchPrevious:
            guard !matches.isEmpty else {
                app.message = query.isEmpty ? "no search: press \(app.keymap.key(.searchStart, in: .pager)) to search" : "no match for \(query)"
                break
            }
            let count = matches.count
            let current = currentMatch ?? -1
            // With no current match, N goes to the last one.
            let next = action == .searchNext ? (current + 1) % count : current < 0 ? count - 1 : (current - 1 + count) % count
            let wrapped = action == .searchNext ? next <= current : next >= current && current >= 0
            currentMatch = next
            cursor.offset = max(0, matches[next].line - app.pagerRows / 3)
            cursor.clampOffset(count: lines.count, rows: app.pagerRows)
            app.message = "match \(next + 1) of \(count)" + (wrapped && count > 1 ? " (search wrapped)" : "")
        case .toggleRead, .toggleStar:
            app.toggleMark(action, of: article)
        case .wheelUp, .wheelDown:
            let up: Bool
            if case .wheelUp = action { up = true } else { up = false }
            for _ in 0..<3 { cursor.scroll(up ? .up : .down, count: lines.count, rows: app.pagerRows) }
            questionLine = nil
        default:
            if let outcome = app.workbench(action, article: article, inPager: true) {
                // The position is kept for a screen opened over the pager.
                app.recordPosition(self)
                return outcome
            }
            guard cursor.scroll(action, count: lines.count, rows: app.pagerRows) else { return .unhandled }
            questionLine = nil
        }
        return .handled
    }

    /// The first lines of the questions.
    var questionStarts: [Int] { lines.indices.filter { lines[$0].questionStart } }

    mutating func jumpQuestion(_ forward: Bool, _ app: inout AppState) {
        let starts = questionStarts
        let ref = questionLine ?? cursor.offset
        let target = forward ? starts.first { $0 > ref } : starts.last { $0 < ref }
        if let target {
            cursor.offset = target
            questionLine = target
            cursor.clampOffset(count: lines.count, rows: app.pagerRows)
            app.message = "question \((starts.firstIndex(of: target) ?? 0) + 1) of \(starts.count)"
        } else {
            app.message = starts.isEmpty ? "no questions in this article"
                : forward ? "last question (\(starts.count) of \(starts.count))" : "first question"
        }
    }

    /// The question the view is in: the last one starting at or above the top line (or the one
    /// `]` jumped to).
    func currentQuestion() -> (index: Int, count: Int)? {
        let starts = questionStarts
        guard !starts.isEmpty else { return nil }
        let ref = questionLine ?? cursor.offset
        guard let i = starts.lastIndex(where: { $0 <= ref }) else { return (0, starts.count) }
        return (i + 1, starts.count)
    }

    mutating func find(_ text: String, _ app: inout AppState) {
        query = text
        matches = ArticleDocument.matches(text, in: lines).map(Match.init)
        if let first = matches.firstIndex(where: { $0.line >= cursor.offset }) ?? (matches.isEmpty ? nil : 0) {
            currentMatch = first
            cursor.offset = max(0, matches[first].line - app.pagerRows / 3)
            cursor.clampOffset(count: lines.count, rows: app.pagerRows)
            app.message = "\(matches.count) match\(matches.count == 1 ? "" : "es") for \(text)"
        } else {
            currentMatch = nil
            app.message = text.isEmpty ? nil : "no match for \(text)"
        }
    }

    /// Opens at an occurrence of a word: the `rank`-th match of it in a paragraph (-1: the
    /// title) or, for another `place`, in that other title or the byline (past the field's
    /// label), current, so that `n` and `N` go on from there.
    mutating func show(_ word: String, paragraph: Int, place: ConcordanceLine.Place = .text, rank: Int, _ app: inout AppState) {
        query = word
        matches = ArticleDocument.matches(word, in: lines).map(Match.init)
        let inParagraph = matches.indices.filter { m in
            let line = lines[matches[m].line]
            return place == .text ? line.paragraph == paragraph : line.place == place && matches[m].start >= ArticleDocument.labelWidth
        }
        guard let target = inParagraph.isEmpty ? matches.indices.first : inParagraph[min(rank, inParagraph.count - 1)] else { return }
        currentMatch = target
        cursor.offset = max(0, matches[target].line - app.pagerRows / 3)
        cursor.clampOffset(count: lines.count, rows: app.pagerRows)
        app.message = "match \(target + 1) of \(matches.count) for \(word)"
    }

    public func offers(_ action: Action, _ app: AppState) -> Bool {
        action == .nextQuestion || action == .previousQuestion ? lines.contains(where: \.questionStart) : true
    }

    public func status(_ app: AppState) -> String {
        let rows = app.pagerRows
        let percent = lines.count <= rows ? 100 : min(100, (cursor.offset + rows) * 100 / max(1, lines.count))
        var left = "\(percent)%"
        if let q = currentQuestion() { left += q.index == 0 ? " · Q –/\(q.count)" : " · Q \(q.index)/\(q.count)" }
        return left
    }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        // The text column is at most 100 wide, centred on wide terminals.
        let width = app.pagerTextWidth
        let x = max(1, (app.width - width) / 2)
        for row in 0..<area.height {
            let i = cursor.offset + row
            guard i < lines.count else { break }
            let y = area.y + row
            Widgets.draw(lines[i], at: x, y, width: width, &buf, theme)
            if let h = app.highlighter {
                let text = lines[i].text
                Widgets.mark(DocLine.marks(h, lines, i), in: text, x: x, y: y, limit: x + width, &buf, theme)
            }
            // Matches of the search inside the article.
            for (mi, m) in matches.enumerated() {
                for piece in m.pieces where piece.line == i {
                    let text = Array(lines[i].text)
                    let before = DisplayWidth.of(String(text[0..<min(piece.start, text.count)]))
                    let length = DisplayWidth.of(String(text[min(piece.start, text.count)..<min(piece.start + piece.length, text.count)]))
                    let style = theme.style(mi == currentMatch ? .currentMatch : .match)
                    buf.restyle(Rect(x: x + before, y: y, width: length, height: 1)) { st in
                        st = Style(fg: style.fg, bg: style.bg, bold: style.bold || st.bold, reverse: style.reverse, underline: style.underline)
                    }
                }
            }
        }
    }
}
