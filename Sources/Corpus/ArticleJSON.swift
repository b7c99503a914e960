/// A small JSON writer with a fixed key order, so the output is stable and diffable.
public struct JSONWriter {
    public private(set) var text = ""

    public init() {}

    /// A JSON string literal: quotes, backslashes and control characters (C0, DEL, C1, the
    /// line and paragraph separators) escaped. Works on the UTF-8 bytes (an export writes
    /// hundreds of megabytes of it).
    public static func quote(_ s: String) -> String {
        var out = [UInt8]()
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The literal of `quote`, appended to bytes: runs of bytes that need no escape are
    /// copied whole.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            out.reserveCapacity(out.count + u.count + 8)
            out.append(0x22)
            let hex: StaticString = "0123456789abcdef"
            func escaped(_ v: Int) {
                hex.withUTF8Buffer { h in
                    out += [0x5C, 0x75, h[(v >> 12) & 15], h[(v >> 8) & 15], h[(v >> 4) & 15], h[v & 15]]
                }
            }
            let n = u.count
            var i = 0
            var run = 0
            while i < n {
                let b = u[i]
                // Plain bytes: no quote, backslash, control character, nor the start of a C1
                // control (C2 80–9F) or of U+2028/2029 (E2 80 A8/A9).
                if b >= 0x20, b != 0x22, b != 0x5C, b != 0x7F, b != 0xC2, b != 0xE2 {
                    i += 1
                    continue
                }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
                var width = 1
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0xC2:
                    if i + 1 < n, (0x80...0x9F).contains(u[i + 1]) {
                        escaped(Int(u[i + 1]))
                        width = 2
                    } else {
                        out.append(b)
                    }
                case 0xE2:
                    if i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 {
                        escaped(u[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                        width = 3
                    } else {
                        out.append(b)
                    }
                default: escaped(Int(b))
                }
                i += width
                run = i
            }
            if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<n])) }
            out.append(0x22)
        }
    }
}

/// A JSON value built in code, printed with keys in the order they were given.
public indirect enum JSON: Sendable {
    case string(String)
    case number(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    public static func strings(_ a: [String]) -> JSON { .array(a.map { .string($0) }) }
    public static func optional(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indents; arrays of scalars on one line.
    public func render(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// On one line, no spaces (JSON Lines, NDJSON).
    public func renderCompact() -> String {
        var out = [UInt8]()
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Written as bytes: an export writes hundreds of megabytes of it.
    private func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                item.writeCompact(into: &out)
            }
            out.append(0x5D)
        case .object(let fields):
            out.append(0x7B)
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONWriter.appendQuoted(k, to: &out)
                out.append(0x3A)
                v.writeCompact(into: &out)
            }
            out.append(0x7D)
        case .string(let s):
            JSONWriter.appendQuoted(s, to: &out)
        default:
            var text = ""
            write(into: &text, indent: 0)
            out += text.utf8
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): out += JSONWriter.quote(s)
        case .number(let n): out += String(n)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "{\n"
            for (i, (k, v)) in fields.enumerated() {
                out += pad + JSONWriter.quote(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }
}

extension Article {
    /// The article as documented in the README's JSON section.
    public var json: JSON {
        .object([
            ("id", .string(id)),
            ("title", .string(title)),
            ("alternate_titles", .strings(alternateTitles)),
            ("byline", .optional(byline)),
            ("timestamp", .optional(timestamp)),
            ("kind", .string(kind.rawValue)),
            ("full", .bool(full)),
            ("published", .optional(published?.description)),
            ("event", event.map { .object([("start", .string($0.start.description)), ("end", .string($0.end.description))]) } ?? .null),
            ("organizations", .strings(organizations)),
            ("countries", .strings(countries)),
            ("people", .strings(people)),
            ("exercises", .strings(exercises)),
            ("paragraphs", .strings(paragraphs)),
            ("qa", .array(qa.map { .object([("question", .string($0.question)), ("answer", .string($0.answer))]) })),
            ("contacts", .strings(contacts)),
            ("media", .strings(media)),
            ("sources", .array(sources.map {
                .object([("file", .string($0.file)), ("role", .string($0.role.rawValue)), ("line", .number($0.line))])
            })),
        ])
    }
}

extension CorpusStats {
    public var json: JSON {
        .object([
            ("pages", .number(pages)),
            ("bytes", .number(bytes)),
            ("blocks", .number(blocks)),
            ("articles", .number(articles)),
            ("merged", .number(merged)),
            ("undated", .number(undated)),
            ("warnings", .array(warnings.map {
                .object([("file", .string($0.file)), ("line", $0.line.map { .number($0) } ?? .null), ("message", .string($0.message))])
            })),
            ("unplaced", .array(unplaced.map {
                .object([("file", .string($0.file)), ("line", .number($0.line)), ("text", .string($0.text))])
            })),
            ("low_confidence", .array(lowConfidence.map {
                .object([("file", .string($0.file)), ("confidence", .double(($0.confidence * 100).rounded() / 100)),
                         ("decision", .string($0.decision))])
            })),
            ("ignored", .strings(ignoredFiles)),
            ("skipped", .strings(skippedFiles)),
        ])
    }
}

extension Article {
    /// The article's JSON on one line, written straight to bytes (no `JSON` tree): the same
    /// text as `json.renderCompact()` (a test holds them equal), for exports of every article.
    public func compactJSON(into out: inout [UInt8]) {
        func key(_ k: StaticString, first: Bool = false) {
            if !first { out.append(0x2C) }
            out.append(0x22)
            k.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(0x22)
            out.append(0x3A)
        }
        func string(_ s: String) { JSONWriter.appendQuoted(s, to: &out) }
        func optional(_ s: String?) { if let s { string(s) } else { out += [0x6E, 0x75, 0x6C, 0x6C] } }
        /// `[a,b,…]`, each element written by `element`.
        func array<T>(_ items: [T], _ element: (T) -> Void) {
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                element(item)
            }
            out.append(0x5D)
        }
        func strings(_ a: [String]) { array(a, string) }
        out.append(0x7B)
        key("id", first: true); string(id)
        key("title"); string(title)
        key("alternate_titles"); strings(alternateTitles)
        key("byline"); optional(byline)
        key("timestamp"); optional(timestamp)
        key("kind"); string(kind.rawValue)
        key("full"); out += full ? Array("true".utf8) : Array("false".utf8)
        key("published"); optional(published?.description)
        key("event")
        if let e = event {
            out.append(0x7B)
            key("start", first: true); string(e.start.description)
            key("end"); string(e.end.description)
            out.append(0x7D)
        } else {
            out += [0x6E, 0x75, 0x6C, 0x6C]
        }
        key("organizations"); strings(organizations)
        key("countries"); strings(countries)
        key("people"); strings(people)
        key("exercises"); strings(exercises)
        key("paragraphs"); strings(paragraphs)
        key("qa")
        array(qa) { p in
            out.append(0x7B)
            key("question", first: true); string(p.question)
            key("answer"); string(p.answer)
            out.append(0x7D)
        }
        key("contacts"); strings(contacts)
        key("media"); strings(media)
        key("sources")
        array(sources) { s in
            out.append(0x7B)
            key("file", first: true); string(s.file)
            key("role"); string(s.role.rawValue)
            key("line"); out += String(s.line).utf8
            out.append(0x7D)
        }
        out.append(0x7D)
    }
}
