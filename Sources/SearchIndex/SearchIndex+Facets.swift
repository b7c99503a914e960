import Corpus
import Foundation

/// The facets a result set is counted by.
public enum Facet: String, CaseIterable, Sendable {
    case year, organization, kind, country, exercise, person

    /// The facets a search counts by default (people are counted by the workbench only).
    public static let searched: [Facet] = [.year, .organization, .kind, .country, .exercise]
}

/// The facet values of each document (entity facets; years and kinds are columns) and how many
/// documents have each value, built once.
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
        // The facets side by side, one a core at a time (each reads the articles, writes its own).
        let facets = Facet.allCases
        let built = Threads.map(facets.count) { i -> (names: [String], start: [UInt32], vals: [UInt32], totals: [Int]) in
            let f = facets[i]
            var ids: [String: UInt32] = [:]
            var names: [String] = []
            var start: [UInt32] = [0]
            var vals: [UInt32] = []
            var totals: [Int] = []
            start.reserveCapacity(articles.count + 1)
            for a in articles {
                for v in values(a, f) {
                    let id: UInt32
                    if let existing = ids[v] {
                        id = existing
                    } else {
                        id = UInt32(names.count)
                        ids[v] = id
                        names.append(v)
                        totals.append(0)
                    }
                    vals.append(id)
                    totals[Int(id)] += 1
                }
                start.append(UInt32(vals.count))
            }
            return (names, start, vals, totals)
        }
        for (f, b) in zip(facets, built) {
            setFacetNames(f, b.names)
            // Years and kinds are counted and filtered by the documents' own columns.
            if Self.listsValues(f) {
                facetStart[f] = b.start
                facetValues[f] = b.vals
            }
            facetTotals[f] = b.totals
        }
    }
}

extension SearchIndex {
    /// Whether the index keeps each document's values (the entity facets: counts, filters and
    /// the workbench read them; years and kinds are columns of their own).
    static func listsValues(_ f: Facet) -> Bool { f != .year && f != .kind }

    /// A facet's documents are found on two threads from this many values in all.
    static let valuesSplitAbove = 100_000

    /// The documents (of `set`, or of the whole index) that have any of these values of an
    /// entity facet. Read off each document's values: the index keeps no list of each value's
    /// documents (a filter costs one pass: about 1.4 ms on two threads at 100,000 pages).
    func documents(having values: [Int], in f: Facet, of set: Bitset? = nil, splitAbove: Int = valuesSplitAbove) -> Bitset {
        var out = Bitset(count: docCount)
        guard !values.isEmpty, let start = facetStart[f], let vals = facetValues[f], let names = facetNames[f] else { return out }
        // (1 for a value wanted, as a word: a document's values are ORed with no branch.)
        var wanted = [UInt64](repeating: 0, count: names.count)
        for v in values where v >= 0 && v < names.count { wanted[v] = 1 }
        wanted.withUnsafeBufferPointer { wanted in
            start.withUnsafeBufferPointer { st in
                vals.withUnsafeBufferPointer { v in
                    out.withUnsafeMutableWords { out in
                        if let set {
                            set.forEach { d in
                                for k in Int(st[d])..<Int(st[d + 1]) where wanted[Int(v[k])] != 0 {
                                    out[d >> 6] |= 1 << UInt64(d & 63)
                                    break
                                }
                            }
                        } else {
                            // Every document, 64 at a time, each word of the set written once;
                            // two halves side by side when the values are many.
                            let n = docCount, words = (n + 63) >> 6
                            let run = { (range: Range<Int>) in
                                for w in range {
                                    var word: UInt64 = 0
                                    for d in (w << 6)..<min(n, (w << 6) + 64) {
                                        var any: UInt64 = 0
                                        for k in Int(st[d])..<Int(st[d + 1]) { any |= wanted[Int(v[k])] }
                                        word |= any << UInt64(d & 63)
                                    }
                                    out[w] = word
                                }
                            }
                            if v.count >= splitAbove {
                                _ = Threads.map(2) { half in run(half == 0 ? 0..<(words / 2) : (words / 2)..<words) }
                            } else {
                                run(0..<words)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The values of a facet (organization names, years…), for completion.
    public func facetValues(_ f: Facet) -> [String] {
        facetNames[f] ?? []
    }
}
