import ArgumentParser
import TriageStore

/// `--db PATH`: where triage decisions are kept.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The decisions database (a SQLite file).", valueName: "path"))
    var db: String?

    /// The path given, else `$XDG_STATE_HOME/smile-triage/decisions.sqlite`.
    var path: String { db ?? DecisionStore.defaultPath() }

    /// A URL is never taken as a file name: `postgres://ops@host/triage` made a local SQLite
    /// file in a folder named `postgres:`, and two desks believed they shared a queue.
    func validate() throws {
        guard let db, let scheme = DatabaseOptions.urlScheme(db) else { return }
        if ["postgres", "postgresql"].contains(scheme.lowercased()) {
            throw ValidationError(
                "--db \(scheme)://…: decisions are kept in a SQLite file here, not on a database server; give the file's path (a shared server queue is not supported yet)"
            )
        }
        throw ValidationError("--db \(scheme)://…: a URL, not a file path; give the SQLite file's path")
    }

    /// `postgres` for `postgres://…`; nil for a path.
    static func urlScheme(_ text: String) -> String? {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return String(scheme)
    }
}
