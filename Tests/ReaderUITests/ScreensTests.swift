import Corpus
import ReaderUI
import SearchIndex
import TerminalCore
import Testing

/// The screens and what a new user hit in them: the query from every screen that shows
/// results, the selection kept, the pager's next article and questions, sort and months,
/// narrowing the filter panel, the layout, completion.
@Suite struct ScreensTests {
    func typed(_ text: String, _ s: inout AppState) { for c in text { update(&s, .input(c)) } }
    func id(_ s: AppState) -> String? { s.selectedArticle.map { s.articles[$0].id } }

    @Test func slashAndFWorkFromTheTimelineAndLettersGoToTheQuery() {
        var s = Fixture.state(120, 40)
        update(&s, .timeline)
        let kinds = s.timeline!.kinds
        update(&s, .searchStart)
        #expect(s.input != nil, "/ opens the search line over the timeline")
        typed("csto", &s)
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

    @Test func clearingTheSearchOrTheFiltersKeepsTheSelectedArticle() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typed("kind:meeting", &s)
        update(&s, .inputSubmit)
        for _ in 0..<4 { update(&s, .down) }
        let chosen = id(s)
        update(&s, .back) // Esc clears the search
        #expect(s.query.isEmpty && s.visible.count == 15)
        #expect(id(s) == chosen)
        update(&s, .searchStart)
        typed(" year:2024", &s)
        update(&s, .inputSubmit)
        #expect(id(s) == chosen)
        update(&s, .clearFilters)
        #expect(s.query.isEmpty && id(s) == chosen)
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

    @Test func sortByRelevanceOrDateShownInTheHeader() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typed("interaction 2018", &s)
        update(&s, .inputSubmit)
        let ranked = s.visible
        #expect(render(s, theme: .monochrome).lines[0].contains("by relevance"))
        update(&s, .toggleSort)
        #expect(s.sort == .date)
        #expect(s.visible == ranked.sorted(), "newest first is the articles' order")
        #expect(render(s, theme: .monochrome).lines[0].contains("by date"))
        update(&s, .toggleSort)
        #expect(s.visible == ranked)
    }

    @Test func monthFilterAndTheYearFacetOpensIntoMonths() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        let rows = FilterScreen.rows(s, openYears: [], narrow: "")
        let y2024 = rows.firstIndex { $0.kind == .value && $0.value == "2024" }!
        while s.filterPanel!.cursor.selection < y2024 { update(&s, .down) }
        update(&s, .expand)
        let open = FilterScreen.rows(s, openYears: s.filterPanel!.openYears, narrow: "")
        let months = open.filter { $0.kind == .month }
        #expect(months.map(\.label.trimmed) == ["March", "April", "July"])
        #expect(months.first { $0.value == "2024-04" }?.count == 6)
        update(&s, .down)
        update(&s, .down)
        update(&s, .toggleValue)
        #expect(s.query == "month:2024-04")
        #expect(s.visible.count == 6)
        #expect(s.visible.allSatisfy { s.articles[$0].displayDate.map { $0.year == 2024 && $0.month == 4 } ?? false })
        #expect(render(s, theme: .monochrome).text.contains("[x] April") || render(s, theme: .monochrome).text.contains("[x]   April"))
    }

    @Test func typingNarrowsTheFilterPanel() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        update(&s, .searchStart)
        #expect(s.input?.purpose == .narrow)
        typed("counc", &s)
        let shown = FilterScreen.rows(s, openYears: [], narrow: s.filterPanel!.narrow)
        #expect(!shown.isEmpty && shown.filter { $0.kind == .value }.allSatisfy { $0.value.lowercased().contains("counc") })
        update(&s, .inputSubmit)
        #expect(s.input == nil && s.filterPanel!.narrow == "counc")
        update(&s, .toggleValue)
        #expect(s.query.hasPrefix("org:\"") && s.query.lowercased().contains("counc"))
        #expect(render(s, theme: .monochrome).text.contains("Filters: counc"))
    }

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

    @Test func tabCompletesFieldsAndValues() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typed("kind:me", &s)
        #expect(s.queryError == nil, "a half-typed value is no error")
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting ")
        #expect(s.visible.allSatisfy { s.articles[$0].kind == .meeting })
        typed("ki", &s)
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting kind:")
        update(&s, .inputDeleteWord)
        typed("org:одк", &s)
        update(&s, .complete)
        #expect(s.input?.text == "kind:meeting org:ОДКБ ")
    }

    @Test func hintsAndHelpFollowTheKeymap() {
        let keymap = Keymap(rebind: [.pager: ["next-article": [.char("N"), .ctrl("n")]], .list: ["quit": [.char("x")]]])
        var s = AppState(articles: Fixture.corpus.articles, origin: "built-in", width: 120, height: 40, keymap: keymap)
        update(&s, .resize(width: 120, height: 40))
        #expect(render(s, theme: .monochrome).lines[39].contains("x quit"))
        #expect(s.keymap.action(for: .char("x"), in: .list) == .quit)
        #expect(s.keymap.action(for: .char("q"), in: .list) == nil)
        update(&s, .open)
        #expect(render(s, theme: .monochrome).lines[39].contains("N next"))
        update(&s, .help)
        let help = HelpScreen.lines(s.keymap)
        #expect(help.contains { $0.keys == "N Ctrl-N" && $0.help.hasPrefix("next article") })
        #expect(help.contains { $0.keys == "x" && $0.help == "quit" })
    }

    @Test func everyHintNamesAKeyThatDoesWhatItSays() {
        // The hints are generated: each key in them maps to its action in that screen.
        let k = Keymap()
        for context in Context.allCases {
            let results: Set<Context> = [.list, .timeline, .filters]
            let hints = k.hints(context, including: results.contains(context) ? [.help, .searchStart, .filters, .toggleSort] : [.help])
            for piece in hints.components(separatedBy: "  ") where !piece.isEmpty {
                let keyName = String(piece.split(separator: " ")[0])
                let key = KeyName.parse(keyName == "Space" ? "Space" : keyName)
                #expect(key != nil, "\(context): \(piece)")
                if let key { #expect(k.action(for: key, in: context) != nil, "\(context): \(piece)") }
            }
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
