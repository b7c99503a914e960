/// Work done between keystrokes (DECISIONS 38): after a keystroke is answered, and before the
/// next one comes, the searcher makes what the next keystroke of a typed phrase will most
/// likely ask for, so that the keystroke finds it kept.
///
/// - After a word and a space inside an open quote (`"the `, `"council of `), the next
///   keystroke is the first letter of the next word, and it needs the occurrences of the whole
///   head (`the`, `council of`): they are made now (a gather, an extend by the new word, or a
///   pair's marks) and kept.
/// - Inside a word after a head (`"council o`): the head grown by the likeliest completion (the
///   one a check of a sample of the head's documents finds first most often) is made and kept,
///   and the words after the head are resolved in the documents that completion leaves
///   undecided. The next keystroke decides that completion's documents at a look each (`decide
///   by N kept heads` in `openPhrase`) and the others from the record; when the word is
///   finished, the grown head is the next head.
///
/// Nothing of an answer depends on it: it only fills what the searcher keeps (heads are exact,
/// however they were made). A user types a key every 100 ms or more; the work takes a few
/// milliseconds (up to about 20 at 100,000 pages) and runs on the search thread only when no
/// query waits. A key typed while it runs waits for it.
extension Searcher {
    /// What the text typed so far asks of the next keystroke, if it ends inside an open,
    /// not negated quote: the head's words (folded), and the word being typed after them
    /// (nil when a space ended the last word).
    static func typedPhrase(_ text: String) -> (head: [[UInt8]], partial: [UInt8]?)? {
        guard let last = QueryText.tokens(text).last, last.quoted, !last.closed, !last.negated else { return nil }
        var words = Folding.terms(last.text).map { Array($0.utf8) }
        guard !words.isEmpty else { return nil }
        if last.text.last?.isWhitespace == true { return (words, nil) }
        let partial = words.removeLast()
        return words.isEmpty ? nil : (words, partial)
    }

    /// Makes, between keystrokes, what the next keystroke after `text` (the search line as
    /// typed) will likely need, and keeps it. Returns what it made (for tests and the
    /// benchmark), or nil when the text asks nothing of the kind or it was kept already.
    @discardableResult
    public func prepareNextKeystroke(after text: String) -> String? {
        guard let typed = Self.typedPhrase(text) else { return nil }
        var head: [Int] = []
        for w in typed.head {
            guard let t = w.withUnsafeBufferPointer({ index.termID($0) }) else { return nil }
            head.append(t)
        }
        func kept(_ h: [Int]) -> Bool { phraseOccurrences.contains { $0.head == h } }
        func described(_ h: [Int], _ occ: PhraseOccurrences) -> String {
            h.map { index.termText($0) }.joined(separator: " ") + ": \(occ.starts.count) starts"
        }
        var did: [String] = []
        // The head (made now if it is not kept; held here, should making the grown one push
        // it out of those kept).
        let headKept = kept(head)
        let occ = occurrences(head)
        if !headKept {
            betweenKeys.headsMade += 1
            did.append(described(head, occ))
        }
        if let partial = typed.partial {
            let completions = index.prefixRange(partial).map { Int(index.sortedTerms[$0]) }
            if let next = likeliestCompletion(occ, shift: head.count, prefix: partial, completions: completions) {
                let grown = head + [next]
                let grownKept = kept(grown)
                let grownOcc = occurrences(grown)
                if !grownKept {
                    betweenKeys.headsGrown += 1
                    did.append(described(grown, grownOcc))
                }
                if let resolved = resolveNextWords(head: head, occ: occ, prefix: partial, completions: completions,
                                                   likeliest: next, likeliestDocs: grownOcc.docs) {
                    did.append(resolved)
                }
            }
        }
        return did.isEmpty ? nil : did.joined(separator: "; ")
    }

    /// A head's documents left to resolve at most (more: the next keystroke checks them).
    static let resolveAtMost = 4096

    /// The words after the head, resolved for the documents the likeliest completion does not
    /// decide (`"collective s`: the few hundred documents where `collective` is followed by a
    /// word of `s` but never by `security`): every other completion of `prefix` sought in each
    /// of them, and each one found recorded. A keystroke whose last word starts with `prefix`
    /// and whose open documents are all among them is then decided from the record, no position
    /// read (`decide N documents by the next words resolved` in `openPhrase`).
    func resolveNextWords(head: [Int], occ: PhraseOccurrences, prefix: [UInt8], completions: [Int],
                          likeliest: Int, likeliestDocs: [Int32]) -> String? {
        // Kept while the likeliest is the same (a record made without it, for the documents it
        // leaves, is of no use once it no longer completes the word).
        if let r = resolvedNextWords, r.head == head, prefix.starts(with: r.prefix), r.likeliest == likeliest { return nil }
        let n = index.docCount
        var decided = Bitset(count: n)
        for d in likeliestDocs { decided.insert(Int(d)) }
        var docs = Bitset(count: n)
        var count = 0
        ensureScratch()
        let want = occ.masks == nil ? nil : prefix.first.map(NextWord.code)
        for row in rows(of: occ, allowing: want) where !decided.contains(Int(occ.docs[row])) {
            count += 1
            if count > Self.resolveAtMost { return nil }
            let d = Int(occ.docs[row])
            docs.insert(d)
            occRow[d] = Int32(row)
        }
        let others = byDF(completions.filter { $0 != likeliest })
        var none = Bitset(count: n)
        var open = docs
        let found = count == 0 || others.isEmpty ? []
            : checkCompletions(others, occ: occ, shift: UInt32(head.count), want: want, open: &open, openCount: count,
                               result: &none, recordAll: true)
        resolvedNextWords = ResolvedNextWords(head: head, prefix: prefix, likeliest: likeliest, docs: docs, found: found)
        betweenKeys.resolutions += 1
        return "the next words of \(count) documents: \(found.count) found"
    }

    /// Documents of a head sampled to find the likeliest completion after it.
    static let completionSample = 256
    /// Completions tried on the sample (the most widespread).
    static let completionsTried = 32

    /// The completion (of the `completions`, the terms of `prefix`) that a check of a sample of
    /// the documents of `occ` (`shift` words after a start) finds first in most of them: the
    /// sample is taken evenly through the documents whose next-word codes allow a completion,
    /// and the check tries the 32 most widespread completions, those that found most so far
    /// first. The most widespread when the sample finds none; nil when there is no completion.
    func likeliestCompletion(_ occ: PhraseOccurrences, shift: Int, prefix: [UInt8], completions: [Int]) -> Int? {
        let byDF = byDF(completions)
        guard let widest = byDF.first else { return nil }
        let n = index.docCount
        ensureScratch()
        let want = occ.masks == nil ? nil : prefix.first.map(NextWord.code)
        let allowed = rows(of: occ, allowing: want)
        guard !allowed.isEmpty else { return widest }
        var open = Bitset(count: n)
        var sampled = 0
        for i in stride(from: 0, to: allowed.count, by: max(1, allowed.count / Self.completionSample)) where sampled < Self.completionSample {
            let d = Int(occ.docs[allowed[i]])
            open.insert(d)
            occRow[d] = Int32(allowed[i])
            sampled += 1
        }
        var found = Bitset(count: n)
        checkCompletions(Array(byDF.prefix(Self.completionsTried)), occ: occ, shift: UInt32(shift), want: want, open: &open,
                         openCount: sampled, result: &found)
        var counts: [Int: Int] = [:]
        found.forEach { counts[Int(matchTerm[$0]), default: 0] += 1 }
        func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
        return counts.max { $0.value < $1.value || $0.value == $1.value && df($0.key) < df($1.key) }?.key ?? widest
    }

    /// The rows of `occ` whose documents' next-word codes allow a word of code `want` (all of
    /// them without a code or without masks).
    func rows(of occ: PhraseOccurrences, allowing want: UInt8?) -> [Int] {
        guard let masks = occ.masks, let want else { return Array(0..<occ.count) }
        let wanted = UInt16(1) << UInt16(want)
        return masks.indices.filter { masks[$0] & wanted != 0 }
    }

    /// Terms, most widespread first (then by number).
    func byDF(_ terms: [Int]) -> [Int] {
        func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
        return terms.sorted { df($0) > df($1) || df($0) == df($1) && $0 < $1 }
    }

    /// The per-document scratch arrays of a typed phrase's check, sized to the index.
    func ensureScratch() {
        let n = index.docCount
        if occRow.count != n { occRow = [Int32](repeating: 0, count: n) }
        if matchTerm.count != n { matchTerm = [Int32](repeating: 0, count: n) }
    }
}

/// The words after a head found in the documents its likeliest completion leaves undecided
/// (see `Searcher.resolveNextWords`).
struct ResolvedNextWords {
    var head: [Int]
    /// The word being typed when they were resolved: they hold for the prefixes that start with it.
    var prefix: [UInt8]
    /// The completion whose documents were left out (its grown head decides them).
    var likeliest: Int
    /// The documents resolved.
    var docs: Bitset
    /// Each completion of `prefix` but the likeliest found after the head, with its document.
    var found: [(doc: Int32, term: Int32)]
}

/// What the work between keystrokes made, counted (for tests: that each way was taken).
struct BetweenKeys {
    /// A head whose last word a space ended, made.
    var headsMade = 0
    /// A head grown by the likeliest completion of the word being typed, made.
    var headsGrown = 0
    /// Completions whose documents a kept longer head decided in a keystroke.
    var decidedByKeptHeads = 0
    /// The words after a head resolved for its undecided documents, and keystrokes decided by them.
    var resolutions = 0, decidedByResolution = 0
}
