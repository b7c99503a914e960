import ReaderUI
import Testing

/// The help screen.
@Suite struct HelpTests {
    @Test func helpScrollsToTheEndAndSaysThereIsMore() {
        var s = Fixture.state(80, 24)
        update(&s, .help)
        #expect(render(s, theme: .monochrome).text.contains("↓ more"))
        update(&s, .bottom)
        let screen = render(s, theme: .monochrome).text
        #expect(screen.contains("Mouse"))
        #expect(screen.contains("unread, starred"))
        #expect(screen.split(separator: "\n").last?.contains("q close") == true)
    }
}
