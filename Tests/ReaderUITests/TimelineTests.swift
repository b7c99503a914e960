import TerminalCore
import Corpus
import ReaderUI
import SearchIndex
import Testing

/// The timeline of exercises and meetings.
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
        // 6 rows of timeline: a page moves 5 rows, half a page 3, headings counted (no event
        // is skipped unseen), then to the nearest event in that direction.
        var s = Fixture.state(80, 8)
        update(&s, .timeline)
        update(&s, .top)
        let selectable = s.timeline!.rows.indices.filter { s.timeline!.rows[$0].isSelectable }
        try #require(selectable.count > 9)
        func at() -> Int? { selectable.firstIndex(of: s.timeline!.cursor.selection) }
        let start = s.timeline!.cursor.selection
        update(&s, .pageDown)
        let paged = s.timeline!.cursor.selection
        #expect(paged == selectable.first { $0 >= start + 5 })
        update(&s, .halfPageDown)
        let half = s.timeline!.cursor.selection
        #expect(half == selectable.first { $0 >= paged + 3 })
        update(&s, .halfPageUp)
        #expect(s.timeline!.cursor.selection == selectable.last { $0 <= half - 3 })
        update(&s, .bottom)
        #expect(at() == selectable.count - 1)
        update(&s, .pageDown)
        #expect(at() == selectable.count - 1)
        update(&s, .top)
        #expect(at() == 0)
        update(&s, .pageUp)
        #expect(at() == 0)
    }

    @Test func anEmptyTimelineNamesTheKindsShown() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "kind:exercise" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .timeline)
        #expect(render(s, theme: .monochrome).text.contains("timeline: "))
        update(&s, .cycleKinds)
        update(&s, .cycleKinds)
        #expect(s.timeline!.kinds == [.meeting] && s.timeline!.eventCount == 0)
        let text = render(s, theme: .monochrome).text
        #expect(text.contains("no meeting in the current results"), "\(text)")
        #expect(!text.contains("no exercise or meeting"))
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

    @Test func previousYearReachesEarlierYears() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        update(&s, .nextYear)
        update(&s, .nextYear)
        func year(_ s: AppState) -> Int? {
            if case .event(let a, _) = s.timeline!.rows[s.timeline!.cursor.selection] { return s.articles[a].displayDate?.year }
            return nil
        }
        #expect(year(s) == 2024)
        update(&s, .previousYear)
        #expect(year(s) == 2019)
        update(&s, .previousYear)
        #expect(year(s) == 2018)
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

    @Test func theAprilCourseIsOnTheTimelineAsASpan() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let spans: [String] = s.timeline!.rows.compactMap { if case .event(_, let sp?) = $0 { return Timeline.label(sp) } else { return nil } }
        #expect(spans.contains("1–23 Apr 2024"))
        let screen = render(s, theme: .monochrome).text
        #expect(screen.contains("· Moscow") || screen.contains("· Bishkek"))
    }
}

extension TimelineTests {
    @Test func slashAndFWorkFromTheTimelineAndLettersGoToTheQuery() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let kinds = s.timeline!.kinds
        update(&s, .searchStart)
        #expect(s.input != nil, "/ opens the search line over the timeline")
        typeLine("csto", &s)
        // `c` and Enter were commands of the timeline; here they are the query's letters.
        #expect(s.query == "csto")
        #expect(s.timeline!.kinds == kinds && !s.timeline!.collapsed)
        #expect(s.timeline!.rows.contains { if case .event = $0 { return true } else { return false } })
        update(&s, .inputSubmit)
        #expect(s.pager == nil && s.timeline != nil, "Enter keeps the results; it opens nothing")
        let before = s.timeline!.rows.count
        update(&s, .filters)
        #expect(s.filterPanel != nil && s.timeline != nil)
        let rows = FilterScreen.rows(s, openYears: [], narrow: "")
        guard let y2024 = rows.firstIndex(where: { $0.kind == .value && $0.facet == .year && $0.value == "2024" }) else {
            Issue.record("no 2024 in \(rows.map(\.value)) for \(s.query) / \(s.facets[.year] ?? [])")
            return
        }
        while s.filterPanel!.cursor.selection < y2024 { update(&s, .down) }
        update(&s, .toggleValue)
        update(&s, .back)
        #expect(s.query.contains("year:2024"))
        #expect(s.timeline!.rows.count < before && !s.timeline!.rows.contains(.year(2018)))
        #expect(render(s, theme: .monochrome).lines[0].contains("year:2024"))
    }

    @Test func comingBackFromTheTimelineSelectsTheArticleJustRead() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        update(&s, .top)
        guard case .event(let a, _) = s.timeline!.rows[s.timeline!.cursor.selection] else { Issue.record("no event"); return }
        update(&s, .open)
        update(&s, .back)
        update(&s, .back)
        #expect(s.timeline == nil && s.selectedArticle == a)
    }
}

extension TimelineTests {
    @Test func theTimelineFollowsThePagersNextArticle() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        update(&s, .top)
        update(&s, .open)
        update(&s, .nextArticle)
        let read = s.pager!.article
        update(&s, .back)
        guard case .event(let a, _) = s.timeline!.rows[s.timeline!.cursor.selection] else { Issue.record("no event"); return }
        #expect(a == read || s.articles[read].kind != .exercise && s.articles[read].kind != .meeting)
    }
}
