/// Decisions made by smile-triage 0.1 on jobs that name no job were keyed by where the
/// job's first record was loaded (`record:SOURCE:LINE:OFFSET`): loaded in another order,
/// or alone, such a decision vanished or showed on another job. Jobs are now keyed by their
/// content (`content:…`); this finds which old keys belong to which loaded jobs.
///
/// An old key can only be matched in a load that puts the record where the old load did
/// (same source position, line and offset): so a match is taken only when exactly one
/// content-keyed job has that position. The rest are reported, never guessed.
public enum PositionKeys {
    public struct Move: Sendable, Hashable {
        public var old: String
        public var new: String

        public init(old: String, new: String) {
            self.old = old
            self.new = new
        }
    }

    public static func isPositionKey(_ key: String) -> Bool { key.hasPrefix("record:") }

    /// Which old keys move to which content keys, and which old keys match no loaded job.
    public static func plan(_ decisions: [Decision], in store: JobStore) -> (moves: [Move], unmatched: [String]) {
        let old = decisions.map(\.jobID).filter(isPositionKey)
        guard !old.isEmpty else { return ([], []) }
        var byPosition: [String: [String]] = [:]
        for job in 0..<store.jobCount where store.isKeyedByContent(job) {
            byPosition[store.legacyPositionKey(job), default: []].append(store.jobKey(job))
        }
        var moves: [Move] = []
        var unmatched: [String] = []
        for key in old {
            if let keys = byPosition[key], keys.count == 1 { moves.append(Move(old: key, new: keys[0])) } else { unmatched.append(key) }
        }
        return (moves, unmatched)
    }

    /// The decisions with matched old keys read as their jobs' content keys (for showing
    /// them without writing the database).
    public static func matched(_ decisions: [Decision], in store: JobStore) -> (decisions: [Decision], moves: [Move], unmatched: [String]) {
        let (moves, unmatched) = plan(decisions, in: store)
        guard !moves.isEmpty else { return (decisions, moves, unmatched) }
        let newKey = Dictionary(moves.map { ($0.old, $0.new) }, uniquingKeysWith: { first, _ in first })
        let taken = Set(decisions.map(\.jobID))
        let moved = decisions.map { decision -> Decision in
            guard let key = newKey[decision.jobID], !taken.contains(key) else { return decision }
            var copy = decision
            copy.jobID = key
            return copy
        }
        return (moved, moves, unmatched)
    }
}
