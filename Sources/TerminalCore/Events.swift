/// A key the user pressed.
public enum Key: Sendable, Hashable {
    case char(Character)
    /// Ctrl with a letter: `.ctrl("d")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// A mouse action (only with `--mouse`).
public enum MouseEvent: Sendable, Hashable {
    case click(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// What the terminal tells the program.
public enum Event: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Nothing happened before the timeout (progress can be redrawn).
    case tick
    /// SIGINT, SIGTERM or SIGHUP: leave now.
    case interrupt
}

/// What a terminal must do for the reader: tell its size, draw runs of cells, give events.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Draws changed cells and shows them.
    func draw(_ runs: [CellRun])
    /// Forgets what is on the screen: the next draw is drawn in full.
    func invalidate()
    /// Waits at most `timeout` seconds for an event.
    func nextEvent(timeout: Double) -> Event
    /// Gives the terminal to `body` (an editor, a shell command), then takes it back and
    /// draws in full.
    func suspend(_ body: () -> Void)
    /// Sends an escape sequence that draws nothing (OSC 52, the clipboard).
    func send(_ sequence: String)
}

/// A terminal in memory, for tests: a screen buffer that draws runs, and a queue of events.
public final class TestBackend: TerminalBackend {
    public private(set) var screen: Buffer
    public var events: [Event]
    public private(set) var drawnCells = 0
    public private(set) var frames = 0

    public init(width: Int, height: Int, events: [Event] = []) {
        screen = Buffer(width: width, height: height)
        self.events = events
    }

    public var size: (width: Int, height: Int) { (screen.width, screen.height) }

    public func draw(_ runs: [CellRun]) {
        screen.apply(runs)
        drawnCells += runs.reduce(0) { $0 + $1.cells.count }
        frames += 1
    }

    public func invalidate() {}

    /// What was sent with `send`, and how many times the terminal was given away.
    public private(set) var sent: [String] = []
    public private(set) var suspensions = 0

    public func suspend(_ body: () -> Void) {
        suspensions += 1
        body()
    }

    public func send(_ sequence: String) { sent.append(sequence) }

    public func resize(width: Int, height: Int) {
        screen.resize(width: width, height: height)
        events.insert(.resize(width: width, height: height), at: 0)
    }

    public func nextEvent(timeout: Double) -> Event {
        events.isEmpty ? .interrupt : events.removeFirst()
    }
}
