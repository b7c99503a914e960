import Corpus
import ReadingState
import SearchIndex
import TerminalCore

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
    case .restore(let state):
        s.restore(state)
    case .redraw:
        return [.redraw]
    case .interrupt where !(s.top is SearchLineScreen):
        // Ctrl-C cancels the line being typed; anywhere else it quits (status 130).
        s.captureSession()
        s.exitStatus = 130
        return [.save, .quit]
    default:
        dispatch(&s, action)
    }
    s.refreshScreens()
    return s.effects
}

/// The top screen takes the action; a closing screen may hand something to the one below.
func dispatch(_ s: inout AppState, _ action: Action) {
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
    case .replace(let next):
        s.screens.append(next)
    }
    // The list is always at the bottom.
    if s.screens.isEmpty { s.screens = [BrowseScreen()] }
    if let forwarded = s.forward {
        s.forward = nil
        // To the screen under the one that handed it (or the new top, if that one closed).
        let i = outcome.closes ? s.screens.count - 1 : s.screens.count - 2
        if i >= 0 {
            var below = s.screens[i]
            _ = below.handle(forwarded, &s)
            s.screens[i] = below
        }
    }
}

/// The actions every screen shares: help, and the results' query, filters and sort from every
/// screen that shows results.
func shared(_ s: inout AppState, _ action: Action, from screen: any Screen) {
    switch action {
    case .help:
        s.screens.append(HelpScreen())
    case .searchStart where screen.showsResults:
        s.screens.append(SearchLineScreen(query: s))
    case .filters where screen.showsResults:
        s.screens.append(FilterScreen(app: s))
    case .clearFilters where screen.showsResults:
        let cleared = QueryText.clearingFilters(s.query)
        if cleared != s.query { s.setQuery(cleared) }
        s.message = "filters cleared"
    case .toggleSort where screen.showsResults:
        s.toggleSort()
    default:
        break
    }
}

extension Outcome {
    var closes: Bool {
        switch self {
        case .close, .replace: return true
        default: return false
        }
    }
}
