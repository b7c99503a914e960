/// Names of organizations, countries and people, with their aliases, read from a TSV file
/// (`Sources/Corpus/Data/gazetteer.tsv`, built into the binary; a user file can extend it).
public struct Gazetteer: Sendable {
    public enum Kind: String, Sendable { case org, country, person, firstname }

    public struct Entry: Sendable {
        public var kind: Kind
        public var canonical: String
        public var aliases: [String]
    }

    public private(set) var entries: [Entry] = []

    struct Form: Sendable {
        var entry: Int32
        var hashes: [UInt64]
        var caseSensitive: Bool
        /// For a Cyrillic name matched in any of its cases: per word, the stems a mention of it
        /// may have (see `WordScanner.stemAlternatives`). Empty for names matched as written.
        var stems: [[UInt64]] = []

        /// Whether the token is the form's word at `index`.
        @inline(__always) func matches(_ w: WordToken, at index: Int) -> Bool {
            if stems.isEmpty { return hashes[index] == (caseSensitive ? w.exact : w.folded) }
            return w.cyrillic && stems[index].contains(w.stem)
        }
    }

    /// Forms keyed by the folded hash of their first word; longest first.
    private(set) var forms: [UInt64: [Form]] = [:]
    /// Cyrillic names by the stem hash of their first word, for inflected mentions; longest first.
    private(set) var stemForms: [UInt64: [Form]] = [:]
    private(set) var firstNames: Set<UInt64> = []
    /// Lower-cased spelling (canonical or alias) → the entries spelled so.
    private(set) var bySpelling: [String: [Int]] = [:]

    public init() {}

    /// The gazetteer built into the binary.
    public static let builtIn: Gazetteer = {
        var g = Gazetteer()
        _ = g.add(tsv: EmbeddedData.gazetteer)
        return g
    }()

    /// Adds the entries of a TSV text. Returns the 1-based numbers of lines it could not read.
    @discardableResult
    public mutating func add(tsv: String) -> [Int] {
        var bad: [Int] = []
        // By scalar: "\r\n" is one Character, so a CRLF file would not split on "\n".
        let lines = tsv.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        for (n, raw) in lines.enumerated() {
            let line = raw.trimming(" \r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimming(" ") }
            guard cols.count >= 2, let kind = Kind(rawValue: cols[0].lowercased()), !cols[1].isEmpty else {
                bad.append(n + 1)
                continue
            }
            let aliases = cols.count > 2 ? cols[2].split(separator: "|").map { $0.trimming(" ") }.filter { !$0.isEmpty } : []
            add(Entry(kind: kind, canonical: cols[1], aliases: aliases))
        }
        return bad
    }

    public mutating func add(_ entry: Entry) {
        let index = Int32(entries.count)
        entries.append(entry)
        for name in Set(([entry.canonical] + entry.aliases).map { $0.lowercased() }) {
            bySpelling[name, default: []].append(Int(index))
        }
        for name in [entry.canonical] + entry.aliases {
            let tokens = WordScanner.scan(name)
            guard let first = tokens.first else { continue }
            if entry.kind == .firstname {
                if tokens.count == 1 { firstNames.insert(first.folded) }
                continue
            }
            let caseSensitive = Gazetteer.isAcronym(name)
            let form = Form(entry: index, hashes: tokens.map { caseSensitive ? $0.exact : $0.folded }, caseSensitive: caseSensitive)
            forms[first.folded, default: []].append(form)
            forms[first.folded]!.sort { $0.hashes.count > $1.hashes.count }
            if !caseSensitive, tokens.allSatisfy(\.cyrillic) {
                let utf8 = Array(name.utf8)
                let stems = tokens.map { WordScanner.stemAlternatives(of: String(decoding: utf8[$0.start..<$0.end], as: UTF8.self)) }
                let stemmed = Form(entry: index, hashes: tokens.map(\.stem), caseSensitive: false, stems: stems)
                for key in stems[0] {
                    stemForms[key, default: []].append(stemmed)
                    stemForms[key]!.sort { $0.hashes.count > $1.hashes.count }
                }
            }
        }
    }

    /// All capitals (Latin or Cyrillic), digits and spaces, at most 10 characters: matched as written.
    static func isAcronym(_ name: String) -> Bool {
        guard name.count <= 10 else { return false }
        var letters = 0
        for s in name.unicodeScalars {
            if s == " " || s == "-" || ("0"..."9").contains(s) { continue }
            guard s.properties.isUppercase else { return false }
            letters += 1
        }
        return letters > 0
    }

    /// The entry index of a known name given as words (exact sequence), if any.
    func lookup(_ tokens: ArraySlice<WordToken>, kind: Kind) -> Int? {
        guard let first = tokens.first, let candidates = forms[first.folded] else { return nil }
        for form in candidates where form.hashes.count == tokens.count && entries[Int(form.entry)].kind == kind {
            if zip(tokens.indices, 0...).allSatisfy({ form.matches(tokens[$0], at: $1) }) { return Int(form.entry) }
        }
        return nil
    }
}

import Foundation

extension EmbeddedData {
    /// The built-in gazetteer text.
    static var gazetteer: String {
        String(decoding: Data(base64Encoded: gazetteerBase64) ?? Data(), as: UTF8.self)
    }
}

extension Gazetteer {
    /// Every spelling (canonical and aliases) of the entries of `kind` that `name` is a spelling of.
    public func names(matching name: String, kind: Kind) -> [String] {
        var out: [String] = []
        for i in bySpelling[name.lowercased()] ?? [] where entries[i].kind == kind {
            out += [entries[i].canonical] + entries[i].aliases
        }
        return out
    }
}
