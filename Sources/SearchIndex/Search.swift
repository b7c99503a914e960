import Foundation
import Corpus

/// One ranked result.
public struct Hit: Sendable, Equatable {
    public var doc: Int
    public var score: Float
}

/// The answer to a query: the top results, how many matched in all, the facet counts of the
/// whole result set, and every matching document.
public struct SearchResponse: Sendable {
    public var hits: [Hit]
    public var total: Int
    public var facets: [Facet: [(value: String, count: Int)]]
    public var matches: Bitset
    public var query: Query
}

/// The user's marks as document sets, for `is:read`, `is:unread`, `is:starred`, `tag:`,
/// `has:` and the words of notes. Given to each search: the searcher keeps no marks of its own.
public struct DocMarks: Sendable, Equatable {
    public var read: Bitset
    public var starred: Bitset
    /// Folded tag name → its documents.
    public var tags: [String: Bitset] = [:]
    /// Document → the folded words of its note (a term of a query matches these too).
    public var notes: [Int: [String]] = [:]

    public init(read: Bitset, starred: Bitset) {
        self.read = read
        self.starred = starred
    }

    /// The marks of the documents whose ids are in `read` and `starred`, tagged in `tags` and
    /// noted in `notes` (keyed by article id).
    public init(count: Int, ids: (Int) -> String, read: Set<String>, starred: Set<String>,
                tags: [String: Set<String>] = [:], notes: [String: String] = [:]) {
        self.read = Bitset(count: count)
        self.starred = Bitset(count: count)
        guard !read.isEmpty || !starred.isEmpty || !tags.isEmpty || !notes.isEmpty else { return }
        for d in 0..<count {
            let id = ids(d)
            if read.contains(id) { self.read.insert(d) }
            if starred.contains(id) { self.starred.insert(d) }
            if let t = tags[id] { setTags(d, t, count: count) }
            if let n = notes[id] { setNote(d, n) }
        }
    }

    /// Document `d` carries these tags now (and no others).
    public mutating func setTags(_ d: Int, _ names: Set<String>, count: Int) {
        let folded = Set(names.map(Self.fold))
        for key in Array(tags.keys) where !folded.contains(key) {
            tags[key]!.remove(d)
            if tags[key]!.isEmpty { tags[key] = nil }
        }
        for key in folded { tags[key, default: Bitset(count: count)].insert(d) }
    }

    /// Document `d`'s note is this text now (nil or empty: none).
    public mutating func setNote(_ d: Int, _ text: String?) {
        if let text, !text.isEmpty { notes[d] = Folding.terms(text) } else { notes[d] = nil }
    }

    /// A tag as compared: the whole name, case folded (as `ReadingState.foldTag`).
    public static func fold(_ tag: String) -> String { tag.lowercased() }
}

/// Runs queries against an index. Keeps scratch space between queries, so one searcher serves
/// one thread (the UI's, or a benchmark's); make one per thread.
public final class Searcher {
    public let index: SearchIndex
    var scores: [Float]
    /// The marks of the query being run (set for the length of one search).
    var marks: DocMarks? = nil

    /// The occurrences of the heads of the phrases typed last, the most recently used first
    /// (see `openPhrase`).
    var phraseOccurrences: [(head: [Int], occ: PhraseOccurrences)] = []
    /// The last typed phrase's documents, ascending, each with the term its last word was found as
    /// (-1: found by its next-word code, the term not known).
    var lastOpenPhrase: (head: [Int], prefix: [UInt8], docs: [Int32], foundWith: [Int32])? = nil
    /// The summaries of the heads of one word or of a kept pair asked last (see `headSummary`).
    var headSummaries: [(head: [Int], summary: HeadSummary)] = []
    /// Off: a head is always read whole, position by position (tests compare).
    var useHeadSummaries = true
    /// On: a head of one word is summarized too, and a pair's even when its first word is kept
    /// (tests, to run every way).
    var summarizeWords = false
    /// A head is summarized in two halves side by side from this many postings of its first
    /// word (tests set it small).
    var summarySplitAbove = Searcher.summarySplitAbove
    /// Per document, its row in the occurrences being checked, and the term a typed phrase was
    /// found with (each read only for documents set in the same search).
    var occRow: [Int32] = []
    var matchTerm: [Int32] = []
    /// A typed phrase's check runs on two threads from this many open documents, a window of
    /// `checkWindow` documents at a time (nil: sized to the cache); tests set both small.
    var checkSplitAbove = PhraseCheck.splitAbove
    /// Or from this many postings of the completions checked (tests set it small).
    var checkSplitAbovePostings = PhraseCheck.splitAbovePostings
    var checkWindow: Int? = nil
    /// A head's occurrences are gathered on two threads from about this many starts (tests set
    /// it small).
    var gatherSplitAbove = Searcher.gatherSplitAbove
    /// The documents handed to the check so far (for tests: which keystrokes needed one; the
    /// work between keystrokes checks documents too).
    var documentsChecked = 0
    /// How often each way through a typed phrase was taken (for tests: that each was).
    var phraseWays = PhraseWays()
    /// What the work between keystrokes made, and how often a keystroke used it.
    var betweenKeys = BetweenKeys()
    /// The words after a typed phrase's head resolved between keystrokes (see `resolveNextWords`).
    var resolvedNextWords: ResolvedNextWords? = nil
    /// While `timedSearch` runs: the steps timed, each when it ends (a step inside
    /// another is indented by two spaces for each step it is in, and comes before it); else nil,
    /// and nothing is timed.
    var steps: [(part: String, ms: Double)]? = nil
    /// How many steps are running (see `steps`).
    var stepDepth = 0

    /// Runs `body`, timing it as step `part` while profiling.
    @inline(__always) func step<T>(_ part: @autoclosure () -> String, _ body: () -> T) -> T {
        guard steps != nil else { return body() }
        let depth = stepDepth
        stepDepth += 1
        let start = ContinuousClock.now
        let value = body()
        let d = ContinuousClock.now - start
        stepDepth = depth
        steps!.append((String(repeating: "  ", count: depth) + part(), Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15))
        return value
    }
    /// The exact phrases of the last searches and their documents (the index does not change
    /// under a searcher, so they stay true).
    var exactPhrases: [(terms: [Int], docs: Bitset)] = []
    /// The last searches' results and their facet counts, value by value (three: the reader also
    /// counts a facet with a filter of its own without that filter, keystroke by keystroke).
    var lastFacets: [(matches: Bitset, counts: [Facet: [Int]])] = []
    static let lastFacetsKept = 3
    /// The answers to the last queries asked, the most recent first, and how many are kept (a
    /// benchmark sets none, so that a query asked again is searched again).
    var responses: [(limit: Int, facets: [Facet], marks: DocMarks?, response: SearchResponse)] = []
    public var responsesKept = 64 {
        didSet { if responses.count > max(0, responsesKept) { responses.removeLast(responses.count - max(0, responsesKept)) } }
    }
    /// From this many documents to count, the facets are counted on two threads (tests set it
    /// small).
    var facetsSplitAbove = 4_096
    /// From this many documents to count (and as many as a facet has values), a facet is counted
    /// in four lanes (tests set it to 1: every count in lanes).
    var facetLanesFrom = 256
    static let exactPhrasesKept = 8
    /// The last scored searches' states before their last clause, the most recent first: the
    /// earlier clauses, the marks, what they matched and excluded, and the scores they gave (a
    /// keystroke mostly changes the last clause only).
    var settled: [(clauses: [Query.Clause], marks: DocMarks?, result: Bitset, excluded: Bitset, scores: [Float])] = []
    /// Three states: the reader asks each keystroke also without a facet's filter (another
    /// query), and the two must not push each other out.
    static let settledKept = 3
    /// The scores of the widespread prefixes scored (`s`, `co`: their completions stand in most
    /// documents), each summed over its completions once; the same prefix typed again, as the
    /// first letters of another word, adds them in one pass. The last `lettersKept` letters' are
    /// kept (every letter, in practice), and the last `prefixScoresKept` longer prefixes'.
    var prefixScores: [(prefix: [UInt8], scores: [Float])] = []
    static let prefixScoresKept = 12
    /// The letters' scores kept: every letter of an alphabet or two, and digits.
    static let lettersKept = 64
    /// A prefix's scores are summed on two threads from this many postings (tests set it small).
    var prefixScoresSplitAbove = 60_000
    var prefixScratch: [Float] = []
    /// The phrase scores of the exact words of the last phrases of common words, each summed
    /// over its words once (see `addPhraseScores`).
    var phraseScoreVectors: [(terms: [Int], scores: [Float])] = []
    static let phraseScoreVectorsKept = 4
    /// Off: phrase scores are added term by term (tests compare).
    var phraseScoresByVector = true
    /// Off: the word pairs (`WordPairs`) are not used for phrases (tests compare).
    var usePairs = true
    /// The scores sampled for `top`'s first floor (kept for its storage).
    var floorSample: [Float] = []
    /// Off: every prefix is scored term by term (tests compare).
    var prefixScoresByVector = true

    /// The documents are newest first (as a corpus sorts its articles): of two with the same
    /// score, the earlier ranks first, which `top` uses.
    let newestFirst: Bool

    public init(_ index: SearchIndex) {
        self.index = index
        scores = [Float](repeating: 0, count: index.docCount)
        // The scratch space of the first keystrokes, taken (and its pages touched) now rather
        // than in the first keystroke.
        prefixScratch = [Float](repeating: 0, count: index.docCount)
        floorSample.reserveCapacity(index.docCount / 8 + 64)
        newestFirst = index.docDate.withUnsafeBufferPointer { d in d.indices.dropFirst().allSatisfy { d[$0 - 1] >= d[$0] } }
    }

    /// Parses and runs a query (the last word as a prefix when `prefixLast`).
    public func search(_ text: String, limit: Int = 200, facets: [Facet] = Facet.searched,
                       prefixLast: Bool = true, marks: DocMarks? = nil) throws(QueryError) -> SearchResponse {
        let q = try QueryParser.parse(text, prefixLast: prefixLast)
        return search(q, limit: limit, facets: facets, marks: marks)
    }

    /// Runs a query; `marks` answer `is:read`, `is:unread`, `is:starred` (none read or starred
    /// without them).
    public func search(_ q: Query, limit: Int = 200, facets: [Facet] = Facet.searched, marks: DocMarks? = nil) -> SearchResponse {
        // A query asked before (the first letters of most queries, a word typed again after
        // backspacing) is answered as it was: the index does not change under a searcher.
        if responsesKept > 0,
           let kept = Self.moveToFront(&responses, where: { $0.response.query == q && $0.limit == limit && $0.facets == facets && $0.marks == marks }) {
            return kept.response
        }
        let response = answer(q, limit: limit, facets: facets, marks: marks)
        if responsesKept > 0 {
            responses.insert((limit, facets, marks, response), at: 0)
            if responses.count > responsesKept { responses.removeLast() }
        }
        return response
    }

    /// `search`, with the time of each part it ran (each atom searched, a phrase's steps, the
    /// ranking, the facets; none when the answer was kept), for `reader-bench search --verbose`.
    public func timedSearch(_ q: Query, limit: Int = 200) -> (response: SearchResponse, parts: [(part: String, ms: Double)]) {
        steps = []
        defer { steps = nil }
        let response = search(q, limit: limit)
        return (response, steps ?? [])
    }

    /// `search` without the answers kept.
    func answer(_ q: Query, limit: Int, facets: [Facet], marks: DocMarks?) -> SearchResponse {
        let matches = matchSet(q, scoring: true, marks: marks)
        let hits = step("rank top \(limit)") { top(matches, limit: limit) }
        let counts = step("facets") { facetCounts(facets, in: matches) }
        var counted: [Facet: [(value: String, count: Int)]] = [:]
        step("order facet values") { for f in facets { counted[f] = ranked(f, counts[f] ?? []) } }
        return SearchResponse(hits: hits, total: matches.cardinality, facets: counted, matches: matches, query: q)
    }

    /// The documents that match, with `scores` filled for ranking when `scoring`.
    public func matchSet(_ q: Query, scoring: Bool = false, marks: DocMarks? = nil) -> Bitset {
        self.marks = marks
        defer { self.marks = nil }
        let n = index.docCount
        var result = Bitset(count: n, full: true)
        var excluded = Bitset(count: n)
        var first = 0
        let last = q.clauses.count - 1
        // The state kept that leaves the fewest clauses to run: all but the last (a keystroke in
        // the last word), or fewer (a word begun: the words before it were settled while the
        // word before was typed).
        var reuse: Int? = nil
        if scoring, last >= 1 {
            for (i, s) in settled.enumerated() where s.marks == marks && s.clauses.count <= last
                && s.clauses.count > (reuse.map { settled[$0].clauses.count } ?? 0)
                && s.clauses.elementsEqual(q.clauses.prefix(s.clauses.count)) {
                reuse = i
            }
        }
        if let i = reuse {
            // Those clauses' documents and scores are taken as they were.
            let s = settled.remove(at: i)
            settled.insert(s, at: 0)
            (result, excluded, scores) = (s.result, s.excluded, s.scores)
            first = s.clauses.count
        } else if scoring {
            scores.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        for (i, clause) in q.clauses.enumerated() where i >= first {
            if scoring, i == last, first < last {
                settled.insert((Array(q.clauses.prefix(last)), marks, result, excluded, scores), at: 0)
                if settled.count > Self.settledKept { settled.removeLast() }
            }
            var set = Bitset(count: n)
            for atom in clause.atoms {
                let part = step((clause.negated ? "-" : "") + Self.describe(atom)) { evaluate(atom, scoring: scoring && !clause.negated) }
                set.formUnion(part)
            }
            if clause.negated { excluded.formUnion(set) } else { result.formIntersection(set) }
        }
        result.subtract(excluded)
        return result
    }

    // MARK: Atoms

    func evaluate(_ atom: Query.Atom, scoring: Bool) -> Bitset {
        switch atom {
        case .term(let bytes, let prefix):
            var set = prefix ? prefixSet(bytes, scoring: scoring) : termSet(bytes, scoring: scoring)
            addNotes([bytes], lastIsPrefix: prefix, to: &set, scoring: scoring)
            return set
        case .phrase(let terms, let lastIsPrefix):
            var set = phraseSet(terms, lastIsPrefix: lastIsPrefix, scoring: scoring)
            addNotes(terms, lastIsPrefix: lastIsPrefix, to: &set, scoring: scoring)
            return set
        case .field(let f):
            return fieldSet(f)
        case .not(let inner):
            var all = Bitset(count: index.docCount, full: true)
            all.subtract(evaluate(inner, scoring: false))
            return all
        }
    }

    /// The documents whose note has these words in a row (the last a prefix when asked); a
    /// note's match counts like a word of the title.
    func addNotes(_ terms: [[UInt8]], lastIsPrefix: Bool, to set: inout Bitset, scoring: Bool) {
        guard let notes = marks?.notes, !notes.isEmpty, !terms.isEmpty else { return }
        let words = terms.map { String(decoding: $0, as: UTF8.self) }
        for (d, note) in notes where d < index.docCount && note.count >= words.count {
            var found = false
            for start in 0...(note.count - words.count) {
                var ok = true
                for (k, w) in words.enumerated() {
                    let n = note[start + k]
                    if k == words.count - 1 && lastIsPrefix ? !n.hasPrefix(w) : n != w { ok = false; break }
                }
                if ok { found = true; break }
            }
            if found {
                set.insert(d)
                if scoring { scores[d] += 2 }
            }
        }
    }

    func termSet(_ bytes: [UInt8], scoring: Bool) -> Bitset {
        var set = Bitset(count: index.docCount)
        guard let t = bytes.withUnsafeBufferPointer({ index.termID($0) }) else { return set }
        index.addDocs(ofTerm: t, to: &set)
        if scoring { addScores(ofTerm: t) }
        return set
    }

    @inline(__always) func addScores(ofTerm t: Int, factor: Float = 1) {
        let w = index.idf[t] * factor * SearchIndex.impact(1)
        scores.withUnsafeMutableBufferPointer { s in
            index.forEachPosting(ofTerm: t) { d, impact in s[d] += w * Float(impact) }
        }
    }

    func prefixSet(_ prefix: [UInt8], scoring: Bool) -> Bitset {
        let range = index.prefixRange(prefix)
        var set: Bitset
        if let cached = index.prefixSets[prefix] {
            set = cached
        } else {
            set = Bitset(count: index.docCount)
            for i in range { index.addDocs(ofTerm: Int(index.sortedTerms[i]), to: &set) }
        }
        if scoring, !range.isEmpty {
            // Score with the exact word and the most widespread completions; a completion the
            // user has not typed yet counts a little less than the word itself.
            // One or two letters say little: fewer completions are scored for them.
            let letters = String(decoding: prefix, as: UTF8.self).count
            let limit = letters == 1 ? 8 : letters == 2 ? 16 : SearchIndex.scoredExpansions
            var expansions = Array((index.prefixTop[prefix] ?? index.topExpansions(range, limit)).prefix(limit))
            if let exact = prefix.withUnsafeBufferPointer({ index.termID($0) }), !expansions.contains(exact) {
                expansions.append(exact)
            }
            addPrefixScores(prefix, expansions.map { ($0, index.termBytes($0).count == prefix.count ? 1 : 0.8) })
        }
        return set
    }

    /// Adds the scores of a prefix's scored completions (`weighted`: each with its factor).
    /// Completions whose postings together number fewer than half the documents, or those of a
    /// prefix of three letters or more, are added term by term; more, of one or two letters,
    /// are summed into a vector of scores first (kept, see `prefixScores`): the
    /// even-numbered completions and the odd-numbered ones apart (on two threads when many),
    /// then together, so the floats are the same however they were summed, kept or not.
    func addPrefixScores(_ prefix: [UInt8], _ weighted: [(term: Int, factor: Float)]) {
        let n = index.docCount
        let postings = weighted.reduce(0) { $0 + Int(index.postStart[$1.term + 1] - index.postStart[$1.term]) }
        // Only a prefix of one or two letters: the first letters of a word, typed again and
        // again; a longer one (`colle`) is rarely typed again before it is pushed out.
        guard n > 0, postings >= n / 2, prefixScoresByVector, Self.letterCount(prefix) <= 2 else {
            for (t, f) in weighted { addScores(ofTerm: t, factor: f) }
            return
        }
        let vector: [Float]
        if let kept = Self.moveToFront(&prefixScores, where: { $0.prefix == prefix }) {
            vector = kept.scores
        } else {
            let index = self.index
            // The oldest vector kept makes room (a longer prefix among the longer ones, a letter
            // among the letters, only past `lettersKept`: there are few), and its storage is used
            // again, as is the scratch vector of the odd-numbered completions.
            let letters = prefixScores.count - longerPrefixesKept
            var v = Self.isOneLetter(prefix)
                ? (letters >= Self.lettersKept ? removeOldestPrefix(oneLetter: true) : [])
                : (longerPrefixesKept >= Self.prefixScoresKept ? removeOldestPrefix(oneLetter: false) : [])
            var odd = prefixScratch
            prefixScratch = []
            func zeroed(_ a: inout [Float]) {
                if a.count == n { a.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } } else { a = [Float](repeating: 0, count: n) }
            }
            zeroed(&v)
            zeroed(&odd)
            func sum(_ half: Int, into s: UnsafeMutableBufferPointer<Float>) {
                for (k, (t, f)) in weighted.enumerated() where k % 2 == half {
                    let w = index.idf[t] * f * SearchIndex.impact(1)
                    index.forEachPosting(ofTerm: t) { d, impact in s[d] += w * Float(impact) }
                }
            }
            let split = postings >= prefixScoresSplitAbove
            v.withUnsafeMutableBufferPointer { a in
                odd.withUnsafeMutableBufferPointer { b in
                    if split {
                        _ = Threads.map(2) { sum($0, into: $0 == 0 ? a : b) }
                    } else {
                        sum(0, into: a)
                        sum(1, into: b)
                    }
                    for d in 0..<n { a[d] += b[d] }
                }
            }
            prefixScratch = odd
            vector = v
            prefixScores.insert((prefix, v), at: 0)
            if longerPrefixesKept > Self.prefixScoresKept { _ = removeOldestPrefix(oneLetter: false) }
        }
        scores.withUnsafeMutableBufferPointer { s in
            vector.withUnsafeBufferPointer { v in for d in 0..<n { s[d] += v[d] } }
        }
    }

    /// The entry of a list kept most recent first that `matches`, moved to the front (it was
    /// used again); nil when none does.
    static func moveToFront<T>(_ list: inout [T], where matches: (T) -> Bool) -> T? {
        guard let i = list.firstIndex(where: matches) else { return nil }
        let kept = list.remove(at: i)
        list.insert(kept, at: 0)
        return kept
    }

    /// A prefix of one letter: its scores are kept for good (few letters, each typed again and
    /// again as the first of a word).
    static func isOneLetter(_ prefix: [UInt8]) -> Bool { letterCount(prefix) == 1 }

    /// The letters (Unicode scalars) of a prefix's bytes.
    static func letterCount(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    /// How many longer prefixes' scores are kept.
    var longerPrefixesKept: Int { prefixScores.reduce(0) { $0 + (Self.isOneLetter($1.prefix) ? 0 : 1) } }

    /// Drops the letter, or the longer prefix, scored longest ago, and gives its vector's storage
    /// back.
    func removeOldestPrefix(oneLetter: Bool) -> [Float] {
        guard let i = prefixScores.lastIndex(where: { Self.isOneLetter($0.prefix) == oneLetter }) else { return [] }
        return prefixScores.remove(at: i).scores
    }

    func phraseSet(_ terms: [[UInt8]], lastIsPrefix: Bool, scoring: Bool) -> Bitset {
        let n = index.docCount
        // Each position of the phrase: the terms that may stand there.
        var slots: [[Int]] = []
        for (k, bytes) in terms.enumerated() {
            if k == terms.count - 1, lastIsPrefix {
                let r = index.prefixRange(bytes)
                slots.append(r.map { Int(index.sortedTerms[$0]) })
            } else if let t = bytes.withUnsafeBufferPointer({ index.termID($0) }) {
                slots.append([t])
            } else {
                return Bitset(count: n)
            }
            if slots.last!.isEmpty { return Bitset(count: n) }
        }
        // An exact phrase asked for again (each keystroke typed after a closed phrase asks for
        // it again): its documents from the last searches, only the scores added anew.
        let exact = slots.allSatisfy({ $0.count == 1 }) ? slots.map { $0[0] } : nil
        if let exact, let hit = exactPhrases.first(where: { $0.terms == exact }) {
            if scoring { addPhraseScores(exact, hit.docs) }
            return hit.docs
        }
        // Candidates: documents holding a term for every slot.
        let candidates = step("candidates") {
            var candidates = Bitset(count: n, full: true)
            for (k, slot) in slots.enumerated() {
                if k == terms.count - 1, lastIsPrefix, let cached = index.prefixSets[terms[k]] {
                    candidates.formIntersection(cached)
                    continue
                }
                var s = Bitset(count: n)
                for t in slot { index.addDocs(ofTerm: t, to: &s) }
                candidates.formIntersection(s)
            }
            return candidates
        }
        if let exact {
            // A typed word with one completion left goes the way of a typed phrase, so it narrows
            // what the keystroke before found, if one did (the same documents as the exact
            // phrase's, and the exact phrase's scores).
            let docs = lastIsPrefix && terms.count > 1
                ? openPhrase(head: Array(exact.dropLast()), prefix: terms.last!, completions: slots.last!, candidates: candidates)
                : exactPhrase(exact, candidates: candidates, scoring: false)
            if scoring { step("phrase scores") { addPhraseScores(exact, docs) } }
            exactPhrases.insert((exact, docs), at: 0)
            if exactPhrases.count > Self.exactPhrasesKept { exactPhrases.removeLast() }
            return docs
        }
        // A single word being typed: any of its completions will do.
        guard terms.count > 1 else { return candidates }
        let head = slots.dropLast().map { $0[0] }
        let result = openPhrase(head: head, prefix: terms.last!, completions: slots.last!, candidates: candidates)
        // The exact words' share of the scores (the completion's share is in no score).
        if scoring { step("phrase scores") { addPhraseScores(head, result) } }
        return result
    }

    /// A phrase of exact terms: the terms' postings walked together, document by candidate
    /// document. In each document the terms' positions are decoded lazily, side by side, only
    /// until a start where every term stands in its place is found (a phrase of common words is
    /// usually found near the top of a document); the rest is skipped, not decoded.
    func exactPhrase(_ terms: [Int], candidates: Bitset, scoring: Bool) -> Bitset {
        var result = Bitset(count: index.docCount)
        var cursors = terms.map { SearchIndex.PostingCursor(index, term: $0) }
        let m = terms.count
        var bytes = [Int](repeating: 0, count: m)
        var left = [Int](repeating: 0, count: m)
        var current = [Int](repeating: 0, count: m)
        index.posBlob.withUnsafeBufferPointer { blob in
            /// The next position of slot `i` (false when it has none left).
            @inline(__always) func next(_ i: Int) -> Bool {
                guard left[i] > 0 else { return false }
                var delta = 0, shift = 0, b = bytes[i]
                while true {
                    let byte = blob[b]
                    b += 1
                    delta |= Int(byte & 0x7F) << shift
                    if byte & 0x80 == 0 { break }
                    shift += 7
                }
                bytes[i] = b
                left[i] -= 1
                current[i] += delta
                return true
            }
            candidates.forEach { d in
                for i in 0..<m {
                    while cursors[i].isValid, cursors[i].doc < d { cursors[i].skip() }
                    bytes[i] = cursors[i].byte
                    left[i] = cursors[i].count
                    current[i] = 0
                }
                var alive = true
                for i in 0..<m where !next(i) { alive = false; break }
                var found = false
                // Slot i must stand at start + i: the start is raised to the furthest slot's,
                // and every slot catches up to it, until all agree or one runs out.
                while alive {
                    var start = current[0]
                    for i in 1..<m { start = max(start, current[i] - i) }
                    var agree = true
                    for i in 0..<m {
                        while current[i] - i < start {
                            if !next(i) { alive = false; break }
                        }
                        if !alive { break }
                        if current[i] - i != start { agree = false }
                    }
                    if alive && agree { found = true; break }
                }
                if found { result.insert(d) }
                // Each cursor past this document: its undecoded positions skipped.
                for i in 0..<m {
                    var b = bytes[i]
                    PositionCodec.skip(left[i], in: blob, at: &b)
                    cursors[i].byte = b
                    cursors[i].advance()
                }
            }
        }
        if scoring { addPhraseScores(terms, result) }
        return result
    }

    /// A phrase's share of the scores: its terms' impacts, half again, in the documents it holds
    /// in. Terms whose postings number a quarter of the documents or more are summed into a
    /// vector first (kept: `phraseScoreVectors`), and each document takes its sum at once; the
    /// floats are then added in another order than term by term (equal to a rounding), and the
    /// same whether the vector was kept or not.
    func addPhraseScores(_ terms: [Int], _ result: Bitset) {
        let n = index.docCount
        let postings = terms.reduce(0) { $0 + Int(index.postStart[$1 + 1] - index.postStart[$1]) }
        guard postings >= n / 4, n > 0, phraseScoresByVector else {
            // Rare words: their postings walked, each document of the result scored.
            for t in terms {
                let w = index.idf[t]
                scores.withUnsafeMutableBufferPointer { s in
                    index.forEachPosting(ofTerm: t) { d, impact in
                        if result.contains(d) { s[d] += w * SearchIndex.impact(impact) * 1.5 }
                    }
                }
            }
            return
        }
        // Common words (`of the`, `council of`): their scores summed into a vector once and
        // kept, for the keystrokes that follow with the same words (each letter of the last word
        // after them); the result's documents take theirs in one pass.
        let vector: [Float]
        if let kept = Self.moveToFront(&phraseScoreVectors, where: { $0.terms == terms }) {
            vector = kept.scores
        } else {
            let index = self.index
            var v = phraseScoreVectors.count >= Self.phraseScoreVectorsKept ? phraseScoreVectors.removeLast().scores : []
            if v.count == n { v.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } } else { v = [Float](repeating: 0, count: n) }
            v.withUnsafeMutableBufferPointer { s in
                for t in terms {
                    let w = index.idf[t]
                    index.forEachPosting(ofTerm: t) { d, impact in s[d] += w * SearchIndex.impact(impact) * 1.5 }
                }
            }
            vector = v
            phraseScoreVectors.insert((terms, v), at: 0)
        }
        scores.withUnsafeMutableBufferPointer { s in
            vector.withUnsafeBufferPointer { v in
                result.forEach { d in s[d] += v[d] }
            }
        }
    }

    // MARK: Fields

    func fieldSet(_ f: FieldFilter) -> Bitset {
        let n = index.docCount
        var set = Bitset(count: n)
        switch f {
        case .year(let r):
            for d in 0..<n where index.docYear[d] != 0 && r.contains(Int(index.docYear[d])) { set.insert(d) }
        case .before(let day):
            for d in 0..<n where index.docDate[d] != 0 && Int(index.docDate[d]) < day { set.insert(d) }
        case .after(let day):
            for d in 0..<n where index.docDate[d] != 0 && Int(index.docDate[d]) >= day { set.insert(d) }
        case .month(let yyyymm):
            for d in 0..<n where index.docDate[d] != 0 && Int(index.docDate[d]) / 100 == yyyymm { set.insert(d) }
        case .kind(let k):
            let code = UInt8(ArticleKind.allCases.firstIndex(of: k)!)
            for d in 0..<n where index.docKind[d] == code { set.insert(d) }
        case .org(let v):
            let values = step("the organizations named") { matchingValues(.organization, v, kind: .org) }
            step("the documents of \(values.count) organization\(values.count == 1 ? "" : "s")") { addDocs(of: values, in: .organization, to: &set) }
        case .country(let v):
            addDocs(of: matchingValues(.country, v, kind: .country), in: .country, to: &set)
        case .person(let v):
            let words = Folding.terms(v)
            for (d, a) in index.articles.enumerated() where a.people.contains(where: { Self.wordsMatch(words, $0) }) { set.insert(d) }
        case .status(let st):
            switch st {
            case .read: if let r = marks?.read { set = r }
            case .starred: if let r = marks?.starred { set = r }
            case .unread:
                set = Bitset(count: n, full: true)
                if let r = marks?.read { set.subtract(r) }
            }
        case .tag(let v):
            if let docs = marks?.tags[DocMarks.fold(v)] { set = docs }
        case .has(let h):
            switch h {
            case .note: for d in (marks?.notes.keys).map(Array.init) ?? [] where d < n { set.insert(d) }
            case .tag: for docs in marks?.tags.values.map({ $0 }) ?? [] { set.formUnion(docs) }
            }
        case .exercise(let v):
            let words = Folding.terms(v)
            for (d, a) in index.articles.enumerated() where a.exercises.contains(where: { Self.wordsMatch(words, $0) }) { set.insert(d) }
        }
        return set
    }

    /// Every query word is a prefix of a word of the name, in order.
    static func wordsMatch(_ query: [String], _ name: String) -> Bool {
        wordsMatch(query, folded: Folding.terms(name))
    }

    /// `wordsMatch` of a name already folded into its words.
    static func wordsMatch(_ query: [String], folded words: [String]) -> Bool {
        var i = 0
        for w in words where i < query.count && w.hasPrefix(query[i]) { i += 1 }
        return i == query.count && !query.isEmpty
    }

    /// The facet values a filter value names: by the gazetteer (aliases and acronyms) or, when
    /// the gazetteer does not know it and no value is spelled so, every value whose words start
    /// with the given words (org:council).
    func matchingValues(_ f: Facet, _ v: String, kind: Gazetteer.Kind) -> [Int] {
        let names = foldedNames(f)
        let words = Folding.terms(v)
        let known = index.gazetteer.names(matching: v, kind: kind)
        let spellings = Set(known.map { Folding.terms($0).joined(separator: " ") } + [words.joined(separator: " ")])
        let exact = names.indices.filter { spellings.contains(names[$0].joined) }
        // A name the gazetteer knows means that organization only (org:UN is not UNRCCA).
        if !exact.isEmpty || !known.isEmpty { return exact }
        return names.indices.filter { Self.wordsMatch(words, folded: names[$0].words) }
    }

    /// A facet's value names folded into words (and joined by spaces): a filter typed letter by
    /// letter (`org:u`, `org:un`) compares them at each keystroke. The index folds those of
    /// organizations and countries once; any other facet's are folded here.
    func foldedNames(_ f: Facet) -> [(words: [String], joined: String)] {
        if let kept = index.foldedFacetNames[f] { return kept }
        return (index.facetNames[f] ?? []).map { name in
            let words = Folding.terms(name)
            return (words, words.joined(separator: " "))
        }
    }

    func addDocs(of values: [Int], in f: Facet, to set: inout Bitset) {
        set.formUnion(index.documents(having: values, in: f))
    }

    // MARK: Ranking and facets

    /// The best `limit` documents of a set: by score, then newest first.
    func top(_ set: Bitset, limit: Int) -> [Hit] {
        let limit = min(limit, set.cardinality)
        guard limit > 0 else { return [] }
        return newestFirst ? topInOrder(set, limit: limit) : heapTop(set, limit: limit)
    }

    /// The ranking's order: the higher score, then the newer, then the lower document number.
    @inline(__always) static func better(_ a: Hit, _ b: Hit, _ dates: Column<Int32>) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if dates[a.doc] != dates[b.doc] { return dates[a.doc] > dates[b.doc] }
        return a.doc < b.doc
    }

    /// Of the 64 documents from `base` (all within the scores), those scoring above `floor`, or
    /// at it too when `orEqual`: one bit each. Sixteen scores are compared at once, and only
    /// sixteen with one passing are looked at one by one (once the floor is high, almost none).
    @inline(__always) static func above(_ floor: Float, orEqual: Bool, _ s: UnsafeBufferPointer<Float>, _ base: Int) -> UInt64 {
        precondition(base >= 0 && base + 64 <= s.count)
        let raw = UnsafeRawPointer(s.baseAddress! + base)
        let f = SIMD16<Float>(repeating: floor)
        var mask: UInt64 = 0
        for c in 0..<4 {
            let v = raw.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<Float>.self)
            let passing = orEqual ? v .>= f : v .> f
            guard any(passing) else { continue }
            for j in 0..<16 where passing[j] { mask |= 1 << UInt64(c * 16 + j) }
        }
        return mask
    }

    /// `top` for documents in any order: a heap of the best so far.
    func heapTop(_ set: Bitset, limit: Int) -> [Hit] {
        // A min-heap of the best so far, ordered so that the root is the worst.
        var heap: [Hit] = []
        heap.reserveCapacity(limit)
        let dates = index.docDate
        @inline(__always) func better(_ a: Hit, _ b: Hit) -> Bool { Self.better(a, b, dates) }
        func siftUp(_ i: Int) {
            var i = i
            while i > 0 {
                let p = (i - 1) / 2
                if better(heap[p], heap[i]) { heap.swapAt(p, i); i = p } else { break }
            }
        }
        func siftDown(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count, better(heap[worst], heap[l]) { worst = l }
                if r < heap.count, better(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        // Once the heap is full, a document scoring below its worst is out at one comparison
        // (most are): the floor is that worst score, raised as the heap improves.
        var floor = -Float.infinity
        scores.withUnsafeBufferPointer { s in
            set.words.withUnsafeBufferPointer { words in
                for w in 0..<words.count {
                    var bits = words[w]
                    if bits != 0, heap.count == limit, (w + 1) << 6 <= s.count {
                        // The heap is full: only the documents at or above the floor go on.
                        bits &= Self.above(floor, orEqual: true, s, w << 6)
                    }
                    while bits != 0 {
                        let d = w << 6 | bits.trailingZeroBitCount
                        bits &= bits &- 1
                        let score = s[d]
                        if score < floor { continue }
                        let h = Hit(doc: d, score: score)
                        if heap.count < limit {
                            heap.append(h)
                            siftUp(heap.count - 1)
                            if heap.count == limit { floor = heap[0].score }
                        } else if better(h, heap[0]) {
                            heap[0] = h
                            siftDown(0)
                            floor = heap[0].score
                        }
                    }
                }
            }
        }
        return heap.sorted(by: better)
    }

    /// The `k`-th largest of `values` (1-based), found by selection (Hoare's partition, the
    /// larger values first); `values` is reordered.
    static func kthLargest(_ values: inout [Float], _ k: Int) -> Float {
        values.withUnsafeMutableBufferPointer { a in
            let target = k - 1
            var lo = 0, hi = a.count - 1
            while lo < hi {
                // The median of three as the pivot: sorted or equal runs stay cheap.
                let x = a[lo], y = a[(lo + hi) / 2], z = a[hi]
                let pivot = max(min(x, y), min(max(x, y), z))
                var i = lo, j = hi
                while i <= j {
                    while a[i] > pivot { i += 1 }
                    while a[j] < pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if target <= j { hi = j } else if target >= i { lo = i } else { return a[target] }
            }
            return a[target]
        }
    }

    /// `top` for documents newest first: a document that only ties the worst of the best so far
    /// is older (or the same day and later), so only a higher score gets in. The documents above
    /// the floor are gathered in a buffer (found 64 at a time, sixteen scores compared at once);
    /// a full buffer keeps its `limit` best, the floor rising to the worst of them. No heap: its
    /// sifting cost as much as the scan. The first floor is sampled (`sampledFloor`), so that a
    /// large set fills the buffer a few times at most.
    func topInOrder(_ set: Bitset, limit: Int) -> [Hit] {
        // A floor from a sample first (a large set): most of the buffer's rounds are skipped.
        let sampled = sampledFloor(set, limit: limit)
        if sampled > -.infinity, let hits = topInOrder(set, limit: limit, floor: sampled) { return hits }
        return topInOrder(set, limit: limit, floor: -.infinity)!
    }

    /// A first floor for `top`: the `limit / 4`-th best score of every eighth word of the set,
    /// which about twice `limit` documents of the whole set score at or above (fewer than
    /// `limit` only by chance, and then `top` scans again from no floor). Minus infinity for a
    /// set too small to sample.
    func sampledFloor(_ set: Bitset, limit: Int) -> Float {
        let rank = max(1, limit / 4)
        var sample = floorSample
        floorSample = []
        defer { floorSample = sample }
        sample.removeAll(keepingCapacity: true)
        scores.withUnsafeBufferPointer { s in
            set.words.withUnsafeBufferPointer { words in
                for w in stride(from: 0, to: words.count, by: 8) {
                    var bits = words[w]
                    while bits != 0 {
                        sample.append(s[w << 6 | bits.trailingZeroBitCount])
                        bits &= bits &- 1
                    }
                }
            }
        }
        guard sample.count >= rank * 16 else { return -.infinity }
        return Self.kthLargest(&sample, rank)
    }

    /// `topInOrder` from a floor: nil when fewer than `limit` documents score at it or above.
    func topInOrder(_ set: Bitset, limit: Int, floor start: Float) -> [Hit]? {
        let capacity = max(limit * 4, 64)
        var buffer: [Hit] = []
        buffer.reserveCapacity(capacity)
        var floor = start
        // Until the buffer is first full, a document at the floor given goes in too: ties of a
        // sampled floor (scores of few values) must not leave fewer than `limit` above it.
        var orEqual = start > -.infinity
        var values: [Float] = []
        values.reserveCapacity(capacity)
        /// Keeps the `limit` best of the buffer, in document order; the floor is the worst kept.
        func keepBest() {
            values.removeAll(keepingCapacity: true)
            for h in buffer { values.append(h.score) }
            let worst = Self.kthLargest(&values, limit)
            // Ties at the worst score kept in document order (the earlier ranks first).
            var ties = limit - buffer.lazy.filter { $0.score > worst }.count
            var kept: [Hit] = []
            kept.reserveCapacity(capacity)
            for h in buffer where h.score > worst || (h.score == worst && ties > 0) {
                if h.score == worst { ties -= 1 }
                kept.append(h)
            }
            buffer = kept
            floor = worst
            orEqual = false
        }
        scores.withUnsafeBufferPointer { s in
            set.words.withUnsafeBufferPointer { words in
                for w in 0..<words.count {
                    var bits = words[w]
                    guard bits != 0 else { continue }
                    let base = w << 6
                    if (w + 1) << 6 <= s.count { bits &= Self.above(floor, orEqual: orEqual, s, base) }
                    while bits != 0 {
                        let d = base | bits.trailingZeroBitCount
                        bits &= bits &- 1
                        let score = s[d]
                        guard score > floor || (orEqual && score == floor) else { continue }
                        buffer.append(Hit(doc: d, score: score))
                        if buffer.count == capacity { keepBest() }
                    }
                }
            }
        }
        if buffer.count < limit, start > -.infinity { return nil }
        if buffer.count > limit { keepBest() }
        let dates = index.docDate
        buffer.sort { Self.better($0, $1, dates) }
        return buffer
    }

    /// Counts by month (1...12) of a year over a set, by each document's date (for the year
    /// facet opened into months).
    public func months(ofYear year: Int, in set: Bitset) -> [(month: Int, count: Int)] {
        var counts = [Int](repeating: 0, count: 13)
        let dates = index.docDate
        set.forEach { d in
            let date = Int(dates[d])
            if date / 10_000 == year { counts[date / 100 % 100] += 1 }
        }
        return (1...12).compactMap { counts[$0] > 0 ? ($0, counts[$0]) : nil }
    }

    /// Counts of a facet's values over a set, most frequent first (years newest first).
    public func count(_ f: Facet, in set: Bitset) -> [(value: String, count: Int)] {
        ranked(f, facetCounts([f], in: set)[f] ?? [])
    }

    /// The counts of each facet's values over a set, value by value. Counted from whichever
    /// start leaves the fewest documents to count: nothing (each member counted), the whole
    /// index's totals (each document outside the set taken off), or the counts of one of the last
    /// searches (only the documents that came or went counted: a keystroke mostly changes few).
    func facetCounts(_ asked: [Facet], in set: Bitset) -> [Facet: [Int]] {
        var facets: [Facet] = []
        for f in asked where !facets.contains(f) { facets.append(f) }
        guard !facets.isEmpty else { return [:] }
        let size = set.cardinality
        var cost = size, from = -2   // -2: nothing; -1: the totals; k: lastFacets[k]
        if index.docCount - size < cost { cost = index.docCount - size; from = -1 }
        for (k, last) in lastFacets.enumerated() where facets.allSatisfy(last.counts.keys.contains) {
            let changed = set.differences(from: last.matches)
            if changed < cost { cost = changed; from = k }
        }
        // The counts started from, and the documents to add (+1) or take off (-1).
        var base: [Facet: [Int]] = [:]
        var passes: [(docs: Bitset, step: Int)] = []
        var kept: [Facet: [Int]] = [:]
        if from >= 0 {
            let last = lastFacets[from]
            // Counts of more facets than asked stay, to start the next search from; those of
            // no more are replaced by these.
            if cost == 0 || last.counts.count <= facets.count { lastFacets.remove(at: from) }
            var came = set, went = last.matches
            came.subtract(last.matches)
            went.subtract(set)
            for f in facets { base[f] = last.counts[f]! }
            if cost > 0 { passes = [(came, 1), (went, -1)] }
            // The last search's counts stay known for the facets not asked this time.
            if cost == 0 { kept = last.counts }
        } else if from == -1 {
            var outside = Bitset(count: index.docCount, full: true)
            outside.subtract(set)
            for f in facets { base[f] = index.facetTotals[f] ?? [] }
            passes = [(outside, -1)]
        } else {
            for f in facets { base[f] = [Int](repeating: 0, count: index.facetNames[f]?.count ?? 0) }
            passes = [(set, 1)]
        }
        // Many documents to count take both cores: each counts every facet over half the
        // documents (split at a word of the sets), the second from zero, and the two are added.
        let index = index, todo = passes, lanesFrom = facetLanesFrom
        let words = set.words.count
        func tallied(_ words: Range<Int>, from start: [Facet: [Int]]) -> [Facet: [Int]] {
            var counts = start
            for f in facets {
                for pass in todo { Self.tally(index, f, pass.docs, inWords: words, step: pass.step, lanesFrom: lanesFrom, into: &counts[f]!) }
            }
            return counts
        }
        var counts = kept
        let start = from == -2 ? "nothing" : from == -1 ? "the totals" : "a search before"
        step("count \(cost) documents from \(start)") {
            if cost >= facetsSplitAbove {
                let zero = base.mapValues { [Int](repeating: 0, count: $0.count) }
                let halves = Threads.map(2) { $0 == 0 ? tallied(0..<words / 2, from: base) : tallied(words / 2..<words, from: zero) }
                for f in facets {
                    var sum = halves[0][f]!
                    let other = halves[1][f]!
                    for v in sum.indices { sum[v] += other[v] }
                    counts[f] = sum
                }
            } else {
                for (f, c) in tallied(0..<words, from: base) { counts[f] = c }
            }
        }
        lastFacets.insert((set, counts), at: 0)
        if lastFacets.count > Self.lastFacetsKept { lastFacets.removeLast() }
        return counts
    }

    /// Adds `step` to the count of each value of facet `f` that each document of `docs` has.
    /// Many documents (from `lanesFrom`, and at least as many as the facet has values) are
    /// counted in four lanes (by document), added up at the end: the same value (the CSTO, this
    /// year) stands in document after document, and one count would make each addition wait for
    /// the one before.
    static func tally(_ index: SearchIndex, _ f: Facet, _ docs: Bitset, inWords words: Range<Int>, step: Int,
                      lanesFrom: Int = 256, into counts: inout [Int]) {
        guard let names = index.facetNames[f], counts.count == names.count else { return }
        let m = names.count
        var members = 0
        docs.words.withUnsafeBufferPointer { w in for k in words { members += w[k].nonzeroBitCount } }
        guard members > 0 else { return }
        // (Four lanes cost four counts a value to clear and to add up: worth it from as many
        // documents as values.)
        let laneCount = members >= lanesFrom && (members >= m || lanesFrom <= 1) ? 4 : 0
        var lanes = [Int32](repeating: 0, count: laneCount * m)
        // Calls `each` with each document of `docs` and a function counting a value for it: into
        // the document's lane, or (few documents) into the counts at once.
        func counted(_ each: (_ d: Int, _ add: (Int) -> Void) -> Void) {
            if laneCount == 0 {
                counts.withUnsafeMutableBufferPointer { c in
                    docs.forEach(inWords: words) { d in each(d) { v in c[v] += step } }
                }
                return
            }
            lanes.withUnsafeMutableBufferPointer { l in
                docs.forEach(inWords: words) { d in
                    let lane = (d & 3) * m
                    each(d) { v in l[lane + v] &+= 1 }
                }
            }
        }
        /// Years and kinds: one value a document at most, read off the document's own column
        /// (`table`: column value → facet value).
        func column<T: BinaryInteger & BitwiseCopyable>(_ column: Column<T>, _ table: [Int]) {
            column.withUnsafeBufferPointer { codes in
                table.withUnsafeBufferPointer { table in
                    counted { d, add in
                        let code = Int(codes[d])
                        let v = code >= 0 && code < table.count ? table[code] : -1
                        if v >= 0 { add(v) }
                    }
                }
            }
        }
        switch f {
        case .year:
            let years = names.map { Int($0) ?? 0 }
            var table = [Int](repeating: -1, count: (years.max() ?? 0) + 1)
            for (i, y) in years.enumerated() where y > 0 { table[y] = i }
            column(index.docYear, table)
        case .kind:
            column(index.docKind, ArticleKind.allCases.map { k in names.firstIndex(of: k.rawValue) ?? -1 })
        default:
            guard let start = index.facetStart[f], let vals = index.facetValues[f] else { return }
            start.withUnsafeBufferPointer { st in
                vals.withUnsafeBufferPointer { v in
                    counted { d, add in
                        for k in Int(st[d])..<Int(st[d + 1]) { add(Int(v[k])) }
                    }
                }
            }
        }
        guard laneCount > 0 else { return }
        lanes.withUnsafeBufferPointer { l in
            counts.withUnsafeMutableBufferPointer { c in
                for v in 0..<m {
                    var sum = 0
                    for lane in 0..<laneCount { sum += Int(l[lane * m + v]) }
                    c[v] += step * sum
                }
            }
        }
    }

    /// A facet's counts as shown: the values found, most frequent first (years newest first).
    func ranked(_ f: Facet, _ counts: [Int]) -> [(value: String, count: Int)] {
        guard let names = index.facetNames[f] else { return [] }
        var out: [(value: String, count: Int)] = []
        for (i, c) in counts.enumerated() where c > 0 { out.append((names[i], c)) }
        if f == .year {
            out.sort { $0.value > $1.value }
        } else {
            out.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        return out
    }
}

/// How a query's parts are named in the timings of `timedSearch` (`reader-bench search --verbose`).
extension Searcher {
    /// A filter as the query language writes it.
    static func written(_ f: FieldFilter) -> String {
        switch f {
        case .year(let r): return r.count == 1 ? "year:\(r.lowerBound)" : "year:\(r.lowerBound)..\(r.upperBound)"
        case .before(let d): return "before:\(d)"
        case .after(let d): return "after:\(d)"
        case .month(let m): return "month:" + QueryText.month(year: m / 100, month: m % 100)
        case .kind(let k): return "kind:\(k.rawValue)"
        case .org(let v): return "org:\(v)"
        case .person(let v): return "person:\(v)"
        case .country(let v): return "country:\(v)"
        case .exercise(let v): return "exercise:\(v)"
        case .status(let s): return "is:\(s.rawValue)"
        case .tag(let v): return "tag:\(v)"
        case .has(let h): return "has:\(h.rawValue)"
        }
    }

    static func describe(_ atom: Query.Atom) -> String {
        func word(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
        switch atom {
        case .term(let t, let prefix): return prefix ? "prefix \(word(t))*" : "term \(word(t))"
        case .phrase(let ts, let lastIsPrefix): return "phrase \"" + ts.map(word).joined(separator: " ") + (lastIsPrefix ? "*" : "") + "\""
        case .field(let f): return "field " + Self.written(f)
        case .not(let inner): return "not " + describe(inner)
        }
    }
}
