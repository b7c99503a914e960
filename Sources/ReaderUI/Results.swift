import Corpus
import ReadingState
import SearchIndex

/// The query and its results: running it, sorting, and keeping the selection on the same
/// article whenever it is still in the list (as mutt and tig do).
extension AppState {
    /// Sets the query and runs it. `typing`: it is being typed in the search line, so what is
    /// half typed is left out rather than reported.
    /// `prefer`: the article to keep selected when it is in the results (the one selected when
    /// the search line opened, so that a letter typed on the way does not lose it).
    mutating func setQuery(_ text: String, typing: Bool = false, prefer: Int? = nil) {
        query = text
        runQuery(typing: typing, prefer: prefer)
    }

    /// Runs the query: the list shows the results in the sort order, the facets count them. A
    /// query with an error keeps the last good results.
    mutating func runQuery(typing: Bool = false, prefer: Int? = nil) {
        guard let box = searcher else { return }
        let searcher = box.searcher
        let keep = prefer ?? selectedArticle
        let screenRow = list.selection - list.offset
        let text = query.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            visible = Array(articles.indices)
            total = articles.count
            queryError = nil
            highlighter = nil
            facets = searcher.search(.all, limit: 0, marks: docMarks).facets
            resultYears = facets[.year] ?? []
            goodQuery = ""
        } else {
            let q: Query
            do {
                // While typing, a space just typed does not end the last word's prefix yet (it
                // does end a filter: its value is then finished, and checked).
                let tokens = QueryText.tokens(query)
                let endsInFilter = tokens.last?.field != nil
                var typed = typing && !endsInFilter ? String(query.reversed().drop { $0 == " " }.reversed()) : query
                // An organization still being typed that nobody names yet (`org:UNN`) is left
                // out, as a half-typed value is.
                if typing, let last = tokens.last, !last.closed, last.field?.name == "org", let index,
                   NameCheck.unknownOrganization(in: last.written + " ", index: index) != nil {
                    typed = String(Array(query)[0..<(last.column - 1)])
                }
                q = try QueryParser.parse(typed, prefixLast: true, typing: typing)
            } catch {
                queryError = error.message
                return
            }
            // An organization nobody names is a typo, not "no results".
            if let index, let unknown = NameCheck.unknownOrganization(in: query, index: index, typing: typing) {
                queryError = unknown.message
                return
            }
            let r = searcher.search(q, limit: sort == .relevance ? 500 : 0, marks: docMarks)
            var list: [Int] = []
            list.reserveCapacity(r.total)
            if sort == .relevance {
                // The best first, then the other matches newest first (article order).
                var seen = Set<Int>()
                for h in r.hits {
                    list.append(h.doc)
                    seen.insert(h.doc)
                }
                if r.total > r.hits.count { r.matches.forEach { d in if !seen.contains(d) { list.append(d) } } }
            } else {
                r.matches.forEach { list.append($0) }
            }
            visible = list
            total = r.total
            queryError = nil
            highlighter = Highlighter(q)
            resultYears = r.facets[.year] ?? []
            goodQuery = typing ? q.text : query
            var counted = r.facets
            // A facet with a filter of its own counts without that filter, so its other values
            // stay visible (and can be added with OR).
            for (f, values) in QueryText.selected(in: query) where !values.isEmpty {
                let without = QueryText.removing(f, from: query)
                if let q2 = try? QueryParser.parse(without, prefixLast: true, typing: typing) {
                    counted[f] = searcher.search(q2, limit: 0, facets: [f], marks: docMarks).facets[f]
                }
            }
            facets = counted
        }
        resultsVersion &+= 1
        reselect(keep, screenRow: screenRow)
    }

    /// Selects the article again when it is still in the list, at the same row of the screen
    /// where the list allows; else the first row.
    mutating func reselect(_ article: Int?, screenRow: Int) {
        if let article, let row = visible.firstIndex(of: article) {
            list.selection = row
            list.offset = max(0, row - max(0, screenRow))
        } else {
            list = ScrollCursor()
        }
        keepListVisible()
    }

    /// Selects an article in the list, if it is there.
    mutating func select(article: Int) {
        if let row = visible.firstIndex(of: article) { selectRow(row) }
    }

    /// `o`: best matches first, or newest first.
    mutating func toggleSort() {
        sort = sort == .relevance ? .date : .relevance
        runQuery()
        message = sort == .relevance ? (query.isEmpty ? "by relevance (newest first without a query)" : "sorted by relevance")
            : "sorted by date, newest first"
    }

    /// Counts by month of a year (the year facet opened into months), over the results as they
    /// would be without their year and month filters: the other months stay, to be ORed in.
    func months(ofYear year: Int) -> [(month: Int, count: Int)] {
        guard let box = searcher else { return [] }
        let without = QueryText.removing(field: "month", from: QueryText.removing(.year, from: query))
        let q = (try? QueryParser.parse(without, prefixLast: true, typing: true)) ?? .all
        return box.searcher.months(ofYear: year, in: box.searcher.matchSet(q, marks: docMarks))
    }

    /// The values a field can take, for Tab in the search line: the index's facet values and
    /// the gazetteer's names and aliases.
    func completions(field: String) -> [String] {
        switch field {
        case "kind": return ArticleKind.allCases.map(\.rawValue)
        case "is": return FieldFilter.Status.allCases.map(\.rawValue)
        case "year": return (index?.facetValues(.year) ?? []).sorted(by: >)
        case "month":
            return (index?.facetValues(.year) ?? []).sorted(by: >).flatMap { y in (1...12).map { "\(y)-" + ($0 < 10 ? "0\($0)" : "\($0)") } }
        case "org", "country":
            let facet: Facet = field == "org" ? .organization : .country
            let kind: Gazetteer.Kind = field == "org" ? .org : .country
            var out = index?.facetValues(facet) ?? []
            for e in (index?.gazetteer ?? .builtIn).entries where e.kind == kind { out.append(e.canonical); out += e.aliases }
            return out
        case "exercise": return index?.facetValues(.exercise) ?? []
        case "person": return Array(Set(articles.flatMap(\.people))).sorted()
        default: return []
        }
    }

    // MARK: Loading and the session

    /// Articles swapped in (the first load, or a refresh under the reader): the same article
    /// stays selected (and open in the pager), the query runs again.
    mutating func load(_ loaded: LoadedArticles) {
        let selectedID = articles.isEmpty ? nil : selectedArticle.map { articles[$0].id }
        let screenRow = list.selection - list.offset
        articles = loaded.articles
        origin = loaded.origin
        loading = nil
        visible = Array(articles.indices)
        total = articles.count
        list = ScrollCursor()
        if articles.isEmpty {
            index = nil
            searcher = nil
            docMarks = nil
            facets = [:]
            resultYears = []
        } else {
            attach(loaded.index ?? SearchIndex(articles: articles))
        }
        // The detail pane and an open timeline are rebuilt for the new articles.
        if var browse = screens.first as? BrowseScreen {
            browse.detailKey = (-1, -1)
            screens[0] = browse
        }
        if screens.contains(where: { $0 is TimelineScreen }) { timelineOrder = Timeline.order(articles) }
        if !query.isEmpty { runQuery() } else { resultsVersion &+= 1 }
        // The first articles of this run: the last session's selection comes back.
        if let id = selectedID ?? marks.session?.selected, let article = idIndex[id] {
            reselect(article, screenRow: selectedID == nil ? 0 : screenRow)
        }
        // Screens showing an article find it again by id, or close.
        for i in screens.indices.reversed() {
            guard var p = screens[i] as? PagerScreen else { continue }
            if let id = p.articleID, let article = idIndex[id] {
                p.article = article
                p.lines = []
                screens[i] = p
            } else {
                screens.remove(at: i)
            }
        }
        if let message = loaded.message { self.message = message }
    }

    /// The marks and last session from the store: the session's query (filters included) and
    /// its selected article come back.
    mutating func restore(_ state: ReadingState) {
        marks = state
        refreshMarks()
        guard let session = state.session else { return }
        if !session.query.isEmpty { setQuery(session.query) }
        if let id = session.selected, let article = idIndex[id] { select(article: article) }
    }
}
