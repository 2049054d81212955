/// One job as the store keeps it, in 32 bytes: which records are its own, and what the
/// list needs worked out once (current record, Smile Secure record, category, product).
struct PackedJob: Sendable {
    /// Its first two records, and (for jobs with more) an index into the overflow lists.
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
}

extension PackedJob {
    /// Its records, in the order they joined: the first two, then the overflow list.
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
/// Merging follows the rule the batch merger states: records of one job share a
/// `SmileJobID`; a record without one joins the job whose records pair its
/// `PartnerParams.job_id` with a Smile job id, else the partner's job id is the key.
public final class JobStoreBuilder: RecordPacker, @unchecked Sendable {
    public let catalogue: Catalogue
    let arena = TextArena()
    let records = ChunkedColumn<PackedRecord>()
    public var strings = StoreStrings()
    var secures: [SecureResult] = []
    var actions = ActionTables()
    var actionPairs: [ActionPair] { actions.pairs }
    var actionLists: [[UInt32]] { actions.lists }
    var jobs = ChunkedJobs()
    var more: [[Int32]] = []
    private var smileIndex = ByteKeyIndex()
    private var partnerIndex = ByteKeyIndex()
    private var removedCount = 0
    private var categoryCache: [CategoryKey: Category] = [:]
    private var productCache: [UInt64: UInt32] = [:]
    private var generation = 0

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    public var recordCount: Int { records.count }
    public var jobCount: Int { jobs.count - removedCount }

    // MARK: - Appending

    /// Appends a record read by the full decoder.
    public func append(_ record: JobRecord) {
        appendPacked(pack(record))
    }

    // The pieces the fast scanner writes with, without making Strings.

    public func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef { arena.append(bytes) }

    public func actionPair(name: UInt32, value: UInt32) -> UInt32 { actions.pair(name: name, value: value) }
    public func actionList(_ pairs: [UInt32]) -> UInt32 { actions.list(pairs) }

    public func addSecure(_ secure: SecureResult) -> UInt32 {
        secures.append(secure)
        return UInt32(secures.count)
    }

    /// Appends a packed record and merges it into its job.
    public func appendPacked(_ record: PackedRecord) {
        let index = Int32(records.count)
        records.append(record)
        let job = findOrMakeJob(for: record, index: index)
        add(record: index, to: job)
        refresh(job: Int(job))
    }

    /// The partner-id index is only needed once a record arrives without a Smile job id;
    /// until then no job can be keyed by a partner id alone, so it is not kept (in most
    /// data every record has a Smile job id, and the index would cost a hash and an entry
    /// per record for nothing). It is built from all records so far when first needed.
    private var partnerIndexBuilt = false

    private func buildPartnerIndex(before current: Int32) {
        partnerIndexBuilt = true
        var jobOf = [Int32](repeating: -1, count: Int(current))
        for job in 0..<jobs.count where !jobs[job].removed {
            for record in recordIndices(of: job) where record < current { jobOf[Int(record)] = Int32(job) }
        }
        for record in 0..<Int(current) where jobOf[record] >= 0 {
            let ref = records[record].partnerJobID
            guard !ref.isNone else { continue }
            let hash = arena.withBytes(ref, hashBytes)
            let known = arena.withBytes(ref) { bytes in
                partnerIndex.find(hash: hash) { job in !jobs[Int(job)].removed && partnerMatches(job, bytes) }
            }
            if known == nil { partnerIndex.insert(hash: hash, value: jobOf[record]) }
        }
    }

    private func findOrMakeJob(for record: PackedRecord, index: Int32) -> Int32 {
        let hasPartner = !record.partnerJobID.isNone
        if hasPartner && !partnerIndexBuilt && record.smileJobID.isNone { buildPartnerIndex(before: index) }
        let usePartner = hasPartner && partnerIndexBuilt
        let partnerHash = usePartner ? arena.withBytes(record.partnerJobID, hashBytes) : 0
        let partnerJob = !usePartner ? nil : partnerIndex.find(hash: partnerHash) { job in
            !jobs[Int(job)].removed && arena.withBytes(record.partnerJobID) { bytes in self.partnerMatches(job, bytes) }
        }
        var job: Int32
        if !record.smileJobID.isNone {
            let hash = arena.withBytes(record.smileJobID, hashBytes)
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
        } else if !record.partnerJobID.isNone {
            job = makeJob(record: index, kind: 2)
        } else {
            job = makeJob(record: index, kind: 0)
        }
        if usePartner && partnerJob == nil {
            partnerIndex.insert(hash: partnerHash, value: job)
        }
        return job
    }

    /// True when one of the job's records carries this partner job id.
    private func partnerMatches(_ job: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func carries(_ index: Int32) -> Bool {
            guard index >= 0 else { return false }
            let ref = records[Int(index)].partnerJobID
            return !ref.isNone && arena.withBytes(ref) { memcmpEqual($0, bytes) }
        }
        let packed = jobs[Int(job)]
        if carries(packed.first) || carries(packed.second) { return true }
        return packed.more >= 0 && more[Int(packed.more)].contains(where: carries)
    }

    private func makeJob(record: Int32, kind: UInt8) -> Int32 {
        jobs.append(PackedJob(first: record, keyRecord: record, keyKind: kind))
        return Int32(jobs.count - 1)
    }

    private func add(record: Int32, to job: Int32) {
        var packed = jobs[Int(job)]
        if packed.first == record { return }
        if packed.second < 0 {
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
        removedCount += 1
        // The partner index may point at the dropped job: point it here.
        for record in recordIndices(of: source) where partnerIndexBuilt && !records[Int(record)].partnerJobID.isNone {
            let ref = records[Int(record)].partnerJobID
            partnerIndex.insert(hash: arena.withBytes(ref, hashBytes), value: Int32(target))
        }
    }

    func recordIndices(of job: Int) -> [Int32] { jobs[job].recordIndices(more: more) }

    // MARK: - Job summaries

    /// Works out what the list needs: the plain cases from packed fields, the rest (several
    /// main results, job-status history) by building the Job as the merger does.
    private func refresh(job index: Int) {
        var packed = jobs[index]
        let indices = recordIndices(of: index)
        let first = records[Int(indices[0])]
        if indices.count == 1 {
            packed.current = first.kind == JobRecord.Kind.smileSecure.rawValue ? -1 : indices[0]
            packed.secure = first.secure != 0 ? indices[0] : -1
        } else if indices.count == 2, let (main, secure) = mainAndSecure(indices) {
            packed.current = main
            packed.secure = secure
        } else {
            let job = JobMerger.makeJob(id: "", records: indices.map { record(at: Int($0)) }, catalogue: catalogue)
            packed.current = job.current.map { findIndex(of: $0, in: indices) } ?? -1
            packed.secure = job.secureRecord.map { findIndex(of: $0, in: indices) } ?? -1
        }
        let current = packed.current >= 0 ? records[Int(packed.current)] : nil
        let secureRecord = packed.secure >= 0 ? records[Int(packed.secure)] : nil
        let jobTypeID = current?.jobType ?? secureRecord?.jobType ?? firstJobType(indices)
        packed.category = category(current: current, secure: secureRecord, jobType: jobTypeID).rawByte
        packed.verdict = secureRecord.map { SecureVerdict.allCases.firstIndex(of: secures[Int($0.secure) - 1].verdict).map(UInt8.init) ?? 0 } ?? 0
        packed.product = product(jobType: jobTypeID, code: current?.resultCode ?? 0)
        jobs[index] = packed
    }

    /// A main callback and a separate Smile Secure callback: the commonest pair, ordered trivially.
    private func mainAndSecure(_ indices: [Int32]) -> (Int32, Int32)? {
        let a = records[Int(indices[0])], b = records[Int(indices[1])]
        let secureKind = JobRecord.Kind.smileSecure.rawValue
        if a.kind != secureKind, b.kind == secureKind, a.secure == 0, a.part == 0 { return (indices[0], indices[1]) }
        if b.kind != secureKind, a.kind == secureKind, b.secure == 0, b.part == 0 { return (indices[1], indices[0]) }
        return nil
    }

    private func findIndex(of record: JobRecord, in indices: [Int32]) -> Int32 {
        indices.first { index in
            let packed = records[Int(index)]
            return packed.offset == record.origin.offset && packed.source == UInt16(clamping: record.origin.source)
                && packed.part == PackedRecord.part(record.origin.part)
        } ?? -1
    }

    private func firstJobType(_ indices: [Int32]) -> UInt32 {
        for index in indices.reversed() where records[Int(index)].jobType != 0 { return records[Int(index)].jobType }
        return 0
    }

    private struct CategoryKey: Hashable {
        var code: UInt32
        var jobType: UInt32
        var text: UInt32
        var status: UInt32
        /// Flags, and bit 7 set when there is a current record.
        var flags: UInt8
        var secureCode: UInt32
    }

    private var lastCategory: (CategoryKey, Category)?

    private func category(current: PackedRecord?, secure: PackedRecord?, jobType: UInt32) -> Category {
        let secureCode = current == nil ? secure.flatMap { secures[Int($0.secure) - 1].code } : nil
        let key = CategoryKey(code: current?.resultCode ?? 0, jobType: jobType, text: current?.resultText ?? 0,
                              status: current?.statusCode ?? 0, flags: (current?.flags ?? 0) | (current == nil ? 0 : 0x80),
                              secureCode: strings.codes.intern(secureCode))
        if let (lastKey, lastValue) = lastCategory, lastKey == key { return lastValue }
        if let cached = categoryCache[key] {
            lastCategory = (key, cached)
            return cached
        }
        let jobTypeText = strings.jobTypes.value(jobType)
        let result = Job.category(
            hasCurrent: current != nil, code: strings.codes.value(key.code), jobType: jobTypeText.flatMap { Int($0.trimmingASCIISpaces()) },
            resultText: strings.texts.value(key.text), statusCode: strings.codes.value(key.status),
            jobComplete: current?.jobComplete, jobSuccess: current?.jobSuccess, secureCode: strings.codes.value(key.secureCode),
            catalogue: catalogue)
        categoryCache[key] = result
        lastCategory = (key, result)
        return result
    }

    private var lastProduct: (UInt64, UInt32) = (UInt64.max, 0)

    private func product(jobType: UInt32, code: UInt32) -> UInt32 {
        let key = UInt64(jobType) << 32 | UInt64(code)
        if lastProduct.0 == key { return lastProduct.1 }
        if let cached = productCache[key] {
            lastProduct = (key, cached)
            return cached
        }
        let jobTypeText = strings.jobTypes.value(jobType)
        let name = Job.productName(jobType: jobTypeText.flatMap { Int($0.trimmingASCIISpaces()) }, jobTypeText: jobTypeText,
                                   currentCode: strings.codes.value(code), catalogue: catalogue)
        let id = strings.products.intern(name)
        productCache[key] = id
        lastProduct = (key, id)
        return id
    }

    // MARK: - Reading back

    func record(at index: Int) -> JobRecord {
        JobStore.materialize(records[index], strings: strings, text: { self.arena.withBytes($0) { String(decoding: $0, as: UTF8.self) } },
                             secures: secures, actionPairs: actionPairs, actionLists: actionLists)
    }

    /// A frozen copy of everything so far: jobs in the order first seen, merged ones left out.
    public func snapshot(sources: [SourceInfo] = []) -> JobStore {
        generation += 1
        let live = removedCount == 0 ? jobs : jobs.compacted()
        return JobStore(records: records.freeze(), arena: arena.freeze(), strings: strings, secures: secures,
                        actionPairs: actionPairs, actionLists: actionLists, jobs: live, more: more,
                        catalogue: catalogue, generation: generation, builderID: ObjectIdentifier(self))
    }

    /// Bytes held by the store's own structures (for the benchmark's bytes per job).
    public var approximateByteCount: Int {
        records.byteCount + arena.byteCount + jobs.byteCount
            + secures.count * MemoryLayout<SecureResult>.stride + more.count * 48
    }
}

public struct ActionPair: Sendable, Hashable {
    var name: UInt32
    var value: UInt32
}

/// The interned strings of a store, by field.
public struct StoreStrings: Sendable {
    public var codes = Interner()
    public var texts = Interner()
    public var countries = Interner()
    public var idTypes = Interner()
    public var jobTypes = Interner()
    public var actionNames = Interner()
    public var actionValues = Interner()
    public var products = Interner()
}

extension Category {
    static let byByte = Category.allCases
    var rawByte: UInt8 { UInt8(ordinal) }
    @inline(__always) init(rawByte: UInt8) { self = Category.byByte[Int(rawByte)] }
}

extension SecureVerdict {
    static let byByte = SecureVerdict.allCases
    @inline(__always) init(rawByte: UInt8) { self = SecureVerdict.byByte[Int(rawByte)] }
}
