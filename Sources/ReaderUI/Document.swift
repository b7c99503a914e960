import Corpus
import Foundation
import SearchIndex
import TerminalCore

/// A piece of a line with its role.
public struct Segment: Sendable, Equatable {
    public var text: String
    public var role: Role
}

/// One wrapped line of an article as the detail pane and the pager show it.
public struct DocLine: Sendable, Equatable {
    public var segments: [Segment]
    /// The first line of an interview question (for `]` and `[`).
    public var questionStart = false
    /// Which block of the article the line belongs to (title, a field, a paragraph...), so a
    /// reading position survives a new width.
    public var block = 0
    /// The article's paragraph the line shows (-1: the title), nil for the rest.
    public var paragraph: Int? = nil
    /// For a field line of another title or the byline, which (the places `kwic` names).
    public var place: ConcordanceLine.Place? = nil
    public var text: String { segments.map(\.text).joined() }
}

/// What the reader adds to an article: the user's tags and note, and the related articles.
public struct DocExtras: Sendable, Equatable {
    public var tags: [String] = []
    public var note: String? = nil
    /// Date (or "undated") and title of each related article.
    public var related: [(date: String, title: String)] = []

    public init(tags: [String] = [], note: String? = nil, related: [(date: String, title: String)] = []) {
        self.tags = tags
        self.note = note
        self.related = related
    }

    public static func == (a: DocExtras, b: DocExtras) -> Bool {
        a.tags == b.tags && a.note == b.note && a.related.elementsEqual(b.related, by: { $0 == $1 })
    }
}

/// The article laid out for a width: title, metadata, text (interview questions set apart,
/// answers indented), contacts and media.
public enum ArticleDocument {
    public static let labelWidth = 15

    public static func lines(_ a: Article, width: Int, extras: DocExtras = DocExtras()) -> [DocLine] {
        let width = max(10, width)
        var out: [DocLine] = []
        for l in WordWrap.wrap(a.title, width: width) { out.append(DocLine(segments: [Segment(text: l, role: .title)], paragraph: -1)) }
        out.append(DocLine(segments: []))
        func field(_ label: String, _ value: String, place: ConcordanceLine.Place? = nil) {
            guard !value.isEmpty else { return }
            let valueWidth = max(5, width - labelWidth)
            let wrapped = WordWrap.wrap(value, width: valueWidth)
            for (i, l) in wrapped.enumerated() {
                let head = i == 0 ? label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : String(repeating: " ", count: labelWidth)
                var line = DocLine(segments: [Segment(text: head, role: .label), Segment(text: l, role: .text)])
                line.place = place
                out.append(line)
            }
        }
        for (k, t) in a.alternateTitles.enumerated() { field("Also titled", t, place: .otherTitle(k)) }
        field("By", a.byline ?? "", place: .byline)
        field("Published", a.published?.description ?? "unknown")
        field("Time stamp", a.timestamp ?? "")
        if let e = a.event { field("Event", e.start == e.end ? e.start.description : "\(e.start) to \(e.end)") }
        field("Kind", a.kind.rawValue + (a.full ? "" : " (teaser only)"))
        field("Organizations", a.organizations.joined(separator: ", "))
        field("People", a.people.joined(separator: ", "))
        field("Countries", a.countries.joined(separator: ", "))
        field("Exercises", a.exercises.joined(separator: ", "))
        field("Sources", a.sources.map { "\($0.file.split(separator: "/").last.map(String.init) ?? $0.file):\($0.line) \($0.role.rawValue)" }.joined(separator: ", "))
        field("Tags", extras.tags.joined(separator: " "))
        out.append(DocLine(segments: []))
        if let note = extras.note {
            out.append(DocLine(segments: [Segment(text: "Your note", role: .label)]))
            for para in note.split(separator: "\n", omittingEmptySubsequences: false) {
                for l in WordWrap.wrap(String(para), width: width - 2) { out.append(DocLine(segments: [Segment(text: "  " + l, role: .answer)])) }
            }
            out.append(DocLine(segments: []))
        }

        let questions = a.qa.isEmpty ? [] : Set(InterviewParser.questionParagraphs(a.paragraphs))
        var inAnswer = false
        for (index, p) in a.paragraphs.enumerated() {
            let isQuestion = questions.contains(index)
            if isQuestion {
                inAnswer = true
                for (i, l) in WordWrap.wrap(p, width: width).enumerated() {
                    out.append(DocLine(segments: [Segment(text: l, role: .question)], questionStart: i == 0, paragraph: index))
                }
            } else if inAnswer {
                for l in WordWrap.wrap(p, width: width - 2) { out.append(DocLine(segments: [Segment(text: "  " + l, role: .answer)], paragraph: index)) }
            } else {
                for l in WordWrap.wrap(p, width: width) { out.append(DocLine(segments: [Segment(text: l, role: .text)], paragraph: index)) }
            }
            out.append(DocLine(segments: []))
        }
        if !a.contacts.isEmpty {
            out.append(DocLine(segments: [Segment(text: "Contacts", role: .label)]))
            for c in a.contacts { for l in WordWrap.wrap(c, width: width - 2) { out.append(DocLine(segments: [Segment(text: "  " + l, role: .text)])) } }
            out.append(DocLine(segments: []))
        }
        if !a.media.isEmpty {
            out.append(DocLine(segments: [Segment(text: "Media", role: .label)]))
            for m in a.media { for l in WordWrap.wrap(m, width: width - 2) { out.append(DocLine(segments: [Segment(text: "  " + l, role: .dim)])) } }
            out.append(DocLine(segments: []))
        }
        if !extras.related.isEmpty {
            out.append(DocLine(segments: [Segment(text: "Related", role: .label)]))
            for r in extras.related {
                let head = "  " + r.date + "  "
                let title = DisplayWidth.truncate(r.title, to: max(5, width - DisplayWidth.of(head)))
                out.append(DocLine(segments: [Segment(text: head, role: .dim), Segment(text: title, role: .text)]))
            }
            out.append(DocLine(segments: []))
        }
        while out.last?.segments.isEmpty == true { out.removeLast() }
        // Blocks: each run of lines between blank lines (a paragraph, the title, the fields).
        // A blank line belongs to the block before it; a block starts on its first text line.
        var block = 0
        var afterBlank = false
        for i in out.indices {
            if out[i].segments.isEmpty {
                afterBlank = true
            } else if afterBlank {
                block += 1
                afterBlank = false
            }
            out[i].block = block
        }
        return out
    }

    /// Folds what a search ignores: case, and typographic apostrophes and quotes.
    static func foldForSearch(_ c: Character) -> Character {
        switch c {
        case "’", "‘", "ʼ": return "'"
        case "“", "”", "«", "»": return "\""
        case "–", "—": return "-"
        default: return Character(c.lowercased())
        }
    }

    /// Where `needle` stands in the text, case-insensitively and across line breaks (a line
    /// break counts as a space): each match as the pieces it covers on each line.
    public static func matches(_ needle: String, in lines: [DocLine]) -> [[(line: Int, start: Int, length: Int)]] {
        // Quotes around the whole text are the query language's, not the article's (`"staff training"`).
        var needle = needle.trimmingCharacters(in: .whitespaces)
        if needle.count > 2, needle.hasPrefix("\""), needle.hasSuffix("\"") { needle = String(needle.dropFirst().dropLast()) }
        let n = needle.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").map(foldForSearch)
        guard !n.isEmpty else { return [] }
        // The lines joined by one space; a line's leading spaces (a wrapped field's label
        // column, an answer's indent) are left out, so a phrase wrapped there is found. A line
        // starts where its first character would be (its own spaces counted), and `owner` says
        // whose each character is.
        var joined: [Character] = []
        var owner: [Int] = []
        var starts: [Int] = []
        for (i, l) in lines.enumerated() {
            let chars = l.text.map(foldForSearch)
            let lead = chars.allSatisfy { $0 == " " } ? 0 : chars.prefix { $0 == " " }.count
            starts.append(joined.count - lead)
            joined += chars[lead...]
            joined.append(" ")
            owner += repeatElement(i, count: chars.count - lead + 1)
        }
        var out: [[(Int, Int, Int)]] = []
        var k = 0
        while k + n.count <= joined.count {
            if joined[k] == n[0], Array(joined[k..<(k + n.count)]) == n {
                // Split the match at line ends.
                var pieces: [(Int, Int, Int)] = []
                var line = owner[k]
                var from = k
                let end = k + n.count
                while from < end, line < lines.count {
                    let lineEnd = starts[line] + lines[line].text.count
                    let to = min(end, lineEnd)
                    if to > from { pieces.append((line, from - starts[line], to - from)) }
                    from = max(to, lineEnd + 1)
                    line += 1
                }
                if !pieces.isEmpty { out.append(pieces) }
                k += n.count
            } else {
                k += 1
            }
        }
        return out
    }
}

extension DocLine {
    /// The ranges of line `i` to mark for a query, with the lines of the same paragraph around
    /// it: a phrase wrapped over two lines is marked on both.
    static func marks(_ h: Highlighter, _ lines: [DocLine], _ i: Int) -> [Range<Int>] {
        let text = lines[i].text
        guard let p = lines[i].paragraph else { return h.ranges(in: text) }
        let before = (max(0, i - 2)..<i).filter { lines[$0].paragraph == p }.map { lines[$0].text }
        let after = ((i + 1)..<min(lines.count, i + 3)).filter { lines[$0].paragraph == p }.map { lines[$0].text }
        return h.ranges(inLine: text, before: before, after: after)
    }
}
