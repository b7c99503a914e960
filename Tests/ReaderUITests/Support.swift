import Corpus
import ReaderUI

enum Fixture {
    static let corpus = Corpus.builtIn()

    static func state(_ w: Int, _ h: Int) -> AppState {
        var s = AppState(articles: corpus.articles, origin: corpus.origin, width: w, height: h)
        update(&s, .resize(width: w, height: h))
        return s
    }

    static var tassIndex: Int { corpus.articles.firstIndex { $0.title.contains("TASS") }! }
}

/// Types text into the search line, one action per character.
func typeLine(_ text: String, _ s: inout AppState) { for c in text { update(&s, .input(c)) } }

/// The id of the selected article.
func id(_ s: AppState) -> String? { s.selectedArticle.map { s.articles[$0].id } }

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
