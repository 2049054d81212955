import ArgumentParser
import SmileJobs
import TriageServerStore
import TriageStore

/// `smile-triage decisions copy --from A --to B`: every decision and the whole audit trail,
/// from one store to another (a team moving from a SQLite file to its server). Idempotent:
/// what the target already has is not added again, so a copy cut short is run again.
struct DecisionsCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every decision and the whole audit trail from one store to another.",
        discussion: """
            Each store is a SQLite file's path or postgres://USER@HOST:PORT/DB. The audit trail is \
            appended to the target (each entry once: one already there, with the same job, states, \
            note, who and time, is not added again); a decision replaces the target's only when it \
            is newer; moved keys come along. Everything is added in one transaction. Running it \
            again adds nothing. Exit statuses: 0 copied; 64 bad usage; 74 a store could not be \
            read or written.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The store to copy from (read only).", valueName: "path-or-url"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The store to copy into (made when it is a new file).", valueName: "path-or-url"))
    var to: String

    func validate() throws {
        for (name, text) in [("--from", from), ("--to", to)] {
            do { _ = try DecisionsLocation(text) } catch { throw ValidationError("\(name): \(error.description)") }
        }
        if try DecisionsLocation(from) == DecisionsLocation(to) { throw ValidationError("--from and --to are the same store") }
    }

    func run() throws {
        let source = try DecisionsLocation(from)
        let target = try DecisionsLocation(to)
        let reader = try DecisionCommands.open(source, readOnly: true)
        let writer = try DecisionCommands.open(target, readOnly: false)
        do {
            let archive = try reader.archive()
            let plan = try writer.restore(archive)
            Output.write(
                """
                Copied \(plan.entries.count) audit \(plan.entries.count == 1 ? "entry" : "entries") \
                (\(plan.alreadyThere) already there), \(plan.decisions.count) decision\(plan.decisions.count == 1 ? "" : "s") \
                and \(plan.aliases.count) moved key\(plan.aliases.count == 1 ? "" : "s") from \(SafeText.clean(source.description)) \
                to \(SafeText.clean(target.description)).

                """)
        } catch {
            Output.error("smile-triage: not copied: \((error as? DecisionStoreError)?.description ?? String(describing: error))")
            throw ExitCode(ExitStatus.database)
        }
    }
}

/// `smile-triage decisions init --db URL`: makes (or brings up to date) the tables, as the
/// database's owner does once when a team sets up its queue; says whether this role may mark.
struct DecisionsInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or update the decisions tables (a team's server: run once as the database's owner).",
        discussion: """
            Migrations run once, under a lock, however many hosts start at the same moment. \
            On PostgreSQL the tables are in the schema smile_triage, and the group roles \
            smile_triage_app (marks) and smile_triage_reader (reads), where they exist, are \
            granted what they need: the app role is granted neither UPDATE nor DELETE on the \
            audit trail, which a trigger refuses to anyone. Exit statuses: 0 ready; 74 not.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let client = try DecisionCommands.open(database.location, readOnly: false)
        let store = SafeText.clean(database.location.description)
        Output.write("\(store): ready; this role \(client.canWrite ? "may mark" : "may only read").\n")
    }
}
