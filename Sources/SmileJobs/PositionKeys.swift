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
}
