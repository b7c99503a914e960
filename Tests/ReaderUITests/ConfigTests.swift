import ReaderConfig
import ReaderUI
import TerminalCore
import Testing

/// The config file: keys rebound by action name per screen, colours per role, theme, layout and
/// sort; what is bad is named with its line and left at its default.
@Suite struct ConfigTests {
    @Test func theDefaultFileParsesBackToTheDefaults() {
        let c = ReaderConfig.parse(ReaderConfig.defaultText)
        #expect(c.problems.isEmpty, "\(c.problems)")
        #expect(c.layout == Layout() && c.sort == .relevance && !c.monochrome)
        for context in Context.allCases {
            for info in ActionTable.rows(context) {
                #expect(c.keymap.names(of: info.action, in: context) == Keymap().names(of: info.action, in: context), "\(context) \(info.name)")
            }
        }
        // Every action of the table is in it, by name.
        for info in ActionTable.all { #expect(ReaderConfig.defaultText.contains("\n\(info.name) = ")) }
    }

    @Test func keysColoursLayoutAndSortApply() {
        let text = """
        theme = "monochrome"
        [layout]
        list-width = 70
        detail = false
        sort = "date"
        [keys]
        show-help = ["F2"]
        [keys.pager]
        next-article = ["L", "Ctrl-N"]
        [colors]
        selection = { fg = "white", bg = "blue", bold = true }
        """
        let c = ReaderConfig.parse(text)
        #expect(c.problems.isEmpty, "\(c.problems)")
        #expect(c.monochrome && c.layout == Layout(listPercent: 70, showDetail: false) && c.sort == .date)
        #expect(c.keymap.action(for: .function(2), in: .list) == .help)
        #expect(c.keymap.action(for: .char("?"), in: .list) == nil)
        #expect(c.keymap.action(for: .ctrl("n"), in: .pager) == .nextArticle)
        // Monochrome: the colours give way, the attributes stay.
        #expect(c.theme(color: true).style(.selection) == Style(bold: true))
        var colour = c
        colour.monochrome = false
        #expect(colour.theme(color: true).style(.selection) == Style(fg: .white, bg: .blue, bold: true))
    }

    @Test func whatIsBadIsNamedWithItsLineAndTheRestApplies() {
        let text = """
        # comment
        theme = "sepia"
        [layout]
        list-width = 95
        sort = "date"
        [keys.pager]
        next-article = "J"
        warp = "w"
        [keys.nowhere]
        x = "y"
        [keys.list]
        quit = "Ctrl-"
        [colors]
        selection = { fg = "mauve" }
        sparkles = { bold = true }
        """
        let c = ReaderConfig.parse(text, name: "config.toml")
        #expect(c.problems.count == 7, "\(c.problems)")
        #expect(c.problems.contains { $0.hasPrefix("config.toml:2: theme takes") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:4: list-width takes a percent from 20 to 80") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:8: no action 'warp' in [keys.pager] (accepted:") && $0.contains("next-article") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:9: unknown screen [keys.nowhere]") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:12: 'Ctrl-' is not a key") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:14: selection.fg takes a colour (accepted: default, black") })
        #expect(c.problems.contains { $0.hasPrefix("config.toml:15: unknown colour role 'sparkles'") })
        #expect(c.problems.allSatisfy { !$0.contains("\n") })
        // The good lines still apply; the bad ones keep their defaults.
        #expect(c.sort == .date && c.layout.listPercent == Layout().listPercent && !c.monochrome)
        #expect(c.keymap.action(for: .char("J"), in: .pager) == .nextArticle)
        #expect(c.keymap.action(for: .char("q"), in: .list) == .quit)
    }

    @Test func aKeyTakenFromAnotherActionIsSaidAndTheRebindingWins() {
        let c = ReaderConfig.parse("[keys.list]\r\nquit = [\"j\"]\r\nopen = [\"o\", 1]\r\n", name: "config.toml")
        #expect(c.problems == [
            "config.toml:2: j is also down's key (global); in [keys.list] it now means quit",
            "config.toml:3: open takes a key or a list of keys, e.g. \"J\" or [\"J\", \"Ctrl-N\"]",
        ], "\(c.problems)")
        #expect(c.keymap.action(for: .char("j"), in: .list) == .quit)
        #expect(c.keymap.action(for: .enter, in: .list) == .open, "a bad list leaves the default")
    }

    @Test func aFileThatIsNotTomlSaysWhereAndUsesTheDefaults() {
        let c = ReaderConfig.parse("[layout]\nlist-width = = 3\n", name: "config.toml")
        #expect(c.problems.count == 1)
        #expect(c.problems[0].hasPrefix("config.toml:2: not TOML"))
        #expect(c.layout == Layout())
    }

    @Test func keyNamesRoundTrip() {
        for info in ActionTable.all {
            for key in info.keys {
                #expect(KeyName.parse(KeyName.configName(key)) == key, "\(key)")
                #expect(KeyName.parse(KeyName.name(key)) == key, "\(key)")
            }
        }
        #expect(KeyName.parse("C-d") == .ctrl("d") && KeyName.parse("^D") == .ctrl("d"))
        #expect(KeyName.parse("") == nil && KeyName.parse("Ctrl-") == nil && KeyName.parse("F13") == nil)
    }
}
