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
    /// Text paragraphs (for interviews: intro, questions and answers in order).
    public var paragraphs: [String]
    /// Question/answer pairs for interviews; empty otherwise.
    public var qa: [QAPair]
    /// Press contact lines (press secretary, e-mail, phone).
    public var contacts: [String]
    /// Image file names, photo credits and document links found in the text.
    public var media: [String]
    public var sources: [Source]
    /// The author, when the page names one under the title (republished newspaper pieces).
    public var byline: String? = nil
    /// The publication time stamp as the page writes it (`October 11, 2017, 00:01`).
    public var timestamp: String? = nil
    /// Other headlines of the article: a reworded repeat of the title, a quoted newspaper headline.
    public var alternateTitles: [String] = []

    public init(id: String, title: String, kind: ArticleKind = .other, full: Bool, published: Day? = nil,
                event: DateSpan? = nil, organizations: [String] = [], countries: [String] = [],
                people: [String] = [], exercises: [String] = [], paragraphs: [String], qa: [QAPair] = [],
                contacts: [String] = [], media: [String] = [], sources: [Source]) {
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
        self.paragraphs = paragraphs
        self.qa = qa
        self.contacts = contacts
        self.media = media
        self.sources = sources
    }

    /// The date shown in lists: published, else the event's start.
    public var displayDate: Day? { published ?? event?.start }
}
