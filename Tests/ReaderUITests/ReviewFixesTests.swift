import Corpus
import ReaderUI
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
