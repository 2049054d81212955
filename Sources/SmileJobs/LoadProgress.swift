/// How far a load has got.
public struct LoadProgress: Sendable, Equatable {
    /// The load was stopped early (Ctrl-C while loading): what was read is kept.
    public var stopped = false
    public var bytesRead: Int64 = 0
    public var bytesTotal: Int64 = 0
    /// Before the reading starts: bytes of standard input, pipes and gzip files copied
    /// (inflated) so far, for the reading to go by once they are all in.
    public var bytesReceived: Int64 = 0
    public var records = 0
    /// Records read by the fast scanner.
    public var fastRecords = 0
    public var seconds = 0.0
    public var done = false

    public init() {}

    /// Streams still being copied, nothing read yet: what came is all there is to show.
    public var isReceiving: Bool { bytesReceived > 0 && bytesTotal == 0 && bytesRead == 0 && records == 0 }

    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }

    /// Seconds left at the current rate, when it can be told.
    public var secondsLeft: Double? {
        guard bytesRead > 0, bytesTotal > bytesRead, seconds > 0 else { return nil }
        return seconds * Double(bytesTotal - bytesRead) / Double(bytesRead)
    }
}
