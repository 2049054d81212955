import ArgumentParser
import Foundation
import SmileJobs
import TriageServerStore
import TriageStore

/// `--db PATH|URL`: where triage decisions are kept; `SMILE_TRIAGE_DB` when not given.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The decisions database: a SQLite file, or postgres://USER@HOST:PORT/DB for a team (else $SMILE_TRIAGE_DB).",
            valueName: "path-or-url"))
    var db: String?

    /// What was given, else `$SMILE_TRIAGE_DB`, else `$XDG_STATE_HOME/smile-triage/decisions.sqlite`.
    var given: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SMILE_TRIAGE_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return DecisionStore.defaultPath()
    }

    /// Where decisions are; `validate` has made sure this reads.
    var location: DecisionsLocation { (try? DecisionsLocation(given)) ?? .file(given) }

    /// The SQLite path, for what only a file can be (the state folder beside it).
    var path: String {
        if case .file(let path) = location { return path }
        return DecisionStore.defaultPath()
    }

    /// Every current decision, when there is a database (reading never creates a file).
    func existingDecisions() throws -> [Decision] {
        if case .file(let path) = location, !FileManager.default.fileExists(atPath: path) { return [] }
        return try DecisionCommands.readAll(location) { try $0.decisions(since: nil) }
    }

    /// A URL is never taken as a file name: `postgres:/…` once made a local SQLite file in a
    /// folder named `postgres:`, and two desks believed they shared a queue. A URL of another
    /// kind, or a postgres URL that does not read (a password in it), is bad usage.
    func validate() throws {
        do {
            _ = try DecisionsLocation(given)
        } catch {
            let source = db == nil ? "SMILE_TRIAGE_DB" : "--db"
            throw ValidationError("\(source): \(error.description)")
        }
    }
}
