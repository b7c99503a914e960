import TerminalCore
import Corpus
import ReaderUI
import SearchIndex
import Testing

/// Filters as query terms.
@Suite struct FilterQueryTests {
    @Test func togglingEditsTheQuery() {
        var q = QueryText.toggling(.year, "2024", in: "afgh")
        #expect(q == "afgh year:2024")
        q = QueryText.toggling(.year, "2023", in: q)
        #expect(q == "afgh year:2024 OR year:2023")
        q = QueryText.toggling(.organization, "Council of Defense Ministers", in: q)
        #expect(q == "afgh year:2024 OR year:2023 org:\"Council of Defense Ministers\"")
        #expect(QueryText.selected(in: q)[.year] == ["2024", "2023"])
        #expect(QueryText.selected(in: q)[.organization] == ["Council of Defense Ministers"])
        q = QueryText.toggling(.year, "2024", in: q)
        #expect(q == "afgh org:\"Council of Defense Ministers\" year:2023")
        #expect(QueryText.clearingFilters(q) == "afgh")
        // Typed filters are the same thing.
        #expect(QueryText.selected(in: "kind:exercise org:UN -year:2020")[.kind] == ["exercise"])
        #expect(QueryText.selected(in: "kind:exercise org:UN -year:2020")[.year] == nil)
    }
}

/// The filter panel: toggling values, how they combine, typed filters ticked.
@Suite struct FilterPanelTests {
    @Test func aYearFilterLeavesOneArticleAndCanBeTypedToo() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        #expect(s.filterPanel != nil)
        let rows = FilterScreen.rows(s, openYears: [], narrow: "")
        let target = rows.firstIndex { $0.facet == .year && $0.value == "2018" }!
        #expect(rows[target].count == 1)
        while s.filterPanel!.cursor.selection < target { update(&s, .down) }
        update(&s, .toggleValue)
        #expect(s.query == "year:2018")
        #expect(s.visible.count == 1)
        #expect(s.articles[s.visible[0]].kind == .exercise)
        // The year facet still offers the other years (counted without its own filter).
        #expect((s.facets[.year] ?? []).count > 1)
        update(&s, .back)
        #expect(s.filterPanel == nil)
        let header = render(s, theme: .monochrome).lines[0]
        #expect(header.contains("year:2018") && header.contains("1 of 15"))
        update(&s, .clearFilters)
        #expect(s.query.isEmpty && s.visible.count == 15)
        // Typed, the same filter is selected in the panel.
        update(&s, .searchStart)
        for c in "year:2018" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(FilterScreen.rows(s, openYears: [], narrow: "").contains { $0.facet == .year && $0.value == "2018" && $0.selected })
    }

    @Test func valuesOfOneFacetCombineWithOrFacetsWithAnd() {
        var s = Fixture.state(120, 40)
        let y2019 = QueryText.toggling(.year, "2019", in: "")
        update(&s, .searchStart)
        for c in QueryText.toggling(.year, "2018", in: y2019) { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible.count == 2)
        update(&s, .searchStart)
        for c in " kind:exercise" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(s.visible.count == 1)
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
}

extension FilterPanelTests {
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
        typeLine("counc", &s)
        let shown = FilterScreen.rows(s, openYears: [], narrow: s.filterPanel!.narrow)
        #expect(!shown.isEmpty && shown.filter { $0.kind == .value }.allSatisfy { $0.value.lowercased().contains("counc") })
        update(&s, .inputSubmit)
        #expect(s.input == nil && s.filterPanel!.narrow == "counc")
        update(&s, .toggleValue)
        #expect(s.query.hasPrefix("org:\"") && s.query.lowercased().contains("counc"))
        #expect(render(s, theme: .monochrome).text.contains("Filters: counc"))
    }
}

extension FilterPanelTests {
    @Test func monthsOfOneYearCombineWithOr() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        update(&s, .expand) // 2024, the first year
        func select(_ month: String) {
            let rows = s.filterPanel!.rows
            let at = rows.firstIndex { $0.kind == .month && $0.value == month }!
            while s.filterPanel!.cursor.selection < at { update(&s, .down) }
            while s.filterPanel!.cursor.selection > at { update(&s, .up) }
            update(&s, .toggleValue)
        }
        select("2024-04")
        #expect(s.visible.count == 6)
        // The other months are still there to add.
        #expect(s.filterPanel!.rows.contains { $0.kind == .month && $0.value == "2024-03" && $0.count == 2 })
        select("2024-03")
        #expect(s.query == "month:2024-04 OR month:2024-03")
        #expect(s.visible.count == 8)
    }

    @Test func aMonthAndAnotherYearCombineWithOr() {
        var s = Fixture.state(120, 40)
        update(&s, .filters)
        let years = s.filterPanel!.rows.filter { $0.kind == .value && $0.facet == .year }
        #expect(years.count >= 2)
        let all = s.visible.count
        func move(to at: Int) {
            while s.filterPanel!.cursor.selection < at { update(&s, .down) }
            while s.filterPanel!.cursor.selection > at { update(&s, .up) }
        }
        func select(_ kind: FilterScreen.Row.Kind, _ value: String) {
            move(to: s.filterPanel!.rows.firstIndex { $0.kind == kind && $0.value == value }!)
            update(&s, .toggleValue)
        }
        update(&s, .expand) // the first year, opened into months
        select(.month, "2024-04")
        #expect(s.visible.count == 6)
        // Every year is still offered, with its count over what the other filters leave.
        let offered = s.filterPanel!.rows.filter { $0.kind == .value && $0.facet == .year }
        #expect(offered.map(\.value) == years.map(\.value))
        #expect(offered.map(\.count) == years.map(\.count))
        let other = years[1]
        select(.value, other.value)
        #expect(s.query == "year:\(other.value) OR month:2024-04")
        #expect(s.visible.count == 6 + other.count)
        // Picked years stay where they were, newest first (the cursor stays on the row).
        #expect(s.filterPanel!.rows.filter { $0.kind == .value && $0.facet == .year }.map(\.value) == years.map(\.value))
        // A year with a picked month shows open, and ← does not fold it; on another year it closes.
        #expect(render(s, theme: .monochrome).text.contains("▾[ ] 2024"))
        move(to: s.filterPanel!.rows.firstIndex { $0.kind == .value && $0.value == "2024" }!)
        update(&s, .fold)
        #expect(s.filterPanel != nil && s.message == "a picked month keeps 2024 open")
        #expect(s.filterPanel!.rows.contains { $0.kind == .month && $0.value == "2024-04" })
        #expect(render(s, theme: .monochrome).text.contains("year:\(other.value) OR month:2024-04"))
        // The month's own year picked: it replaces the month (the whole year).
        select(.value, "2024")
        #expect(s.query == "year:\(other.value) OR year:2024")
        #expect(s.visible.count == years[0].count + other.count)
        // A month picked in a picked year narrows the year to it.
        select(.month, "2024-04")
        #expect(s.query == "year:\(other.value) OR month:2024-04")
        select(.value, other.value)
        select(.month, "2024-04")
        #expect(s.query.isEmpty && s.visible.count == all)
        // ← on a month of an opened year folds the year, the cursor on it; again, the panel closes.
        move(to: s.filterPanel!.rows.firstIndex { $0.kind == .month && $0.value == "2024-04" }!)
        update(&s, .fold)
        #expect(s.filterPanel != nil && !s.filterPanel!.rows.contains { $0.kind == .month })
        #expect(s.filterPanel!.rows[s.filterPanel!.cursor.selection].value == "2024")
        #expect(render(s, theme: .monochrome).text.contains("▸[ ] 2024"))
        update(&s, .fold)
        #expect(s.filterPanel == nil)
    }

    @Test func aMonthTypedAndWithAYearIsAChipOfItsOwn() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year:2024 month:2024-04", &s)
        update(&s, .inputSubmit)
        #expect(s.total == 6)
        let header = render(s, theme: .monochrome).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains(" year:2024 ") && header.contains(" month:2024-04 ") && !header.contains("OR"))
    }

    @Test func aMonthPickedTwiceGivesItsYearBackAndTheHeadingStaysInView() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year:2018..2020", &s)
        update(&s, .inputSubmit)
        let before = s.visible.count
        update(&s, .filters)
        update(&s, .top)
        // 2019 opened, June picked: the range narrows to it; Space again gives it back.
        let at2019 = s.filterPanel!.rows.firstIndex { $0.kind == .value && $0.value == "2019" }!
        while s.filterPanel!.cursor.selection < at2019 { update(&s, .down) }
        update(&s, .expand)
        update(&s, .down)
        #expect(s.filterPanel!.rows[s.filterPanel!.cursor.selection].value == "2019-06")
        update(&s, .toggleValue)
        #expect(s.query == "year:2018 OR year:2020 OR month:2019-06")
        update(&s, .toggleValue)
        #expect(s.query == "year:2018..2020" && s.visible.count == before)
        // Down to the end and back to the top: the facet's heading shows again.
        update(&s, .bottom)
        update(&s, .top)
        #expect(s.filterPanel!.cursor.offset == 0)
        #expect(render(s, theme: .monochrome).text.contains("│ Year "))
    }

    @Test func aTypedMonthShowsTicked() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("month:2024-07", &s)
        update(&s, .inputSubmit)
        update(&s, .filters)
        #expect(s.filterPanel!.rows.contains { $0.kind == .month && $0.value == "2024-07" && $0.selected })
    }
}

extension FilterPanelTests {
    @Test func unTickingOneYearOfATypedRangeKeepsTheRest() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        typeLine("year:2018..2024", &s)
        update(&s, .inputSubmit)
        #expect(s.visible.count == 12)
        update(&s, .filters)
        let rows = s.filterPanel!.rows
        let at = rows.firstIndex { $0.kind == .value && $0.value == "2019" && $0.selected }!
        while s.filterPanel!.cursor.selection < at { update(&s, .down) }
        update(&s, .toggleValue)
        #expect(s.query == "year:2018 OR year:2020..2024")
        #expect(s.visible.count == 11)
        #expect(s.filterPanel!.rows.contains { $0.value == "2024" && $0.selected })
    }
}
