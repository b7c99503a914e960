import SearchIndex
import Corpus
import ReaderUI
import Testing
import TerminalCore

/// Every action, keys in, state out.
@Suite struct UpdateTests {
    @Test func movingInTheList() {
        var s = Fixture.state(80, 24)
        update(&s, .down)
        #expect(s.selection == 1)
        update(&s, .up)
        update(&s, .up)
        #expect(s.selection == 0)
        update(&s, .bottom)
        #expect(s.selection == 14)
        update(&s, .down)
        #expect(s.selection == 14)
        update(&s, .top)
        #expect(s.selection == 0 && s.listScroll == 0)
        update(&s, .pageDown)
        #expect(s.selection == s.listRect.height - 1)
        update(&s, .pageUp)
        #expect(s.selection == 0)
        update(&s, .halfPageDown)
        #expect(s.selection == s.listRect.height / 2)
        update(&s, .halfPageUp)
        #expect(s.selection == 0)
    }

    @Test func theListScrollsToKeepTheSelectionVisible() {
        var s = Fixture.state(80, 14)
        for _ in 0..<12 { update(&s, .down) }
        #expect(s.selection == 12)
        #expect(s.selection >= s.listScroll && s.selection < s.listScroll + s.listRect.height)
    }

    @Test func detailFollowsTheSelectionAndScrollsWhenFocused() {
        var s = Fixture.state(120, 40)
        let first = s.browse.detailLines.first?.text
        update(&s, .down)
        #expect(s.browse.detailLines.first?.text != first)
        update(&s, .toggleFocus)
        #expect(s.browse.focus == .detail)
        update(&s, .bottom)
        let bottom = s.browse.detail.offset
        update(&s, .down)
        #expect(s.browse.detail.offset == bottom)
        update(&s, .top)
        #expect(s.browse.detail.offset == 0)
        #expect(s.selection == 1)
        update(&s, .back)
        #expect(s.browse.focus == .list)
    }

    @Test func pagerOpensReadsAndGoesBackToTheSameSelection() {
        var s = Fixture.state(80, 24)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        #expect(s.pager?.article == Fixture.tassIndex)
        update(&s, .pageDown)
        #expect(s.pager!.scroll == s.pagerRows - 1)
        update(&s, .halfPageDown)
        update(&s, .halfPageUp)
        update(&s, .down)
        update(&s, .up)
        #expect(s.pager!.scroll == s.pagerRows - 1)
        update(&s, .bottom)
        #expect(s.pager!.scroll == s.pager!.lines.count - s.pagerRows)
        update(&s, .top)
        #expect(s.pager!.scroll == 0)
        update(&s, .pageUp)
        #expect(s.pager!.scroll == 0)
        update(&s, .back)
        #expect(s.pager == nil)
        #expect(s.selection == Fixture.tassIndex)
        update(&s, .open)
        #expect(update(&s, .quit) == [.save]) // q in the pager goes back (and keeps the position)
        #expect(s.pager == nil)
        #expect(update(&s, .quit) == [.save, .quit])
    }

    @Test func questionsJumpForwardAndBack() {
        var s = Fixture.state(80, 24)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        var starts: [Int] = []
        for _ in 0..<7 {
            update(&s, .nextQuestion)
            let q = s.pager!.questionLine!
            starts.append(q)
            #expect(s.pager!.lines[q].questionStart)
            #expect(q >= s.pager!.scroll && q < s.pager!.scroll + s.pagerRows, "the question is on screen")
        }
        #expect(starts == starts.sorted() && Set(starts).count == 7)
        update(&s, .nextQuestion)
        #expect(s.message == "last question (7 of 7)", "said at once")
        update(&s, .previousQuestion)
        #expect(s.pager!.questionLine == starts[5])
        #expect(s.pager!.scroll == starts[5])
        var other = Fixture.state(80, 24)
        update(&other, .open)
        update(&other, .nextQuestion)
        #expect(other.message == "no questions in this article")
    }

    @Test func searchInsideTheArticle() {
        var s = Fixture.state(80, 24)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        update(&s, .searchNext)
        #expect(s.message?.contains("press /") == true)
        update(&s, .searchStart)
        #expect(s.input?.text == "")
        for c in "armeniaX" { update(&s, .input(c)) }
        update(&s, .inputBackspace)
        #expect(s.input?.text == "armenia")
        update(&s, .down) // ignored while typing
        update(&s, .inputSubmit)
        #expect(s.input == nil)
        let p = s.pager!
        #expect(p.matches.count == 13)
        #expect(p.currentMatch == 0)
        let firstLine = p.matches[0].line
        #expect(firstLine >= p.scroll && firstLine < p.scroll + s.pagerRows)
        update(&s, .searchNext)
        #expect(s.pager!.currentMatch == 1)
        update(&s, .searchPrevious)
        update(&s, .searchPrevious)
        #expect(s.pager!.currentMatch == 12)
        update(&s, .searchStart)
        update(&s, .inputCancel)
        #expect(s.input == nil && s.pager!.matches.count == 13)
        update(&s, .searchStart)
        for c in "zzzz" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.pager!.matches.isEmpty)
        #expect(s.message == "no match for zzzz")
    }

    @Test func helpOpensScrollsAndCloses() {
        var s = Fixture.state(80, 24)
        update(&s, .help)
        #expect(s.showHelp)
        update(&s, .down)
        #expect(s.screen(HelpScreen.self)?.cursor.offset ?? 0 == 1 && s.selection == 0)
        update(&s, .top)
        #expect(s.screen(HelpScreen.self)?.cursor.offset ?? 0 == 0)
        update(&s, .quit)
        #expect(!s.showHelp)
    }

    @Test func resizeKeepsSelectionAndReadingPosition() {
        var s = Fixture.state(120, 40)
        for _ in 0..<Fixture.tassIndex { update(&s, .down) }
        update(&s, .open)
        for _ in 0..<3 { update(&s, .pageDown) }
        let fraction = Double(s.pager!.scroll) / Double(s.pager!.lines.count)
        update(&s, .resize(width: 60, height: 20))
        let after = Double(s.pager!.scroll) / Double(s.pager!.lines.count)
        #expect(abs(after - fraction) < 0.05)
        update(&s, .resize(width: 1, height: 1))
        update(&s, .resize(width: 120, height: 40))
        #expect(s.selection == Fixture.tassIndex)
        #expect(s.pager != nil)
    }

    @Test func mouseClicksSelectAndWheelScrolls() {
        var s = AppState(articles: Fixture.corpus.articles, origin: Fixture.corpus.origin, width: 120, height: 40, mouse: true)
        update(&s, .resize(width: 120, height: 40))
        update(&s, .click(x: 5, y: s.listRect.y + 3))
        #expect(s.selection == 3)
        update(&s, .wheelDown(x: 5, y: 5))
        #expect(s.selection == 4)
        update(&s, .wheelUp(x: 5, y: 5))
        #expect(s.selection == 3)
        update(&s, .wheelDown(x: s.detailRect.x + 2, y: s.detailRect.y + 2))
        #expect(s.selection == 3)
        update(&s, .click(x: s.detailRect.x + 2, y: s.detailRect.y + 2))
        #expect(s.browse.focus == .detail)
    }

    @Test func loadingThenLoaded() {
        var s = AppState(articles: [], origin: "pages", width: 80, height: 24)
        update(&s, .progress(done: 10, total: 100, articles: 30))
        #expect(s.loading?.done == 10)
        update(&s, .down) // nothing to move yet, and no crash
        update(&s, .open)
        #expect(s.pager == nil)
        update(&s, .loaded(LoadedArticles(Fixture.corpus.articles, origin: "pages")))
        #expect(s.loading == nil && s.articles.count == 15 && !s.browse.detailLines.isEmpty)
    }

    @Test func keymapFollowsTheContext() {
        let k = Keymap()
        var s = Fixture.state(80, 24)
        #expect(action(for: .key(.char("q")), state: s) == .quit)
        #expect(action(for: .key(.enter), state: s) == .open)
        #expect(action(for: .key(.char("j")), state: s) == .down)
        #expect(action(for: .key(.function(1)), state: s) == .help)
        update(&s, .open)
        #expect(action(for: .key(.char("q")), state: s) == .back)
        #expect(action(for: .key(.escape), state: s) == .back)
        #expect(action(for: .key(.char("]")), state: s) == .nextQuestion)
        update(&s, .searchStart)
        #expect(action(for: .key(.char("q")), state: s) == .input("q"))
        #expect(action(for: .key(.enter), state: s) == .inputSubmit)
        #expect(action(for: .mouse(.click(x: 1, y: 1)), state: s) == nil) // mouse is opt-in
        // Every action of the table is reachable by its keys.
        for info in ActionTable.all {
            for key in info.keys {
                let ctx: Context = info.context == .global ? .list : info.context
                #expect(k.action(for: key, in: ctx) == info.action, "\(key) in \(ctx)")
            }
        }
    }

    @Test func theRunLoopDrawsOnlyDifferencesAndEndsOnQuit() {
        let backend = TestBackend(width: 100, height: 30, events: [.key(.char("j")), .key(.char("j")), .key(.char("q"))])
        var s = AppState(articles: Fixture.corpus.articles, origin: "built-in", width: 10, height: 10)
        runReader(backend: backend, state: &s, theme: .monochrome)
        #expect(s.selection == 2)
        #expect(backend.screen == render(s, theme: .monochrome))
        #expect(backend.frames == 3)
        // Moving the selection redraws a few rows, not the screen.
        #expect(backend.drawnCells < 100 * 30 + 2 * 100 * 30 / 2)
    }

    @Test func interruptEndsTheLoop() {
        let backend = TestBackend(width: 80, height: 24, events: [.key(.char("j")), .interrupt, .key(.char("j"))])
        var s = Fixture.state(80, 24)
        runReader(backend: backend, state: &s, theme: .color)
        #expect(s.selection == 1)
    }
}

/// `]` and `[` in the pager work for every interview style the parser reads, not only the seeds'.
@Suite struct InterviewStylePagerTests {
    static func interview(_ body: [String]) -> Article {
        let page = "Interview of the Chief of the CSTO Joint Staff to Krasnaya Zvezda\n\n"
            + "Interview of the Chief of the CSTO Joint Staff to Krasnaya Zvezda 23.02.2025\n\n"
            + body.joined(separator: "\n\n") + "\n"
        return CorpusBuilder().build([PageInput(name: "i.txt", bytes: Array(page.utf8))], origin: "t").articles[0]
    }

    @Test(arguments: [
        ["Question: What are the tasks for this year?", "The exercises in Kyrgyzstan.", "Question: And the peacekeepers?", "They train with the UN."],
        ["What are the tasks for this year?", "Andrei Serdyukov: The exercises in Kyrgyzstan.", "And the peacekeepers?", "Andrei Serdyukov: They train with the UN."],
        ["- What are the tasks for this year?", "- The exercises in Kyrgyzstan.", "- And the peacekeepers?", "- They train with the UN."],
    ])
    func questionsAreMarkedAndReachable(body: [String]) {
        let a = Self.interview(body)
        #expect(a.kind == .interview)
        #expect(a.qa.count == 2)
        var s = AppState(articles: [a], origin: "t", width: 80, height: 24)
        update(&s, .resize(width: 80, height: 24))
        update(&s, .open)
        let marked = s.pager!.lines.filter(\.questionStart)
        #expect(marked.count == 2)
        #expect(marked.first?.text.contains("What are the tasks") == true)
        update(&s, .nextQuestion)
        #expect(s.pager!.questionLine != nil)
    }
}

extension UpdateTests {
    @Test func theListWidthChangesAndTheDetailHides() {
        var s = Fixture.state(120, 40)
        let width = s.listRect.width
        update(&s, .widerList)
        #expect(s.listRect.width > width)
        update(&s, .toggleDetail)
        #expect(s.listRect.width == 120 && s.detailRect.width == 0)
        let title = s.articles[s.visible[0]].title
        #expect(render(s, theme: .monochrome).lines[1].contains(String(title.prefix(100))), "titles use the whole width")
        update(&s, .toggleDetail)
        #expect(s.detailRect.width > 0)
    }
}
