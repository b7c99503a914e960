import Foundation

/// Scores the page parser against a folder of pages with expected files (`NAME.txt` beside
/// `NAME.expected.json`, the format the README gives): main titles, publication dates, teaser
/// counts and kinds, plus bylines, time stamps and interview pairs where the files give them.
/// The pages are read together, so corpus-wide line counts play as they do in the reader.
public struct ParserAccuracy: Sendable {
    /// One measured figure: how many were right of how many.
    public struct Figure: Sendable {
        public var right = 0
        public var total = 0
        public var percent: Double { total == 0 ? 100 : Double(right) * 100 / Double(total) }
        mutating func count(_ ok: Bool) { total += 1; if ok { right += 1 } }
    }

    /// What went wrong on one page, in words.
    public struct Miss: Sendable {
        public var page: String
        public var what: String
    }

    public var pages = 0
    /// Pages that could not be read (the parser itself never fails).
    public var unreadable = 0
    public var titles = Figure()
    public var dates = Figure()
    public var teaserCounts = Figure()
    /// Expected teasers found (by the start of their first line).
    public var teasersFound = Figure()
    public var kinds = Figure()
    /// Publication dates of the teasers found.
    public var teaserDates = Figure()
    public var extras = Figure()
    public var misses: [Miss] = []
    /// Pages with an expected file that could not be read or understood.
    public var badExpectations: [String] = []
    /// Expected files with no page beside them.
    public var orphans: [String] = []

    /// Spaces collapsed and trimmed, as the expected files write text.
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }).joined(separator: " ")
    }

    static func starts(_ text: String, with expected: String) -> Bool {
        let t = collapse(text)
        let e = collapse(expected)
        return !e.isEmpty && t.hasPrefix(e)
    }

    /// The kind the reader would give a block.
    static func kind(of b: PageBlock) -> ArticleKind {
        KindClassifier.classify(title: b.title, paragraphs: b.paragraphs, hasQA: !InterviewParser.pairs(b.paragraphs).isEmpty)
    }

    /// Measures every `*.txt` page of `dir` that has an expected file.
    public static func measure(dir: String) throws(CorpusError) -> ParserAccuracy {
        let found = try PageFinder.find([dir])
        var report = ParserAccuracy()
        var inputs: [PageInput] = []
        var expectations: [[String: Any]] = []
        for page in found.pages {
            let path = page.path ?? page.name
            let expectedPath = String(path.dropLast(4)) + ".expected.json"
            guard FileManager.default.fileExists(atPath: expectedPath) else { continue }
            guard let data = FileManager.default.contents(atPath: expectedPath),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  object["teasers"] is [[String: Any]], object.keys.contains("main") else {
                report.badExpectations.append(expectedPath)
                continue
            }
            inputs.append(page)
            expectations.append(object)
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            let base = dir.hasSuffix("/") ? dir : dir + "/"
            for name in names.sorted() where name.hasSuffix(".expected.json") {
                let page = base + String(name.dropLast(".expected.json".count)) + ".txt"
                if !FileManager.default.fileExists(atPath: page) { report.orphans.append(base + name) }
            }
        }
        if inputs.isEmpty {
            if let bad = report.badExpectations.first ?? report.orphans.first {
                throw .badExpectations(bad, count: report.badExpectations.count + report.orphans.count)
            }
            throw .noExpectations(dir)
        }
        let builder = CorpusBuilder()
        let cleaned = builder.parallelMap(inputs.count) { CorpusBuilder.read(inputs[$0]) }
        let evidence = LineEvidence.build(cleaned.map(\.keys), workers: builder.workers)
        let parsed: [ParsedPage?] = builder.parallelMap(inputs.count) { i in
            cleaned[i].clean.map { PageParser.parse($0, evidence: evidence, lineKeys: cleaned[i].lineKeys) }
        }
        for (i, page) in inputs.enumerated() {
            report.pages += 1
            guard let p = parsed[i] else {
                report.unreadable += 1
                report.misses.append(Miss(page: page.name, what: "could not be read"))
                continue
            }
            report.score(page: (page.path ?? page.name).split(separator: "/").last.map(String.init) ?? page.name, p, expectations[i])
        }
        return report
    }

    mutating func score(page name: String, _ p: ParsedPage, _ expected: [String: Any]) {
        let main = p.blocks.first { $0.role == .main }
        let teasers = p.blocks.filter { $0.role == .teaser }
        func miss(_ s: String) { misses.append(Miss(page: name, what: s)) }
        if let want = expected["main"] as? [String: Any] {
            let title = want["title"] as? String ?? ""
            let ok = main.map { Self.collapse($0.title ?? "") == Self.collapse(title) } ?? false
            titles.count(ok)
            if !ok { miss("title: want \"\(title)\", got \(main.map { "\"\($0.title ?? "(none)")\"" } ?? "no main article")") }
            let date = want["published"] as? String
            let gotDate = main?.published?.description
            dates.count(main != nil && gotDate == date)
            if main != nil, gotDate != date { miss("published: want \(date ?? "null"), got \(gotDate ?? "null")") }
            if let main, let k = want["kind"] as? String {
                let got = Self.kind(of: main).rawValue
                kinds.count(got == k)
                if got != k { miss("main kind: want \(k), got \(got)") }
            }
            if let main, let by = want["byline"] as? String {
                extras.count(main.byline == by)
                if main.byline != by { miss("byline: want \(by), got \(main.byline ?? "none")") }
            }
            if let main, let ts = want["timestamp"] as? String {
                extras.count(main.timestamp == ts)
                if main.timestamp != ts { miss("timestamp: want \(ts), got \(main.timestamp ?? "none")") }
            }
            if let main, let qa = want["qa"] as? Int {
                let got = InterviewParser.pairs(main.paragraphs).count
                extras.count(got == qa)
                if got != qa { miss("question/answer pairs: want \(qa), got \(got)") }
            }
            if let main, let body = want["body_starts"] as? String {
                let ok = Self.starts(main.paragraphs.first ?? "", with: body)
                extras.count(ok)
                if !ok { miss("body starts: want \"\(body)\", got \"\(String((main.paragraphs.first ?? "").prefix(40)))\"") }
            }
        } else {
            titles.count(main == nil)
            dates.count(main == nil)
            if let main { miss("title: want no main article, got \"\(main.title ?? main.paragraphs.first ?? "")\"") }
        }
        let wanted = expected["teasers"] as? [[String: Any]] ?? []
        teaserCounts.count(wanted.count == teasers.count)
        if wanted.count != teasers.count { miss("teasers: want \(wanted.count), got \(teasers.count)") }
        var unused = Array(teasers.indices)
        for w in wanted {
            let text = w["text"] as? String ?? ""
            guard let at = unused.firstIndex(where: { Self.starts(teasers[$0].title ?? teasers[$0].paragraphs.first ?? "", with: text) }) else {
                teasersFound.count(false)
                miss("teaser not found: \"\(text)\"")
                continue
            }
            let t = teasers[unused.remove(at: at)]
            teasersFound.count(true)
            if let k = w["kind"] as? String {
                let got = Self.kind(of: t).rawValue
                kinds.count(got == k)
                if got != k { miss("teaser kind: \"\(text)\" want \(k), got \(got)") }
            }
            let date = w["published"] as? String
            teaserDates.count(t.published?.description == date)
            if t.published?.description != date { miss("teaser date: \"\(text)\" want \(date ?? "null"), got \(t.published?.description ?? "null")") }
        }
        for i in unused {
            miss("extra teaser: \"\(String(Self.collapse(teasers[i].title ?? teasers[i].paragraphs.first ?? "").prefix(60)))\"")
        }
    }
}
