import Dispatch
import SmileJobs
import Synchronization

/// What the status bar counts of a list: its jobs by category (by `Category.ordinal`), how
/// many need review, how many need chasing.
public struct ListCounts: Sendable, Equatable {
    public var categories: [Int]
    public var review: Int
    public var chase: Int

    public init(categories: [Int], review: Int, chase: Int) {
        self.categories = categories
        self.review = review
        self.chase = chase
    }
}

extension JobTable {
    /// A list's counts, in one go. `jobs` are distinct (a list of the table's jobs): all of
    /// them is the table's counts, with no pass. A long list is counted in load order (its
    /// jobs set in bits first), on both cores, and one of more than half the jobs by the
    /// jobs it leaves out, taken from the table's counts (the untriaged queue leaves out
    /// the few decided). Counted in the list's order, every job was a read of its entry at
    /// a random place: at 8.3M jobs a list of most of them took 88 ms to count, longer than
    /// to make. `chase` is the chase index to count by (none: 0).
    public func listCounts(among jobs: [Int32], chase: ChaseIndex?) -> ListCounts {
        let reviewQueue = reviewQueue()
        let chase = chase ?? .empty
        let whole = { ListCounts(categories: self.wholeCategoryCounts(), review: reviewQueue.count, chase: chase.count) }
        if jobs.count == count, count > 0 { return whole() }
        let store = self.store
        let column = categoryBytesIfMade()
        var counted = ListCounts.zero
        guard jobs.count >= 50_000, jobs.count * 16 >= count else {
            for job in jobs {
                counted.categories[Int(column?[Int(job)] ?? store.categoryByte(Int(job)))] += 1
                if reviewQueue.needsReview(Int(job)) { counted.review += 1 }
                if chase.needsChase(Int(job)) { counted.chase += 1 }
            }
            return counted
        }
        let bits = JobBits(jobs: jobs, count: count)
        let leftOut = jobs.count * 2 > count
        let parts = 8, wordCount = bits.words.count
        let found = Mutex([ListCounts]())
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var categories = [Int](repeating: 0, count: Category.allCases.count)
            var review = 0, chased = 0
            // Counted into a buffer, not a property of a value captured by a closure: that
            // was a uniqueness check per job.
            categories.withUnsafeMutableBufferPointer { categories in
                let words = (wordCount * part / parts)..<(wordCount * (part + 1) / parts)
                bits.forEachSet(inWords: words, inverted: leftOut) { job in
                    categories[Int(column?[job] ?? store.categoryByte(job))] += 1
                    if reviewQueue.needsReview(job) { review += 1 }
                    if chase.needsChase(job) { chased += 1 }
                }
            }
            let counts = ListCounts(categories: categories, review: review, chase: chased)
            found.withLock { $0.append(counts) }
        }
        for part in found.withLock({ $0 }) { counted.add(part) }
        guard leftOut else { return counted }
        var kept = whole()
        kept.subtract(counted)
        return kept
    }
}

extension ListCounts {
    static var zero: ListCounts { ListCounts(categories: [Int](repeating: 0, count: Category.allCases.count), review: 0, chase: 0) }

    public mutating func add(_ other: ListCounts) {
        for slot in categories.indices { categories[slot] += other.categories[slot] }
        review += other.review
        chase += other.chase
    }

    public mutating func subtract(_ other: ListCounts) {
        for slot in categories.indices { categories[slot] -= other.categories[slot] }
        review -= other.review
        chase -= other.chase
    }
}
