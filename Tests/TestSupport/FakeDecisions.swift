import SmileJobs

/// Decisions kept in memory, the way the SQLite store keeps them (a sequence per change,
/// the state or note kept when not given), for view-model and screen tests.
public final class FakeDecisions {
    public private(set) var current: [String: Decision] = [:]
    public private(set) var trail: [AuditEntry] = []
    public var who: String
    /// Every change is one minute after the last, from this time.
    public var clock = Timestamp(millisecondsSince1970: 1_795_600_000_000)
    /// When set, every mark fails with this reason.
    public var failure: String?

    public init(who: String = "ada") {
        self.who = who
    }

    @discardableResult
    public func mark(_ request: DecisionRequest, who: String? = nil) -> [Decision] {
        request.jobIDs.map { jobID in
            let existing = current[jobID]
            clock = Timestamp(millisecondsSince1970: clock.millisecondsSince1970 + 60_000)
            let sequence = Int64(trail.count + 1)
            let decision = Decision(jobID: jobID, state: request.state ?? existing?.state ?? .open,
                                    note: request.note ?? existing?.note ?? "", who: who ?? self.who, at: clock, sequence: sequence)
            trail.append(AuditEntry(sequence: sequence, jobID: jobID, state: decision.state, note: decision.note, who: decision.who,
                                    at: clock, previousState: existing?.state))
            current[jobID] = decision
            return decision
        }
    }

    public func audit(_ jobID: String) -> [AuditEntry] { trail.filter { $0.jobID == jobID } }
}
