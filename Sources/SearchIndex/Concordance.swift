import Corpus

/// Keyword in context: every occurrence of a query's words in a set of articles, with the
/// text on either side, for the `kwic` command and the reader's keyword-in-context screen.
public struct ConcordanceLine: Sendable, Equatable {
    /// Where in the article a line's keyword is: the title or a paragraph (`paragraph` says
    /// which), another title the article was printed under (its index), or the byline. The
    /// last two are searched as well, so an article found by them is shown by them.
    public enum Place: Sendable, Equatable {
        case text
        case otherTitle(Int)
        case byline
    }

    /// The article (an index into the articles) and the paragraph (-1: the title, or a place
    /// other than the text).
    public var article: Int
    public var paragraph: Int
    public var place: Place = .text
    /// The index of the other title the keyword stands in (nil in any other place).
    public var otherTitle: Int? { if case .otherTitle(let k) = place { k } else { nil } }
    public var left: String
    public var keyword: String
    public var right: String
    /// Where the keyword starts in its paragraph, in Unicode scalars (for JSON consumers).
    public var offset: Int
}

public enum Concordance {
    /// The text a line's keyword stands in, in its article.
    public static func text(of l: ConcordanceLine, in a: Article) -> String {
        switch l.place {
        case .text: l.paragraph < 0 ? a.title : a.paragraphs[l.paragraph]
        case .otherTitle(let k): a.alternateTitles[k]
        case .byline: a.byline ?? ""
        }
    }

    public enum Order: String, Sendable, CaseIterable {
        /// Newest article first, then in reading order.
        case date
        /// By the words just left of the keyword, read right to left (as concordancers sort).
        case left
        /// By the words right of the keyword.
        case right
    }

    /// The occurrences in `articles` (indices, in the order given), with `context` characters on
    /// each side (whitespace folded to single spaces), at most `limit` of them.
    public static func lines(_ articles: [Int], in table: (Int) -> Article, highlighter: Highlighter, context: Int = 40,
                             limit: Int = .max) -> [ConcordanceLine] {
        var out: [ConcordanceLine] = []
        guard !highlighter.isEmpty else { return out }
        for a in articles {
            let article = table(a)
            // A teaser's title is the start of its lead: its words are counted there, once.
            let stem = article.title.hasSuffix("…") ? String(article.title.dropLast()) : article.title
            let titleRepeatsLead = article.paragraphs.first?.hasPrefix(stem) == true
            // In reading order, as the pager shows them: the title, the other titles, the byline,
            // the paragraphs (-1 for all but the paragraphs).
            var texts: [(text: String, place: ConcordanceLine.Place, paragraph: Int)] = [(titleRepeatsLead ? "" : article.title, .text, -1)]
            texts += article.alternateTitles.enumerated().map { ($0.element, .otherTitle($0.offset), -1) }
            if let byline = article.byline { texts.append((byline, .byline, -1)) }
            texts += article.paragraphs.enumerated().map { ($0.element, .text, $0.offset) }
            for (text, place, paragraph) in texts {
                let ranges = highlighter.ranges(in: text)
                guard !ranges.isEmpty else { continue }
                let utf8 = Array(text.utf8)
                // Only the bytes the context can show are decoded (a character is at most 4
                // bytes), cut at a character's start.
                let reach = context * 4 + 8
                // Scalars before each keyword, counted on from the last one.
                var scalars = 0, counted = 0
                for r in ranges {
                    for k in counted..<r.lowerBound where utf8[k] & 0xC0 != 0x80 { scalars += 1 }
                    counted = r.lowerBound
                    var from = max(0, r.lowerBound - reach)
                    while from > 0, from < r.lowerBound, utf8[from] & 0xC0 == 0x80 { from -= 1 }
                    var to = min(utf8.count, r.upperBound + reach)
                    while to < utf8.count, utf8[to] & 0xC0 == 0x80 { to += 1 }
                    let before = String(decoding: utf8[from..<r.lowerBound], as: UTF8.self)
                    let after = String(decoding: utf8[r.upperBound..<to], as: UTF8.self)
                    out.append(ConcordanceLine(
                        article: a, paragraph: paragraph, place: place,
                        left: tail(folded(before), context), keyword: String(decoding: utf8[r], as: UTF8.self),
                        right: head(folded(after), context), offset: scalars))
                    if out.count >= limit { return out }
                }
            }
        }
        return out
    }

    /// What a line sorts by: the words left of the keyword read right to left, or the words
    /// right of it.
    public static func sortKey(_ l: ConcordanceLine, by order: Order) -> String {
        order == .left ? Folding.terms(l.left).reversed().joined(separator: " ") : Folding.terms(l.right).joined(separator: " ")
    }

    /// Sorts lines by the order asked (stable: ties keep the date order). Each line's key is
    /// folded once, not in every comparison.
    public static func sorted(_ lines: [ConcordanceLine], by order: Order) -> [ConcordanceLine] {
        guard order != .date else { return lines }
        let keys = lines.map { sortKey($0, by: order) }
        let idx = lines.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }
        return idx.map { lines[$0] }
    }

    /// Runs of whitespace (line breaks, non-breaking spaces) as one space. By scalar: it runs
    /// twice for every occurrence.
    static func folded(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        // A space right beside the keyword stays (the keyword is a word of its own).
        var space = false
        var started = false
        var first = true
        for u in s.unicodeScalars {
            let white = u.value < 0x80 ? (u == " " || u == "\n" || u == "\t" || u == "\r" || u.value == 0x0B || u.value == 0x0C)
                : u.properties.isWhitespace
            if first { space = white; first = false }
            if white {
                space = true
            } else {
                if space { out.append(" ") }
                space = false
                started = true
                out.append(u)
            }
        }
        if space, started { out.append(" ") }
        return String(out)
    }

    /// The last `n` characters (with "…" when cut), the first `n` characters.
    static func tail(_ s: String, _ n: Int) -> String { s.count <= n ? s : "…" + String(s.suffix(n - 1)) }
    static func head(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
