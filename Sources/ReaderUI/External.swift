import Foundation
import TerminalCore

/// Runs what the reader hands outside the screen: the editor on a note, a shell command on
/// articles' text (`|`), the clipboard escape (`y`). Called by the run loop; the results come
/// back to `update` as actions.
public enum ExternalRunner {
    /// Performs a job with the terminal given away as needed; returns the actions to apply.
    public static func perform(_ job: External, backend: TerminalBackend) -> [Action] {
        switch job {
        case .copy(let text):
            backend.send(osc52(text))
            return []
        case .editNote(let id, let text, let editor):
            var result: [Action] = []
            backend.suspend { result = edit(id: id, text: text, editor: editor) }
            return result
        case .pipe(let command, let input):
            var result: [Action] = []
            backend.suspend { result = pipe(command, input: input) }
            return result
        }
    }

    /// `ESC ] 52 ; c ; BASE64 BEL`: the terminal (or tmux) puts the text on its clipboard.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    /// Opens the note in the editor (through the shell, so `EDITOR="code -w"` works) and reads
    /// it back; a failed editor leaves the note as it was.
    static func edit(id: String, text: String, editor: String) -> [Action] {
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("csto-note-\(id)-\(getpid()).md")
        do { try Data((text.isEmpty ? "" : text + "\n").utf8).write(to: file) } catch {
            return [.note("cannot write a temporary file for the note in \(dir.path)")]
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let status = run(["/bin/sh", "-c", editor + " \"$1\"", "sh", file.path], input: nil)
        guard status == 0 else {
            return [.note(status < 0 ? "cannot start the editor '\(editor)'" : "the editor '\(editor)' exited with status \(status): note not changed")]
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return [.note("cannot read the note back: not changed")] }
        return [.noteEdited(article: id, text: String(decoding: data, as: UTF8.self))]
    }

    /// The command with the text on its standard input, then "press Enter" (as mutt does).
    static func pipe(_ command: String, input: String) -> [Action] {
        let status = run(["/bin/sh", "-c", command], input: input)
        print(status == 0 ? "\n[csto-reader: press Enter to return]" : "\n[csto-reader: '\(command)' exited with status \(status); press Enter to return]",
              terminator: "")
        fflush(nil)
        _ = readLine()
        return status == 0 ? [] : [.note("'\(command)' exited with status \(status)")]
    }

    /// Runs a program, waiting for it; its exit status (-1: could not start).
    static func run(_ argv: [String], input: String?) -> Int32 {
        // A command that stops reading must not end the reader (a write to a closed pipe).
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let pipe = input.map { _ in Pipe() }
        if let pipe { p.standardInput = pipe }
        do { try p.run() } catch { return -1 }
        if let pipe, let input {
            let handle = pipe.fileHandleForWriting
            let data = Data(input.utf8)
            DispatchQueue.global().async {
                try? handle.write(contentsOf: data)
                try? handle.close()
            }
        }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
