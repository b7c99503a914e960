/// A small JSON writer with a fixed key order, so the output is stable and diffable.
public struct JSONWriter {
    public private(set) var text = ""

    public init() {}

    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
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
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeCompact(into out: inout String) {
        switch self {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out += "," }
                out += JSONWriter.quote(k) + ":"
                v.writeCompact(into: &out)
            }
            out += "}"
        default:
            write(into: &out, indent: 0)
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
