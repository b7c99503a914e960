import Corpus
import Testing
@testable import SearchIndex

/// The build's dictionary: a hash table whose key holds a term's length up to 254, whose slot
/// holds the term's id and where its bytes start. Words that share a slot, that share a key,
/// that share a long prefix or are longer than the length the key holds must all keep ids of
/// their own, in one shard and across the shards a build of 128 or more documents is split in
/// (one a core: two on this project's machines, one on a single core, where the merge of the
/// shards' dictionaries is not exercised).
@Suite struct TermTableTests {
    @Test func keysThatShareASlotAreAllFoundAfterTheTableGrows() {
        var table = TermTable()
        // Every key's low 20 bits are the same: they all start at one slot and probe on.
        let keys = (0..<3_000).map { UInt64($0) << 20 | 5 }
        for (i, k) in keys.enumerated() { table.set(k, TermTable.payload(id: i, from: 7 * i)) }
        #expect(table.count == keys.count)
        for (i, k) in keys.enumerated() {
            let p = table.get(k)
            #expect(p == TermTable.payload(id: i, from: 7 * i), "key \(i)")
        }
        #expect(table.get(UInt64(3_000) << 20 | 5) == nil)
        // Setting a key again replaces its payload and adds no slot.
        table.set(keys[10], TermTable.payload(id: 99, from: 1))
        #expect(table.count == keys.count && table.get(keys[10]) == TermTable.payload(id: 99, from: 1))
    }

    @Test func theKeyHoldsTheLengthUpTo254() {
        let h: UInt64 = 0xABCD_EF01_2345_6789
        #expect(TermTable.key(h, length: 3) >> 56 == 3)
        #expect(TermTable.key(h, length: 254) >> 56 == 254)
        #expect(TermTable.key(h, length: 255) == TermTable.key(h, length: 4_000))
        #expect(TermTable.key(h, length: 3) & 0x00FF_FFFF_FFFF_FFFF == h & 0x00FF_FFFF_FFFF_FFFF)
        let k = TermTable.key(h, length: 3)
        #expect(TermTable.next(k) != k)
        // The key tried next keeps the length: a key found holds the length looked up.
        #expect(TermTable.next(k) >> 56 == 3 && TermTable.next(TermTable.next(k)) >> 56 == 3)
    }

    /// Two words of one length whose hashes agree in the 56 bits the key keeps (found by a
    /// search over random words): they share a key, so the second probes on and is told apart
    /// by its bytes, in each shard and in the merged dictionary.
    @Test func twoWordsOfOneKeyKeepTheirOwnDocuments() throws {
        let (one, other) = ("pacdgmnkogkmai", "almkbpedibpaml")
        func key(_ w: String) -> UInt64 { Array(w.utf8).withUnsafeBufferPointer { TermTable.key(fnv($0), length: $0.count) } }
        #expect(key(one) == key(other), "the two words share a key")
        let articles = (0..<200).map { i in
            Article(id: "d\(i)", title: "title", kind: .other, full: true,
                    paragraphs: ["common " + (i % 2 == 0 ? one : other)], sources: [])
        }
        let index = SearchIndex(articles: articles)
        #expect(index.termCount == 4, "the two words, 'title' and 'common'")
        #expect(index.termID(one) != index.termID(other))
        let searcher = Searcher(index)
        for (parity, word) in [one, other].enumerated() {
            let response = searcher.search(try QueryParser.parse(word, prefixLast: false), limit: 500)
            #expect(response.matches.members == (0..<200).filter { $0 % 2 == parity }, "\(word)")
        }
    }

    @Test func longWordsAndWordsOfOneLongPrefixKeepTheirOwnDocuments() throws {
        // Pairs of words that differ in their last letter only, at lengths around the 255 the
        // key holds, and pairs that differ in length only.
        var words: [String] = []
        for length in [1, 2, 40, 253, 254, 255, 256, 300, 301] {
            for last in ["y", "z"] { words.append(String(repeating: "q", count: length - 1) + last) }
        }
        words.append(String(repeating: "q", count: 600))
        // 200 documents: two shards, each word in documents of both.
        let articles = (0..<200).map { i in
            Article(id: "d\(i)", title: "title", kind: .other, full: true,
                    paragraphs: ["common " + words[i % words.count]], sources: [])
        }
        let index = SearchIndex(articles: articles)
        #expect(index.termCount == words.count + 2, "every word one term, with 'title' and 'common'")
        let searcher = Searcher(index)
        for (w, word) in words.enumerated() {
            let expected = (0..<200).filter { $0 % words.count == w }
            #expect(index.termID(word) != nil, "length \(word.count)")
            let response = searcher.search(try QueryParser.parse(word, prefixLast: false), limit: 500)
            #expect(response.matches.members == expected, "length \(word.count), ending \(word.last!)")
        }
        let all = searcher.search(try QueryParser.parse("common"), limit: 500)
        #expect(all.total == 200)
    }
}
