import Foundation
import SmileJobs
import TriageStore

/// Where decisions are kept: a SQLite file on this machine, or a team's PostgreSQL server.
public enum DecisionsLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case server(PostgresLocation)

    /// A `postgres://` or `postgresql://` URL is a server; any other URL is an error (never
    /// a file name: `postgres:/…` once made a folder named `postgres:`); else a path.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresLocation.Invalid) {
        if PostgresLocation.isPostgresURL(text) {
            self = .server(try PostgresLocation(url: text, environment: environment))
        } else if let scheme = DecisionsLocation.urlScheme(text) {
            throw PostgresLocation.Invalid(
                description:
                    "\(scheme)://…: not a kind of database smile-triage keeps decisions in (a SQLite file's path, or postgres://USER@HOST:PORT/DB)"
            )
        } else {
            self = .file(text)
        }
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .server(let server): server.description
        }
    }

    /// `postgres` for `postgres://…`, `sqlite` for `sqlite:/…`; nil for a path.
    public static func urlScheme(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        let rest = text[text.index(after: colon)...]
        guard let first = scheme.first, first.isLetter, scheme.count >= 2,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
            rest.hasPrefix("/")
        else { return nil }
        return String(scheme)
    }

    /// Opens the client: read-write, or read-only when asked. `forCommand`: a server that
    /// drops is waited for, id by id (a command), not refused at once (the dashboard), and
    /// nothing listens for other desks.
    public func open(readOnly: Bool, forCommand: Bool = false) throws(DecisionStoreError) -> any DecisionsClient {
        switch self {
        case .file(let path): try DecisionStore(path: path, access: readOnly ? .readOnly : .readWrite)
        case .server(let server):
            try PostgresDecisions(
                location: server, access: readOnly ? .readOnly : .readWrite, listen: !forCommand, waitsForReconnect: forCommand)
        }
    }
}
