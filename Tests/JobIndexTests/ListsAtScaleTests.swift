import Testing

@testable import JobIndex
@testable import SmileJobs

/// The list, its counts and the decision marks, made the fast ways (bits, parts on both
/// cores, counts by the jobs left out, the category column, the order by job id) on tables
/// large enough to take them, held to plain passes.
@Suite("Lists, counts and marks at scale")
struct ListsAtScaleTests {
    /// Codes in several categories, so that filters and counts have something to tell apart.
    static let codes = ["1012", "1013", "0813", "1020", "2413", "0810", "1022", "5212"]

    /// `count` jobs: most keyed by a Smile id (some differing from another only in case, some
    /// looking like a partner key), some by a partner's job id alone, a few by nothing.
    static func table(count: Int) -> JobTable {
        let builder = JobStoreBuilder()
        for index in 0..<count {
            var record = JobRecord(
                origin: RecordOrigin(source: 0, line: Int32(index + 1), offset: Int64(index * 100), length: 100, part: .whole),
                kind: .result)
            switch index % 10 {
            case 7: record.partnerJobID = "p-ọ-\(index)"
            case 8: record.smileJobID = index % 20 == 8 ? "JOB-\(index - 1)" : "job_id:p-ọ-\(index - 1)"
            case 9 where index % 1000 == 9: break
            default: record.smileJobID = "job-\(index)"
            }
            record.userID = "user-\(index % 97)"
            record.resultCode = codes[(index * 7 + index / 13) % codes.count]
            record.resultText = "Ọ̀rọ̀ \(index % 5)"
            builder.append(record)
        }
        return JobTable(store: builder.snapshot())
    }

    static func decided(_ table: JobTable, every step: Int) -> [Decision] {
        let states: [DecisionState] = [.cleared, .escalated, .rerun, .open]
        var decisions = stride(from: 0, to: table.count, by: step).map { job in
            Decision(
                jobID: table.store.jobKey(job), state: states[job % states.count], who: "test",
                at: Timestamp(millisecondsSince1970: 0), sequence: Int64(job + 1))
        }
        // Keys no job has: one in another case, a partner key of a Smile id, a made-up place.
        for key in ["JOB-10", "job_id:job-11", "record:0:3:999", "content:none", "ọ"] {
            decisions.append(Decision(jobID: key, state: .escalated, who: "test", at: Timestamp(millisecondsSince1970: 0), sequence: 1))
        }
        return decisions
    }

    /// The first few places two long arrays differ at (or their lengths, when those do):
    /// what a failure shows, not two arrays of 70,000.
    static func differences<T: Equatable>(_ a: [T], _ b: [T]) -> [String] {
        guard a.count == b.count else { return ["\(a.count) against \(b.count) elements"] }
        return a.indices.filter { a[$0] != b[$0] }.prefix(5).map { "at \($0): \(a[$0]) against \(b[$0])" }
    }

    /// The list in its order, by hand: every job of the order the filter and search keep.
    static func listByHand(_ table: JobTable, _ filter: JobFilter, search: String, sort: SortOrder, marks: DecisionMarks) -> [Int32] {
        let order = table.sortedIndices(sort.column)
        let searched = Set(table.visible(filter: JobFilter(), search: search, sort: SortOrder(column: .time, ascending: true)))
        let test = FilterTest(filter, table: table, marks: marks)
        let kept = (sort.ascending ? order : order.reversed()).filter { job in
            test.matches(Int(job)) && (search.isEmpty || searched.contains(job))
        }
        return kept
    }

    @Test func listsMadeFromBitsInPartsAreThoseOfAPlainPass() {
        let table = Self.table(count: 70_001)
        let marks = DecisionMarks(book: DecisionBook(Self.decided(table, every: 3)), table: table)
        var rejected = JobFilter()
        rejected.categories = [.rejected]
        var untriaged = JobFilter()
        untriaged.decisions = [.untriaged]
        var both = untriaged
        both.categories = [.approved, .rejected]
        for columnMade in [false, true] {
            if columnMade { table.makeCategoryColumn() }
            for filter in [rejected, untriaged, both] {
                for sort in [SortOrder.standard, SortOrder(column: .code, ascending: true), SortOrder(column: .user, ascending: false)] {
                    for search in ["", "ọ̀rọ̀ 3"] {
                        let list = table.visible(filter: filter, search: search, sort: sort, marks: marks)
                        #expect(!list.isEmpty)
                        let byHand = Self.listByHand(table, filter, search: search, sort: sort, marks: marks)
                        #expect(Self.differences(list, byHand) == [], "\(filter.summary) \(sort) \(search)")
                    }
                }
            }
        }
    }

    /// Counts by hand, job by job.
    static func countsByHand(_ table: JobTable, _ jobs: [Int32], chase: ChaseIndex) -> ListCounts {
        var counts = ListCounts(categories: [Int](repeating: 0, count: Category.allCases.count), review: 0, chase: 0)
        let review = table.reviewQueue()
        for job in jobs {
            counts.categories[table.store.category(Int(job)).ordinal] += 1
            if !review.reasons(Int(job)).isEmpty { counts.review += 1 }
            if !chase.reasons(Int(job)).isEmpty { counts.chase += 1 }
        }
        return counts
    }

    @Test func listCountsAreCountsByHandAtEverySize() {
        let table = Self.table(count: 70_001)
        let chase = table.chaseIndex()
        let order = table.sortedIndices(.user)
        #expect(table.reviewQueue().count > 0)
        // Every job; all but a few (counted by those left out); 60% of them; between a
        // sixteenth and a half; a few (counted one by one); none.
        let lists: [[Int32]] = [
            order, order.filter { $0 % 1_000 != 5 }, order.filter { $0 % 5 < 3 }, order.filter { $0 % 3 == 0 },
            order.filter { $0 % 50 == 1 }, [],
        ]
        for columnMade in [false, true] {
            if columnMade { table.makeCategoryColumn() }
            for list in lists {
                #expect(table.listCounts(among: list, chase: chase) == Self.countsByHand(table, list, chase: chase), "\(list.count)")
                #expect(
                    table.listCounts(among: list, chase: nil) == Self.countsByHand(table, list, chase: .empty), "\(list.count)")
            }
        }
    }

    @Test func bitsLeftOutStopAtTheLastJob() {
        for count in [1, 63, 64, 65, 130] {
            let kept = Array(stride(from: Int32(0), to: Int32(count), by: 3))
            let bits = JobBits(jobs: kept, count: count)
            #expect(bits.setCount == kept.count)
            var set: [Int] = []
            var unset: [Int] = []
            bits.forEachSet(inWords: 0..<bits.words.count) { set.append($0) }
            bits.forEachSet(inWords: 0..<bits.words.count, inverted: true) { unset.append($0) }
            #expect(set == kept.map(Int.init))
            #expect(unset == (0..<count).filter { $0 % 3 != 0 }, "\(count)")
        }
    }
}
