import Corpus
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
    public var text: String { segments.map(\.text).joined() }
}

/// The article laid out for a width: title, metadata, text (interview questions set apart,
/// answers indented), contacts and media.
public enum ArticleDocument {
    static let labelWidth = 15

    public static func lines(_ a: Article, width: Int) -> [DocLine] {
        let width = max(10, width)
        var out: [DocLine] = []
        for l in WordWrap.wrap(a.title, width: width) { out.append(DocLine(segments: [Segment(text: l, role: .title)])) }
        out.append(DocLine(segments: []))
        func field(_ label: String, _ value: String) {
            guard !value.isEmpty else { return }
            let valueWidth = max(5, width - labelWidth)
            let wrapped = WordWrap.wrap(value, width: valueWidth)
            for (i, l) in wrapped.enumerated() {
                let head = i == 0 ? label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) : String(repeating: " ", count: labelWidth)
                out.append(DocLine(segments: [Segment(text: head, role: .label), Segment(text: l, role: .text)]))
            }
        }
        field("Published", a.published?.description ?? "unknown")
        if let e = a.event { field("Event", e.start == e.end ? e.start.description : "\(e.start) to \(e.end)") }
        field("Kind", a.kind.rawValue + (a.full ? "" : " (teaser only)"))
        field("Organizations", a.organizations.joined(separator: ", "))
        field("People", a.people.joined(separator: ", "))
        field("Countries", a.countries.joined(separator: ", "))
        field("Exercises", a.exercises.joined(separator: ", "))
        field("Sources", a.sources.map { "\($0.file.split(separator: "/").last.map(String.init) ?? $0.file):\($0.line) \($0.role.rawValue)" }.joined(separator: ", "))
        out.append(DocLine(segments: []))

        let questions = Set(a.qa.map(\.question))
        var inAnswer = false
        for p in a.paragraphs {
            let stripped = String(p.drop { "—–-― ".contains($0) })
            let isQuestion = !questions.isEmpty && questions.contains(stripped)
            if isQuestion {
                inAnswer = true
                for (i, l) in WordWrap.wrap(p, width: width).enumerated() {
                    out.append(DocLine(segments: [Segment(text: l, role: .question)], questionStart: i == 0))
                }
            } else if inAnswer {
                for l in WordWrap.wrap(p, width: width - 2) { out.append(DocLine(segments: [Segment(text: "  " + l, role: .answer)])) }
            } else {
                for l in WordWrap.wrap(p, width: width) { out.append(DocLine(segments: [Segment(text: l, role: .text)])) }
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
        while out.last?.segments.isEmpty == true { out.removeLast() }
        return out
    }

    /// Where `needle` stands in each line (case-insensitive), as character offsets.
    public static func matches(_ needle: String, in lines: [DocLine]) -> [(line: Int, start: Int, length: Int)] {
        let n = Array(needle.lowercased())
        guard !n.isEmpty else { return [] }
        var out: [(Int, Int, Int)] = []
        for (i, l) in lines.enumerated() {
            let chars = Array(l.text.lowercased())
            guard chars.count >= n.count else { continue }
            var k = 0
            while k <= chars.count - n.count {
                if chars[k] == n[0], Array(chars[k..<(k + n.count)]) == n {
                    out.append((i, k, n.count))
                    k += n.count
                } else {
                    k += 1
                }
            }
        }
        return out
    }
}
