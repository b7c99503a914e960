import Corpus
import SearchIndex
import TerminalCore

/// Keyword in context (`c`): every occurrence of the query's words in the current results, one
/// line each, the keyword in a column of its own between its left and right context, with the
/// date and the article; by date, or sorted by the left or right context (`o`). Enter opens
/// the pager at that occurrence. In date order the lines are found as they are scrolled to,
/// so the first screen of a frequent word does not wait for the last one.
public struct ConcordanceScreen: Screen {
    public internal(set) var order = Concordance.Order.date
    public internal(set) var lines: [ConcordanceLine] = []
    public internal(set) var cursor = ScrollCursor()
    /// The results in date order, and how far the lines have been found in them.
    var docs: [Int] = []
    var scanned = 0
    var builtFor = -1
    /// A sorted order being made between keys: the lines gathered, then their sort keys.
    var gathering: [ConcordanceLine]? = nil
    var keys: [[UInt8]] = []
    var gatheredFrom = 0
    /// Sorted orders gather at most this many lines.
    static let sortLimit = 20_000
    /// Sorted runs of line numbers, merged pairwise a slice at a time.
    var runs: [[Int]] = []
    /// Articles read, keys folded, lines sorted into a run, per slice of work (each well
    /// under a frame at 100,000 pages).
    static let sliceArticles = 10
    static let sliceKeys = 400
    static let sliceRun = 1_000
    static let sliceMerge = 4_000
    /// A merge of two runs under way.
    struct Merge: Sendable {
        var at: Int, x: Int, y: Int
        var merged: [Int]
    }
    var merging: Merge? = nil

    public var context: Context { .concordance }
    public var showsResults: Bool { true }
    public var complete: Bool { scanned >= docs.count }
    public var sorting: Bool { gathering != nil }
    public var hasPendingWork: Bool { gathering != nil }

    init(app: AppState) {
        refresh(app)
    }

    static var context: Int { 60 }

    public mutating func refresh(_ app: AppState) {
        if builtFor != app.resultsVersion {
            builtFor = app.resultsVersion
            var set = Bitset(count: app.articles.count)
            for d in app.visible { set.insert(d) }
            docs = set.members
            scanned = 0
            lines = []
            cursor = ScrollCursor()
            fill(app, upTo: app.pagerRows * 2)
            // A sorted order starts again on the new results.
            if order != .date { startSorting() }
        }
        if order == .date, !complete, cursor.offset + app.pagerRows * 2 > lines.count {
            fill(app, upTo: cursor.offset + app.pagerRows * 3)
        }
        cursor.keepVisible(count: lines.count, rows: app.pagerRows - 1, margin: 1)
    }

    /// Finds lines in further articles, one at a time, until there are `count` (or no articles
    /// are left).
    mutating func fill(_ app: AppState, upTo count: Int) {
        guard let h = app.highlighter, !h.isEmpty else { scanned = docs.count; return }
        let articles = app.articles
        while lines.count < count, scanned < docs.count {
            lines += Concordance.lines([docs[scanned]], in: { articles[$0] }, highlighter: h, context: Self.context)
            scanned += 1
        }
    }

    /// Gathering for a sorted order begins (from what date order has found).
    mutating func startSorting() {
        gathering = order == .date ? nil : lines
        gatheredFrom = scanned
        keys = []
        runs = []
        merging = nil
    }

    /// A slice of making the sorted order: more lines, then their keys, then the sort.
    public mutating func work(_ app: AppState) {
        guard var got = gathering else { return }
        if got.count < Self.sortLimit, gatheredFrom < docs.count, let h = app.highlighter {
            let articles = app.articles
            let end = min(docs.count, gatheredFrom + Self.sliceArticles)
            got += Concordance.lines(Array(docs[gatheredFrom..<end]), in: { articles[$0] }, highlighter: h, context: Self.context)
            gatheredFrom = end
            gathering = got
            return
        }
        if keys.count < got.count {
            let end = min(got.count, keys.count + Self.sliceKeys)
            keys += got[keys.count..<end].map { Array(Concordance.sortKey($0, by: order).utf8) }
            return
        }
        let keys = self.keys
        // By bytes (the keys are folded words): far quicker than comparing Strings. Ties keep
        // the date order (the line number).
        func before(_ a: Int, _ b: Int) -> Bool { keys[a] != keys[b] ? keys[a].lexicographicallyPrecedes(keys[b]) : a < b }
        let inRuns = runs.reduce(0) { $0 + $1.count }
        if inRuns < got.count {
            let end = min(got.count, inRuns + Self.sliceRun)
            runs.append(Array(inRuns..<end).sorted(by: before))
            return
        }
        if runs.count > 1 || merging != nil {
            // The two shortest neighbouring runs merged, at most `sliceMerge` steps a slice (the
            // merge goes on from where it stopped).
            if merging == nil {
                let pairs: [Int] = (0..<(runs.count - 1)).map { (k: Int) -> Int in runs[k].count + runs[k + 1].count }
                let i: Int = pairs.indices.min { pairs[$0] < pairs[$1] } ?? 0
                merging = Merge(at: i, x: 0, y: 0, merged: [])
                merging!.merged.reserveCapacity(pairs[i])
            }
            var m = merging!
            let a = runs[m.at], b = runs[m.at + 1]
            var steps = 0
            while m.x < a.count, m.y < b.count, steps < Self.sliceMerge {
                if before(b[m.y], a[m.x]) { m.merged.append(b[m.y]); m.y += 1 } else { m.merged.append(a[m.x]); m.x += 1 }
                steps += 1
            }
            if m.x < a.count, m.y < b.count {
                merging = m
                return
            }
            m.merged += a[m.x...]
            m.merged += b[m.y...]
            runs.replaceSubrange(m.at...(m.at + 1), with: [m.merged])
            merging = nil
            return
        }
        lines = (runs.first ?? []).map { got[$0] }
        runs = []
        merging = nil
        scanned = gatheredFrom
        gathering = nil
        self.keys = []
        cursor = ScrollCursor()
    }

    public mutating func handle(_ action: Action, _ app: inout AppState) -> Outcome {
        switch action {
        case .back:
            return .close
        case .cycleOrder:
            let all = Concordance.Order.allCases
            order = all[(all.firstIndex(of: order)! + 1) % all.count]
            if order == .date {
                gathering = nil
                builtFor = -1
                refresh(app)
            } else {
                // What is found so far (in date order, or sorted the other way) is sorted
                // anew, gathering on between keys.
                if gathering == nil {
                    gathering = lines
                    gatheredFrom = scanned
                }
                keys = []
                runs = []
                merging = nil
            }
            cursor = ScrollCursor()
            app.message = "by \(order == .date ? "date" : order.rawValue + " context")"
        case .open:
            guard cursor.selection < lines.count else { break }
            let l = lines[cursor.selection]
            // Which occurrence of this keyword it is in its paragraph, counted as the pager's
            // search counts (the text, case folded), so the pager lands on this very one.
            let a = app.articles[l.article]
            let text = Concordance.text(of: l, in: a)
            let rank = Self.occurrences(of: l.keyword, in: String(String.UnicodeScalarView(text.unicodeScalars.prefix(l.offset))))
            var pager = PagerScreen(article: l.article, app: &app)
            pager.show(l.keyword, paragraph: l.paragraph, place: l.place, rank: rank, &app)
            return .push(pager)
        default:
            guard cursor.move(action, count: lines.count, rows: app.pagerRows - 1, margin: 1) else { return .unhandled }
        }
        return .handled
    }

    public func status(_ app: AppState) -> String {
        if let gathering {
            return "in context: sorting by \(order.rawValue) context… \(gathering.count) lines"
        }
        let capped = order != .date && !complete
        let count = complete ? "\(lines.count)" : capped ? "first \(lines.count)" : "\(lines.count)+"
        let pos = lines.isEmpty ? "0/0" : "\(cursor.selection + 1)/\(count)"
        return "in context: \(pos) by \(order == .date ? "date" : order.rawValue)"
    }

    /// How many times `word` stands in `text`, case-insensitively (as the pager finds it).
    static func occurrences(of word: String, in text: String) -> Int {
        let needle = Array(word.lowercased()), hay = Array(text.lowercased())
        guard !needle.isEmpty, hay.count >= needle.count else { return 0 }
        var n = 0, i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { n += 1; i += needle.count } else { i += 1 }
        }
        return n
    }

    /// The last `columns` columns of a text, with "…" where it was cut.
    static func lastColumns(_ s: String, _ columns: Int) -> String {
        guard DisplayWidth.of(s) > columns else { return s }
        var out: [Character] = []
        var used = 1
        for c in s.reversed() {
            let w = DisplayWidth.of(c)
            if used + w > columns { break }
            out.append(c)
            used += w
        }
        return "…" + String(out.reversed())
    }

    public func render(_ app: AppState, into buf: inout Buffer, area: Rect, theme: Theme) {
        let titleWidth = app.width >= 140 ? 32 : 0
        let textWidth = app.width - 12 - titleWidth - (titleWidth > 0 ? 2 : 0) - 1
        let leftWidth = max(8, textWidth * 9 / 20)
        let header = (app.highlighter?.isEmpty ?? true) ? "no words in the query: search (\(app.keymap.key(.searchStart, in: .global))) first"
            : "\(app.total) result\(app.total == 1 ? "" : "s") · \(app.goodQuery)"
        buf.put(DisplayWidth.truncate(header, to: app.width - 2), x: 1, y: area.y, style: theme.style(.dim), limit: app.width - 2)
        for row in 0..<(area.height - 1) {
            let i = cursor.offset + row
            guard i < lines.count else { break }
            let l = lines[i]
            let y = area.y + 1 + row
            let a = app.articles[l.article]
            buf.put(a.displayDate?.description ?? "undated", x: 1, y: y, style: theme.style(.listDate), limit: 11)
            let left = Self.lastColumns(l.left, leftWidth)
            let kx = 12 + leftWidth
            buf.put(left, x: kx - DisplayWidth.of(left), y: y, style: theme.style(.text), limit: leftWidth)
            let kw = buf.put(l.keyword, x: kx, y: y, style: theme.style(.queryMatch), limit: max(1, textWidth - leftWidth))
            let rightRoom = textWidth - leftWidth - kw
            if rightRoom > 1 { buf.put(DisplayWidth.truncate(l.right, to: rightRoom), x: kx + kw, y: y, style: theme.style(.text), limit: rightRoom) }
            if titleWidth > 0 {
                buf.put(DisplayWidth.truncate(a.title, to: titleWidth), x: app.width - titleWidth - 1, y: y, style: theme.style(.dim), limit: titleWidth)
            }
            if i == cursor.selection { Widgets.select(Rect(x: 0, y: y, width: app.width, height: 1), &buf, theme) }
        }
        if lines.isEmpty, !(app.highlighter?.isEmpty ?? true) {
            buf.put("no occurrence in the current results", x: 2, y: area.y + 2, style: theme.style(.dim), limit: app.width - 3)
        }
    }
}
