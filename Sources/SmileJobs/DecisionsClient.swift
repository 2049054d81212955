/// Where decisions are kept: SQLite on one machine (`DecisionStore`), memory (tests,
/// snapshots: `InMemoryDecisions`), and a shared server for a team. The dashboard's effect
/// runner and the commands speak to this, never to one of them; one contract test suite
/// holds every client to the same behaviour.
///
/// Every change is one transaction: it has committed (and, for a durable client, reached
/// the disk) before `mark` returns. Sequences increase with every change, across clients
/// sharing one store, and audit entries are only ever appended.
public protocol DecisionsClient: AnyObject, Sendable {
    /// False when decisions are shown but not changed (a read-only file, a role that may not mark).
    var canWrite: Bool { get }

    /// Decides about each job of the request (`DecisionRequest.applied`), in one transaction;
    /// returns what each job's decision now is.
    func mark(_ request: DecisionRequest, who: String, at: Timestamp) throws -> [Decision]

    /// Moves decisions from old keys to new ones (`PositionKeys`): the new key takes the old
    /// one's state and note unless it has a decision of its own; the old key's trail is found
    /// under the new key. Returns the decisions now under new keys.
    func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp) throws -> [Decision]

    /// Every current decision, oldest change first; with `since`, those decided at or after it.
    func decisions(since: Timestamp?) throws -> [Decision]

    /// Decisions changed after a sequence number (what others did since we looked), oldest first.
    func changes(after sequence: Int64) throws -> [Decision]

    func decision(for jobID: String) throws -> Decision?

    /// A job's trail (moved keys' included), oldest first.
    func audit(jobID: String) throws -> [AuditEntry]

    /// True when someone else has changed the store since the last call; cheap enough to ask
    /// twice a second.
    func hasChanged() -> Bool
}

extension DecisionRequest {
    /// The one rule for what a job's decision becomes: the request's state and note, each
    /// kept as it was where the request leaves it out; a job with no decision and no state
    /// given becomes `open`. Every client applies it to the decision it reads in the same
    /// transaction, so a note someone just wrote survives a change of state made here.
    public func applied(to existing: Decision?, jobID: String, who: String, at: Timestamp, sequence: Int64) -> Decision {
        Decision(
            jobID: jobID, state: state ?? existing?.state ?? .open, note: note ?? existing?.note ?? "",
            who: who, at: at, sequence: sequence)
    }
}
