import ArgumentParser
import Foundation
import ReadingState

/// For the kill-while-saving test: saves a growing reading state in a loop until killed.
struct StateStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-stress",
        abstract: "Save the reading state in a loop (for tests).",
        shouldDisplay: false
    )

    @Option(help: "The state folder.") var dir: String
    @Option(help: "How many saves (0: until killed).") var saves: Int = 0

    func run() throws {
        let store = StateStore(directory: URL(fileURLWithPath: dir))
        var (state, _) = store.load()
        var n = 0
        while saves == 0 || n < saves {
            // Each version differs, and grows: a torn write would not decode.
            state.read.insert(String(format: "%012x", state.read.count + 1))
            state.session = ReadingState.Session(query: "iteration \(state.read.count)", selected: nil,
                                                 positions: ["a": Double(n % 100) / 100])
            try store.save(state)
            n += 1
        }
    }
}
