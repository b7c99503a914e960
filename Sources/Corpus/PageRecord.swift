import Foundation

/// What one page gave, kept by the cache so that a later build reads and parses only what changed.
public struct PageRecord: Sendable {
    public var name: String
    public var stamp: FileStamp?
    public var contentHash: UInt64
    public var bytes: Int
    /// Warnings from reading and parsing the page.
    public var warnings: [LoadWarning]
    /// The distinct keys of its lines (for the corpus-wide counts).
    public var keys: [UInt64]
    /// Whether the parse had corpus counts (more than one page).
    public var usedCounts: Bool
    /// The keys whose counts the parse read, with those counts, by key.
    public var consulted: [(key: UInt64, count: UInt32)]
    /// The parse (its blocks, unplaced lines, confidence and decision); nil when the page could not be used.
    public var parsed: ParsedPage?

    public init(name: String, stamp: FileStamp?, contentHash: UInt64, bytes: Int, warnings: [LoadWarning], keys: [UInt64],
                usedCounts: Bool, consulted: [(key: UInt64, count: UInt32)], parsed: ParsedPage?) {
        self.name = name
        self.stamp = stamp
        self.contentHash = contentHash
        self.bytes = bytes
        self.warnings = warnings
        self.keys = keys
        self.usedCounts = usedCounts
        self.consulted = consulted
        self.parsed = parsed
    }
}

/// What an article's analysis found (kept across builds for an unchanged text).
public struct Analysis: Sendable {
    public var kind: ArticleKind
    public var event: DateSpan?
    public var organizations: [String]
    public var countries: [String]
    public var people: [String]
    public var exercises: [String]
    /// Nil: made again from the paragraphs.
    public var qa: [QAPair]?

    public init(kind: ArticleKind, event: DateSpan?, organizations: [String], countries: [String], people: [String],
                exercises: [String], qa: [QAPair]?) {
        self.kind = kind
        self.event = event
        self.organizations = organizations
        self.countries = countries
        self.people = people
        self.exercises = exercises
        self.qa = qa
    }
}

/// A previous build of the same set of pages: its page records by name, and the analyses of its
/// articles by `Article.textHash`.
public struct PreviousBuild: Sendable {
    public var records: [String: PageRecord]
    public var analysis: @Sendable (UInt64) -> Analysis?

    public init(records: [String: PageRecord], analysis: @escaping @Sendable (UInt64) -> Analysis?) {
        self.records = records
        self.analysis = analysis
    }
}

/// What a refresh found and did.
public struct RefreshSummary: Sendable, Equatable {
    public var added = 0
    public var changed = 0
    public var removed = 0
    /// Files with a new stamp but the same bytes.
    public var touched = 0
    /// Files read (new, changed, touched, and kept pages parsed again).
    public var reread = 0
    /// Kept pages parsed again because the corpus counts they depend on changed order.
    public var reparsedForCounts = 0
    /// Pages parsed.
    public var parsed = 0
    /// Articles analysed (the others kept their analysis).
    public var reanalysed = 0

    public init() {}
}

extension CorpusBuilder {
    /// A build: the corpus, the page records (when asked for), and what was redone.
    public struct Build: Sendable {
        public var corpus: Corpus
        public var records: [PageRecord]
        public var summary: RefreshSummary
    }
}

extension PageBlock {
    public static func restored(role: SourceRole, title: String?, published: Day?, paragraphs: [String], contacts: [String], media: [String],
                line: Int, byline: String?, timestamp: String?, alternateTitles: [String], alsoAt: [Int],
                leadKey: UInt64, titleKey: UInt64?) -> PageBlock {
        PageBlock(role: role, title: title, published: published, paragraphs: paragraphs, contacts: contacts, media: media,
                  line: line, byline: byline, timestamp: timestamp, alternateTitles: alternateTitles, alsoAt: alsoAt,
                  leadKey: leadKey, titleKey: titleKey)
    }
}

extension ParsedPage {
    /// A parse as the cache keeps it: what the build reads of it.
    public init(blocks: [PageBlock], unplaced: [UnplacedLine], badDates: [UnplacedLine], confidence: Double, decision: String) {
        self.init(blocks: blocks, unplaced: unplaced, roles: [], badDates: badDates, footerFound: false,
                  confidence: confidence, decision: decision)
    }
}

extension UnplacedLine {
    public static func restored(line: Int, text: String) -> UnplacedLine { UnplacedLine(line: line, text: text) }
}

extension LoadWarning {
    public static func restored(file: String, line: Int?, message: String) -> LoadWarning {
        LoadWarning(file: file, line: line, message: message)
    }
}

extension LowConfidencePage {
    public static func restored(file: String, confidence: Double, decision: String) -> LowConfidencePage {
        LowConfidencePage(file: file, confidence: confidence, decision: decision)
    }
}

extension UnplacedParagraph {
    public static func restored(file: String, line: Int, text: String) -> UnplacedParagraph {
        UnplacedParagraph(file: file, line: line, text: text)
    }
}

extension Day {
    /// The day of a `yyyymmdd` ordinal (nil for 0 or a number that is no day).
    public init?(ordinal: Int) {
        guard ordinal > 0 else { return nil }
        self.init(year: ordinal / 10_000, month: ordinal / 100 % 100, day: ordinal % 100)
    }
}
