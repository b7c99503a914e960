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

    var facet: Facet? {
        switch self {
        case .organization: return .organization
        case .country: return .country
        case .exercise: return .exercise
        case .person: return nil
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
    public func entities(_ set: Bitset, type: EntityType, articles: (Int) -> Article) -> [EntityCount] {
        var perYear: [String: [Int: Int]] = [:]
        var totals: [String: Int] = [:]
        var latest: [String: Int] = [:]
        let dates = index.docDate
        func add(_ name: String, _ d: Int) {
            totals[name, default: 0] += 1
            let date = Int(dates[d])
            latest[name] = max(latest[name] ?? 0, date)
            if date > 0 { perYear[name, default: [:]][date / 10_000, default: 0] += 1 }
        }
        if let f = type.facet, let names = index.facetNames[f], let start = index.facetStart[f], let vals = index.facetValues[f] {
            set.forEach { d in
                var seen = Set<UInt32>()
                for k in Int(start[d])..<Int(start[d + 1]) where seen.insert(vals[k]).inserted { add(names[Int(vals[k])], d) }
            }
        } else {
            set.forEach { d in for p in Set(articles(d).people) { add(p, d) } }
        }
        return totals.map { name, count in
            EntityCount(name: name, count: count, latest: latest[name] ?? 0,
                        years: (perYear[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}
