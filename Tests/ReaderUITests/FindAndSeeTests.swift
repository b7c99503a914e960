import Corpus
import ReaderUI
import SearchIndex
import Testing
import TerminalCore

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

@Suite struct FilterQueryTests {
    @Test func togglingEditsTheQuery() {
        var q = QueryText.toggling(.year, "2024", in: "afgh")
        #expect(q == "afgh year:2024")
        q = QueryText.toggling(.year, "2023", in: q)
        #expect(q == "afgh year:2024 OR year:2023")
        q = QueryText.toggling(.organization, "Council of Defense Ministers", in: q)
        #expect(q == "afgh year:2024 OR year:2023 org:\"Council of Defense Ministers\"")
        #expect(QueryText.selected(in: q)[.year] == ["2024", "2023"])
        #expect(QueryText.selected(in: q)[.organization] == ["Council of Defense Ministers"])
        q = QueryText.toggling(.year, "2024", in: q)
        #expect(q == "afgh org:\"Council of Defense Ministers\" year:2023")
        #expect(QueryText.clearingFilters(q) == "afgh")
        // Typed filters are the same thing.
        #expect(QueryText.selected(in: "kind:exercise org:UN -year:2020")[.kind] == ["exercise"])
        #expect(QueryText.selected(in: "kind:exercise org:UN -year:2020")[.year] == nil)
    }

    @Test func sparklineOfYears() {
        #expect(sparkline([("2024", 8), ("2019", 1), ("2018", 1)]).bars == "▁▁    █")
        #expect(sparkline([]).bars == "")
    }
}

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

@Suite struct FilterPanelTests {
    @Test func aYearFilterLeavesOneArticleAndCanBeTypedToo() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        #expect(s.filterPanel != nil)
        let rows = FilterScreen.rows(s, openYears: [], narrow: "")
        let target = rows.firstIndex { $0.facet == .year && $0.value == "2018" }!
        #expect(rows[target].count == 1)
        while s.filterPanel!.cursor.selection < target { update(&s, .down) }
        update(&s, .toggleValue)
        #expect(s.query == "year:2018")
        #expect(s.visible.count == 1)
        #expect(s.articles[s.visible[0]].kind == .exercise)
        // The year facet still offers the other years (counted without its own filter).
        #expect((s.facets[.year] ?? []).count > 1)
        update(&s, .back)
        #expect(s.filterPanel == nil)
        let header = render(s, theme: .monochrome).lines[0]
        #expect(header.contains("year:2018") && header.contains("1 of 15"))
        update(&s, .clearFilters)
        #expect(s.query.isEmpty && s.visible.count == 15)
        // Typed, the same filter is selected in the panel.
        update(&s, .searchStart)
        for c in "year:2018" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(FilterScreen.rows(s, openYears: [], narrow: "").contains { $0.facet == .year && $0.value == "2018" && $0.selected })
    }

    @Test func valuesOfOneFacetCombineWithOrFacetsWithAnd() {
        var s = Fixture.state(120, 40)
        let y2019 = QueryText.toggling(.year, "2019", in: "")
        update(&s, .searchStart)
        for c in QueryText.toggling(.year, "2018", in: y2019) { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible.count == 2)
        update(&s, .searchStart)
        for c in " kind:exercise" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible.count == 1)
    }
}

@Suite struct TimelineTests {
    @Test func eventsInDateOrderWithSpans() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let t = s.timeline!
        let events: [(Int, DateSpan?)] = t.rows.compactMap { if case .event(let a, let sp) = $0 { return (a, sp) } else { return nil } }
        let titles = events.map { s.articles[$0.0].title }
        let kyrgyz = titles.firstIndex { $0.hasPrefix("In the Kyrgyz Republic") }!
        let training = titles.firstIndex { $0.hasPrefix("The CSTO is holding a strategic command") }!
        let april = titles.firstIndex { $0.hasPrefix("On 10 April 2024") }!
        #expect(kyrgyz < training && training < april)
        #expect(events[training].1.map(Timeline.label) == "12–13 Mar 2024")
        #expect(Timeline.bar(events[training].1!).filter { $0 == "█" }.count == 2)
        #expect(t.rows.contains(.unknownDate))
        #expect(t.rows.first == .year(2018))
        #expect(events.allSatisfy { [.exercise, .meeting].contains(s.articles[$0.0].kind) })
    }

    @Test func pagingMovesLikeTheOtherPanes() throws {
        var s = Fixture.state(80, 8) // 6 rows of timeline: a page moves 5 events, half a page 3
        update(&s, .timeline)
        update(&s, .top)
        let selectable = s.timeline!.rows.indices.filter { s.timeline!.rows[$0].isSelectable }
        try #require(selectable.count > 9)
        func at() -> Int? { selectable.firstIndex(of: s.timeline!.cursor.selection) }
        update(&s, .pageDown)
        #expect(at() == 5)
        update(&s, .halfPageDown)
        #expect(at() == 8)
        update(&s, .halfPageUp)
        #expect(at() == 5)
        update(&s, .bottom)
        #expect(at() == selectable.count - 1)
        update(&s, .pageDown)
        #expect(at() == selectable.count - 1)
        update(&s, .top)
        #expect(at() == 0)
        update(&s, .pageUp)
        #expect(at() == 0)
    }

    @Test func kindsYearsSeriesAndOpening() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let all = s.timeline!.rows.count
        update(&s, .cycleKinds)
        #expect(s.timeline!.kinds == [.exercise])
        #expect(s.timeline!.rows.count < all)
        update(&s, .cycleKinds)
        #expect(s.timeline!.kinds == [.meeting])
        update(&s, .cycleKinds)
        update(&s, .top)
        update(&s, .nextYear)
        if case .event(let a, _) = s.timeline!.rows[s.timeline!.cursor.selection] {
            #expect(s.articles[a].displayDate?.year == 2019)
        } else {
            Issue.record("no event selected after ]")
        }
        update(&s, .previousYear)
        update(&s, .collapseSeries)
        #expect(s.timeline!.rows.contains { if case .series(let name, let years, _) = $0 { return name == "Interaction" && years == [2018] } else { return false } })
        // Enter on a series opens it: its events under it; Enter on an event reads it.
        while case .series(let name, _, _)? = Optional(s.timeline!.rows[s.timeline!.cursor.selection]), name != "Interaction" { update(&s, .down) }
        update(&s, .open)
        #expect(s.timeline!.expanded == ["Interaction"])
        update(&s, .down)
        guard case .event(let a, _) = s.timeline!.rows[s.timeline!.cursor.selection] else { Issue.record("no event under the series"); return }
        #expect(s.articles[a].exercises.contains { $0.hasPrefix("Interaction") })
        update(&s, .open)
        #expect(s.pager != nil)
        update(&s, .back)
        #expect(s.pager == nil && s.timeline != nil)
        update(&s, .back)
        #expect(s.timeline == nil)
    }

    @Test func theTimelineHonoursTheQuery() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "year:2024" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .timeline)
        #expect(!s.timeline!.rows.contains(.year(2018)))
        #expect(s.timeline!.rows.first == .year(2024))
    }
}

/// The new views at the three sizes.
@Suite struct FindAndSeeSnapshotTests {
    static let sizes = [(120, 40), (80, 24), (40, 10)]

    @Test(arguments: [0, 1, 2])
    func searchResults(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .searchStart)
        for c in "afgh" { update(&s, .input(c)) }
        Snapshot.assert(render(s, theme: .monochrome), "search-typing-\(w)x\(h)", styles: true)
        update(&s, .inputSubmit)
        update(&s, .filters)
        Snapshot.assert(render(s, theme: .monochrome), "filters-\(w)x\(h)", styles: true)
    }

    @Test(arguments: [0, 1, 2])
    func timeline(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .timeline)
        update(&s, .down)
        Snapshot.assert(render(s, theme: .monochrome), "timeline-\(w)x\(h)", styles: true)
        update(&s, .collapseSeries)
        Snapshot.assert(render(s, theme: .monochrome), "timeline-series-\(w)x\(h)")
    }
}
