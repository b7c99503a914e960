import Foundation
import SearchIndex
import TerminalCore

/// Runs what the reader hands outside the screen: the editor on a note, a shell command on
/// articles' text (`|`), the clipboard escape (`y`). Called by the run loop; the results come
/// back to `update` as actions.
public enum ExternalRunner {
    /// Performs a job with the terminal given away as needed; returns the actions to apply.
    public static func perform(_ job: External, backend: TerminalBackend, state: AppState) -> [Action] {
        switch job {
        case .export(let path, let format, let docs, let label):
            return [.note(export(path: path, format: format, docs: docs, label: label, state: state))]
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

    /// Writes the articles; the line to show. An existing file is kept: `name-2.md` (and so
    /// on) is written beside it.
    static func export(path: String, format: Export.Format, docs: [Int], label: String, state: AppState) -> String {
        var target = path
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let url = URL(fileURLWithPath: path)
            let stem = url.deletingPathExtension().path, ext = url.pathExtension
            var n = 2
            while fm.fileExists(atPath: "\(stem)-\(n).\(ext)") { n += 1 }
            target = "\(stem)-\(n).\(ext)"
        }
        do {
            let writer = try ExportWriter(path: target)
            let articles = state.articles
            let count: Int
            do {
                count = try Export.write(docs, of: { articles[$0] }, format: format, label: label,
                                         highlighter: state.highlighter ?? Highlighter(.all), state: state.marks, to: writer)
                try writer.close()
            } catch {
                try? writer.close()
                throw error
            }
            let kept = target == path ? "" : " (\(path) exists: kept)"
            return "\(count) article\(count == 1 ? "" : "s") written to \(target) (\(format.rawValue))" + kept
        } catch let error as ExportError {
            return error.message
        } catch {
            return "cannot write \(target): \(error)"
        }
    }

    /// `ESC ] 52 ; c ; BASE64 BEL`: the terminal (or tmux) puts the text on its clipboard.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    /// Opens the note in the editor (through the shell, so `EDITOR="code -w"` works) and reads
    /// it back. The file is private (0600 in a 0700 folder of its own); when the editor fails,
    /// the file is kept and its path said, so nothing typed is lost.
    static func edit(id: String, text: String, editor: String) -> [Action] {
        var template = Array((NSTemporaryDirectory() + "/csto-note-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            return [.note("cannot make a private folder for the note in \(NSTemporaryDirectory())")]
        }
        let dir = String(cString: made)
        let path = dir + "/note-\(id).md"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { rmdir(dir); return [.note("cannot write a private file for the note in \(dir)")] }
        let bytes = Array((text.isEmpty ? "" : text + "\n").utf8)
        let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard wrote == bytes.count else { unlink(path); rmdir(dir); return [.note("cannot write the note's file \(path)")] }
        let status = run(["/bin/sh", "-c", editor + " \"$1\"", "sh", path], input: nil)
        guard status == 0, let data = FileManager.default.contents(atPath: path) else {
            let why = status < 0 ? "cannot start the editor '\(editor)'" : status > 0 ? "the editor '\(editor)' exited with status \(status)"
                : "cannot read the note back"
            return [.note("\(why): note not changed; what was written is kept in \(path)")]
        }
        unlink(path)
        rmdir(dir)
        return [.noteEdited(article: id, text: String(decoding: data, as: UTF8.self))]
    }

    /// The command with the text on its standard input, then "press Enter" (as mutt does).
    static func pipe(_ command: String, input: String) -> [Action] {
        let status = run(["/bin/sh", "-c", command], input: input)
        let head = status == 0 ? "" : "'\(command)' exited with status \(status); "
        print("\n[csto-reader: \(head)press Enter to return]", terminator: "")
        fflush(nil)
        _ = readLine()
        return status == 0 ? [] : [.note("'\(command)' exited with status \(status)")]
    }

    /// Runs a program in the reader's process group (so that it owns the terminal, as an
    /// editor or a pager must), with the signals the reader catches or ignores back at their
    /// defaults, and waits for it; its exit status (-1: could not start, 128 + N: signal N).
    static func run(_ argv: [String], input: String?) -> Int32 {
        // A command that stops reading must not end the reader (a write to a closed pipe).
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [-1, -1]
        if input != nil, Glibc.pipe(&fds) != 0 { return -1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let cargs = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cargs, environ)
        if input != nil { close(fds[0]) }
        guard spawned == 0 else {
            if input != nil { close(fds[1]) }
            return -1
        }
        if let input {
            // Written from another thread: a command that reads slowly (a pager) or not at all
            // must not block the wait.
            let writeEnd = fds[1]
            let data = Array(input.utf8)
            let writer = Thread {
                data.withUnsafeBytes { buf in
                    var done = 0
                    while done < buf.count {
                        let n = write(writeEnd, buf.baseAddress! + done, buf.count - done)
                        if n < 0 { if errno == EINTR { continue } else { break } }
                        done += n
                    }
                }
                close(writeEnd)
            }
            writer.start()
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are C macros).
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}
