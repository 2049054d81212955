/// Orders one job's records and picks its current result (which records belong together
/// is the JobStoreBuilder's rule).
///
/// Main results are ranked by `ResultRank` (final over not, human over machine, verdict
/// over step, then time, then a response's result over its history, then reading order);
/// the highest is current and the rest, in rank order, are the steps that led to it. Smile
/// Secure records are ranked by time, then reading order. An identical record delivered
/// twice is kept once (the higher-ranked copy) and its other places listed.
public enum JobMerger {
    /// One job from its records in any order.
    public static func makeJob(id: String, records: [JobRecord], catalogue: Catalogue) -> Job {
        // A record without a job type of its own is read with the job's: the first read that names one.
        let jobType = FieldRule.rankingJobType(records)
        func rank(_ record: JobRecord) -> ResultRank {
            record.kind == .smileSecure ? ResultRank.ofSecure(record) : ResultRank.of(record, jobType: jobType)
        }
        // Of two copies of one record, the higher-ranked is kept; the other is a duplicate.
        var kept: [Fingerprint: JobRecord] = [:]
        var setAside: [JobRecord] = []
        for record in records {
            let print = Fingerprint(record)
            if let other = kept[print] {
                let keepNew = rank(record) > rank(other)
                setAside.append(keepNew ? other : record)
                if keepNew { kept[print] = record }
            } else {
                kept[print] = record
            }
        }
        let mains = kept.values.filter { $0.kind != .smileSecure }
            .map { (record: $0, rank: ResultRank.of($0, jobType: jobType)) }.sorted { $0.rank < $1.rank }
        let secures = kept.values.filter { $0.secure != nil }.sorted { ResultRank.ofSecure($0) < ResultRank.ofSecure($1) }
        let reason: CurrentReason = mains.count >= 2 ? mains[mains.count - 1].rank.reason(over: mains[mains.count - 2].rank) : .onlyOne
        return Job(
            id: id, current: mains.last?.record, earlier: mains.dropLast().map(\.record), secureRecord: secures.last,
            earlierSecure: Array(secures.dropLast()), setAside: setAside, currentReason: reason, catalogue: catalogue)
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
        var final: Bool?
        var secure: SecureResult?
        var actions: [ActionResult]

        init(_ record: JobRecord) {
            kind = record.kind
            code = record.resultCode
            text = record.resultText
            secure = record.secure
            actions = record.actions
            final = record.isFinal
            if record.kind == .status {
                status = record.statusCode
                complete = record.jobComplete
            }
        }
    }
}
