import Corpus
import TerminalCore

/// Maps a terminal event to an action of the top screen's context.
public func action(for event: Event, state: AppState) -> Action? {
    switch event {
    case .key(let key):
        return state.keymap.action(for: key, in: state.context)
    case .mouse(let m):
        guard state.mouse else { return nil }
        switch m {
        case .click(let x, let y): return .click(x: x, y: y)
        case .wheelUp(let x, let y): return .wheelUp(x: x, y: y)
        case .wheelDown(let x, let y): return .wheelDown(x: x, y: y)
        }
    case .resize(let w, let h):
        return .resize(width: w, height: h)
    case .tick, .interrupt:
        return nil
    }
}

/// The reader's loop: draw the difference from the last frame, wait for an event, update.
/// `poll` is called on every tick (and before every frame) and may return actions from outside
/// the terminal, such as loading progress. Returns when the user quits or a signal arrives.
public func runReader(backend: TerminalBackend, state: inout AppState, theme: Theme,
                      poll: () -> [Action] = { [] }, firstFrame: () -> Void = {},
                      onSave: (AppState) -> Void = { _ in }) {
    var previous: Buffer? = nil
    var drawn = false
    let size = backend.size
    update(&state, .resize(width: size.width, height: size.height))
    while true {
        // What the loading thread hands over; a failure to load ends the reader (its error is
        // printed once the terminal is back), without saving a session of no articles.
        for a in poll() {
            if a == .quit { return }
            update(&state, a)
        }
        state.receiveSearch()
        let frame = render(state, theme: theme)
        backend.draw(frame.diff(from: previous))
        previous = frame
        if !drawn {
            drawn = true
            firstFrame()
        }
        let busy = state.pendingWork
        // A search running: its answer is looked for every 10 ms.
        let event = backend.nextEvent(timeout: busy ? 0 : state.searching ? 0.01 : state.loading != nil ? 0.05 : 0.5)
        if event == .tick, busy {
            update(&state, .work)
            continue
        }
        if event == .interrupt {
            // A signal: still keep where the reader was.
            if update(&state, .hangUp).contains(.save) { onSave(state) }
            return
        }
        if case .resize = event { previous = nil; backend.invalidate() }
        guard let a = action(for: event, state: state) else { continue }
        let generation = state.searchGeneration
        var effects = update(&state, a)
        // Editors, shell commands and the clipboard: their answers go through `update` too.
        for case .run(let job) in effects {
            // What the key said ("exporting…") is on the screen while the job runs.
            let frame = render(state, theme: theme)
            backend.draw(frame.diff(from: previous))
            previous = frame
            for answer in ExternalRunner.perform(job, backend: backend, state: state) { effects += update(&state, answer) }
            previous = nil
            backend.invalidate()
        }
        // A search the key asked for: a quick answer is shown with the key's own frame, a slow
        // one later (the keys go on meanwhile).
        if state.searchGeneration != generation { state.receiveSearch(waiting: 0.012) }
        if effects.contains(.save) { onSave(state) }
        if effects.contains(.redraw) {
            previous = nil
            backend.invalidate()
        }
        if effects.contains(.quit) { return }
    }
}
