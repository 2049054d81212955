import ArgumentParser
import JobIndex
import JobSources
import SmileJobs
import TriageScreen
import TriageServerStore
import TriageStore
import TriageViewModel

/// `smile-triage snapshot PATH... --keys "..."`: a dashboard screen as plain text, for
/// tickets, docs and tests, with no terminal needed.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print a dashboard screen as plain text, after the given keys.",
        discussion: """
            Keys are words: a key name (Enter, Esc, Tab, Down, PgDn, Ctrl-F, Space) or text typed \
            character by character: --keys "/ada Enter j Enter" searches for ada and opens the second job.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "COLUMNSxROWS.")
    var size: String = "120x40"

    @Option(name: .long, help: "Keys to press first.")
    var keys: String = ""

    @Flag(name: .long, help: "Print the role of each cell (one letter each) under the text.")
    var roles = false

    @Flag(name: .long, help: "Mask personal data.")
    var redact = false

    @Flag(name: .long, help: "Plain ASCII (as in a non-UTF-8 locale).")
    var ascii = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show the decisions in this database, a file or postgres:// URL (read-only: a snapshot marks nothing).",
            valueName: "path-or-url"))
    var db: String?

    func validate() throws {
        guard let db else { return }
        do { _ = try DecisionsLocation(db) } catch { throw ValidationError("--db: \(error.description)") }
    }

    func run() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else {
            throw ValidationError("--size takes COLUMNSxROWS, e.g. 80x24")
        }
        let viewport = Size(columns: parts[0], rows: parts[1])
        let (loaded, store) = try input.load()
        let opening = try db.map { DecisionsOpening.open(try DecisionsLocation($0), readOnly: true) }
        let session = Session.runner(
            state: AppState(loaded: loaded, title: input.title, viewport: viewport, redacted: redact),
            store: store, opening: opening)
        if let opening { Session.loadDecisions(session, from: opening, readOnlyBecause: "a snapshot marks nothing") }
        for key in KeyScript.parse(keys) {
            session.dispatch(.key(key))
            if session.state.quitting { break }
        }
        var grid = Renderer.render(session.state)
        if ascii { grid = grid.asciiFolded() }
        Output.write(grid.text + "\n")
        if roles { Output.write(grid.roles + "\n") }
    }
}
