/// Why a job needs chasing with Smile ID or the integration: it never finished, its
/// result never reached the callback, or it was sent twice.
public struct ChaseReasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Still pending (`job_complete` false, a v3 `processing`) longer than the limit
    /// (`chase.stuck_after_hours`, 2 by default) before the newest record loaded.
    public static let stuck = ChaseReasons(rawValue: 1 << 0)
    /// A job-status response or v3 status is loaded, callbacks are loaded too, and no
    /// callback for this job is among them.
    public static let noCallback = ChaseReasons(rawValue: 1 << 1)
    /// Its partner job id (`PartnerParams.job_id`) is on another Smile job too: a retry
    /// or a duplicate submission (billed twice).
    public static let duplicate = ChaseReasons(rawValue: 1 << 2)
    /// Smile ID says the job is complete, yet no result came with it.
    public static let noResult = ChaseReasons(rawValue: 1 << 3)

    /// Stable ids (for `--where chase=…`, JSON and the filter menu), with words for people.
    public static let all: [(reason: ChaseReasons, id: String, words: String)] = [
        (.stuck, "stuck", "stuck: not complete"),
        (.noCallback, "no-callback", "callback never arrived"),
        (.duplicate, "duplicate", "partner job id on several Smile jobs"),
        (.noResult, "no-result", "complete, but no result"),
    ]

    public var ids: [String] { ChaseReasons.all.filter { contains($0.reason) }.map(\.id) }

    public init?(id: String) {
        guard let found = ChaseReasons.all.first(where: { $0.id == id.lowercased() }) else { return nil }
        self = found.reason
    }
}
