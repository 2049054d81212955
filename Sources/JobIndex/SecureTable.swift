import SmileJobs

/// The Smile Secure results of a batch or a store, each with its verdict byte beside it.
/// Ids are 1-based (0 in a record: no result).
///
/// A result that names no suspect ("5210 No Suspect Users Found", an error code) is kept
/// once and shared by every record that carries it: a day holds a handful of such results
/// and a hundred thousand records carrying them, and one copy each cost 30 MB at 1M records.
/// Results that name suspects are kept one per record (they differ, and are few).
struct SecureTable: Sendable {
    private(set) var results: [SecureResult] = []
    private(set) var verdicts: [UInt8] = []
    private var plainIDs: [SecureResult: UInt32] = [:]

    var count: Int { results.count }

    mutating func add(_ secure: SecureResult) -> UInt32 {
        let shared = secure.suspects.isEmpty && secure.fraudSources.isEmpty
        if shared, let id = plainIDs[secure] { return id }
        results.append(secure)
        // Worked out once here (on a reading thread for batches): it normalises the code's text.
        verdicts.append(SecureVerdict(secure.verdict).rawByte)
        let id = UInt32(results.count)
        if shared { plainIDs[secure] = id }
        return id
    }

    /// The verdict byte of result `id` (1-based).
    @inline(__always) func verdict(_ id: UInt32) -> UInt8 { verdicts[Int(id) - 1] }

    /// Adds another table's results; element `i` of the answer is the id here of its id `i`
    /// (element 0: 0, no result).
    mutating func adopt(_ other: SecureTable) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: other.count + 1)
        for (index, result) in other.results.enumerated() { map[index + 1] = add(result) }
        return map
    }
}
