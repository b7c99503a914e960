import Corpus
import ReaderUI
import ReadingState
import Testing

@Suite struct MarksTests {
    @Test func openingReadsTogglingMarksAndIsFilters() {
        var s = Fixture.state(120, 40)
        let first = s.visible[0]
        #expect(!s.isRead(first))
        #expect(update(&s, .open) == [.save])
        #expect(s.isRead(first))
        update(&s, .back)
        update(&s, .toggleRead)
        #expect(!s.isRead(first))
        #expect(s.message == "marked unread")
        update(&s, .toggleStar)
        #expect(s.isStarred(first))
        // The marks join the query language.
        update(&s, .searchStart)
        for c in "is:starred" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible == [first])
        update(&s, .back)
        update(&s, .down)
        update(&s, .toggleRead)
        update(&s, .searchStart)
        for c in "is:unread" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible.count == 14)
        // Unread titles stand out: bold in the list; starred ones carry a star.
        let screen = render(s, theme: .monochrome)
        #expect(screen.lines.contains { $0.contains("★M") })
    }

    @Test func theSessionComesBack() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "kind:interview" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        update(&s, .down)
        let selected = s.selectedArticle!
        update(&s, .open)
        for _ in 0..<3 { update(&s, .pageDown) }
        let scroll = s.pager!.scroll
        update(&s, .back)
        #expect(update(&s, .quit) == [.save, .quit])
        let saved = s.marks

        var again = Fixture.state(120, 40)
        update(&again, .restore(saved))
        #expect(again.query == "kind:interview")
        #expect(again.selectedArticle == selected)
        update(&again, .open)
        #expect(abs(again.pager!.scroll - scroll) <= 1, "the reading position comes back")
    }

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
}
