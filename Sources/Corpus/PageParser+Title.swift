import Foundation

/// Choosing the main title: every headline-like line is scored by what follows it and by what
/// the corpus says of it; the best score above the threshold is the main article.
extension PageParser.Parse {
    /// What a title candidate brings: its header (repeat, date, credits, byline, time stamp),
    /// where its body runs, and its score with the reasons.
    struct Candidate {
        var k: Int
        var titleItems: [Int]
        var title: String
        var score = 0.0
        var reasons: [String] = []
        var repeatAt: Int? = nil
        /// A date the scraper cut short on the title's repeat (`12.03.20`).
        var cutDate: String? = nil
        /// The repeat's words when they differ from the title's (a reworded repeat with its date).
        var rewordedRepeat: String? = nil
        var dateAt: Int? = nil
        var published: Day? = nil
        var altTitleItems: [[Int]] = []
        var mediaItems: [Int] = []
        var bylineAt: Int? = nil
        var timestampAt: Int? = nil
        var bodyFrom = 0
        var bodyEnd = 0
        /// A repeat, a date, credits, a byline or a time stamp under the title.
        var strongHeader: Bool { repeatAt != nil || dateAt != nil || bylineAt != nil || timestampAt != nil }

        mutating func add(_ points: Double, _ reason: String) {
            score += points
            reasons.append((points >= 0 ? "+" : "") + PageParser.Parse.fmt(points) + " " + reason)
        }
    }

    static let threshold = 2.5

    /// Cheap per-item shape for the scan: ends a sentence (or is long), or looks like a headline.
    func sentenceLike(_ k: Int) -> Bool {
        scan.isSentence[k]
    }

    static func sentenceLike(_ item: PageParser.Item) -> Bool {
        guard !item.isDate else { return false }
        let t = item.text
        if TextTools.endsSentence(t) || t.utf8.count > 300 { return true }
        // An image name glued to the end of a paragraph ("...was held.IMG_0123.jpg").
        if t.utf8.count <= 2000, Media.mayHoldImageName(t), let text = Media.split(t).0 { return TextTools.endsSentence(text) }
        return false
    }

    /// Word overlap of two headlines: shared words over the shorter one's words. Words of three
    /// letters or more, compared by their first five letters, lower-cased (`visits` and `visit`,
    /// `Kyrgyzstan` and `Kyrgyz` share one).
    static func similarity(_ a: String, _ b: String) -> Double {
        func words(_ s: String) -> Set<UInt64> {
            var out = Set<UInt64>()
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var letters = 0
            for b in Bytes.lowered(s) + [0x20] {
                if b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    let starts = b < 0x80 || b >= 0xC0
                    if starts { letters += 1 }
                    if letters <= 5 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
                } else {
                    if letters > 2 { out.insert(h) }
                    h = 0xcbf2_9ce4_8422_2325
                    letters = 0
                }
            }
            return out
        }
        let wa = words(a)
        let wb = words(b)
        guard !wa.isEmpty, !wb.isEmpty else { return 0 }
        return Double(wa.intersection(wb).count) / Double(min(wa.count, wb.count))
    }

    /// Running totals over the content, so that a candidate's body is measured in constant time.
    struct Scan {
        /// Per position: the first date item at or after it, or the footer (teasers printed after
        /// it are no body), or the end.
        var nextDate: [Int] = [0]
        /// Per position: ends a sentence or is long (body-like).
        var isSentence: [Bool] = []
        /// Per position: looks like a headline (a cheap test: capital first, no final punctuation).
        var headline: [Bool] = []
        /// Prefix counts: sentence lines, headline-like lines, bytes.
        var sentences: [Int] = [0]
        var headlines: [Int] = [0]
        var chars: [Int] = [0]
    }

    func makeScan() -> Scan {
        let n = content.count
        var s = Scan(nextDate: [Int](repeating: n, count: n + 1), isSentence: [], sentences: [0], headlines: [0], chars: [0])
        s.isSentence.reserveCapacity(n)
        s.sentences.reserveCapacity(n + 1)
        s.headlines.reserveCapacity(n + 1)
        s.chars.reserveCapacity(n + 1)
        for k in 0..<n {
            let sentence = Self.sentenceLike(content[k])
            s.isSentence.append(sentence)
            let first = content[k].text.unicodeScalars.first
            let headline = !content[k].isDate && !sentence && (first?.properties.isUppercase ?? false) && content[k].text.utf8.count >= 8
                && !TextTools.endsIntroducing(content[k].text)
                && !Boilerplate.isContact(content[k].text) && !Media.isMediaLine(content[k].text)
            s.sentences.append(s.sentences[k] + (sentence ? 1 : 0))
            s.headlines.append(s.headlines[k] + (headline ? 1 : 0))
            s.headline.append(headline)
            s.chars.append(s.chars[k] + content[k].text.utf8.count)
        }
        // A body ends at the next date line, and at the footer (teasers printed after it are no body).
        var next = n
        for k in stride(from: n - 1, through: 0, by: -1) {
            if content[k].isDate || k == tailStart - 1 && tailStart < n { next = content[k].isDate ? k : tailStart }
            s.nextDate[k] = next
        }
        return s
    }


    /// With corpus evidence, the chosen article's body also ends at a line that recurs on more
    /// pages than the body so far (an undated teaser standing after the article).
    mutating func refineBodyEnd(_ c: inout Candidate) {
        guard evidence.pages > 1, c.bodyFrom < c.bodyEnd else { return }
        // The body's own spacing: the smallest gap between its paragraphs.
        var bodyGap = Int.max
        for m in (c.bodyFrom + 1)..<c.bodyEnd { bodyGap = min(bodyGap, content[m].gap) }
        // The lead may stand in other pages' sidebars: the body's own count starts after it.
        var most = 1
        var m = c.bodyFrom + 1
        while m < c.bodyEnd {
            let cm = count(m)
            // A teaser stands apart (more blank lines than between paragraphs), is of a teaser's
            // length, and is seen on more pages than the body so far; a quoted question or a
            // subheading seen elsewhere proves nothing.
            let f = features(m)
            if content[m].gap > bodyGap, cm >= 2, cm > most, content[m].text.utf8.count >= 40, !f.bullet,
               !InterviewParser.dashes.contains(content[m].text.first ?? " ") {
                c.bodyEnd = m
                c.reasons.append("its body ends at line \(content[m].index + 1), seen on \(cm) pages")
                return
            }
            most = max(most, cm)
            m += 1
        }
    }

    /// Scores line `k` as the main title; nil when it cannot be one.
    mutating func evaluate(_ k: Int) -> Candidate? {
        // The article ends at the footer: teasers printed after it are no header and no body.
        let n = tailStart
        // Cheap necessary shape first (the scan's headline test, or a question or exclamation),
        // before the full features of the line.
        let t = content[k].text
        guard t.utf8.count >= 8, t.utf8.count <= 600, let first = t.unicodeScalars.first,
              first.properties.isUppercase || "\"“«„'‘".unicodeScalars.contains(first) || (first.value >= 0x30 && first.value <= 0x39),
              !sentenceLike(k) || (t.utf8.count <= 300 && TextTools.endsExclaiming(t)) else { return nil }
        let f = features(k)
        guard !content[k].isDate, f.headline, !f.lead || !f.sentence, f.timestamp == nil else { return nil }
        var c = Candidate(k: k, titleItems: [k], title: content[k].text)
        c.add(1, "looks like a headline")
        if f.exclaims { c.add(-0.5, "ends with ? or !") }
        var j = k + 1
        // A headline the scraper broke over two lines (a quoted newspaper headline).
        if j < n, !content[j].isDate, content[j].gap == 0, !features(j).media,
           features(j).continuation || (TextTools.unbalancedQuotes(c.title) && !sentenceLike(j)),
           c.title.utf8.count + content[j].text.utf8.count <= 400 {
            c.title += " " + content[j].text
            c.titleItems.append(j)
            j += 1
        }
        let titleKey = TextTools.fingerprint(c.title)
        let datedAbove = k > 0 && content[k - 1].isDate
        // The header: what stands between the title and its body.
        header: while j < n, j - k <= 10 {
            let x = content[j]
            if x.isDate {
                // A date glued to a document link on its line ("30.09.2020 Download document X.docx").
                if j + 1 < n, content[j + 1].index == x.index, features(j + 1).media {
                    if c.dateAt == nil, c.published == nil, !datedAbove { c.dateAt = j; c.published = x.day }
                    c.mediaItems.append(j + 1)
                    c.add(c.mediaItems.count == 1 ? 1 : 0, "a dated document under it")
                    j += 2
                    continue
                }
                guard c.dateAt == nil, c.published == nil else { break }
                let after = j + 1 < n ? j + 1 : nil
                let bodyFollows = after.map {
                    if content[$0].isDate {
                        // Another date, glued to a document link on its line.
                        return $0 + 1 < n && content[$0 + 1].index == content[$0].index && features($0 + 1).media
                    }
                    let fa = features($0)
                    return sentenceLike($0) || fa.media || fa.name || fa.timestamp != nil || (fa.quoted && !fa.sentence) || fa.bullet
                } ?? false
                let nextDateAt = scan.nextDate[j + 1]
                if datedAbove || !bodyFollows {
                    // Dated above, or nothing like a body under the date: it is the next block's date.
                    break header
                }
                c.dateAt = j
                c.published = x.day
                if nextDateAt - (j + 1) <= 1, nextDateAt < n {
                    c.add(0.5, "a date under it, but one line and the next date follow (a dated list)")
                } else {
                    c.add(2.5, "a date line under it")
                }
                j += 1
                continue
            }
            let fx = features(j)
            if c.repeatAt == nil, c.altTitleItems.isEmpty, c.dateAt == nil {
                if let (text, day) = TextTools.trailingDottedDate(x.text), !text.isEmpty {
                    if TextTools.fingerprint(text) == titleKey {
                        c.repeatAt = j; c.published = day
                        c.add(4, "repeated with a date")
                        j += 1; continue
                    }
                    if Self.similarity(c.title, String(text)) >= 0.5 {
                        c.repeatAt = j; c.published = day
                        c.rewordedRepeat = String(text)
                        c.add(3, "repeated in other words with a date")
                        j += 1; continue
                    }
                }
                if TextTools.fingerprint(x.text) == titleKey {
                    c.repeatAt = j
                    c.add(3, "repeated on the next line")
                    j += 1; continue
                }
                if x.text.utf8.count > c.title.utf8.count, x.text.hasPrefix(c.title + " "),
                   TextTools.isDateFragment(x.text.dropFirst(c.title.count + 1)) {
                    c.repeatAt = j
                    c.add(3, "repeated with a date cut short")
                    c.cutDate = String(x.text.dropFirst(c.title.count + 1))
                    j += 1; continue
                }
                // Right under the title, or under its credits.
                // A reworded repeat stands right under the title (or its credits), at most one blank
                // line away, and the rest of a header (a date, a credit) follows it, as the site
                // prints it; two similar headlines with a body under the second are two articles.
                // Its words may differ more when the title opens a block of its own.
                let opensBlock = k == 0 || content[k].gap >= 1 || content[k - 1].isDate
                if j == (c.mediaItems.last ?? c.titleItems.last!) + 1, x.gap <= 1, fx.headline, !fx.lead, j + 1 < n,
                   content[j + 1].isDate || features(j + 1).media || features(j + 1).timestamp != nil,
                   Self.similarity(c.title, x.text) >= (opensBlock && x.gap == 0 ? 0.25 : 0.5) {
                    c.altTitleItems.append([j])
                    c.add(1.5, "repeated in other words")
                    j += 1; continue
                }
            }
            if fx.media {
                c.mediaItems.append(j)
                c.add(c.mediaItems.count == 1 ? 1 : 0, "a credit or document under it")
                j += 1; continue
            }
            if fx.timestamp != nil, c.timestampAt == nil {
                c.timestampAt = j
                if c.published == nil, !datedAbove { c.published = fx.timestamp }
                c.add(1.5, "a time stamp under it")
                j += 1; continue
            }
            if fx.name, c.bylineAt == nil, j + 1 < n, !content[j + 1].isDate || c.dateAt == nil {
                let next = j + 1
                let nf = features(next)
                if nf.timestamp != nil || nf.media || sentenceLike(next) || content[next].isDate {
                    c.bylineAt = j
                    c.add(1, "a byline under it")
                    j += 1; continue
                }
            }
            if fx.quoted, !fx.sentence, c.altTitleItems.count < 2 {
                // A quoted newspaper headline under the site's title, maybe over two lines.
                var group = [j]
                if j + 1 < n, !content[j + 1].isDate, content[j + 1].gap == 0, !sentenceLike(j + 1) || features(j + 1).continuation,
                   TextTools.unbalancedQuotes(x.text) {
                    group.append(j + 1)
                }
                c.altTitleItems.append(group)
                if datedAbove || (content[k].gap == 0 && k > 0 && !content[k - 1].isDate) {
                    // A site title stands apart; a line stacked in the sidebar or dated above it is a
                    // teaser, and the quoted headline is the title.
                    c.add(-1.5, "a quoted headline under it, but it stands like a sidebar line")
                } else {
                    c.add(0.5, "a quoted headline under it")
                }
                j += group.count
                continue
            }
            break
        }
        c.bodyFrom = j
        // The body runs to the next date line (`refineBodyEnd` may end it sooner once chosen).
        let end = scan.nextDate[j]
        c.bodyEnd = end
        if let cut = c.cutDate, c.published == nil, j < end {
            // Day and month survive the cut: the year is the one the body gives for that day.
            let parts = cut.split(separator: ".")
            if parts.count >= 2, let d = Int(parts[0]), let m = Int(parts[1]),
               let span = DateExtractor.event(title: nil, paragraphs: [content[j].text], published: nil),
               span.start.day == d, span.start.month == m,
               String(span.start.year).hasPrefix(parts.count > 2 ? String(parts[2]) : "") {
                c.published = span.start
                c.reasons.append("the cut date's year from the body")
            }
        }
        let sentences = scan.sentences[end] - scan.sentences[j]
        let headlines = scan.headlines[end] - scan.headlines[j]
        let chars = scan.chars[end] - scan.chars[j]
        if end == j, !c.strongHeader || c.published == nil { return nil }
        if sentences == 0, !c.strongHeader { return nil }
        if sentences > 0 { c.add(Double(min(sentences, 6)) * 0.5, "\(sentences) sentence line\(sentences == 1 ? "" : "s") of body") }
        if chars > 800 { c.add(0.5, "a long body") }
        if end == n, end > j { c.add(0.5, "its body runs to the end") }
        if headlines > 0 { c.add(-0.75 * Double(min(headlines, 4)), "\(headlines) headline-like line\(headlines == 1 ? "" : "s") in its body") }
        if f.lead { c.add(-1.5, "opens with a date phrase, like a teaser's lead") }
        if c.titleItems.count == 1, k > 1, content[k].gap == 0, content[k - 1].gap == 0, !content[k - 1].isDate,
           !content[k - 2].isDate, k + 1 < n, content[k + 1].isDate || (content[k + 1].gap >= 1 && sentenceLike(k + 1)) {
            c.add(1, "ends a stack of lines, a blank or a date under it")
        }
        if f.name { c.add(-2, "a person's name alone (a byline)") }
        if c.titleItems.count == 1, !c.strongHeader, k + 1 < n, content[k + 1].gap == 0, k > 0, content[k].gap == 0,
           !content[k - 1].isDate {
            c.add(-1, "stands inside a stack of lines with no blank line after it")
        }
        if evidence.pages > 1, end > j {
            // A main article's title and lead may stand in sidebars and lists of other pages; the
            // rest of its body stands on its own page only. A block whose text recurs whole is a teaser.
            let ck = count(k)
            var restMin = Int.max
            for m in (j + 1)..<min(end, j + 6) { restMin = min(restMin, count(m)) }
            if restMin == 1 {
                c.add(0.5, "its body stands on this page only")
            } else if ck >= 2, restMin == Int.max ? count(j) >= 2 : restMin >= 2 {
                c.add(-1.5, "seen with its text on \(ck) pages: a sidebar block")
            }
        }
        return c
    }

    /// Scores every headline-like line and picks the main title: the best score at or above the
    /// threshold; a candidate whose body holds a later headline with a header of its own is
    /// sidebar. Sets the page's confidence and decision.
    mutating func chooseTitle(from start: Int) -> Candidate? {
        var cands: [Candidate] = []
        for k in start..<tailStart where !content[k].isDate && (!sentenceLike(k) || content[k].text.utf8.count <= 300) {
            if let c = evaluate(k) { cands.append(c) }
        }
        // Candidates are in line order: walk back, remembering the nearest later one with a header.
        var laterStrong: Int? = nil
        for i in stride(from: cands.count - 1, through: 0, by: -1) {
            if let o = laterStrong, cands[o].k >= cands[i].bodyFrom, cands[o].k < cands[i].bodyEnd {
                cands[i].add(-3, "a later headline (line \(content[cands[o].k].index + 1)) has a header of its own")
            }
            if cands[i].strongHeader { laterStrong = i }
        }
        let withBody = cands.filter { scan.sentences[$0.bodyEnd] > scan.sentences[$0.bodyFrom] }
        if withBody.count == 1, let i = cands.firstIndex(where: { $0.k == withBody[0].k }) {
            cands[i].add(1, "the only headline followed by text")
        }
        // Best first; on a tie the later line (the main article follows the sidebar).
        let ranked = cands.sorted { $0.score != $1.score ? $0.score > $1.score : $0.k > $1.k }
        if explain {
            candidates = ranked.prefix(8).map { TitleCandidate(line: content[$0.k].index + 1, score: $0.score, reasons: $0.reasons) }
        }
        guard var best = ranked.first, best.score >= Self.threshold else {
            let top = ranked.first?.score ?? 0
            confidence = min(1, (Self.threshold - top) / 2)
            decision = ranked.isEmpty ? "no line looks like a main title" :
                "no main article: the best title candidate (line \(content[ranked[0].k].index + 1)) scores \(String(format: "%.1f", top)), below \(String(format: "%.1f", Self.threshold))"
            return nil
        }
        // The runner-up is another reading of the page, not a line of the winner's own header
        // (its reworded repeat, its quoted newspaper headline).
        let header = Set(best.titleItems + best.altTitleItems.flatMap { $0 } + (best.repeatAt.map { [$0] } ?? []))
        let rival = ranked.dropFirst().first { !header.contains($0.k) }
        let runnerUp = rival?.score ?? Self.threshold - 2
        let margin = min(best.score - runnerUp, best.score - Self.threshold + 1)
        confidence = max(0, min(1, margin / 2))
        decision = "main title at line \(content[best.k].index + 1) (score \(String(format: "%.1f", best.score))" +
            (rival.map { ", next best \(String(format: "%.1f", $0.score)) at line \(content[$0.k].index + 1))" } ?? ")")
        refineBodyEnd(&best)
        return best
    }

    /// A score with one decimal, without a trailing ".0".
    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

extension TextTools {
    /// An odd number of straight double quotes, or more opening than closing curly quotes or
    /// guillemets: a quotation that goes on.
    static func unbalancedQuotes(_ s: String) -> Bool {
        var straight = 0
        var open = 0
        var close = 0
        for u in s.unicodeScalars {
            switch u {
            case "\"": straight += 1
            case "“", "«", "„": open += 1
            case "”", "»": close += 1
            default: break
            }
        }
        return straight % 2 == 1 || open > close
    }
}
