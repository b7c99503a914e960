/// A selection in a list seen through a window of rows: the one cursor every list-like screen
/// uses (the article list, the timeline, the filter panel, the help). With `selectable`, the
/// selection skips rows that cannot be chosen (headings) and stays on one that can.
public struct ScrollCursor: Sendable, Equatable {
    /// The selected row.
    public var selection = 0
    /// The first row shown.
    public var offset = 0

    public init(selection: Int = 0, offset: Int = 0) {
        self.selection = selection
        self.offset = offset
    }

    /// Where a position moves for a movement action, over `count` items seen `rows` at a time.
    public static func moved(_ v: Int, _ action: Action, rows: Int, count: Int, pageOverlap: Int = 1) -> Int? {
        let page = max(1, rows - pageOverlap)
        switch action {
        case .down: return v + 1
        case .up: return v - 1
        case .pageDown: return v + page
        case .pageUp: return v - page
        case .halfPageDown: return v + max(1, rows / 2)
        case .halfPageUp: return v - max(1, rows / 2)
        case .top: return 0
        case .bottom: return count - 1
        default: return nil
        }
    }

    /// Moves the selection for a movement action; false for an action that is not one.
    /// `selectable` tells which rows can be chosen (all when nil).
    @discardableResult
    public mutating func move(_ action: Action, count: Int, rows: Int, margin: Int = 0, selectable: ((Int) -> Bool)? = nil) -> Bool {
        guard count > 0 else { return ScrollCursor.moved(0, action, rows: rows, count: 0) != nil }
        guard let selectable else {
            guard let v = ScrollCursor.moved(selection, action, rows: rows, count: count) else { return false }
            selection = max(0, min(v, count - 1))
            keepVisible(count: count, rows: rows, margin: margin)
            return true
        }
        // One step goes to the next selectable row; a page goes as many rows as a page holds
        // (headings included), then to the nearest selectable row in that direction.
        guard let target = ScrollCursor.moved(selection, action, rows: rows, count: count) else { return false }
        let forward = target >= selection
        var row = max(0, min(target, count - 1))
        if action == .down || action == .up {
            row = selection
            repeat { row += forward ? 1 : -1 } while row >= 0 && row < count && !selectable(row)
        } else {
            while row >= 0, row < count, !selectable(row) { row += forward ? 1 : -1 }
        }
        if row < 0 || row >= count {
            // Past the last (or first) selectable row: the last (first) one.
            row = forward ? ((0..<count).last(where: selectable) ?? selection) : ((0..<count).first(where: selectable) ?? selection)
        }
        selection = row
        // At the first selectable row, the headings above it come into view too.
        if row < rows, !(0..<row).contains(where: selectable) { offset = 0 }
        keepVisible(count: count, rows: rows, margin: margin)
        return true
    }

    /// Scrolls a view without a selection (the pager, the detail pane, the help): `offset` only.
    @discardableResult
    public mutating func scroll(_ action: Action, count: Int, rows: Int) -> Bool {
        guard let v = ScrollCursor.moved(offset, action, rows: rows, count: count) else { return false }
        offset = max(0, min(v, max(0, count - rows)))
        return true
    }

    /// Selects a row and brings it into view.
    public mutating func select(_ row: Int, count: Int, rows: Int, margin: Int = 0) {
        selection = max(0, min(row, count - 1))
        keepVisible(count: count, rows: rows, margin: margin)
    }

    /// Keeps the selection in bounds and in view (with `margin` rows above it where they fit,
    /// such as the headings over a timeline event).
    public mutating func keepVisible(count: Int, rows: Int, margin: Int = 0) {
        let rows = max(1, rows)
        guard count > 0 else {
            selection = 0
            offset = 0
            return
        }
        selection = max(0, min(selection, count - 1))
        if selection < offset + margin { offset = max(0, selection - margin) }
        if selection >= offset + rows { offset = selection - rows + 1 }
        offset = max(0, min(offset, max(0, count - rows)))
    }

    /// Clamps a scroll-only view (no selection) to its content.
    public mutating func clampOffset(count: Int, rows: Int) {
        offset = max(0, min(offset, max(0, count - max(1, rows))))
    }
}
