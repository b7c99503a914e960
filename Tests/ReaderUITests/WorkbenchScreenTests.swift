import Corpus
import Foundation
import ReaderTestSupport
import ReaderUI
import ReadingState
import SearchIndex
import Testing
import TerminalCore

/// The workbench's screens and actions, through `update` on the built-in corpus.
@Suite struct WorkbenchScreenTests {
    /// Replaces the query (the search line opens on the current one).
    func search(_ text: String, _ s: inout AppState) {
        update(&s, .searchStart)
        update(&s, .inputDeleteToStart)
        typeLine(text, &s)
        update(&s, .inputSubmit)
    }

    func select(_ title: String, _ s: inout AppState) {
        let row = s.visible.firstIndex { s.articles[$0].title.hasPrefix(title) }!
        update(&s, .top)
        for _ in 0..<row { update(&s, .down) }
        #expect(s.articles[s.selectedArticle!].title.hasPrefix(title))
    }

    // MARK: Entities

    @Test func entitiesCountTheResultsAndFilterToOne() throws {
        var s = Fixture.state(120, 40)
        update(&s, .entities)
        let e = try #require(s.screen(EntitiesScreen.self))
        #expect(s.context == .entities)
        #expect(e.type == .organization)
        #expect(e.rows.first?.name == "CSTO" && e.rows.first?.count == 15)
        // Counts never grow down the list, and each row's years add up to its dated articles.
        #expect(zip(e.rows, e.rows.dropFirst()).allSatisfy { $0.count >= $1.count })
        #expect(e.rows.allSatisfy { $0.years.reduce(0) { $0 + $1.count } <= $0.count })
        // Named together with the CSTO: the Secretariat (7 of its 15 articles).
        #expect(e.together.contains { $0.name == "CSTO Secretariat" && $0.count == 7 && $0.type == .organization })
        #expect(e.together.contains { $0.type == .person && $0.name == "Imangali Tasmagambetov" })

        update(&s, .cycleEntityType)
        #expect(s.screen(EntitiesScreen.self)?.type == .person)
        update(&s, .cycleEntityType)
        update(&s, .cycleOrder)
        let byName = try #require(s.screen(EntitiesScreen.self))
        #expect(byName.type == .country && byName.order == .name)
        let names = byName.rows.map { $0.name.lowercased() }
        #expect(names == names.sorted() && names.count > 5)

        // Narrowing: `/` opens a line whose text goes to the screen as it is typed.
        update(&s, .searchStart)
        typeLine("arm", &s)
        update(&s, .inputSubmit)
        #expect(s.screen(EntitiesScreen.self)?.rows.map(\.name) == ["Armenia"])
        update(&s, .open)
        #expect(s.screen(EntitiesScreen.self) == nil)
        #expect(s.query == "country:Armenia")
        #expect(s.total == 2)
        #expect(s.message == "2 results naming Armenia")
    }

    @Test func anEmptyTabShowsNoneOfTheLastTabsSidePanel() throws {
        var s = Fixture.state(120, 40)
        update(&s, .entities)
        #expect(try #require(s.screen(EntitiesScreen.self)).together.isEmpty == false)
        #expect(render(s, theme: .monochrome).text.contains("Named with CSTO"))
        // Narrowed to nothing: no row, so nothing named with it.
        update(&s, .searchStart)
        typeLine("zzzz", &s)
        update(&s, .inputSubmit)
        let e = try #require(s.screen(EntitiesScreen.self))
        #expect(e.rows.isEmpty && e.together.isEmpty)
        let text = render(s, theme: .monochrome).text
        #expect(!text.contains("Named with") && !text.contains("CSTO Secretariat"))
    }

    @Test func entitiesFollowTheResultsAndSayWhenThereAreNone() throws {
        var s = Fixture.state(120, 40)
        search("kind:exercise", &s)
        update(&s, .entities)
        update(&s, .cycleEntityType)
        update(&s, .cycleEntityType)
        update(&s, .cycleEntityType)
        let e = try #require(s.screen(EntitiesScreen.self))
        #expect(e.type == .exercise)
        #expect(e.rows.contains { $0.name == "Interaction" })
        // Changing the query from the screen (`/` is its narrowing, so through the state).
        update(&s, .searchStart)
        typeLine("zzzz", &s)
        update(&s, .inputSubmit)
        #expect(s.screen(EntitiesScreen.self)?.rows.isEmpty == true)
        let text = render(s, theme: .monochrome).text
        #expect(text.contains("no exercise matches \"zzzz\""))
    }

    // MARK: Keyword in context

    @Test func keywordInContextNeedsWordsAndOpensThePagerAtTheOccurrence() throws {
        var s = Fixture.state(120, 40)
        update(&s, .concordance)
        #expect(s.screen(ConcordanceScreen.self) == nil)
        #expect(s.message?.contains("no words to show in context") == true)

        search("afghanistan", &s)
        update(&s, .concordance)
        let c = try #require(s.screen(ConcordanceScreen.self))
        #expect(c.lines.count >= 5)
        #expect(c.lines.allSatisfy { $0.keyword.lowercased().hasPrefix("afghanistan") })
        // In date order: newest article first.
        let dates = c.lines.map { s.articles[$0.article].displayDate?.description ?? "0" }
        #expect(dates == dates.sorted(by: >))
        // Each keyword sits in one column on screen.
        let screen = render(s, theme: .monochrome).text.split(separator: "\n").map(String.init)
        let columns = screen.compactMap { line -> Int? in
            guard let r = line.range(of: "Afghanistan") else { return nil }
            return line.distance(from: line.startIndex, to: r.lowerBound)
        }
        #expect(columns.count >= 5 && Set(columns.prefix(5)).count == 1)

        // The third occurrence: the pager opens on it, current, with n and N going on from it.
        update(&s, .down)
        update(&s, .down)
        let line = c.lines[2]
        update(&s, .open)
        let p = try #require(s.pager)
        #expect(p.article == line.article)
        #expect(p.query == line.keyword)
        let current = try #require(p.currentMatch)
        #expect(p.lines[p.matches[current].line].paragraph == line.paragraph)
        #expect(s.message?.hasPrefix("match") == true)
    }

    @Test func sortingByContextIsDoneBetweenKeys() throws {
        var s = Fixture.state(120, 40)
        search("csto", &s)
        update(&s, .concordance)
        update(&s, .cycleOrder)
        var c = try #require(s.screen(ConcordanceScreen.self))
        #expect(c.order == .left)
        // Gathering: the status says so, and `.work` slices finish it.
        if s.pendingWork {
            #expect(c.status(s).contains("sorting by left context"))
        }
        var slices = 0
        while s.pendingWork, slices < 1_000 {
            update(&s, .work)
            slices += 1
        }
        #expect(!s.pendingWork)
        c = try #require(s.screen(ConcordanceScreen.self))
        let keys = c.lines.map { Concordance.sortKey($0, by: .left) }
        #expect(keys.count > 20)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) || $0 == $1 })
        update(&s, .cycleOrder)
        while s.pendingWork { update(&s, .work) }
        c = try #require(s.screen(ConcordanceScreen.self))
        #expect(c.order == .right)
        let right = c.lines.map { Concordance.sortKey($0, by: .right) }
        #expect(zip(right, right.dropFirst()).allSatisfy { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) || $0 == $1 })
        #expect(right.count == keys.count)
        update(&s, .cycleOrder)
        #expect(s.screen(ConcordanceScreen.self)?.order == .date)
    }

    // MARK: Trend

    @Test func trendCountsByYearAndMonthComparesAndFilters() throws {
        var s = Fixture.state(120, 40)
        update(&s, .trend)
        var t = try #require(s.screen(TrendScreen.self))
        #expect(t.rows.first?.period == "2018" && t.rows.last?.period == "2024")
        #expect(t.rows.count == 7)
        let dated = s.articles.filter { $0.displayDate != nil }.count
        #expect(t.rows.reduce(0) { $0 + $1.count } + t.undated.0 == 15)
        #expect(t.rows.reduce(0) { $0 + $1.count } == dated)
        // The last year is selected; by month from there.
        #expect(t.status(s).hasPrefix("trend by year: 2024"))
        update(&s, .cycleOrder)
        t = try #require(s.screen(TrendScreen.self))
        #expect(t.period == .month && t.rows.first?.period == "2018-10" && t.rows.last?.period == "2024-07")
        // A second query beside it.
        update(&s, .versus)
        #expect(s.input?.purpose == .prompt(.versus))
        typeLine("armenia", &s)
        update(&s, .inputSubmit)
        t = try #require(s.screen(TrendScreen.self))
        #expect(t.versus == "armenia")
        #expect(t.rows.reduce(0) { $0 + $1.other } + t.undated.1 == 2)
        let text = render(s, theme: .monochrome).text
        #expect(text.contains("█ all articles") && text.contains("▒ armenia"))
        // Enter on a bar: the results of that month.
        update(&s, .open)
        #expect(s.screen(TrendScreen.self) == nil)
        #expect(s.query == "month:2024-07")
        #expect(s.total == 2)
    }

    @Test func aMonthOpenedFromTheTrendNarrowsAYearFilter() throws {
        var s = Fixture.state(120, 40)
        search("year:2024", &s)
        #expect(s.total == 10)
        update(&s, .trend)
        update(&s, .cycleOrder)
        let t = try #require(s.screen(TrendScreen.self))
        #expect(t.rows.last?.period == "2024-07")
        update(&s, .open)
        // The month replaces the year (ORed with it, it would be all of 2024 again).
        #expect(s.query == "month:2024-07")
        #expect(s.total == 2 && s.message == "2 results in 2024-07")
    }

    @Test func aTrendBarOverDatesORedOpensItsOwnCount() throws {
        var s = Fixture.state(120, 40)
        search("year:2019 OR month:2024-04", &s)
        update(&s, .trend)
        let t = try #require(s.screen(TrendScreen.self))
        let bar = try #require(t.rows.first { $0.period == "2024" })
        #expect(bar.count == 6)
        let row = t.rows.firstIndex { $0.period == "2024" }!
        update(&s, .top)
        for _ in 0..<row { update(&s, .down) }
        update(&s, .open)
        #expect(s.total == bar.count)
        #expect(s.query == "year:2019 OR month:2024-04 after:2024 before:2025")
    }

    @Test func aBadSecondQueryIsSaidAndTheTrendStays() throws {
        var s = Fixture.state(120, 40)
        update(&s, .trend)
        update(&s, .versus)
        typeLine("kind:nonsense", &s)
        update(&s, .inputSubmit)
        // Said, and the comparison shown stays (here: none).
        #expect(s.message?.contains("kind:") == true)
        var t = try #require(s.screen(TrendScreen.self))
        #expect(t.versus == nil && !t.rows.isEmpty)
        update(&s, .versus)
        typeLine("armenia", &s)
        update(&s, .inputSubmit)
        update(&s, .versus)
        update(&s, .inputDeleteToStart)
        typeLine("kind:nonsense", &s)
        update(&s, .inputSubmit)
        t = try #require(s.screen(TrendScreen.self))
        #expect(t.versus == "armenia")
        #expect(t.rows.reduce(0) { $0 + $1.other } == 2)
    }

    // MARK: Related

    @Test func relatedLinksTheUndatedStatementToItsDebate() throws {
        var s = Fixture.state(120, 40)
        select("Allow me to thank the Russian presidency", &s)
        // The detail pane lists them under the article.
        let detail = s.browse.detailLines.map(\.text)
        #expect(detail.contains("Related"))
        update(&s, .related)
        let r = try #require(s.screen(RelatedScreen.self))
        #expect(r.related.count == 5)
        let first = s.articles[r.related[0].doc]
        #expect(first.title.contains("took part in the debate"))
        #expect(first.displayDate?.description == "2024-07-19")
        update(&s, .open)
        #expect(s.pager?.article == r.related[0].doc)
        // The pager lists them too.
        #expect(s.pager?.lines.contains { $0.text == "Related" } == true)
    }

    // MARK: Tags and notes

    @Test func tagsAreAddedRemovedCompletedAndSearched() throws {
        var s = Fixture.state(120, 40)
        let a = s.selectedArticle!
        update(&s, .tag)
        #expect(s.input?.purpose == .prompt(.tag(article: s.articles[a].id)))
        typeLine("brief sources", &s)
        let effects = update(&s, .inputSubmit)
        #expect(effects.contains(.save))
        #expect(s.tags(of: a) == ["brief", "sources"])
        #expect(s.browse.detailLines.contains { $0.text.hasPrefix("Tags") && $0.text.contains("brief sources") })
        // Another article: Tab completes from the tags in use.
        update(&s, .down)
        update(&s, .tag)
        typeLine("Bri", &s)
        update(&s, .complete)
        #expect(s.input?.text == "brief ")
        update(&s, .inputSubmit)
        search("tag:brief", &s)
        #expect(s.total == 2)
        search("tag:BRIEF has:tag", &s)
        #expect(s.total == 2)
        // A tag nobody has is said (the last good results stay); one being typed is left out.
        update(&s, .searchStart)
        update(&s, .inputDeleteToStart)
        typeLine("tag:bri", &s)
        #expect(s.queryError == nil && s.total == 15)
        typeLine("x ", &s)
        #expect(s.queryError == "no article is tagged 'brix' (tags: brief, sources)")
        #expect(s.total == 15)
        update(&s, .inputCancel)
        // A refused prompt answer is drawn above the prompt.
        update(&s, .tag)
        typeLine("a:b", &s)
        update(&s, .inputSubmit)
        #expect(render(s, theme: .monochrome).lines[38].contains("'a:b' cannot be a tag"))
        update(&s, .inputCancel)
        // Removing a tag the article does not have: said, and the prompt stays for a fix.
        update(&s, .tag)
        typeLine("-nope", &s)
        update(&s, .inputSubmit)
        #expect(s.input != nil)
        #expect(s.message?.contains("not tagged 'nope'") == true)
        update(&s, .inputDeleteToStart)
        typeLine("-brief", &s)
        update(&s, .inputSubmit)
        #expect(s.input == nil)
        // The results that filter by the tag follow.
        #expect(s.total == 1)
        #expect(s.marks.tags.values.reduce(0) { $0 + $1.count } == 2)
    }

    @Test func notesAreWrittenInlineSearchedAndNeverSavedEmpty() throws {
        var s = Fixture.state(120, 40)
        let a = s.selectedArticle!
        update(&s, .editNote)
        #expect(s.input?.purpose == .prompt(.note(article: s.articles[a].id)))
        typeLine("ask the Secretariat about zanzibar", &s)
        update(&s, .inputSubmit)
        #expect(s.note(of: a) == "ask the Secretariat about zanzibar")
        #expect(s.message == "note saved")
        search("zanzibar", &s)
        #expect(s.total == 1 && s.visible == [a])
        // The note is shown, its words marked.
        let noteLines = s.browse.detailLines.filter { $0.text.contains("zanzibar") }
        #expect(!noteLines.isEmpty)
        #expect(s.highlighter.map { !$0.ranges(in: noteLines[0].text).isEmpty } == true)
        search("has:note", &s)
        #expect(s.total == 1)
        // An emptied line: nothing saved, said; the note is kept.
        search("", &s)
        #expect(s.selectedArticle == a)
        update(&s, .editNote)
        #expect(s.input?.text == "ask the Secretariat about zanzibar")
        update(&s, .inputDeleteToStart)
        typeLine("   ", &s)
        update(&s, .inputSubmit)
        #expect(s.note(of: a) == "ask the Secretariat about zanzibar")
        #expect(s.message?.hasPrefix("empty note: nothing saved, the note is kept") == true)
        // On an article with no note: said too.
        update(&s, .down)
        update(&s, .editNote)
        update(&s, .inputSubmit)
        #expect(s.message == "empty note: nothing saved")
        #expect(s.marks.notes.count == 1)
        // A note of several lines is not flattened by the one-line editor.
        let id = s.articles[s.selectedArticle!].id
        update(&s, .noteEdited(article: id, text: "one\ntwo"))
        update(&s, .editNote)
        #expect(s.input == nil)
        #expect(s.message?.contains("several lines") == true)
        #expect(s.marks.notes[id] == "one\ntwo")
    }

    @Test func withAnEditorTheNoteGoesOutAndComesBack() throws {
        var s = Fixture.state(120, 40)
        s.setExternal(editor: "vi", clipboard: true)
        let id = s.articles[s.selectedArticle!].id
        let effects = update(&s, .editNote)
        #expect(effects.contains(.run(.editNote(article: id, text: "", editor: "vi"))))
        #expect(s.input == nil)
        let back = update(&s, .noteEdited(article: id, text: "line one\n\u{1B}[31mline two\n\n"))
        #expect(back.contains(.save))
        // Escape characters never reach the terminal.
        #expect(s.marks.notes[id] == "line one\n[31mline two")
        // Through a test terminal: the editor runs with the terminal given away.
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("csto-editor-\(getpid()).sh")
        try "#!/bin/sh\nprintf 'from the editor\\n' >> \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        defer { try? FileManager.default.removeItem(at: script) }
        let backend = TestBackend(width: 120, height: 40)
        let answers = ExternalRunner.perform(.editNote(article: id, text: "first", editor: script.path), backend: backend, state: s)
        #expect(backend.suspensions == 1)
        #expect(answers == [.noteEdited(article: id, text: "first\nfrom the editor\n")])
        let failed = ExternalRunner.perform(.editNote(article: id, text: "x", editor: "false"), backend: backend, state: s)
        // What was written is kept, and where is said.
        guard case .note(let line)? = failed.first else { Issue.record("no message"); return }
        #expect(line.hasPrefix("the editor 'false' exited with status 1: note not changed; what was written is kept in "))
        let kept = String(line.split(separator: " ").last!)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "x\n")
        #expect(try FileManager.default.attributesOfItem(atPath: kept)[.posixPermissions] as? Int == 0o600)
        try? FileManager.default.removeItem(atPath: (kept as NSString).deletingLastPathComponent)
    }

    // MARK: Saved searches, mark all read

    @Test func savedSearchesAreSavedListedRunAndDeleted() throws {
        var s = Fixture.state(120, 40)
        update(&s, .saveSearch)
        #expect(s.input == nil && s.message == "nothing to save: the query is empty")
        search("afghanistan", &s)
        update(&s, .saveSearch)
        typeLine("afgh", &s)
        update(&s, .inputSubmit)
        #expect(s.marks.saved == ["afgh": "afghanistan"])
        search("kind:exercise", &s)
        update(&s, .saveSearch)
        typeLine("drills", &s)
        update(&s, .inputSubmit)
        update(&s, .back)
        update(&s, .back)
        update(&s, .savedSearches)
        let screen = try #require(s.screen(SavedScreen.self))
        #expect(screen.rows.map(\.name) == ["afgh", "drills"])
        #expect(screen.rows[0].results == 4 && screen.rows[0].unread == 4)
        #expect(screen.rows[1].results == 3)
        update(&s, .down)
        update(&s, .open)
        #expect(s.query == "kind:exercise" && s.total == 3)
        update(&s, .savedSearches)
        // Asked first: a saved search has no undo.
        update(&s, .deleteSaved)
        #expect(s.marks.saved.count == 2)
        #expect(s.message == "delete 'afgh'? press d again")
        update(&s, .deleteSaved)
        #expect(s.marks.saved == ["drills": "kind:exercise"])
        #expect(s.screen(SavedScreen.self)?.rows.count == 1)
    }

    @Test func markAllReadIsUndone() throws {
        var s = Fixture.state(120, 40)
        search("afghanistan", &s)
        update(&s, .open)
        update(&s, .back)
        #expect(s.marks.read.count == 1)
        let effects = update(&s, .markAllRead)
        #expect(effects.contains(.save))
        #expect(s.marks.read.count == 4)
        #expect(s.message == "3 marked read (U undoes)")
        update(&s, .undoMarkAll)
        // The one read before stays read.
        #expect(s.marks.read.count == 1)
        update(&s, .undoMarkAll)
        #expect(s.message == "nothing to undo")
    }

    // MARK: Acting on results

    /// Submits the export prompt with a path, and runs what it asks of the run loop.
    func export(_ path: String, _ s: inout AppState, starred: Bool = false) -> String? {
        update(&s, starred ? .exportStarred : .export)
        #expect(s.input?.text == "csto-export.md")
        update(&s, .inputDeleteToStart)
        typeLine(path, &s)
        let effects = update(&s, .inputSubmit)
        for case .run(let job) in effects {
            for answer in ExternalRunner.perform(job, backend: TestBackend(width: 120, height: 40), state: s) { update(&s, answer) }
        }
        return s.message
    }

    @Test func exportWritesTheResultsKeepsFilesAndSaysWhatCannotBe() throws {
        var s = Fixture.state(120, 40)
        search("afghanistan", &s)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csto-x-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csvPath = dir.appendingPathComponent("out.csv").path
        #expect(export(csvPath, &s) == "4 articles written to \(csvPath) (csv)")
        #expect(s.input == nil)
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
        // The same name again: the first file is kept, the second written beside it.
        let again = dir.appendingPathComponent("out-2.csv").path
        #expect(export(csvPath, &s) == "4 articles written to \(again) (csv) (\(csvPath) exists: kept)")
        #expect(try String(contentsOfFile: csvPath, encoding: .utf8) == csv)
        // A folder that does not exist: one line.
        #expect(export("/nonexistent-folder/x.md", &s)?.hasPrefix("cannot write /nonexistent-folder/x.md") == true)
        // A name with no format: said, and the prompt stays for a fix.
        update(&s, .export)
        update(&s, .inputDeleteToStart)
        typeLine(dir.appendingPathComponent("out.txt").path, &s)
        update(&s, .inputSubmit)
        #expect(s.input != nil)
        #expect(s.message?.contains("cannot tell the format") == true)
        update(&s, .inputCancel)
        // The starred ones: none yet.
        update(&s, .exportStarred)
        update(&s, .inputSubmit)
        #expect(s.message == "no starred article in the results")
        update(&s, .inputCancel)
        // From the pager: the one article.
        update(&s, .open)
        let one = dir.appendingPathComponent("one.jsonl").path
        #expect(export(one, &s) == "1 article written to \(one) (jsonl)")
        let jsonl = try String(contentsOfFile: one, encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 1)
    }

    @Test func pipeAndCopyGoOutThroughEffects() throws {
        var s = Fixture.state(120, 40)
        search("afghanistan", &s)
        update(&s, .pipe)
        typeLine("wc -l", &s)
        let effects = update(&s, .inputSubmit)
        guard case .run(.pipe(let command, let input))? = effects.first(where: { if case .run = $0 { return true } else { return false } }) else {
            Issue.record("no pipe effect")
            return
        }
        #expect(command == "wc -l")
        #expect(input.components(separatedBy: "\n\n").count > 5)
        #expect(input.contains(s.articles[s.visible[0]].title))
        let id = s.articles[s.selectedArticle!].id
        s.setExternal(editor: nil, clipboard: true)
        #expect(update(&s, .copyID).contains(.run(.copy(id))))
        #expect(s.message == "copied \(id)")
        s.setExternal(editor: nil, clipboard: false)
        #expect(update(&s, .copyID).isEmpty)
        #expect(s.message?.hasPrefix("id: \(id)") == true)
        // The clipboard escape as the terminal gets it.
        let backend = TestBackend(width: 80, height: 24)
        _ = ExternalRunner.perform(.copy(id), backend: backend, state: s)
        #expect(backend.sent == ["\u{1B}]52;c;" + Data(id.utf8).base64EncodedString() + "\u{07}"])
    }
}

/// An article found only by another title or its byline (both are searched) is shown by them:
/// the dossier quotes the one that matched, marked, CSL names the byline its author, and the
/// keyword in context and the pager land on them.
@Suite struct OtherTextsTests {
    func article() -> Article {
        var a = Article(id: "a1", title: "Ministers meet in Minsk", full: true,
                        paragraphs: ["The ministers met on Tuesday.", "They spoke of the exercises."],
                        sources: [Source(file: "p.txt", role: .main, line: 3)],
                        alternateTitles: ["Talks on the Vostok drills"])
        a.byline = "Anatoly Sidorov"
        return a
    }

    @Test func theDossierQuotesTheOtherTitleOrBylineThatMatched() throws {
        let a = article()
        let byTitle = Export.markdown(a, highlighter: Highlighter(try QueryParser.parse("vostok")))
        #expect(byTitle.contains("> Talks on the **Vostok** drills"), "\(byTitle)")
        #expect(!byTitle.contains("> The ministers met"))
        let byline = Export.markdown(a, highlighter: Highlighter(try QueryParser.parse("sidorov")))
        #expect(byline.contains("> Anatoly **Sidorov**") && byline.contains("- **By:** Anatoly Sidorov"), "\(byline)")
        // A paragraph that matches comes first; with nothing matched, the lead.
        let paragraph = Export.markdown(a, highlighter: Highlighter(try QueryParser.parse("exercises")))
        #expect(paragraph.contains("> They spoke of the **exercises**.") && !paragraph.contains("> Talks"))
        let none = Export.markdown(a, highlighter: Highlighter(try QueryParser.parse("kind:meeting")))
        #expect(none.contains("> The ministers met on Tuesday."))
    }

    /// Keyword in context on another title or the byline: Enter opens the pager on that very
    /// occurrence (the second other title's, not the first's), past the field's label.
    @Test func enterOnAnotherTitleOrTheBylineLandsOnIt() throws {
        let a = article()
        var b = article()
        b.id = "b2"
        b.alternateTitles = ["Vostok drills planned", "Talks on the Vostok drills in Sidorov's words"]
        var s = AppState(articles: [a, b], origin: "test", width: 120, height: 40)
        update(&s, .resize(width: 120, height: 40))
        update(&s, .searchStart)
        typeLine("vostok", &s)
        update(&s, .inputSubmit)
        update(&s, .concordance)
        let c = try #require(s.screen(ConcordanceScreen.self))
        // Both articles, the other titles in reading order: before the paragraphs.
        let places = c.lines.filter { $0.article == 1 }.map(\.place)
        #expect(places == [.otherTitle(0), .otherTitle(1)], "\(c.lines)")
        let row = try #require(c.lines.firstIndex { $0.article == 1 && $0.place == .otherTitle(1) })
        for _ in 0..<row { update(&s, .down) }
        update(&s, .open)
        let p = try #require(s.pager)
        let current = try #require(p.currentMatch)
        let line = p.lines[p.matches[current].line]
        #expect(line.place == .otherTitle(1) && line.text.contains("Talks on the Vostok"), "\(line.text)")

        // The byline: "Sidorov" also stands in an other title above it; Enter lands on the byline.
        update(&s, .back)
        update(&s, .back)
        update(&s, .searchStart)
        update(&s, .inputDeleteToStart)
        typeLine("sidorov", &s)
        update(&s, .inputSubmit)
        update(&s, .concordance)
        let d = try #require(s.screen(ConcordanceScreen.self))
        let byline = try #require(d.lines.firstIndex { $0.article == 1 && $0.place == .byline })
        for _ in 0..<byline { update(&s, .down) }
        update(&s, .open)
        let q = try #require(s.pager)
        let m = try #require(q.currentMatch)
        #expect(q.lines[q.matches[m].line].place == .byline && q.lines[q.matches[m].line].text.contains("Anatoly Sidorov"))
    }

    /// A phrase wrapped inside a field (its next line starts in the label column) or an
    /// indented answer is found, each piece where its words stand.
    @Test func aPhraseWrappedInAFieldIsFound() {
        var a = article()
        a.alternateTitles = ["Talks on the joint Vostok drills"]
        let lines = ArticleDocument.lines(a, width: 40)
        let first = try! #require(lines.firstIndex { $0.place == .otherTitle(0) })
        #expect(lines[first + 1].place == .otherTitle(0), "the other title wraps at 40: \(lines.map(\.text))")
        // The last word of the first line and the first of the next.
        let lastWord = lines[first].text.split(separator: " ").last!
        let nextWord = lines[first + 1].text.split(separator: " ").first!
        let found = ArticleDocument.matches("\(lastWord) \(nextWord)", in: lines)
        #expect(found.count == 1, "\(lastWord) \(nextWord)")
        #expect(found.first?.map(\.line) == [first, first + 1])
        #expect(found.first?.last?.start == ArticleDocument.labelWidth)
    }

    @Test func cslNamesTheBylineAsAuthor() throws {
        let csl = Export.csl(article()).render(indent: 0)
        #expect(csl.contains("\"author\"") && csl.contains("\"literal\"") && csl.contains("Anatoly Sidorov"), "\(csl)")
        var plain = article()
        plain.byline = nil
        #expect(!Export.csl(plain).render(indent: 0).contains("\"author\""))
    }
}
