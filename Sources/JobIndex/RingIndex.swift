import SmileJobs

/// Users that Smile Secure links, grouped into rings.
///
/// Each Smile Secure verdict links the job's user to each suspect user, with the reasons
/// given. Linked users form rings (connected components, found with union–find: near
/// linear in the number of links). A suspect with no loaded job is still a member of its
/// ring, and is listed as such. A ring's id comes from its members alone (a hash of their
/// sorted ids), so "ring K3F9" in a note means the same ring tomorrow, in another order of
/// files, on another machine.
public struct RingIndex: Sendable, Equatable {
    /// One link: `from` (a job's user) named `to` as a suspect.
    public struct Link: Sendable, Hashable {
        public var from: String
        public var to: String
        public var reasons: [String]
        /// Index of the job whose Smile Secure callback made the link.
        public var job: Int32
    }

    public struct Ring: Sendable, Equatable, Identifiable {
        /// Stable: four or more Crockford base-32 characters from the members' ids.
        public var id: String
        /// Member user ids, sorted.
        public var users: [String]
        public var links: [Link]
        /// Indices of the loaded jobs of the members, oldest first.
        public var jobs: [Int32]
        /// Members with no loaded job: known only because someone named them.
        public var usersWithoutJobs: [String]
        public var firstSeen: Timestamp?
        public var lastSeen: Timestamp?

        /// How the ring is written on screen and in notes: `◆K3F9`.
        public var label: String { "◆" + id }
    }

    /// Largest first; among equals, the most recent first.
    public let rings: [Ring]
    /// Suspect user ids that have no loaded job, over all rings.
    public let suspectsWithoutJobs: [String]
    /// Every user a link names, on either side, numbered in the order the links name them.
    /// What is known of a user is in arrays by that number.
    private let users: UserNumbers
    /// By user number: the index of the user's ring.
    private let ringOfNumber: [Int32]
    /// By user number: the links naming the user as a suspect, `namedLinks[namedStart[n]..<namedStart[n + 1]]`.
    private let namedStart: [Int32]
    private let namedLinks: [Link]
    /// By user number: the user's loaded jobs in load order, `memberJobs[jobStart[n]..<jobStart[n + 1]]`.
    private let jobStart: [Int32]
    private let memberJobs: [Int32]

    /// Rings over loaded `Job` values (tests and small data).
    public init(jobs: [Job]) {
        self.init(store: JobStore(jobs: jobs))
    }

    /// Works on user numbers, not on text: a table keyed by user id for each of the links,
    /// members, jobs and rings made the index 0.19 s at 868,000 jobs with 11,000 rings, on
    /// every snapshot the dashboard takes in. Users are told apart by their ids' bytes, as
    /// the store finds a user's jobs.
    public init(store: JobStore) {
        let (users, links, ends) = RingIndex.links(in: store)
        let names = users.names
        let userCount = names.count
        let roots = RingIndex.components(ends, users: userCount)

        let (jobStart, memberJobs) = RingIndex.jobsOfUsers(users, in: store)
        let (namedStart, namedOrder) = RingIndex.grouped(ends.lazy.map { Int($0.to) }, count: userCount)
        let namedLinks = namedOrder.map { links[Int($0)] }
        let (membersStart, members) = RingIndex.grouped(roots.lazy.map { Int($0) }, count: userCount)
        let (linksStart, linksByRoot) = RingIndex.grouped(ends.lazy.map { Int(roots[Int($0.from)]) }, count: userCount)

        var built: [Ring] = []
        var builtRoots: [Int32] = []
        for root in 0..<userCount where membersStart[root + 1] - membersStart[root] >= 2 {
            let ringMembers = members[Int(membersStart[root])..<Int(membersStart[root + 1])]
            var timed: [(time: Int64, job: Int32)] = []
            var first = Int64.max, last = Int64.min, anyTime = false
            var withoutJobs: [String] = []
            for member in ringMembers {
                let jobs = memberJobs[Int(jobStart[Int(member)])..<Int(jobStart[Int(member) + 1])]
                if jobs.isEmpty { withoutJobs.append(names[Int(member)]) }
                for job in jobs {
                    let time = store.time(Int(job))
                    if let time {
                        anyTime = true
                        first = min(first, time)
                        last = max(last, time)
                    }
                    timed.append((time ?? .min, job))
                }
            }
            timed.sort { $0.time == $1.time ? $0.job < $1.job : $0.time < $1.time }
            built.append(
                Ring(
                    id: "", users: ringMembers.map { names[Int($0)] }.sorted(),
                    links: linksByRoot[Int(linksStart[root])..<Int(linksStart[root + 1])].map { links[Int($0)] },
                    jobs: timed.map(\.job), usersWithoutJobs: withoutJobs.sorted(),
                    firstSeen: anyTime ? Timestamp(millisecondsSince1970: first) : nil,
                    lastSeen: anyTime ? Timestamp(millisecondsSince1970: last) : nil))
            builtRoots.append(Int32(root))
        }
        var order = Array(built.indices)
        order.sort { left, right in
            let lhs = built[left], rhs = built[right]
            if lhs.users.count != rhs.users.count { return lhs.users.count > rhs.users.count }
            let leftTime = lhs.lastSeen?.millisecondsSince1970 ?? .min, rightTime = rhs.lastSeen?.millisecondsSince1970 ?? .min
            if leftTime != rightTime { return leftTime > rightTime }
            return lhs.users.first ?? "" < rhs.users.first ?? ""
        }
        built = order.map { built[$0] }
        var ringOfRoot = [Int32](repeating: -1, count: userCount)
        for (position, index) in order.enumerated() { ringOfRoot[Int(builtRoots[index])] = Int32(position) }
        let stable = RingIndex.stableIDs(built.map(\.users))
        for index in built.indices { built[index].id = stable[index] }

        self.rings = built
        self.users = users
        self.ringOfNumber = roots.map { ringOfRoot[Int($0)] }
        self.namedStart = namedStart
        self.namedLinks = namedLinks
        self.jobStart = jobStart
        self.memberJobs = memberJobs
        self.suspectsWithoutJobs = built.flatMap(\.usersWithoutJobs).sorted()
    }

    /// Every link the loaded Smile Secure verdicts make, in load order, with the numbers of
    /// its two users. A suspect who is the job's own user makes no link.
    private static func links(in store: JobStore) -> (UserNumbers, [Link], [(from: Int32, to: Int32)]) {
        var users = UserNumbers()
        var links: [Link] = []
        var ends: [(from: Int32, to: Int32)] = []
        for index in 0..<store.jobCount where store.secureVerdict(index) == .suspects {
            guard let secure = store.secure(index), !secure.suspects.isEmpty else { continue }
            store.withFieldBytes(index, .userID) { user in
                guard !user.isEmpty else { return }
                for suspect in secure.suspects {
                    var suspectID = suspect.userID
                    guard !suspectID.withUTF8({ memcmpEqual($0, user) }) else { continue }
                    let from = users.number(user), to = users.number(suspectID)
                    links.append(Link(from: users.names[Int(from)], to: users.names[Int(to)], reasons: suspect.reasons, job: Int32(index)))
                    ends.append((from, to))
                }
            }
        }
        return (users, links, ends)
    }

    /// Each user's component (ring), by union–find over the links: its lowest user number.
    private static func components(_ ends: [(from: Int32, to: Int32)], users count: Int) -> [Int32] {
        var parent = (0..<Int32(count)).map { $0 }
        func find(_ x: Int32) -> Int32 {
            var root = x
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var node = x
            while parent[Int(node)] != root {
                let next = parent[Int(node)]
                parent[Int(node)] = root
                node = next
            }
            return root
        }
        for (from, to) in ends {
            let rootA = find(from), rootB = find(to)
            if rootA != rootB { parent[Int(max(rootA, rootB))] = min(rootA, rootB) }
        }
        return (0..<Int32(count)).map { find($0) }
    }

    /// Each user's loaded jobs, in load order, as offsets by user number into one array.
    /// Found by hashing each job's user id bytes (no String per job), on both cores in parts
    /// taken back in order: one lookup a job was 60–90 ms at 834,000 jobs on one core.
    private static func jobsOfUsers(_ users: UserNumbers, in store: JobStore) -> (start: [Int32], jobs: [Int32]) {
        guard users.count > 0 else { return ([0], []) }
        let pairs = store.inStretches { stretch in
            var lookup = users
            var mine: [(user: Int32, job: Int32)] = []
            for job in stretch {
                let user = store.withFieldBytes(job, .userID) { $0.isEmpty ? nil : lookup.lookup($0) }
                if let user { mine.append((user, Int32(job))) }
            }
            return mine
        }
        let (start, order) = grouped(pairs.lazy.map { Int($0.user) }, count: users.count)
        let jobs = Array(pairs.lazy.map(\.job))
        return (start, order.map { jobs[Int($0)] })
    }

    /// Items grouped by a key below `count`, each group in the items' order (a counting
    /// sort): group k is `order[start[k]..<start[k + 1]]`, as the items' positions.
    static func grouped<Keys: Collection>(_ keys: Keys, count: Int) -> (start: [Int32], order: [Int32]) where Keys.Element == Int {
        var start = [Int32](repeating: 0, count: count + 1)
        for key in keys { start[key + 1] += 1 }
        for key in 0..<count { start[key + 1] += start[key] }
        var next = start
        var order = [Int32](repeating: 0, count: keys.count)
        for (position, key) in keys.enumerated() {
            order[Int(next[key])] = Int32(position)
            next[key] += 1
        }
        return (start, order)
    }

    /// The links that name this user as a suspect (who named them, why, in which job), in load order.
    public func namedBy(_ user: String) -> ArraySlice<Link> {
        guard let number = users.lookup(user) else { return [] }
        return namedLinks[Int(namedStart[Int(number)])..<Int(namedStart[Int(number) + 1])]
    }

    /// Users some link names as a suspect.
    public var usersNamedAsSuspects: [String] {
        users.names.indices.filter { namedStart[$0 + 1] > namedStart[$0] }.map { users.names[$0] }
    }

    /// The loaded jobs of a ring member (any user a link names), in load order.
    public func jobs(ofMember user: String) -> ArraySlice<Int32> {
        guard let number = users.lookup(user) else { return [] }
        return memberJobs[Int(jobStart[Int(number)])..<Int(jobStart[Int(number) + 1])]
    }

    /// The loaded jobs of every user some link names as a suspect.
    public func forEachJobOfNamedUsers(_ body: (Int32) -> Void) {
        for number in users.names.indices where namedStart[number + 1] > namedStart[number] {
            for job in memberJobs[Int(jobStart[number])..<Int(jobStart[number + 1])] { body(job) }
        }
    }

    /// The ring with this id (as written in a note or `--where ring=K3F9`, with or without
    /// the `◆`, in any case).
    public func ring(withID text: String) -> Int? {
        var wanted = text.uppercased()
        if wanted.hasPrefix("◆") { wanted.removeFirst() }
        return rings.firstIndex { $0.id == wanted }
    }

    /// Ids for rings from their members: a 64-bit FNV-1a hash of the sorted ids, in
    /// Crockford base 32 (no I, L, O, U to misread), four characters, longer only where two
    /// rings of this load would share one.
    static func stableIDs(_ memberLists: [[String]]) -> [String] {
        let hashes = memberLists.map { users -> UInt64 in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            // The rings' members come sorted; sorting again is for other callers.
            let sorted = zip(users, users.dropFirst()).allSatisfy { $0 <= $1 } ? users : users.sorted()
            for (index, user) in sorted.enumerated() {
                if index > 0 { hash = (hash ^ 0x0A) &* 0x0000_0100_0000_01B3 }
                for byte in user.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            }
            return hash
        }
        // An id of n characters is the hash's top 5n bits: two ids of one length clash when
        // those bits do.
        struct Prefix: Hashable {
            var length: Int
            var bits: UInt64
        }
        func prefix(_ hash: UInt64, length: Int) -> Prefix { Prefix(length: length, bits: hash >> UInt64(64 - 5 * length)) }
        var length = Array(repeating: 4, count: hashes.count)
        while true {
            var seen: [Prefix: Int] = [:]
            seen.reserveCapacity(hashes.count)
            for index in hashes.indices { seen[prefix(hashes[index], length: length[index]), default: 0] += 1 }
            var lengthened = false
            for index in hashes.indices where length[index] < 12 && seen[prefix(hashes[index], length: length[index])]! > 1 {
                length[index] += 2
                lengthened = true
            }
            if !lengthened { break }
        }
        return hashes.indices.map { RingIndex.encode(hashes[$0], length: length[$0]) }
    }

    /// Crockford base 32, no I, L, O, U to misread.
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    private static func encode(_ hash: UInt64, length: Int) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            for position in 0..<length { buffer[position] = alphabet[Int((hash >> UInt64(59 - 5 * position)) & 31)] }
            return length
        }
    }

    /// The index (into `rings`) of the ring a user belongs to.
    public func ring(ofUser user: String) -> Int? {
        guard let number = users.lookup(user) else { return nil }
        let ring = ringOfNumber[Int(number)]
        return ring >= 0 ? Int(ring) : nil
    }
}
