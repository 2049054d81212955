import SmileJobs

/// Finding which old position keys belong to which loaded jobs.
extension PositionKeys {
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
