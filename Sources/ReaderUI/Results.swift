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
    /// `background`: the search may run on the search worker (the search line's queries).
    mutating func setQuery(_ text: String, typing: Bool = false, prefer: Int? = nil, background: Bool = false) {
        query = text
        runQuery(typing: typing, prefer: prefer, background: background)
    }

    /// Runs the query: the list shows the results in the sort order, the facets count them. A
    /// query with an error keeps the last good results.
    mutating func runQuery(typing: Bool = false, prefer: Int? = nil, background: Bool = false) {
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
            do throws(QueryError) {
                // While typing, a space just typed does not end the last word's prefix yet (it
                // does end a filter: its value is then finished, and checked).
                let tokens = QueryText.tokens(query)
                let endsInFilter = tokens.last?.field != nil
                // A negated word, left out while typed, counts once a space ends it, as Enter
                // would count it (its last word a prefix); a negated phrase whose quote is still
                // open stays left out whatever this says (the parser drops it).
                let negationEnded = typing && query.hasSuffix(" ") && tokens.last.map { $0.negated && $0.field == nil } == true
                func trimmed(_ s: String) -> String { String(s.reversed().drop { $0 == " " }.reversed()) }
                var typed = typing && !endsInFilter ? trimmed(query) : query
                // An organization still being typed that nobody names yet (`org:UNN`) is left
                // out, as a half-typed value is (cut with the spaces before it: the word before
                // stays the prefix being typed).
                func before(_ t: QueryToken) -> String { trimmed(String(Array(query)[0..<(t.column - 1)])) }
                if typing, let last = tokens.last, !last.closed, last.field?.name == "org", let index,
                   NameCheck.unknownOrganization(in: last.written + " ", index: index) != nil {
                    typed = before(last)
                }
                // So is a tag being typed that no article carries yet (`tag:bri`).
                if typing, let last = tokens.last, !last.closed, last.field?.name == "tag",
                   Tags.unknown(in: last.written + " ", marks) != nil {
                    typed = before(last)
                }
                typedQuery = typed
                // A space typed after it ends a token: an `OR` with nothing before it, or a lone
                // `-`, is a mistake from then on.
                if typing, let mistake = QueryText.structureError(query, typing: true) { throw mistake }
                q = try QueryParser.parse(typed, prefixLast: true, typing: typing, negationDone: negationEnded)
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
            let request = SearchRequest(generation: searchGeneration &+ 1, query: q, text: query, typing: typing, sort: sort,
                                        marks: docMarks, keep: keep, screenRow: screenRow)
            searchGeneration = request.generation
            if background, let worker = searchWorker {
                // From the search line: the search runs on the worker, and the results shown stay
                // until its answer (the run loop waits a moment for it, so a quick one lands in
                // this very frame).
                worker.submit(request)
                searching = true
                // It passed every check: an error said for an earlier keystroke is over.
                queryError = nil
                return
            }
            apply(request.run(searcher))
            return
        }
        searchGeneration &+= 1
        searching = false
        resultsVersion &+= 1
        reselect(keep, screenRow: screenRow)
    }

    /// Shows the search worker's answer if it came, waiting up to `seconds` for it; whether a
    /// search is still running.
    @discardableResult public mutating func receiveSearch(waiting seconds: Double = 0) -> Bool {
        guard searching, let worker = searchWorker else { return false }
        let answer = seconds > 0 ? worker.wait(for: searchGeneration, upTo: seconds) : worker.take()
        if let answer {
            apply(answer)
            // The screens follow the new results (the detail pane, the filter panel, the
            // timeline), as after any action.
            refreshScreens()
        }
        return searching
    }

    /// Shows a search's answer, unless a later query was asked for meanwhile.
    mutating func apply(_ outcome: SearchOutcome) {
        guard outcome.request.generation == searchGeneration else { return }
        searching = false
        let request = outcome.request
        visible = outcome.visible
        total = outcome.total
        // An error in what was typed since stays said.
        if query == request.text { queryError = nil }
        highlighter = Highlighter(request.query)
        resultYears = outcome.facets[.year] ?? []
        goodQuery = request.typing ? request.query.text : request.text
        facets = outcome.counted
        resultsVersion &+= 1
        reselect(request.keep, screenRow: request.screenRow)
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
        let q = (try? QueryParser.parse(query, prefixLast: true, typing: true))?.removing(.year) ?? .all
        return box.searcher.months(ofYear: year, in: box.searcher.matchSet(q, marks: docMarks))
    }

}
