/// How the dashboard opens the decisions database: read-write when it can, else
/// read-only, else without decisions; never refusing to start over it.
public struct DecisionsOpening: Sendable {
    public var store: DecisionStore?
    /// Why the database is read-only or unavailable, when it is not by request.
    public var reason: String?

    public init(store: DecisionStore?, reason: String?) {
        self.store = store
        self.reason = reason
    }

    /// The line for the status bar as the dashboard opens.
    public var notice: String? {
        guard let reason else { return nil }
        return store == nil ? "Marking is off: \(reason)" : "Read-only: \(reason)"
    }

    public static func open(path: String, readOnly: Bool) -> DecisionsOpening {
        if readOnly {
            do {
                return DecisionsOpening(store: try DecisionStore(path: path, access: .readOnly), reason: nil)
            } catch {
                // Nothing decided yet is not a problem for a read-only look.
                if case .cannotOpen = error.kind { return DecisionsOpening(store: nil, reason: nil) }
                return DecisionsOpening(store: nil, reason: error.description)
            }
        }
        let writeError: DecisionStoreError
        do {
            return DecisionsOpening(store: try DecisionStore(path: path, access: .readWrite), reason: nil)
        } catch {
            writeError = error
        }
        if let store = try? DecisionStore(path: path, access: .readOnly) {
            return DecisionsOpening(store: store, reason: writeError.description)
        }
        return DecisionsOpening(store: nil, reason: writeError.description)
    }
}
