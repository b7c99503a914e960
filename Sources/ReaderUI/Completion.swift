import Corpus
import SearchIndex

/// What Tab offers in the search line.
extension AppState {
    /// The values a field can take, for Tab in the search line: the index's facet values and
    /// the gazetteer's names and aliases.
    func completions(field: String) -> [String] {
        switch field {
        case "kind": return ArticleKind.allCases.map(\.rawValue)
        case "is": return FieldFilter.Status.allCases.map(\.rawValue)
        case "has": return FieldFilter.Having.allCases.map(\.rawValue)
        case "tag": return marks.tagCounts.map(\.name)
        case "year": return (index?.facetValues(.year) ?? []).sorted(by: >)
        case "month":
            return (index?.facetValues(.year) ?? []).sorted(by: >).flatMap { y in (1...12).map { QueryText.month(year: Int(y) ?? 0, month: $0) } }
        case "org", "country":
            let facet: Facet = field == "org" ? .organization : .country
            let kind: Gazetteer.Kind = field == "org" ? .org : .country
            var out = index?.facetValues(facet) ?? []
            for e in (index?.gazetteer ?? .builtIn).entries where e.kind == kind { out.append(e.canonical); out += e.aliases }
            return out
        case "exercise": return index?.facetValues(.exercise) ?? []
        case "person": return (index?.facetValues(.person) ?? []).sorted()
        default: return []
        }
    }
}
