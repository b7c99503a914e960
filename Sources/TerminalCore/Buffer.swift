/// A terminal colour (the 8 basic ones, or the terminal's default).
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rows `from..<from+count` of this rectangle (clamped).
    public func rows(_ from: Int, _ count: Int) -> Rect {
        let top = min(max(0, from), height)
        return Rect(x: x, y: y + top, width: width, height: min(count, height - top))
    }

    public func inset(left: Int = 0, right: Int = 0, top: Int = 0, bottom: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
}

/// One screen cell: a grapheme cluster and its style. A wide grapheme fills its cell and a
/// continuation cell after it (empty text, width 0).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

/// A grid of cells that widgets draw into; the backend only ever sees the difference between
/// two buffers. Text written here is made safe: control and bidi characters become `�`.
public struct Buffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ r: Rect, style: Style = .plain) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { self[x, y] = Cell(" ", width: 1, style: style) }
        }
    }

    /// Characters that must never reach a terminal: C0/C1 controls, DEL, bidi overrides.
    @inline(__always) public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Writes `text` at (x, y), clipped to `limit` columns (and the buffer). Returns the columns used.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var col = x
        for ch in text {
            var grapheme = String(ch)
            if grapheme.unicodeScalars.contains(where: Self.isUnsafe) { grapheme = "\u{FFFD}" }
            let w = DisplayWidth.of(Character(grapheme))
            if w == 0 { continue }
            if col + w > end { break }
            if col >= 0 {
                // Overwriting half of a wide cell blanks its other half.
                if self[col, y].isContinuation, col > 0 { self[col - 1, y] = Cell(" ", width: 1, style: self[col - 1, y].style) }
                if w == 1, col + 1 < width, self[col + 1, y].isContinuation { self[col + 1, y] = Cell(" ", width: 1, style: style) }
                self[col, y] = Cell(grapheme, width: UInt8(w), style: style)
                if w == 2 { self[col + 1, y] = Cell("", width: 0, style: style) }
            }
            col += w
        }
        return col - x
    }

    /// Applies a style to cells without changing their text.
    public mutating func restyle(_ r: Rect, _ transform: (inout Style) -> Void) {
        for y in max(0, r.y)..<min(height, r.maxY) {
            for x in max(0, r.x)..<min(width, r.maxX) { transform(&cells[y * width + x].style) }
        }
    }

    /// The screen as text, one line per row, trailing blanks kept.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
            return s
        }
    }

    /// The screen as text with trailing blanks removed, for snapshots.
    public var text: String {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}

/// A run of changed cells on one row, as the backend draws them.
public struct CellRun: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension Buffer {
    /// What changed from `previous` to this buffer: runs of cells per row. Everything when the
    /// sizes differ.
    public func diff(from previous: Buffer?) -> [CellRun] {
        var runs: [CellRun] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = y * width + x
                if !full && previous!.cells[i] == cells[i] { x += 1; continue }
                var run = CellRun(x: x, y: y, cells: [])
                // Start a run on the head of a wide cell.
                if cells[i].isContinuation, x > 0 {
                    run.x = x - 1
                    run.cells.append(cells[i - 1])
                }
                while x < width {
                    let j = y * width + x
                    if !full && previous!.cells[j] == cells[j] && !cells[j].isContinuation { break }
                    run.cells.append(cells[j])
                    x += 1
                }
                runs.append(run)
            }
        }
        return runs
    }

    /// Applies runs to this buffer (what a terminal does with them).
    public mutating func apply(_ runs: [CellRun]) {
        for r in runs {
            for (k, c) in r.cells.enumerated() where r.x + k < width && r.y < height {
                self[r.x + k, r.y] = c
            }
        }
    }

    /// Resizes, keeping nothing (the next frame redraws everything).
    public mutating func resize(width: Int, height: Int) {
        self = Buffer(width: width, height: height)
    }
}
