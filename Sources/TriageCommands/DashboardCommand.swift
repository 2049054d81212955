import ArgumentParser
import Foundation
import JobSources
import SmileJobs
import TriageScreen
import TriageTerminal
import TriageViewModel

extension Theme.Name: ExpressibleByArgument {}

/// `smile-triage [PATH...]`: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default command: `smile-triage PATH...`).",
        discussion: """
            Exit statuses: 0 quit; 64 bad usage, or no terminal to draw on; 129, 130, 143 ended by \
            SIGHUP, SIGINT, SIGTERM (the terminal is restored first).
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "dark, light or mono (default: the config file's, else dark).")
    var theme: Theme.Name?

    @Flag(name: .long, help: "No colour (NO_COLOR in the environment does the same).")
    var noColor = false

    @Flag(name: .long, help: "Start with personal data masked (p toggles it).")
    var redact = false

    @Option(name: .long, help: "A config file other than $XDG_CONFIG_HOME/smile-triage/config.")
    var config: String?

    func run() throws {
        if let reason = Terminal.unavailableReason() {
            let paths = input.paths.isEmpty ? "PATH" : input.paths.joined(separator: " ")
            Output.error("smile-triage: \(reason); for a report, try `smile-triage summary \(paths)`")
            throw ExitCode(ExitStatus.usage)
        }
        let settings: Config
        do {
            settings = try Config.load(path: config)
        } catch {
            Output.error("smile-triage: config \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        let (loaded, store) = JobLoader().load(paths: try input.resolvedPaths())

        var options = TerminalOptions()
        options.theme = theme ?? settings.theme ?? .dark
        let noColorEnvironment = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        options.color = !(noColor || noColorEnvironment)
        options.mouse = settings.mouse
        options.osc52 = settings.osc52
        let terminal: Terminal
        do {
            terminal = try Terminal(options: options)
        } catch let unavailable as TerminalUnavailable {
            Output.error("smile-triage: \(unavailable.reason)")
            throw ExitCode(ExitStatus.usage)
        }

        let state = AppState(loaded: loaded, title: input.title, viewport: terminal.size, keymap: settings.keymap,
                             redacted: redact || settings.redact)
        let session = Session(state: state, store: store)
        // Tests prove a crash gives the terminal back: this traps after the first frame.
        let trapForTests = ProcessInfo.processInfo.environment["SMILE_TRIAGE_TEST_TRAP"] == "1"
        session.copier = { text, label in
            terminal.copyToClipboard(text) ? .copied(label: label) : .showText(label: label, text: text)
        }
        let status = TerminalApp.run(terminal, draw: { size in
            Renderer.render(session.state, size: size)
        }, handle: { event in
            let before = session.state
            switch event {
            case .key(let key): session.dispatch(.key(key))
            case .resize(let size): session.dispatch(.resize(size))
            case .click(_, let row): session.dispatch(.click(row: row))
            case .wheel(let rows): session.dispatch(.wheel(rows))
            case .tick:
                if trapForTests { fatalError("SMILE_TRIAGE_TEST_TRAP: a deliberate trap, to test that the terminal is restored") }
                return .keepGoing(repaint: false)
            }
            if session.state.quitting { return .quit(status: 0) }
            return .keepGoing(repaint: session.state != before)
        })
        if status != 0 { throw ExitCode(status) }
    }
}
