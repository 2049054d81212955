import Dispatch
import SmileJobs
import Synchronization

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
    private let ringOfUser: [String: Int]
    /// The links that name each user as a suspect (who named them, why, in which job).
    public let namedBy: [String: [Link]]
    /// The loaded jobs of every ring member, in load order.
    public let jobsOfMember: [String: [Int32]]

    /// Rings over loaded `Job` values (tests and small data).
    public init(jobs: [Job]) {
        self.init(store: JobStore(jobs: jobs))
    }

    public init(store: JobStore) {
        var ids: [String: Int32] = [:]
        var names: [String] = []
        func id(_ user: String) -> Int32 {
            if let known = ids[user] { return known }
            let new = Int32(names.count)
            ids[user] = new
            names.append(user)
            return new
        }
        var parent: [Int32] = []
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
        var links: [Link] = []
        for index in 0..<store.jobCount where store.secureVerdict(index) == .suspects {
            guard let user = store.userID(index), let secure = store.secure(index) else { continue }
            for suspect in secure.suspects where suspect.userID != user {
                links.append(Link(from: user, to: suspect.userID, reasons: suspect.reasons, job: Int32(index)))
            }
        }
        for link in links {
            let a = id(link.from), b = id(link.to)
            while parent.count < names.count { parent.append(Int32(parent.count)) }
            let rootA = find(a), rootB = find(b)
            if rootA != rootB { parent[Int(max(rootA, rootB))] = min(rootA, rootB) }
        }
        while parent.count < names.count { parent.append(Int32(parent.count)) }

        var members: [Int32: [String]] = [:]
        for (index, name) in names.enumerated() { members[find(Int32(index)), default: []].append(name) }
        var linksOf: [Int32: [Link]] = [:]
        for link in links { linksOf[find(ids[link.from]!), default: []].append(link) }
        var jobsOfUser: [String: [Int32]] = [:]
        if !ids.isEmpty {
            // Members' jobs, found by hashing each job's user id bytes: no String per job.
            var members = ByteKeyIndex()
            var memberBytes: [[UInt8]] = []
            for name in names {
                memberBytes.append(Array(name.utf8))
                memberBytes[memberBytes.count - 1].withUnsafeBufferPointer {
                    members.insert(hash: hashBytes($0), value: Int32(memberBytes.count - 1))
                }
            }
            // On both cores, in parts taken back in order (so each member's jobs stay in load
            // order): one lookup a job was 60–90 ms of a ring index at 834,000 jobs.
            let count = store.jobCount, parts = count > 50_000 ? 8 : 1
            let found = Mutex([[(member: Int32, job: Int32)]](repeating: [], count: parts))
            let lookup = members, bytes = memberBytes
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var mine: [(member: Int32, job: Int32)] = []
                for index in (count * part / parts)..<(count * (part + 1) / parts) {
                    let member = store.withFieldBytes(index, .userID) { user -> Int32? in
                        guard user.count > 0 else { return nil }
                        return lookup.find(
                            hash: hashBytes(user),
                            matches: { candidate in bytes[Int(candidate)].withUnsafeBufferPointer { memcmpEqual($0, user) } })
                    }
                    if let member { mine.append((member, Int32(index))) }
                }
                found.withLock { $0[part] = mine }
            }
            for (member, job) in found.withLock({ $0 }).joined() { jobsOfUser[names[Int(member)], default: []].append(job) }
        }

        var built: [Ring] = []
        var namedBy: [String: [Link]] = [:]
        for link in links { namedBy[link.to, default: []].append(link) }
        for (root, users) in members where users.count >= 2 {
            let ringJobs = users.flatMap { jobsOfUser[$0] ?? [] }.sorted {
                let left = store.time(Int($0)) ?? .min, right = store.time(Int($1)) ?? .min
                return left == right ? $0 < $1 : left < right
            }
            let times = ringJobs.compactMap { store.time(Int($0)).map(Timestamp.init(millisecondsSince1970:)) }
            built.append(
                Ring(
                    id: "", users: users.sorted(), links: linksOf[root] ?? [], jobs: ringJobs,
                    usersWithoutJobs: users.filter { jobsOfUser[$0] == nil }.sorted(),
                    firstSeen: times.min(), lastSeen: times.max()))
        }
        built.sort { lhs, rhs in
            if lhs.users.count != rhs.users.count { return lhs.users.count > rhs.users.count }
            let left = lhs.lastSeen?.millisecondsSince1970 ?? .min, right = rhs.lastSeen?.millisecondsSince1970 ?? .min
            if left != right { return left > right }
            return lhs.users.first ?? "" < rhs.users.first ?? ""
        }
        var ringOfUser: [String: Int] = [:]
        let stable = RingIndex.stableIDs(built.map(\.users))
        for index in built.indices {
            built[index].id = stable[index]
            for user in built[index].users { ringOfUser[user] = index }
        }
        self.rings = built
        self.ringOfUser = ringOfUser
        self.namedBy = namedBy
        self.jobsOfMember = jobsOfUser
        self.suspectsWithoutJobs = built.flatMap(\.usersWithoutJobs).sorted()
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
            for (index, user) in users.sorted().enumerated() {
                if index > 0 { hash = (hash ^ 0x0A) &* 0x0000_0100_0000_01B3 }
                for byte in user.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            }
            return hash
        }
        func encode(_ hash: UInt64, length: Int) -> String {
            let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
            return String((0..<length).map { alphabet[Int((hash >> UInt64(59 - 5 * $0)) & 31)] })
        }
        var length = Array(repeating: 4, count: hashes.count)
        while true {
            var seen: [String: [Int]] = [:]
            for index in hashes.indices { seen[encode(hashes[index], length: length[index]), default: []].append(index) }
            let clashes = seen.values.filter { $0.count > 1 && length[$0[0]] < 12 }
            if clashes.isEmpty { return hashes.indices.map { encode(hashes[$0], length: length[$0]) } }
            for clash in clashes { for index in clash { length[index] += 2 } }
        }
    }

    /// The index (into `rings`) of the ring a user belongs to.
    public func ring(ofUser user: String) -> Int? { ringOfUser[user] }
}
