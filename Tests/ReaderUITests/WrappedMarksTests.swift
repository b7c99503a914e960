import SearchIndex
import Testing
import TerminalCore
@testable import ReaderUI

/// Marks for a query over wrapped lines, and the pager's own search.
@Suite struct WrappedMarksTests {
    @Test func aWrappedPhraseIsMarkedOnBothLinesAndQuotesFindTheWords() throws {
        let h = Highlighter(try QueryParser.parse("\"strategic command\"", prefixLast: false))
        func line(_ text: String, _ paragraph: Int?) -> DocLine {
            var l = DocLine(segments: [Segment(text: text, role: .text)])
            l.paragraph = paragraph
            return l
        }
        let lines = [line("the CSTO held a strategic", 0), line("command exercise, a strategic", 0), line("command post", 1)]
        func marked(_ i: Int) -> [String] {
            DocLine.marks(h, lines, i).map { String(decoding: Array(lines[i].text.utf8)[$0], as: UTF8.self) }
        }
        #expect(marked(0) == ["strategic"])
        #expect(marked(1) == ["command"])
        // Another paragraph: no phrase across it.
        #expect(marked(2).isEmpty)
        // The pager's own search takes quotes around the text as the query language's.
        #expect(ArticleDocument.matches("\"strategic command\"", in: lines).count == ArticleDocument.matches("strategic command", in: lines).count)
        #expect(ArticleDocument.matches("\"strategic command\"", in: lines).count == 2)
    }
}
