import Foundation

/// Building the blocks once the title is chosen: the sidebar before it, the main article's
/// header and body, the teasers after it, and sidebar lines that are the page's own article.
extension PageParser.Parse {
    /// A teaser being assembled: its block and the content items it took.
    struct TeaserDraft {
        var block: PageBlock
        var items: [Int] = []
        var titleItem: Int? = nil
        /// Credits and file names standing with the teaser.
        var mediaItems: [Int] = []
        var isEmpty: Bool { block.paragraphs.isEmpty && block.title == nil }
    }

    /// The spacing between blocks: the smallest gap between two text lines decides (one blank
    /// line between paragraphs, or none).
    /// Within `range` when it holds two text lines in a row, else over the whole content.
    func blockGap(in range: Range<Int>? = nil) -> Int {
        func smallest(_ r: Range<Int>) -> Int {
            var minGap = Int.max
            // A headline and its lead on the next line are one teaser, whatever the blocks' spacing.
            for k in r where k > r.lowerBound && !content[k].isDate && !content[k - 1].isDate && !scan.headline[k - 1] {
                minGap = min(minGap, content[k].gap)
            }
            return minGap
        }
        var minGap = range.map(smallest) ?? Int.max
        if minGap == Int.max { minGap = smallest(0..<content.count) }
        return minGap == 0 ? 1 : 2
    }

    /// A short heading alone above a stacked list of headlines ("News", "CSTO Secretariat"):
    /// three lines or more under it with no blank line between them, two in three of them whole
    /// teasers (a headline or a lead), not the sentences of a body.
    mutating func headingAt(_ k: Int, end n: Int) -> Bool {
        // Set apart by a blank line, or a section's name ("News", "CSTO Secretariat") right above the list.
        guard k + 3 < n, !content[k].isDate, features(k).short, !content[k + 1].isDate,
              content[k + 1].gap >= 1 || Self.namesASection(content[k].text) else { return false }
        var stacked = 0
        var whole = 0
        var m = k + 1
        while m < n, m == k + 1 || content[m].gap == 0, !content[m].isDate {
            stacked += 1
            if scan.headline[m] || features(m).lead { whole += 1 }
            m += 1
        }
        return stacked >= 3 && whole * 3 >= stacked * 2
    }

    /// Words that name a list of news above it (`namesASection`).
    static let listWords: Set<String> = ["news", "новости", "events", "события", "announcements", "анонсы",
                                        "publications", "публикации", "press", "releases", "archive", "архив"]
    /// Words that name a section of the site (`onlyNamesASection`): the list words and more.
    static let sectionWords: Set<String> = listWords.union([
                                           "exercises", "учения", "meetings", "заседания", "встречи", "interviews",
                                           "интервью", "statements", "заявления", "speeches", "выступления", "photo",
                                           "photos", "фото", "gallery", "фотогалерея", "video", "videos", "видео",
                                           "multimedia", "мультимедиа", "documents", "документы", "feed", "лента"])

    static let navigationWords: Set<String> = ["home", "main", "главная", "all", "все", "latest", "последние", "center", "centre",
                                              "центр", "media", "медиа", "пресс-центр", "press-center", "press-centre"]

    /// A line that is only a section's name or a breadcrumb to it: at most six words, each a
    /// section or navigation word, split by spaces or `/ > » › |` (`News`, `Home / News`,
    /// `Home / Press center / Exercises`, `Главная › Новости`, `Photo gallery`, `Home`).
    static func onlyNamesASection(_ line: String) -> Bool {
        guard line.utf8.count <= 80 else { return false }
        let words = line.lowercased().split { " />»›|".contains($0) }
        guard !words.isEmpty, words.count <= 6 else { return false }
        return words.allSatisfy { sectionWords.contains(String($0)) || navigationWords.contains(String($0)) }
    }

    /// A line of at most four words that names a section: a news heading or a body of the Organization.
    static func namesASection(_ line: String) -> Bool {
        let words = line.lowercased().split(separator: " ")
        guard !words.isEmpty, words.count <= 4 else { return false }
        return words.contains { listWords.contains(String($0)) || LineFeatures.bodyWords.contains(String($0)) }
    }

    /// Places the content: headings, the main title chosen, the teasers around the main article
    /// (or, with no title, the teasers and a last block that may be the main article), and the
    /// page's contacts and credits.
    mutating func parseContent(footerFound: Bool, contacts: [String], media: [String]) {
        let (start, tailFrom) = markHeadings()
        let chosen = chooseTitle(from: start)

        // Teasers: everything before the title (or before the footer when there is none).
        let teaserEnd = chosen?.k ?? tailStart
        var teasers = splitTeasers(start..<teaserEnd, blockGap: blockGap(in: start..<teaserEnd), keepTrailingMedia: chosen != nil)
        let creditsAboveTitle = leftoverMedia
        var pendingDate: PageParser.Item? = nil
        if let last = teasers.last, last.isEmpty, chosen != nil {
            // A date line right above the title dates the main article (with any credit under it).
            pendingDate = content[last.items[0]]
            teasers.removeLast()
        }

        guard let c = chosen else {
            placeWithoutTitle(teasers, tailFrom: tailFrom, footerFound: footerFound, contacts: contacts, media: media)
            return
        }

        // The main article: title, header, body.
        var (main, taken) = mainArticleHeader(c, pendingDate: pendingDate, creditsAboveTitle: creditsAboveTitle)
        mainArticleBody(c, into: &main, taken: &taken)
        main.contacts += contacts
        main.media += media

        var trailing = teasersAfterMain(c, tailFrom: tailFrom)
        // A sidebar line that is the page's own article (its headline or lead) is not a second article.
        let selfTeasers = takeSelfTeasers(teasers + trailing, title: c.title, into: &main, taken: &taken)
        let before = teasers.count
        teasers = teasers.indices.filter { !selfTeasers.contains($0) }.map { teasers[$0] }
        trailing = trailing.indices.filter { !selfTeasers.contains(before + $0) }.map { trailing[$0] }
        for d in teasers { placeTeaser(d) }
        contactsOwner = blocks.count
        addBlock(main, lines: taken)
        for d in trailing { placeTeaser(d) }
    }

    /// A short heading above the list of headlines, at the start of the content and at the start
    /// of the teasers printed after the footer. Returns where the content and those teasers start
    /// under their headings.
    mutating func markHeadings() -> (start: Int, tailFrom: Int) {
        var start = 0
        if tailStart > 0, headingAt(0, end: tailStart) {
            roles[content[0].index] = .heading
            note(content[0].index, "a short heading above a list of headlines")
            heading = content[0].text
            start = 1
        }
        // A section's name or its breadcrumb alone at the top ("News", "Home / News") heads the
        // page whatever follows (a single article, too): it is no teaser.
        while start + 1 < tailStart, !content[start].isDate, Self.onlyNamesASection(content[start].text) {
            roles[content[start].index] = .heading
            note(content[start].index, "a section's name at the top of the page")
            heading = heading ?? content[start].text
            start += 1
        }
        // The teasers printed after the footer may have a heading of their own.
        var tailFrom = tailStart
        if tailStart < content.count, headingAt(tailStart, end: content.count) {
            roles[content[tailStart].index] = .heading
            note(content[tailStart].index, "a short heading above a list of headlines")
            heading = heading ?? content[tailStart].text
            tailFrom += 1
        }
        return (start, tailFrom)
    }

    /// A last draft that is only a date line dates nothing: dropped, its lines unplaced.
    mutating func dropDateWithNothingUnder(_ drafts: inout [TeaserDraft]) {
        if let last = drafts.last, last.isEmpty {
            drafts.removeLast()
            for k in last.items { markUnplaced(content[k], "a date line with nothing under it") }
        }
    }

    /// No main title: the teasers before and after the footer are placed, and the page's contacts
    /// and credits go to the last block. With a footer, a last block of several paragraphs before
    /// it is the main article.
    mutating func placeWithoutTitle(_ teasers: [TeaserDraft], tailFrom: Int, footerFound: Bool, contacts: [String],
                                    media: [String]) {
        var teasers = teasers
        // Teasers printed after the footer.
        var afterFooter = tailFrom < content.count ? splitTeasers(tailFrom..<content.count, blockGap: blockGap(in: tailFrom..<content.count)) : []
        dropDateWithNothingUnder(&afterFooter)
        // No title but a footer: the last block of several paragraphs is the main article
        // (titled by its headline when it starts with one).
        if footerFound, let last = teasers.last, last.block.paragraphs.count >= 2,
           last.block.title != nil || last.block.published == nil {
            teasers.removeLast()
            placeLastBlockAsMain(last, after: teasers, before: afterFooter, contacts: contacts, media: media)
            return
        }
        // A date line at the very end dates nothing.
        dropDateWithNothingUnder(&teasers)
        for t in teasers + afterFooter { placeTeaser(t) }
        // Contacts with no main article belong to the last block on the page.
        if !blocks.isEmpty {
            blocks[blocks.count - 1].contacts += contacts
            blocks[blocks.count - 1].media += media
            contactsOwner = blocks.count - 1
        } else {
            for i in roles.indices where roles[i] == .contact || roles[i] == .media {
                roles[i] = .unplaced
                unplaced.append(UnplacedLine(line: i + 1, text: lines[i]))
            }
        }
    }

    /// The last block before the footer placed as the main article, between the teasers above it
    /// and those printed after the footer; it gets the page's contacts and credits.
    mutating func placeLastBlockAsMain(_ last: TeaserDraft, after teasers: [TeaserDraft], before afterFooter: [TeaserDraft],
                                       contacts: [String], media: [String]) {
        var last = last
        last.block.role = .main
        last.block.contacts = contacts
        last.block.media = media
        decision += "; the last block of several paragraphs before the footer is the main article"
        for t in teasers { placeTeaser(t) }
        for k in last.items {
            let item = content[k]
            let role: LineRole = item.isDate ? .date : (last.titleItem == k ? .title : .paragraph)
            let reason = item.isDate ? "the main article's date" : (last.titleItem == k ? "the main article's headline" : "body of the main article (the last block before the footer)")
            place(item, role, reason)
        }
        for k in last.mediaItems {
            place(content[k], .media, "a credit with the main article")
        }
        addBlock(last.block, lines: (last.items + last.mediaItems).map { content[$0].index })
        contactsOwner = blocks.count - 1
        for t in afterFooter { placeTeaser(t) }
    }

    /// The main article's block with its header placed: the title, its date (above or under
    /// it), credits, the title's repeat and other headlines, byline and time stamp. Returns the
    /// block and the page lines it took.
    mutating func mainArticleHeader(_ c: Candidate, pendingDate: PageParser.Item?,
                                    creditsAboveTitle: [Int]) -> (PageBlock, taken: [Int]) {
        let t = c.k
        var taken: [Int] = []
        for (n, k) in c.titleItems.enumerated() {
            roles[content[k].index] = .title
            note(content[k].index, n == 0 ? "main title: the best candidate, score \(String(format: "%.1f", c.score))" : "main title, continued")
            taken.append(content[k].index)
        }
        var main = PageBlock(role: .main, title: c.title, published: c.published ?? pendingDate?.day,
                             paragraphs: [], contacts: [], media: [], line: content[t].index + 1)
        if let p = pendingDate {
            place(p, .date, "the main article's date (the line above its title)")
            main.line = p.index + 1
            if c.published != nil, c.published != p.day { main.published = p.day }
            taken.append(p.index)
        }
        giveMedia(creditsAboveTitle, to: &main, taken: &taken, "a credit above the title")
        if let r = c.repeatAt {
            if let words = c.rewordedRepeat { main.alternateTitles.append(words) }
            roles[content[r].index] = .titleRepeat
            note(content[r].index, "the title repeated")
            taken.append(content[r].index)
        }
        if let d = c.dateAt {
            place(content[d], .date, "the main article's date (under its title)")
            taken.append(content[d].index)
        }
        for group in c.altTitleItems {
            main.alternateTitles.append(group.map { content[$0].text }.joined(separator: " "))
            for k in group {
                roles[content[k].index] = .titleRepeat
                note(content[k].index, "another headline of the main article")
                taken.append(content[k].index)
            }
        }
        giveMedia(c.mediaItems, to: &main, taken: &taken, "a credit or document under the title")
        if let b = c.bylineAt {
            roles[content[b].index] = .byline
            note(content[b].index, "the author's name under the title")
            main.byline = content[b].text
            taken.append(content[b].index)
        }
        if let s = c.timestampAt {
            roles[content[s].index] = .timestamp
            note(content[s].index, "the publication time stamp")
            main.timestamp = content[s].text
            taken.append(content[s].index)
        }
        return (main, taken)
    }

    /// The main article's body: its paragraphs (and dates inside it), and a contact block with
    /// credits at its end.
    mutating func mainArticleBody(_ c: Candidate, into main: inout PageBlock, taken: inout [Int]) {
        var bodyItems = Array(c.bodyFrom..<c.bodyEnd)
        // A contact block (and credits) at the end of the body, before later teasers.
        var cut = bodyItems.count
        while cut > 0, Boilerplate.isContact(content[bodyItems[cut - 1]].text)
                || (cut < bodyItems.count && Media.isCredit(content[bodyItems[cut - 1]].text)) {
            cut -= 1
        }
        if cut == bodyItems.count || c.bodyEnd < content.count {
            for k in bodyItems[cut...] {
                if Boilerplate.isContact(content[k].text) {
                    roles[content[k].index] = .contact
                    note(content[k].index, "a contact line after the body")
                    main.contacts.append(content[k].text)
                } else {
                    roles[content[k].index] = .media
                    note(content[k].index, "a credit after the body")
                    main.media.append(content[k].text)
                }
                taken.append(content[k].index)
            }
            bodyItems.removeSubrange(cut...)
        }
        for k in bodyItems {
            if content[k].isDate {
                place(content[k], .date, "a date inside the body")
                continue
            }
            roles[content[k].index] = .paragraph
            note(content[k].index, "body of the main article")
            main.paragraphs.append(content[k].text)
            taken.append(content[k].index)
        }
    }

    /// Teasers standing after the main article (sidebars at the bottom of a page), and those
    /// printed after the footer.
    mutating func teasersAfterMain(_ c: Candidate, tailFrom: Int) -> [TeaserDraft] {
        var trailing: [TeaserDraft] = []
        for run in [min(c.bodyEnd, tailStart)..<tailStart, tailFrom..<content.count] where !run.isEmpty {
            var drafts = splitTeasers(run, blockGap: blockGap(in: run))
            dropDateWithNothingUnder(&drafts)
            trailing += drafts
        }
        return trailing
    }

    /// The teasers (of `drafts`) that show the page's own article in a sidebar: their lines go to
    /// the main article, which notes where else it stands. Returns their indices in `drafts`.
    mutating func takeSelfTeasers(_ drafts: [TeaserDraft], title: String, into main: inout PageBlock,
                                  taken: inout [Int]) -> Set<Int> {
        let keys = Set([TextTools.fingerprint(title)] + main.alternateTitles.map { TextTools.fingerprint($0) }
            + (main.paragraphs.first.map { [TextTools.fingerprint($0), TextTools.fingerprint(TextTools.firstSentenceQuick($0))] } ?? []))
        let firstParagraph = main.paragraphs.first ?? ""
        let selfTeasers = Set(drafts.indices.filter { Self.isOwnArticle(drafts[$0], keys: keys, firstParagraph: firstParagraph) })
        for (i, d) in drafts.enumerated() where selfTeasers.contains(i) {
            for k in d.items {
                if content[k].isDate {
                    place(content[k], .date, "the date of this page's own article in the sidebar")
                    if main.published == nil { main.published = content[k].day }
                } else {
                    roles[content[k].index] = .selfTeaser
                    note(content[k].index, "the sidebar shows this page's own article")
                }
                taken.append(content[k].index)
            }
            giveMedia(d.mediaItems, to: &main, taken: &taken, "a credit with this page's own article in the sidebar")
            main.alsoAt.append(d.block.line)
        }
        return selfTeasers
    }

    /// Whether a teaser is the page's own article: its headline or lead is the main article's
    /// (`keys`: fingerprints of its titles, first paragraph and first sentence), or its lead is
    /// the start of the main article's first paragraph, cut short with an ellipsis.
    static func isOwnArticle(_ d: TeaserDraft, keys: Set<UInt64>, firstParagraph: String) -> Bool {
        guard d.block.paragraphs.count <= 1 else { return false }
        // Its paragraph, if it has one besides a headline, must be the page's own too.
        if let title = d.block.title, let p = d.block.paragraphs.first {
            let fp = TextTools.fingerprint(p)
            return keys.contains(TextTools.fingerprint(title)) && (keys.contains(fp) || firstParagraph.hasPrefix(p))
        }
        let text = d.block.title ?? d.block.paragraphs.first ?? ""
        if keys.contains(TextTools.fingerprint(text)) { return true }
        // A lead cut short with an ellipsis.
        var cutText = Substring(text)
        while let l = cutText.last, l == "." || l == "…" || l == " " { cutText = cutText.dropLast() }
        return cutText.utf8.count >= 40 && cutText.utf8.count < text.utf8.count && firstParagraph.hasPrefix(cutText)
    }

    /// Credit and document lines going to an article's media.
    mutating func giveMedia(_ items: [Int], to block: inout PageBlock, taken: inout [Int], _ reason: String) {
        for k in items {
            roles[content[k].index] = .media
            note(content[k].index, reason)
            block.media.append(content[k].text)
            taken.append(content[k].index)
        }
    }

    mutating func placeTeaser(_ t: TeaserDraft) {
        var taken: [Int] = []
        for k in t.items {
            let item = content[k]
            taken.append(item.index)
            if item.isDate {
                place(item, .date, "a teaser's date")
            } else if t.titleItem == k {
                roles[item.index] = .title
                note(item.index, "a teaser's headline")
            } else {
                roles[item.index] = .paragraph
                let alone = t.items.count == 1 || (t.items.count == 2 && content[t.items[0]].isDate)
                note(item.index, alone ? "a sidebar teaser" : "text of a sidebar teaser")
            }
        }
        for k in t.mediaItems {
            roles[content[k].index] = .media
            note(content[k].index, "a credit with a sidebar teaser")
            taken.append(content[k].index)
        }
        if t.isEmpty { return }
        addBlock(t.block, lines: taken)
    }

    /// Whether a line closer to the one above than the blocks' spacing starts a teaser of its own:
    /// a line in a stack of three or more, a headline, or a lead opening with a date phrase (under
    /// a headline only when the corpus shows the two apart).
    mutating func startsOwnTeaser(_ k: Int, after prev: Int, inStackOf stack: Int) -> Bool {
        let f = features(k)
        if f.continuation || f.bullet { return false }
        // Three lines or more with no blank line between them: a stack of one-line teasers.
        if stack >= 3 && content[k].gap == 0 { return true }
        // A plain sentence goes on with the teaser above it; unless the corpus shows it on more
        // pages than that teaser's line (a second paragraph never stands without its first).
        guard f.headline || f.lead else { return evidence.pages > 1 && count(k) > count(prev) }
        if f.headline { return true }
        // Under a headline, a lead is that headline's lead, unless the corpus shows them apart.
        if features(prev).headline && !sentenceLike(prev) {
            return evidence.pages > 1 && count(k) != count(prev)
        }
        return true
    }

    /// Splits a run of content into teaser blocks: at date lines, at block gaps and between
    /// stacked one-line teasers. A block of several paragraphs that starts with a headline line
    /// gets it as its title.
    mutating func splitTeasers(_ run: Range<Int>, blockGap: Int, keepTrailingMedia: Bool = false) -> [TeaserDraft] {
        var out: [TeaserDraft] = []
        var current: TeaserDraft? = nil
        var pendingDate: Int? = nil
        func newDraft(at line: Int, published: Day?, items: [Int]) -> TeaserDraft {
            TeaserDraft(block: PageBlock(role: .teaser, title: nil, published: published, paragraphs: [], contacts: [], media: [], line: line), items: items)
        }
        func finish(_ d: TeaserDraft?, _ content: [PageParser.Item]) -> TeaserDraft? {
            guard var d else { return nil }
            if d.block.paragraphs.count >= 2, TextTools.isHeadlineLike(d.block.paragraphs[0]) {
                d.block.title = d.block.paragraphs.removeFirst()
                d.titleItem = d.items.first { !content[$0].isDate }
            }
            return d
        }
        // The length of the stack (lines with no blank line between them) each line stands in.
        var stack = [Int](repeating: 1, count: run.count)
        var runStart = run.lowerBound
        for k in run {
            if k == run.upperBound - 1 || content[k + 1].gap > 0 || content[k + 1].isDate || content[k].isDate {
                for m in runStart...k { stack[m - run.lowerBound] = k - runStart + 1 }
                runStart = k + 1
            }
        }
        var prevText: Int? = nil
        var pendingMedia: [Int] = []
        for k in run {
            let item = content[k]
            // A credit or file name in a sidebar goes with the teaser it stands under (or the next).
            if !item.isDate, item.text.utf8.count <= 200, features(k).media {
                if current != nil {
                    current!.block.media.append(item.text)
                    current!.mediaItems.append(k)
                } else {
                    pendingMedia.append(k)
                }
                continue
            }
            if item.isDate {
                if let c = finish(current, content) { out.append(c) }
                current = nil
                if let p = pendingDate {
                    // Two date lines in a row: the first dates nothing.
                    out.append(newDraft(at: content[p].index + 1, published: content[p].day, items: [p]))
                }
                pendingDate = k
                continue
            }
            if let p = pendingDate {
                if let c = finish(current, content) { out.append(c) }
                current = newDraft(at: content[p].index + 1, published: content[p].day, items: [p])
                pendingDate = nil
            } else if current == nil || item.gap >= blockGap || (prevText.map { startsOwnTeaser(k, after: $0, inStackOf: stack[k - run.lowerBound]) } ?? true) {
                if let c = finish(current, content) { out.append(c) }
                current = newDraft(at: item.index + 1, published: nil, items: [])
            }
            current!.block.paragraphs.append(item.text)
            current!.items.append(k)
            for m in pendingMedia {
                current!.block.media.append(content[m].text)
                current!.mediaItems.append(m)
            }
            pendingMedia = []
            prevText = k
        }
        if let c = finish(current, content) { out.append(c) }
        if let p = pendingDate {
            out.append(newDraft(at: content[p].index + 1, published: content[p].day, items: [p]))
        }
        // A credit under the last date (or alone at the end) goes with what follows: the main
        // article when the caller says so, else the last teaser.
        leftoverMedia = []
        if keepTrailingMedia {
            leftoverMedia = pendingMedia
        } else if !pendingMedia.isEmpty {
            if let i = out.lastIndex(where: { !$0.isEmpty }) {
                for m in pendingMedia {
                    out[i].block.media.append(content[m].text)
                    out[i].mediaItems.append(m)
                }
            } else {
                for m in pendingMedia { markUnplaced(content[m], "a credit with no article to go with") }
            }
        }
        // A date that dates nothing is reported, not silently dropped; except the last one,
        // which the caller may give to the main article.
        for (i, d) in out.enumerated() where d.isEmpty && i < out.count - 1 {
            for k in d.items { markUnplaced(content[k], "a date line with nothing under it") }
        }
        return out.enumerated().filter { i, d in !(d.isEmpty && i < out.count - 1) }.map(\.element)
    }
}
