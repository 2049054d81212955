import Dispatch
import JobSources
import TestSupport
import Testing

@testable import JobIndex
@testable import SmileJobs

/// Orders made ahead on another thread, and the counts of a whole list taken without a
/// pass: both must give what a fresh table works out when asked.
@Suite("Warmed orders and whole-list counts")
struct WarmOrdersTests {
    static func table(_ fixture: String = "Fixtures/varied") -> JobTable {
        JobTable(store: JobLoader().load(paths: [Repository.path(fixture)]).0.store)
    }

    @Test func warmedOrdersAreTheOrdersAFreshTableMakes() {
        let warmed = Self.table()
        warmed.warmOrders()
        let fresh = Self.table()
        for column in SortColumn.allCases {
            #expect(warmed.hasOrder(column), "\(column)")
            #expect(warmed.sortedIndices(column) == fresh.sortedIndices(column), "\(column)")
        }
    }

    @Test func warmingStopsWhenTheTableIsNoLongerWanted() {
        let table = Self.table()
        var asked = 0
        table.warmOrders(while: {
            asked += 1
            return asked <= 2
        })
        #expect(SortColumn.allCases.filter(table.hasOrder).count == 2)
        table.warmOrders(while: { false })
        #expect(SortColumn.allCases.filter(table.hasOrder).count == 2)
    }

    /// A sort asked for on the list's thread while the warming thread makes orders gets the
    /// same order as one asked alone (it waits for the column's order, or makes it first).
    @Test func aSortAskedWhileWarmingGetsTheSameOrder() {
        let expected = Dictionary(uniqueKeysWithValues: SortColumn.allCases.map { ($0, Self.table().sortedIndices($0)) })
        for _ in 0..<5 {
            let table = Self.table()
            let got = SortedByColumn()
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                if side == 0 {
                    table.warmOrders()
                } else {
                    for column in SortColumn.allCases.reversed() { got.set(column, table.sortedIndices(column)) }
                }
            }
            for column in SortColumn.allCases { #expect(got.get(column) == expected[column], "\(column)") }
        }
    }

    /// The whole list in any order counts as the table does; a part of it is counted.
    @Test(arguments: ["Fixtures/demo", "Fixtures/varied", "Fixtures/samples"])
    func countsOfTheWholeListInAnyOrderAreCountsOfEveryJob(fixture: String) {
        let table = Self.table(fixture)
        let store = table.store
        let all = (0..<Int32(table.count)).map { $0 }
        var byHand = [Int](repeating: 0, count: Category.allCases.count)
        for job in all { byHand[store.category(Int(job)).ordinal] += 1 }
        let review = table.reviewQueue()
        let chase = table.chaseIndex()
        for list in [all, all.reversed(), table.sortedIndices(.code), table.sortedIndices(.user).reversed()] {
            #expect(table.categoryCounts(among: list) == byHand)
            #expect(review.count(among: list) == all.filter { review.needsReview(Int($0)) }.count)
            #expect(chase.count(among: list) == all.filter { !chase.reasons(Int($0)).isEmpty }.count)
        }
        #expect(review.count > 0 || fixture != "Fixtures/varied")
        // A part: one job left out is counted, not taken for the whole.
        let part = Array(all.dropFirst())
        let first = Int(all[0])
        var partCounts = byHand
        partCounts[store.category(first).ordinal] -= 1
        #expect(table.categoryCounts(among: part) == partCounts)
        #expect(review.count(among: part) == review.count - (review.needsReview(first) ? 1 : 0))
        #expect(chase.count(among: part) == chase.count - (chase.reasons(first).isEmpty ? 0 : 1))
    }
}

/// Orders gathered from another thread.
private final class SortedByColumn: @unchecked Sendable {
    private var orders: [SortColumn: [Int32]] = [:]
    private let lock = DispatchSemaphore(value: 1)

    func set(_ column: SortColumn, _ order: [Int32]) {
        lock.wait()
        orders[column] = order
        lock.signal()
    }

    func get(_ column: SortColumn) -> [Int32]? {
        lock.wait()
        defer { lock.signal() }
        return orders[column]
    }
}

/// A user's jobs, found on both cores over stretches of the table, in load order: the same
/// jobs a plain pass finds, past the size where the stretches start (50,000 jobs).
@Suite("Jobs of a user")
struct JobsOfUserTests {
    /// `count` jobs whose users take turns from `users` (an empty one: no user id), in a
    /// different turn every `spread` jobs.
    static func table(count: Int, users: [String], spread: Int) -> JobTable {
        let builder = JobStoreBuilder()
        for index in 0..<count {
            var record = JobRecord(
                origin: RecordOrigin(source: 0, line: Int32(index + 1), offset: Int64(index * 100), length: 100, part: .whole),
                kind: .result)
            record.smileJobID = "job-\(index)"
            let user = users[(index * 7 + index / spread) % users.count]
            record.userID = user.isEmpty ? nil : user
            record.resultCode = "1012"
            builder.append(record)
        }
        return JobTable(store: builder.snapshot())
    }

    @Test(arguments: [10, 50_001, 60_000])
    func aUsersJobsAreThoseAPlainPassFinds(count: Int) {
        let users = ["kw-user-1", "ሰላም-ተስፋዬ", "Ọlá", "kw-user-10", ""]
        let table = JobsOfUserTests.table(count: count, users: users, spread: 3)
        for user in users {
            let plain = (0..<Int32(table.count)).filter { !user.isEmpty && table.store.userID(Int($0)) == user }
            #expect(table.jobs(ofUser: user) == plain, "\(user)")
        }
        #expect(table.jobs(ofUser: "kw-user-1").count > 0)
    }

    /// Once the order by user id is made, a user's jobs come from it: the same jobs, in
    /// load order, where ids differ only in case, one id starts another, or ids are in
    /// other scripts; an id no job has finds none.
    @Test(arguments: [10, 3_000])
    func aUsersJobsFromTheOrderByUserAreThoseAPlainPassFinds(count: Int) {
        let users = ["kw-user-1", "KW-user-1", "kw-User-1", "kw-user-10", "kw-user-1\u{0}", "ሰላም-ተስፋዬ", "Ọlá", "ọlá", "", "a", "~"]
        let table = JobsOfUserTests.table(count: count, users: users, spread: 13)
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(bytes("kw-user-1").withUnsafeBufferPointer { table.jobsInUserOrder(ofUserBytes: $0) } == nil, "no order made yet")
        _ = table.sortedIndices(.user)
        for user in users + ["kw-user-2", "KW-USER-1", "zzz", "0", "kw-user-"] {
            let plain = (0..<Int32(table.count)).filter { !user.isEmpty && table.store.userID(Int($0)) == user }
            let fromOrder = bytes(user).withUnsafeBufferPointer { table.jobsInUserOrder(ofUserBytes: $0) }
            #expect(fromOrder == plain, "\(user.debugDescription)")
            #expect(table.jobs(ofUser: user) == plain, "\(user.debugDescription)")
        }
        #expect(table.jobs(ofUser: "KW-user-1").count > 0)
    }
}
