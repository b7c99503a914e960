import Testing
@testable import Corpus

/// Every non-boilerplate line of every page ends up in exactly one article's text, contacts or
/// media (or is reported as unplaced), after merging too.
@Suite struct NothingLostTests {
    static func check(_ pages: [PageInput]) -> (checked: Int, missing: [String]) {
        let corpus = CorpusBuilder().build(pages, origin: "test")
        var known = Set<String>()
        var titles: [String] = []
        for a in corpus.articles {
            known.formUnion(a.paragraphs)
            known.formUnion(a.contacts)
            known.formUnion(a.media)
            known.insert(a.title)
            if let b = a.byline { known.insert(b) }
            if let t = a.timestamp { known.insert(t) }
            titles.append(a.title)
            titles += a.alternateTitles
            titles += a.paragraphs.prefix(1)
        }
        for u in corpus.stats.unplaced { known.insert(u.text) }
        var missing: [String] = []
        var checked = 0
        // The roles as the corpus saw them: with the same corpus-wide line counts.
        let cleaned = pages.map { PageCleaner.clean($0.bytes!) }
        let evidence = LineEvidence.build(cleaned)
        for (page, clean) in zip(pages, cleaned) {
            let parsed = PageParser.parse(clean, evidence: evidence)
            for (i, raw) in clean.lines.enumerated() where !raw.isEmpty {
                // A date glued to the text it dates: the text is what must be kept.
                let line = TextTools.leadingDottedDate(raw).matched ? String(raw.dropFirst(10).drop { $0 == " " }) : raw
                switch parsed.roles[i] {
                case .blank:
                    missing.append("\(page.name):\(i + 1) not placed")
                case .titleRepeat, .selfTeaser, .title:
                    // A repeat of the title (maybe reworded, maybe with its date) or the sidebar's
                    // copy of the page's own article: its words stand in a title or a lead.
                    checked += 1
                    var core = Substring(line)
                    if let (text, _) = TextTools.trailingDottedDate(line) { core = text }
                    while let l = core.last, l == "." || l == "…" || l == " " { core = core.dropLast() }
                    if core.isEmpty { continue }
                    let fp = TextTools.fingerprint(core)
                    if !titles.contains(where: { $0.contains(core) || TextTools.fingerprint($0) == fp || $0.hasPrefix(core) })
                        && !titles.contains(where: { core.hasPrefix($0) }) {
                        missing.append("\(page.name):\(i + 1) lost (\(parsed.roles[i])): \(line.prefix(60))")
                    }
                case .byline, .timestamp:
                    checked += 1
                    if !known.contains(line) { missing.append("\(page.name):\(i + 1) lost: \(line.prefix(60))") }
                case .paragraph, .contact, .media, .unplaced:
                    checked += 1
                    // A paragraph with an image name glued to it is kept without the name.
                    let (text, media) = Media.split(line)
                    let ok = known.contains(line) || ((text.map { known.contains($0) } ?? true) && media.allSatisfy(known.contains))
                    if !ok { missing.append("\(page.name):\(i + 1) lost: \(line.prefix(60))") }
                default:
                    break
                }
            }
        }
        return (checked, missing)
    }

    @Test func seedsLoseNothing() {
        let (checked, missing) = Self.check(Corpus.builtInPages())
        #expect(checked > 70)
        #expect(missing.isEmpty, "\(missing)")
        #expect(Corpus.builtIn().stats.unplaced.isEmpty)
    }

    @Test func fixturesLoseNothing() throws {
        let names = FixturePageTests.names
        let pages = names.map { PageInput(name: $0, bytes: Repo.bytes(Repo.pages.appendingPathComponent($0 + ".txt"))) }
        let (checked, missing) = Self.check(pages)
        #expect(checked > 100)
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test func generatedCorpusLosesNothing() {
        let pages = PageGenerator(seed: 7).pages(count: 300).map { PageInput(name: $0.name, bytes: Array($0.text.utf8)) }
        let (checked, missing) = Self.check(pages)
        #expect(checked > 3000)
        #expect(missing.isEmpty, "\(missing.prefix(10))")
        let corpus = CorpusBuilder().build(pages, origin: "generated")
        #expect(corpus.stats.unplaced.isEmpty)
        #expect(corpus.stats.merged > 0)
    }

    @Test func textAfterTheFooterIsReportedNotDropped() {
        let c = corpus(of: [("p.txt", "Title of the day\n\nTitle of the day 01.02.2024\n\nBody text here.\n\nGo back\n\nStray words after the footer\n")])
        #expect(c.stats.unplaced.map(\.text) == ["Stray words after the footer"])
        #expect(c.stats.unplaced.first?.line == 9)
    }
}
