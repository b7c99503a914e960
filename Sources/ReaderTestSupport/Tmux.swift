import Foundation
import Glibc
import Testing

/// Drives the real binary in a real terminal: a private tmux server, keys in, screen out.
///
/// Every wait is bounded and fails when its time runs out: `wait` and `waitForExit` record an
/// issue at the caller's line (with the last screen) and throw; every tmux command is killed
/// and throws after `commandTimeout` seconds.
public final class Tmux {
    public let socket: String
    public let width: Int, height: Int
    /// Where the wrapper shell writes the program's exit status.
    public let statusFile: String
    /// State, cache and config folders made for this session (removed with it).
    private var ownFolders: [String] = []

    public static let reader: String = Products.url("csto-reader").path

    /// How long one tmux command may take before it is killed and the test fails.
    public static let commandTimeout: Double = 10

    /// Starts a session running `command` (through sh) in a `width`x`height` window.
    public init(width: Int, height: Int, command: String, env: [String: String] = [:]) throws {
        socket = "csto-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent(socket + ".status").path
        self.width = width
        self.height = height
        // remain-on-exit before the session starts, so an exit status can always be read.
        var args = ["-L", socket, "-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                    "new-session", "-d", "-x", String(width), "-y", String(height),
                    "-e", "LANG=C.UTF-8", "-e", "SWIFT_BACKTRACE=enable=no", "-e", "TERM=xterm-256color"]
        // Each session keeps its reading state, cache and configuration apart (never the user's
        // own): in folders of its own, removed with it, unless the test gives them.
        let homes = ["XDG_STATE_HOME": "-state", "XDG_CACHE_HOME": "-cache", "XDG_CONFIG_HOME": "-config"]
        for (key, suffix) in homes.sorted(by: { $0.key < $1.key }) {
            let folder = env[key] ?? FileManager.default.temporaryDirectory.appendingPathComponent(socket + suffix).path
            if env[key] == nil { ownFolders.append(folder) }
            args += ["-e", "\(key)=\(folder)"]
        }
        for (k, v) in env where homes[k] == nil { args += ["-e", "\(k)=\(v)"] }
        // Through sh, which waits for the program and writes its exit status to a file: measured
        // here, tmux 3.3a often left #{pane_dead_status} empty. The program starts once the
        // pane's terminal has the window's size (bounded at 5 s, after which the wrapper says so
        // on the screen and exits 125 without running it). Measured over 200 starts, 100 of them
        // with both cores busy: the size was there at the first look every time, and no line
        // written at once was lost (see TmuxHelperTests). Once the program has ended, though,
        // tmux 3.3a with remain-on-exit scrolls the pane by one line: read what an ended program
        // printed with `history: true`, or from a file.
        let quoted = command.replacingOccurrences(of: "'", with: "'\\''")
        let size = "\(height) \(width)"
        let gate = "n=0; while [ \"$(stty size 2>/dev/null)\" != \"\(size)\" ]; do n=$((n+1)); "
            + "if [ $n -gt 500 ]; then echo \"tmux wrapper: the pane is $(stty size), not \(size)\"; echo 125 > \(statusFile); exit 125; fi; "
            + "sleep 0.01; done"
        args.append("sh -c '\(gate); \(quoted); echo $? > \(statusFile)'")
        let (status, _) = try Tmux.run(args, capture: false)
        guard status == 0 else { throw TmuxError("tmux new-session failed (\(status))") }
    }

    deinit {
        // The pane's processes may still write the status file or their state as they end:
        // wait for them (5 s at most) before removing what the session made.
        let panes = ((try? Tmux.run(["-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"], capture: true).1) ?? "")
            .split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        let processes = panes + panes.flatMap { Processes.descendants(of: $0) }
        _ = try? Tmux.run(["-L", socket, "kill-server"], capture: true)
        let deadline = Deadline(seconds: 5)
        while !deadline.passed && processes.contains(where: Processes.isRunning) { usleep(10_000) }
        unlink(statusFile)
        // The session's own folders (those given by a test are the test's).
        for made in ownFolders { try? FileManager.default.removeItem(atPath: made) }
    }

    /// Sends keys as tmux names them ("j", "Enter", "C-c", "]", ...).
    public func send(_ keys: String...) throws {
        _ = try Tmux.run(["-L", socket, "send-keys", "-t", "0"] + keys, capture: true)
    }

    /// Types text literally.
    public func type(_ text: String) throws {
        _ = try Tmux.run(["-L", socket, "send-keys", "-t", "0", "-l", text], capture: true)
    }

    /// Resizes the window (without waiting for the program to notice; see `waitUntilIdle`).
    public func resize(_ w: Int, _ h: Int) throws {
        _ = try Tmux.run(["-L", socket, "resize-window", "-t", "0", "-x", String(w), "-y", String(h)], capture: true)
    }

    /// Sends a signal to the program in the pane (the child of the pane's shell).
    public func signal(_ sig: Int32) throws {
        let (_, out) = try Tmux.run(["-L", socket, "display-message", "-p", "-t", "0", "#{pane_pid}"], capture: true)
        guard let shell = Int32(out.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw TmuxError("no pane pid") }
        for pid in Processes.children(of: shell) { kill(pid, sig) }
    }

    /// The screen as text (with escape sequences for attributes when `attributes`).
    public func screen(attributes: Bool = false, history: Bool = false) throws -> String {
        try Tmux.run(["-L", socket, "capture-pane", "-p", "-J", "-t", "0"] + (attributes ? ["-e"] : []) + (history ? ["-S", "-"] : []),
                     capture: true).1
    }

    /// Exit status of the pane's program once it ended, else nil.
    public func exitStatus() throws -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits (`timeout` seconds at most) for the program to end and returns its exit status;
    /// when it does not end in time, records a failure at the caller's line (with the screen)
    /// and throws.
    @discardableResult
    public func waitForExit(timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let deadline = Deadline(seconds: timeout)
        while true {
            if let s = try exitStatus() { return s }
            if deadline.passed { break }
            usleep(20_000)
        }
        let last = (try? screen()) ?? "(no screen)"
        try fail("the program did not end within \(timeout) s; last screen:\n\(last)", sourceLocation: sourceLocation)
    }

    /// Waits until the screen satisfies `condition` and has settled (`timeout` seconds at most)
    /// and returns that screen. tmux can be captured while a frame is still arriving (the header
    /// already new, the list below not yet), so a screen counts only when a second capture 40 ms
    /// later is the same. When no settled screen satisfies `condition` in time, records a
    /// failure at the caller's line with the last screen and throws.
    @discardableResult
    public func wait(timeout: Double = 5, attributes: Bool = false, history: Bool = false,
                     sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Deadline(seconds: timeout)
        var last = ""
        var met = false
        while !deadline.passed {
            last = try screen(attributes: attributes, history: history)
            met = condition(last)
            if met {
                usleep(40_000)
                let again = try screen(attributes: attributes, history: history)
                if again == last { return last }
                last = again
                continue
            }
            usleep(20_000)
        }
        let why = met ? "the screen met the condition but did not settle" : "the screen did not meet the condition"
        try fail("\(why) within \(timeout) s; last screen:\n\(last)", sourceLocation: sourceLocation)
    }

    /// Waits (`timeout` seconds at most) until the pane's terminal has the window's size and
    /// every process in the pane is asleep with no signal pending, twice 40 ms apart: the
    /// program has taken in the last resize (or key) and finished drawing, whether or not that
    /// shows on the screen (at 1x1 nothing does). Records a failure and throws when it does not.
    public func waitUntilIdle(timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Deadline(seconds: timeout)
        var quiet = 0
        var busy = ""
        while !deadline.passed {
            busy = try whyBusy() ?? ""
            quiet = busy.isEmpty ? quiet + 1 : 0
            if quiet == 2 { return }
            usleep(40_000)
        }
        try fail("the pane did not become idle within \(timeout) s: \(busy); last screen:\n\((try? screen()) ?? "")",
                 sourceLocation: sourceLocation)
    }

    /// Why the pane is not idle now (see `waitUntilIdle`), or nil when it is.
    private func whyBusy() throws -> String? {
        let fields = try Tmux.run(["-L", socket, "display-message", "-p", "-t", "0", "#{pane_pid} #{pane_tty} #{window_width} #{window_height}"],
                                  capture: true).1.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 4, let shell = Int32(fields[0]), let w = Int(fields[2]), let h = Int(fields[3]) else {
            return "tmux reported no pane (\(fields))"
        }
        let fd = open(fields[1], O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return "cannot open \(fields[1])" }
        var size = winsize()
        let got = withUnsafeMutablePointer(to: &size) { ioctl(fd, UInt(TIOCGWINSZ), $0) }
        close(fd)
        guard got == 0, Int(size.ws_col) == w, Int(size.ws_row) == h else {
            return "the terminal is \(size.ws_col)x\(size.ws_row), the window \(w)x\(h)"
        }
        for pid in [shell] + Processes.descendants(of: shell) {
            guard let stat = Processes.procFile("/proc/\(pid)/stat"),
                  let close = stat.lastIndex(of: ")") else { continue } // ended meanwhile
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
            guard state == "S" else { return "process \(pid) is in state \(state)" }
            let status = Processes.procFile("/proc/\(pid)/status") ?? ""
            for line in status.split(separator: "\n") where line.hasPrefix("SigPnd:") || line.hasPrefix("ShdPnd:") {
                if line.split(separator: "\t").last.map({ $0.allSatisfy { $0 == "0" } }) != true {
                    return "process \(pid) has a signal pending (\(line))"
                }
            }
        }
        return nil
    }

    /// Runs tmux with an empty signal mask and default handlers (Swift Testing's threads block
    /// signals, and children inherit that), no inherited descriptors, stdin from /dev/null.
    /// With `capture`, returns its stdout; otherwise its output goes to /dev/null (a server that
    /// daemonizes must not hold our pipe open). A command still running (or its output still
    /// open) after `timeout` seconds is killed, and this throws.
    public static func run(_ args: [String], capture: Bool, timeout: Double = commandTimeout) throws -> (Int32, String) {
        let deadline = Deadline(seconds: timeout)
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
        var timedOut = false
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            reading: while true {
                var pfd = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, deadline.millisecondsLeft)
                if ready < 0 && errno == EINTR { continue }
                if ready <= 0 { timedOut = true; break reading }
                let n = read(fds[0], &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while !timedOut {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if deadline.passed { timedOut = true; break }
            usleep(2_000)
        }
        if timedOut {
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw TimeoutError("tmux \(args.joined(separator: " ")) did not finish within \(timeout) s; output so far:\n"
                               + String(decoding: output, as: UTF8.self))
        }
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

public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
