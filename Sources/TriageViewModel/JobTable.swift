import SmileJobs
import Synchronization

/// The loaded jobs, with what the list needs worked out once: product names, a sorted
/// order per column, a lower-cased search text, the jobs of each user.
///
/// The table never changes after it is made; its caches fill the first time they are
/// asked for (under a lock, so a background thread may warm them). Two tables are equal
/// when they are the same table.
public final class JobTable: @unchecked Sendable, Equatable {
    public let jobs: [Job]
    public let catalogue: Catalogue
    /// `productName` of each job, worked out once.
    public let productNames: [String]

    private struct Caches {
        var sorted: [SortColumn: [Int32]] = [:]
        var search: SearchText?
        var jobsOfUser: [String: [Int32]]?
        var rings: RingIndex?
    }

    private let caches = Mutex(Caches())

    public init(jobs: [Job], catalogue: Catalogue = .standard) {
        self.jobs = jobs
        self.catalogue = catalogue
        var names: [String] = []
        names.reserveCapacity(jobs.count)
        var interned: [String: String] = [:]
        for job in jobs {
            let name = job.productName(catalogue: catalogue)
            if let known = interned[name] {
                names.append(known)
            } else {
                interned[name] = name
                names.append(name)
            }
        }
        self.productNames = names
    }

    public static let empty = JobTable(jobs: [])

    public static func == (lhs: JobTable, rhs: JobTable) -> Bool { lhs === rhs }

    public var count: Int { jobs.count }

    // MARK: - Sorting

    /// Job indices sorted ascending by a column (ties in load order).
    public func sortedIndices(_ column: SortColumn) -> [Int32] {
        if let cached = caches.withLock({ $0.sorted[column] }) { return cached }
        let order = computeOrder(column)
        caches.withLock { $0.sorted[column] = order }
        return order
    }

    private func computeOrder(_ column: SortColumn) -> [Int32] {
        var indices = (0..<Int32(jobs.count)).map { $0 }
        switch column {
        case .time:
            let keys = jobs.map { $0.timestamp?.millisecondsSince1970 ?? Int64.min }
            indices.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        case .category:
            let keys = jobs.map(\.category.urgency)
            indices.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        case .secure:
            let rank: [SecureVerdict: Int] = [.suspects: 0, .error: 1, .clear: 2, .none: 3]
            let keys = jobs.map { rank[$0.secureVerdict] ?? 3 }
            indices.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        case .job: sortByText(&indices) { jobs[$0].id }
        case .user: sortByText(&indices) { jobs[$0].userID ?? "" }
        case .product: sortByText(&indices) { productNames[$0] }
        case .code: sortByText(&indices) { jobs[$0].resultCode ?? "" }
        case .text: sortByText(&indices) { jobs[$0].resultText ?? "" }
        }
        return indices
    }

    /// Sorts by text, ignoring case, comparing UTF-8 bytes (fast, and stable across runs).
    private func sortByText(_ indices: inout [Int32], _ key: (Int) -> String) {
        let keys: [[UInt8]] = jobs.indices.map { Array(key($0).lowercased().utf8) }
        indices.sort { lhs, rhs in
            let left = keys[Int(lhs)], right = keys[Int(rhs)]
            if left == right { return lhs < rhs }
            return left.lexicographicallyPrecedes(right)
        }
    }

    // MARK: - Filtering and search

    /// The jobs the list shows, in order.
    public func visible(filter: JobFilter, search: String, sort: SortOrder) -> [Int32] {
        let order = sortedIndices(sort.column)
        let needle = Array(search.lowercased().utf8)
        let searchText = needle.isEmpty ? nil : self.searchText()
        let rings = filter.inRing ? ringIndex() : nil
        var result: [Int32] = []
        result.reserveCapacity(filter.isEmpty && needle.isEmpty ? order.count : order.count / 4)
        func consider(_ index: Int32) {
            if !filter.isEmpty && !matches(Int(index), filter, rings) { return }
            if let searchText, !searchText.contains(needle, inJob: Int(index)) { return }
            result.append(index)
        }
        if sort.ascending {
            for index in order { consider(index) }
        } else {
            for index in order.reversed() { consider(index) }
        }
        return result
    }

    public func matches(_ index: Int, _ filter: JobFilter, _ rings: RingIndex? = nil) -> Bool {
        let job = jobs[index]
        if !filter.categories.isEmpty && !filter.categories.contains(job.category) { return false }
        if !filter.products.isEmpty && !filter.products.contains(productNames[index]) { return false }
        if !filter.codes.isEmpty && !filter.codes.contains(job.resultCode ?? "none") { return false }
        if !filter.secure.isEmpty && !filter.secure.contains(job.secureVerdict) { return false }
        if !filter.countries.isEmpty && !filter.countries.contains(job.country ?? "none") { return false }
        if !filter.idTypes.isEmpty && !filter.idTypes.contains(job.idType ?? "none") { return false }
        if !filter.actions.isEmpty && !job.actions.contains(where: filter.actions.contains) { return false }
        if filter.inRing {
            guard let user = job.userID, (rings ?? ringIndex()).ring(ofUser: user) != nil else { return false }
        }
        return true
    }

    private func searchText() -> SearchText {
        if let cached = caches.withLock({ $0.search }) { return cached }
        let built = SearchText(jobs)
        caches.withLock { $0.search = built }
        return built
    }

    // MARK: - Users and rings

    /// The loaded jobs of a user, in load order.
    public func jobs(ofUser userID: String) -> [Int32] {
        if let map = caches.withLock({ $0.jobsOfUser }) { return map[userID] ?? [] }
        var map: [String: [Int32]] = [:]
        for (index, job) in jobs.enumerated() {
            if let user = job.userID { map[user, default: []].append(Int32(index)) }
        }
        caches.withLock { $0.jobsOfUser = map }
        return map[userID] ?? []
    }

    /// Users linked by Smile Secure, grouped into rings.
    public func ringIndex() -> RingIndex {
        if let cached = caches.withLock({ $0.rings }) { return cached }
        let built = RingIndex(jobs: jobs)
        caches.withLock { $0.rings = built }
        return built
    }

    /// Where a job sits among the jobs of a stable id, for keeping a selection across reloads.
    public func index(ofJob id: String) -> Int? {
        jobs.firstIndex { $0.id == id }
    }
}

/// Each job's searchable text (job ids, user id, name, code, result text), lower-cased,
/// laid end to end in one buffer, so a search scans bytes instead of strings.
struct SearchText: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int32]

    init(_ jobs: [Job]) {
        var bytes: [UInt8] = []
        var starts: [Int32] = []
        starts.reserveCapacity(jobs.count + 1)
        for job in jobs {
            starts.append(Int32(bytes.count))
            for field in [job.id, job.partnerJobID, job.userID, job.fullName, job.resultCode, job.resultText] {
                guard let field else { continue }
                bytes.append(contentsOf: field.lowercased().utf8)
                bytes.append(0x1F)  // a separator no search can contain
            }
        }
        starts.append(Int32(bytes.count))
        self.bytes = bytes
        self.starts = starts
    }

    func contains(_ needle: [UInt8], inJob index: Int) -> Bool {
        let start = Int(starts[index]), end = Int(starts[index + 1])
        let count = needle.count
        guard count > 0, end - start >= count, let first = needle.first else { return count == 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var position = start
            let last = end - count
            while position <= last {
                if buffer[position] == first {
                    var matched = true
                    var offset = 1
                    while offset < count {
                        if buffer[position + offset] != needle[offset] {
                            matched = false
                            break
                        }
                        offset += 1
                    }
                    if matched { return true }
                }
                position += 1
            }
            return false
        }
    }
}
