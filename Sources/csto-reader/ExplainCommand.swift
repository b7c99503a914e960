import ArgumentParser
import Corpus
import Foundation
import TerminalCore

/// `explain`: every line of a page with the role it got, the article it went to, and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how pages were read: each line's role, the article it went to, and the reason.",
        discussion: """
        For every page: the decision on its main article with the confidence (0 to 1), the lines \
        that were scored as the main title with the features that scored them, then each line with \
        its role (teaser, teaser title, title, title repeat, date, body, media, byline, timestamp, \
        contact, footer, heading, self teaser, unplaced), the article it went to (#1, #2, ... in page order) \
        and the reason. Lines seen on several of the given pages are marked ×N: the corpus-wide \
        evidence that tells a sidebar teaser from a main article.
        """
    )

    @Argument(help: "Page files or folders (default: the built-in corpus).")
    var paths: [String] = []
    @Flag(help: "Print a JSON array, one object per page.") var json = false

    func run() throws {
        let result: (pages: [PageExplanation], warnings: [LoadWarning])
        do {
            result = try Corpus.explain(paths: paths)
        } catch {
            throw UserError(description: error.description)
        }
        if json {
            printJSON(.array(result.pages.map(Self.json)))
            return
        }
        let width = Terminal.width() ?? 120
        for (i, page) in result.pages.enumerated() {
            if i > 0 { print("") }
            print(Self.text(page, width: width))
        }
        for w in result.warnings {
            FileHandle.standardError.write(Data("csto-reader: \(w.file)\(w.line.map { ":\($0)" } ?? ""): \(Sanitize.line(w.message))\n".utf8))
        }
    }

    static func articleLabel(_ p: ParsedPage, _ line: Int) -> String {
        let b = p.blockOfLine.indices.contains(line) ? p.blockOfLine[line] : -1
        return b >= 0 ? "#\(b + 1)" : "-"
    }

    /// The kind the reader gives the article (from its headline, else its lead's first sentence).
    static func kind(_ b: PageBlock) -> ArticleKind {
        KindClassifier.classify(title: b.title, paragraphs: b.paragraphs, hasQA: !InterviewParser.pairs(b.paragraphs).isEmpty)
    }

    /// The role as a reader names it: a teaser's lines are "teaser" and "teaser title".
    static func roleName(_ p: ParsedPage, _ line: Int) -> String {
        let role = p.roles[line]
        let b = p.blockOfLine.indices.contains(line) ? p.blockOfLine[line] : -1
        if b >= 0, p.blocks[b].role == .teaser {
            if role == .paragraph { return "teaser" }
            if role == .title { return "teaser title" }
        }
        return role.name
    }

    /// `text` cut into lines of at most `width` columns, the later ones indented by `indent`.
    static func wrapped(_ head: String, _ text: String, width: Int) -> [String] {
        let indent = DisplayWidth.of(head)
        let lines = WordWrap.wrap(text, width: max(20, width - indent))
        return lines.enumerated().map { i, l in (i == 0 ? head : String(repeating: " ", count: indent)) + l }
    }

    static func text(_ page: PageExplanation, width: Int) -> String {
        let p = page.parsed
        var out: [String] = []
        out.append("page \(Sanitize.line(page.name)): \(p.blocks.count) article\(p.blocks.count == 1 ? "" : "s")")
        out.append("decision: \(p.decision) (confidence \(String(format: "%.2f", p.confidence)))")
        for (i, b) in p.blocks.enumerated() {
            let head = b.title ?? b.paragraphs.first.map { String($0.prefix(80)) } ?? "(no text)"
            var extra: [String] = [kind(b).rawValue]
            if let d = b.published { extra.append(d.description) }
            if let by = b.byline { extra.append("by \(by)") }
            if !b.alsoAt.isEmpty { extra.append("also at line \(b.alsoAt.map(String.init).joined(separator: ", "))") }
            let line = "  #\(i + 1) \(b.role == .main ? "main  " : "teaser") line \(b.line)\(extra.isEmpty ? "" : " (\(extra.joined(separator: ", ")))"): \(head)"
            out.append(DisplayWidth.truncate(Sanitize.line(line), to: max(40, width)))
        }
        if !p.candidates.isEmpty {
            // Every reason shown (wrapped, never cut): the minus ones are why a line lost.
            out.append("title candidates:")
            for c in p.candidates {
                let head = "  line \(c.line)  \(String(format: "%5.1f", c.score))  "
                out += wrapped(head, c.reasons.joined(separator: ", "), width: width)
            }
        }
        out.append("lines:")
        let numberWidth = String(page.lines.count).count
        for (i, text) in page.lines.enumerated() where !text.isEmpty {
            let role = roleName(p, i).padding(toLength: 12, withPad: " ", startingAt: 0)
            let n = String(i + 1).padding(toLength: numberWidth, withPad: " ", startingAt: 0)
            let seen = page.counts[i] > 1 ? "×\(page.counts[i])" : ""
            let label = (articleLabel(p, i) + " " + seen).padding(toLength: 8, withPad: " ", startingAt: 0)
            let reason = p.reasons.indices.contains(i) ? p.reasons[i] : ""
            let prefix = "  \(n) \(role) \(label) "
            // The text gets what is left of the width after the reason, the reason is kept whole.
            let room = max(24, width - DisplayWidth.of(prefix) - DisplayWidth.of(reason) - 3)
            let shown = DisplayWidth.truncate(Sanitize.line(text), to: room)
            let pad = String(repeating: " ", count: max(1, room - DisplayWidth.of(shown) + 1))
            out.append(prefix + shown + pad + "· " + reason)
        }
        return out.joined(separator: "\n")
    }

    static func json(_ page: PageExplanation) -> JSON {
        let p = page.parsed
        var lines: [JSON] = []
        for (i, text) in page.lines.enumerated() where !text.isEmpty {
            let b = p.blockOfLine.indices.contains(i) ? p.blockOfLine[i] : -1
            lines.append(.object([
                ("line", .number(i + 1)),
                ("role", .string(roleName(p, i))),
                ("article", b >= 0 ? .number(b + 1) : .null),
                ("pages", .number(page.counts[i])),
                ("reason", .string(p.reasons.indices.contains(i) ? p.reasons[i] : "")),
                ("text", .string(text)),
            ]))
        }
        return .object([
            ("file", .string(page.name)),
            ("decision", .string(p.decision)),
            ("section", .optional(p.section)),
            ("confidence", .double((p.confidence * 100).rounded() / 100)),
            ("articles", .array(p.blocks.map { b in
                .object([
                    ("role", .string(b.role.rawValue)),
                    ("line", .number(b.line)),
                    ("title", .optional(b.title)),
                    ("kind", .string(Self.kind(b).rawValue)),
                    ("published", .optional(b.published?.description)),
                    ("lead", .optional(b.paragraphs.first)),
                    ("paragraphs", .number(b.paragraphs.count)),
                    ("byline", .optional(b.byline)),
                    ("timestamp", .optional(b.timestamp)),
                    ("alternate_titles", .strings(b.alternateTitles)),
                    ("media", .strings(b.media)),
                    ("contacts", .strings(b.contacts)),
                    ("also_at", .array(b.alsoAt.map { .number($0) })),
                ])
            })),
            ("candidates", .array(p.candidates.map {
                .object([("line", .number($0.line)), ("score", .double(($0.score * 10).rounded() / 10)), ("reasons", .strings($0.reasons))])
            })),
            ("lines", .array(lines)),
        ])
    }
}

/// Text from pages and file names made safe for a terminal: what the screen buffer never
/// draws (control characters, DEL, C1 and bidi controls) becomes `?`.
enum Sanitize {
    static func line(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: Buffer.isUnsafe) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(Buffer.isUnsafe(u) ? "?" : u) }
        return String(out)
    }
}
