import Corpus
import ReaderUI
import Testing
import TerminalCore

/// The pager: search in the article, the reading position, the text width.
@Suite struct PagerTests {
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
}
