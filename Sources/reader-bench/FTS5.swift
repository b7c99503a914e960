import CSQLite
import Corpus
import Foundation
import SearchIndex

/// The same articles in an in-memory SQLite FTS5 table, queried the way a search box would:
/// prefix queries with `*`, ranked by `bm25` with the index's weights for title, lead, body and
/// entity names, `LIMIT 200` (the other titles and the byline, which the index weighs as the lead
/// and as an entity name, are in the body here).
final class FTS5Engine {
    var db: OpaquePointer?
    var statements: [String: OpaquePointer] = [:]

    init(articles: [Article], index: SearchIndex) throws {
        guard sqlite3_open(":memory:", &db) == SQLITE_OK else { throw BenchError("cannot open SQLite") }
        try exec("""
            CREATE VIRTUAL TABLE docs USING fts5(title, lead, body, entities, year UNINDEXED, kind UNINDEXED,
                orgs UNINDEXED, date UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
            """)
        try exec("BEGIN")
        var insert: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO docs(rowid, title, lead, body, entities, year, kind, orgs, date) VALUES (?,?,?,?,?,?,?,?,?)", -1, &insert, nil)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (d, a) in articles.enumerated() {
            sqlite3_reset(insert)
            sqlite3_bind_int64(insert, 1, Int64(d))
            sqlite3_bind_text(insert, 2, a.title, -1, transient)
            sqlite3_bind_text(insert, 3, a.paragraphs.first ?? "", -1, transient)
            // (The body with the other titles and the byline: FTS5 searches what the index does.)
            let body = Array(a.paragraphs.dropFirst()) + a.otherTexts
            sqlite3_bind_text(insert, 4, body.joined(separator: "\n"), -1, transient)
            sqlite3_bind_text(insert, 5, index.entityTexts(a).joined(separator: "\n"), -1, transient)
            sqlite3_bind_int(insert, 6, Int32(a.displayDate?.year ?? 0))
            sqlite3_bind_text(insert, 7, a.kind.rawValue, -1, transient)
            sqlite3_bind_text(insert, 8, "|" + a.organizations.joined(separator: "|") + "|", -1, transient)
            sqlite3_bind_int(insert, 9, Int32(a.displayDate?.ordinal ?? 0))
            guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("insert failed: \(String(cString: sqlite3_errmsg(db)))") }
        }
        sqlite3_finalize(insert)
        try exec("COMMIT")
        try exec("INSERT INTO docs(docs) VALUES('optimize')")
    }

    deinit {
        for s in statements.values { sqlite3_finalize(s) }
        sqlite3_close(db)
    }

    func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? "?"
            sqlite3_free(err)
            throw BenchError("SQLite: \(message)")
        }
    }

    var memoryBytes: Int { Int(sqlite3_memory_used()) }

    /// Runs a parsed query; returns how many rows came back (at most 200).
    @discardableResult
    func search(_ q: Query) -> Int {
        let (match, filters) = Self.translate(q)
        var sql = "SELECT rowid FROM docs"
        var conditions = filters
        if let match { conditions.insert("docs MATCH ?", at: 0) }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += match != nil ? " ORDER BY bm25(docs, 3.0, 2.0, 1.0, 0.5), date DESC LIMIT 200" : " ORDER BY date DESC LIMIT 200"
        var stmt = statements[sql]
        if stmt == nil {
            var s: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK else { return 0 }
            statements[sql] = s
            stmt = s
        }
        sqlite3_reset(stmt)
        if let match { sqlite3_bind_text(stmt, 1, match, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
        var rows = 0
        while sqlite3_step(stmt) == SQLITE_ROW { rows += 1 }
        return rows
    }

    /// The query as an FTS5 MATCH expression and SQL conditions for its field filters.
    static func translate(_ q: Query) -> (String?, [String]) {
        func quote(_ t: [UInt8]) -> String { "\"" + String(decoding: t, as: UTF8.self).replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func atom(_ a: Query.Atom) -> String? {
            switch a {
            case .term(let t, let prefix): return quote(t) + (prefix ? "*" : "")
            case .phrase(let ts, let lastIsPrefix):
                return "\"" + ts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + "\"" + (lastIsPrefix ? "*" : "")
            case .field, .not: return nil
            }
        }
        var positive: [String] = []
        var negative: [String] = []
        var filters: [String] = []
        for clause in q.clauses {
            let texts = clause.atoms.compactMap(atom)
            for a in clause.atoms {
                guard case .field(let f) = a, !clause.negated else { continue }
                switch f {
                case .year(let r): filters.append("year BETWEEN \(r.lowerBound) AND \(r.upperBound)")
                case .before(let d): filters.append("date > 0 AND date < \(d)")
                case .after(let d): filters.append("date >= \(d)")
                case .month(let m): filters.append("date >= \(m * 100 + 1) AND date <= \(m * 100 + 31)")
                case .kind(let k): filters.append("kind = '\(k.rawValue)'")
                case .org(let o): filters.append("orgs LIKE '%|\(o.replacingOccurrences(of: "'", with: "''"))|%'")
                case .person, .country, .exercise, .status, .tag, .has: break
                }
            }
            guard !texts.isEmpty else { continue }
            let expr = texts.count == 1 ? texts[0] : "(" + texts.joined(separator: " OR ") + ")"
            if clause.negated { negative.append(expr) } else { positive.append(expr) }
        }
        guard !positive.isEmpty else { return (nil, filters) }
        var match = positive.joined(separator: " AND ")
        for n in negative { match += " NOT " + n }
        return (match, filters)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
