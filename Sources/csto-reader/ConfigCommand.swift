import ArgumentParser
import Foundation
import ReaderConfig

/// `csto-reader config`: where the config file is and what is wrong in it; `--default` prints
/// the documented default file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The config file: its path and its problems; --default prints the documented default file.",
        discussion: "The file is $XDG_CONFIG_HOME/csto-reader/config.toml (else ~/.config/csto-reader/config.toml): key bindings per screen, colours per role, the theme, the default layout and sort."
    )

    @Flag(name: .customLong("default"), help: "Print the documented default config file.") var printDefault = false

    func run() throws {
        if printDefault {
            print(ReaderConfig.defaultText, terminator: "")
            return
        }
        let file = ReaderConfig.defaultFile(environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: file.path) else {
            print("\(file.path): not there; the defaults apply ('csto-reader config --default > FILE' writes them)")
            return
        }
        let config = ReaderConfig.load(file)
        if config.problems.isEmpty {
            print("\(file.path): ok")
            return
        }
        for p in config.problems { FileHandle.standardError.write(Data("csto-reader: \(p)\n".utf8)) }
        throw QuietExit(code: Exit.usage)
    }
}
