import Testing
@testable import Corpus

@Suite struct PageCleanerTests {
    @Test func lineEndsOfEveryKind() {
        let p = PageCleaner.clean(Array("a\r\nb\rc\nd".utf8))
        #expect(p.lines == ["a", "b", "c", "d"])
        #expect(PageCleaner.clean(Array("a\n".utf8)).lines == ["a"])
        #expect(PageCleaner.clean([]).lines == [])
    }

    @Test func invalidBytesAreReplacedAndCounted() {
        let p = PageCleaner.clean([0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE2, 0x82, 0x0A, 0x63, 0xED, 0xA0, 0x80])
        #expect(p.invalidBytes == 7)
        #expect(p.lines[0] == "a\u{FFFD}b\u{FFFD}(\u{FFFD}\u{FFFD}")
        #expect(p.lines[1] == "c\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func spacesAreNormalizedAndControlsDropped() {
        let text = "\u{FEFF}  One\u{00A0}two\u{2003}three\tfour\u{202F}five  \n\u{1B}[31mred\u{1B}[0m \u{202E}evil\u{2066}\u{0007}\n\u{0085}x\u{200B}y"
        let p = PageCleaner.clean(Array(text.utf8))
        #expect(p.hadBOM)
        #expect(p.lines == ["One two three four five", "[31mred[0m evil", "xy"])
        #expect(p.removedCharacters == 7)
    }

    @Test func cyrillicAndTypographyPassUntouched() {
        let text = "ОДКБ — «Взаимодействие-2018» “quoted” ‘single’ 東京"
        #expect(PageCleaner.clean(Array(text.utf8)).lines == [text])
    }

    @Test func paragraphSeparatorStartsALine() {
        #expect(PageCleaner.clean(Array("a\u{2029}b\u{2028}c".utf8)).lines == ["a", "b", "c"])
    }
}
