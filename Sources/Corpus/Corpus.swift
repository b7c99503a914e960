import Foundation

/// A problem with one input file, reported by `stats` (the rest of the corpus still loads).
public struct LoadWarning: Error, Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var message: String
}

/// A page whose main article was a close call (`stats` lists them, `explain` shows why).
public struct LowConfidencePage: Sendable, Hashable {
    public var file: String
    /// From 0 (a coin toss) to 1.
    public var confidence: Double
    public var decision: String
}

/// A paragraph that could not be given to any article.
public struct UnplacedParagraph: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var text: String
}

public struct CorpusStats: Sendable {
    /// Pages read and parsed.
    public var pages = 0
    /// Teaser and main-article blocks found on the pages.
    public var blocks = 0
    public var articles = 0
    /// Blocks that were merged into an article seen before (blocks - articles).
    public var merged: Int { blocks - articles }
    /// Articles with neither a publication date nor an event date.
    public var undated = 0
    public var bytes = 0
    public var warnings: [LoadWarning] = []
    public var unplaced: [UnplacedParagraph] = []
    /// Seconds each phase of the build took: read+clean, line counts, parse, merge, analyse, sort+ids.
    public var timings: [(String, Double)] = []
    /// Pages where the choice of the main article was close, least confident first.
    public var lowConfidence: [LowConfidencePage] = []
    /// Files in the given folders that are not `*.txt` pages, and were not read.
    public var ignoredFiles: [String] = []
    /// Files that could not be used at all (unreadable, binary).
    public var skippedFiles: [String] = []

    public init() {}
}

/// The articles of a set of pages, merged, analysed and sorted newest first.
public struct Corpus: Sendable {
    public var articles: [Article]
    public var stats: CorpusStats
    /// Where the pages came from: "built-in" or the paths given.
    public var origin: String

    public init(articles: [Article], stats: CorpusStats, origin: String) {
        self.articles = articles
        self.stats = stats
        self.origin = origin
    }

    /// The article with this id, or the only one whose id starts with it.
    public func article(id: String) -> Article? {
        let needle = id.lowercased()
        if let exact = articles.first(where: { $0.id == needle }) { return exact }
        let matches = articles.filter { $0.id.hasPrefix(needle) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// How a page file stood when it was found: a cached page whose stamp is the same is not read again.
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    /// Modification and status-change times, nanoseconds since 1970 (a copy that puts the old
    /// modification time back still changes the status-change time).
    public var modified: Int64
    public var changed: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    init(_ st: stat) {
        self.init(size: Int64(st.st_size), modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                  changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec),
                  inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }
}

/// A page to read: its name as shown to users and how to get its bytes.
public struct PageInput: Sendable {
    public var name: String
    public var path: String?
    public var bytes: [UInt8]?
    /// The file's stamp when it was found (nil for pages given as bytes).
    public var stamp: FileStamp? = nil

    public init(name: String, path: String, stamp: FileStamp? = nil) {
        self.name = name
        self.path = path
        self.bytes = nil
        self.stamp = stamp
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.path = nil
        self.bytes = bytes
    }
}

public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case pathNotFound(String)
    /// Nothing could be read: the paths, and why (the first problem met, files passed over).
    case noPages([String], reason: String? = nil)
    /// No page of the folder has an expected file (`reader-bench accuracy`).
    case noExpectations(String)
    /// Expected files that cannot be used (not JSON with `main` and `teasers`, or no page beside them).
    case badExpectations(String, count: Int)

    public var description: String {
        switch self {
        case .pathNotFound(let p): return "no such file or folder: \(p)"
        case .noPages(let paths, let reason):
            return "no readable pages (*.txt) in \(paths.joined(separator: ", "))" + (reason.map { ": \($0)" } ?? "")
        case .noExpectations(let dir):
            return "no page in \(dir) has an expected file (NAME.expected.json beside NAME.txt)"
        case .badExpectations(let first, let count):
            return "\(count) expected file(s) cannot be used (JSON with \"main\" and \"teasers\", beside its page), such as \(first)"
        }
    }
}

extension CorpusError {
    /// No page of `paths` could be read: why, from the first warning and the files passed over.
    public static func noPages(_ paths: [String], stats: CorpusStats) -> CorpusError {
        var reasons: [String] = []
        if let w = stats.warnings.first { reasons.append("\(w.file): \(w.message)") }
        // (The file the warning names already, as a pipe, is not named again as ignored; any
        // other is counted.)
        let others = stats.ignoredFiles.filter { $0 != stats.warnings.first?.file }
        if let first = others.first {
            let n = others.count
            reasons.append("\(n) other file\(n == 1 ? "" : "s") ignored, such as \(first)")
        }
        return .noPages(paths, reason: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }
}

extension Corpus {
    /// The five pages built into the binary (`seeds/`).
    public static func builtInPages() -> [PageInput] {
        EmbeddedData.seeds.map { PageInput(name: "seeds/" + $0.name, bytes: Array(Data(base64Encoded: $0.base64)!)) }
    }

    /// The built-in corpus. `log` gets the build's timing lines (see `CorpusBuilder.log`).
    public static func builtIn(extractor: EntityExtractor = EntityExtractor(), log: (@Sendable (String) -> Void)? = nil) -> Corpus {
        CorpusBuilder(extractor: extractor, log: log).build(builtInPages(), origin: "built-in")
    }

    /// Loads pages from files and folders (folders recursively, `*.txt` only); the built-in
    /// corpus when `paths` is empty. Throws when a path does not exist or no page could be read.
    /// `log` gets the build's timing lines (see `CorpusBuilder.log`).
    public static func load(paths: [String], extractor: EntityExtractor = EntityExtractor(),
                            progress: (@Sendable (Int, Int, Int) -> Void)? = nil,
                            log: (@Sendable (String) -> Void)? = nil) throws(CorpusError) -> Corpus {
        if paths.isEmpty { return builtIn(extractor: extractor, log: log) }
        let found = try PageFinder.find(paths)
        var corpus = CorpusBuilder(extractor: extractor, log: log).build(found.pages, origin: paths.joined(separator: " "), progress: progress)
        corpus.stats.ignoredFiles = found.ignored
        corpus.stats.warnings = found.warnings + corpus.stats.warnings
        if corpus.stats.pages == 0 { throw CorpusError.noPages(paths, stats: corpus.stats) }
        return corpus
    }
}

/// One page as the parser read it, line by line, for `explain`.
public struct PageExplanation: Sendable {
    public var name: String
    public var lines: [String]
    public var parsed: ParsedPage
    /// On how many of the explained pages each line stands (1 for lines too short to count).
    public var counts: [Int]
}

extension Corpus {
    /// Parses the pages at `paths` (files or folders) keeping the reason for every line; the
    /// corpus-wide line counts come from all of them.
    public static func explain(paths: [String]) throws(CorpusError) -> (pages: [PageExplanation], warnings: [LoadWarning]) {
        let inputs: [PageInput]
        var warnings: [LoadWarning] = []
        if paths.isEmpty {
            inputs = builtInPages()
        } else {
            let found = try PageFinder.find(paths)
            inputs = found.pages
            warnings = found.warnings
        }
        let builder = CorpusBuilder()
        let cleaned = builder.parallelMap(inputs.count) { CorpusBuilder.read(inputs[$0]) }
        let evidence = inputs.count > 1 ? LineEvidence.build(cleaned.map(\.keys), workers: builder.workers) : .none
        var pages: [PageExplanation] = []
        for (input, c) in zip(inputs, cleaned) {
            warnings += c.warnings
            guard let clean = c.clean else { continue }
            let parsed = PageParser.parse(clean, evidence: evidence, lineKeys: c.lineKeys, explain: true)
            pages.append(PageExplanation(name: input.name, lines: clean.lines, parsed: parsed,
                                         counts: clean.lines.map { $0.isEmpty ? 0 : evidence.count($0) }))
        }
        if pages.isEmpty {
            throw .noPages(paths, reason: warnings.first.map { "\($0.file): \($0.message)" })
        }
        return (pages, warnings)
    }
}
