import TerminalCore
import Corpus
import SearchIndex
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

extension HelpTests {
    @Test func hintsAndHelpFollowTheKeymap() {
        let keymap = Keymap(rebind: [.pager: ["next-article": [.char("N"), .ctrl("n")]], .list: ["quit": [.char("x")]]])
        var s = AppState(articles: Fixture.corpus.articles, origin: "built-in", width: 120, height: 40, keymap: keymap)
        update(&s, .resize(width: 120, height: 40))
        #expect(render(s, theme: .monochrome).lines[39].contains("x quit"))
        #expect(s.keymap.action(for: .char("x"), in: .list) == .quit)
        #expect(s.keymap.action(for: .char("q"), in: .list) == nil)
        update(&s, .open)
        #expect(render(s, theme: .monochrome).lines[39].contains("N next"))
        update(&s, .help)
        let help = HelpScreen.lines(s.keymap)
        #expect(help.contains { $0.keys == "N Ctrl-N" && $0.help.hasPrefix("next article") })
        #expect(help.contains { $0.keys == "x" && $0.help == "quit" })
    }

    @Test func everyHintNamesAKeyThatDoesWhatItSays() {
        // The hints are generated: each key in them maps to its action in that screen.
        let k = Keymap()
        for context in Context.allCases {
            let results: Set<Context> = [.list, .timeline, .filters]
            let hints = k.hints(context, including: results.contains(context) ? [.help, .searchStart, .filters, .toggleSort] : [.help])
            for piece in hints.components(separatedBy: "  ") where !piece.isEmpty {
                let keyName = String(piece.split(separator: " ")[0])
                let key = KeyName.parse(keyName == "Space" ? "Space" : keyName)
                #expect(key != nil, "\(context): \(piece)")
                if let key { #expect(k.action(for: key, in: context) != nil, "\(context): \(piece)") }
            }
        }
    }
}
