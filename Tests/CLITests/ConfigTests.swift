import Testing

@testable import TriageCommands
@testable import TriageTerminal
@testable import TriageViewModel

@Suite("Config file")
struct ConfigTests {
    @Test func readsEverySetting() throws {
        let config = try Config.parse(
            """
            # a comment
            theme = light
            mouse = on      # trailing comment
            clipboard = show
            redact = yes
            key.search = s /
            key.sort-by-code = %
            search.background_from_jobs = 500000
            """, path: "c")
        #expect(config.theme == .light)
        #expect(config.mouse)
        #expect(!config.osc52)
        #expect(config.redact)
        #expect(config.keymap.command(for: .character("s"), on: .jobList) == .search)
        #expect(config.keymap.command(for: .character("%"), on: .jobList) == .sortBy(.code))
        #expect(config.keymap.command(for: .character("5"), on: .jobList) == nil)
        #expect(config.backgroundSearchFrom == 500_000)
        #expect(try Config.parse("search.background_from_jobs = 0", path: "c").backgroundSearchFrom == 0)
        #expect(Config().backgroundSearchFrom == nil)
    }

    @Test(arguments: [
        ("theme = neon", "c:1: unknown theme \"neon\": dark, light or mono"),
        ("\n\nmouse = maybe", "c:3: mouse takes on or off, not \"maybe\""),
        (
            "colour = red",
            "c:1: unknown setting \"colour\": theme, mouse, clipboard, redact, tz, columns.hide, columns.result_extra, chase.stuck_after_hours, search.background_from_jobs, key.COMMAND"
        ),
        ("key.fly = x", "c:1: unknown command \"fly\"; commands are "),
        ("key.search = Hyper-X", "c:1: unknown key \"Hyper-X\": a character, Enter, Esc, Tab, Up, PgDn, Ctrl-F…"),
        ("just words", "c:1: expected `name = value`, found \"just words\""),
        ("search.background_from_jobs = lots", "c:1: search.background_from_jobs takes a number of jobs, 0 or more, not \"lots\""),
        ("search.background_from_jobs = -1", "c:1: search.background_from_jobs takes a number of jobs, 0 or more, not \"-1\""),
    ])
    func namesTheLineOfEachMistake(text: String, message: String) {
        do {
            _ = try Config.parse(text, path: "c")
            Issue.record("expected a failure for \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func aMissingDefaultFileIsNoErrorButAMissingNamedOneIs() throws {
        #expect(try Config.load(path: nil, environment: ["XDG_CONFIG_HOME": "/no/such/place"]) == Config())
        #expect(throws: Config.Failure.self) { try Config.load(path: "/no/such/config") }
        #expect(Config.defaultPath(environment: ["HOME": "/home/ops"]) == "/home/ops/.config/smile-triage/config")
        #expect(Config.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/smile-triage/config")
    }

    @Test func everyBindableCommandHasARoundTrippingName() {
        for command in Command.bindable {
            #expect(Command(configName: command.configName) == command, "\(command.configName)")
        }
        #expect(Command.nextAttention.configName == "next-attention")
        #expect(Command.sortBy(.secure).configName == "sort-by-secure")
    }

    /// Users' config files name commands: these names are a promise, written down here so
    /// a rename of a command in the code cannot change one unnoticed.
    @Test func configNamesStayAsPublished() {
        #expect(
            Command.bindable.map(\.configName) == [
                "move-up", "move-down", "page-up", "page-down", "top", "bottom", "open", "back", "quit", "help", "search", "filter",
                "clear-filters", "next-sort-column", "reverse-sort", "next-attention", "previous-attention", "next-job", "previous-job",
                "frequency", "next-dimension", "previous-dimension", "problems", "catalogue", "explain-code", "smile-secure",
                "suspect-list", "rings", "toggle-redaction", "copy-job-id", "copy-user-id", "copy-explanation", "jump-to-newest",
                "ring-order", "mark-cleared", "mark-escalated", "mark-rerun", "mark-open", "mark-menu", "edit-note", "mark-all",
                "confirm-yes", "select-range", "export-list", "toggle-untriaged", "user-jobs", "command-line", "toggle-time-zone", "undo",
                "next-match", "previous-match", "widen-result", "narrow-result", "toggle-folds", "sort-by-time", "sort-by-job",
                "sort-by-user",
                "sort-by-product", "sort-by-code", "sort-by-category", "sort-by-secure", "sort-by-text",
            ])
        #expect(Set(Command.bindable.map(\.configName)).count == Command.bindable.count)
        // The first version's names for the copy commands still read.
        #expect(Command(configName: "copy-job-i-d") == .copyJobID)
        #expect(Command(configName: "COPY-USER-ID") == .copyUserID)
    }
}

@Suite("Terminal layer")
struct TerminalLayerTests {
    @Test func decodesKeys() {
        #expect(KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(6) == .control("f"))
        #expect(KeyDecoder.character(0x61) == .character("a"))
        #expect(KeyDecoder.character(0x00E9) == .character("é"))
        #expect(KeyDecoder.character(0) == nil)
    }

    @Test func everyRoleHasAStyleInEveryTheme() {
        for name in Theme.Name.allCases where name != .mono {
            let theme = Theme(name)
            for role in StyleRole.allCases {
                let style = theme.style(role)
                #expect(style != RoleStyle() || role == .normal, "\(name) has no style for \(role)")
            }
        }
    }

    @Test func monoCarriesNoColour() {
        let theme = Theme(.mono)
        for role in StyleRole.allCases {
            #expect(theme.style(role).foreground256 == nil && theme.style(role).foreground8 == nil)
        }
    }
}
