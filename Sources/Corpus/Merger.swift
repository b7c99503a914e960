/// Merges the blocks of many pages into articles: the same article seen on several pages (a
/// teaser repeated across sidebars, a main article scraped twice, a teaser of an article whose
/// full text is present) becomes one, with every source listed and the gaps of one copy filled
/// from another. Blocks are matched on their whole first paragraph (or a headline-only teaser on
/// the main title), never on a prefix, so two teasers that merely start alike stay apart.
struct Merger {
    struct Draft {
        var title: String?
        var published: Day?
        var paragraphs: [String]
        var contacts: [String]
        var media: [String]
        var sources: [Source]
        var full: Bool
        var key: UInt64
        var titleKey: UInt64?
        var byline: String?
        var timestamp: String?
        var alternateTitles: [String]
    }

    private(set) var drafts: [Draft] = []
    private var byLead: [UInt64: [Int]] = [:]
    private var byTitle: [UInt64: [Int]] = [:]
    private(set) var blocks = 0

    mutating func add(_ block: PageBlock, file: String) {
        blocks += 1
        let source = Source(file: file, role: block.role, line: block.line)
        // The page's sidebar showing its own article: one more source (however often it shows it).
        let also = block.alsoAt.prefix(1).map { Source(file: file, role: .teaser, line: $0) }
        let lead = block.paragraphs.first ?? block.title ?? ""
        // Computed by the parser (in parallel) for its blocks; computed here for blocks made by hand.
        let leadKey = block.leadKey != 0 ? block.leadKey : TextTools.fingerprint(lead)
        let titleKey = block.titleKey ?? block.title.map { TextTools.fingerprint($0) }
        let isMain = block.role == .main

        var target: Int? = nil
        for c in byLead[leadKey] ?? [] where compatible(drafts[c], block) {
            target = c
            break
        }
        if target == nil, let titleKey, isMain, block.published != nil {
            // The same main article scraped twice with an edited first paragraph: same headline,
            // same publication date. (Undated articles with one headline, such as "Statement by
            // the Secretary General", are different statements.)
            target = (byTitle[titleKey] ?? []).first { drafts[$0].full && drafts[$0].published == block.published }
        }
        if target == nil, !isMain {
            // A teaser with the main article's headline (as its title, or as its only line).
            let key = titleKey ?? (block.paragraphs.count == 1 ? leadKey : nil)
            if let key { target = (byTitle[key] ?? []).first { drafts[$0].full } }
        }
        if target == nil, isMain, let titleKey {
            // A main article whose headline-only teaser came first.
            target = (byLead[titleKey] ?? []).first { !drafts[$0].full && drafts[$0].paragraphs.count == 1 }
        }
        if let t = target {
            merge(into: t, block, source: source)
            drafts[t].sources += also
            register(&byLead, leadKey, t)
            if let titleKey { register(&byTitle, titleKey, t) }
        } else {
            let d = Draft(title: block.title, published: block.published, paragraphs: block.paragraphs,
                          contacts: block.contacts, media: block.media, sources: [source] + also, full: isMain, key: leadKey,
                          titleKey: titleKey, byline: block.byline, timestamp: block.timestamp,
                          alternateTitles: block.alternateTitles)
            drafts.append(d)
            register(&byLead, leadKey, drafts.count - 1)
            if let titleKey { register(&byTitle, titleKey, drafts.count - 1) }
        }
    }

    private func register(_ index: inout [UInt64: [Int]], _ key: UInt64, _ value: Int) {
        if !(index[key]?.contains(value) ?? false) { index[key, default: []].append(value) }
    }

    private func sameDay(_ a: Day?, _ b: Day?) -> Bool {
        a == nil || b == nil || a == b
    }

    /// Two main articles with different headlines are different articles, even with one lead.
    private func compatible(_ d: Draft, _ b: PageBlock) -> Bool {
        // A teaser's own headline must agree with the article's, or it would be lost.
        if let t1 = d.titleKey, let t2 = b.titleKey ?? b.title.map({ TextTools.fingerprint($0) }), t1 != t2 { return false }
        if let p1 = d.published, let p2 = b.published, p1 != p2 { return false }
        return true
    }

    private mutating func merge(into t: Int, _ b: PageBlock, source: Source) {
        var d = drafts[t]
        d.sources.append(source)
        if b.role == .main {
            if !d.full || b.paragraphs.count > d.paragraphs.count {
                d.paragraphs = b.paragraphs
            }
            if d.title == nil {
                d.title = b.title
                d.titleKey = b.title.map { TextTools.fingerprint($0) }
            }
            d.full = true
        } else if !d.full {
            // Two copies of a teaser: the longer, then what only the other has (nothing is dropped).
            var (long, short) = b.paragraphs.count > d.paragraphs.count ? (b.paragraphs, d.paragraphs) : (d.paragraphs, b.paragraphs)
            let known = Set(long.map { TextTools.fingerprint($0) })
            for p in short where !known.contains(TextTools.fingerprint(p)) { long.append(p) }
            d.paragraphs = long
        }
        if d.title == nil, let title = b.title {
            d.title = title
            d.titleKey = TextTools.fingerprint(title)
        }
        if d.published == nil { d.published = b.published }
        if d.byline == nil { d.byline = b.byline }
        if d.timestamp == nil { d.timestamp = b.timestamp }
        for t in b.alternateTitles where !d.alternateTitles.contains(t) { d.alternateTitles.append(t) }
        for c in b.contacts where !d.contacts.contains(c) { d.contacts.append(c) }
        for m in b.media where !d.media.contains(m) { d.media.append(m) }
        drafts[t] = d
    }
}
