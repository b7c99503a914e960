import ArgumentParser
import Foundation
import SearchIndex

/// What the command line is checked for before it is parsed: a word that is neither a command
/// nor an existing path is a mistyped command ("did you mean"), as is `help WORD`.
enum CommandLineCheck {
    /// The commands a user types (hidden ones left out).
    static let commands: [String] = CSTOReader.configuration.subcommands
        .filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName } + ["help"]
    /// Commands for tests, not offered as suggestions.
    static let hidden: [String] = CSTOReader.configuration.subcommands
        .filter { !$0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }

    static func check(_ args: [String]) throws {
        // `search --limit -1` would read as a missing value: say what is wrong with the number.
        if args.first == "search" {
            for (i, a) in args.enumerated() where a == "--limit" && i + 1 < args.count {
                if args[..<i].contains("--") { break }
                if let n = Int(args[i + 1]), n <= 0 { throw UserError(description: "--limit takes a positive number of results (not \(n))") }
            }
        }
        // The first word that is not an option (`--mouse serch` mistypes a command too).
        guard let first = args.first(where: { !$0.hasPrefix("-") }) else { return }
        if first != args.first, args.first(where: { $0.hasPrefix("-") }).map({ ["--gazetteer"].contains($0) }) == true { return }
        if first == "help", args.count > 1, !args[1].hasPrefix("-"), !commands.contains(args[1]), !hidden.contains(args[1]) {
            throw UserError(description: unknown(args[1]))
        }
        guard !commands.contains(first), !hidden.contains(first), !first.contains("/"), !first.contains("."),
              !FileManager.default.fileExists(atPath: first) else { return }
        throw UserError(description: unknown(first))
    }

    static func unknown(_ word: String) -> String {
        let shown = String(word.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(40))
        let near = commands.map { ($0, EditDistance.between(Array(word.lowercased()), Array($0))) }
            .filter { $0.1 <= max(1, min(2, word.count / 3 + 1)) }.sorted { $0.1 < $1.1 }.first
        if let near { return "unknown command '\(shown)' — did you mean '\(near.0)'?" }
        return "unknown command '\(shown)', and no such file or folder (commands: \(commands.joined(separator: ", ")))"
    }

    /// `csto-reader SUB --help` for the subcommand in `args`, else `csto-reader --help`.
    static func helpCommand(_ args: [String]) -> String {
        if let sub = args.first, commands.contains(sub), sub != "help" { return "csto-reader \(sub) --help" }
        return "csto-reader --help"
    }

    /// The first letter lowercase, unless the first word is an acronym (UN, CSTO).
    static func lowercasingFirst(_ s: String) -> String {
        guard let first = s.first, first.isUppercase else { return s }
        let word = s.prefix { !$0.isWhitespace && $0 != ":" }
        if word.count > 1, word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return s }
        return first.lowercased() + s.dropFirst()
    }
}
