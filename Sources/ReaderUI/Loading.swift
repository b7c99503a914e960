import Corpus
import ReadingState
import SearchIndex

/// Articles swapped in under the reader, and the session brought back from the store.
extension AppState {
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
            browse.detailKey = (-1, -1, -1)
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
