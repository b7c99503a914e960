@preconcurrency import CNcursesw
import Glibc
import TerminalCore

/// Set by the SIGINT/SIGTERM/SIGHUP handler; the event loop leaves when it is set.
nonisolated(unsafe) private var signalled: sig_atomic_t = 0
/// The terminal to restore from a crash handler (one at a time).
nonisolated(unsafe) private var activeScreen: OpaquePointer? = nil
nonisolated(unsafe) private var crashActions: [Int32: sigaction] = [:]

/// The one module that talks to ncursesw: terminal set-up and restore on every exit path,
/// wide-character input mapped to `Event`s, and drawing the runs of cells it is given.
public final class NcursesTerminal: TerminalBackend {
    private var screen: OpaquePointer?
    private var pairs: [UInt16: Int16] = [:]
    private var useColor = false
    private let mouse: Bool
    private var savedStderr: Int32 = -1
    private var stderrPath: String? = nil
    private var closed = false

    /// Why the reader cannot run on this terminal, checked before ncurses starts: nil when it can.
    public static func preflight() -> String? {
        if isatty(1) != 1 { return "not a terminal: output goes to a pipe or a file (use 'csto-reader list' for plain output)" }
        if isatty(0) != 1 { return "not a terminal: input is not a terminal (use 'csto-reader list' for plain output)" }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            return "TERM is not set: cannot drive the terminal (use 'csto-reader list' for plain output)"
        }
        var err: Int32 = 0
        if setupterm(nil, 1, &err) != OK {
            return "unknown terminal type '\(term)' (TERM): use 'csto-reader list' for plain output"
        }
        let cup = tigetstr("cup")
        let invalid = UnsafeMutablePointer<CChar>(bitPattern: -1)
        if cup == nil || cup == invalid {
            return "terminal '\(term)' cannot move the cursor: use 'csto-reader list' for plain output"
        }
        return nil
    }

    /// Takes the locale from the environment, once, before any other thread starts (setlocale
    /// is not thread-safe), and says what is wrong with it for the reader, if anything: outside
    /// a UTF-8 locale the terminal library draws no character beyond ASCII. When one category
    /// names a locale that is not installed, the whole environment is refused by
    /// `setlocale(LC_ALL, "")`; the character type alone is then taken, which is what drawing
    /// needs.
    public static func setLocale(_ env: [String: String]) -> String? {
        if setlocale(LC_ALL, "") == nil { setlocale(LC_CTYPE, "") }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        guard codeset != "UTF-8" else { return nil }
        let blanks = "letters beyond ASCII show as blanks"
        // The variable that decides the character type: LC_ALL, else LC_CTYPE, else LANG.
        guard let (name, value) = [("LC_ALL", env["LC_ALL"]), ("LC_CTYPE", env["LC_CTYPE"]), ("LANG", env["LANG"])]
            .first(where: { !($0.1 ?? "").isEmpty }).map({ ($0.0, $0.1!) }) else {
            return "no locale is set (LANG, LC_CTYPE and LC_ALL are empty): \(blanks) (set LANG=C.UTF-8)"
        }
        let set = name == "LANG" ? "set LANG=C.UTF-8" : "set \(name)=C.UTF-8 or unset it"
        if String(value.uppercased().filter { $0 != "-" }).hasSuffix("UTF8") {
            return "the locale \(name)=\(value) is not installed: \(blanks) (install it, or \(set))"
        }
        return "\(name)=\(value) is not a UTF-8 locale: \(blanks) (\(set))"
    }

    /// (`setLocale` is called first, before any thread starts.)
    public init(color: Bool, mouse: Bool) throws {
        self.mouse = mouse
        screen = nil
        Self.installSignalHandlers()
        redirectStderr()
        guard let s = newterm(nil, stdout, stdin) else {
            restoreStderr()
            throw TerminalError(message: "cannot start the terminal (newterm failed)")
        }
        screen = s
        activeScreen = s
        set_term(s)
        cbreak()
        noecho()
        keypad(stdscr, true)
        set_escdelay(25)
        curs_set(0)
        useColor = color && has_colors()
        if useColor {
            start_color()
            use_default_colors()
        }
        if mouse {
            mousemask(csto_mouse_mask(), nil)
            mouseinterval(0)
        }
        wclear(stdscr)
    }

    deinit { shutdown() }

    /// Restores the terminal: echo, cursor, no alternate screen left behind. Safe to call twice.
    public func shutdown() {
        guard !closed else { return }
        closed = true
        if mouse { mousemask(0, nil) }
        // Without an alternate screen (TERM=vt100), the last frame would stay under the prompt:
        // clear it, and leave the cursor at the top for the shell.
        let smcup = tigetstr("smcup")
        if smcup == nil || Int(bitPattern: smcup) == -1 {
            werase(stdscr)
            wmove(stdscr, 0, 0)
            wrefresh(stdscr)
        }
        curs_set(1)
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
        activeScreen = nil
        restoreStderr()
    }

    /// Leaves curses mode for `body` (the terminal as the shell has it, stderr back), then
    /// returns to it. A Ctrl-C meant for the command does not end the reader.
    public func suspend(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        restoreStderr()
        let before = signalled
        body()
        if before == 0, signalled == SIGINT { signalled = 0 }
        redirectStderr()
        reset_prog_mode()
        clearok(curscr, true)
        wrefresh(stdscr)
    }

    public func send(_ sequence: String) {
        fputs(sequence, stdout)
        fflush(stdout)
    }

    /// Whether colours are drawn (the terminal has them and they were asked for).
    public var hasColor: Bool { useColor }

    /// The signal that ended the loop (SIGTERM, SIGHUP), 0 if none.
    public var endingSignal: Int32 { signalled == SIGINT ? 0 : signalled }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(stdscr)), Int(getmaxy(stdscr)))
    }

    public func invalidate() {
        clearok(curscr, true)
    }

    private func pair(_ fg: Color, _ bg: Color) -> Int16 {
        guard useColor, fg != .default || bg != .default else { return 0 }
        let key = UInt16(fg.rawValue) << 8 | UInt16(bg.rawValue)
        if let p = pairs[key] { return p }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < COLOR_PAIRS else { return 0 }
        func code(_ c: Color) -> Int16 { c == .default ? -1 : Int16(c.rawValue) - 1 }
        init_pair(n, code(fg), code(bg))
        pairs[key] = n
        return n
    }

    public func draw(_ runs: [CellRun]) {
        let (w, h) = size
        for run in runs where run.y < h {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation || x >= w { continue }
                var attrs = csto_a_normal()
                if cell.style.bold { attrs |= csto_a_bold() }
                if cell.style.dim { attrs |= csto_a_dim() }
                if cell.style.reverse { attrs |= csto_a_reverse() }
                if cell.style.underline { attrs |= csto_a_underline() }
                wattr_set(stdscr, attrs, pair(cell.style.fg, cell.style.bg), nil)
                // The cell's text is already safe (the Buffer replaced controls); a wide cell at
                // the right edge is dropped rather than wrapped.
                if Int(cell.width) == 2 && x + 1 >= w { continue }
                mvwaddstr(stdscr, Int32(run.y), Int32(x), Self.drawable(cell))
            }
        }
        wnoutrefresh(stdscr)
        doupdate()
    }

    /// What to write for a cell so the terminal advances exactly the cell's width: the terminal
    /// (like ncurses) measures scalar by scalar, so a cluster it would measure otherwise (an
    /// emoji with a skin tone or a joiner) is written as its first scalar, or `?`.
    static func drawable(_ cell: Cell) -> String {
        let scalars = cell.text.unicodeScalars
        guard scalars.count > 1 else { return cell.text }
        let widths = scalars.map { Int(csto_wcwidth($0.value)) }
        if widths.reduce(0, { $0 + max(0, $1) }) == Int(cell.width), !widths.contains(-1) { return cell.text }
        if let first = scalars.first, widths[0] == Int(cell.width) { return String(first) }
        return cell.width == 2 ? "? " : "?"
    }

    public func nextEvent(timeout: Double) -> Event {
        if let e = pendingSignal() { return e }
        wtimeout(stdscr, Int32(max(0, timeout * 1000)))
        var ch: wint_t = 0
        let r = wget_wch(stdscr, &ch)
        if let e = pendingSignal() { return e }
        if r == ERR { return .tick }
        if r == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_RESIZE:
                let (w, h) = size
                return .resize(width: w, height: h)
            case KEY_MOUSE:
                var m = MEVENT()
                guard getmouse(&m) == OK else { return .tick }
                let x = Int(m.x), y = Int(m.y)
                if m.bstate & csto_wheel_up() != 0 { return .mouse(.wheelUp(x: x, y: y)) }
                if m.bstate & csto_wheel_down() != 0 { return .mouse(.wheelDown(x: x, y: y)) }
                if m.bstate & csto_button1() != 0 { return .mouse(.click(x: x, y: y)) }
                return .tick
            default:
                let f = Int32(ch) - csto_key_f(0)
                if (1...12).contains(f) { return .key(.function(Int(f))) }
                return .tick
            }
        }
        switch ch {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ch) + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .tick }
            return .key(.char(Character(scalar)))
        }
    }

    /// SIGINT is Ctrl-C, a key the reader handles (it cancels a line being typed); SIGTERM and
    /// SIGHUP end the loop.
    private func pendingSignal() -> Event? {
        switch signalled {
        case 0: return nil
        case SIGINT:
            signalled = 0
            return .key(.ctrl("c"))
        default:
            return .interrupt
        }
    }

    // MARK: Signals and stderr

    private static func installSignalHandlers() {
        signalled = 0
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in signalled = sig }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // not SA_RESTART: a blocking read must return
            sigaction(sig, &action, nil)
        }
        // A crash (a Swift runtime trap is SIGILL or SIGTRAP) restores the terminal first and
        // keeps the default behaviour, so the backtrace still prints.
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if activeScreen != nil { endwin() }
                var old = crashActions[sig] ?? sigaction()
                sigaction(sig, &old, nil)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(sig, &action, &old)
            crashActions[sig] = old
        }
    }

    /// While the screen is ours, stderr goes to a file, replayed when the terminal is restored.
    private func redirectStderr() {
        var template = Array("/tmp/csto-reader-stderr-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { return }
        stderrPath = String(cString: template)
        savedStderr = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    private func restoreStderr() {
        guard savedStderr >= 0, let path = stderrPath else { return }
        dup2(savedStderr, 2)
        close(savedStderr)
        savedStderr = -1
        if let f = fopen(path, "r") {
            var buffer = [CChar](repeating: 0, count: 4096)
            while fgets(&buffer, 4096, f) != nil { fputs(buffer, stderr) }
            fclose(f)
        }
        unlink(path)
        stderrPath = nil
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
