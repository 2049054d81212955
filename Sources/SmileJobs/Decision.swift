/// What a person decided about a job. `open` is an explicit "not decided yet" (a decision
/// taken back); a job with no decision at all is untriaged too.
public enum DecisionState: String, CaseIterable, Sendable, Hashable, Comparable {
    case open
    case cleared
    case escalated
    case rerun

    /// The word shown on screen and in reports.
    public var label: String {
        switch self {
        case .open: "open"
        case .cleared: "cleared"
        case .escalated: "escalated"
        case .rerun: "re-run"
        }
    }

    /// Three letters, for a narrow list.
    public var shortLabel: String {
        switch self {
        case .open: "opn"
        case .cleared: "clr"
        case .escalated: "ESC"
        case .rerun: "run"
        }
    }

    /// One character, for the narrowest list.
    public var glyph: String {
        switch self {
        case .open: "·"
        case .cleared: "✓"
        case .escalated: "!"
        case .rerun: "↻"
        }
    }

    /// A small number for a per-job column (0 is "no decision").
    public var code: UInt8 {
        switch self {
        case .open: 1
        case .cleared: 2
        case .escalated: 3
        case .rerun: 4
        }
    }

    public init?(code: UInt8) {
        guard let state = DecisionState.allCases.first(where: { $0.code == code }) else { return nil }
        self = state
    }

    /// Reads `cleared`, `escalated`, `rerun` (or `re-run`), `open`, in any case.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "re-run" {
            self = .rerun
            return
        }
        guard let state = DecisionState(rawValue: lowered) else { return nil }
        self = state
    }

    public static func < (lhs: DecisionState, rhs: DecisionState) -> Bool { lhs.code < rhs.code }
}

/// A job's current decision: the newest change wins.
public struct Decision: Sendable, Hashable {
    /// The job's key: its Smile job id (else `job_id:` and the partner's job id).
    public var jobID: String
    public var state: DecisionState
    public var note: String
    /// Who decided (`$USER`).
    public var who: String
    public var at: Timestamp
    /// The audit entry that made this decision: increases with every change, across processes.
    public var sequence: Int64

    public init(jobID: String, state: DecisionState, note: String = "", who: String, at: Timestamp, sequence: Int64 = 0) {
        self.jobID = jobID
        self.state = state
        self.note = note
        self.who = who
        self.at = at
        self.sequence = sequence
    }
}

/// One change in the audit trail, which is only ever appended to.
public struct AuditEntry: Sendable, Hashable {
    public var sequence: Int64
    public var jobID: String
    public var state: DecisionState
    public var note: String
    public var who: String
    public var at: Timestamp
    /// The decision this change replaced (nil for a job's first).
    public var previousState: DecisionState?

    public init(
        sequence: Int64, jobID: String, state: DecisionState, note: String, who: String, at: Timestamp,
        previousState: DecisionState?
    ) {
        self.sequence = sequence
        self.jobID = jobID
        self.state = state
        self.note = note
        self.who = who
        self.at = at
        self.previousState = previousState
    }
}

/// The decisions known to the dashboard, by job key.
public struct DecisionBook: Sendable, Equatable {
    public private(set) var byJob: [String: Decision] = [:]
    /// The newest change seen: changes after it are what another process wrote since.
    public private(set) var lastSequence: Int64 = 0

    public init(_ decisions: [Decision] = []) {
        apply(decisions)
    }

    public var isEmpty: Bool { byJob.isEmpty }
    public var count: Int { byJob.count }

    public subscript(jobID: String) -> Decision? { byJob[jobID] }

    /// Takes in newer decisions; an older one for the same job (by sequence) is ignored.
    public mutating func apply(_ decisions: [Decision]) {
        for decision in decisions {
            if let known = byJob[decision.jobID], known.sequence > decision.sequence, decision.sequence != 0 { continue }
            byJob[decision.jobID] = decision
            lastSequence = max(lastSequence, decision.sequence)
        }
    }
}

/// A request to decide about jobs: a state, a note, or both (nil leaves that part as it is;
/// a job with no decision yet and no state given becomes `open`).
public struct DecisionRequest: Sendable, Hashable {
    public var jobIDs: [String]
    public var state: DecisionState?
    public var note: String?

    public init(jobIDs: [String], state: DecisionState?, note: String? = nil) {
        self.jobIDs = jobIDs
        self.state = state
        self.note = note
    }
}
