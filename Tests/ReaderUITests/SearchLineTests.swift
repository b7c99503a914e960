import Foundation
import Corpus
@testable import ReaderUI
import SearchIndex
import Testing
import TerminalCore

/// The search line as a line editor.
@Suite struct SearchLineTests {
    @Test func editsLikeAShellLine() {
        var l = SearchLine()
        for c in "interaction 2018" { l.insert(c) }
        #expect(l.text == "interaction 2018" && l.cursor == 16)
        l.deleteWord()
        #expect(l.text == "interaction ")
        l.deleteWord()
        #expect(l.text == "")
        for c in "abc def" { l.insert(c) }
        l.left(); l.left(); l.left()
        l.insert("X")
        #expect(l.text == "abc Xdef")
        l.home()
        l.deleteForward()
        #expect(l.text == "bc Xdef")
        l.end()
        l.backspace()
        #expect(l.text == "bc Xde")
        l.left(); l.left()
        l.deleteToStart()
        #expect(l.text == "de" && l.cursor == 0)
        l.right(); l.right(); l.right()
        #expect(l.cursor == 2)
    }

    @Test func cyrillicAndCJKAreOneCharacterEach() {
        var l = SearchLine(text: "ОДКБ 東京")
        l.backspace()
        #expect(l.text == "ОДКБ 東")
        l.home()
        l.right()
        l.deleteForward()
        #expect(l.text == "ОКБ 東")
    }

    @Test func historyRecallsEarlierLines() {
        var l = SearchLine()
        let history = ["afgh", "interaction 2018"]
        l.recall(history, older: true)
        #expect(l.text == "interaction 2018")
        l.recall(history, older: true)
        #expect(l.text == "afgh")
        l.recall(history, older: true)
        #expect(l.text == "afgh")
        l.recall(history, older: false)
        #expect(l.text == "interaction 2018")
        l.recall(history, older: false)
        #expect(l.text == "")
    }
}

/// Search as you type in the list: results at every keystroke, Enter, Esc, errors, history.
@Suite struct IncrementalSearchTests {
    func typed(_ text: String, into s: inout AppState) -> [Int] {
        var counts: [Int] = []
        for c in text {
            update(&s, .input(c))
            counts.append(s.visible.count)
        }
        return counts
    }

    @Test func everyKeystrokeNarrowsTheList() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        let counts = typed("afgh", into: &s)
        #expect(counts == counts.sorted(by: >) || counts.last! <= counts.first!)
        #expect(s.visible.count == s.total)
        let leads = s.visible.map { s.articles[$0].paragraphs.first ?? "" }
        #expect(leads.contains { $0.contains("Working Group on Afghanistan") })
        #expect(s.visible.allSatisfy { i in
            let a = s.articles[i]
            return ([a.title] + a.paragraphs + a.countries).joined(separator: " ").lowercased().contains("afgh")
        })
        // The detail pane follows the selection; matched words are marked.
        #expect(s.browse.detailLines.first?.text == ArticleDocument.lines(s.articles[s.visible[0]], width: s.detailRect.width).first?.text)
        #expect(s.highlighter != nil)
    }

    @Test func enterKeepsTheResultsEscRestoresTheView() {
        var s = Fixture.state(120, 40)
        update(&s, .down)
        update(&s, .down)
        update(&s, .searchStart)
        _ = typed("interaction 2018", into: &s)
        update(&s, .inputSubmit)
        #expect(s.input == nil)
        #expect(s.articles[s.visible[0]].title.hasPrefix("In the Kyrgyz Republic"))
        #expect(s.history == ["interaction 2018"])
        update(&s, .searchStart)
        #expect(s.input?.text == "interaction 2018 ")
        _ = typed("zzz", into: &s)
        #expect(s.visible.isEmpty)
        update(&s, .inputCancel)
        #expect(s.query == "interaction 2018")
        #expect(s.articles[s.visible[0]].title.hasPrefix("In the Kyrgyz Republic"))
        // Esc in the list clears the search.
        update(&s, .back)
        #expect(s.query.isEmpty && s.visible.count == 15)
    }

    @Test func aQueryWithAnErrorKeepsTheLastGoodResults() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        _ = typed("kind:interview", into: &s)
        #expect(s.visible.count == 2)
        let good = s.visible
        _ = typed(" year", into: &s)
        _ = typed(":x", into: &s)
        // Half typed, the value is left out without an error; once finished, it is one.
        #expect(s.queryError == nil && s.visible == good)
        _ = typed(" ", into: &s)
        #expect(s.queryError?.contains("year:") == true)
        #expect(s.visible == good, "the last good results stay")
        let screen = render(s, theme: .monochrome)
        #expect(screen.lines[s.height - 1].contains("year: takes a year"))
    }

    @Test func enterWithAnErrorKeepsTheLineOpen() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "interaction year:abc" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.input != nil)
        #expect(s.history.isEmpty)
        #expect(!render(s, theme: .monochrome).lines[0].contains("year:abc"))
    }

    @Test func cyrillicQueriesWork() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        _ = typed("ОДКБ", into: &s)
        #expect(s.queryError == nil)
        #expect(s.visible.count == s.articles.filter { $0.organizations.contains("CSTO") }.count)
    }

    @Test func historyInTheSearchLine() {
        var s = Fixture.state(80, 24)
        for q in ["afgh", "otunbayeva"] {
            update(&s, .searchStart)
            update(&s, .inputDeleteToStart)
            _ = typed(q, into: &s)
            update(&s, .inputSubmit)
        }
        update(&s, .searchStart)
        update(&s, .inputDeleteToStart)
        update(&s, .historyPrevious)
        #expect(s.input?.text == "otunbayeva")
        #expect(s.visible.count == 1)
        update(&s, .historyPrevious)
        #expect(s.input?.text == "afgh")
    }
}

extension IncrementalSearchTests {
    @Test func clearingTheSearchOrTheFiltersKeepsTheSelectedArticle() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("kind:meeting", &s)
        update(&s, .inputSubmit)
        for _ in 0..<4 { update(&s, .down) }
        let chosen = id(s)
        update(&s, .back) // Esc clears the search
        #expect(s.query.isEmpty && s.visible.count == 15)
        #expect(id(s) == chosen)
        update(&s, .searchStart)
        typeLine(" year:2024", &s)
        update(&s, .inputSubmit)
        #expect(id(s) == chosen)
        update(&s, .clearFilters)
        #expect(s.query.isEmpty && id(s) == chosen)
    }

    @Test func sortByRelevanceOrDateShownInTheHeader() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("interaction 2018", &s)
        update(&s, .inputSubmit)
        let ranked = s.visible
        #expect(render(s, theme: .monochrome).lines[0].contains("by relevance"))
        update(&s, .toggleSort)
        #expect(s.sort == .date)
        #expect(s.visible == ranked.sorted(), "newest first is the articles' order")
        #expect(render(s, theme: .monochrome).lines[0].contains("by date"))
        update(&s, .toggleSort)
        #expect(s.visible == ranked)
        // Filters alone rank nothing (newest first): the header names no order (a new user read
        // "by relevance" over a list in date order).
        update(&s, .searchStart)
        update(&s, .inputEnd)
        update(&s, .inputDeleteToStart)
        typeLine("year:2018", &s)
        update(&s, .inputSubmit)
        #expect(!s.visible.isEmpty && s.visible == s.visible.sorted())
        let header = render(s, theme: .monochrome).lines[0]
        #expect(!header.contains("by relevance") && header.contains("year:2018"), "\(header)")
    }

    @Test func tabCompletesFieldsAndValues() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("kind:me", &s)
        #expect(s.queryError == nil, "a half-typed value is no error")
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting ")
        #expect(s.visible.allSatisfy { s.articles[$0].kind == .meeting })
        typeLine("ki", &s)
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting kind:")
        update(&s, .inputDeleteWord)
        typeLine("org:одк", &s)
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting org:ОДКБ ")
    }
}

extension IncrementalSearchTests {
    @Test func enterKeepsWhatTypingShowed() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("afgh", &s)
        let shown = s.visible
        update(&s, .inputSubmit)
        #expect(s.visible == shown)
        // Opened again on "afgh " and kept: still the prefix, still the same results.
        update(&s, .searchStart)
        update(&s, .inputSubmit)
        #expect(s.visible == shown)
    }

    @Test func aHalfTypedYearDoesNotEmptyTheList() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year", &s)
        for c in ":202" {
            update(&s, .input(c))
            #expect(s.visible.count == 15 && s.queryError == nil, "\(s.query)")
        }
        update(&s, .input("4"))
        #expect(s.visible.count == 10)
    }

    @Test func anUnknownOrganizationIsAnErrorNamingTheNearest() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("org:UNN", &s)
        #expect(s.queryError == nil, "still being typed")
        update(&s, .input(" "))
        #expect(s.queryError?.hasPrefix("no article names the organization 'UNN' — nearest known: UN") == true)
        #expect(s.visible.count == 15, "the last good results stay")
        update(&s, .inputSubmit)
        #expect(s.input != nil, "Enter does not keep it")
    }

    @Test func filtersOfOneFieldAreOneChip() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year:2024 OR year:2019 kind:meeting", &s)
        update(&s, .inputSubmit)
        let header = render(s, theme: .monochrome).lines[0]
        #expect(header.contains(" year:2024 OR year:2019 ") && header.contains(" kind:meeting "))
    }
}

/// The search line's queries run on the search worker in the reader: the answers are those of a
/// search in place, keystroke by keystroke (errors and their fixes included), and an answer to a
/// query no longer asked for is dropped.
@Suite struct BackgroundSearchTests {
    /// Takes the worker's answers as the run loop does, until the search is over (5 s at most).
    func settle(_ s: inout AppState) {
        let start = Date()
        while s.receiveSearch(waiting: 0.01), Date().timeIntervalSince(start) < 5 { Thread.sleep(forTimeInterval: 0.01) }
    }

    @Test func theWorkerAnswersAsASearchInPlace() {
        var inPlace = Fixture.state(120, 40)
        var background = Fixture.state(120, 40)
        background.searchInBackground()
        update(&inPlace, .searchStart)
        update(&background, .searchStart)
        var handedOver = 0
        // A finished unknown organization is an error until the word is taken back (Ctrl-W).
        let keys: [Action] = "\"collective security\" afgh year:2024 org:UNN ".map { .input($0) }
            + [.inputDeleteWord] + "kyrg".map { .input($0) }
        for key in keys {
            update(&inPlace, key)
            update(&background, key)
            if background.searching {
                handedOver += 1
                // Handed over: nothing said against it meanwhile.
                #expect(background.queryError == nil, "\(background.query)")
            }
            settle(&background)
            #expect(!background.searching)
            #expect(background.visible == inPlace.visible, "\(background.query)")
            #expect(background.total == inPlace.total)
            #expect(background.selectedArticle == inPlace.selectedArticle)
            #expect(background.queryError == inPlace.queryError, "\(background.query)")
            for f in Facet.searched {
                #expect(background.facets[f]?.map(\.value) == inPlace.facets[f]?.map(\.value))
                #expect(background.facets[f]?.map(\.count) == inPlace.facets[f]?.map(\.count))
            }
            // The whole screen, the detail pane of the selected article included.
            #expect(render(background, theme: .monochrome).text == render(inPlace, theme: .monochrome).text, "\(background.query)")
        }
        #expect(handedOver > keys.count / 2, "the keystrokes went to the worker")
        #expect(background.queryError == nil && background.total < 15)
        // Enter runs in place: what follows it acts on its results.
        update(&background, .inputSubmit)
        update(&inPlace, .inputSubmit)
        #expect(!background.searching && background.visible == inPlace.visible)
    }

    /// A screen in view under the search line follows an answer that comes while it is open:
    /// the timeline's events.
    @Test func openScreensFollowAnAnswer() {
        var inPlace = Fixture.state(120, 40)
        var background = Fixture.state(120, 40)
        background.searchInBackground(delay: 0.2)
        for s in [0, 1] {
            // `/` from the timeline: it stays in view under the line.
            var state = s == 0 ? inPlace : background
            update(&state, .timeline)
            update(&state, .searchStart)
            typeLine("kyrgyz", &state)
            if s == 0 { inPlace = state } else { background = state }
        }
        #expect(background.searching)
        settle(&background)
        #expect(background.total == 3)
        #expect(render(background, theme: .monochrome).text == render(inPlace, theme: .monochrome).text)
    }

    /// Between keystrokes the search thread makes what a phrase's next keystroke needs (the
    /// head `collective`, then `collective security`), and the keystrokes after show what a
    /// search in place shows.
    @Test func theSearchThreadWorksBetweenKeys() throws {
        var inPlace = Fixture.state(120, 40)
        var s = Fixture.state(120, 40)
        s.searchInBackground(delay: 0)
        let worker = try #require(s.searchWorker)
        for state in [0, 1] {
            var t = state == 0 ? inPlace : s
            update(&t, .searchStart)
            typeLine("\"collective ", &t)
            if state == 1 {
                settle(&t)
                let started = Date()
                while worker.preparedBetweenKeys < 1, Date().timeIntervalSince(started) < 5 { Thread.sleep(forTimeInterval: 0.005) }
                #expect(worker.preparedBetweenKeys == 1, "the head made while the user types")
            }
            typeLine("se", &t)
            if state == 1 { settle(&t) }
            if state == 0 { inPlace = t } else { s = t }
        }
        #expect(inPlace.total > 0 && s.total == inPlace.total && s.visible == inPlace.visible)
        let started = Date()
        while worker.preparedBetweenKeys < 2, Date().timeIntervalSince(started) < 5 { Thread.sleep(forTimeInterval: 0.005) }
        #expect(worker.preparedBetweenKeys == 2, "the head grown by the likeliest word")
    }

    @Test func aLateAnswerIsDropped() {
        var inPlace = Fixture.state(120, 40)
        update(&inPlace, .searchStart)
        typeLine("kyrgyz", &inPlace)
        var s = Fixture.state(120, 40)
        s.searchInBackground(delay: 0.5)
        update(&s, .searchStart)
        // "k" (6 articles) starts; "kyrgyz" (3) is typed meanwhile and waits its turn.
        typeLine("k", &s)
        let started = Date()
        while s.searchWorker?.isRunning != true, Date().timeIntervalSince(started) < 5 { Thread.sleep(forTimeInterval: 0.005) }
        typeLine("yrgyz", &s)
        #expect(s.searching && s.total == 15, "the list stays as it was while the search runs")
        // The key does not wait for its answer while "k" still runs.
        let start = Date()
        s.receiveSearch(waiting: 0.2)
        #expect(Date().timeIntervalSince(start) < 0.15)
        // The answer to "k" comes first (half a second after it started, "kyrgyz" then runs
        // for half a second more): it is not shown.
        Thread.sleep(forTimeInterval: max(0, 0.75 - Date().timeIntervalSince(started)))
        s.receiveSearch()
        #expect(s.searching && s.total == 15)
        settle(&s)
        #expect(!s.searching && s.total == 3 && s.visible == inPlace.visible)
        // Esc while a search runs: the full list at once, and the late answer is not shown.
        update(&s, .inputCancel)
        update(&s, .searchStart)
        typeLine("afgh", &s)
        #expect(s.searching)
        update(&s, .inputCancel)
        #expect(!s.searching && s.total == 15)
        Thread.sleep(forTimeInterval: 1.5)
        update(&s, .searchStart)
        update(&s, .inputCancel)
        s.receiveSearch()
        #expect(s.total == 15 && s.visible.count == 15)
    }
}

/// A negated word counts as the exact word typed so far while it is typed (as a prefix, `-a`
/// would exclude almost everything) and as a prefix once a space ends it: the count the line
/// shows is then Enter's.
@Suite struct NegatedWordWhileTypingTests {
    @Test func aSpaceEndsANegatedWord() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year:2024", &s)
        let year = s.total
        typeLine(" -afghanistan", &s)
        let whole = s.total
        #expect(whole < year, "a whole word excluded at once: \(whole) of \(year)")
        for _ in 0..<"nistan".count { update(&s, .inputBackspace) }
        let typing = s.total
        #expect(typing == year, "no article has the word `afgha`")
        typeLine(" ", &s)
        let ended = s.total
        var entered = Fixture.state(120, 40)
        update(&entered, .searchStart)
        typeLine("year:2024 -afgha ", &entered)
        update(&entered, .inputSubmit)
        #expect(ended == entered.total, "the line's count after the space is Enter's")
        #expect(typing > ended, "the exact word while typed: \(typing), every word it begins once ended: \(ended)")
    }
}
