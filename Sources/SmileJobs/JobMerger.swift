/// Merges records into jobs.
///
/// Records of one job share a `SmileJobID`; a record without one joins the job whose
/// records pair its `PartnerParams.job_id` with a Smile job id, else the partner's job id
/// alone is the key. Within a job, records are ordered by time (a history item sorts
/// before the response that carried it) and then by the order they were read; the
/// latest main result is current.
public enum JobMerger {
    public static func merge(_ records: [JobRecord], catalogue: Catalogue = .standard) -> [Job] {
        var smileIDForPartnerID: [String: String] = [:]
        for record in records {
            if let partner = record.partnerJobID, let smile = record.smileJobID, smileIDForPartnerID[partner] == nil {
                smileIDForPartnerID[partner] = smile
            }
        }
        // The time of the value a record was read from, for history items that carry none.
        var valueTime: [ValuePlace: Int64] = [:]
        for record in records {
            if let time = record.timestamp?.millisecondsSince1970 {
                let place = ValuePlace(record.origin)
                valueTime[place] = max(valueTime[place] ?? Int64.min, time)
            }
        }

        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (index, record) in records.enumerated() {
            let key = mergeKey(record, smileIDForPartnerID)
            if groups[key] == nil {
                order.append(key)
                groups[key] = [index]
            } else {
                groups[key]!.append(index)
            }
        }

        return order.map { key in
            let indices = groups[key]!.sorted { lhs, rhs in
                let left = sortKey(records[lhs], index: lhs, valueTime: valueTime)
                let right = sortKey(records[rhs], index: rhs, valueTime: valueTime)
                return left < right
            }
            return makeJob(id: key, records: indices.map { records[$0] }, catalogue: catalogue)
        }
    }

    /// The key that groups a record with the others of its job.
    public static func mergeKey(_ record: JobRecord, _ smileIDForPartnerID: [String: String]) -> String {
        if let smile = record.smileJobID, !smile.isEmpty { return smile }
        if let partner = record.partnerJobID, !partner.isEmpty {
            return smileIDForPartnerID[partner] ?? "job_id:" + partner
        }
        return "record:\(record.origin.source):\(record.origin.line):\(record.origin.offset)"
    }

    private static func makeJob(id: String, records ordered: [JobRecord], catalogue: Catalogue) -> Job {
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
