import SmileJobs

/// Every loaded job's chase reasons (`ChaseReasons`), worked out in one pass over the
/// store: stuck jobs, callbacks that never arrived, partner job ids on several Smile jobs,
/// complete jobs with no result.
///
/// "Stuck" is measured against the newest time among the loaded records, not the clock:
/// a day of logs read a week later still says which jobs were stuck that day.
public struct ChaseIndex: Sendable, Equatable {
    private let reasons: [UInt8]
    public let count: Int
    /// The newest record time loaded (milliseconds), the "now" stuck jobs are measured from.
    public let asOf: Int64?
    public let stuckAfterHours: Double
    /// Partner job id → the jobs carrying it, for those on more than one.
    public let duplicateGroups: [String: [Int32]]

    public static let defaultStuckAfterHours = 2.0

    public init(store: JobStore, stuckAfterHours: Double = ChaseIndex.defaultStuckAfterHours) {
        self.stuckAfterHours = stuckAfterHours
        var reasons = [UInt8](repeating: 0, count: store.jobCount)
        var newest = Int64.min
        var hasCallbacks = false
        var hasPolls = false
        for index in 0..<store.recordCount {
            let record = store.records[index]
            if record.time != PackedRecord.noTime, record.time > newest { newest = record.time }
            let kind = JobRecord.Kind(rawValue: record.kind)
            if record.part == 0 && kind == .result { hasCallbacks = true }
            if record.part == 1 || kind == .status || kind == .stated { hasPolls = true }
        }
        asOf = newest == Int64.min ? nil : newest
        let limit = Int64(stuckAfterHours * 3_600_000)
        // Jobs keyed by a Smile job id with a partner job id, and its hash, for `duplicates`.
        var hashed: [(hash: UInt64, job: Int32)] = []
        let pending = Category.pending
        for job in 0..<store.jobCount {
            var found: ChaseReasons = []
            let packed = store.jobs[job]
            let category = store.category(job)
            if category == pending, packed.current >= 0, let asOf {
                var latest = PackedRecord.noTime
                for index in RecordIndices(packed, more: store.more) { latest = max(latest, store.records[Int(index)].time) }
                if latest != PackedRecord.noTime, asOf - latest > limit { found.insert(.stuck) }
            }
            // A job still running has not sent its callback yet: only a finished one is owed it.
            if hasCallbacks && hasPolls && category != pending {
                var polled = false
                var called = false
                for index in RecordIndices(packed, more: store.more) {
                    let record = store.records[Int(index)]
                    let kind = record.kind
                    if record.part == 0 && kind == JobRecord.Kind.result.rawValue { called = true }
                    if record.part == 1 || kind == JobRecord.Kind.status.rawValue || kind == JobRecord.Kind.stated.rawValue {
                        polled = true
                    }
                }
                if polled && !called { found.insert(.noCallback) }
            }
            if packed.current >= 0 {
                let current = store.records[Int(packed.current)]
                if current.jobComplete == true, current.resultCode == 0 {
                    var anyCode = false
                    for index in RecordIndices(packed, more: store.more) where store.records[Int(index)].resultCode != 0 { anyCode = true }
                    if !anyCode { found.insert(.noResult) }
                }
            }
            // Jobs keyed by a Smile job id: one partner job id on two of them is two submissions.
            if packed.keyKind == 1 {
                let ref = store.firstText(job) { $0.partnerJobID }
                if !ref.isNone {
                    hashed.append((store.arena.withBytes(ref, hashBytes), Int32(job)))
                }
            }
            reasons[job] = found.rawValue
        }
        let groups = ChaseIndex.duplicates(hashed, store: store)
        for same in groups.values { for job in same { reasons[Int(job)] |= ChaseReasons.duplicate.rawValue } }
        duplicateGroups = groups
        self.reasons = reasons
        self.count = reasons.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }

    /// Partner job ids on more than one job, found by their bytes in one pass (no String, no
    /// array per job): the first job with each id is in an index made at its full size; a
    /// later one joins its group. Each job's slot is fetched eight jobs ahead: a slot of a
    /// 16 MB index is a miss to memory. Measured at 833,820 jobs: 101 ms when hashes were
    /// sorted with a closure and compared by value, 92 ms in one pass, 62 ms with the index
    /// made at full size and fetched ahead.
    private static func duplicates(_ hashed: [(hash: UInt64, job: Int32)], store: JobStore) -> [String: [Int32]] {
        var firstWithID = ByteKeyIndex(capacity: hashed.count)
        var laterWithID: [Int32: [Int32]] = [:]
        let lookahead = 8
        for (position, entry) in hashed.enumerated() {
            if position + lookahead < hashed.count { firstWithID.prefetch(hash: hashed[position + lookahead].hash) }
            store.arena.withBytes(store.firstText(Int(entry.job)) { $0.partnerJobID }) { bytes in
                let first = firstWithID.find(hash: entry.hash) { candidate in
                    store.arena.withBytes(store.firstText(Int(candidate)) { $0.partnerJobID }) { memcmpEqual($0, bytes) }
                }
                if let first {
                    laterWithID[first, default: []].append(entry.job)
                } else {
                    firstWithID.insert(hash: entry.hash, value: entry.job)
                }
            }
        }
        var groups: [String: [Int32]] = [:]
        for (first, later) in laterWithID {
            guard let partner = store.partnerJobID(Int(first)) else { continue }
            groups[partner] = [first] + later
        }
        return groups
    }

    public static let empty = ChaseIndex()

    private init() {
        reasons = []
        count = 0
        asOf = nil
        stuckAfterHours = ChaseIndex.defaultStuckAfterHours
        duplicateGroups = [:]
    }

    @inline(__always)
    package func needsChase(_ job: Int) -> Bool { job < reasons.count && reasons[job] != 0 }

    @inline(__always)
    public func reasons(_ job: Int) -> ChaseReasons { job < reasons.count ? ChaseReasons(rawValue: reasons[job]) : [] }

    /// How many of these jobs need chasing, in one tight pass (the status bar asks on
    /// every change of the list). `jobs` are distinct: all of them is `count`, no pass.
    public func count(among jobs: [Int32]) -> Int {
        guard count > 0 else { return 0 }
        if jobs.count == reasons.count { return count }
        return reasons.withUnsafeBufferPointer { reasons in
            var total = 0
            for job in jobs where Int(job) < reasons.count && reasons[Int(job)] != 0 { total += 1 }
            return total
        }
    }

    /// Jobs with this reason.
    public func count(of reason: ChaseReasons) -> Int {
        reasons.reduce(0) { $0 + ($1 & reason.rawValue != 0 ? 1 : 0) }
    }

    /// The reasons in words, one line each, for the detail and `jobs`.
    public func explanations(job: Int, store: JobStore) -> [String] {
        let found = reasons(job)
        var lines: [String] = []
        if found.contains(.stuck) {
            let latest = store.recordIndices(job).map { store.records[Int($0)].time }.max() ?? 0
            let hours = Double((asOf ?? latest) - latest) / 3_600_000
            lines.append(
                "stuck: still pending \(ChaseIndex.hours(hours)) after its last record (more than \(ChaseIndex.hours(stuckAfterHours)), measured to the newest record loaded)"
            )
        }
        if found.contains(.noCallback) {
            lines.append("callback never arrived: a status response is loaded, callbacks are loaded, none for this job")
        }
        if found.contains(.duplicate), let partner = store.partnerJobID(job), let group = duplicateGroups[partner] {
            let others = group.filter { Int($0) != job }.prefix(5).map { store.jobKey(Int($0)) }
            lines.append(
                "partner job id \(partner) is also on Smile job \(others.joined(separator: ", ")): a retry or a duplicate submission")
        }
        if found.contains(.noResult) { lines.append("Smile ID says the job is complete, but no result came with it") }
        return lines
    }

    static func hours(_ value: Double) -> String {
        if value < 1 { return "\(Int((value * 60).rounded())) min" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) h" : "\(rounded) h"
    }
}
