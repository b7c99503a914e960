import ArgumentParser
import Foundation
import ReadingState

/// `csto-reader mark ID...`: marks articles read, unread, starred or not, as the reader does.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark articles read or unread, starred or not (the reader's u and s), by their ids."
    )

    @Argument(help: "Article ids, as `list` prints them (12 hex digits).") var ids: [String]
    @Flag(help: "Mark read.") var read = false
    @Flag(help: "Mark unread.") var unread = false
    @Flag(help: "Star.") var star = false
    @Flag(help: "Remove the star.") var unstar = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one article id") }
        if read && unread { throw ValidationError("--read and --unread together") }
        if star && unstar { throw ValidationError("--star and --unstar together") }
        if !(read || unread || star || unstar) { throw ValidationError("say what to mark: --read, --unread, --star or --unstar") }
        for id in ids where id.count != 12 || !id.allSatisfy(\.isHexDigit) {
            throw ValidationError("'\(id)' is not an article id (12 hex digits, as `list` prints them)")
        }
    }

    func run() throws {
        let (_, store) = CLIState.load()
        var state = try store.current()
        for id in ids.map({ $0.lowercased() }) {
            if read { state.read.insert(id) }
            if unread { state.read.remove(id) }
            if star { state.starred.insert(id) }
            if unstar { state.starred.remove(id) }
        }
        do { try store.save(state) } catch { throw UserError(description: "\(error)") }
    }
}
