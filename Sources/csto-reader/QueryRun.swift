import Corpus
import SearchIndex

/// A query as the workbench commands take it: the words, the filter options as query terms,
/// checked (structure, unknown organizations), parsed, and its matching documents.
struct QueryRun {
    let index: SearchIndex
    let query: Query
    let matches: Bitset

    init(_ text: String, filters: FilterOptions, corpus: CorpusOptions, prefixLast: Bool = false) throws {
        index = try corpus.openIndex()
        let full = filters.isEmpty ? text : (text + " " + filters.query).trimmingCharacters(in: .whitespaces)
        if let error = QueryText.structureError(text) ?? NameCheck.unknownOrganization(in: full, index: index) {
            throw UserError(description: error.message)
        }
        do { query = try QueryParser.parse(full, prefixLast: prefixLast) } catch { throw UserError(description: error.message) }
        matches = Searcher(index).matchSet(query)
    }
}
