/// What a load keeps of each record beyond what merging, ranking and counting read: full
/// names, user ids and Actions. The dashboard and every other command keep all of it;
/// `summary` keeps none (a million records of another writer's callbacks: a third of its
/// memory and a tenth of its time), as a column store reads only the columns a query
/// names. A record is still read whole, and read exactly or declined to the full reader as
/// always: only what is stored differs.
public struct StoredDetail: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fullNames = StoredDetail(rawValue: 1)
    public static let userIDs = StoredDetail(rawValue: 2)
    public static let actions = StoredDetail(rawValue: 4)

    public static let all: StoredDetail = [.fullNames, .userIDs, .actions]
    /// What counting needs: none of the three.
    public static let countsOnly: StoredDetail = []
}
