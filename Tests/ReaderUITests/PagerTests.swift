import SearchIndex
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

extension PagerTests {
    @Test func thePagerGoesToTheNextAndPreviousArticleOfTheList() {
        var s = Fixture.state(120, 40)
        update(&s, .down)
        update(&s, .open)
        let second = s.pager!.article
        #expect(second == s.visible[1])
        update(&s, .nextArticle)
        #expect(s.pager!.article == s.visible[2] && s.selection == 2, "the list follows")
        #expect(s.isRead(s.visible[2]))
        update(&s, .previousArticle)
        update(&s, .previousArticle)
        #expect(s.pager!.article == s.visible[0])
        update(&s, .previousArticle)
        #expect(s.message == "first article of the list")
        update(&s, .back)
        #expect(s.selection == 0)
    }

    @Test func thePagerShowsTheCurrentQuestionAndSaysWhenThereIsNoNext() {
        var s = Fixture.state(120, 40)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        var status: String { render(s, theme: .monochrome).lines[39] }
        #expect(status.contains("Q –/7"))
        update(&s, .nextQuestion)
        update(&s, .nextQuestion)
        #expect(s.message == "question 2 of 7")
        s = { var c = s; update(&c, .down); return c }()
        #expect(status.contains("Q 2/7"))
        update(&s, .bottom)
        // The questions still below the top line, then at once: the last one.
        for _ in 0..<7 where s.message != "question 7 of 7" { update(&s, .nextQuestion) }
        #expect(s.message == "question 7 of 7")
        update(&s, .nextQuestion)
        #expect(s.message == "last question (7 of 7)")
        #expect(status.contains("Q 7/7"))
    }
}

extension PagerTests {
    @Test func theReadingPositionIsKeptWhenThePagerCloses() {
        var s = Fixture.state(120, 40)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        for _ in 0..<3 { update(&s, .pageDown) }
        let scroll = s.pager!.scroll
        #expect(scroll > 50)
        #expect(update(&s, .back) == [.save])
        update(&s, .open)
        #expect(abs(s.pager!.scroll - scroll) <= 1, "back where it was after q")
        // J to the next article and K back: the interview's place is kept too.
        update(&s, .pageDown)
        let again = s.pager!.scroll
        update(&s, .nextArticle)
        update(&s, .previousArticle)
        #expect(abs(s.pager!.scroll - again) <= 1)
    }

    @Test func theQuestionShownFollowsAResize() {
        var s = Fixture.state(120, 40)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        for _ in 0..<3 { update(&s, .nextQuestion) }
        #expect(render(s, theme: .monochrome).lines[39].contains("Q 3/7"))
        update(&s, .resize(width: 70, height: 20))
        #expect(render(s, theme: .monochrome).lines[19].contains("Q 3/7"))
    }

    @Test func theQuestionHintShowsOnlyWhereThereAreQuestions() {
        var s = Fixture.state(120, 40)
        update(&s, .open)
        #expect(!render(s, theme: .monochrome).lines[39].contains("question"))
        update(&s, .back)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        #expect(render(s, theme: .monochrome).lines[39].contains("] question"))
    }
}
