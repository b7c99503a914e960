/// What a line of a page became.
public enum LineRole: UInt8, Sendable {
    case blank, date, title, titleRepeat, paragraph, contact, media, footer, unplaced
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
}

/// A line of a page that could not be given to any article (reported by `stats`).
public struct UnplacedLine: Sendable, Hashable {
    public var line: Int
    public var text: String
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
}

/// Splits a cleaned page into teasers, the main article, contacts and footer.
///
/// The main article is found, in this order, by its title followed by the title again with a
/// date (also when the scraper cut that date short); by a headline line ending in a date; or by
/// a headline (a short line that ends no sentence) followed by body text. On a page of several
/// headline + lead blocks (a list page) only a last block with a body of its own is the main
/// article. With a footer and no headline, the last block of several paragraphs is the main
/// article.
public enum PageParser {
    struct Item {
        var index: Int        // line index (0-based)
        var text: String
        var gap: Int          // blank lines before it
        var isDate: Bool
        var day: Day?
    }

    public static func parse(_ page: CleanPage) -> ParsedPage {
        var p = Parse(page)
        return p.run()
    }

    struct Parse {
        let lines: [String]
        var roles: [LineRole]
        var badDates: [UnplacedLine] = []
        var items: [Item] = []
        var blocks: [PageBlock] = []
        var unplaced: [UnplacedLine] = []

        init(_ page: CleanPage) {
            lines = page.lines
            roles = [LineRole](repeating: .blank, count: page.lines.count)
        }

        mutating func place(_ item: Item, _ role: LineRole) {
            // A glued date line keeps the role of its text.
            if item.isDate, roles[item.index] != .blank { return }
            roles[item.index] = role
        }

        mutating func markUnplaced(_ item: Item) {
            unplaced.append(UnplacedLine(line: item.index + 1, text: item.text))
            roles[item.index] = .unplaced
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
                footerFound = true
                if tail.isEmpty { kept.removeLast() } else { tail.removeLast() }
            }
            var contacts: [String] = []
            var media: [String] = []
            for item in tail {
                if item.isDate { markUnplaced(item); continue }
                if Boilerplate.isFooterFragment(item.text) {
                    roles[item.index] = .footer
                } else if Boilerplate.isContact(item.text) {
                    roles[item.index] = .contact
                    contacts.append(item.text)
                } else if Media.isMediaLine(item.text) {
                    roles[item.index] = .media
                    media.append(item.text)
                } else {
                    markUnplaced(item)
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
                if Boilerplate.isContact(item.text) {
                    roles[item.index] = .contact
                    endContacts.append(item.text)
                } else {
                    roles[item.index] = .media
                    endMedia.append(item.text)
                }
            }
            contacts = endContacts + contacts
            media = endMedia + media
            let content = Array(kept[0..<end])

            parseContent(content, footerFound: footerFound, contacts: contacts, media: media)

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
            }
            blocks.removeAll { $0.paragraphs.isEmpty && $0.title == nil && $0.contacts.isEmpty && $0.media.isEmpty }
            return ParsedPage(blocks: blocks, unplaced: unplaced, roles: roles, badDates: badDates, footerFound: footerFound)
        }

        mutating func parseContent(_ content: [Item], footerFound: Bool, contacts: [String], media: [String]) {
            func isBodyLike(_ k: Int) -> Bool {
                guard k < content.count, !content[k].isDate else { return false }
                let t = content[k].text
                return TextTools.endsSentence(t) || t.count > 300
            }
            // The spacing between blocks, before the title is known: the smallest gap between
            // two text lines decides (one blank line between paragraphs, or none).
            var minGap = Int.max
            for k in 1..<max(1, content.count) where !content[k].isDate && !content[k - 1].isDate {
                minGap = min(minGap, content[k].gap)
            }
            let blockGap = minGap == 0 ? 1 : 2
            func startsBlock(_ k: Int) -> Bool {
                k == 0 || content[k].gap >= blockGap || content[k - 1].isDate
            }

            var titleAt: Int? = nil
            var bodyFrom = 0
            var mainTitle: String? = nil
            var mainPublished: Day? = nil
            var repeatAt: Int? = nil

            // 3a. Title, then the title again with a trailing date (or the start of one).
            for k in 0..<max(0, content.count - 1) where !content[k].isDate && !content[k + 1].isDate {
                let next = content[k + 1].text
                if let (text, day) = TextTools.trailingDottedDate(next), !text.isEmpty,
                   TextTools.fingerprint(text) == TextTools.fingerprint(content[k].text) {
                    (titleAt, mainTitle, mainPublished, repeatAt, bodyFrom) = (k, content[k].text, day, k + 1, k + 2)
                    break
                }
                let title = content[k].text
                if next.count > title.count, next.hasPrefix(title + " "), TextTools.isDateFragment(next.dropFirst(title.count + 1)) {
                    (titleAt, mainTitle, repeatAt, bodyFrom) = (k, title, k + 1, k + 2)
                    break
                }
            }
            // 3b. A single headline line ending in a date, followed by the body.
            if titleAt == nil {
                for k in 0..<content.count where !content[k].isDate {
                    if let (text, day) = TextTools.trailingDottedDate(content[k].text),
                       TextTools.isHeadlineLike(String(text)), isBodyLike(k + 1) {
                        (titleAt, mainTitle, mainPublished, bodyFrom) = (k, String(text), day, k + 1)
                        break
                    }
                }
            }
            // 3c. A headline with no dated repeat (seed 003), followed by body text.
            if titleAt == nil {
                let candidates = (0..<content.count).filter { k in
                    !content[k].isDate && (k == 0 || !content[k - 1].isDate) && TextTools.isHeadlineLike(content[k].text)
                        && isBodyLike(k + 1)
                }
                let atBlockStart = candidates.filter(startsBlock)
                var chosen: Int? = candidates.first
                if atBlockStart.count >= 2, let first = candidates.first, atBlockStart.contains(first) {
                    // Several "headline + lead" blocks: a list of teasers. Only a last one with
                    // a body of its own (two paragraphs or more, up to the end) is the main article.
                    chosen = nil
                    let last = atBlockStart.last!
                    let rest = content[(last + 1)...]
                    if rest.count >= 2, !rest.contains(where: { $0.isDate }) { chosen = last }
                }
                if let k = chosen {
                    (titleAt, mainTitle, bodyFrom) = (k, content[k].text, k + 1)
                }
            }

            // 4. Teasers: everything before the title (or the whole content when there is none).
            let teaserEnd = titleAt ?? content.count
            var teasers = splitTeasers(content[0..<teaserEnd], blockGap: blockGap)
            var pendingDate: Item? = nil
            if let last = teasers.last, last.paragraphs.isEmpty, titleAt != nil {
                // A date line right above the title dates the main article.
                pendingDate = content[teaserEnd - 1]
                teasers.removeLast()
            }

            // 5. No title but a footer: the last block of several paragraphs is the main article
            //    (titled by its headline when it starts with one).
            if titleAt == nil, footerFound, var last = teasers.last, !last.paragraphs.isEmpty {
                let headed = last.title != nil
                if last.paragraphs.count >= 2 && (headed || last.published == nil) {
                    teasers.removeLast()
                    last.role = .main
                    last.contacts = contacts
                    last.media = media
                    blocks += teasers.map(\.block)
                    blocks.append(last.block)
                    for k in last.items { place(content[k], content[k].isDate ? .date : (last.titleItem == k ? .title : .paragraph)) }
                    for t in teasers { placeTeaser(t, content) }
                    return
                }
            }
            for t in teasers { placeTeaser(t, content) }
            blocks += teasers.map(\.block)

            guard let t = titleAt else {
                // A date line at the very end dates nothing.
                if let last = teasers.last, last.paragraphs.isEmpty, last.title == nil {
                    blocks.removeLast()
                    for k in last.items { markUnplaced(content[k]) }
                }
                // Contacts with no main article belong to the last block on the page.
                if !blocks.isEmpty {
                    blocks[blocks.count - 1].contacts += contacts
                    blocks[blocks.count - 1].media += media
                } else {
                    for i in roles.indices where roles[i] == .contact || roles[i] == .media {
                        roles[i] = .unplaced
                        unplaced.append(UnplacedLine(line: i + 1, text: lines[i]))
                    }
                }
                return
            }

            // 6. The main article: its body runs to the next date line.
            roles[content[t].index] = .title
            if let r = repeatAt { roles[content[r].index] = .titleRepeat }
            var main = PageBlock(role: .main, title: mainTitle, published: mainPublished ?? pendingDate?.day,
                                 paragraphs: [], contacts: [], media: [], line: content[t].index + 1)
            if let p = pendingDate {
                place(p, .date)
                main.line = p.index + 1
            }
            var k = bodyFrom
            var bodyItems: [Item] = []
            while k < content.count, !content[k].isDate {
                bodyItems.append(content[k])
                k += 1
            }
            // A contact block (and credits) at the end of the body, before later teasers.
            var cut = bodyItems.count
            while cut > 0, Boilerplate.isContact(bodyItems[cut - 1].text) || (cut < bodyItems.count && Media.isCredit(bodyItems[cut - 1].text)) {
                cut -= 1
            }
            if cut == bodyItems.count || k < content.count {
                for item in bodyItems[cut...] {
                    if Boilerplate.isContact(item.text) {
                        roles[item.index] = .contact
                        main.contacts.append(item.text)
                    } else {
                        roles[item.index] = .media
                        main.media.append(item.text)
                    }
                }
                bodyItems.removeSubrange(cut...)
            }
            for item in bodyItems {
                roles[item.index] = .paragraph
                main.paragraphs.append(item.text)
            }
            main.contacts += contacts
            main.media += media
            blocks.append(main)
            // Teasers standing after the main article (sidebars at the bottom of a page).
            if k < content.count {
                let trailing = splitTeasers(content[k...], blockGap: blockGap)
                for tb in trailing { placeTeaser(tb, content) }
                blocks += trailing.map(\.block).filter { !$0.paragraphs.isEmpty || $0.title != nil }
                for tb in trailing where tb.paragraphs.isEmpty && tb.title == nil {
                    for i in tb.items where content[i].isDate { markUnplaced(content[i]) }
                }
            }
        }

        /// A teaser being assembled: its block and the content items it took.
        struct TeaserDraft {
            var block: PageBlock
            var items: [Int] = []
            var titleItem: Int? = nil
            var paragraphs: [String] { block.paragraphs }
            var published: Day? { block.published }
            var title: String? { block.title }
            var role: SourceRole {
                get { block.role }
                set { block.role = newValue }
            }
            var contacts: [String] {
                get { block.contacts }
                set { block.contacts = newValue }
            }
            var media: [String] {
                get { block.media }
                set { block.media = newValue }
            }
        }

        mutating func placeTeaser(_ t: TeaserDraft, _ content: [Item]) {
            for k in t.items {
                let item = content[k]
                if item.isDate {
                    place(item, .date)
                } else {
                    roles[item.index] = t.titleItem == k ? .title : .paragraph
                }
            }
        }

        /// Splits a run of content into teaser blocks: at date lines and at block gaps. A block of
        /// several paragraphs that starts with a headline line gets it as its title.
        mutating func splitTeasers(_ run: ArraySlice<Item>, blockGap: Int) -> [TeaserDraft] {
            var out: [TeaserDraft] = []
            var current: TeaserDraft? = nil
            var pendingDate: (Item, Int)? = nil
            func finish(_ d: TeaserDraft?) -> TeaserDraft? {
                guard var d else { return nil }
                if d.block.paragraphs.count >= 2, TextTools.isHeadlineLike(d.block.paragraphs[0]) {
                    d.block.title = d.block.paragraphs.removeFirst()
                    d.titleItem = d.items.first { !run[$0].isDate }
                }
                return d
            }
            for k in run.indices {
                let item = run[k]
                if item.isDate {
                    if let c = finish(current) { out.append(c) }
                    current = nil
                    if let (p, pk) = pendingDate {
                        // Two date lines in a row: the first dates nothing.
                        out.append(TeaserDraft(block: PageBlock(role: .teaser, title: nil, published: p.day, paragraphs: [], contacts: [], media: [], line: p.index + 1), items: [pk]))
                    }
                    pendingDate = (item, k)
                    continue
                }
                if let (p, pk) = pendingDate {
                    current = TeaserDraft(block: PageBlock(role: .teaser, title: nil, published: p.day, paragraphs: [], contacts: [], media: [], line: p.index + 1), items: [pk])
                    pendingDate = nil
                } else if current == nil || item.gap >= blockGap {
                    if let c = finish(current) { out.append(c) }
                    current = TeaserDraft(block: PageBlock(role: .teaser, title: nil, published: nil, paragraphs: [], contacts: [], media: [], line: item.index + 1))
                }
                current!.block.paragraphs.append(item.text)
                current!.items.append(k)
            }
            if let c = finish(current) { out.append(c) }
            if let (p, pk) = pendingDate {
                out.append(TeaserDraft(block: PageBlock(role: .teaser, title: nil, published: p.day, paragraphs: [], contacts: [], media: [], line: p.index + 1), items: [pk]))
            }
            // A date that dates nothing is reported, not silently dropped; except the last one,
            // which the caller may give to the main article.
            for (i, d) in out.enumerated() where d.block.paragraphs.isEmpty && d.block.title == nil && i < out.count - 1 {
                for k in d.items { markUnplaced(run[k]) }
            }
            return out.enumerated().filter { i, d in !(d.block.paragraphs.isEmpty && d.block.title == nil && i < out.count - 1) }.map(\.element)
        }
    }
}
