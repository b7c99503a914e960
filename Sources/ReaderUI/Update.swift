import Corpus
import ReadingState
import SearchIndex
import TerminalCore

/// Side effects that `update` asks the run loop to perform.
public enum Effect: Sendable, Equatable {
    case quit
    /// Draw the whole screen again (Ctrl-L).
    case redraw
    /// The marks or the session changed: persist `state.marks`.
    case save
    /// Something outside the reader: the terminal is given to it, then taken back.
    case run(External)
}

/// What the run loop does outside the screen for `update`, which stays pure.
public enum External: Sendable, Equatable {
    /// Edit a note in the editor (a command line); the text comes back as `.noteEdited`.
    case editNote(article: String, text: String, editor: String)
    /// Run a shell command with `input` on its standard input (`|`), then wait for Enter.
    case pipe(command: String, input: String)
    /// Copy to the terminal's clipboard (OSC 52).
    case copy(String)
    /// Write articles (indices) to a file; an existing file is never replaced (a free name is
    /// taken beside it).
    case export(path: String, format: Export.Format, docs: [Int], label: String)
}

/// Applies an action to the state. Pure: no terminal, no clock. Messages from outside the
/// terminal first, then the top screen; what it leaves (`unhandled`) goes to the shared actions.
@discardableResult
public func update(_ s: inout AppState, _ action: Action) -> [Effect] {
    s.effects = []
    defer {
        #if DEBUG
        s.checkInvariants()
        #endif
    }
    switch action {
    case .resize(let w, let h):
        s.width = max(1, w)
        s.height = max(1, h)
        s.keepListVisible()
    case .loaded(let loaded):
        s.load(loaded)
    case .progress(let done, let total, let articles):
        s.loading = (done, total, articles)
    case .note(let text):
        s.message = text
    case .noteEdited(let id, let text):
        s.setNote(id: id, text)
    case .restore(let state):
        s.restore(state)
    case .hangUp:
        s.captureSession()
        return [.save]
    case .redraw:
        return [.redraw]
    case .work:
        for i in s.screens.indices where s.screens[i].hasPendingWork {
            var screen = s.screens[i]
            screen.work(s)
            s.screens[i] = screen
        }
    case .interrupt where !s.top.isLineEditor:
        // Ctrl-C cancels the line being typed; anywhere else it quits (status 130).
        s.captureSession()
        s.exitStatus = 130
        return [.save, .quit]
    default:
        // A key (or click) ends the last message.
        s.message = nil
        dispatch(&s, action)
    }
    s.refreshScreens()
    return s.effects
}

/// The top screen takes the action; a closing screen may hand something to the one below.
func dispatch(_ s: inout AppState, _ action: Action) {
    // The screen under the top: what a screen hands over goes there. Pushing or closing changes
    // only the stack above it.
    let below = s.screens.count - 2
    var top = s.screens.removeLast()
    let outcome = top.handle(action, &s)
    switch outcome {
    case .handled:
        s.screens.append(top)
    case .unhandled:
        s.screens.append(top)
        shared(&s, action, from: top)
    case .close:
        break
    case .push(let next):
        s.screens.append(top)
        s.screens.append(next)
    }
    // The list is always at the bottom.
    if s.screens.isEmpty { s.screens = [BrowseScreen()] }
    if let forwarded = s.forward {
        s.forward = nil
        if below >= 0, below < s.screens.count {
            var screen = s.screens[below]
            _ = screen.handle(forwarded, &s)
            s.screens[below] = screen
        }
        // A hand-over goes one step down only: nothing the receiver set is carried further.
        s.forward = nil
    }
}

/// The actions every screen shares: help, and the results' query, filters and sort from every
/// screen that shows results (`ActionTable.resultActions`).
func shared(_ s: inout AppState, _ action: Action, from screen: any Screen) {
    if ActionTable.resultActions.contains(action), !screen.showsResults { return }
    switch action {
    case .help:
        s.screens.append(HelpScreen())
    case .searchStart:
        s.screens.append(SearchLineScreen(query: s))
    case .filters:
        s.screens.append(FilterScreen(app: s))
    case .clearFilters:
        let cleared = QueryText.clearingFilters(s.query)
        if cleared != s.query { s.setQuery(cleared) }
        s.message = "filters cleared"
    case .toggleSort:
        s.toggleSort()
    default:
        break
    }
}
