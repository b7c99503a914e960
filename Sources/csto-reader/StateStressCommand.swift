import ArgumentParser
import Foundation
import ReadingState

/// For the kill-while-writing tests: marks articles read in a loop, one transaction each, and
/// prints each id once its transaction is committed (acknowledged), until killed.
struct StateStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-stress",
        abstract: "Mark ids read in a loop, printing each once saved (for tests).",
        shouldDisplay: false
    )

    @Option(help: "The state folder.") var dir: String
    @Option(help: "How many marks (0: until killed).") var saves: Int = 0
    @Option(help: "Prefix of the ids written (one per writer).") var prefix: String = "s"

    func run() throws {
        let store = StateStore(directory: URL(fileURLWithPath: dir))
        var (state, warning) = store.load()
        if let warning { FileHandle.standardError.write(Data("csto-reader: \(warning)\n".utf8)) }
        var n = 0
        while saves == 0 || n < saves {
            let id = "\(prefix)\(n)"
            state.read.insert(id)
            state.session = ReadingState.Session(query: "iteration \(n)", selected: id, positions: [id: Double(n % 100) / 100])
            try store.save(state)
            // Acknowledged: committed before it is printed.
            FileHandle.standardOutput.write(Data("\(id)\n".utf8))
            n += 1
        }
    }
}
