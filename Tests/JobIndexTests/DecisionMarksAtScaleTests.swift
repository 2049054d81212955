import Testing

@testable import JobIndex
@testable import SmileJobs

/// Decision marks made from the order by job id (binary searches for each decision) and
/// taken in one decision at a time, held to a pass over every job's key.
@Suite("Decision marks at scale")
struct DecisionMarksAtScaleTests {
    static func table(count: Int) -> JobTable { ListsAtScaleTests.table(count: count) }
    static func differences<T: Equatable>(_ a: [T], _ b: [T]) -> [String] { ListsAtScaleTests.differences(a, b) }

    static func decided(_ table: JobTable, every step: Int) -> [Decision] { ListsAtScaleTests.decided(table, every: step) }

    /// The marks a pass over every job's key gives, by hand.
    static func marksByHand(_ table: JobTable, _ decisions: [Decision]) -> [UInt8] {
        let byKey = Dictionary(decisions.map { ($0.jobID, $0.state.code) }, uniquingKeysWith: { $1 })
        return (0..<table.count).map { byKey[table.store.jobKey($0)] ?? 0 }
    }

    @Test(arguments: [1_000, 70_001])
    func marksFoundInTheOrderByJobIDAreThoseOfAPass(count: Int) throws {
        let table = Self.table(count: count)
        let decisions = Self.decided(table, every: 97)
        let byHand = Self.marksByHand(table, decisions)
        #expect(byHand.contains { $0 != 0 })
        // Before the order is made: the pass.
        #expect(table.jobs(withKeys: decisions.map(\.jobID)) == nil)
        #expect(Self.differences(DecisionMarks(book: DecisionBook(decisions), table: table).codes, byHand) == [])
        _ = table.sortedIndices(.job)
        if count > decisions.count * 64 {
            #expect(table.jobs(withKeys: decisions.map(\.jobID)) != nil)
        }
        #expect(Self.differences(DecisionMarks(book: DecisionBook(decisions), table: table).codes, byHand) == [])
    }

    /// A job found by its key, before and after the order by job id is made, is the first
    /// job whose key it is (every kind of key the table holds, and keys it does not).
    @Test func aJobFoundByItsKeyIsTheFirstWithThatKey() {
        let table = Self.table(count: 70_001)
        let keys = (0..<table.count).map { table.store.jobKey($0) }
        var firstByKey: [String: Int] = [:]
        for (job, key) in keys.enumerated() where firstByKey[key] == nil { firstByKey[key] = job }
        let kinds = Set(keys.map { $0.prefix { $0 != ":" && !$0.isNumber } })
        #expect(kinds.count > 1, "more than one kind of key: \(kinds)")
        let asked =
            Array(keys.enumerated().filter { $0.offset % 331 == 0 || $0.offset == table.count - 1 }.map(\.element))
            + ["", "0002001042x", "job_id:", "no such job"]
        func found() -> [Int?] { asked.map { table.index(ofJob: $0) } }
        let byHand = asked.map { firstByKey[$0] }
        #expect(byHand.contains { $0 == nil } && byHand.contains { $0 != nil })
        #expect(found() == byHand)
        _ = table.sortedIndices(.job)
        #expect(table.jobs(withKeys: [asked[0]]) != nil)
        #expect(found() == byHand)
    }

    @Test func decisionsTakenInOneByOneAreTheWholeBooksMarks() {
        let table = Self.table(count: 70_001)
        _ = table.sortedIndices(.job)
        let first = Self.decided(table, every: 89)
        var book = DecisionBook(first)
        var marks = DecisionMarks(book: book, table: table)
        // Another desk: some jobs decided again, some for the first time, one back to open.
        let later = [5, 17, 89 * 3, 70_000].map { job in
            Decision(
                jobID: table.store.jobKey(job), state: job == 17 ? .open : .escalated, who: "other",
                at: Timestamp(millisecondsSince1970: 1), sequence: Int64(1_000_000 + job))
        }
        book.apply(later)
        marks.update(later.compactMap { book[$0.jobID] }, table: table)
        #expect(Self.differences(marks.codes, DecisionMarks(book: book, table: table).codes) == [])
        #expect(Self.differences(marks.codes, Self.marksByHand(table, Array(book.byJob.values))) == [])
    }
}
