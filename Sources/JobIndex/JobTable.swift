import Dispatch
import SmileJobs
import Synchronization

/// The loaded jobs, with what the list needs worked out once: a sorted order per column,
/// the jobs of each user, the rings. Filters, sorts, search and counts read the store's
/// columns; a `Job` value is made only for what is on screen.
///
/// The table never changes after it is made; its caches fill the first time they are
/// asked for (under a lock, so a background thread may warm them). Two tables are equal
/// when they are the same table.
public final class JobTable: Sendable, Equatable {
    public let store: JobStore
    public var catalogue: Catalogue { store.catalogue }

    private struct Caches {
        var jobsOfUser: [String: [Int32]]?
        var rings: RingIndex?
        var review: ReviewQueue?
        var chase: ChaseIndex?
    }

    private let caches = Mutex(Caches())
    /// Each column's order, made once: under the column's own lock while it is made, so a
    /// sort asked for while `warmOrders` is making that order waits for it, not makes it twice.
    private let orders = SortColumn.allCases.map { _ in OrderSlot() }
    /// Jobs by category over the whole table (the list unfiltered, in any order).
    private let wholeCounts = Mutex<[Int]?>(nil)
    /// Each job's category byte in a column of its own, once made (after a load, with the
    /// orders): one byte a job, 8 MB at 8.3M jobs. Read from the jobs' entries, 36 bytes
    /// apart, a count or a filter by category over every job read 300 MB.
    private let categoryColumn = Mutex<[UInt8]?>(nil)
    /// How long a pending job may go before it counts as stuck (`chase.stuck_after_hours`).
    public let stuckAfterHours: Double

    public init(store: JobStore, stuckAfterHours: Double = ChaseIndex.defaultStuckAfterHours) {
        self.store = store
        self.stuckAfterHours = stuckAfterHours
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

    /// How many of these jobs are in each category, indexed by `Category.ordinal`: read as
    /// bytes from the store (a `category(_:)` a job took 12 ms a refresh at 1M jobs).
    /// `jobs` are distinct: all of them is the whole table's counts, made once (a sort of the
    /// unfiltered list changes the order, not the counts).
    public func categoryCounts(among jobs: [Int32]) -> [Int] {
        if jobs.count == count, count > 0 { return wholeCategoryCounts() }
        return countCategories(jobs)
    }

    /// Jobs by category over the whole table (made once).
    func wholeCategoryCounts() -> [Int] {
        wholeCounts.withLock { known in
            if let known { return known }
            var counted = [Int](repeating: 0, count: Category.allCases.count)
            for job in 0..<count { counted[Int(store.categoryByte(job))] += 1 }
            known = counted
            return counted
        }
    }

    private func countCategories(_ jobs: [Int32]) -> [Int] {
        var counts = [Int](repeating: 0, count: Category.allCases.count)
        let store = self.store
        for job in jobs { counts[Int(store.categoryByte(Int(job)))] += 1 }
        return counts
    }
    public func secureVerdict(_ index: Int) -> SecureVerdict { store.secureVerdict(index) }
    public func productName(_ index: Int) -> String { store.productName(index) }

    /// Works out what a new list needs first on both cores at once: the order of its sort
    /// column on one, the rings and review queue (the status bar counts the jobs needing
    /// review) on the other. Asked for one after the other, the last snapshot of a load
    /// spent 0.2 s on them at 834,000 jobs.
    public func prepare(sortedBy column: SortColumn) {
        guard count > 50_000 else { return }
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            if side == 0 { _ = sortedIndices(column) } else { _ = reviewQueue() }
        }
    }

    // MARK: - Sorting

    /// Job indices sorted ascending by a column (ties in load order).
    public func sortedIndices(_ column: SortColumn) -> [Int32] {
        orders[column.rawValue].order.withLock { known in
            if let known { return known }
            let order = computeOrder(column)
            known = order
            return order
        }
    }

    /// The category column, if it is made (never makes it: nor waits for it).
    package func categoryBytesIfMade() -> [UInt8]? { categoryColumn.withLock { $0 } }

    /// Makes the category column, if it is not made yet.
    public func makeCategoryColumn() {
        guard categoryBytesIfMade() == nil else { return }
        let store = self.store
        let column = [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            for job in 0..<count { bytes[job] = store.categoryByte(job) }
            initialized = count
        }
        categoryColumn.withLock { $0 = column }
    }

    /// Whether a column's order is made already.
    public func hasOrder(_ column: SortColumn) -> Bool { orders[column.rawValue].order.withLock { $0 != nil } }

    /// Whether this column's order is made, without waiting: false while another thread is
    /// making it.
    public func hasOrderNow(_ column: SortColumn) -> Bool {
        orders[column.rawValue].order.withLockIfAvailable { $0 != nil } ?? false
    }

    /// Makes every column's order not yet made, one after another, while `keepGoing` says
    /// so (asked before each): for a thread with nothing else to do once a load is in, so
    /// that a first sort on any column is a lookup, not a sort of every job (at ten million
    /// records, a first sort by code took 312 ms). Memory: four bytes a job a column.
    public func warmOrders(while keepGoing: () -> Bool = { true }) {
        makeCategoryColumn()
        for column in SortColumn.allCases where !hasOrder(column) {
            guard keepGoing() else { return }
            _ = sortedIndices(column)
        }
    }

    private func computeOrder(_ column: SortColumn) -> [Int32] {
        let count = self.count
        switch column {
        case .time:
            // Signed to unsigned, order kept: flip the sign bit. Jobs without a time sort
            // first, just before the earliest (not at Int64.min, which would make the keys
            // 64 bits wide where a day's times differ in 27).
            func key(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) ^ (1 << 63) }
            var keys = [UInt64](repeating: 0, count: count)
            var earliest = Int64.max
            var untimed = false
            for job in 0..<count {
                if let time = store.time(job) {
                    keys[job] = key(time)
                    earliest = min(earliest, time)
                } else {
                    untimed = true
                }
            }
            if untimed && earliest != .max {
                // Key 0 is Int64.min's, which no job's time is: the jobs left at 0 have none.
                let before = key(earliest - 1)
                for job in 0..<count where keys[job] == 0 { keys[job] = before }
            }
            return RadixSort.order(keys: keys)
        case .category: return RadixSort.order(count: count) { UInt64(store.category($0).urgency) }
        case .secure:
            let rank: [SecureVerdict: UInt64] = [.suspects: 0, .error: 1, .clear: 2, .none: 3]
            return RadixSort.order(count: count) { rank[store.secureVerdict($0)] ?? 3 }
        case .job: return sortByBytes { sortedJobID($0) }
        case .user: return sortByBytes { store.fieldRef($0, .userID) }
        case .product:
            return sortByRank(
                count: count, id: { store.productID($0) }, name: { store.strings.products.value($0) ?? "" },
                other: { _ in "" })
        case .code:
            return sortByRank(
                count: count, id: { store.resultCodeID($0) }, name: { store.normalisedCode($0) ?? "" },
                other: { store.displayCode($0) ?? "" })
        case .text:
            return sortByRank(
                count: count, id: { store.resultTextID($0) }, name: { store.strings.texts.value($0) ?? "" },
                other: { store.resultText($0) ?? "" })
        }
    }

    /// Sorts by an interned value (few distinct ones): each distinct value ranked once by its
    /// text, then jobs sorted by rank. Ids are small (interned), so they index arrays: a
    /// set and a dictionary looked up per job made a first sort by code take 89 ms a
    /// keystroke at 834,000 jobs (53–59 ms since). `other` names jobs without an id.
    private func sortByRank(count: Int, id: (Int) -> UInt32, name: (UInt32) -> String, other: (Int) -> String) -> [Int32] {
        var ids = [UInt32](repeating: 0, count: count)
        var largest: UInt32 = 0
        // Jobs without an id: each one's text numbered once among the few distinct ones
        // (kept per job in a dictionary, they were a dictionary insertion a job).
        var otherNumbers: [String: UInt32] = [:]
        var otherTexts: [String] = [""]
        var otherOfJob: [UInt32] = []
        for job in 0..<count {
            let value = id(job)
            ids[job] = value
            largest = max(largest, value)
            guard value == 0 else { continue }
            if otherOfJob.isEmpty { otherOfJob = [UInt32](repeating: 0, count: count) }
            let text = other(job)
            guard !text.isEmpty else { continue }
            if let known = otherNumbers[text] {
                otherOfJob[job] = known
            } else {
                otherTexts.append(text.lowercased())
                otherNumbers[text] = UInt32(otherTexts.count - 1)
                otherOfJob[job] = UInt32(otherTexts.count - 1)
            }
        }
        let idCount = Int(largest) + 1
        var present = [Bool](repeating: false, count: idCount)
        for value in ids { present[Int(value)] = true }
        present[0] = false
        let distinct = present.indices.filter { present[$0] }.map { UInt32($0) }
        // Every distinct text, interned or not, in one ranking.
        var texts = Set(distinct.map { name($0).lowercased() })
        texts.formUnion(otherTexts.dropFirst())
        let ranked = texts.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var rankOfText: [String: UInt64] = [:]
        for (rank, text) in ranked.enumerated() { rankOfText[text] = UInt64(rank) + 1 }
        var rankOfID = [UInt64](repeating: 0, count: idCount)
        for value in distinct { rankOfID[Int(value)] = rankOfText[name(value).lowercased()] ?? 0 }
        let rankOfOther = otherTexts.enumerated().map { $0.offset == 0 ? 0 : rankOfText[$0.element] ?? 0 }
        var keys = [UInt64](repeating: 0, count: count)
        for job in 0..<count {
            let value = ids[job]
            keys[job] = value != 0 ? rankOfID[Int(value)] : otherOfJob.isEmpty ? 0 : rankOfOther[Int(otherOfJob[job])]
        }
        return RadixSort.order(keys: keys)
    }

    /// Sorts by bytes ignoring ASCII case, shorter first where one is the start of the
    /// other, ties in load order: as `RadixSort.compareIgnoringCase` orders them.
    ///
    /// Most-significant chunk first: every job by its first four bytes (a radix sort of
    /// 32-bit keys), then each run of jobs that share them by the next four, and so on,
    /// only where some member of the run goes on. Ids share long beginnings
    /// (`user-c8ff717afe04`, UUIDs of a partner): sorted by eight bytes and then by
    /// comparisons inside each run, a first sort by user id took 0.8 s at 834,000 jobs and
    /// seconds at 8.3M. A run that still ties at 64 bytes, or is small, is sorted by
    /// comparisons. While most jobs are still in runs, a level's chunks are read for every
    /// job in load order (the order the text was stored in) into one array: read in a
    /// run's order instead, almost every byte was a miss.
    private func sortByBytes(_ field: (Int) -> TextRef) -> [Int32] {
        // Each job's text is found again where it is needed, not kept in an array: at 8.3M
        // jobs, every array a job is 33–66 MB on top of a store of two gigabytes.
        let store = self.store
        func length(_ job: Int32) -> Int { store.withBytes(field(Int(job))) { $0.count } }
        /// Four bytes from `offset`, lower-cased, big-endian, zeros past the end; and
        /// whether the text goes on after them.
        func chunk(_ job: Int, at offset: Int) -> (key: UInt32, goesOn: Bool) {
            store.withBytes(field(job)) { bytes in
                let key = RadixSort.prefixKey(UnsafeBufferPointer(rebasing: bytes.dropFirst(offset))) >> 32
                return (UInt32(key), bytes.count > offset + 4)
            }
        }
        func compare(_ a: Int32, _ b: Int32) -> Bool {
            let order = store.withBytes(field(Int(a))) { left in
                store.withBytes(field(Int(b))) { right in RadixSort.compareIgnoringCase(left, right) }
            }
            return order != 0 ? order < 0 : a < b
        }
        var order = (0..<Int32(count)).map { $0 }
        /// A small run (or one tied past 64 bytes): by the eight bytes from `offset`, read
        /// once a member, and the whole texts only where those tie (comparing whole texts
        /// read two of them, at random, for every comparison).
        func sortSmall(_ range: Range<Int>, from offset: Int) {
            var keyed = order[range].map { job in
                let key = store.withBytes(field(Int(job))) { RadixSort.prefixKey(UnsafeBufferPointer(rebasing: $0.dropFirst(offset))) }
                return (key: key, job: job)
            }
            keyed.sort { $0.key != $1.key ? $0.key < $1.key : compare($0.job, $1.job) }
            for (place, member) in keyed.enumerated() { order[range.lowerBound + place] = member.job }
        }
        var runs = [0..<count]
        var levelKeys: [UInt32] = []
        var levelGoesOn: [Bool] = []
        var offset = 0
        while !runs.isEmpty {
            if offset >= 64 {
                for run in runs { sortSmall(run, from: offset) }
                break
            }
            let radixed = runs.reduce(0) { $0 + ($1.count > 32 ? $1.count : 0) }
            let whole = radixed * 4 > count
            if whole {
                if levelKeys.isEmpty {
                    levelKeys = [UInt32](repeating: 0, count: count)
                    levelGoesOn = [Bool](repeating: false, count: count)
                }
                for job in 0..<count { (levelKeys[job], levelGoesOn[job]) = chunk(job, at: offset) }
            }
            var next: [Range<Int>] = []
            for range in runs {
                if range.count <= 32 {
                    sortSmall(range, from: offset)
                    continue
                }
                let read = order[range].map { whole ? (key: levelKeys[Int($0)], goesOn: levelGoesOn[Int($0)]) : chunk(Int($0), at: offset) }
                let sorted = RadixSort.order(keys: read.map { UInt64($0.key) })
                let members = sorted.map { order[range.lowerBound + Int($0)] }
                var start = 0
                while start < members.count {
                    let key = read[Int(sorted[start])].key
                    var end = start + 1
                    var goesOn = read[Int(sorted[start])].goesOn
                    while end < members.count && read[Int(sorted[end])].key == key {
                        goesOn = goesOn || read[Int(sorted[end])].goesOn
                        end += 1
                    }
                    let run = (range.lowerBound + start)..<(range.lowerBound + end)
                    if run.count > 1 && goesOn {
                        next.append(run)
                    }
                    for place in start..<end { order[range.lowerBound + place] = members[place] }
                    // Equal to here and all ending here, but not all as long (the rest was
                    // zeros, read as padding): the whole texts say which comes first.
                    if run.count > 1 && !goesOn && members[start..<end].contains(where: { length($0) != length(members[start]) }) {
                        sortSmall(run, from: offset + 4)
                    }
                    start = end
                }
            }
            runs = next
            offset += 4
        }
        return order
    }

    // MARK: - Filtering and search

    /// The jobs the list shows, in order. The filter and search are tested on both cores
    /// into a mask by job; the sorted order then picks the jobs the mask keeps.
    ///
    /// `among`: the list as it was for a search this one extends (typing a letter), in this
    /// order, under this filter and marks. Only those jobs are tested again: a job that
    /// contains the longer text contains the shorter, so no other job can match (a second
    /// letter typed tested every job again). Where the shorter search kept more than half the
    /// jobs, all are tested as usual: marking the candidates then costs more than it saves.
    public func visible(
        filter: JobFilter, search: String, sort: SortOrder, marks: DecisionMarks = DecisionMarks(), among: [Int32]? = nil
    ) -> [Int32] {
        if let among, among.count * 2 <= count { return kept(among, filter: filter, search: search, marks: marks) }
        let order = sortedIndices(sort.column)
        if filter.isEmpty && search.isEmpty { return sort.ascending ? order : order.reversed() }
        let kept = matchBits(filter: filter, search: search, marks: marks, among: nil)
        return Self.inOrder(order, ascending: sort.ascending, keeping: kept)
    }

    /// The jobs of `order` (or of it reversed) that `kept` has, in that order: on both cores
    /// for a long order, each part written where its stretch of the order starts and the
    /// parts then closed up. The order is every job, so its tests are random places in
    /// `kept` (the reason it is bits: at 8.3M jobs, `U` spent most of 221 ms here).
    static func inOrder(_ order: [Int32], ascending: Bool, keeping kept: JobBits) -> [Int32] {
        let total = order.count
        let parts = total > 50_000 ? 8 : 1
        return [Int32](unsafeUninitializedCapacity: total) { result, initialized in
            let shared = SharedJobs(result)
            let found = Mutex([Int](repeating: 0, count: parts))
            order.withUnsafeBufferPointer { order in
                let order = SharedOrder(order)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let start = total * part / parts, end = total * (part + 1) / parts
                    let out = shared.buffer, order = order.buffer
                    var written = start
                    if ascending {
                        for place in start..<end {
                            let job = order[place]
                            if kept.contains(Int(job)) {
                                out[written] = job
                                written += 1
                            }
                        }
                    } else {
                        for place in start..<end {
                            let job = order[total - 1 - place]
                            if kept.contains(Int(job)) {
                                out[written] = job
                                written += 1
                            }
                        }
                    }
                    found.withLock { $0[part] = written - start }
                }
            }
            // Each part's jobs moved down to follow the one before (the first is in place).
            var end = 0
            let counts = found.withLock { $0 }
            for part in 0..<parts {
                let start = total * part / parts
                if start != end, counts[part] > 0 {
                    (result.baseAddress! + end).update(from: result.baseAddress! + start, count: counts[part])
                }
                end += counts[part]
            }
            initialized = end
        }
    }

    /// The candidates that match, in their order. They are tested in load order (marked in
    /// bits first): tested in the list's order, a job's records are read at random, and a
    /// second letter after a first that kept most jobs took longer than the first.
    private func kept(_ candidates: [Int32], filter: JobFilter, search: String, marks: DecisionMarks) -> [Int32] {
        if filter.isEmpty && search.isEmpty { return candidates }
        let wanted = JobBits(jobs: candidates, count: count)
        let kept = matchBits(filter: filter, search: search, marks: marks, among: wanted)
        var result: [Int32] = []
        result.reserveCapacity(candidates.count)
        for job in candidates where kept.contains(Int(job)) { result.append(job) }
        return result
    }

    /// For each job (only those `among` has, when given), whether it matches the filter and
    /// search: tested on both cores, each part in its own stretch of the bits.
    private func matchBits(filter: JobFilter, search: String, marks: DecisionMarks, among: JobBits?) -> JobBits {
        let test = filter.isEmpty ? nil : FilterTest(filter, table: self, marks: marks)
        let matcher = search.isEmpty ? nil : store.searchMatcher(search)
        let store = self.store
        let parts = count > 50_000 ? 8 : 1
        let arena = store.searchArena
        let all = among == nil
        let wanted = among ?? JobBits(count: 0)
        // One pass for each case, the test and matcher bound outside it: a test made a
        // closure of, asked per job, took a filter keystroke from 12 to 67 ms.
        switch (test, matcher) {
        case (let test?, let matcher?):
            return JobBits(count: count, parts: parts) { job in
                (all || wanted.contains(job)) && test.matches(job) && store.matches(job, matcher, in: arena)
            }
        case (let test?, nil):
            if test.decidesAlone, all {
                // The untriaged queue: only each job's decision byte is read.
                let marks = test.marks, kept = test.decisionKept
                return JobBits(count: count, parts: parts) { job in kept[Int(job < marks.count ? marks[job] : 0)] }
            }
            return JobBits(count: count, parts: parts) { job in (all || wanted.contains(job)) && test.matches(job) }
        case (nil, let matcher?):
            return JobBits(count: count, parts: parts) { job in (all || wanted.contains(job)) && store.matches(job, matcher, in: arena) }
        case (nil, nil):
            return JobBits(count: count)
        }
    }

    /// A filter's test, prepared once, for asking of a few jobs.
    public func filterTest(_ filter: JobFilter, marks: DecisionMarks) -> PreparedFilter {
        PreparedFilter(test: FilterTest(filter, table: self, marks: marks))
    }

    public func matches(_ index: Int, _ filter: JobFilter, marks: DecisionMarks = DecisionMarks()) -> Bool {
        FilterTest(filter, table: self, marks: marks).matches(index)
    }

    /// How many jobs a filter keeps, with its test prepared once (`matches` prepares it for
    /// every job it is asked about: the filter menu's ring count, in profiles of the
    /// benchmark, took most of a second to open at 1M jobs).
    public func count(matching filter: JobFilter, marks: DecisionMarks = DecisionMarks()) -> Int {
        let test = FilterTest(filter, table: self, marks: marks)
        var kept = 0
        for job in 0..<count where test.matches(job) { kept += 1 }
        return kept
    }

    // MARK: - Users and rings

    /// The loaded jobs of a user, in load order (remembered). Found in the order by user id
    /// when it is made (kept for sorts, made once a load is in: a binary search, then the
    /// user's run), else by a scan of every job's bytes: opening a job counts its user's
    /// jobs, and at 8.3M jobs the scan kept the detail waiting 114 ms.
    public func jobs(ofUser userID: String) -> [Int32] {
        if let known = caches.withLock({ $0.jobsOfUser?[userID] }) { return known }
        var copy = userID
        let found = copy.withUTF8 { bytes in jobsInUserOrder(ofUserBytes: bytes) ?? store.jobs(ofUserBytes: bytes) }
        caches.withLock { caches in
            if caches.jobsOfUser == nil || caches.jobsOfUser!.count > 10_000 { caches.jobsOfUser = [:] }
            caches.jobsOfUser![userID] = found
        }
        return found
    }

    /// The jobs whose user id is these bytes, in load order, from the order by user id;
    /// nil while that order is not made (or is being made: never waited for). The order
    /// sorts ids ignoring ASCII case, so the jobs with this id are among one run of ids
    /// equal but for case, found by two binary searches.
    package func jobsInUserOrder(ofUserBytes user: UnsafeBufferPointer<UInt8>) -> [Int32]? {
        guard let order = orders[SortColumn.user.rawValue].order.withLockIfAvailable({ $0 }), let order else { return nil }
        guard user.count > 0 else { return [] }
        let store = self.store
        let run = run(in: order, of: user) { store.fieldRef($0, .userID) }
        var found: [Int32] = []
        for place in run where store.withFieldBytes(Int(order[place]), .userID, { memcmpEqual($0, user) }) {
            found.append(order[place])
        }
        found.sort()
        return found
    }

    /// The places of an order sorted by `RadixSort.compareIgnoringCase` on `id` whose id
    /// equals these bytes but for ASCII case: two binary searches.
    private func run(in order: [Int32], of bytes: UnsafeBufferPointer<UInt8>, id: (Int) -> TextRef) -> Range<Int> {
        let store = self.store
        func compared(_ place: Int) -> Int { store.withBytes(id(Int(order[place]))) { RadixSort.compareIgnoringCase($0, bytes) } }
        /// The first place whose id compares above (`after`) or at least equal to the bytes.
        func boundary(after: Bool) -> Int {
            var low = 0, high = order.count
            while low < high {
                let middle = (low + high) / 2
                let order = compared(middle)
                if after ? order <= 0 : order < 0 { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return boundary(after: false)..<boundary(after: true)
    }

    /// The id the order by job id sorts a job by: its Smile job id, else its partner's.
    private func sortedJobID(_ job: Int) -> TextRef {
        let smile = store.fieldRef(job, .smileJobID)
        return store.withBytes(smile) { $0.count } > 0 ? smile : store.fieldRef(job, .partnerJobID)
    }

    /// The jobs whose merge key (`JobStore.jobKey`) is one of `keys`, as (the key's place in
    /// `keys`, the job), found in the order by job id: nil when that order is not made (or
    /// is being made: never waited for), or when a pass over every job is as cheap.
    ///
    /// A key is a Smile job id (sorted by as it is), `job_id:` and a partner's (sorted by
    /// the partner's, the job having no Smile id), or a key from content or place (the job
    /// has neither id: those sort first, with an empty id). Every candidate in those runs
    /// is held to the key byte for byte. At 8.3M jobs, matching 10,000 decisions to the jobs
    /// by a pass took 300–380 ms; this is a few binary searches each.
    package func jobs(withKeys keys: [String]) -> [(key: Int, job: Int32)]? {
        guard !keys.isEmpty, keys.count * 64 < count else { return nil }
        guard let order = orders[SortColumn.job.rawValue].order.withLockIfAvailable({ $0 }), let order else { return nil }
        let store = self.store
        var found: [(key: Int, job: Int32)] = []
        var noIDs: Range<Int>?
        for (keyPlace, key) in keys.enumerated() {
            guard !key.isEmpty else { return nil }
            var sortedBy = [key]
            if key.hasPrefix("job_id:") { sortedBy.append(String(key.dropFirst(7))) }
            if key.hasPrefix("content:") || key.hasPrefix("record:") { sortedBy.append("") }
            if sortedBy.contains("") {
                let empty = noIDs ?? run(in: order, of: UnsafeBufferPointer(start: nil, count: 0)) { sortedJobID($0) }
                noIDs = empty
                // Jobs with no id at all (or an empty one, "job_id:") are held to the key one
                // by one: if they are many, the pass is cheaper.
                guard empty.count <= 4096 else { return nil }
            }
            var keyCopy = key
            keyCopy.withUTF8 { keyBytes in
                for var id in sortedBy {
                    let places = id.isEmpty ? noIDs ?? 0..<0 : id.withUTF8 { bytes in run(in: order, of: bytes) { sortedJobID($0) } }
                    for place in places where store.withJobKeyBytes(Int(order[place]), { memcmpEqual($0, keyBytes) }) {
                        found.append((keyPlace, order[place]))
                    }
                }
            }
        }
        return found
    }

    /// Users linked by Smile Secure, grouped into rings.
    public func ringIndex() -> RingIndex {
        if let cached = caches.withLock({ $0.rings }) { return cached }
        let built = RingIndex(store: store)
        caches.withLock { $0.rings = built }
        return built
    }

    /// Why each job needs review, if it does (made once, with the rings).
    public func reviewQueue() -> ReviewQueue {
        if let cached = caches.withLock({ $0.review }) { return cached }
        let built = ReviewQueue(store: store, rings: ringIndex())
        caches.withLock { $0.review = built }
        return built
    }

    /// The chase index if it is made already (never makes it: for the status bar, which
    /// must not wait for a pass over a million jobs).
    public func chaseIndexIfReady() -> ChaseIndex? { caches.withLock { $0.chase } }

    /// Why each job needs chasing, if it does (made once).
    public func chaseIndex() -> ChaseIndex {
        if let cached = caches.withLock({ $0.chase }) { return cached }
        let built = ChaseIndex(store: store, stuckAfterHours: stuckAfterHours)
        caches.withLock { $0.chase = built }
        return built
    }

    /// True when the job's user is named as a suspect by another loaded job.
    public func isNamedAsSuspect(_ index: Int) -> Bool { reviewQueue().reasons(index).contains(.namedAsSuspect) }

    /// Where a job sits, by its merge key (the first in load order), for keeping a selection
    /// across reloads. From the order by job id when it is made; else a pass that holds each job's key bytes to the key, in place: it made a
    /// `String` of every job's key, about a second at 8.3M jobs when a followed file's
    /// snapshot moved the selected job.
    public func index(ofJob id: String) -> Int? {
        if let found = jobs(withKeys: [id]) { return found.map { Int($0.job) }.min() }
        var key = id
        let store = self.store
        return key.withUTF8 { keyBytes in
            (0..<count).first { job in store.withJobKeyBytes(job) { memcmpEqual($0, keyBytes) } }
        }
    }
}

/// One column's order, behind its own lock (a class: Mutex is not copyable into an array).
private final class OrderSlot: Sendable {
    let order = Mutex<[Int32]?>(nil)
}

/// A filter prepared once (`JobTable.filterTest`), for the view-model to ask of some jobs.
public struct PreparedFilter: Sendable {
    let test: FilterTest
    public func matches(_ job: Int) -> Bool { test.matches(job) }
}

/// A filter, prepared once for a pass over many jobs (a class: shared by the threads of
/// a pass, never copied per job).
final class FilterTest: Sendable {
    let filter: JobFilter
    let store: JobStore
    let table: JobTable
    let categories: [Bool]
    let verdicts: [Bool]
    let products: Set<UInt32>
    /// Product id → codes wanted on it.
    let productCodes: [UInt32: Set<String>]
    let rings: RingIndex?
    let review: ReviewQueue?
    let chase: ChaseIndex?
    let chaseWanted: ChaseReasons
    let decisions: [DecisionFilter]
    /// By decision code: whether the decision filter keeps it.
    let decisionKept: [Bool]
    let marks: [UInt8]
    /// Which of the filter's dimensions are set, read once: asked of `filter` per job, each
    /// question copied the filter out of this class (its sets retained and released), and
    /// a pass over 8.3M jobs for one decision filter took 75 ms on one core.
    /// The table's category column, when it is made.
    let categoryBytes: [UInt8]?
    /// True when the filter is on decisions and nothing else.
    let decidesAlone: Bool
    let byCategory, bySecure, byProduct, byCode, byProductCode, byCountry, byIDType, byAction, bySignature, byUser, byTime: Bool

    init(_ filter: JobFilter, table: JobTable, marks: DecisionMarks) {
        self.filter = filter
        self.table = table
        self.store = table.store
        categories = Category.allCases.map { filter.categories.contains($0) }
        verdicts = SecureVerdict.allCases.map { filter.secure.contains($0) }
        let strings = table.store.strings.products
        products = Set(
            (1..<max(1, strings.values.count)).compactMap { id in
                filter.products.contains(strings.values[id]) ? UInt32(id) : nil
            })
        var codesOfProduct: [UInt32: Set<String>] = [:]
        for pair in filter.productCodes {
            if let id = strings.lookupID(pair.product) { codesOfProduct[id, default: []].insert(pair.code) }
        }
        productCodes = codesOfProduct
        rings = filter.inRing || !filter.ringIDs.isEmpty ? table.ringIndex() : nil
        review = filter.needsReview ? table.reviewQueue() : nil
        chase = filter.chase.isEmpty ? nil : table.chaseIndex()
        chaseWanted = filter.chase.reduce(into: ChaseReasons()) { wanted, id in
            if let reason = ChaseReasons(id: id) { wanted.insert(reason) }
        }
        decisions = Array(filter.decisions)
        decisionKept = (0...255).map { code in filter.decisions.contains { $0.matches(UInt8(code)) } }
        self.marks = marks.codes
        byCategory = !filter.categories.isEmpty
        bySecure = !filter.secure.isEmpty
        byProduct = !filter.products.isEmpty
        byCode = !filter.codes.isEmpty
        byProductCode = !filter.productCodes.isEmpty
        byCountry = !filter.countries.isEmpty
        byIDType = !filter.idTypes.isEmpty
        byAction = !filter.actions.isEmpty
        bySignature = !filter.signatures.isEmpty
        byUser = !filter.users.isEmpty
        byTime = filter.since != nil || filter.until != nil
        categoryBytes = table.categoryBytesIfMade()
        var others = filter
        others.decisions = []
        decidesAlone = !filter.decisions.isEmpty && others.isEmpty
    }

    @inline(__always)
    func matches(_ index: Int) -> Bool {
        if byCategory && !categories[Int(categoryBytes?[index] ?? store.categoryByte(index))] { return false }
        if bySecure && !verdicts[SecureVerdict.allCases.firstIndex(of: store.secureVerdict(index))!] { return false }
        if byProduct && !products.contains(store.productID(index)) { return false }
        if byCode && !filter.codes.contains(store.displayCode(index) ?? "none") { return false }
        if byProductCode {
            guard let codes = productCodes[store.productID(index)], codes.contains(store.displayCode(index) ?? "none") else { return false }
        }
        if byCountry && !filter.countries.contains(store.strings.countries.value(store.countryID(index)) ?? "none") {
            return false
        }
        if byIDType && !filter.idTypes.contains(store.strings.idTypes.value(store.idTypeID(index)) ?? "none") {
            return false
        }
        if byAction
            && !store.actionPairs(index).contains(where: { filter.actions.contains(ActionResult(name: $0.name, value: $0.value)) })
        {
            return false
        }
        if bySignature && !filter.signatures.contains(store.signature(index)) { return false }
        if !decisions.isEmpty && !decisionKept[Int(index < marks.count ? marks[index] : 0)] { return false }
        if let rings {
            guard let user = store.userID(index), let ring = rings.ring(ofUser: user) else { return false }
            if !filter.ringIDs.isEmpty && !filter.ringIDs.contains(rings.rings[ring].id) { return false }
        }
        if byUser && !filter.users.contains(store.userID(index) ?? "") { return false }
        if byTime {
            guard let time = store.time(index) else { return false }
            if let since = filter.since, time < since { return false }
            if let until = filter.until, time >= until { return false }
        }
        if let review, !review.needsReview(index) { return false }
        if let chase, chase.reasons(index).isDisjoint(with: chaseWanted) { return false }
        return true
    }
}

/// A list written by several threads, each in its own stretch (never the same element
/// twice), so no lock is needed. `@unchecked`: that disjointness is the guarantee.
private struct SharedJobs: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int32>
    init(_ buffer: UnsafeMutableBufferPointer<Int32>) { self.buffer = buffer }
}

/// An order read by several threads (it is not changed meanwhile).
private struct SharedOrder: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Int32>
    init(_ buffer: UnsafeBufferPointer<Int32>) { self.buffer = buffer }
}
