import Corpus
import SearchIndex
import TerminalCore

/// Side effects that `update` asks the run loop to perform.
public enum Effect: Sendable, Equatable {
    case quit
    /// Draw the whole screen again (Ctrl-L).
    case redraw
    /// The marks or the session changed: persist `state.marks`.
    case save
}

/// The context a key is read in.
public func context(of state: AppState) -> Context {
    if state.input != nil { return .input }
    if state.pager != nil { return .pager }
    if state.filterPanel != nil { return .filters }
    if state.timeline != nil { return .timeline }
    return .list
}

/// Applies an action to the state. Pure: no terminal, no clock.
@discardableResult
public func update(_ s: inout AppState, _ action: Action) -> [Effect] {
    defer {
        #if DEBUG
        s.checkInvariants()
        #endif
    }
    switch action {
    case .resize(let w, let h):
        resize(&s, w, h)
        return []
    case .loaded(let loaded):
        // A refresh swapped in under the reader: the same article stays selected (and open).
        let selectedID = s.articles.isEmpty ? nil : s.selectedArticle.map { s.articles[$0].id }
        let pagerID = s.pager.flatMap { $0.article < s.articles.count ? s.articles[$0.article].id : nil }
        let listScroll = s.listScroll, selection = s.selection
        s.articles = loaded.articles
        s.origin = loaded.origin
        s.loading = nil
        s.visible = Array(loaded.articles.indices)
        s.total = loaded.articles.count
        s.selection = 0
        s.listScroll = 0
        s.detailKey = (-1, -1)
        if !loaded.articles.isEmpty { s.attach(loaded.index ?? SearchIndex(articles: loaded.articles)) }
        if !s.query.isEmpty { runQuery(&s) }
        // The first articles of this run: the last session's selection comes back.
        let wanted = selectedID ?? s.marks.session?.selected
        if let id = wanted, let article = s.idIndex[id], let row = s.visible.firstIndex(of: article) {
            s.selection = row
            // Where it was on the screen, as far as the list allows.
            s.listScroll = selectedID == nil ? 0 : max(0, row - (selection - listScroll))
            s.scrollListToSelection()
        }
        if var p = s.pager {
            if let id = pagerID, let article = s.idIndex[id] {
                p.article = article
                s.pager = p
            } else {
                s.pager = nil
            }
        }
        if s.timeline != nil { rebuildTimeline(&s) }
        if let message = loaded.message { s.message = message }
        s.refreshDetail()
        return []
    case .progress(let done, let total, let articles):
        s.loading = (done, total, articles)
        return []
    case .note(let text):
        s.message = text
        return []
    default:
        break
    }
    if action == .redraw { return [.redraw] }
    if action == .interrupt {
        // Ctrl-C: cancels the line being typed; anywhere else it quits (status 130).
        if s.input != nil { return editInput(&s, .inputCancel) }
        s.captureSession()
        s.exitStatus = 130
        return [.save, .quit]
    }
    if s.input != nil { return editInput(&s, action) }
    if s.showHelp {
        switch action {
        case .help, .back, .quit, .inputCancel: s.showHelp = false
        case .down: s.helpScroll += 1
        case .up: s.helpScroll = max(0, s.helpScroll - 1)
        case .pageDown, .halfPageDown: s.helpScroll += max(1, s.height - 4)
        case .pageUp, .halfPageUp: s.helpScroll = max(0, s.helpScroll - max(1, s.height - 4))
        case .top: s.helpScroll = 0
        case .bottom: s.helpScroll = helpLines().count
        default: break
        }
        return []
    }
    if action == .help {
        s.showHelp = true
        s.helpScroll = 0
        return []
    }
    if s.pager != nil { return pagerAction(&s, action) }
    if s.filterPanel != nil { return filterAction(&s, action) }
    if s.timeline != nil { return timelineAction(&s, action) }
    return listAction(&s, action)
}

// MARK: List

func listAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .quit:
        s.captureSession()
        return [.save, .quit]
    case .toggleRead, .toggleStar:
        guard let a = s.selectedArticle else { break }
        let id = s.articles[a].id
        if action == .toggleRead {
            if s.marks.read.remove(id) == nil { s.marks.read.insert(id) }
            s.message = s.marks.read.contains(id) ? "marked read" : "marked unread"
        } else {
            if s.marks.starred.remove(id) == nil { s.marks.starred.insert(id) }
            s.message = s.marks.starred.contains(id) ? "starred" : "star removed"
        }
        // The list stays as it is (so a second `u` undoes); the next query sees the new marks.
        return [.save]
    case .back:
        if s.focus == .detail {
            s.focus = .list
        } else if !s.query.isEmpty {
            setQuery(&s, "")
            s.message = "search cleared"
        }
    case .open:
        guard let a = s.selectedArticle else { break }
        openPager(&s, a)
        return [.save]
    case .toggleFocus:
        s.focus = s.focus == .list ? .detail : .list
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        move(&s, action)
    case .searchStart:
        s.saved = SavedView(query: s.query, selection: s.selection, listScroll: s.listScroll)
        s.input = SearchLine(purpose: .query, text: s.query.isEmpty ? "" : s.query + " ")
    case .filters:
        s.filterPanel = FilterPanel(row: filterRows(s).firstIndex { $0.value != nil } ?? 0)
    case .clearFilters:
        let cleared = Filters.clear(s.query)
        if cleared != s.query { setQuery(&s, cleared) }
        s.message = "filters cleared"
    case .timeline:
        openTimeline(&s)
    case .click(let x, let y):
        click(&s, x, y)
    case .wheelUp(let x, let y):
        wheel(&s, x, y, up: true)
    case .wheelDown(let x, let y):
        wheel(&s, x, y, up: false)
    default:
        break
    }
    return []
}

/// Sets the query and runs it.
func setQuery(_ s: inout AppState, _ text: String) {
    s.query = text
    runQuery(&s)
}

/// Runs the query: the list shows the results (ranked first, then the rest of the matches
/// newest first), the facets count them. A query with an error keeps the last good results.
func runQuery(_ s: inout AppState) {
    guard let box = s.searcher else { return }
    let searcher = box.searcher
    let text = s.query.trimmingCharacters(in: " ")
    if text.isEmpty {
        s.visible = Array(s.articles.indices)
        s.total = s.articles.count
        s.queryError = nil
        s.highlighter = nil
        s.facets = searcher.search(.all, limit: 0).facets
        s.resultYears = s.facets[.year] ?? []
        s.goodQuery = ""
    } else {
        let q: Query
        do {
            // While typing, a space just typed does not end the last word's prefix yet.
            let typed = s.input != nil ? String(s.query.reversed().drop { $0 == " " }.reversed()) : s.query
            q = try QueryParser.parse(typed, prefixLast: true, typing: s.input != nil)
        } catch {
            s.queryError = error.message
            return
        }
        let r = searcher.search(q, limit: 500)
        var seen = Set<Int>()
        var list: [Int] = []
        list.reserveCapacity(r.total)
        for h in r.hits {
            list.append(h.doc)
            seen.insert(h.doc)
        }
        if r.total > r.hits.count {
            r.matches.forEach { d in if !seen.contains(d) { list.append(d) } }
            let tail = list[r.hits.count...].sorted()
            list.replaceSubrange(r.hits.count..., with: tail)
        }
        s.visible = list
        s.total = r.total
        s.queryError = nil
        s.highlighter = Highlighter(q)
        s.resultYears = r.facets[.year] ?? []
        s.goodQuery = s.query
        var facets = r.facets
        // A facet with a filter of its own counts without that filter, so its other values
        // stay visible (and can be added with OR).
        for (f, values) in Filters.selected(in: s.query) where !values.isEmpty {
            let without = Filters.removing(f, from: s.query).joined(separator: " ")
            if let q2 = try? QueryParser.parse(without, prefixLast: true) {
                facets[f] = searcher.search(q2, limit: 0, facets: [f]).facets[f]
            }
        }
        s.facets = facets
    }
    s.selection = 0
    s.listScroll = 0
    s.refreshDetail()
    if s.timeline != nil { rebuildTimeline(&s) }
}

// MARK: The search line

func editInput(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard var line = s.input else { return [] }
    var changed = true
    switch action {
    case .input(let c): line.insert(c)
    case .inputBackspace: line.backspace()
    case .inputDelete: line.deleteForward()
    case .inputDeleteWord: line.deleteWord()
    case .inputDeleteToStart: line.deleteToStart()
    case .inputLeft: line.left(); changed = false
    case .inputRight: line.right(); changed = false
    case .inputHome: line.home(); changed = false
    case .inputEnd: line.end(); changed = false
    case .historyPrevious: line.recall(s.history, older: true)
    case .historyNext: line.recall(s.history, older: false)
    case .inputSubmit:
        s.input = nil
        let text = line.text.trimmingCharacters(in: " ")
        if !text.isEmpty, s.history.last != text, line.purpose == .find || s.queryError == nil { s.history.append(text) }
        if line.purpose == .find {
            searchPager(&s, line.text)
        } else {
            if let error = s.queryError {
                // Not kept: the line stays open until the query is right (or Esc).
                s.input = line
                s.message = error
                return []
            }
            s.saved = nil
        }
        return []
    case .inputCancel:
        s.input = nil
        if line.purpose == .query, let saved = s.saved {
            setQuery(&s, saved.query)
            s.selection = min(saved.selection, max(0, s.visible.count - 1))
            s.listScroll = saved.listScroll
            s.scrollListToSelection()
            s.refreshDetail()
            s.saved = nil
        }
        return []
    default:
        return []
    }
    s.input = line
    if changed, line.purpose == .query { setQuery(&s, line.text) }
    return []
}

// MARK: Pager

func openPager(_ s: inout AppState, _ article: Int) {
    s.pager = PagerState(article: article)
    s.refreshPager()
    // Back where the reader left this article last time.
    let id = s.articles[article].id
    if let fraction = s.marks.session?.positions[id], var p = s.pager {
        p.scroll = Int(fraction * Double(p.lines.count))
        s.pager = p
        s.refreshPager()
    }
    // Opened in the pager: read.
    if !s.marks.read.contains(id) {
        s.marks.read.insert(id)
        s.refreshMarks()
    }
}

func pagerAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard var p = s.pager else { return [] }
    switch action {
    case .quit, .back:
        // Remember where the reader was in this article.
        s.captureSession()
        s.pager = nil
        return [.save]
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        move(&s, action)
    case .nextQuestion, .previousQuestion:
        let starts = p.lines.indices.filter { p.lines[$0].questionStart }
        let ref = p.questionLine ?? (action == .nextQuestion ? p.scroll - 1 : p.scroll)
        if action == .nextQuestion, let next = starts.first(where: { $0 > ref }) {
            p.scroll = next
            p.questionLine = next
        } else if action == .previousQuestion, let prev = starts.last(where: { $0 < ref }) {
            p.scroll = prev
            p.questionLine = prev
        } else {
            s.message = starts.isEmpty ? "no questions in this article" : (action == .nextQuestion ? "last question" : "first question")
        }
        s.pager = p
        s.refreshPager()
    case .searchStart:
        s.input = SearchLine(purpose: .find)
    case .searchNext, .searchPrevious:
        guard !p.matches.isEmpty else {
            s.message = p.query.isEmpty ? "no search: press / to search" : "no match for \(p.query)"
            break
        }
        let count = p.matches.count
        let current = p.currentMatch ?? -1
        p.currentMatch = action == .searchNext ? (current + 1) % count : (current - 1 + count) % count
        let wrapped = action == .searchNext ? p.currentMatch! <= current : p.currentMatch! >= current && current >= 0
        p.scroll = max(0, p.matches[p.currentMatch!].line - s.pagerRows / 3)
        s.pager = p
        s.refreshPager()
        s.message = "match \(p.currentMatch! + 1) of \(count)" + (wrapped && count > 1 ? " (search wrapped)" : "")
    case .wheelUp:
        for _ in 0..<3 { move(&s, .up) }
    case .wheelDown:
        for _ in 0..<3 { move(&s, .down) }
    default:
        break
    }
    return []
}

func searchPager(_ s: inout AppState, _ query: String) {
    guard var p = s.pager else { return }
    p.query = query
    p.matches = ArticleDocument.matches(query, in: p.lines).map(PagerState.Match.init)
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

// MARK: Filter panel

/// The rows of the filter panel: a title per facet, then its values with their counts; the
/// values the query selects come first. A value typed in the query is matched to the facet's own
/// spelling (`org:ООН` ticks UN, `kind:Meeting` ticks meeting, `year:2018..2024` ticks each
/// year); `raw` is what the query says, so turning it off removes that term.
public func filterRows(_ s: AppState) -> [(facet: Facet, value: String?, count: Int, selected: Bool, raw: String?)] {
    let selected = Filters.selected(in: s.query)
    var rows: [(Facet, String?, Int, Bool, String?)] = []
    for f in Filters.facets {
        let counts = s.facets[f] ?? []
        var chosen: [(value: String, count: Int, raw: String)] = []
        for raw in selected[f] ?? [] {
            let matches = counts.filter { Filters.names(raw, $0.value, f, s.index?.gazetteer) }
            if matches.isEmpty {
                chosen.append((raw, 0, raw))
            } else {
                for m in matches where !chosen.contains(where: { $0.value == m.value }) { chosen.append((m.value, m.count, raw)) }
            }
        }
        let rest = counts.filter { c in !chosen.contains { $0.value == c.value } }
        guard !chosen.isEmpty || !rest.isEmpty else { continue }
        rows.append((f, nil, 0, false, nil))
        for c in chosen { rows.append((f, c.value, c.count, true, c.raw)) }
        for c in rest { rows.append((f, c.value, c.count, false, nil)) }
    }
    return rows
}

func filterAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard var panel = s.filterPanel else { return [] }
    let rows = filterRows(s)
    let selectable = rows.indices.filter { rows[$0].value != nil }
    guard !selectable.isEmpty else {
        if action == .back || action == .quit || action == .filters { s.filterPanel = nil }
        return []
    }
    var at = selectable.firstIndex(of: panel.row) ?? 0
    switch action {
    case .back, .quit, .filters:
        s.filterPanel = nil
        return []
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        at = moved(at, action, rows: s.pagerRows, count: selectable.count - 1)
    case .toggleFocus:
        // Tab: the first value of the next facet.
        let facet = rows[selectable[at]].facet
        if let next = selectable.firstIndex(where: { $0 > selectable[at] && rows[$0].facet != facet }) { at = next } else { at = 0 }
    case .toggleValue:
        let row = rows[selectable[at]]
        let value = row.value!
        setQuery(&s, Filters.toggle(row.facet, row.raw ?? value, in: s.query))
        // Stay on the same value after the rows are recomputed.
        let again = filterRows(s)
        panel.row = again.firstIndex { $0.facet == row.facet && $0.value?.lowercased() == value.lowercased() } ?? 0
        s.filterPanel = panel
        return []
    case .clearFilters:
        setQuery(&s, Filters.clear(s.query))
        s.filterPanel = FilterPanel(row: filterRows(s).firstIndex { $0.value != nil } ?? 0)
        return []
    default:
        return []
    }
    at = max(0, min(at, selectable.count - 1))
    panel.row = selectable[at]
    s.filterPanel = panel
    return []
}

// MARK: Timeline

func openTimeline(_ s: inout AppState) {
    s.timeline = TimelineState()
    rebuildTimeline(&s)
}

func rebuildTimeline(_ s: inout AppState) {
    guard var t = s.timeline else { return }
    if s.timelineOrder.count != s.articles.count { s.timelineOrder = Timeline.order(s.articles) }
    t.rows = Timeline.rows(s.articles, visible: s.visible, kinds: t.kinds, collapsed: t.collapsed,
                           order: s.timelineOrder.count == s.articles.count ? s.timelineOrder : nil)
    t.selection = t.rows.firstIndex(where: \.isSelectable) ?? 0
    t.scroll = 0
    s.timeline = t
}

func timelineAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard var t = s.timeline else { return [] }
    let selectable = t.rows.indices.filter { t.rows[$0].isSelectable }
    var at = selectable.firstIndex(of: t.selection) ?? 0
    switch action {
    case .back, .quit, .timeline:
        s.timeline = nil
        return []
    case .cycleKinds:
        t.kinds = t.kinds.count == 2 ? [.exercise] : t.kinds == [.exercise] ? [.meeting] : [.exercise, .meeting]
        s.timeline = t
        rebuildTimeline(&s)
        s.message = s.timeline!.kinds.count == 2 ? "exercises and meetings" : s.timeline!.kinds.first == .exercise ? "exercises only" : "meetings only"
        return []
    case .collapseSeries:
        t.collapsed.toggle()
        s.timeline = t
        rebuildTimeline(&s)
        return []
    case .open:
        guard t.rows.indices.contains(t.selection) else { return [] }
        switch t.rows[t.selection] {
        case .event(let a, _): openPager(&s, a)
        case .series(_, _, let articles): if let first = articles.first { openPager(&s, first) }
        default: break
        }
        return []
    case .nextYear, .previousYear:
        let years = t.rows.indices.filter { if case .year = t.rows[$0] { return true } else { return false } }
        let current = years.last { $0 < t.selection }
        let target = action == .nextYear ? years.first { $0 > t.selection } : current.flatMap { c in years.last { $0 < c } }
        if let y = target, let first = selectable.first(where: { $0 > y }) {
            t.selection = first
            t.scroll = y
        } else {
            s.message = action == .nextYear ? "last year" : "first year"
        }
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        at = moved(at, action, rows: s.pagerRows, count: selectable.count - 1)
    default:
        return []
    }
    if !selectable.isEmpty, action != .nextYear, action != .previousYear {
        at = max(0, min(at, selectable.count - 1))
        t.selection = selectable[at]
    }
    // Keep the selection (and its headings where they fit) on screen.
    let rows = s.pagerRows
    if t.selection < t.scroll + 2 { t.scroll = max(0, t.selection - 2) }
    if t.selection >= t.scroll + rows { t.scroll = t.selection - rows + 1 }
    t.scroll = max(0, min(t.scroll, max(0, t.rows.count - rows)))
    s.timeline = t
    return []
}

// MARK: Moving, resizing, mouse

func resize(_ s: inout AppState, _ w: Int, _ h: Int) {
    s.width = max(1, w)
    s.height = max(1, h)
    s.refreshDetail()
    s.scrollListToSelection()
    s.refreshPager()
    s.detailScroll = max(0, min(s.detailScroll, max(0, s.detailLines.count - s.detailRect.height)))
    if var t = s.timeline {
        t.scroll = max(0, min(t.scroll, max(0, t.rows.count - s.pagerRows)))
        if t.selection >= t.scroll + s.pagerRows { t.scroll = max(0, t.selection - s.pagerRows + 1) }
        s.timeline = t
    }
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
    guard !s.visible.isEmpty else { return }
    let v = moved(s.selection, action, rows: max(1, s.listRect.height), count: s.visible.count - 1)
    s.selection = max(0, min(v, s.visible.count - 1))
    s.scrollListToSelection()
    s.refreshDetail()
}

func click(_ s: inout AppState, _ x: Int, _ y: Int) {
    guard !s.tooSmall else { return }
    let l = s.listRect
    if x >= l.x, x < l.maxX, y >= l.y, y < l.maxY {
        let row = s.listScroll + (y - l.y)
        if row < s.visible.count {
            s.selection = row
            s.focus = .list
            s.refreshDetail()
        }
    } else if s.detailRect.width > 0, y >= s.detailRect.y, y < s.detailRect.maxY, x >= s.detailRect.x {
        s.focus = .detail
    }
}

func wheel(_ s: inout AppState, _ x: Int, _ y: Int, up: Bool) {
    let inDetail = y >= s.detailRect.y && y < s.detailRect.maxY && x >= s.detailRect.x && x < s.detailRect.maxX
    let saved = s.focus
    s.focus = inDetail ? .detail : .list
    for _ in 0..<(inDetail ? 3 : 1) { move(&s, up ? .up : .down) }
    s.focus = saved
}
