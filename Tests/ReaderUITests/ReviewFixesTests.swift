import Corpus
import ReaderUI
import SearchIndex
import Testing
import TerminalCore

/// Defects found by driving the reader through tmux, now held by tests.
@Suite struct ReviewFixesTests {
    func tass(_ w: Int, _ h: Int) -> AppState {
        var s = Fixture.state(w, h)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        return s
    }

    @Test func searchInTheArticleFindsPhrasesAcrossLineBreaksAtAnyWidth() {
        for w in [45, 60, 80, 120, 150] {
            var s = tass(w, 30)
            update(&s, .searchStart)
            for c in "spoke about the organization’s current" { update(&s, .input(c)) }
            update(&s, .inputSubmit)
            #expect(s.pager!.matches.count == 1, "width \(w)")
            // Straight and curly apostrophes are one.
            update(&s, .searchStart)
            for c in "organization's" { update(&s, .input(c)) }
            update(&s, .inputSubmit)
            #expect(s.pager!.matches.count == 7, "width \(w)")
        }
    }

    @Test func aMatchAcrossTwoLinesIsMarkedOnBoth() {
        var s = tass(45, 30)
        update(&s, .searchStart)
        for c in "spoke about the organization’s current" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.pager!.matches[0].pieces.count >= 2)
    }

    @Test func theReadingPositionDoesNotDriftOnResizes() {
        var s = tass(120, 40)
        for _ in 0..<3 { update(&s, .nextQuestion) }
        let top = s.pager!.lines[s.pager!.scroll].text
        for _ in 0..<4 {
            update(&s, .resize(width: 60, height: 20))
            update(&s, .resize(width: 120, height: 40))
        }
        #expect(s.pager!.lines[s.pager!.scroll].text == top)
    }

    @Test func thePagerTextIsAtMost100Wide() {
        let s = tass(300, 60)
        #expect(s.pager!.lines.allSatisfy { DisplayWidth.of($0.text) <= 100 })
        let screen = render(s, theme: .monochrome)
        #expect(screen.lines[2].hasPrefix(String(repeating: " ", count: 90)))
    }

    @Test func ctrlCCancelsTheLineElseQuitsWith130() {
        var s = Fixture.state(80, 24)
        update(&s, .searchStart)
        update(&s, .input("a"))
        #expect(update(&s, .interrupt).isEmpty)
        #expect(s.input == nil)
        #expect(update(&s, .interrupt) == [.save, .quit])
        #expect(s.exitStatus == 130)
    }

    @Test func helpScrollsToTheEndAndSaysThereIsMore() {
        var s = Fixture.state(80, 24)
        update(&s, .help)
        #expect(render(s, theme: .monochrome).text.contains("↓ more"))
        update(&s, .bottom)
        let screen = render(s, theme: .monochrome).text
        #expect(screen.contains("Mouse"))
        #expect(screen.contains("unread, starred"))
        #expect(screen.split(separator: "\n").last?.contains("q close") == true)
    }

    @Test func ctrlLRedraws() {
        var s = Fixture.state(80, 24)
        #expect(update(&s, .redraw) == [.redraw])
        let backend = TestBackend(width: 80, height: 24, events: [.key(.ctrl("l")), .key(.char("q"))])
        var t = Fixture.state(80, 24)
        runReader(backend: backend, state: &t, theme: .monochrome)
        #expect(backend.drawnCells >= 2 * 80 * 24, "the whole screen twice: at start and on Ctrl-L")
    }

    @Test func theStatusLineSaysWhereTheFocusIs() {
        var s = Fixture.state(120, 40)
        update(&s, .toggleFocus)
        #expect(render(s, theme: .monochrome).lines[39].contains("detail"))
    }
}

/// The second review, through tmux, of search, filters, timeline and marks.
@Suite struct SecondReviewFixesTests {
    @Test func savedMarksCountInIsFiltersFromTheStart() {
        var s = Fixture.state(120, 40)
        update(&s, .toggleStar)
        let starred = s.selectedArticle!
        let marks = s.marks
        var again = Fixture.state(120, 40)
        update(&again, .restore(marks))
        update(&again, .searchStart)
        for c in "is:starred" { update(&again, .input(c)) }
        #expect(again.visible == [starred])
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

    @Test func typedFiltersTickTheirValuesInThePanel() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "org:ООН kind:Meeting year:2018..2024" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        let rows = FilterScreen.rows(s, openYears: [], narrow: "")
        #expect(rows.contains { $0.facet == .organization && $0.value == "UN" && $0.selected })
        #expect(rows.contains { $0.facet == .kind && $0.value == "meeting" && $0.selected })
        #expect(rows.filter { $0.facet == .year && $0.selected }.count >= 2)
        #expect(!rows.contains { $0.value == "ООН" })
        // Turning the ticked UN off removes what was typed.
        update(&s, .filters)
        while rows[s.filterPanel!.cursor.selection].value != "UN" { update(&s, .down) }
        update(&s, .toggleValue)
        #expect(!s.query.contains("ООН"))
    }

    @Test func theSparklineFollowsTheResults() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "afgh year:2024" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(sparkline(s.resultYears).bars == "█")
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

    @Test func theAprilCourseIsOnTheTimelineAsASpan() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let spans: [String] = s.timeline!.rows.compactMap { if case .event(_, let sp?) = $0 { return Timeline.label(sp) } else { return nil } }
        #expect(spans.contains("1–23 Apr 2024"))
        let screen = render(s, theme: .monochrome).text
        #expect(screen.contains("· Moscow") || screen.contains("· Bishkek"))
    }
}
