import SmileJobs

/// Each loaded job's decision state as one byte (0: none), so filters, counts and the list
/// read it without a dictionary lookup per job. Made by one pass over the jobs' keys
/// against the decided ones (a byte-keyed table: no String per job).
public struct DecisionMarks: Sendable, Equatable {
    /// By job index; empty when nothing is decided.
    public private(set) var codes: [UInt8] = []

    public init() {}

    public init(book: DecisionBook, table: JobTable) {
        guard !book.isEmpty, table.count > 0 else { return }
        codes = [UInt8](repeating: 0, count: table.count)
        update(Array(book.byJob.values), table: table)
    }

    /// Takes these decisions (each the newest of its job) into the marks: their jobs are
    /// found in the order by job id when it is made and they are few (a decision from
    /// another desk, a book of 10,000 at 8.3M jobs: binary searches), else by one pass
    /// over the jobs' keys against theirs (a byte-keyed table: no String per job).
    public mutating func update(_ decisions: [Decision], table: JobTable) {
        guard !decisions.isEmpty, table.count > 0 else { return }
        if codes.count < table.count { codes.append(contentsOf: repeatElement(0, count: table.count - codes.count)) }
        if let found = table.jobs(withKeys: decisions.map(\.jobID)) {
            for (key, job) in found { codes[Int(job)] = decisions[key].state.code }
            return
        }
        var keys = Interner()
        // Keys distinct, each is interned with the next id: 1, 2, 3… (a repeated one keeps
        // its first id, and the last decision given for it, as the book would).
        var stateOfID: [UInt8] = [0]
        for decision in decisions {
            var copy = decision.jobID
            let id = copy.withUTF8 { keys.intern($0) }
            if Int(id) < stateOfID.count { stateOfID[Int(id)] = decision.state.code } else { stateOfID.append(decision.state.code) }
        }
        let store = table.store
        codes.withUnsafeMutableBufferPointer { codes in
            for job in 0..<table.count {
                if let id = store.withJobKeyBytes(job, { keys.lookup($0) }) { codes[job] = stateOfID[Int(id)] }
            }
        }
    }

    public func state(_ job: Int) -> DecisionState? {
        job < codes.count ? DecisionState(code: codes[job]) : nil
    }

    /// Sets the state of a job whose index is known (a mark made here), without a pass.
    public mutating func set(_ state: DecisionState, job: Int, count: Int) {
        if codes.count < count { codes.append(contentsOf: repeatElement(0, count: count - codes.count)) }
        if job < count { codes[job] = state.code }
    }

    /// How many of these jobs are triaged (decided, and not back to open).
    public func triagedCount(_ jobs: [Int32]) -> Int {
        guard !codes.isEmpty else { return 0 }
        var count = 0
        let open = DecisionState.open.code
        for job in jobs {
            let code = codes[Int(job)]
            if code != 0 && code != open { count += 1 }
        }
        return count
    }
}

/// The decision filter's values: untriaged (no decision, or open) and each decided state.
public enum DecisionFilter: String, CaseIterable, Sendable, Hashable, Comparable {
    case untriaged, cleared, escalated, rerun

    public var label: String {
        switch self {
        case .untriaged: "untriaged"
        case .cleared: "cleared"
        case .escalated: "escalated"
        case .rerun: "re-run"
        }
    }

    /// The decision state it stands for (untriaged: open).
    public var state: DecisionState {
        switch self {
        case .untriaged: .open
        case .cleared: .cleared
        case .escalated: .escalated
        case .rerun: .rerun
        }
    }

    @inline(__always)
    package func matches(_ code: UInt8) -> Bool {
        switch self {
        case .untriaged: code == 0 || code == DecisionState.open.code
        case .cleared: code == DecisionState.cleared.code
        case .escalated: code == DecisionState.escalated.code
        case .rerun: code == DecisionState.rerun.code
        }
    }

    public static func < (lhs: DecisionFilter, rhs: DecisionFilter) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
