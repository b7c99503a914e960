import Corpus

/// Counts for the analyst's workbench: the results over time (trend) and the entities they
/// name (organizations, countries, exercise series, people), each over a set of documents.
public struct TrendPoint: Sendable, Equatable {
    /// `2024` or `2024-04`.
    public var period: String
    public var count: Int
}

public struct EntityCount: Sendable, Equatable {
    public var name: String
    public var count: Int
    /// The latest date among its articles (yyyymmdd, 0 when all are undated).
    public var latest: Int
    /// Articles per year, oldest first (years with none left out).
    public var years: [(year: Int, count: Int)]

    public static func == (a: EntityCount, b: EntityCount) -> Bool {
        a.name == b.name && a.count == b.count && a.latest == b.latest && a.years.elementsEqual(b.years, by: { $0 == $1 })
    }
}

public enum TrendPeriod: String, Sendable, CaseIterable { case month, year }

public enum EntityType: String, Sendable, CaseIterable {
    case organization, person, country, exercise

    /// The index facet that holds this type's names.
    public var facet: Facet {
        switch self {
        case .organization: return .organization
        case .country: return .country
        case .exercise: return .exercise
        case .person: return .person
        }
    }
}

extension Searcher {
    /// The documents of a set per month or year, every period from the first to the last
    /// (empty ones as 0), and how many are undated.
    public func trend(_ set: Bitset, by period: TrendPeriod) -> (points: [TrendPoint], undated: Int) {
        var counts: [Int: Int] = [:]
        var undated = 0
        let dates = index.docDate
        set.forEach { d in
            let date = Int(dates[d])
            if date == 0 { undated += 1; return }
            counts[period == .year ? date / 10_000 : date / 100, default: 0] += 1
        }
        guard let lo = counts.keys.min(), let hi = counts.keys.max() else { return ([], undated) }
        var points: [TrendPoint] = []
        var k = lo
        while k <= hi {
            let label = period == .year ? "\(k)" : QueryText.month(year: k / 100, month: k % 100)
            points.append(TrendPoint(period: label, count: counts[k] ?? 0))
            if period == .year { k += 1 } else { k = k % 100 == 12 ? (k / 100 + 1) * 100 + 1 : k + 1 }
        }
        return (points, undated)
    }

    /// The entities of a type named by a set's documents, most named first (then by name).
    public func entities(_ set: Bitset, type: EntityType) -> [EntityCount] {
        let f = type.facet
        guard let names = index.facetNames[f], let start = index.facetStart[f], let vals = index.facetValues[f] else { return [] }
        let dates = index.docDate
        // Counted by value number (a name once per document), named at the end; years in
        // one flat table (value × year).
        var count = [Int](repeating: 0, count: names.count)
        var last = [Int](repeating: -1, count: names.count)
        var newest = [Int](repeating: 0, count: names.count)
        var firstYear = Int.max, lastYear = Int.min
        set.forEach { d in
            let date = Int(dates[d])
            if date > 0 { firstYear = min(firstYear, date / 10_000); lastYear = max(lastYear, date / 10_000) }
        }
        let span = lastYear >= firstYear ? lastYear - firstYear + 1 : 0
        var years = [Int32](repeating: 0, count: names.count * span)
        count.withUnsafeMutableBufferPointer { count in
            last.withUnsafeMutableBufferPointer { last in
                newest.withUnsafeMutableBufferPointer { newest in
                    years.withUnsafeMutableBufferPointer { years in
                        set.forEach { d in
                            let date = Int(dates[d])
                            for k in Int(start[d])..<Int(start[d + 1]) {
                                let v = Int(vals[k])
                                guard last[v] != d else { continue }
                                last[v] = d
                                count[v] += 1
                                if date > newest[v] { newest[v] = date }
                                if date > 0 { years[v * span + date / 10_000 - firstYear] += 1 }
                            }
                        }
                    }
                }
            }
        }
        var out: [EntityCount] = []
        for v in names.indices where count[v] > 0 {
            var ys: [(year: Int, count: Int)] = []
            for k in 0..<span where years[v * span + k] > 0 { ys.append((firstYear + k, Int(years[v * span + k]))) }
            out.append(EntityCount(name: names[v], count: count[v], latest: newest[v], years: ys))
        }
        return out.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}

/// An entity named together with another one.
public struct CoMention: Sendable, Equatable {
    public var name: String
    public var type: EntityType
    public var count: Int
}

extension Searcher {
    /// The documents of a set that name an entity.
    public func documents(naming name: String, type: EntityType, in set: Bitset) -> Bitset {
        guard let v = index.facetNames[type.facet]?.firstIndex(of: name) else { return Bitset(count: index.docCount) }
        return index.documents(having: [v], in: type.facet, of: set)
    }

    /// The entities most often named in the same documents as `name` (within `set`), of every
    /// type, most first; over the first `sample` of those documents (the newest), so that an
    /// entity named everywhere answers as fast as a rare one.
    public func coMentions(of name: String, type: EntityType, in set: Bitset, limit: Int = 12,
                           sample: Int = 5_000) -> (mentions: [CoMention], documents: Int, sampled: Int) {
        let all = documents(naming: name, type: type, in: set)
        var docs = Bitset(count: index.docCount)
        var sampled = 0
        all.forEach { d in
            if sampled < sample { docs.insert(d); sampled += 1 }
        }
        var counts: [String: (name: String, type: EntityType, count: Int)] = [:]
        for t in EntityType.allCases {
            guard let names = index.facetNames[t.facet], let start = index.facetStart[t.facet], let vals = index.facetValues[t.facet] else { continue }
            // By value number, once per document.
            var count = [Int](repeating: 0, count: names.count)
            var last = [Int](repeating: -1, count: names.count)
            docs.forEach { d in
                for k in Int(start[d])..<Int(start[d + 1]) {
                    let v = Int(vals[k])
                    if last[v] != d { last[v] = d; count[v] += 1 }
                }
            }
            for v in names.indices where count[v] > 0 && !(t == type && names[v] == name) {
                counts[t.rawValue + "\u{1}" + names[v]] = (names[v], t, count[v])
            }
        }
        let found = counts.values.map { CoMention(name: $0.name, type: $0.type, count: $0.count) }
        return (Array(found.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }.prefix(limit)), all.cardinality, sampled)
    }
}
