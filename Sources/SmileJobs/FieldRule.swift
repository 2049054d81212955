/// Where a job's fields come from, written once for both of a job's forms: the `Job` value
/// (the detail) and the job store's columns (the list, sort, filter, search, export). One
/// rule, so a row is never sorted by one value and shown with another.
///
/// A field (job ids, user, name, country, ID type, job type, time) is the current main
/// result's; where that record lacks it, the Smile Secure record's (the one the verdict
/// comes from); where both lack it, the first of the job's other records, in reading order,
/// that has it. Reading order (source, then byte offset, a response's history before its
/// result) never depends on threads or on when a followed file grew, and the first record
/// read keeps its values as more arrive.
///
/// Ranking records (to find the current one) needs a job type before the current one is
/// known: a record that names none is ranked with the job type of the first record, in
/// reading order, that names one (`rankingJobType`).
public enum FieldRule {
    /// The field from the first record that has it: `current`, then `secure`, then `others`
    /// (the job's remaining records, in reading order; current and secure may appear again
    /// and are skipped by the caller or harmlessly asked twice).
    @inlinable
    public static func first<Record, Value>(
        current: Record?, secure: Record?, others: some Sequence<Record>,
        _ value: (Record) -> Value?
    ) -> Value? {
        if let current, let found = value(current) { return found }
        if let secure, let found = value(secure) { return found }
        for record in others {
            if let found = value(record) { return found }
        }
        return nil
    }

    /// The job type records naming none are ranked with: the first named, in reading order.
    public static func rankingJobType(_ records: [JobRecord]) -> Int? {
        records.filter { $0.jobTypeText != nil }.min { $0.origin.readingOrder < $1.origin.readingOrder }?.jobType
    }
}
