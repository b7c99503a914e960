/// Work done between keystrokes (DECISIONS 38): after a keystroke is answered, and before the
/// next one comes, the searcher makes what the next keystroke of a typed phrase will most
/// likely ask for, so that the keystroke finds it kept.
///
/// - After a word and a space inside an open quote (`"the `, `"council of `), the next
///   keystroke is the first letter of the next word, and it needs the occurrences of the whole
///   head (`the`, `council of`): they are made now (a gather, an extend by the new word, or a
///   pair's marks) and kept.
/// - Inside a word after a head (`"council o`), the head is kept already; the head grown by
///   the likeliest completion (the one the keystroke found most documents with, else the most
///   widespread) is made and kept. The next keystroke decides that completion's documents at a
///   look each (`decide by kept heads` in `openPhrase`), and when the word is finished its
///   occurrences are the next head.
///
/// Nothing of an answer depends on it: it only fills what the searcher keeps (heads are exact,
/// however they were made). A user types a key every 100 ms or more; the work takes a few
/// milliseconds (a head of the commonest words, 5–15 ms at 100,000 pages) and runs on the
/// search thread when no query waits. A key typed while it runs waits for it, which costs at
/// most what that key would have cost doing the same work itself.
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
        func made(_ h: [Int]) -> String {
            let words = h.map { index.termText($0) }.joined(separator: " ")
            return "\(words): \(occurrences(h).starts.count) starts"
        }
        guard let partial = typed.partial else {
            if kept(head) { return nil }
            betweenKeys.headsMade += 1
            return made(head)
        }
        // The likeliest completion of the word being typed: the one found most often after the
        // head in a sample of its documents.
        let completions = index.prefixRange(partial).map { Int(index.sortedTerms[$0]) }
        guard !completions.isEmpty else { return nil }
        if !kept(head) { _ = occurrences(head) }
        guard let next = likeliestCompletion(occurrences(head), shift: head.count, prefix: partial, completions: completions)
        else { return nil }
        let grown = head + [next]
        var did: [String] = []
        if !kept(grown) {
            betweenKeys.headsGrown += 1
            did.append(made(grown))
        }
        if let resolved = resolveNextWords(head: head, prefix: partial, completions: completions, likeliest: next) { did.append(resolved) }
        return did.isEmpty ? nil : did.joined(separator: "; ")
    }

    /// A head's documents left to resolve at most (more: the next keystroke checks them).
    static let resolveAtMost = 4096

    /// The words after the head, resolved for the documents the likeliest completion does not
    /// decide (`"collective s`: the few hundred documents where `collective` is followed by a
    /// word of `s` but never by `security`): every other completion of `prefix` sought in each
    /// of them, and each one found recorded. A keystroke whose last word starts with `prefix`
    /// and whose open documents are all among them is then decided from the record, no position
    /// read (`decide by the next words resolved` in `openPhrase`).
    func resolveNextWords(head: [Int], prefix: [UInt8], completions: [Int], likeliest: Int) -> String? {
        if let r = resolvedNextWords, r.head == head, prefix.starts(with: r.prefix) { return nil }
        let n = index.docCount
        let occ = occurrences(head)
        var decided = Bitset(count: n)
        for d in occurrences(head + [likeliest]).docs { decided.insert(Int(d)) }
        if occRow.count != n { occRow = [Int32](repeating: 0, count: n) }
        if matchTerm.count != n { matchTerm = [Int32](repeating: 0, count: n) }
        let want = occ.masks == nil ? nil : prefix.first.map(NextWord.code)
        let wanted = want.map { UInt16(1) << UInt16($0) }
        var docs = Bitset(count: n)
        var count = 0
        for row in 0..<occ.count {
            if let masks = occ.masks, let wanted, masks[row] & wanted == 0 { continue }
            let d = Int(occ.docs[row])
            if decided.contains(d) { continue }
            count += 1
            if count > Self.resolveAtMost { return nil }
            docs.insert(d)
            occRow[d] = Int32(row)
        }
        func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
        let others = completions.filter { $0 != likeliest }.sorted { df($0) > df($1) || df($0) == df($1) && $0 < $1 }
        var none = Bitset(count: n)
        var open = docs
        let found = count == 0 || others.isEmpty ? []
            : checkCompletions(others, occ: occ, shift: UInt32(head.count), want: want, open: &open, openCount: count,
                               result: &none, recordAll: true)
        resolvedNextWords = ResolvedNextWords(head: head, prefix: prefix, docs: docs, found: found)
        betweenKeys.resolutions += 1
        return "the next words of \(count) documents: \(found.count) found"
    }
}

/// The words after a head found in the documents its likeliest completion leaves undecided
/// (see `Searcher.resolveNextWords`).
struct ResolvedNextWords {
    var head: [Int]
    /// The word being typed when they were resolved: they hold for the prefixes that start with it.
    var prefix: [UInt8]
    /// The documents resolved.
    var docs: Bitset
    /// Each completion of `prefix` but the likeliest found after the head, with its document.
    var found: [(doc: Int32, term: Int32)]
}

extension Searcher {
    /// Documents of a head sampled to find the likeliest completion after it.
    static let completionSample = 256
    /// Completions tried on the sample (the most widespread).
    static let completionsTried = 32

    /// The completion (of the `completions`, the terms of `prefix`) that stands `shift` words
    /// after a start of `occ` in most of a sample of its documents (those whose next-word codes
    /// allow one, taken evenly through them), found by the check a keystroke runs; the most
    /// widespread when the sample finds none.
    func likeliestCompletion(_ occ: PhraseOccurrences, shift: Int, prefix: [UInt8], completions: [Int]) -> Int? {
        let n = index.docCount
        func df(_ t: Int) -> Int { Int(index.postStart[t + 1] - index.postStart[t]) }
        let byDF = completions.sorted { df($0) > df($1) || df($0) == df($1) && $0 < $1 }
        guard let widest = byDF.first else { return nil }
        guard occ.count > 0 else { return widest }
        if occRow.count != n { occRow = [Int32](repeating: 0, count: n) }
        if matchTerm.count != n { matchTerm = [Int32](repeating: 0, count: n) }
        let want = prefix.first.map(NextWord.code)
        let wanted = want.map { UInt16(1) << UInt16($0) }
        var open = Bitset(count: n)
        var sampled = 0
        let stride = max(1, occ.count / (Self.completionSample * 4))
        for row in Swift.stride(from: 0, to: occ.count, by: stride) where sampled < Self.completionSample {
            if let masks = occ.masks, let wanted, masks[row] & wanted == 0 { continue }
            let d = Int(occ.docs[row])
            open.insert(d)
            occRow[d] = Int32(row)
            sampled += 1
        }
        guard sampled > 0 else { return widest }
        var found = Bitset(count: n)
        checkCompletions(Array(byDF.prefix(Self.completionsTried)), occ: occ, shift: UInt32(shift), want: want, open: &open,
                         openCount: sampled, result: &found)
        var counts: [Int: Int] = [:]
        found.forEach { counts[Int(matchTerm[$0]), default: 0] += 1 }
        return counts.max { $0.value < $1.value || $0.value == $1.value && df($0.key) < df($1.key) }?.key ?? widest
    }
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
