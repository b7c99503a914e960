import Foundation
import ReaderTestSupport
import Glibc

/// Drives the real binary in a real terminal: a private tmux server, keys in, screen out.
final class Tmux {
    let socket: String
    let width: Int, height: Int
    /// Where the wrapper shell writes the program's exit status.
    let statusFile: String
    /// State and cache folders made for this session (removed with it).
    private var ownFolders: [String] = []

    static let reader: String = Products.url("csto-reader").path

    /// Starts a session running `command` (through sh) in a `width`x`height` window.
    init(width: Int, height: Int, command: String, env: [String: String] = [:]) throws {
        socket = "csto-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent(socket + ".status").path
        self.width = width
        self.height = height
        // remain-on-exit before the session starts, so an exit status can always be read.
        var args = ["-L", socket, "-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                    "new-session", "-d", "-x", String(width), "-y", String(height),
                    "-e", "LANG=C.UTF-8", "-e", "SWIFT_BACKTRACE=enable=no", "-e", "TERM=xterm-256color"]
        // Each session keeps its reading state apart (never the user's own).
        var own: [String] = []
        let stateHome = env["XDG_STATE_HOME"] ?? FileManager.default.temporaryDirectory.appendingPathComponent(socket + "-state").path
        if env["XDG_STATE_HOME"] == nil { own.append(stateHome) }
        args += ["-e", "XDG_STATE_HOME=\(stateHome)"]
        // And its cache.
        let cacheHome = env["XDG_CACHE_HOME"] ?? FileManager.default.temporaryDirectory.appendingPathComponent(socket + "-cache").path
        if env["XDG_CACHE_HOME"] == nil { own.append(cacheHome) }
        ownFolders = own
        args += ["-e", "XDG_CACHE_HOME=\(cacheHome)"]
        for (k, v) in env where k != "XDG_STATE_HOME" && k != "XDG_CACHE_HOME" { args += ["-e", "\(k)=\(v)"] }
        // Through sh, which waits for the program and writes its exit status to a file: measured
        // here, tmux 3.3a often left #{pane_dead_status} empty. The short sleep lets tmux size
        // the new pane first: output written before that was lost.
        let quoted = command.replacingOccurrences(of: "'", with: "'\\''")
        args.append("sh -c 'sleep 0.2; \(quoted); echo $? > \(statusFile)'")
        let (status, _) = try Tmux.run(args, capture: false)
        guard status == 0 else { throw TmuxError("tmux new-session failed (\(status))") }
    }

    deinit {
        _ = try? Tmux.run(["-L", socket, "kill-server"], capture: true)
        unlink(statusFile)
        // The session's own state and cache folders (those given by a test are the test's).
        for made in ownFolders { try? FileManager.default.removeItem(atPath: made) }
    }

    /// Sends keys as tmux names them ("j", "Enter", "C-c", "]", ...).
    func send(_ keys: String...) throws {
        _ = try Tmux.run(["-L", socket, "send-keys", "-t", "0"] + keys, capture: true)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        _ = try Tmux.run(["-L", socket, "send-keys", "-t", "0", "-l", text], capture: true)
    }

    func resize(_ w: Int, _ h: Int) throws {
        _ = try Tmux.run(["-L", socket, "resize-window", "-t", "0", "-x", String(w), "-y", String(h)], capture: true)
    }

    /// Sends a signal to the program in the pane (the child of the pane's shell).
    func signal(_ sig: Int32) throws {
        let (_, out) = try Tmux.run(["-L", socket, "display-message", "-p", "-t", "0", "#{pane_pid}"], capture: true)
        guard let shell = Int32(out.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw TmuxError("no pane pid") }
        // procfs files report no size, so read them with plain read(2).
        var children = ""
        let fd = open("/proc/\(shell)/task/\(shell)/children", O_RDONLY)
        if fd >= 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { children = String(decoding: buffer[0..<n], as: UTF8.self) }
            close(fd)
        }
        for pid in children.split(separator: " ").compactMap({ Int32($0) }) { kill(pid, sig) }
    }

    /// The screen as text (with escape sequences for attributes when `attributes`).
    func screen(attributes: Bool = false, history: Bool = false) throws -> String {
        try Tmux.run(["-L", socket, "capture-pane", "-p", "-J", "-t", "0"] + (attributes ? ["-e"] : []) + (history ? ["-S", "-"] : []),
                     capture: true).1
    }

    /// Exit status of the pane's program once it ended, else nil.
    func exitStatus() throws -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits (5 s at most) for the program to end; its exit status, or nil if it did not.
    func waitForExit() throws -> Int? {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let s = try exitStatus() { return s }
            usleep(20_000)
        }
        return nil
    }

    /// Waits until the screen satisfies `condition` and has settled (5 s at most); returns the
    /// last screen. tmux can be captured while a frame is still arriving (the header already
    /// new, the list below not yet), so a screen counts only when a second capture 40 ms later
    /// is the same.
    @discardableResult
    func wait(timeout: Double = 5, attributes: Bool = false, history: Bool = false, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(attributes: attributes, history: history)
            if condition(last) {
                usleep(40_000)
                let again = try screen(attributes: attributes, history: history)
                if again == last { return last }
                last = again
                continue
            }
            usleep(20_000)
        }
        return last
    }

    /// Runs tmux with an empty signal mask and default handlers (Swift Testing's threads block
    /// signals, and children inherit that), no inherited descriptors, stdin from /dev/null.
    /// With `capture`, returns its stdout; otherwise its output goes to /dev/null (a server that
    /// daemonizes must not hold our pipe open).
    static func run(_ args: [String], capture: Bool) throws -> (Int32, String) {
        var fds: [Int32] = [-1, -1]
        if capture {
            guard pipe(&fds) == 0 else { throw TmuxError("pipe failed") }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        closeOnExec()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux"] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attr, argv, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else {
            if capture { close(fds[0]) }
            throw TmuxError("cannot start tmux: \(String(cString: strerror(rc)))")
        }
        var output = Data()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, String(decoding: output, as: UTF8.self))
    }
}

/// Marks every inherited descriptor above stderr close-on-exec, so that a tmux server started
/// from a test never holds another test's pipe open.
func closeOnExec() {
    guard let dir = opendir("/proc/self/fd") else { return }
    var fds: [Int32] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
            ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if let fd = Int32(name), fd > 2 { fds.append(fd) }
    }
    closedir(dir)
    for fd in fds {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
