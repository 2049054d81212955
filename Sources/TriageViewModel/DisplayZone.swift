import SmileJobs

/// The time zone times are shown in: UTC (the default), the machine's local zone, or a
/// named zone (Africa/Lagos). The offset at each instant comes from the shell (the view-
/// model has no time-zone database), so zones with summer time are right all year.
public struct DisplayZone: Sendable, Equatable {
    /// What the person typed or configured: "utc", "local", "Africa/Lagos".
    public let id: String
    /// How headers name it: "UTC", "WAT", "EAT".
    public let label: String
    private let offset: @Sendable (Int64) -> Int

    /// `offset`: seconds east of UTC at an instant (milliseconds since 1970).
    public init(id: String, label: String, offset: @escaping @Sendable (Int64) -> Int) {
        self.id = id
        self.label = label
        self.offset = offset
    }

    public static let utc = DisplayZone(id: "utc", label: "UTC") { _ in 0 }

    public var isUTC: Bool { id == "utc" }

    public static func == (lhs: DisplayZone, rhs: DisplayZone) -> Bool { lhs.id == rhs.id && lhs.label == rhs.label }

    /// Seconds east of UTC at an instant (milliseconds since 1970).
    public func offsetSeconds(at milliseconds: Int64) -> Int { offset(milliseconds) }

    /// `2026-11-24 22:00:00`, in this zone.
    public func text(_ time: Timestamp) -> String {
        Timestamp(millisecondsSince1970: time.millisecondsSince1970 + Int64(offset(time.millisecondsSince1970)) * 1000).shortText
    }

    /// `2026-11-24 22:00:00 WAT`
    public func labelled(_ time: Timestamp) -> String { text(time) + " " + label }
}
