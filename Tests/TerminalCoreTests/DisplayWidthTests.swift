import Testing
import TerminalCore

@Suite struct DisplayWidthTests {
    @Test func widthPerGrapheme() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("“quoted” — dash") == 15)
        #expect(DisplayWidth.of("ОДКБ") == 4)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)          // e + combining acute: one grapheme
        #expect(DisplayWidth.of("👍🏽") == 2)                // with skin tone: one grapheme
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)              // ZWJ family: one grapheme
        #expect(DisplayWidth.of("\u{7}") == 0)
    }

    @Test func truncateByColumns() {
        #expect(DisplayWidth.truncate("東京東京", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.truncate("Организация Договора", to: 8)) <= 8)
    }

    @Test func wrapKeepsLinesWithinWidth() {
        let text = "The CSTO — “Collective Security Treaty Organization” — и ОДКБ 東京東京東京 supercalifragilisticexpialidocious"
        for width in [1, 5, 10, 17, 40] {
            let lines = WordWrap.wrap(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= max(width, 2) }, "width \(width): \(lines)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
        #expect(WordWrap.wrap("", width: 10) == [""])
    }
}

@Suite struct LongWordWrapTests {
    /// A line of 200,000 characters with no space wraps into full lines (once, not again per line).
    @Test func aWordLongerThanManyLinesIsCutIntoFullLines() {
        let lines = WordWrap.wrap(String(repeating: "x", count: 200_000), width: 80)
        #expect(lines.count == 2_500)
        #expect(lines.allSatisfy { $0.count == 80 })
        let cjk = WordWrap.wrap(String(repeating: "中", count: 101), width: 10)
        #expect(cjk.count == 21)
        #expect(cjk.dropLast().allSatisfy { DisplayWidth.of($0) == 10 })
        #expect(WordWrap.wrap("ab " + String(repeating: "y", count: 12), width: 5) == ["ab", "yyyyy", "yyyyy", "yy"])
    }
}
