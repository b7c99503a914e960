/// What an article is about, for filtering and the timeline.
public enum ArticleKind: String, CaseIterable, Sendable, Hashable {
    case exercise, meeting, interview, statement, other
}

/// Where on a page a block came from.
public enum SourceRole: String, Sendable, Hashable {
    /// The page's main article.
    case main
    /// A sidebar teaser.
    case teaser
}

/// One appearance of an article on a page.
public struct Source: Hashable, Sendable {
    /// The page's path as it was given (or `seeds/NAME` for the built-in corpus).
    public var file: String
    public var role: SourceRole
    /// 1-based line of the block's first line on the page.
    public var line: Int

    public init(file: String, role: SourceRole, line: Int) {
        self.file = file
        self.role = role
        self.line = line
    }
}

/// One question of an interview with its answer (answer paragraphs joined by a newline).
public struct QAPair: Hashable, Sendable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// The long parts of an article: its text, sources and media. Kept apart from the fields lists
/// and filters use, so that a corpus opened from the cache reads them only for the articles
/// shown (see `ArticleBody`).
public struct ArticleDetails: Sendable {
    public var paragraphs: [String]
    public var qa: [QAPair]
    public var contacts: [String]
    public var media: [String]
    public var sources: [Source]
    public var alternateTitles: [String]

    public init(paragraphs: [String], qa: [QAPair] = [], contacts: [String] = [], media: [String] = [],
                sources: [Source] = [], alternateTitles: [String] = []) {
        self.paragraphs = paragraphs
        self.qa = qa
        self.contacts = contacts
        self.media = media
        self.sources = sources
        self.alternateTitles = alternateTitles
    }
}

/// Where an article's details come from: decoded on demand from an open cache.
public protocol ArticleDetailsSource: AnyObject, Sendable {
    func details(_ ref: Int) -> ArticleDetails
}

/// An article's details, held (an article built from pages) or read on demand from a cache.
/// Immutable: changing a detail of an article gives it a new body, so copies never share a change.
public final class ArticleBody: Sendable {
    let held: ArticleDetails?
    let source: (any ArticleDetailsSource)?
    let ref: Int

    public init(_ details: ArticleDetails) {
        held = details
        source = nil
        ref = 0
    }

    public init(source: any ArticleDetailsSource, ref: Int) {
        held = nil
        self.source = source
        self.ref = ref
    }

    public var details: ArticleDetails { held ?? source!.details(ref) }
}

/// A news item, merged from every page it appears on.
public struct Article: Sendable, Identifiable {
    /// Stable across runs and machines: derived from the article's lead text.
    public var id: String
    public var title: String
    public var kind: ArticleKind
    /// True when the main article (with its title and body) was seen, false for teaser-only items.
    public var full: Bool
    /// From a `dd.mm.yyyy` date on the page.
    public var published: Day?
    /// The date or span the text states for the event itself.
    public var event: DateSpan?
    public var organizations: [String]
    public var countries: [String]
    public var people: [String]
    public var exercises: [String]
    /// The author, when the page names one under the title (republished newspaper pieces).
    public var byline: String? = nil
    /// The publication time stamp as the page writes it (`October 11, 2017, 00:01`).
    public var timestamp: String? = nil
    /// Text, sources and media; read through the properties below.
    public var body: ArticleBody
    /// A hash of the text the analysis read (kind, dates, entities): an unchanged text keeps its
    /// analysis when the pages are read again (0 when unknown).
    public var textHash: UInt64 = 0

    /// A detail, read from the body; changing it gives the article a body of its own.
    subscript<T>(detail key: WritableKeyPath<ArticleDetails, T>) -> T {
        get { body.details[keyPath: key] }
        set {
            var d = body.details
            d[keyPath: key] = newValue
            body = ArticleBody(d)
        }
    }

    /// Text paragraphs (for interviews: intro, questions and answers in order).
    public var paragraphs: [String] { get { self[detail: \.paragraphs] } set { self[detail: \.paragraphs] = newValue } }
    /// Question/answer pairs for interviews; empty otherwise.
    public var qa: [QAPair] { get { self[detail: \.qa] } set { self[detail: \.qa] = newValue } }
    /// Press contact lines (press secretary, e-mail, phone).
    public var contacts: [String] { get { self[detail: \.contacts] } set { self[detail: \.contacts] = newValue } }
    /// Image file names, photo credits and document links found in the text.
    public var media: [String] { get { self[detail: \.media] } set { self[detail: \.media] = newValue } }
    public var sources: [Source] { get { self[detail: \.sources] } set { self[detail: \.sources] = newValue } }
    /// Other headlines of the article: a reworded repeat of the title, a quoted newspaper headline.
    public var alternateTitles: [String] {
        get { self[detail: \.alternateTitles] }
        set { self[detail: \.alternateTitles] = newValue }
    }
    /// The texts shown (and searched) besides the title and the paragraphs: the other titles,
    /// then the byline.
    public var otherTexts: [String] { alternateTitles + (byline.map { [$0] } ?? []) }

    public init(id: String, title: String, kind: ArticleKind = .other, full: Bool, published: Day? = nil,
                event: DateSpan? = nil, organizations: [String] = [], countries: [String] = [],
                people: [String] = [], exercises: [String] = [], paragraphs: [String], qa: [QAPair] = [],
                contacts: [String] = [], media: [String] = [], sources: [Source], alternateTitles: [String] = []) {
        self.init(id: id, title: title, kind: kind, full: full, published: published, event: event,
                  organizations: organizations, countries: countries, people: people, exercises: exercises,
                  body: ArticleBody(ArticleDetails(paragraphs: paragraphs, qa: qa, contacts: contacts, media: media,
                                                   sources: sources, alternateTitles: alternateTitles)))
    }

    public init(id: String, title: String, kind: ArticleKind, full: Bool, published: Day?, event: DateSpan?,
                organizations: [String], countries: [String], people: [String], exercises: [String],
                byline: String? = nil, timestamp: String? = nil, body: ArticleBody) {
        self.id = id
        self.title = title
        self.kind = kind
        self.full = full
        self.published = published
        self.event = event
        self.organizations = organizations
        self.countries = countries
        self.people = people
        self.exercises = exercises
        self.byline = byline
        self.timestamp = timestamp
        self.body = body
    }

    /// The date shown in lists: published, else the event's start.
    public var displayDate: Day? { published ?? event?.start }
}

/// The articles of a corpus by position: held in memory, or read one at a time from an open
/// cache (a CLI search then reads only the articles it prints).
public struct ArticleTable: RandomAccessCollection, Sendable {
    let held: [Article]?
    let read: (@Sendable (Int) -> Article)?
    public let count: Int

    public init(_ articles: [Article]) {
        held = articles
        read = nil
        count = articles.count
    }

    /// `count` articles, article `i` made by `read(i)` each time it is asked for.
    public init(count: Int, read: @escaping @Sendable (Int) -> Article) {
        held = nil
        self.read = read
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Article {
        if let held { return held[i] }
        precondition(i >= 0 && i < count, "article index out of range")
        return read!(i)
    }
}
