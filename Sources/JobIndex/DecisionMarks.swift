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
        var keys = Interner()
        // The book's keys are distinct, so each is interned with the next id: 1, 2, 3…
        var stateOfID: [UInt8] = [0]
        for (jobID, decision) in book.byJob {
            var copy = jobID
            _ = copy.withUTF8 { keys.intern($0) }
            stateOfID.append(decision.state.code)
        }
        var codes = [UInt8](repeating: 0, count: table.count)
        let store = table.store
        for job in 0..<table.count {
            if let id = store.withJobKeyBytes(job, { keys.lookup($0) }) { codes[job] = stateOfID[Int(id)] }
        }
        self.codes = codes
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
