/// What a line of a page became.
public enum LineRole: UInt8, Sendable, CaseIterable {
    case blank, date, title, titleRepeat, paragraph, contact, media, footer, unplaced
    /// A section heading above a list of headlines ("News", "CSTO Secretariat").
    case heading
    /// The author's name between a title and its body.
    case byline
    /// A publication time stamp (`October 11, 2017, 00:01`).
    case timestamp
    /// A sidebar line that is the page's own main article (its headline or lead).
    case selfTeaser

    public var name: String {
        switch self {
        case .blank: return "blank"
        case .date: return "date"
        case .title: return "title"
        case .titleRepeat: return "title repeat"
        case .paragraph: return "body"
        case .contact: return "contact"
        case .media: return "media"
        case .footer: return "footer"
        case .unplaced: return "unplaced"
        case .heading: return "heading"
        case .byline: return "byline"
        case .timestamp: return "timestamp"
        case .selfTeaser: return "self teaser"
        }
    }
}

/// One article block on a page: a sidebar teaser or the main article.
public struct PageBlock: Sendable {
    public var role: SourceRole
    /// The headline: the main article's title, or a teaser's headline line; nil when there is none.
    public var title: String?
    public var published: Day?
    public var paragraphs: [String]
    public var contacts: [String]
    public var media: [String]
    /// 1-based line of the block's first line.
    public var line: Int
    /// The author, when a byline stands under the title.
    public var byline: String? = nil
    /// A publication time stamp as written (`October 11, 2017, 00:01`).
    public var timestamp: String? = nil
    /// Other headlines of the same article: a reworded repeat, a quoted newspaper headline.
    public var alternateTitles: [String] = []
    /// 1-based lines where the page's sidebar shows this article again (its own headline or lead).
    public var alsoAt: [Int] = []
    /// Fingerprints of the lead (first paragraph, else title) and of the title, computed while the
    /// pages are parsed in parallel so that the merge only looks them up.
    public var leadKey: UInt64 = 0
    public var titleKey: UInt64? = nil
}

/// A line of a page that could not be given to any article (reported by `stats`).
public struct UnplacedLine: Sendable, Hashable {
    public var line: Int
    public var text: String
}

/// A line considered for the main title, with its score and the features that made it.
public struct TitleCandidate: Sendable {
    /// 1-based line.
    public var line: Int
    public var score: Double
    public var reasons: [String]
}

/// The blocks of one page and what became of each of its lines.
public struct ParsedPage: Sendable {
    public var blocks: [PageBlock]
    public var unplaced: [UnplacedLine]
    /// One role per line of the cleaned page.
    public var roles: [LineRole]
    /// Lines holding a `dd.mm.yyyy` that is not a real day (`31.02.2024`).
    public var badDates: [UnplacedLine]
    public var footerFound: Bool
    /// How clear the choice of the main article was, from 0 (a coin toss) to 1 (no contest).
    public var confidence: Double = 1
    /// One sentence: why the page has the main article it has (or none).
    public var decision: String = ""
    /// The lines that were considered for the main title, best first (filled when explaining).
    public var candidates: [TitleCandidate] = []
    /// Per line: the reason for its role (filled when explaining, else empty).
    public var reasons: [String] = []
    /// Per line: the index in `blocks` of the article it went to, -1 for none (filled when explaining).
    public var blockOfLine: [Int] = []
    /// The section heading above a list of headlines ("News"), if the page has one.
    public var section: String? = nil
    /// The line keys whose corpus counts the parse read, with those counts. The parse depends on
    /// the counts only through comparisons among them and with 1 and 2, so it comes out the same
    /// under new counts that keep their order (see `CorpusBuilder.stillHolds`).
    public var consulted: [(key: UInt64, count: UInt32)] = []
}

/// Splits a cleaned page into teasers, the main article, contacts and footer.
///
/// It works in three steps. Each line gets features on its own (headline-like, lead-like, date
/// line, credit, byline, time stamp, its count across the corpus). Every headline-like line is
/// then scored as the main title by what follows it (a repeat of it, a date, credits, a body of
/// sentences) and what the corpus says (a line seen on many pages is sidebar); the best score
/// above a threshold wins, and how far it stands above the next is the page's confidence.
/// Last, what stands before the title is split into sidebar teasers (at date lines, block gaps
/// and stacked one-line teasers), what follows into the main article's header, body and
/// trailing teasers. `explain` keeps the reason for every line.
public enum PageParser {
    struct Item {
        var index: Int        // line index (0-based)
        var text: String
        var gap: Int          // blank lines before it
        var isDate: Bool
        var day: Day?
    }

    /// `lineKeys` are the pages' line keys as `LineEvidence` counted them (computed here when nil).
    public static func parse(_ page: CleanPage, evidence: LineEvidence = .none, lineKeys: [UInt64]? = nil,
                             explain: Bool = false) -> ParsedPage {
        var p = Parse(page, evidence: evidence, explain: explain)
        if evidence.pages > 1 {
            p.lineKeys = lineKeys.flatMap { $0.count == page.lines.count ? $0 : nil } ?? LineEvidence.keys(page.lines).perLine
        }
        return p.run()
    }

    struct Parse {
        let lines: [String]
        let evidence: LineEvidence
        var lineKeys: [UInt64] = []
        let explain: Bool
        var roles: [LineRole]
        var why: [String] = []
        var badDates: [UnplacedLine] = []
        var items: [Item] = []
        var blocks: [PageBlock] = []
        /// Per block: the page lines it took (explain only).
        var blockLines: [[Int]] = []
        var unplaced: [UnplacedLine] = []
        var confidence = 1.0
        var decision = ""
        var candidates: [TitleCandidate] = []

        // The content items (between the header junk and the footer) and their features.
        var content: [Item] = []
        var featureCache: [LineFeatures?] = []
        var countCache: [Int] = []
        var consulted: [(key: UInt64, count: UInt32)] = []
        var scan = Scan()
        /// Where the teasers printed after the footer start in `content` (its end when there are none).
        var tailStart = 0
        /// Credits `splitTeasers` found after its last teaser, for the caller to place.
        var leftoverMedia: [Int] = []
        /// The block that got the page's contact block and credits (for `explain`).
        var contactsOwner: Int? = nil
        /// Lines of the page's contact block and credits (before or after the footer).
        var pageLevelLines: [Int] = []
        /// A section heading above a list of headlines, if any.
        var heading: String? = nil

        init(_ page: CleanPage, evidence: LineEvidence, explain: Bool) {
            lines = page.lines
            self.evidence = evidence
            self.explain = explain
            roles = [LineRole](repeating: .blank, count: page.lines.count)
            if explain { why = [String](repeating: "", count: page.lines.count) }
        }

        /// The reason for a line's role: the last one given, as roles may change on the way.
        mutating func note(_ line: Int, _ reason: @autoclosure () -> String) {
            if explain { why[line] = reason() }
        }

        mutating func place(_ item: Item, _ role: LineRole, _ reason: @autoclosure () -> String = "") {
            // A glued date line keeps the role of its text.
            if item.isDate, roles[item.index] != .blank, roles[item.index] != role { return }
            roles[item.index] = role
            if explain { let r = reason(); if !r.isEmpty { note(item.index, r) } }
        }

        mutating func markUnplaced(_ item: Item, _ reason: @autoclosure () -> String = "belongs to no article") {
            unplaced.append(UnplacedLine(line: item.index + 1, text: item.text))
            roles[item.index] = .unplaced
            note(item.index, reason())
        }

        mutating func features(_ k: Int) -> LineFeatures {
            if let f = featureCache[k] { return f }
            let f = content[k].isDate ? LineFeatures() : LineFeatures(content[k].text)
            featureCache[k] = f
            return f
        }

        /// On how many pages of the corpus the item's line stands.
        mutating func count(_ k: Int) -> Int {
            guard evidence.pages > 1 else { return 1 }
            if countCache[k] == 0 {
                // A glued date's text stands on the same line as its date: the line's key skips the date.
                if content[k].isDate {
                    countCache[k] = 1
                } else {
                    let key = lineKeys[content[k].index]
                    countCache[k] = evidence.count(key: key)
                    if key != 0 { consulted.append((key, UInt32(countCache[k]))) }
                }
            }
            return countCache[k]
        }

        mutating func run() -> ParsedPage {
            // 1. Items: non-blank lines, date lines (alone or glued to their text) split out.
            var gap = 0
            for (i, text) in lines.enumerated() {
                if text.isEmpty { gap += 1; continue }
                let (day, matched) = TextTools.leadingDottedDate(text)
                if matched {
                    if day == nil { badDates.append(UnplacedLine(line: i + 1, text: String(text.prefix(10)))) }
                    let rest = text.dropFirst(10).drop(while: { $0 == " " })
                    items.append(Item(index: i, text: String(text.prefix(10)), gap: gap, isDate: true, day: day))
                    if !rest.isEmpty { items.append(Item(index: i, text: String(rest), gap: 0, isDate: false, day: nil)) }
                } else if text.utf8.count <= 32, let day = LineFeatures.dateLine(text) {
                    // A date written out alone on its line (`May 22, 2019`).
                    items.append(Item(index: i, text: text, gap: gap, isDate: true, day: day))
                } else {
                    items.append(Item(index: i, text: text, gap: gap, isDate: false, day: nil))
                }
                gap = 0
            }

            // 2. Footer links are boilerplate wherever they stand. What follows the last footer
            //    (when content came before the first) is a tail: contacts, media or unplaced.
            var footerFound = false
            var kept: [Item] = []
            var firstFooterAt: Int? = nil
            var lastFooterAt: Int? = nil
            for item in items {
                if !item.isDate, Boilerplate.isFooter(item.text) {
                    roles[item.index] = .footer
                    note(item.index, "a footer link")
                    footerFound = true
                    if firstFooterAt == nil { firstFooterAt = kept.count }
                    lastFooterAt = kept.count
                } else {
                    kept.append(item)
                }
            }
            var tail: [Item] = []
            if let first = firstFooterAt, let last = lastFooterAt, first > 0, last < kept.count {
                tail = Array(kept[last...])
                kept.removeSubrange(last...)
            }
            // Footer links cut short by the scraper, at the very end.
            while let lastItem = tail.last ?? kept.last, !lastItem.isDate, Boilerplate.isFooterFragment(lastItem.text) {
                roles[lastItem.index] = .footer
                note(lastItem.index, "a footer link cut short")
                footerFound = true
                if tail.isEmpty { kept.removeLast() } else { tail.removeLast() }
            }
            var contacts: [String] = []
            var media: [String] = []
            // Teasers standing after the footer (a sidebar printed at the bottom): a line of a
            // teaser's length that is no contact and no credit. Short stray lines stay unplaced.
            let tailHoldsTeasers = tail.contains {
                !$0.isDate && $0.text.utf8.count >= 50 && !Boilerplate.isContact($0.text) && !Media.isMediaLine($0.text)
            }
            var tailTeasers: [Item] = []
            for item in tail {
                if tailHoldsTeasers, item.isDate || !(Boilerplate.isFooterFragment(item.text) || Boilerplate.isContact(item.text)
                                                      || Media.isMediaLine(item.text) || Media.isDocumentLine(item.text)) {
                    tailTeasers.append(item)
                    continue
                }
                if item.isDate { markUnplaced(item, "a date after the footer"); continue }
                if Boilerplate.isFooterFragment(item.text) {
                    roles[item.index] = .footer
                    note(item.index, "a footer link cut short")
                } else if Boilerplate.isContact(item.text) {
                    roles[item.index] = .contact
                    note(item.index, "a contact line after the footer")
                    contacts.append(item.text)
                    pageLevelLines.append(item.index)
                } else if Media.isMediaLine(item.text) || Media.isDocumentLine(item.text) {
                    roles[item.index] = .media
                    note(item.index, "a credit or file after the footer")
                    media.append(item.text)
                    pageLevelLines.append(item.index)
                } else {
                    markUnplaced(item, "text after the footer")
                }
            }
            // The contact block at the end of the content.
            var end = kept.count
            while end > 0, !kept[end - 1].isDate, Boilerplate.isContact(kept[end - 1].text) || (end < kept.count && Media.isCredit(kept[end - 1].text)) {
                end -= 1
            }
            var endContacts: [String] = []
            var endMedia: [String] = []
            for item in kept[end...] {
                pageLevelLines.append(item.index)
                if Boilerplate.isContact(item.text) {
                    roles[item.index] = .contact
                    note(item.index, "the contact block at the end")
                    endContacts.append(item.text)
                } else {
                    roles[item.index] = .media
                    note(item.index, "a credit in the contact block")
                    endMedia.append(item.text)
                }
            }
            contacts = endContacts + contacts
            media = endMedia + media
            content = Array(kept[0..<end])
            tailStart = content.count
            if var first = tailTeasers.first {
                first.gap = max(first.gap, 3)
                tailTeasers[0] = first
                content += tailTeasers
            }
            featureCache = [LineFeatures?](repeating: nil, count: content.count)
            countCache = [Int](repeating: 0, count: content.count)
            scan = makeScan()

            parseContent(footerFound: footerFound, contacts: contacts, media: media)

            // Image file names and photo credits inside the text go to media.
            for b in blocks.indices {
                var keptParagraphs: [String] = []
                keptParagraphs.reserveCapacity(blocks[b].paragraphs.count)
                for p in blocks[b].paragraphs {
                    let (text, found) = Media.split(p)
                    blocks[b].media += found
                    if let text { keptParagraphs.append(text) }
                }
                blocks[b].paragraphs = keptParagraphs
            }
            for i in roles.indices where roles[i] == .paragraph && Media.isMediaLine(lines[i]) {
                roles[i] = .media
                note(i, "an image name or credit")
            }
            var blockOfLine: [Int] = []
            if explain {
                blockOfLine = [Int](repeating: -1, count: lines.count)
                for (b, ls) in blockLines.enumerated() { for l in ls { blockOfLine[l] = b } }
                if let owner = contactsOwner {
                    for l in pageLevelLines where roles[l] == .contact || roles[l] == .media { blockOfLine[l] = owner }
                }
            }
            let keep: [Bool] = blocks.map { !($0.paragraphs.isEmpty && $0.title == nil && $0.contacts.isEmpty && $0.media.isEmpty) }
            if keep.contains(false) {
                if explain {
                    var newIndex: [Int] = []
                    var next = 0
                    for k in keep { newIndex.append(k ? next : -1); if k { next += 1 } }
                    for i in blockOfLine.indices where blockOfLine[i] >= 0 { blockOfLine[i] = newIndex[blockOfLine[i]] }
                }
                blocks = zip(blocks, keep).filter { $0.1 }.map(\.0)
            }
            for b in blocks.indices {
                blocks[b].leadKey = TextTools.fingerprint(blocks[b].paragraphs.first ?? blocks[b].title ?? "")
                blocks[b].titleKey = blocks[b].title.map { TextTools.fingerprint($0) }
            }
            return ParsedPage(blocks: blocks, unplaced: unplaced, roles: roles, badDates: badDates, footerFound: footerFound,
                              confidence: confidence, decision: decision, candidates: candidates, reasons: why,
                              blockOfLine: blockOfLine, section: heading, consulted: consulted)
        }

        mutating func addBlock(_ block: PageBlock, lines taken: [Int]) {
            blocks.append(block)
            if explain { blockLines.append(taken) }
        }
    }
}
