import SmileJobs

/// One job as the store keeps it, in 40 bytes: which records are its own (in reading
/// order), and what the list needs worked out once (current record, Smile Secure record,
/// category, product).
struct PackedJob: Sendable {
    /// Its first two records in reading order, and (for jobs with more) an index into the
    /// overflow lists, which go on in reading order.
    var first: Int32
    var second: Int32 = -1
    var more: Int32 = -1
    var current: Int32 = -1
    var secure: Int32 = -1
    /// The record whose Smile job id (kind 1) or partner job id (kind 2) is the merge key.
    var keyRecord: Int32
    var keyKind: UInt8
    var category: UInt8 = 0
    var verdict: UInt8 = 0
    /// Merged into another job (a record joined two ids): left out of snapshots.
    var removed = false
    /// Interned product name.
    var product: UInt32 = 0
    /// The first record, in reading order, that names a job type: records naming none are
    /// ranked with its type (`FieldRule.rankingJobType`). -1: none does.
    var jobTypeRecord: Int32 = -1
}

extension PackedJob {
    /// For a job merged away: the job it went into (its key record is no longer needed).
    var mergedInto: Int32 {
        get { keyRecord }
        set { keyRecord = newValue }
    }

    /// Its records, in reading order: the first two, then the overflow list.
    func recordIndices(more overflow: [[Int32]]) -> [Int32] {
        var indices = [first]
        if second >= 0 { indices.append(second) }
        if more >= 0 { indices.append(contentsOf: overflow[Int(more)]) }
        return indices
    }
}

/// Jobs in chunks that copy on write one by one: a snapshot shares every chunk, and the
/// builder's next change to a job copies only that job's chunk, not a million jobs.
struct ChunkedJobs: Sendable {
    private static let shift = 13
    private static let mask = (1 << 13) - 1
    private var chunks: [[PackedJob]] = []
    private(set) var count = 0

    init() {}

    init(_ jobs: [PackedJob]) {
        for job in jobs { append(job) }
    }

    @inline(__always)
    subscript(index: Int) -> PackedJob {
        get { chunks[index >> ChunkedJobs.shift][index & ChunkedJobs.mask] }
        set { chunks[index >> ChunkedJobs.shift][index & ChunkedJobs.mask] = newValue }
    }

    mutating func append(_ job: PackedJob) {
        if count & ChunkedJobs.mask == 0 {
            var chunk: [PackedJob] = []
            chunk.reserveCapacity(1 << ChunkedJobs.shift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(job)
        count += 1
    }

    /// Every job but those merged away.
    func compacted() -> ChunkedJobs {
        var result = ChunkedJobs()
        for chunk in chunks { for job in chunk where !job.removed { result.append(job) } }
        return result
    }

    var byteCount: Int { chunks.count * (1 << ChunkedJobs.shift) * MemoryLayout<PackedJob>.stride }
}

/// Builds a JobStore record by record, merging each record into its job as it arrives, so
/// that a load can show what it has read so far at any moment (`snapshot()`).
///
/// Records of one job share a `SmileJobID`; a record without one joins the job whose
/// records pair its `PartnerParams.job_id` with a Smile job id, else the partner's job id
/// is the key; a record with neither is keyed by its content (`JobRecord.contentKey`).
/// Each record costs a constant amount of work however many records its job already has:
/// the job's current result is kept by comparing the newcomer's `ResultRank` with the
/// current one's, never by going over the job's records again.
public final class JobStoreBuilder: RecordPacker {
    public let catalogue: Catalogue
    let arena = TextArena()
    let records = ChunkedColumn<PackedRecord>()
    package var strings = StoreStrings()
    /// A store built record by record keeps everything; batches say what theirs keep.
    package let detail = StoredDetail.all
    var secureTable = SecureTable()
    var secures: [SecureResult] { secureTable.results }
    var actions = ActionTables()
    var actionPairs: [ActionPair] { actions.pairs }
    var actionLists: ActionLists { actions.lists }
    var jobs = ChunkedJobs()
    var more: [[Int32]] = []
    /// Content keys of the records that name no job, by record index.
    var contentKeys: [Int32: String] = [:]
    /// Enrollee flags of the records read from enrollee-info responses, by record index.
    var enrollees: [Int32: EnrolleeFlags] = [:]
    /// Records whose signature is also on another job or body (replayed).
    var replayed: Set<Int32> = []
    private var replayedPlaces: Set<PlaceKey> = []
    private var contentIndex: [String: Int32] = [:]
    private var smileIndex = ByteKeyIndex()
    private var partnerIndex = ByteKeyIndex()
    /// The partner index's entries: a record carrying the partner job id, and its job then.
    private var partnerEntries: [(record: Int32, job: Int32)] = []
    private var removedCount = 0
    private var categoryCache: [CategoryKey: Category] = [:]
    private var productCache: [UInt64: UInt32] = [:]
    /// Interned job type → its number (nil: not a number), filled as types are seen.
    private var jobTypeNumbers: [Int?] = [nil]
    /// Each code id's stage, worked out once (`ResultRank.stage` normalises the code's
    /// text): for a job type with an ID step, and for any other.
    private var codeStages: [(idStep: ResultRank.Stage, other: ResultRank.Stage)] = [(.verdict, .verdict)]
    private var generation = 0
    /// Records looked at to keep jobs' summaries: one per record appended, plus a merged
    /// job's records once. A test holds it linear in the records, however many a job has.
    public private(set) var mergeWork = 0

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    public var recordCount: Int { records.count }
    public var jobCount: Int { jobs.count - removedCount }

    // MARK: - Appending

    /// Appends a record read by the full decoder.
    public func append(_ record: JobRecord) {
        appendPacked(pack(record), contentKey: record.contentKey, enrollee: record.enrollee)
    }

    // The pieces the fast scanner writes with, without making Strings.

    package func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef { arena.append(bytes) }

    package func actionPair(name: UInt32, value: UInt32) -> UInt32 { actions.pair(name: name, value: value) }
    package func actionList(_ pairs: [UInt32]) -> UInt32 { actions.list(pairs) }
    package func actionList(_ pairs: UnsafeBufferPointer<UInt32>) -> UInt32 { actions.list(pairs) }

    package func addSecure(_ secure: SecureResult) -> UInt32 {
        secureTable.add(secure)
    }

    /// Appends a packed record and merges it into its job.
    package func appendPacked(_ record: PackedRecord) {
        appendPacked(record, contentKey: nil)
    }

    /// `smileHash`: the hash of its Smile job id, when the caller has it already.
    func appendPacked(_ record: PackedRecord, contentKey: String?, enrollee: EnrolleeFlags? = nil, smileHash: UInt64? = nil) {
        let index = Int32(records.count)
        records.append(record)
        if let contentKey { contentKeys[index] = contentKey }
        if let enrollee { enrollees[index] = enrollee }
        let job = findOrMakeJob(for: record, index: index, contentKey: contentKey, smileHash: smileHash)
        add(record: index, to: job)
        take(record: index, into: Int(job))
    }

    /// The partner-id index is only needed once a record arrives without a Smile job id;
    /// until then no job can be keyed by a partner id alone, so it is not kept (in most
    /// data every record has a Smile job id, and the index would cost a hash and an entry
    /// per record for nothing). It is built from all records so far when first needed.
    private var partnerIndexBuilt = false

    private func buildPartnerIndex(before current: Int32) {
        partnerIndexBuilt = true
        for job in 0..<jobs.count where !jobs[job].removed {
            for record in recordIndices(of: job) where record < current && !records[Int(record)].partnerJobID.isNone {
                let known = arena.withBytes(records[Int(record)].partnerJobID) { findPartner($0) }
                if known == nil { insertPartner(record: record, job: Int32(job)) }
            }
        }
    }

    /// The job a partner job id belongs to, following jobs merged into others.
    private func findPartner(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = hashBytes(bytes)
        guard
            let entry = partnerIndex.find(
                hash: hash,
                matches: { entry in
                    arena.withBytes(records[Int(partnerEntries[Int(entry)].record)].partnerJobID) { memcmpEqual($0, bytes) }
                })
        else { return nil }
        return resolve(partnerEntries[Int(entry)].job)
    }

    private func insertPartner(record: Int32, job: Int32) {
        let hash = arena.withBytes(records[Int(record)].partnerJobID, hashBytes)
        partnerEntries.append((record, job))
        partnerIndex.insert(hash: hash, value: Int32(partnerEntries.count - 1))
    }

    /// A job, or the job it was merged into.
    private func resolve(_ job: Int32) -> Int32 {
        var current = job
        while jobs[Int(current)].removed { current = jobs[Int(current)].mergedInto }
        return current
    }

    /// Asks for the Smile id index's slot for this hash ahead of the record's merge.
    @inline(__always)
    func prefetchSmileSlot(hash: UInt64) { smileIndex.prefetch(hash: hash) }

    private func findOrMakeJob(for record: PackedRecord, index: Int32, contentKey: String?, smileHash: UInt64?) -> Int32 {
        let hasPartner = !record.partnerJobID.isNone
        if hasPartner && !partnerIndexBuilt && record.smileJobID.isNone { buildPartnerIndex(before: index) }
        let usePartner = hasPartner && partnerIndexBuilt
        let partnerJob = usePartner ? arena.withBytes(record.partnerJobID) { findPartner($0) } : nil
        var job: Int32
        if !record.smileJobID.isNone {
            let hash = smileHash ?? arena.withBytes(record.smileJobID, hashBytes)
            let found = smileIndex.find(hash: hash) { job in
                let packed = jobs[Int(job)]
                return !packed.removed && packed.keyKind == 1
                    && arena.withBytes(records[Int(packed.keyRecord)].smileJobID) { key in
                        arena.withBytes(record.smileJobID) { memcmpEqual(key, $0) }
                    }
            }
            if let found {
                job = found
                // A job keyed by this partner id alone belongs with this Smile id (the batch rule
                // keys its records by it). The two become one, at the place first seen.
                if let partnerJob, partnerJob != found, jobs[Int(partnerJob)].keyKind == 2 {
                    if partnerJob < found {
                        absorb(Int(found), into: Int(partnerJob))
                        jobs[Int(partnerJob)].keyRecord = index
                        jobs[Int(partnerJob)].keyKind = 1
                        smileIndex.insert(hash: hash, value: partnerJob)
                        job = partnerJob
                    } else {
                        absorb(Int(partnerJob), into: Int(found))
                    }
                }
            } else if let partnerJob, jobs[Int(partnerJob)].keyKind == 2 {
                // A job known only by this partner id takes this Smile id as its key.
                job = partnerJob
                jobs[Int(job)].keyRecord = index
                jobs[Int(job)].keyKind = 1
                smileIndex.insert(hash: hash, value: job)
            } else {
                job = makeJob(record: index, kind: 1)
                smileIndex.insert(hash: hash, value: job)
            }
        } else if let partnerJob {
            job = partnerJob
        } else if hasPartner {
            job = makeJob(record: index, kind: 2)
        } else if let contentKey {
            if let known = contentIndex[contentKey] {
                job = resolve(known)
            } else {
                job = makeJob(record: index, kind: 3)
                contentIndex[contentKey] = job
            }
        } else {
            job = makeJob(record: index, kind: 0)
        }
        if usePartner && partnerJob == nil { insertPartner(record: index, job: job) }
        return job
    }

    private func makeJob(record: Int32, kind: UInt8) -> Int32 {
        jobs.append(PackedJob(first: record, keyRecord: record, keyKind: kind))
        return Int32(jobs.count - 1)
    }

    /// Adds a record to a job's list, keeping the list in reading order (records nearly
    /// always arrive in it, so this is an append; otherwise the list is written again).
    private func add(record: Int32, to job: Int32) {
        var packed = jobs[Int(job)]
        if packed.first == record { return }
        let last = packed.more >= 0 ? more[Int(packed.more)].last! : (packed.second >= 0 ? packed.second : packed.first)
        if records[Int(record)].readingOrder < records[Int(last)].readingOrder {
            var all = packed.recordIndices(more: more)
            let order = records[Int(record)].readingOrder
            let position = all.firstIndex { order < records[Int($0)].readingOrder } ?? all.count
            all.insert(record, at: position)
            packed.first = all[0]
            packed.second = all[1]
            if all.count > 2 {
                if packed.more < 0 {
                    more.append(Array(all[2...]))
                    packed.more = Int32(more.count - 1)
                } else {
                    more[Int(packed.more)] = Array(all[2...])
                }
            }
        } else if packed.second < 0 {
            packed.second = record
        } else if packed.more < 0 {
            more.append([record])
            packed.more = Int32(more.count - 1)
        } else {
            more[Int(packed.more)].append(record)
        }
        jobs[Int(job)] = packed
    }

    /// Moves every record of `source` into `target`, and drops `source`.
    private func absorb(_ source: Int, into target: Int) {
        for record in recordIndices(of: source) { add(record: record, to: Int32(target)) }
        jobs[source].removed = true
        jobs[source].mergedInto = Int32(target)
        removedCount += 1
        // Which record is current may change with the records that came: choose again.
        rankAgain(target)
    }

    /// Works out a job's summary again from all its records: after a merge, or when the
    /// job type its records are ranked with changed.
    private func rankAgain(_ job: Int) {
        var packed = jobs[job]
        packed.current = -1
        packed.secure = -1
        packed.jobTypeRecord = recordIndices(of: job).first { records[Int($0)].jobType != 0 } ?? -1
        jobs[job] = packed
        for record in recordIndices(of: job) { summarise(record: record, into: job) }
    }

    func recordIndices(of job: Int) -> [Int32] { jobs[job].recordIndices(more: more) }

    // MARK: - Job summaries

    /// Takes a record into its job's summary: current result, Smile Secure verdict,
    /// category and product, by comparing it with what the job has (constant work, except
    /// when the record changes the job type the job's records are ranked with).
    private func take(record index: Int32, into job: Int) {
        let record = records[Int(index)]
        if record.jobType != 0 {
            let packed = jobs[job]
            let known = packed.jobTypeRecord
            if known < 0 || record.readingOrder < records[Int(known)].readingOrder {
                let typeBefore = known < 0 ? 0 : records[Int(known)].jobType
                jobs[job].jobTypeRecord = index
                // Records already ranked were ranked with another job type: rank them all again.
                if typeBefore != record.jobType && (packed.current >= 0 || packed.secure >= 0) {
                    rankAgain(job)
                    return
                }
            }
        }
        summarise(record: index, into: job)
    }

    /// Compares one record with the job's current and Smile Secure records, and works out
    /// the category and product again when either changes.
    private func summarise(record index: Int32, into job: Int) {
        mergeWork += 1
        var packed = jobs[job]
        let record = records[Int(index)]
        let rankingType = packed.jobTypeRecord >= 0 ? records[Int(packed.jobTypeRecord)].jobType : 0
        var changed = false
        if record.kind != JobRecord.Kind.smileSecure.rawValue {
            if packed.current < 0 || rank(of: index, jobType: rankingType) > rank(of: packed.current, jobType: rankingType) {
                packed.current = index
                changed = true
            }
        }
        if record.secure != 0 {
            if packed.secure < 0 || secureRank(of: index) > secureRank(of: packed.secure) {
                packed.secure = index
                changed = true
            }
        }
        if packed.jobTypeRecord == index { changed = true }
        guard changed else { return }
        let current = packed.current >= 0 ? records[Int(packed.current)] : nil
        let secureRecord = packed.secure >= 0 ? records[Int(packed.secure)] : nil
        // The job type by the field rule: the current record's, the Smile Secure record's, the first named.
        func named(_ record: PackedRecord?) -> UInt32? {
            guard let record, record.jobType != 0 else { return nil }
            return record.jobType
        }
        let jobTypeID = named(current) ?? named(secureRecord) ?? rankingType
        packed.category = category(current: current, jobType: jobTypeID).rawByte
        packed.verdict = secureRecord.map { secureTable.verdict($0.secure) } ?? 0
        packed.product = product(jobType: jobTypeID, code: current?.resultCode ?? 0)
        jobs[job] = packed
    }

    private func jobTypeNumber(_ id: UInt32) -> Int? {
        while jobTypeNumbers.count <= Int(id) {
            let text = strings.jobTypes.value(UInt32(jobTypeNumbers.count))
            jobTypeNumbers.append(text.flatMap(JobTypeName.number))
        }
        return jobTypeNumbers[Int(id)]
    }

    /// The rank of a main record, as `ResultRank.of` gives it for the record's value.
    private func rank(of index: Int32, jobType fallback: UInt32) -> ResultRank {
        let record = records[Int(index)]
        let complete = record.kind == JobRecord.Kind.status.rawValue || record.part == 1 ? record.jobComplete : nil
        let jobType = jobTypeNumber(record.jobType != 0 ? record.jobType : fallback)
        return ResultRank(
            finality: ResultRank.finality(isFinal: record.isFinal, jobComplete: complete),
            stage: stage(code: record.resultCode, jobType: jobType),
            time: record.time, isResponseResult: record.part < 2, reading: record.readingOrder)
    }

    /// `ResultRank.stage` for a code id. The job type matters only as one with an ID step
    /// or not (`ResultRank.jobTypesWithIDStep`), so each code's two answers are kept.
    private func stage(code id: UInt32, jobType: Int?) -> ResultRank.Stage {
        while codeStages.count <= Int(id) {
            let code = strings.codes.value(UInt32(codeStages.count))
            let stepType = ResultRank.jobTypesWithIDStep.min()
            codeStages.append((ResultRank.stage(code: code, jobType: stepType), ResultRank.stage(code: code, jobType: nil)))
        }
        let stages = codeStages[Int(id)]
        return jobType.map(ResultRank.jobTypesWithIDStep.contains) == true ? stages.idStep : stages.other
    }

    private func secureRank(of index: Int32) -> ResultRank {
        let record = records[Int(index)]
        return ResultRank(
            finality: .unstated, stage: .verdict, time: record.time, isResponseResult: record.part < 2,
            reading: record.readingOrder)
    }

    private struct CategoryKey: Hashable {
        var code: UInt32
        var jobType: UInt32
        var text: UInt32
        var status: UInt32
        /// Flags, bit 8 set when there is a current record, bit 9 when it is a stated one
        /// (`status` then holds its word).
        var flags: UInt16
    }

    private var lastCategory: (CategoryKey, Category)?
    private var categoryFront = [(CategoryKey, Category)?](repeating: nil, count: 1024)

    @inline(__always)
    private static func frontSlot(_ key: CategoryKey) -> Int {
        var hash = UInt64(key.code) &* 0x9E37_79B9_7F4A_7C15
        hash ^= UInt64(key.jobType) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= UInt64(key.text) &* 0x1656_67B1_9E37_79F9
        hash ^= (UInt64(key.status) << 16 | UInt64(key.flags)) &* 0x27D4_EB2F_1656_67C5
        return Int(truncatingIfNeeded: hash >> 54)
    }

    private func category(current: PackedRecord?, jobType: UInt32) -> Category {
        let key = CategoryKey(
            code: current?.resultCode ?? 0, jobType: jobType, text: current?.resultText ?? 0,
            status: current?.statusCode ?? 0,
            flags: UInt16(current?.flags ?? 0) | (current == nil ? 0 : 0x100)
                | (current?.kind == JobRecord.Kind.stated.rawValue ? 0x200 : 0))
        if let (lastKey, lastValue) = lastCategory, lastKey == key { return lastValue }
        // A small table in front of the dictionary: a day has a few hundred keys, and
        // hashing the key for the dictionary was a tenth of the merge.
        let slot = JobStoreBuilder.frontSlot(key)
        if let (frontKey, frontValue) = categoryFront[slot], frontKey == key {
            lastCategory = (key, frontValue)
            return frontValue
        }
        if let cached = categoryCache[key] {
            lastCategory = (key, cached)
            categoryFront[slot] = (key, cached)
            return cached
        }
        let result = Job.category(
            hasCurrent: current != nil, code: strings.codes.value(key.code), jobType: jobTypeNumber(jobType),
            resultText: strings.texts.value(key.text),
            statusCode: key.flags & 0x200 == 0 ? strings.codes.value(key.status) : nil,
            statedStatus: key.flags & 0x200 != 0 ? strings.codes.value(key.status) : nil,
            jobComplete: current?.jobComplete, jobSuccess: current?.jobSuccess, catalogue: catalogue)
        categoryCache[key] = result
        categoryFront[slot] = (key, result)
        lastCategory = (key, result)
        return result
    }

    private var lastProduct: (UInt64, UInt32) = (UInt64.max, 0)
    private var productFront = [(UInt64, UInt32)](repeating: (UInt64.max, 0), count: 1024)

    private func product(jobType: UInt32, code: UInt32) -> UInt32 {
        let key = UInt64(jobType) << 32 | UInt64(code)
        if lastProduct.0 == key { return lastProduct.1 }
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 54)
        if productFront[slot].0 == key {
            lastProduct = productFront[slot]
            return lastProduct.1
        }
        if let cached = productCache[key] {
            lastProduct = (key, cached)
            productFront[slot] = lastProduct
            return cached
        }
        let jobTypeText = strings.jobTypes.value(jobType)
        let name = Job.productName(
            jobType: jobTypeNumber(jobType), jobTypeText: jobTypeText,
            currentCode: strings.codes.value(code), catalogue: catalogue)
        let id = strings.products.intern(name)
        productCache[key] = id
        lastProduct = (key, id)
        productFront[slot] = lastProduct
        return id
    }

    private struct PlaceKey: Hashable {
        var source: Int32
        var offset: Int64
    }

    /// Marks the signed records at these places (source, byte offset) as replayed.
    public func markReplayed(_ places: [(source: Int32, offset: Int64)]) {
        let wanted = Set(places.map { PlaceKey(source: $0.source, offset: $0.offset) }).subtracting(replayedPlaces)
        guard !wanted.isEmpty else { return }
        replayedPlaces.formUnion(wanted)
        for index in 0..<records.count {
            let record = records[index]
            if record.signature != SignatureState.unsigned.packed,
                wanted.contains(PlaceKey(source: Int32(record.source), offset: record.offset))
            {
                replayed.insert(Int32(index))
            }
        }
    }

    // MARK: - Reading back

    func record(at index: Int) -> JobRecord {
        JobStore.materialize(
            records[index], strings: strings, text: { self.arena.withBytes($0) { String(decoding: $0, as: UTF8.self) } },
            secures: secures, actionPairs: actionPairs, actionLists: actionLists,
            contentKey: contentKeys[Int32(index)], replayed: replayed.contains(Int32(index)),
            enrollee: enrollees[Int32(index)])
    }

    /// A frozen copy of everything so far: jobs in the order first seen, merged ones left out.
    public func snapshot(sources: [SourceInfo] = []) -> JobStore {
        generation += 1
        let live = removedCount == 0 ? jobs : jobs.compacted()
        return JobStore(
            records: records.freeze(), arena: arena.freeze(), strings: strings, secures: secures,
            actionPairs: actionPairs, actionLists: actionLists, jobs: live, more: more, contentKeys: contentKeys,
            replayed: replayed, enrollees: enrollees, catalogue: catalogue, generation: generation,
            builderID: ObjectIdentifier(self))
    }

    /// Bytes held by the store's own structures (for the benchmark's bytes per job).
    public var approximateByteCount: Int {
        records.byteCount + arena.byteCount + jobs.byteCount
            + secures.count * MemoryLayout<SecureResult>.stride + more.count * 48
    }
}

package struct ActionPair: Sendable, Hashable {
    var name: UInt32
    var value: UInt32
}

/// The interned strings of a store, by field.
package struct StoreStrings: Sendable {
    package var codes = Interner()
    package var texts = Interner()
    package var countries = Interner()
    package var idTypes = Interner()
    package var jobTypes = Interner()
    package var actionNames = Interner()
    package var actionValues = Interner()
    package var products = Interner()
}

extension Category {
    static let byByte = Category.allCases
    var rawByte: UInt8 { UInt8(ordinal) }
    @inline(__always) init(rawByte: UInt8) { self = Category.byByte[Int(rawByte)] }
}

extension SecureVerdict {
    static let byByte = SecureVerdict.allCases
    @inline(__always) init(rawByte: UInt8) { self = SecureVerdict.byByte[Int(rawByte)] }
    var rawByte: UInt8 { UInt8(SecureVerdict.byByte.firstIndex(of: self)!) }
    init(_ verdict: SecureVerdict) { self = verdict }
}
