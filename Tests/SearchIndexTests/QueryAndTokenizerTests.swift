import Corpus
import Testing
@testable import SearchIndex

@Suite struct TokenizerTests {
    @Test func foldsCaseDiacriticsAndScripts() {
        #expect(Folding.terms("Café NAÏVE Straße Łódź") == ["cafe", "naive", "strasse", "lodz"])
        #expect(Folding.terms("ОДКБ Ёлка Встреча") == ["одкб", "елка", "встреча"])
        #expect(Folding.terms("Interaction-2018, “CIS ATC” UNRCCA's 2,000") == ["interaction", "2018", "cis", "atc", "unrcca", "s", "2", "000"])
        #expect(Folding.terms("e\u{301}te\u{301}") == ["ete"])
        #expect(Folding.terms("— … «»  ") == [])
    }
}

@Suite struct QueryParserTests {
    func parse(_ s: String, prefix: Bool = true) throws -> Query { try QueryParser.parse(s, prefixLast: prefix) }
    func t(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func wordsAndTheLastAsPrefix() throws {
        let q = try parse("Afghan WORK")
        #expect(q.clauses.map(\.atoms) == [[.term(t("afghan"), prefix: false)], [.term(t("work"), prefix: true)]])
        let done = try parse("afghan work ")
        #expect(done.clauses.last?.atoms == [.term(t("work"), prefix: false)])
        #expect(try parse("afghan work", prefix: false).clauses.last?.atoms == [.term(t("work"), prefix: false)])
    }

    @Test func phrasesHyphensNegationAndOr() throws {
        #expect(try parse("\"staff training\"").clauses[0].atoms == [.phrase([t("staff"), t("training")], lastIsPrefix: false)])
        #expect(try parse("interaction-2018 ").clauses[0].atoms == [.phrase([t("interaction"), t("2018")], lastIsPrefix: false)])
        let neg = try parse("-nato -\"x y\" -kind:meeting")
        #expect(neg.clauses.allSatisfy { $0.negated })
        #expect(neg.clauses.count == 3)
        let or = try parse("otunbayeva OR imnadze or sidorov ")
        #expect(or.clauses.count == 1)
        #expect(or.clauses[0].atoms.count == 3)
        // A trailing "or" is a word being typed, not an operator.
        #expect(try parse("council or").clauses.count == 2)
        // Written in capitals with nothing after it, it is a mistake that names its column.
        #expect(throws: QueryError.self) { try parse("council OR") }
    }

    @Test func fields() throws {
        #expect(try parse("year:2024").clauses[0].atoms == [.field(.year(2024...2024))])
        #expect(try parse("YEAR:2018..2024").clauses[0].atoms == [.field(.year(2018...2024))])
        #expect(try parse("before:2024-04-01").clauses[0].atoms == [.field(.before(20240401))])
        #expect(try parse("after:2024-03").clauses[0].atoms == [.field(.after(20240301))])
        #expect(try parse("org:\"Council of Defense Ministers\" x").clauses[0].atoms == [.field(.org("Council of Defense Ministers"))])
        #expect(try parse("kind:Exercise").clauses[0].atoms == [.field(.kind(.exercise))])
        #expect(try parse("person:serdyukov country:kyrgyzstan exercise:interaction").clauses.count == 3)
    }

    @Test func errorsNameWhatIsAccepted() {
        func message(_ s: String) -> String? {
            do { _ = try QueryParser.parse(s); return nil } catch { return error.message }
        }
        #expect(message("colour:red")?.contains("year: month: before: after: org: kind: person: country: exercise: is:") == true)
        #expect(message("year:20x4")?.contains("year:2018..2024") == true)
        #expect(message("year:2024..2018")?.contains("backwards") == true)
        #expect(message("before:2024-13-01")?.contains("YYYY-MM-DD") == true)
        #expect(message("kind:parade")?.contains("exercise, meeting, interview, statement, other") == true)
        #expect(message("org:")?.contains("needs a value") == true)
        #expect(message("\"unterminated phrase") == "unbalanced quote: the \" at column 1 is never closed")
        #expect(message("a OR") == "OR at column 3 needs a term after it, e.g. a OR b")
        #expect(message("(a OR b)")?.contains("parentheses are not supported (column 1)") == true)
        #expect(message("month:2024-4")?.contains("YYYY-MM") == true)
        // While typing, the same half-finished queries are no error.
        for s in ["\"unterminated phrase", "a OR", "kind:me", "org:"] { #expect((try? QueryParser.parse(s, typing: true)) != nil, "\(s)") }
        #expect(message("- -- \"\" : :: ::x") != nil || true)
    }

    @Test func anythingParsesOrFailsCleanly() {
        let samples = ["", " ", "\"", "-", "--x", "OR", "a OR", "OR b", ":", "x:", "::", "\"a\"b\"c", "-\"", "é:1", "日本:x", "year:..", "year:1..2..3", "after:0000-00-00"]
        for s in samples {
            _ = try? QueryParser.parse(s)
        }
    }
}

@Suite struct TypingWithFiltersTests {
    @Test func theWordBeingTypedStaysAPrefixBeforeFilters() throws {
        let q = try QueryParser.parse("afgh year:2024 OR year:2023 org:UN")
        #expect(q.clauses[0].atoms == [.term(Array("afgh".utf8), prefix: true)])
        let closed = try QueryParser.parse("afgh tasm year:2024")
        #expect(closed.clauses[0].atoms == [.term(Array("afgh".utf8), prefix: false)])
        #expect(closed.clauses[1].atoms == [.term(Array("tasm".utf8), prefix: true)])
        #expect(try QueryParser.parse("afgh ").clauses[0].atoms == [.term(Array("afgh".utf8), prefix: false)])
    }
}

@Suite struct QueryErrorSafetyTests {
    /// Found by fuzzing: an error echoed the value with its newline and control characters.
    @Test func errorsNeverEchoControlCharacters() {
        for q in ["before:20\u{0}\u{0}\"y- #2\n\u{0}", "year:\u{1B}[2J", "kind:\u{202E}x", "after:" + String(repeating: "9", count: 500)] {
            do {
                _ = try QueryParser.parse(q)
                Issue.record("\(q) parsed")
            } catch {
                #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
                #expect(error.message.count < 200)
            }
        }
    }
}

/// Negation inside an OR, and what is still being typed.
@Suite struct NegationAndTypingTests {
    let index = SearchIndex(articles: Corpus.builtIn().articles)

    @Test func aNegatedTermCanBeOneSideOfAnOr() throws {
        let q = try QueryParser.parse("-nato OR otunbayeva")
        #expect(q.clauses.count == 1 && !q.clauses[0].negated)
        // Everything but the one article about NATO (the BELTA interview), which is not Otunbayeva's.
        #expect(Searcher(index).matchSet(q).cardinality == 14)
        #expect(try Searcher(index).search("csto -nato").total == Searcher(index).search("csto").total - 1)
    }

    @Test func whatIsStillBeingTypedIsLeftOut() throws {
        let searcher = Searcher(index)
        let all = try searcher.search("afghanistan").total
        for partial in ["afghanistan -n", "afghanistan -na", "afghanistan OR", "afghanistan or"] {
            let q = try QueryParser.parse(partial, typing: true)
            #expect(searcher.matchSet(q).cardinality == all, "\(partial)")
        }
        // Left out, the word before them is the one being typed again: still a prefix.
        let prefix = try searcher.matchSet(QueryParser.parse("afgh", typing: true)).cardinality
        #expect(prefix >= all && prefix > 0)
        for partial in ["afgh kind:me", "afgh O", "afgh -", "afgh OR", "afgh OR -", "afgh year:20", "afgh \"", "afgh ,", "afgh OR O"] {
            let q = try QueryParser.parse(partial, typing: true)
            #expect(searcher.matchSet(q).cardinality == prefix, "\(partial)")
        }
        // A negated word being typed counts as the exact word typed so far: the word before
        // stays a prefix.
        let typedNegation = try QueryParser.parse("afgh -nato", typing: true)
        #expect(typedNegation.clauses.map(\.atoms) == [[.term(Array("afgh".utf8), prefix: true)], [.term(Array("nato".utf8), prefix: false)]])
        #expect(typedNegation.clauses.map(\.negated) == [false, true])
        var withoutNato = try searcher.matchSet(QueryParser.parse("afgh", typing: true))
        withoutNato.subtract(try searcher.matchSet(QueryParser.parse("nato ")))
        #expect(searcher.matchSet(typedNegation) == withoutNato)
        // (A negated phrase not closed yet is left out, even when a space was just typed in it:
        // the space ends no word of a phrase whose quote is open.)
        #expect(try QueryParser.parse("afgh -\"nato sum", typing: true).clauses.count == 1)
        #expect(try QueryParser.parse("afgh -\"nato ", typing: true, negationDone: true).clauses.count == 1)
        #expect(try QueryParser.parse("afgh -\"nato summit ", typing: true, negationDone: true).clauses.count == 1)
        #expect(try QueryParser.parse("afgh -\"nato summit\"", typing: true, negationDone: true).clauses.count == 2)
        // A closed phrase's last word is whole, whatever follows it (a filter, typed or not).
        for typing in [false, true] {
            let closed = try QueryParser.parse("\"council of d\" kind:meeting", typing: typing)
            #expect(closed.clauses[0].atoms == [.phrase(["council", "of", "d"].map { Array($0.utf8) }, lastIsPrefix: false)], "\(typing)")
            #expect(closed.clauses.count == 2)
            let alone = try QueryParser.parse("\"council of d\"", typing: typing)
            #expect(alone.clauses[0].atoms == closed.clauses[0].atoms)
        }
        // Still open, it is the phrase being typed.
        #expect(try QueryParser.parse("\"council of d", typing: true).clauses[0].atoms
            == [.phrase(["council", "of", "d"].map { Array($0.utf8) }, lastIsPrefix: true)])
        // A negation a space ended counts (as a prefix), and the word before stays a prefix.
        let ended = try QueryParser.parse("afgh -nato", typing: true, negationDone: true)
        #expect(ended.clauses.map(\.atoms) == [[.term(Array("afgh".utf8), prefix: true)], [.term(Array("nato".utf8), prefix: true)]])
        #expect(ended.clauses.map(\.negated) == [false, true])
        // Facet counts are taken over the parsed query less the facet's filters: the rest means
        // what it meant (re-parsed as text, `-nato` would be left last, half typed, and dropped).
        let filtered = try QueryParser.parse("afgh -nato kind:meeting", typing: true)
        let without = filtered.removing(.kind)
        #expect(without.clauses == Array(filtered.clauses.prefix(2)))
        #expect(without.clauses[0].atoms == [.term(Array("afgh".utf8), prefix: true)] && without.clauses[1].negated)
        #expect(without.text == "afgh -nato" && filtered.filteredFacets == [.kind])
        // On the command line too, an exclusion takes no prefix away.
        let cli = try QueryParser.parse("afgh -nato")
        #expect(cli.clauses.map(\.atoms) == ended.clauses.map(\.atoms))
        var rest = try searcher.matchSet(QueryParser.parse("afgh"))
        rest.subtract(try searcher.matchSet(QueryParser.parse("nato")))
        #expect(try searcher.search("afgh -nato").total == rest.cardinality)
        #expect(try QueryParser.parse("afgh -nato ").clauses[1].atoms == [.term(Array("nato".utf8), prefix: false)])
        // Nor does an empty phrase.
        #expect(try QueryParser.parse("afgh \"\"").clauses.map(\.atoms) == [[.term(Array("afgh".utf8), prefix: true)]])
        // A lone `O` is a word being typed (OSCE), not an `OR`.
        let o = try QueryParser.parse("O", typing: true)
        #expect(o.clauses.count == 1 && o.clauses[0].atoms == [.term(Array("o".utf8), prefix: true)])
        // A finished negated filter counts at once, as it would after a space.
        let meetings = try searcher.search("afghanistan kind:meeting").total
        #expect(meetings > 0 && meetings < all)
        let typed = try searcher.matchSet(QueryParser.parse("afgh -kind:meeting", typing: true)).cardinality
        #expect(typed == all - meetings)
        #expect(typed == (try searcher.search("afghanistan -kind:meeting").total))
        // Finished, they count.
        #expect(try searcher.search("afghanistan -nato").total < all + 1)
        #expect(try QueryParser.parse("csto -nato", typing: false).clauses.count == 2)
    }
}
