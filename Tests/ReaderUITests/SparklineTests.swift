import ReaderUI
import Testing

/// The header's sparkline of the results by year.
@Suite struct SparklineTests {
    @Test func sparklineOfYears() {
        #expect(sparkline([("2024", 8), ("2019", 1), ("2018", 1)]).bars == "▁▁    █")
        #expect(sparkline([]).bars == "")
    }

    @Test func theSparklineFollowsTheResults() {
        var s = Fixture.state(120, 40)
        update(&s, .searchStart)
        for c in "afgh year:2024" { update(&s, .input(c)) }
        update(&s, .inputSubmit)
        #expect(sparkline(s.resultYears).bars == "█")
    }
}
