import Testing
import TerminalCore

@Suite struct BufferTests {
    @Test func wideGraphemesTakeTwoCellsAndClip() {
        var b = Buffer(width: 6, height: 1)
        let used = b.put("東京x", x: 0, y: 0)
        #expect(used == 5)
        #expect(b[0, 0].text == "東" && b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b.lines == ["東京x "])
        // A wide grapheme that does not fit is not cut in half.
        var c = Buffer(width: 3, height: 1)
        #expect(c.put("a東京", x: 0, y: 0) == 3)
        #expect(c.lines == ["a東"])
        #expect(c.put("東", x: 2, y: 0) == 0)
    }

    @Test func controlAndBidiCharactersNeverEnterTheBuffer() {
        var b = Buffer(width: 20, height: 1)
        b.put("a\u{1B}[31mb\u{202E}c\u{9B}d", x: 0, y: 0)
        let text = b.lines[0]
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x9B })
        #expect(text.hasPrefix("a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d"))
    }

    @Test func overwritingHalfAWideCellBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("東京", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.lines == [" x京"])
        #expect(!b[2, 0].isContinuation)
    }

    @Test func limitsAndOffscreenWritesAreSafe() {
        var b = Buffer(width: 5, height: 2)
        #expect(b.put("hello world", x: 1, y: 0, limit: 3) == 3)
        #expect(b.lines[0] == " hel ")
        #expect(b.put("x", x: 9, y: 0) == 0)
        #expect(b.put("x", x: 0, y: 5) == 0)
        #expect(b.put("x", x: 0, y: -1) == 0)
        var empty = Buffer(width: 0, height: 0)
        #expect(empty.put("x", x: 0, y: 0) == 0)
        #expect(empty.text == "")
    }

    @Test func applyingTheDiffReproducesTheFrame() {
        var rng = SystemRandomNumberGenerator()
        let words = ["CSTO", "ОДКБ", "東京", "👍🏽", "e\u{301}", "—", "x", "  "]
        for _ in 0..<200 {
            let w = Int.random(in: 1...12, using: &rng), h = Int.random(in: 1...4, using: &rng)
            var a = Buffer(width: w, height: h), b = Buffer(width: w, height: h)
            for _ in 0..<6 {
                a.put(words.randomElement()!, x: Int.random(in: 0..<w), y: Int.random(in: 0..<h), style: Style(bold: Bool.random()))
                b.put(words.randomElement()!, x: Int.random(in: 0..<w), y: Int.random(in: 0..<h), style: Style(reverse: Bool.random()))
            }
            var screen = a
            screen.apply(b.diff(from: a))
            #expect(screen == b)
            var fresh = Buffer(width: w, height: h)
            fresh.apply(b.diff(from: nil))
            #expect(fresh == b)
            #expect(b.diff(from: b).isEmpty)
        }
    }

    @Test func theDiffHoldsOnlyWhatChanged() {
        var a = Buffer(width: 80, height: 24)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("j", x: 10, y: 5)
        let runs = b.diff(from: a)
        #expect(runs == [CellRun(x: 10, y: 5, cells: [Cell("j")])])
    }
}
