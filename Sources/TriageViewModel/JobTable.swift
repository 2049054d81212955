import SmileJobs
import Synchronization

/// The loaded jobs, with what the list needs worked out once: a sorted order per column,
/// the jobs of each user, the rings. Filters, sorts, search and counts read the store's
/// columns; a `Job` value is made only for what is on screen.
///
/// The table never changes after it is made; its caches fill the first time they are
/// asked for (under a lock, so a background thread may warm them). Two tables are equal
/// when they are the same table.
public final class JobTable: @unchecked Sendable, Equatable {
    public let store: JobStore
    public var catalogue: Catalogue { store.catalogue }

    private struct Caches {
        var sorted: [SortColumn: [Int32]] = [:]
        var jobsOfUser: [String: [Int32]]?
        var rings: RingIndex?
    }

    private let caches = Mutex(Caches())

    public init(store: JobStore) {
        self.store = store
    }

    /// A table of these jobs (tests and small data).
    public convenience init(jobs: [Job], catalogue: Catalogue = .standard) {
        self.init(store: JobStore(jobs: jobs, catalogue: catalogue))
    }

    public static let empty = JobTable(store: .empty)

    public static func == (lhs: JobTable, rhs: JobTable) -> Bool { lhs === rhs }

    public var count: Int { store.jobCount }

    /// The jobs as values, made as they are read: for what is on screen, not for loops over all.
    public var jobs: JobCollection { store.jobValues }

    public func category(_ index: Int) -> Category { store.category(index) }
    public func secureVerdict(_ index: Int) -> SecureVerdict { store.secureVerdict(index) }
    public func productName(_ index: Int) -> String { store.productName(index) }

    // MARK: - Sorting

    /// Job indices sorted ascending by a column (ties in load order).
    public func sortedIndices(_ column: SortColumn) -> [Int32] {
        if let cached = caches.withLock({ $0.sorted[column] }) { return cached }
        let order = computeOrder(column)
        caches.withLock { $0.sorted[column] = order }
        return order
    }

    private func computeOrder(_ column: SortColumn) -> [Int32] {
        var indices = (0..<Int32(count)).map { $0 }
        func sortByNumber<Key: Comparable>(_ keys: [Key]) {
            indices.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        }
        switch column {
        case .time: sortByNumber((0..<count).map { store.time($0) ?? Int64.min })
        case .category: sortByNumber((0..<count).map { store.category($0).urgency })
        case .secure:
            let rank: [SecureVerdict: Int] = [.suspects: 0, .error: 1, .clear: 2, .none: 3]
            sortByNumber((0..<count).map { rank[store.secureVerdict($0)] ?? 3 })
        case .job: sortByText(&indices) { store.jobKey($0) }
        case .user: sortByText(&indices) { store.userID($0) ?? "" }
        case .product: sortByText(&indices) { store.productName($0) }
        case .code: sortByText(&indices) { store.displayCode($0) ?? "" }
        case .text: sortByText(&indices) { store.resultText($0) ?? "" }
        }
        return indices
    }

    /// Sorts by text, ignoring case, comparing UTF-8 bytes (fast, and stable across runs).
    private func sortByText(_ indices: inout [Int32], _ key: (Int) -> String) {
        let keys: [[UInt8]] = (0..<count).map { Array(key($0).lowercased().utf8) }
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
        let test = filter.isEmpty ? nil : FilterTest(filter, table: self)
        var result: [Int32] = []
        result.reserveCapacity(filter.isEmpty && needle.isEmpty ? order.count : order.count / 4)
        func consider(_ index: Int32) {
            if let test, !test.matches(Int(index)) { return }
            if !needle.isEmpty, !store.withSearchFields(Int(index), { containsIgnoringCase($0, needle) }) { return }
            result.append(index)
        }
        if sort.ascending {
            for index in order { consider(index) }
        } else {
            for index in order.reversed() { consider(index) }
        }
        return result
    }

    public func matches(_ index: Int, _ filter: JobFilter) -> Bool {
        FilterTest(filter, table: self).matches(index)
    }

    // MARK: - Users and rings

    /// The loaded jobs of a user, in load order.
    public func jobs(ofUser userID: String) -> [Int32] {
        if let map = caches.withLock({ $0.jobsOfUser }) { return map[userID] ?? [] }
        var map: [String: [Int32]] = [:]
        for index in 0..<count {
            if let user = store.userID(index) { map[user, default: []].append(Int32(index)) }
        }
        caches.withLock { $0.jobsOfUser = map }
        return map[userID] ?? []
    }

    /// Users linked by Smile Secure, grouped into rings.
    public func ringIndex() -> RingIndex {
        if let cached = caches.withLock({ $0.rings }) { return cached }
        let built = RingIndex(store: store)
        caches.withLock { $0.rings = built }
        return built
    }

    /// Where a job sits, by its merge key, for keeping a selection across reloads.
    public func index(ofJob id: String) -> Int? {
        (0..<count).first { store.jobKey($0) == id }
    }
}

/// A filter, prepared once for a pass over many jobs.
struct FilterTest {
    let filter: JobFilter
    let table: JobTable
    let products: Set<UInt32>
    let rings: RingIndex?

    init(_ filter: JobFilter, table: JobTable) {
        self.filter = filter
        self.table = table
        let strings = table.store.strings.products
        products = Set((1..<max(1, strings.values.count)).compactMap { id in
            filter.products.contains(strings.values[id]) ? UInt32(id) : nil
        })
        rings = filter.inRing ? table.ringIndex() : nil
    }

    func matches(_ index: Int) -> Bool {
        let store = table.store
        if !filter.categories.isEmpty && !filter.categories.contains(store.category(index)) { return false }
        if !filter.secure.isEmpty && !filter.secure.contains(store.secureVerdict(index)) { return false }
        if !filter.products.isEmpty && !products.contains(store.productID(index)) { return false }
        if !filter.codes.isEmpty && !filter.codes.contains(store.displayCode(index) ?? "none") { return false }
        if !filter.countries.isEmpty && !filter.countries.contains(store.country(index) ?? "none") { return false }
        if !filter.idTypes.isEmpty && !filter.idTypes.contains(store.idType(index) ?? "none") { return false }
        if !filter.actions.isEmpty
            && !store.actionPairs(index).contains(where: { filter.actions.contains(ActionResult(name: $0.name, value: $0.value)) }) {
            return false
        }
        if let rings {
            guard let user = store.userID(index), rings.ring(ofUser: user) != nil else { return false }
        }
        return true
    }
}

/// True when `haystack` contains `needle` (already lower-case), ignoring ASCII case.
@inline(__always)
func containsIgnoringCase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let count = needle.count
    guard count > 0 else { return true }
    guard haystack.count >= count else { return false }
    return needle.withUnsafeBufferPointer { needle in
        let first = needle[0]
        var position = 0
        let last = haystack.count - count
        while position <= last {
            var byte = haystack[position]
            if byte >= 65 && byte <= 90 { byte |= 0x20 }
            if byte == first {
                var offset = 1
                while offset < count {
                    var next = haystack[position + offset]
                    if next >= 65 && next <= 90 { next |= 0x20 }
                    if next != needle[offset] { break }
                    offset += 1
                }
                if offset == count { return true }
            }
            position += 1
        }
        return false
    }
}
