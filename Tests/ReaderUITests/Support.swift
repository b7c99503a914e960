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
