/// What a line of a page became.
public enum LineRole: UInt8, Sendable {
    case blank, date, title, titleRepeat, paragraph, contact, media, footer, unplaced
}

/// One article block on a page: a sidebar teaser or the main article.
public struct PageBlock: Sendable {
    public var role: SourceRole
    /// The main article's headline; nil for teasers and for a main article with no title line.
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
public enum PageParser {
    struct Item {
        var index: Int        // line index (0-based)
        var text: String
        var gap: Int          // blank lines before it
        var isDate: Bool
        var day: Day?
    }

    public static func parse(_ page: CleanPage) -> ParsedPage {
        let lines = page.lines
        var roles = [LineRole](repeating: .blank, count: lines.count)
        var badDates: [UnplacedLine] = []

        // 1. Items: non-blank lines, with date lines (alone or glued to their text) split out.
        var items: [Item] = []
        items.reserveCapacity(lines.count / 2 + 1)
        var gap = 0
        for (i, text) in lines.enumerated() {
            if text.isEmpty { gap += 1; continue }
            let (day, matched) = TextTools.leadingDottedDate(text)
            if matched {
                if day == nil { badDates.append(UnplacedLine(line: i + 1, text: String(text.prefix(10)))) }
                items.append(Item(index: i, text: String(text.prefix(10)), gap: gap, isDate: true, day: day))
                let rest = text.dropFirst(10).drop(while: { $0 == " " })
                if !rest.isEmpty {
                    items.append(Item(index: i, text: String(rest), gap: 0, isDate: false, day: nil))
                } else {
                    roles[i] = .date
                }
            } else {
                items.append(Item(index: i, text: text, gap: gap, isDate: false, day: nil))
            }
            gap = 0
        }

        var blocks: [PageBlock] = []
        var unplaced: [UnplacedLine] = []
        var mainContacts: [String] = []
        var mainMedia: [String] = []

        // 2. The tail: footer, and what stands after it.
        var end = items.count
        var footerFound = false
        if let f = items.firstIndex(where: { !$0.isDate && Boilerplate.isFooter($0.text) }) {
            end = f
            footerFound = true
        } else {
            var k = items.count
            while k > 0, !items[k - 1].isDate, Boilerplate.isFooterFragment(items[k - 1].text) { k -= 1 }
            if k < items.count, k > 0 { end = k; footerFound = true }
        }
        var tailExtra: [Item] = []
        for item in items[end...] {
            if !item.isDate, Boilerplate.isFooter(item.text) || Boilerplate.isFooterFragment(item.text) {
                roles[item.index] = .footer
            } else if !item.isDate, Boilerplate.isContact(item.text) {
                roles[item.index] = .contact
                mainContacts.append(item.text)
            } else if !item.isDate, Media.isMediaLine(item.text) {
                roles[item.index] = .media
                mainMedia.append(item.text)
            } else {
                tailExtra.append(item)
            }
        }
        // Contacts just before the footer (or at the end of a page without one).
        var contactStart = end
        while contactStart > 0, !items[contactStart - 1].isDate, Boilerplate.isContact(items[contactStart - 1].text) {
            contactStart -= 1
        }
        for item in items[contactStart..<end] {
            roles[item.index] = .contact
        }
        mainContacts.insert(contentsOf: items[contactStart..<end].map(\.text), at: 0)
        let content = Array(items[0..<contactStart])

        // 3. The main article's title.
        var titleAt: Int? = nil        // index into content
        var bodyFrom = 0
        var mainTitle: String? = nil
        var mainPublished: Day? = nil
        func lastDateIndex() -> Int? { content.lastIndex(where: { $0.isDate }) }
        let lastDate = lastDateIndex() ?? -1
        func isBodyLike(_ k: Int) -> Bool {
            guard k < content.count, !content[k].isDate else { return false }
            let t = content[k].text
            return TextTools.endsSentence(t) || t.count > 300
        }
        // 3a. Title, then the title again with a trailing date.
        for k in 0..<max(0, content.count - 1) where !content[k].isDate && !content[k + 1].isDate {
            if let (text, day) = TextTools.trailingDottedDate(content[k + 1].text),
               TextTools.fingerprint(text) == TextTools.fingerprint(content[k].text),
               !text.isEmpty {
                titleAt = k
                mainTitle = content[k].text
                mainPublished = day
                roles[content[k].index] = .title
                roles[content[k + 1].index] = .titleRepeat
                bodyFrom = k + 2
                break
            }
        }
        // 3b. A single headline line ending in a date, followed by the body.
        if titleAt == nil {
            for k in 0..<content.count where !content[k].isDate && k > lastDate {
                if let (text, day) = TextTools.trailingDottedDate(content[k].text),
                   TextTools.isHeadlineLike(String(text)), isBodyLike(k + 1) {
                    titleAt = k
                    mainTitle = String(text)
                    mainPublished = day
                    roles[content[k].index] = .title
                    bodyFrom = k + 1
                    break
                }
            }
        }
        // 3c. A headline with no dated repeat (seed 003): no date lines after it, body after it.
        if titleAt == nil {
            for k in 0..<content.count where !content[k].isDate && k > lastDate {
                if TextTools.isHeadlineLike(content[k].text), isBodyLike(k + 1),
                   k == 0 || !content[k - 1].isDate {
                    titleAt = k
                    mainTitle = content[k].text
                    roles[content[k].index] = .title
                    bodyFrom = k + 1
                    break
                }
            }
        }

        // 4. Paragraph spacing: one blank line between paragraphs and two between blocks (the seeds),
        //    or single newlines between paragraphs and a blank line between blocks.
        var minGap = Int.max
        let gapStart = titleAt != nil ? bodyFrom + 1 : 1
        if gapStart < content.count {
            for k in gapStart..<content.count where !content[k].isDate && !content[k - 1].isDate {
                minGap = min(minGap, content[k].gap)
            }
        }
        let blockGap = minGap == 0 ? 1 : 2

        // 5. Teasers: everything before the title (or the whole content when there is none).
        let teaserEnd = titleAt ?? content.count
        var current: PageBlock? = nil
        var pendingDate: Item? = nil
        func flush() {
            if let b = current, !b.paragraphs.isEmpty { blocks.append(b) }
            current = nil
        }
        for k in 0..<teaserEnd {
            let item = content[k]
            if item.isDate {
                flush()
                if let p = pendingDate {
                    unplaced.append(UnplacedLine(line: p.index + 1, text: p.text))
                    roles[p.index] = .unplaced
                }
                pendingDate = item
                if roles[item.index] == .blank { roles[item.index] = .date }
                continue
            }
            if let p = pendingDate {
                current = PageBlock(role: .teaser, title: nil, published: p.day, paragraphs: [], contacts: [], media: [], line: p.index + 1)
                pendingDate = nil
            } else if current == nil || item.gap >= blockGap {
                flush()
                current = PageBlock(role: .teaser, title: nil, published: nil, paragraphs: [], contacts: [], media: [], line: item.index + 1)
            }
            roles[item.index] = .paragraph
            current!.paragraphs.append(item.text)
        }
        if let p = pendingDate, titleAt == nil || teaserEnd == content.count {
            unplaced.append(UnplacedLine(line: p.index + 1, text: p.text))
            roles[p.index] = .unplaced
            pendingDate = nil
        }
        // 3d. No title but a footer: the last undated block of several paragraphs is the main article.
        var untitledMain: PageBlock? = nil
        if titleAt == nil, footerFound, let last = current, last.published == nil, last.paragraphs.count >= 2 {
            untitledMain = last
            current = nil
        }
        flush()

        // 6. The main article.
        if let t = titleAt {
            var main = PageBlock(role: .main, title: mainTitle, published: mainPublished ?? pendingDate?.day,
                                 paragraphs: [], contacts: mainContacts, media: mainMedia, line: content[t].index + 1)
            if let p = pendingDate {
                // A date line right above the title dates the main article.
                roles[p.index] = .date
                main.line = p.index + 1
            }
            var k = bodyFrom
            while k < content.count, !content[k].isDate {
                roles[content[k].index] = .paragraph
                main.paragraphs.append(content[k].text)
                k += 1
            }
            blocks.append(main)
            // Teasers standing after the main article (sidebars at the bottom of a page).
            var trailing: PageBlock? = nil
            while k < content.count {
                let item = content[k]
                if item.isDate {
                    if let b = trailing, !b.paragraphs.isEmpty { blocks.append(b) }
                    trailing = PageBlock(role: .teaser, title: nil, published: item.day, paragraphs: [], contacts: [], media: [], line: item.index + 1)
                    roles[item.index] = .date
                } else {
                    if trailing == nil || (item.gap >= blockGap && !(trailing!.paragraphs.isEmpty)) {
                        if let b = trailing, !b.paragraphs.isEmpty { blocks.append(b) }
                        trailing = PageBlock(role: .teaser, title: nil, published: nil, paragraphs: [], contacts: [], media: [], line: item.index + 1)
                    }
                    roles[item.index] = .paragraph
                    trailing!.paragraphs.append(item.text)
                }
                k += 1
            }
            if let b = trailing {
                if b.paragraphs.isEmpty {
                    unplaced.append(UnplacedLine(line: b.line, text: lines[b.line - 1]))
                    roles[b.line - 1] = .unplaced
                } else {
                    blocks.append(b)
                }
            }
        } else if var main = untitledMain {
            main.role = .main
            main.contacts = mainContacts
            main.media = mainMedia
            blocks.append(main)
        } else if !mainContacts.isEmpty || !mainMedia.isEmpty {
            // Contacts with no main article: they belong to the last block on the page.
            if blocks.isEmpty {
                for c in mainContacts + mainMedia {
                    if let item = items.first(where: { $0.text == c }) {
                        unplaced.append(UnplacedLine(line: item.index + 1, text: c))
                        roles[item.index] = .unplaced
                    }
                }
            } else {
                blocks[blocks.count - 1].contacts += mainContacts
                blocks[blocks.count - 1].media += mainMedia
            }
        }

        // 7. Whatever stands after the footer and is not boilerplate.
        for item in tailExtra {
            unplaced.append(UnplacedLine(line: item.index + 1, text: item.text))
            roles[item.index] = .unplaced
        }

        // 8. Image file names and photo credits go to media.
        for b in blocks.indices {
            var kept: [String] = []
            kept.reserveCapacity(blocks[b].paragraphs.count)
            for p in blocks[b].paragraphs {
                let (text, found) = Media.split(p)
                blocks[b].media += found
                if let text { kept.append(text) }
            }
            blocks[b].paragraphs = kept
        }
        for i in roles.indices where roles[i] == .paragraph && Media.isMediaLine(lines[i]) {
            roles[i] = .media
        }
        blocks.removeAll { $0.paragraphs.isEmpty && $0.title == nil && $0.contacts.isEmpty && $0.media.isEmpty }
        return ParsedPage(blocks: blocks, unplaced: unplaced, roles: roles, badDates: badDates, footerFound: footerFound)
    }
}
