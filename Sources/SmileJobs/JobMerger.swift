/// Merges records into jobs: which records belong together is the JobStoreBuilder's rule;
/// here, how one job's records are ordered and which is current.
///
/// Within a job, records are ordered by time (a history item sorts before the response
/// that carried it) and then by the order they were read; the latest main result is
/// current, an identical record delivered twice is kept once.
public enum JobMerger {
    public static func merge(_ records: [JobRecord], catalogue: Catalogue = .standard) -> [Job] {
        let builder = JobStoreBuilder(catalogue: catalogue)
        for record in records { builder.append(record) }
        return Array(builder.snapshot().jobValues)
    }

    /// One job from its records in any order: sorted by time (a history item before the
    /// response that carried it, then reading order), an identical record kept once.
    static func makeJob(id: String, records: [JobRecord], catalogue: Catalogue) -> Job {
        var valueTime: [ValuePlace: Int64] = [:]
        for record in records {
            if let time = record.timestamp?.millisecondsSince1970 {
                let place = ValuePlace(record.origin)
                valueTime[place] = max(valueTime[place] ?? Int64.min, time)
            }
        }
        let ordered = records.indices.sorted { sortKey(records[$0], index: $0, valueTime: valueTime) < sortKey(records[$1], index: $1, valueTime: valueTime) }
            .map { records[$0] }
        return makeOrderedJob(id: id, records: ordered, catalogue: catalogue)
    }

    private static func makeOrderedJob(id: String, records ordered: [JobRecord], catalogue: Catalogue) -> Job {
        var mains: [JobRecord] = []
        var secures: [JobRecord] = []
        var duplicates: [RecordOrigin] = []
        var seen: Set<Fingerprint> = []
        // Newest first, so that of two copies the later (and fuller) one is kept.
        for record in ordered.reversed() {
            guard seen.insert(Fingerprint(record)).inserted else {
                duplicates.append(record.origin)
                continue
            }
            if record.kind != .smileSecure { mains.append(record) }
            if record.secure != nil { secures.append(record) }
        }
        mains.reverse()
        secures.reverse()
        duplicates.reverse()
        let current = mains.popLast()
        let secure = secures.popLast()
        return Job(id: id, current: current, earlier: mains, secureRecord: secure, earlierSecure: secures,
                   duplicates: duplicates, catalogue: catalogue)
    }

    private struct SortKey: Comparable {
        var time: Int64
        var partRank: Int
        var index: Int
        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.time, lhs.partRank, lhs.index) < (rhs.time, rhs.partRank, rhs.index)
        }
    }

    private static func sortKey(_ record: JobRecord, index: Int, valueTime: [ValuePlace: Int64]) -> SortKey {
        let time = record.timestamp?.millisecondsSince1970 ?? valueTime[ValuePlace(record.origin)] ?? Int64.min
        let rank: Int
        switch record.origin.part {
        case .history(let item): rank = item
        case .result, .whole: rank = Int.max
        }
        return SortKey(time: time, partRank: rank, index: index)
    }

    /// One value read from one source (a job-status response and the records inside it).
    private struct ValuePlace: Hashable {
        var source: Int32
        var offset: Int64
        init(_ origin: RecordOrigin) {
            source = origin.source
            offset = origin.offset
        }
    }

    /// What makes two records the same result delivered twice. A history item repeats its
    /// response's result without the response's code, completeness or time, so those count
    /// only for status records.
    private struct Fingerprint: Hashable {
        var kind: JobRecord.Kind
        var code: String?
        var text: String?
        var status: String?
        var complete: Bool?
        var secure: SecureResult?
        var actions: [ActionResult]

        init(_ record: JobRecord) {
            kind = record.kind
            code = record.resultCode
            text = record.resultText
            secure = record.secure
            actions = record.actions
            if record.kind == .status {
                status = record.statusCode
                complete = record.jobComplete
            }
        }
    }
}
