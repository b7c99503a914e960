import Corpus
import Foundation

/// The facets a result set is counted by.
public enum Facet: String, CaseIterable, Sendable {
    case year, organization, kind, country, exercise, person

    /// The facets a search counts by default (people are counted by the workbench only).
    public static let searched: [Facet] = [.year, .organization, .kind, .country, .exercise]
}

/// The facet values of each document and the documents of each value, built once.
extension SearchIndex {
    /// The series of a named exercise: `Interaction-2018` → `Interaction`.
    public static func series(_ exercise: String) -> String {
        if let dash = exercise.lastIndex(of: "-"), exercise[exercise.index(after: dash)...].allSatisfy(\.isNumber) {
            return String(exercise[..<dash])
        }
        return exercise
    }

    func buildFacets() {
        func values(_ a: Article, _ f: Facet) -> [String] {
            switch f {
            case .year: return a.displayDate.map { [String($0.year)] } ?? []
            case .organization: return a.organizations
            case .kind: return [a.kind.rawValue]
            case .country: return a.countries
            case .exercise:
                var seen = Set<String>()
                return a.exercises.map(Self.series).filter { seen.insert($0).inserted }
            case .person:
                var seen = Set<String>()
                return a.people.filter { seen.insert($0).inserted }
            }
        }
        for f in Facet.allCases {
            var ids: [String: UInt32] = [:]
            var names: [String] = []
            var start: [UInt32] = [0]
            var vals: [UInt32] = []
            var docsOf: [[UInt32]] = []
            for (d, a) in articles.enumerated() {
                for v in values(a, f) {
                    let id: UInt32
                    if let existing = ids[v] {
                        id = existing
                    } else {
                        id = UInt32(names.count)
                        ids[v] = id
                        names.append(v)
                        docsOf.append([])
                    }
                    vals.append(id)
                    docsOf[Int(id)].append(UInt32(d))
                }
                start.append(UInt32(vals.count))
            }
            facetNames[f] = names
            facetStart[f] = start
            facetValues[f] = vals
            // Years and kinds are filtered by the documents' own columns: no lists of documents.
            facetDocs[f] = Self.listsDocuments(f) ? docsOf : nil
            facetTotals[f] = docsOf.map(\.count)
        }
    }
}

extension SearchIndex {
    /// Whether the index keeps each value's documents (the entity facets: filters and the
    /// workbench look them up).
    static func listsDocuments(_ f: Facet) -> Bool { f != .year && f != .kind }

    /// The values of a facet (organization names, years…), for completion.
    public func facetValues(_ f: Facet) -> [String] {
        facetNames[f] ?? []
    }
}
