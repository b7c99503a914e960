import ReaderUI
import Testing
import TerminalCore

/// Keys that act the same on every screen: Ctrl-C, Ctrl-L, Tab's focus in the status line.
@Suite struct GlobalKeysTests {
    @Test func ctrlCCancelsTheLineElseQuitsWith130() {
        var s = Fixture.state(80, 24)
        update(&s, .searchStart)
        update(&s, .input("a"))
        #expect(update(&s, .interrupt).isEmpty)
        #expect(s.input == nil)
        #expect(update(&s, .interrupt) == [.save, .quit])
        #expect(s.exitStatus == 130)
    }

    @Test func ctrlLRedraws() {
        var s = Fixture.state(80, 24)
        #expect(update(&s, .redraw) == [.redraw])
        let backend = TestBackend(width: 80, height: 24, events: [.key(.ctrl("l")), .key(.char("q"))])
        var t = Fixture.state(80, 24)
        runReader(backend: backend, state: &t, theme: .monochrome)
        #expect(backend.drawnCells >= 2 * 80 * 24, "the whole screen twice: at start and on Ctrl-L")
    }

    @Test func theStatusLineSaysWhereTheFocusIs() {
        var s = Fixture.state(120, 40)
        update(&s, .toggleFocus)
        #expect(render(s, theme: .monochrome).lines[39].contains("detail"))
    }
}
