import Foundation
import Testing
@testable import Corpus

/// The export writes an article's JSON straight to bytes; it must be the same text as the JSON
/// the rest of the program prints, escapes included.
@Suite struct ArticleJSONTests {
    @Test func theDirectWriterMatchesTheJSONTree() throws {
        var articles = Corpus.builtIn().articles
        articles += Array(CorpusBuilder().build((0..<40).map { p in
            let page = PageGenerator(seed: 3).page(p)
            return PageInput(name: page.name, bytes: Array(page.text.utf8))
        }, origin: "generated").articles.prefix(60))
        // Every character that needs an escape, in every field that holds text.
        let hostile = "quote \" backslash \\ nl \n cr \r tab \t bell \u{07} del \u{7F} c1 \u{85}\u{9B} ls \u{2028} ps \u{2029} “curly” ОДКБ 中文 \u{2026}"
        var odd = articles[0]
        odd.title = hostile
        odd.paragraphs = [hostile, "", "\u{C2}"]
        odd.byline = hostile
        odd.qa = [QAPair(question: hostile, answer: "\\\"")]
        odd.sources = [Source(file: "a\"b.txt", role: .main, line: 12_345)]
        articles.append(odd)
        #expect(articles.count > 70)
        for a in articles {
            var bytes = [UInt8]()
            a.compactJSON(into: &bytes)
            let direct = String(decoding: bytes, as: UTF8.self)
            #expect(direct == a.json.renderCompact(), "article \(a.id)")
            // And it is JSON that reads back to the same title.
            let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            #expect(object?["title"] as? String == a.title)
        }
    }

    @Test func quotingEscapesControlsAndSeparators() {
        #expect(JSONWriter.quote("a\u{2028}b\u{85}c\u{1B}d\"e\\f") == "\"a\\u2028b\\u0085c\\u001bd\\\"e\\\\f\"")
        // Bytes that only start an escape are kept when what follows is not one.
        #expect(JSONWriter.quote("é — ¢") == "\"é — ¢\"")
    }
}
