import ArgumentParser
import Corpus
import ReadingState
import SearchIndex

/// `--year`, `--month`, `--org`, `--kind`: query terms, written through `QueryText` exactly as
/// the reader's filter panel writes them, so `list --org X` means `org:X` and repeated options
/// are ORed within a field.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only articles of this year (repeat for several: they are ORed).", valueName: "yyyy"))
    var year: [String] = []

    @Option(help: ArgumentHelp("Only articles of this month (repeat for several).", valueName: "yyyy-mm"))
    var month: [String] = []

    @Option(help: ArgumentHelp("Only articles that name this organization: a name, acronym or alias (e.g. UN, ODKB); repeat for several.",
                               valueName: "name"))
    var org: [String] = []

    @Option(help: ArgumentHelp("Only articles of this kind: \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")); repeat for several.",
                               valueName: "kind"))
    var kind: [String] = []

    @Option(help: ArgumentHelp("Add the query of this saved search (see 'csto-reader saved').", valueName: "name"))
    var saved: String?

    var isEmpty: Bool { year.isEmpty && month.isEmpty && org.isEmpty && kind.isEmpty && saved == nil }

    /// The query terms the options stand for (a saved search's query first).
    func query(_ state: ReadingState) throws -> String {
        let options = QueryText.filters(years: year, orgs: org, kinds: kind, months: month)
        guard let saved else { return options }
        guard let q = state.saved[saved] else {
            let names = state.saved.keys.sorted()
            let known = names.isEmpty ? "there are none yet: 'csto-reader saved --add NAME QUERY' saves one"
                : "saved: " + names.prefix(8).joined(separator: ", ")
            throw UserError(description: "no saved search named '\(saved)' (\(known))")
        }
        return [q, options].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A query with these options added.
    func adding(to text: String, _ state: ReadingState) throws -> String {
        guard !isEmpty else { return text }
        return [text, try query(state)].filter { !$0.isEmpty }.joined(separator: " ")
    }

    func validate() throws {
        // Each option's value must be one the query language takes: the same words as `year:` etc.
        for (option, field, values) in [("--year", "year", year), ("--month", "month", month), ("--kind", "kind", kind), ("--org", "org", org)] {
            for v in values {
                do { try QueryParser.check(field: field, value: v) } catch {
                    // (The value named once: where the message names it already, not again.)
                    let message = error.message.replacingOccurrences(of: "\(field): ", with: "")
                    throw ValidationError(message.contains("'\(v)'") ? "\(option) \(message)" : "\(option) '\(v)': \(message)")
                }
            }
        }
    }
}
