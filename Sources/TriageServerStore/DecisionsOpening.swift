import SmileJobs
import TriageStore

/// How the dashboard opens where decisions are kept: read-write when it can, else
/// read-only, else without decisions; never refusing to start over it.
public struct DecisionsOpening: Sendable {
    public var client: (any DecisionsClient)?
    /// Why marking is read-only or unavailable, when it is not by request.
    public var reason: String?

    public init(client: (any DecisionsClient)?, reason: String?) {
        self.client = client
        self.reason = reason
    }

    /// The SQLite store, when that is what opened.
    public var store: DecisionStore? { client as? DecisionStore }

    /// The line for the status bar as the dashboard opens.
    public var notice: String? {
        guard let reason else { return nil }
        return client == nil ? "Marking is off: \(reason)" : "Read-only: \(reason)"
    }

    public static func open(path: String, readOnly: Bool) -> DecisionsOpening {
        open(.file(path), readOnly: readOnly)
    }

    public static func open(_ location: DecisionsLocation, readOnly: Bool) -> DecisionsOpening {
        if readOnly {
            do {
                return DecisionsOpening(client: try location.open(readOnly: true), reason: nil)
            } catch {
                // Nothing decided yet is not a problem for a read-only look.
                if case .cannotOpen = error.kind { return DecisionsOpening(client: nil, reason: nil) }
                return DecisionsOpening(client: nil, reason: error.description)
            }
        }
        let writeError: DecisionStoreError
        do {
            let client = try location.open(readOnly: false)
            // A server role without write privileges opens read-only, saying why.
            if let server = client as? PostgresDecisions, let why = server.readOnlyReason {
                return DecisionsOpening(client: client, reason: why)
            }
            return DecisionsOpening(client: client, reason: nil)
        } catch {
            writeError = error
        }
        if case .file = location, let store = try? location.open(readOnly: true) {
            return DecisionsOpening(client: store, reason: writeError.description)
        }
        return DecisionsOpening(client: nil, reason: writeError.description)
    }
}
