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
            var typedQuery = query
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
                // So is a tag being typed that no article carries yet (`tag:bri`).
                if typing, let last = tokens.last, !last.closed, last.field?.name == "tag",
                   Tags.unknown(in: last.written + " ", marks) != nil {
                    typed = String(Array(query)[0..<(last.column - 1)])
                }
                typedQuery = typed
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
            // So is a tag nobody has (one being typed was left out above).
            if query.contains("tag:"), let unknown = Tags.unknown(in: typedQuery, marks) {
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

}
