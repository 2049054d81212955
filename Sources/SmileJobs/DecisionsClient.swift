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
    /// four times a second.
    func hasChanged() -> Bool

    /// Says this desk is on a job until a time (renewed by calling again); the desk's other
    /// claims end. Claims are advisory: they warn, they never stop a mark.
    func claim(jobID: String, who: String, desk: String, until: Timestamp) throws

    /// Ends every claim of a desk (its detail closed, or it quit).
    func releaseClaims(desk: String) throws

    /// Every claim not yet expired at `now`, by any desk.
    func claims(now: Timestamp) throws -> [Claim]

    /// Whether the store is reachable: local stores always are.
    var link: DecisionsLink { get }

    /// Everything the store holds, read in one transaction.
    func archive() throws -> DecisionsArchive

    /// Adds what an archive has and this store lacks (`DecisionsArchive.plan(into:)`), in
    /// one transaction; returns what was added.
    func restore(_ archive: DecisionsArchive) throws -> ArchivePlan
}

/// A desk's claim on a job: "bo is on this job", until it expires or is released.
public struct Claim: Sendable, Hashable {
    public var jobID: String
    /// Who is at the desk (`$USER`).
    public var who: String
    /// One running dashboard: `user@host:pid`, so two windows of one person are two desks.
    public var desk: String
    public var until: Timestamp

    public init(jobID: String, who: String, desk: String, until: Timestamp) {
        self.jobID = jobID
        self.who = who
        self.desk = desk
        self.until = until
    }

    /// How long a claim lasts unless renewed, and how often an open job renews it.
    public static let lifetimeMilliseconds: Int64 = 180_000
    public static let renewEveryMilliseconds: Int64 = 60_000
}

/// How a decisions store is reached: on this machine, or over a network that can drop.
public enum DecisionsLink: Sendable, Equatable {
    case local
    case online(location: String)
    /// Cut off: marks are refused (never queued) until the client reconnects by itself.
    case offline(location: String, reason: String)

    public var isOffline: Bool {
        if case .offline = self { return true }
        return false
    }
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

/// Everything a store holds, for moving a team from one store to another
/// (`decisions copy`): the whole trail, the moved keys, the current decisions.
public struct DecisionsArchive: Sendable, Equatable {
    /// Oldest first.
    public var trail: [AuditEntry]
    public var aliases: [KeyAlias]
    public var decisions: [Decision]

    public init(trail: [AuditEntry] = [], aliases: [KeyAlias] = [], decisions: [Decision] = []) {
        self.trail = trail
        self.aliases = aliases
        self.decisions = decisions
    }

    /// What copying this archive into `target` adds, so that copying twice adds nothing: an
    /// entry already there (the same job, states, note, who and time) is not added again; a
    /// decision replaces the target's only when it is newer; aliases the target lacks.
    public func plan(into target: DecisionsArchive) -> ArchivePlan {
        var present: [AuditEntry.Identity: Int] = [:]
        for entry in target.trail { present[entry.identity, default: 0] += 1 }
        var plan = ArchivePlan()
        for entry in trail {
            if let count = present[entry.identity], count > 0 {
                present[entry.identity] = count - 1
                plan.alreadyThere += 1
            } else {
                plan.entries.append(entry)
            }
        }
        let targetAliases = Set(target.aliases.map(\.old))
        plan.aliases = aliases.filter { !targetAliases.contains($0.old) }
        let targetDecisions = Dictionary(target.decisions.map { ($0.jobID, $0) }, uniquingKeysWith: { $1 })
        plan.decisions = decisions.filter { decision in
            guard let existing = targetDecisions[decision.jobID] else { return true }
            return decision.at > existing.at
        }
        return plan
    }
}

/// What `DecisionsArchive.plan(into:)` found to add.
public struct ArchivePlan: Sendable, Equatable {
    /// Entries to append, oldest first (the target gives them its own sequences).
    public var entries: [AuditEntry] = []
    public var aliases: [KeyAlias] = []
    /// Decisions to set; each takes the sequence of its job's newest entry in the target.
    public var decisions: [Decision] = []
    /// Entries the target had already (a copy run before).
    public var alreadyThere = 0

    public init() {}
}

/// An old job key and the key it moved to (`PositionKeys`).
public struct KeyAlias: Sendable, Hashable {
    public var old: String
    public var new: String

    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }
}

extension AuditEntry {
    /// What makes two entries the same change, in any store (sequences are each store's own).
    public struct Identity: Hashable, Sendable {
        var jobID: String
        var state: DecisionState
        var note: String
        var who: String
        var at: Timestamp
        var previousState: DecisionState?
    }

    public var identity: Identity {
        Identity(jobID: jobID, state: state, note: note, who: who, at: at, previousState: previousState)
    }
}
