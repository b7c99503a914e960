import Corpus
import TerminalCore

/// Side effects that `update` asks the run loop to perform.
public enum Effect: Sendable, Equatable {
    case quit
}

/// The context a key is read in.
public func context(of state: AppState) -> Context {
    state.pager != nil ? .pager : .list
}

/// Applies an action to the state. Pure: no terminal, no clock.
@discardableResult
public func update(_ s: inout AppState, _ action: Action) -> [Effect] {
    defer {
        #if DEBUG
        s.checkInvariants()
        #endif
    }
    // Typing at the bottom line (the pager's search).
    if s.input != nil {
        switch action {
        case .input(let c):
            s.input!.append(c)
            return []
        case .inputBackspace:
            if s.input!.isEmpty { s.input = nil } else { s.input!.removeLast() }
            return []
        case .inputCancel:
            s.input = nil
            return []
        case .inputSubmit:
            let q = s.input!
            s.input = nil
            searchPager(&s, q)
            return []
        case .resize, .loaded, .progress:
            break
        default:
            return []
        }
    }
    if s.showHelp {
        switch action {
        case .help, .back, .quit, .inputCancel:
            s.showHelp = false
        case .down: s.helpScroll += 1
        case .up: s.helpScroll = max(0, s.helpScroll - 1)
        case .pageDown, .halfPageDown: s.helpScroll += max(1, s.height - 4)
        case .pageUp, .halfPageUp: s.helpScroll = max(0, s.helpScroll - max(1, s.height - 4))
        case .top: s.helpScroll = 0
        case .resize(let w, let h): resize(&s, w, h)
        case .loaded, .progress: return update(&s.withoutHelp, action)
        default: break
        }
        return []
    }
    switch action {
    case .resize(let w, let h):
        resize(&s, w, h)
    case .loaded(let loaded):
        s.articles = loaded.articles
        s.origin = loaded.origin
        s.loading = nil
        s.selection = 0
        s.listScroll = 0
        s.detailKey = (-1, -1)
        s.refreshDetail()
    case .progress(let done, let total, let articles):
        s.loading = (done, total, articles)
    case .help:
        s.showHelp = true
        s.helpScroll = 0
    case .quit:
        if s.pager == nil { return [.quit] }
        s.pager = nil
    case .back:
        if s.pager != nil { s.pager = nil } else if s.focus == .detail { s.focus = .list }
    case .open:
        guard !s.articles.isEmpty, s.pager == nil else { break }
        s.pager = PagerState(article: s.selection)
        s.refreshPager()
    case .toggleFocus:
        if s.pager == nil { s.focus = s.focus == .list ? .detail : .list }
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        move(&s, action)
    case .nextQuestion, .previousQuestion:
        guard var p = s.pager else { break }
        let starts = p.lines.indices.filter { p.lines[$0].questionStart }
        let ref = p.questionLine ?? (action == .nextQuestion ? p.scroll - 1 : p.scroll)
        if action == .nextQuestion, let next = starts.first(where: { $0 > ref }) {
            p.scroll = next
            p.questionLine = next
        } else if action == .previousQuestion, let prev = starts.last(where: { $0 < ref }) {
            p.scroll = prev
            p.questionLine = prev
        } else {
            s.message = starts.isEmpty ? "no questions: not an interview" : (action == .nextQuestion ? "last question" : "first question")
        }
        s.pager = p
        s.refreshPager()
    case .searchStart:
        if s.pager != nil { s.input = "" }
    case .searchNext, .searchPrevious:
        guard var p = s.pager else { break }
        guard !p.matches.isEmpty else {
            s.message = p.query.isEmpty ? "no search: press / to search" : "no match for \(p.query)"
            break
        }
        let count = p.matches.count
        let current = p.currentMatch ?? -1
        p.currentMatch = action == .searchNext ? (current + 1) % count : (current - 1 + count) % count
        p.scroll = max(0, p.matches[p.currentMatch!].line - s.pagerRows / 3)
        s.pager = p
        s.refreshPager()
        s.message = "match \(p.currentMatch! + 1) of \(count)"
    case .click(let x, let y):
        click(&s, x, y)
    case .wheelUp(let x, let y):
        wheel(&s, x, y, up: true)
    case .wheelDown(let x, let y):
        wheel(&s, x, y, up: false)
    case .input, .inputBackspace, .inputSubmit, .inputCancel:
        break
    }
    return []
}

extension AppState {
    /// Lets a background action through while the help is shown.
    var withoutHelp: AppState {
        get { var c = self; c.showHelp = false; return c }
        set { let help = showHelp, scroll = helpScroll; self = newValue; showHelp = help; helpScroll = scroll }
    }
}

func resize(_ s: inout AppState, _ w: Int, _ h: Int) {
    s.width = max(1, w)
    s.height = max(1, h)
    s.refreshDetail()
    s.scrollListToSelection()
    s.refreshPager()
    s.detailScroll = max(0, min(s.detailScroll, max(0, s.detailLines.count - s.detailRect.height)))
}

/// Where a scroll or selection position moves for an action, over `count` items seen `rows` at a time.
func moved(_ v: Int, _ action: Action, rows: Int, count: Int, pageOverlap: Int = 1) -> Int {
    let page = max(1, rows - pageOverlap)
    switch action {
    case .down: return v + 1
    case .up: return v - 1
    case .pageDown: return v + page
    case .pageUp: return v - page
    case .halfPageDown: return v + max(1, rows / 2)
    case .halfPageUp: return v - max(1, rows / 2)
    case .top: return 0
    case .bottom: return count
    default: return v
    }
}

func move(_ s: inout AppState, _ action: Action) {
    if var p = s.pager {
        p.questionLine = nil
        p.scroll = moved(p.scroll, action, rows: s.pagerRows, count: p.lines.count)
        s.pager = p
        s.refreshPager()
        return
    }
    if s.focus == .detail {
        let rows = max(1, s.detailRect.height)
        let v = moved(s.detailScroll, action, rows: rows, count: s.detailLines.count)
        s.detailScroll = max(0, min(v, max(0, s.detailLines.count - rows)))
        return
    }
    guard !s.articles.isEmpty else { return }
    let v = moved(s.selection, action, rows: max(1, s.listRect.height), count: s.articles.count - 1)
    s.selection = max(0, min(v, s.articles.count - 1))
    s.scrollListToSelection()
    s.refreshDetail()
}

func searchPager(_ s: inout AppState, _ query: String) {
    guard var p = s.pager else { return }
    p.query = query
    p.matches = ArticleDocument.matches(query, in: p.lines).map { PagerState.Match(line: $0.line, start: $0.start, length: $0.length) }
    if let first = p.matches.firstIndex(where: { $0.line >= p.scroll }) ?? (p.matches.isEmpty ? nil : 0) {
        p.currentMatch = first
        p.scroll = max(0, p.matches[first].line - s.pagerRows / 3)
        s.message = "\(p.matches.count) match\(p.matches.count == 1 ? "" : "es") for \(query)"
    } else {
        p.currentMatch = nil
        s.message = query.isEmpty ? nil : "no match for \(query)"
    }
    s.pager = p
    s.refreshPager()
}

func click(_ s: inout AppState, _ x: Int, _ y: Int) {
    guard s.pager == nil, !s.tooSmall else { return }
    let l = s.listRect
    if x >= l.x, x < l.maxX, y >= l.y, y < l.maxY {
        let row = s.listScroll + (y - l.y)
        if row < s.articles.count {
            s.selection = row
            s.focus = .list
            s.refreshDetail()
        }
    } else if s.detailRect.width > 0, y >= s.detailRect.y, y < s.detailRect.maxY, x >= s.detailRect.x {
        s.focus = .detail
    }
}

func wheel(_ s: inout AppState, _ x: Int, _ y: Int, up: Bool) {
    if s.pager != nil {
        for _ in 0..<3 { move(&s, up ? .up : .down) }
        return
    }
    let inDetail = y >= s.detailRect.y && y < s.detailRect.maxY && x >= s.detailRect.x && x < s.detailRect.maxX
    let saved = s.focus
    s.focus = inDetail ? .detail : .list
    for _ in 0..<(inDetail ? 3 : 1) { move(&s, up ? .up : .down) }
    s.focus = saved
}
