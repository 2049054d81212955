import Dispatch
import SmileJobs
import Synchronization

/// A frozen, shareable view of loaded jobs: packed records, interned strings, and per job
/// what the list needs. Jobs become `Job` values only when asked for (a screen's rows, a
/// detail), so a million jobs stay small; filters, sorts and counts read the columns.
public struct JobStore: Sendable, Equatable {
    /// Everything a snapshot holds, behind one reference: a JobStore is cheap to copy.
    final class Storage: Sendable {
        let records: ColumnView<PackedRecord>
        let arena: TextArenaView
        let strings: StoreStrings
        let secures: [SecureResult]
        let actionPairs: [ActionPair]
        let actionLists: ActionLists
        let jobs: ChunkedJobs
        let more: [[Int32]]
        let contentKeys: [Int32: String]
        let replayed: Set<Int32>
        let enrollees: [Int32: EnrolleeFlags]
        /// The enrollee flags of each user named by an enrollee-info response (a later read
        /// wins flag by flag).
        let enrolleeByUser: [String: EnrolleeFlags]
        let catalogue: Catalogue
        /// Each interned code as the list shows it ("810" → "0810"), worked out once.
        let normalisedCodes: [String?]
        let generation: Int
        let builderID: ObjectIdentifier?

        init(
            records: ColumnView<PackedRecord>, arena: TextArenaView, strings: StoreStrings, secures: [SecureResult],
            actionPairs: [ActionPair], actionLists: ActionLists, jobs: ChunkedJobs, more: [[Int32]], contentKeys: [Int32: String],
            replayed: Set<Int32>, enrollees: [Int32: EnrolleeFlags], catalogue: Catalogue, generation: Int,
            builderID: ObjectIdentifier?
        ) {
            self.records = records
            self.replayed = replayed
            self.enrollees = enrollees
            var byUser: [String: EnrolleeFlags] = [:]
            for index in enrollees.keys.sorted(by: { records[Int($0)].readingOrder < records[Int($1)].readingOrder }) {
                guard let user = arena.string(records[Int(index)].userID), let flags = enrollees[index] else { continue }
                byUser[user] = flags.over(byUser[user] ?? EnrolleeFlags())
            }
            self.enrolleeByUser = byUser
            self.arena = arena
            self.strings = strings
            self.secures = secures
            self.actionPairs = actionPairs
            self.actionLists = actionLists
            self.jobs = jobs
            self.more = more
            self.contentKeys = contentKeys
            self.catalogue = catalogue
            self.normalisedCodes = strings.codes.values.enumerated().map { $0.offset == 0 ? nil : Catalogue.normalise($0.element) }
            self.generation = generation
            self.builderID = builderID
        }
    }

    let storage: Storage

    init(
        records: ColumnView<PackedRecord>, arena: TextArenaView, strings: StoreStrings, secures: [SecureResult],
        actionPairs: [ActionPair], actionLists: ActionLists, jobs: ChunkedJobs, more: [[Int32]], contentKeys: [Int32: String],
        replayed: Set<Int32> = [], enrollees: [Int32: EnrolleeFlags] = [:], catalogue: Catalogue, generation: Int,
        builderID: ObjectIdentifier?
    ) {
        storage = Storage(
            records: records, arena: arena, strings: strings, secures: secures, actionPairs: actionPairs,
            actionLists: actionLists, jobs: jobs, more: more, contentKeys: contentKeys, replayed: replayed,
            enrollees: enrollees,
            catalogue: catalogue, generation: generation, builderID: builderID)
    }

    var records: ColumnView<PackedRecord> { storage.records }
    var arena: TextArenaView { storage.arena }
    package var strings: StoreStrings { storage.strings }
    var secures: [SecureResult] { storage.secures }
    var actionPairs: [ActionPair] { storage.actionPairs }
    var actionLists: ActionLists { storage.actionLists }
    var jobs: ChunkedJobs { storage.jobs }
    var more: [[Int32]] { storage.more }
    public var catalogue: Catalogue { storage.catalogue }
    var normalisedCodes: [String?] { storage.normalisedCodes }
    var generation: Int { storage.generation }
    var builderID: ObjectIdentifier? { storage.builderID }

    public static let empty = JobStoreBuilder().snapshot()

    /// A store holding these jobs' records, merged again (for tests and small data).
    public init(jobs: [Job], catalogue: Catalogue = .standard) {
        let builder = JobStoreBuilder(catalogue: catalogue)
        for job in jobs {
            var seen = Set<RecordOrigin>()
            for record in ([job.current, job.secureRecord].compactMap { $0 } + job.earlier + job.earlierSecure + job.setAside)
                .filter({ seen.insert($0.origin).inserted })
                .sorted(by: {
                    ($0.origin.source, $0.origin.offset, PackedRecord.part($0.origin.part)) < (
                        $1.origin.source, $1.origin.offset, PackedRecord.part($1.origin.part)
                    )
                })
            {
                builder.append(record)
            }
        }
        self = builder.snapshot()
    }

    public var jobCount: Int { jobs.count }

    /// Bytes the store's structures hold (records, text, jobs, side tables), for the benchmark.
    public var approximateByteCount: Int {
        records.chunks.count * 65_536 * MemoryLayout<PackedRecord>.stride
            + arena.chunks.reduce(0) { $0 + $1.count } + arena.long.reduce(0) { $0 + $1.count }
            + jobs.byteCount + secures.count * MemoryLayout<SecureResult>.stride
            + more.reduce(0) { $0 + 32 + $1.count * 4 }
    }

    /// Two snapshots are equal when they are the same snapshot of the same builder.
    public static func == (lhs: JobStore, rhs: JobStore) -> Bool {
        lhs.builderID == rhs.builderID && lhs.generation == rhs.generation && lhs.jobs.count == rhs.jobs.count
    }
    public var recordCount: Int { records.count }

    // MARK: - Columns

    @inline(__always) public func category(_ job: Int) -> Category { Category(rawByte: storage.jobs[job].category) }
    @inline(__always) public func secureVerdict(_ job: Int) -> SecureVerdict { SecureVerdict(rawByte: storage.jobs[job].verdict) }
    public func productName(_ job: Int) -> String { storage.strings.products.value(storage.jobs[job].product) ?? "Unknown product" }
    @inline(__always) package func productID(_ job: Int) -> UInt32 { storage.jobs[job].product }
    /// The category's and the Smile Secure verdict's ordinals, for counting in arrays.
    @inline(__always) package func categoryByte(_ job: Int) -> UInt8 { storage.jobs[job].category }
    @inline(__always) package func verdictByte(_ job: Int) -> UInt8 { storage.jobs[job].verdict }
    package var productIDCount: Int { storage.strings.products.count + 1 }

    /// The record the list row speaks for: the current main result, else the Smile Secure one.
    @inline(__always)
    func primary(_ job: Int) -> PackedRecord {
        let packed = storage.jobs[job]
        return storage.records[Int(packed.current >= 0 ? packed.current : (packed.secure >= 0 ? packed.secure : packed.first))]
    }

    /// The record the list row speaks for, by index.
    @inline(__always)
    func primaryIndex(_ job: Int) -> Int32 {
        let packed = storage.jobs[job]
        return packed.current >= 0 ? packed.current : (packed.secure >= 0 ? packed.secure : packed.first)
    }

    /// Milliseconds of the job's time by the field rule (the main result's, else the Smile
    /// Secure callback's, else the first record read with one), or nil.
    public func time(_ job: Int) -> Int64? {
        let packed = storage.jobs[job]
        func time(_ index: Int32) -> Int64? {
            let time = storage.records[Int(index)].time
            return time == PackedRecord.noTime ? nil : time
        }
        if packed.second < 0 { return time(packed.first) }
        return firstNonEmpty(packed, time)
    }

    /// The code the list shows (result code, Smile Secure code, or failing status code).
    public func displayCode(_ job: Int) -> String? {
        let record = primary(job)
        if record.resultCode != 0 { return storage.normalisedCodes[Int(record.resultCode)] }
        if record.kind == JobRecord.Kind.smileSecure.rawValue, record.secure != 0 {
            return secures[Int(record.secure) - 1].code.map(Catalogue.normalise)
        }
        if let status = strings.codes.value(record.statusCode), let known = StatusCode.lookup(status), known.isFailure { return known.code }
        return nil
    }

    /// The first of a field among the job's records, current first (as `Job` does).
    @inline(__always)
    func firstText(_ job: Int, _ field: (PackedRecord) -> TextRef) -> TextRef {
        let packed = storage.jobs[job]
        if packed.second < 0 { return field(storage.records[Int(packed.first)]) }
        return firstNonEmpty(packed) { index in
            let ref = field(storage.records[Int(index)])
            return ref.isNone ? nil : ref
        } ?? .none
    }

    @inline(__always)
    func firstID(_ job: Int, _ field: (PackedRecord) -> UInt32) -> UInt32 {
        let packed = storage.jobs[job]
        if packed.second < 0 { return field(storage.records[Int(packed.first)]) }
        return firstNonEmpty(packed) { index in
            let value = field(storage.records[Int(index)])
            return value == 0 ? nil : value
        } ?? 0
    }

    /// The field rule (`FieldRule`): the current record, the Smile Secure record, then the
    /// others in reading order (the job's list is kept in it). No allocation: this runs per
    /// job in every sort and filter.
    private func firstNonEmpty<T>(_ packed: PackedJob, _ value: (Int32) -> T?) -> T? {
        let current = packed.current, secure = packed.secure
        return FieldRule.first(
            current: current >= 0 ? current : nil, secure: secure >= 0 ? secure : nil,
            others: RecordIndices(packed, more: storage.more).lazy.filter { $0 != current && $0 != secure },
            value)
    }

    public func userID(_ job: Int) -> String? { arena.string(firstText(job) { $0.userID }) }
    public func partnerJobID(_ job: Int) -> String? { arena.string(firstText(job) { $0.partnerJobID }) }

    /// The job's job type as written, by the field rule.
    public func jobTypeText(_ job: Int) -> String? { strings.jobTypes.value(firstID(job) { $0.jobType }) }

    /// The list's result text, as `Job.resultText` gives it.
    public func resultText(_ job: Int) -> String? {
        let packed = jobs[job]
        if packed.current >= 0 {
            let current = records[Int(packed.current)]
            if current.resultText != 0 { return strings.texts.value(current.resultText) }
            if let status = strings.codes.value(current.statusCode).flatMap(StatusCode.lookup), status.isFailure { return status.text }
            if current.jobComplete == false { return "Job not complete" }
            return nil
        }
        return secure(job)?.text ?? strings.texts.value(primary(job).resultText)
    }
    public func country(_ job: Int) -> String? { strings.countries.value(firstID(job) { $0.country }) }
    public func idType(_ job: Int) -> String? { strings.idTypes.value(firstID(job) { $0.idType }) }

    /// The job's current Actions, as interned pairs.
    public func actionPairs(_ job: Int) -> [(name: String, value: String)] {
        let packed = jobs[job]
        guard packed.current >= 0 else { return [] }
        let list = records[Int(packed.current)].actions
        return actionLists[Int(list)].map { actionPair($0) }
    }

    /// The Smile Secure result the job's verdict comes from.
    public func secure(_ job: Int) -> SecureResult? {
        let packed = jobs[job]
        guard packed.secure >= 0 else { return nil }
        let record = records[Int(packed.secure)]
        return record.secure == 0 ? nil : secures[Int(record.secure) - 1]
    }

    func recordIndices(_ job: Int) -> [Int32] { jobs[job].recordIndices(more: more) }

    // MARK: - Fast paths for whole-list work

    /// A search, prepared once: which interned codes and texts match, so each job costs
    /// a lookup plus a byte scan of its ids and name.
    package struct SearchMatcher: Sendable {
        let needle: SearchNeedle
        let codes: [Bool]
        let texts: [Bool]
    }

    package func searchMatcher(_ query: String) -> SearchMatcher {
        let needle = SearchNeedle(query)
        func matching(_ interner: Interner) -> [Bool] {
            interner.values.enumerated().map { index, value in
                guard index > 0 else { return false }
                var copy = value
                return copy.withUTF8 { containsIgnoringCase($0, needle) }
            }
        }
        return SearchMatcher(needle: needle, codes: matching(storage.strings.codes), texts: matching(storage.strings.texts))
    }

    /// The texts' bytes, for a loop over many jobs to take once (`matches(_:_:in:)`): taken
    /// for each job, the view's arrays were retained and released for every one of them.
    package var searchArena: TextArenaView { storage.arena }

    /// True when the job's ids, user, name, code or text contain the search.
    @inline(__always)
    package func matches(_ job: Int, _ matcher: SearchMatcher, in arena: TextArenaView) -> Bool {
        let primary = primary(job)
        if matcher.codes[Int(primary.resultCode)] || matcher.texts[Int(primary.resultText)] { return true }
        func found(_ ref: TextRef) -> Bool {
            !ref.isNone && arena.withBytes(ref) { containsIgnoringCase($0, matcher.needle) }
        }
        let packed = storage.jobs[job]
        if packed.second < 0 {
            // One record: its four texts, one after another.
            let record = storage.records[Int(packed.first)]
            return found(record.smileJobID) || found(record.partnerJobID) || found(record.userID) || found(record.fullName)
        }
        // Several: each text by the field rule, the code and text already asked of the
        // matcher's tables. No array per job: two made for each job of several records
        // (its texts, its code and text) were allocations on both cores at once.
        return found(firstText(job) { $0.smileJobID }) || found(firstText(job) { $0.partnerJobID })
            || found(firstText(job) { $0.userID }) || found(firstText(job) { $0.fullName })
    }

    /// The signature state of the record the row speaks for.
    @inline(__always) public func signature(_ job: Int) -> SignatureState {
        if !storage.replayed.isEmpty, storage.replayed.contains(primaryIndex(job)) { return .replayed }
        return SignatureState.allCases[Int(primary(job).signature)]
    }

    /// The interned id of the job's result code (0 when it shows none, or a Smile Secure or status code).
    @inline(__always) package func resultCodeID(_ job: Int) -> UInt32 { primary(job).resultCode }
    /// The code an id stands for, as the list shows it.
    package func normalisedCode(_ id: UInt32) -> String? { storage.normalisedCodes[Int(id)] }
    package var codeIDCount: Int { storage.normalisedCodes.count }
    @inline(__always) package func countryID(_ job: Int) -> UInt32 { firstID(job) { $0.country } }
    @inline(__always) package func idTypeID(_ job: Int) -> UInt32 { firstID(job) { $0.idType } }
    @inline(__always) package func resultTextID(_ job: Int) -> UInt32 { primary(job).resultText }

    /// The job's Actions list id (0: none).
    @inline(__always) package func actionListID(_ job: Int) -> UInt32 {
        let packed = storage.jobs[job]
        return packed.current >= 0 ? storage.records[Int(packed.current)].actions : 0
    }
    /// Each pair id of the job's current Actions, in order, with nothing copied.
    @inline(__always) package func forEachActionPair(_ job: Int, _ body: (UInt32) -> Void) {
        let list = actionListID(job)
        guard list != 0 else { return }
        for pair in storage.actionLists[Int(list)] { body(pair) }
    }
    package func actionPair(_ id: UInt32) -> (name: String, value: String) {
        let pair = storage.actionPairs[Int(id)]
        return (storage.strings.actionNames.value(pair.name) ?? "", storage.strings.actionValues.value(pair.value) ?? "")
    }

    /// Calls `body` with the bytes of a job's field, as `Job` would find it (the bytes are
    /// valid only inside `body`).
    @inline(__always)
    package func withFieldBytes<R>(_ job: Int, _ field: JobTextField, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.arena.withBytes(fieldRef(job, field), body)
    }

    /// Where a job's field is kept, by the field rule: a reference, not its bytes.
    @inline(__always)
    package func fieldRef(_ job: Int, _ field: JobTextField) -> TextRef {
        switch field {
        case .smileJobID: firstText(job) { $0.smileJobID }
        case .partnerJobID: firstText(job) { $0.partnerJobID }
        case .userID: firstText(job) { $0.userID }
        case .fullName: firstText(job) { $0.fullName }
        }
    }

    /// Calls `body` with the bytes of a field reference (valid only inside `body`).
    @inline(__always)
    package func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.arena.withBytes(ref, body)
    }

    /// The jobs whose user id is these bytes, by a scan (no String made), on both cores:
    /// every job is read, so at 8.3M jobs a detail opened waited a quarter of a second for
    /// its user's count.
    package func jobs(ofUserBytes user: UnsafeBufferPointer<UInt8>) -> [Int32] {
        guard user.count > 0 else { return [] }
        let wanted = Array(user)
        return inStretches { stretch in
            wanted.withUnsafeBufferPointer { user in
                var mine: [Int32] = []
                for job in stretch where withFieldBytes(job, .userID, { memcmpEqual($0, user) }) { mine.append(Int32(job)) }
                return mine
            }
        }
    }

    /// What `find` collects from each stretch of the jobs, the stretches on every core
    /// (eight from 50,000 jobs, else one), joined in load order.
    func inStretches<Found: Sendable>(_ find: @Sendable (Range<Int>) -> [Found]) -> [Found] {
        let count = jobCount, parts = count > 50_000 ? 8 : 1
        let found = Mutex([[Found]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let mine = find((count * part / parts)..<(count * (part + 1) / parts))
            found.withLock { $0[part] = mine }
        }
        return Array(found.withLock { $0 }.joined())
    }

    // MARK: - Users

    /// The enrollee flags of every user an enrollee-info response named.
    public var enrolleeUsers: [String: EnrolleeFlags] { storage.enrolleeByUser }

    /// What Smile ID's enrollee info says of this user, when a response named them.
    public func enrollee(ofUser user: String) -> EnrolleeFlags? { storage.enrolleeByUser[user] }

    // MARK: - Materializing

    public func record(_ index: Int) -> JobRecord {
        JobStore.materialize(
            records[index], strings: strings, text: { ref in arena.withBytes(ref) { String(decoding: $0, as: UTF8.self) } },
            secures: secures, actionPairs: actionPairs, actionLists: actionLists,
            contentKey: storage.contentKeys[Int32(index)], replayed: storage.replayed.contains(Int32(index)),
            enrollee: storage.enrollees[Int32(index)])
    }

    /// The job as a value: its records read back and merged (ordered, duplicates set aside).
    public func job(_ index: Int) -> Job {
        let indices = recordIndices(index)
        let key = jobKey(index)
        if indices.count == 1 {
            let record = self.record(Int(indices[0]))
            return Job(
                id: key, current: record.kind == .smileSecure ? nil : record, secureRecord: record.secure == nil ? nil : record,
                catalogue: catalogue)
        }
        return JobMerger.makeJob(id: key, records: indices.map { record(Int($0)) }, catalogue: catalogue)
    }

    /// The merge key, as `Job.id`: the Smile job id, else `job_id:` and the partner's, else
    /// a key made from the record's content (`content:…`). Decisions are kept by it, so it
    /// never depends on where or in what order the record was loaded.
    public func jobKey(_ index: Int) -> String {
        let packed = jobs[index]
        switch packed.keyKind {
        case 1: return arena.string(records[Int(packed.keyRecord)].smileJobID) ?? ""
        case 2: return "job_id:" + (arena.string(records[Int(packed.keyRecord)].partnerJobID) ?? "")
        case 3: return storage.contentKeys[packed.keyRecord] ?? legacyPositionKey(index)
        default: return legacyPositionKey(index)
        }
    }

    /// The key the first version gave a job that names no job: where its first record was
    /// loaded (`record:SOURCE:LINE:OFFSET`). Kept to find decisions made under it.
    public func legacyPositionKey(_ index: Int) -> String {
        let record = records[Int(jobs[index].first)]
        return "record:\(record.source):\(record.line):\(record.offset)"
    }

    /// True when the job names no job of its own and is keyed by its content.
    public func isKeyedByContent(_ index: Int) -> Bool { jobs[index].keyKind == 3 }

    /// The merge key's bytes, without making a String when it is a Smile job id (the
    /// usual case): for matching many jobs against a few keys.
    package func withJobKeyBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let packed = jobs[index]
        if packed.keyKind == 1 { return arena.withBytes(records[Int(packed.keyRecord)].smileJobID, body) }
        var key = jobKey(index)
        return key.withUTF8(body)
    }

    static func materialize(
        _ packed: PackedRecord, strings: StoreStrings, text: (TextRef) -> String,
        secures: [SecureResult], actionPairs: [ActionPair], actionLists: ActionLists,
        contentKey: String? = nil, replayed: Bool = false, enrollee: EnrolleeFlags? = nil
    ) -> JobRecord {
        var record = JobRecord(origin: packed.origin, kind: JobRecord.Kind(rawValue: packed.kind) ?? .result)
        func optionalText(_ ref: TextRef) -> String? { ref.isNone ? nil : text(ref) }
        record.smileJobID = optionalText(packed.smileJobID)
        record.partnerJobID = optionalText(packed.partnerJobID)
        record.userID = optionalText(packed.userID)
        record.fullName = optionalText(packed.fullName)
        record.jobTypeText = strings.jobTypes.value(packed.jobType)
        record.resultCode = strings.codes.value(packed.resultCode)
        record.resultText = strings.texts.value(packed.resultText)
        if record.kind == .stated {
            record.statedStatus = strings.codes.value(packed.statusCode)
        } else {
            record.statusCode = strings.codes.value(packed.statusCode)
        }
        record.enrollee = enrollee
        record.jobComplete = packed.jobComplete
        record.jobSuccess = packed.jobSuccess
        record.isFinal = packed.isFinal
        record.isMachine = packed.isMachine
        record.timestamp = packed.time == PackedRecord.noTime ? nil : Timestamp(millisecondsSince1970: packed.time)
        record.country = strings.countries.value(packed.country)
        record.idType = strings.idTypes.value(packed.idType)
        record.actions = actionLists[Int(packed.actions)].map { id in
            let pair = actionPairs[Int(id)]
            return ActionResult(name: strings.actionNames.value(pair.name) ?? "", value: strings.actionValues.value(pair.value) ?? "")
        }
        record.secure = packed.secure == 0 ? nil : secures[Int(packed.secure) - 1]
        record.signature = replayed ? .replayed : SignatureState.allCases[Int(packed.signature)]
        record.contentKey = contentKey
        return record
    }

    /// The jobs, as a collection that makes each `Job` when it is read.
    public var jobValues: JobCollection { JobCollection(store: self) }
}

/// A job's record indices, in reading order, without making an array.
struct RecordIndices: Sequence, IteratorProtocol {
    private let first: Int32
    private let second: Int32
    private let overflow: [Int32]
    private var position = 0

    init(_ packed: PackedJob, more: [[Int32]]) {
        first = packed.first
        second = packed.second
        overflow = packed.more >= 0 ? more[Int(packed.more)] : []
    }

    mutating func next() -> Int32? {
        defer { position += 1 }
        switch position {
        case 0: return first
        case 1: return second >= 0 ? second : nil
        default: return position - 2 < overflow.count ? overflow[position - 2] : nil
        }
    }
}

/// Loaded jobs as a collection of `Job` values, made on access.
public struct JobCollection: RandomAccessCollection, Sendable {
    public let store: JobStore
    public var startIndex: Int { 0 }
    public var endIndex: Int { store.jobCount }
    public subscript(position: Int) -> Job { store.job(position) }
}
