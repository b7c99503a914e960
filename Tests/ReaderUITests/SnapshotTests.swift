import Corpus
import ReaderTestSupport
import ReaderUI
import Testing
import TerminalCore

/// Each view at 120x40, 80x24 and 40x10 (and some states at one size), compared with the
/// recorded screens.
@Suite struct SnapshotTests {
    static let sizes = [(120, 40), (80, 24), (40, 10)]

    @Test(arguments: [0, 1, 2])
    func listAndDetail(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .down)
        Snapshot.assert(render(s, theme: .monochrome), "list-\(w)x\(h)", styles: true)
    }

    @Test(arguments: [0, 1, 2])
    func pagerOnTheInterview(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        update(&s, .nextQuestion)
        Snapshot.assert(render(s, theme: .monochrome), "pager-\(w)x\(h)", styles: true)
    }

    @Test(arguments: [0, 1, 2])
    func helpOverlay(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .help)
        Snapshot.assert(render(s, theme: .monochrome), "help-\(w)x\(h)")
    }

    @Test(arguments: [0, 1, 2])
    func searchTypingAndFilters(size: Int) {
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
    func timelineAndSeries(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .timeline)
        update(&s, .down)
        Snapshot.assert(render(s, theme: .monochrome), "timeline-\(w)x\(h)", styles: true)
        update(&s, .collapseSeries)
        Snapshot.assert(render(s, theme: .monochrome), "timeline-series-\(w)x\(h)")
    }

    @Test func pagerSearchMarksEveryMatch() {
        var s = Fixture.state(80, 24)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        update(&s, .searchStart)
        for c in "Armenia" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        Snapshot.assert(render(s, theme: .monochrome), "pager-search-80x24", styles: true)
    }

    @Test func detailFocusedStacked() {
        var s = Fixture.state(80, 24)
        update(&s, .toggleFocus)
        update(&s, .pageDown)
        Snapshot.assert(render(s, theme: .monochrome), "detail-focused-80x24", styles: true)
    }

    @Test func tooSmallAndLoading() {
        Snapshot.assert(render(Fixture.state(30, 8), theme: .monochrome), "too-small-30x8")
        var s = AppState(articles: [], origin: "/data/pages", width: 80, height: 24)
        // Before the pages are counted: no "0/0".
        update(&s, .progress(done: 0, total: 0, articles: 0))
        let counting = render(s, theme: .monochrome).text
        #expect(counting.contains("Loading… finding the pages") && !counting.contains("0/0"))
        update(&s, .progress(done: 1200, total: 20000, articles: 4800))
        Snapshot.assert(render(s, theme: .monochrome), "loading-80x24")
    }

    @Test func tinySizesNeverCrash() {
        for (w, h) in [(1, 1), (2, 1), (1, 2), (39, 10), (40, 9), (40, 10), (100, 10), (99, 40), (300, 3)] {
            var s = Fixture.state(w, h)
            _ = render(s, theme: .color)
            update(&s, .open)
            _ = render(s, theme: .color)
            update(&s, .help)
            _ = render(s, theme: .color)
        }
    }

    // The workbench's screens.

    @Test(arguments: [0, 1, 2])
    func entitiesScreen(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .entities)
        update(&s, .down)
        Snapshot.assert(render(s, theme: .monochrome), "entities-\(w)x\(h)", styles: true)
    }

    @Test(arguments: [0, 1, 2])
    func keywordInContext(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .searchStart)
        for c in "afghanistan" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .concordance)
        Snapshot.assert(render(s, theme: .monochrome), "kwic-\(w)x\(h)", styles: true)
    }

    @Test(arguments: [0, 1, 2])
    func trendWithAComparison(size: Int) {
        let (w, h) = Self.sizes[size]
        var s = Fixture.state(w, h)
        update(&s, .trend)
        update(&s, .versus)
        for c in "armenia" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        Snapshot.assert(render(s, theme: .monochrome), "trend-\(w)x\(h)", styles: true)
    }

    @Test func relatedAndSavedSearches() {
        var s = Fixture.state(80, 24)
        update(&s, .related)
        Snapshot.assert(render(s, theme: .monochrome), "related-80x24", styles: true)
        update(&s, .back)
        update(&s, .searchStart)
        for c in "org:UN" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .saveSearch)
        for c in "at the UN" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .savedSearches)
        Snapshot.assert(render(s, theme: .monochrome), "saved-80x24", styles: true)
    }

    @Test func tagPromptWithCandidates() {
        var s = Fixture.state(80, 24)
        for name in ["+brief", "+briefing"] {
            update(&s, .tag)
            for c in name { update(&s, .input(c)) }
            update(&s, .inputSubmit)
        }
        update(&s, .down)
        update(&s, .tag)
        update(&s, .input("b"))
        update(&s, .complete)
        Snapshot.assert(render(s, theme: .monochrome), "tag-prompt-80x24", styles: true)
    }
}
