import Corpus
import PropertyBased
import Testing
@testable import SearchIndex

/// On random small corpora and random queries, the index returns exactly the documents that a
/// brute-force scan of the same words returns.
@Suite struct BruteForcePropertyTests {
    typealias RNG = PageGenerator.RNG

    static let vocabulary = ["security", "secretary", "secretariat", "council", "counter", "csto", "meeting", "met",
                             "interaction", "2018", "2024", "afghanistan", "afghan", "border", "ОДКБ", "встреча",
                             "café", "naïve", "un", "unrcca", "brotherhood", "the", "of", "and", "staff", "training"]
    static let orgs = ["CSTO", "UN", "UNRCCA", "CIS", "Council of Defense Ministers"]
    static let people = ["Andrei Serdyukov", "Roza Otunbayeva", "Imangali Tasmagambetov"]
    static let exercises = ["Interaction-2018", "Indestructible Brotherhood-2024", "Search-2023"]

    static func corpus(_ rng: inout RNG) -> [Article] {
        (0..<(1 + rng.int(30))).map { i in
            func sentence() -> String {
                (0..<(1 + rng.int(12))).map { _ in
                    let w = rng.pick(vocabulary)
                    return rng.int(4) == 0 ? w.capitalized : w
                }.joined(separator: rng.int(5) == 0 ? "-" : " ")
            }
            let date = rng.int(4) == 0 ? nil : Day(year: 2016 + rng.int(10), month: 1 + rng.int(12), day: 1 + rng.int(28))
            return Article(id: "id\(i)", title: sentence(), kind: rng.pick(ArticleKind.allCases), full: rng.int(2) == 0,
                           published: date, organizations: (0..<rng.int(3)).map { _ in rng.pick(orgs) }.uniqued(),
                           countries: [], people: (0..<rng.int(2)).map { _ in rng.pick(people) }.uniqued(),
                           exercises: (0..<rng.int(2)).map { _ in rng.pick(exercises) }.uniqued(),
                           paragraphs: (0..<rng.int(4)).map { _ in sentence() }, sources: [])
        }
    }

    static func query(_ rng: inout RNG) -> String {
        var parts: [String] = []
        for _ in 0..<(1 + rng.int(4)) {
            var p: String
            switch rng.int(10) {
            case 0: p = "\"\(rng.pick(vocabulary)) \(rng.pick(vocabulary))\""
            case 1: p = "year:\(2016 + rng.int(10))" + (rng.int(2) == 0 ? "..\(2020 + rng.int(6))" : "")
            case 2: p = "kind:\(rng.pick(ArticleKind.allCases).rawValue)"
            case 3: p = "org:\(rng.pick(["UN", "csto", "unrcca", "\"council of defense ministers\"", "council"]))"
            case 4: p = rng.pick(["person:serdyukov", "exercise:interaction", "before:2020-06", "after:2021"])
            case 5: p = String(rng.pick(vocabulary).prefix(1 + rng.int(4)))
            default: p = rng.pick(vocabulary)
            }
            if rng.int(6) == 0 { p = "-" + p }
            parts.append(p)
            if rng.int(6) == 0 { parts.append("OR") }
        }
        return parts.joined(separator: " ")
    }

    /// The query's meaning, evaluated directly on the articles' words.
    static func bruteForce(_ q: Query, _ articles: [Article], _ index: SearchIndex) -> Set<Int> {
        var result = Set<Int>()
        for (d, a) in articles.enumerated() {
            let segments = index.searchedTexts(a).map(\.text).map { Folding.terms($0).map { Array($0.utf8) } }
            let words = segments.flatMap { $0 }
            func matches(_ atom: Query.Atom) -> Bool {
                switch atom {
                case .not(let inner):
                    return !matches(inner)
                case .term(let t, let prefix):
                    return words.contains { prefix ? $0.starts(with: t) : $0 == t }
                case .phrase(let terms, let lastIsPrefix):
                    for seg in segments where seg.count >= terms.count {
                        for s in 0...(seg.count - terms.count) {
                            var ok = true
                            for (k, t) in terms.enumerated() {
                                let w = seg[s + k]
                                if !(k == terms.count - 1 && lastIsPrefix ? w.starts(with: t) : w == t) { ok = false; break }
                            }
                            if ok { return true }
                        }
                    }
                    return false
                case .field(let f):
                    let date = a.displayDate
                    switch f {
                    case .year(let r): return date.map { r.contains($0.year) } ?? false
                    case .before(let day): return date.map { $0.ordinal < day } ?? false
                    case .after(let day): return date.map { $0.ordinal >= day } ?? false
                    case .month(let m): return date.map { $0.ordinal / 100 == m } ?? false
                    case .kind(let k): return a.kind == k
                    case .org(let v):
                        let folded = Folding.terms(v)
                        let present = Set(articles.flatMap(\.organizations))
                        let known = index.gazetteer.names(matching: v, kind: .org)
                        let exact = present.filter { Folding.terms($0) == folded || known.contains($0) }
                        let wanted = exact.isEmpty && known.isEmpty ? present.filter { Searcher.wordsMatch(folded, $0) } : exact
                        return a.organizations.contains { wanted.contains($0) }
                    case .person(let v): return a.people.contains { Searcher.wordsMatch(Folding.terms(v), $0) }
                    case .country(let v): return a.countries.contains { Searcher.wordsMatch(Folding.terms(v), $0) }
                    case .exercise(let v): return a.exercises.contains { Searcher.wordsMatch(Folding.terms(v), $0) }
                    case .status(let st): return st == .unread // no marks in these corpora
                    case .tag, .has: return false // no tags or notes in these corpora
                    }
                }
            }
            var ok = true
            for clause in q.clauses {
                let any = clause.atoms.contains(where: matches)
                if clause.negated ? any : !any { ok = false; break }
            }
            if ok { result.insert(d) }
        }
        return result
    }

    @Test func indexAgreesWithBruteForce() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = RNG(state: UInt64(seed))
            let articles = Self.corpus(&rng)
            let index = SearchIndex(articles: articles)
            let searcher = Searcher(index)
            for _ in 0..<8 {
                let text = Self.query(&rng)
                guard let q = try? QueryParser.parse(text) else { continue }
                let got = Set(searcher.matchSet(q).members)
                let want = Self.bruteForce(q, articles, index)
                #expect(got == want, "query \(text) on corpus seed \(seed)")
                let ranked = searcher.search(q, limit: 5)
                #expect(ranked.total == want.count)
                #expect(ranked.hits.count == min(5, want.count))
                #expect(Set(ranked.hits.map(\.doc)).isSubset(of: want))
            }
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
