import SmileJobs

/// Records read by one reader (one thread, one part of a file), packed but not yet merged
/// into jobs. Readers fill batches in parallel; the builder takes them in order.
package final class RecordBatch: RecordPacker {
    /// Small chunks: the store adopts them whole, so a batch wastes at most its last one
    /// (256 KiB chunks left 10 MB unused at 1M records).
    let arena = TextArena(capacity: 1 << 16)
    var records: [PackedRecord] = []
    package var strings = StoreStrings()
    var secureTable = SecureTable()
    var actions = ActionTables()
    var actionPairs: [ActionPair] { actions.pairs }
    var actionLists: ActionLists { actions.lists }
    /// Content keys of the records that name no job, by position in `records`.
    var contentKeys: [Int: String] = [:]
    /// Enrollee flags of the records read from enrollee-info responses, by position.
    var enrollees: [Int: EnrolleeFlags] = [:]
    /// What its records keep beyond merging and counting (set by the reader from its options).
    package var detail = StoredDetail.all

    package init() {}

    package var count: Int { records.count }

    package func reserveRecords(_ count: Int) { records.reserveCapacity(count) }

    /// Adds a record read by the full decoder.
    package func append(_ record: JobRecord) {
        if let key = record.contentKey { contentKeys[records.count] = key }
        if let flags = record.enrollee { enrollees[records.count] = flags }
        records.append(pack(record))
    }

    /// Adds a record the fast scanner packed itself (its strings already in this batch).
    package func appendPacked(_ record: PackedRecord) {
        records.append(record)
    }

    package func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef { arena.append(bytes) }

    package func actionPair(name: UInt32, value: UInt32) -> UInt32 { actions.pair(name: name, value: value) }
    package func actionList(_ pairs: [UInt32]) -> UInt32 { actions.list(pairs) }
    package func actionList(_ pairs: UnsafeBufferPointer<UInt32>) -> UInt32 { actions.list(pairs) }

    private var rawPairs = ByteTable()
    private var rawPairIDs: [UInt32] = [0]

    /// The pair id of one Actions member by its bytes as written (`"Name":"Value"`, spacing
    /// included): a day holds a few dozen distinct pairs, so nearly every member is one
    /// lookup, with its name and value interned only the first time.
    package func actionPair(raw: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> UInt32
    {
        let (id, inserted) = rawPairs.insert(raw)
        if !inserted { return rawPairIDs[Int(id)] }
        let pair = actions.pair(name: strings.actionNames.intern(name), value: strings.actionValues.intern(value))
        rawPairIDs.append(pair)
        return pair
    }

    package func addSecure(_ secure: SecureResult) -> UInt32 {
        secureTable.add(secure)
    }

    private var rawActions = ByteTable()
    private var rawActionLists: [UInt32] = [0]
    /// Whole Actions objects repeat in most data (one per product and outcome), not in all:
    /// where fewer than a quarter of the first lookups hit, the batch stops keeping them
    /// and reads each object's members (which do repeat) instead.
    private var rawLookups = 0
    private var rawHits = 0
    private var keepsRawActions = true

    /// The Actions members of the record being scanned, reused from record to record.
    package var scannedActions: [(name: Range<Int>, value: Range<Int>)] = []

    /// The list id of an Actions object seen before, byte for byte (nothing is added).
    package func knownActionList(raw: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard keepsRawActions else { return nil }
        rawLookups += 1
        guard let id = rawActions.lookup(raw) else {
            if rawLookups == 512 && rawHits * 4 < rawLookups { keepsRawActions = false }
            return nil
        }
        rawHits += 1
        return rawActionLists[Int(id)]
    }

    /// The list id for an Actions object by its raw bytes; `pairs` makes it on a miss.
    package func actionList(raw: UnsafeBufferPointer<UInt8>, pairs: () -> UInt32) -> UInt32 {
        guard keepsRawActions else { return pairs() }
        let (id, inserted) = rawActions.insert(raw)
        if !inserted { return rawActionLists[Int(id)] }
        let list = pairs()
        rawActionLists.append(list)
        return list
    }

    /// Moves every line number by `lines` (a batch read from the middle of a file counts
    /// from 1), from the record at `start` on.
    package func shiftLines(by lines: Int, from start: Int = 0) {
        guard lines != 0 else { return }
        for index in start..<records.count { records[index].line = UInt32(clamping: Int(records[index].line) + lines) }
    }

    /// Moves every byte offset by `offset` (a batch read from a window of its source counts
    /// from the window's start), from the record at `start` on.
    package func shiftOffsets(by offset: Int64, from start: Int = 0) {
        guard offset != 0 else { return }
        for index in start..<records.count { records[index].offset += offset }
    }
}

extension SignatureState {
    package var packed: UInt8 { UInt8(SignatureState.allCases.firstIndex(of: self)!) }
}

extension JobStoreBuilder {
    /// Takes a batch's records in order: strings copied into this store, ids remapped, each
    /// record merged into its job.
    package func append(_ batch: RecordBatch) {
        func remap(_ source: Interner, _ field: WritableKeyPath<StoreStrings, Interner>) -> [UInt32] {
            var map = [UInt32](repeating: 0, count: source.values.count)
            for id in 1..<max(1, source.values.count) {
                var value = source.values[id]
                map[id] = value.withUTF8 { strings[keyPath: field].intern($0) }
            }
            return map
        }
        let codes = remap(batch.strings.codes, \.codes)
        let texts = remap(batch.strings.texts, \.texts)
        let countries = remap(batch.strings.countries, \.countries)
        let idTypes = remap(batch.strings.idTypes, \.idTypes)
        let jobTypes = remap(batch.strings.jobTypes, \.jobTypes)
        let names = remap(batch.strings.actionNames, \.actionNames)
        let values = remap(batch.strings.actionValues, \.actionValues)
        var pairMap = [UInt32](repeating: 0, count: batch.actionPairs.count)
        for id in 1..<max(1, batch.actionPairs.count) {
            let pair = batch.actionPairs[id]
            pairMap[id] = actionPair(name: names[Int(pair.name)], value: values[Int(pair.value)])
        }
        var listMap = [UInt32](repeating: 0, count: batch.actionLists.count)
        for id in 1..<max(1, batch.actionLists.count) {
            let members = batch.actionLists[id]
            listMap[id] = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: members.count) { remapped in
                for (offset, member) in members.enumerated() { remapped[offset] = pairMap[Int(member)] }
                return actionList(UnsafeBufferPointer(remapped))
            }
        }
        let secureMap = secureTable.adopt(batch.secureTable)
        // Each record looks its Smile job id up in a table far larger than the cache: the
        // slot for the record `lookahead` places on is fetched while this one merges.
        let smileHashes = batch.records.map { record in
            record.smileJobID.isNone ? 0 : batch.arena.withBytes(record.smileJobID, hashBytes)
        }
        let lookahead = 8
        for position in 0..<min(lookahead, smileHashes.count) where !batch.records[position].smileJobID.isNone {
            prefetchSmileSlot(hash: smileHashes[position])
        }
        // The batch's strings stay where they are: this store takes its chunks.
        let (chunkBase, longBase) = arena.adopt(batch.arena)
        for (position, var record) in batch.records.enumerated() {
            let ahead = position + lookahead
            if ahead < smileHashes.count, !batch.records[ahead].smileJobID.isNone { prefetchSmileSlot(hash: smileHashes[ahead]) }
            let smileHash = record.smileJobID.isNone ? nil : smileHashes[position]
            record.smileJobID = record.smileJobID.moved(chunkBase: chunkBase, longBase: longBase)
            record.partnerJobID = record.partnerJobID.moved(chunkBase: chunkBase, longBase: longBase)
            record.userID = record.userID.moved(chunkBase: chunkBase, longBase: longBase)
            record.fullName = record.fullName.moved(chunkBase: chunkBase, longBase: longBase)
            record.resultCode = codes[Int(record.resultCode)]
            record.statusCode = codes[Int(record.statusCode)]
            record.resultText = texts[Int(record.resultText)]
            record.country = countries[Int(record.country)]
            record.idType = idTypes[Int(record.idType)]
            record.jobType = jobTypes[Int(record.jobType)]
            record.actions = listMap[Int(record.actions)]
            record.secure = secureMap[Int(record.secure)]
            appendPacked(
                record, contentKey: batch.contentKeys.isEmpty ? nil : batch.contentKeys[position],
                enrollee: batch.enrollees.isEmpty ? nil : batch.enrollees[position], smileHash: smileHash)
        }
    }

}

/// Where records are packed: a store builder or a batch. Both keep strings and ids the same
/// way, so a record packs the same into either.
package protocol RecordPacker: AnyObject {
    var strings: StoreStrings { get set }
    /// What packed records keep beyond merging and counting.
    var detail: StoredDetail { get }
    func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef
    func actionPair(name: UInt32, value: UInt32) -> UInt32
    func actionList(_ pairs: [UInt32]) -> UInt32
    func addSecure(_ secure: SecureResult) -> UInt32
}

extension RecordPacker {
    /// A record read by the full decoder, packed: strings into the arena, repeated values interned.
    package func pack(_ record: JobRecord) -> PackedRecord {
        func text(_ value: String?) -> TextRef {
            guard var value else { return .none }
            return value.withUTF8 { appendText($0) }
        }
        var packed = PackedRecord(
            offset: record.origin.offset, length: UInt32(clamping: record.origin.length), line: UInt32(clamping: record.origin.line),
            source: UInt32(bitPattern: record.origin.source), part: PackedRecord.part(record.origin.part),
            kind: record.kind.rawValue,
            flags: PackedRecord.flags(
                complete: record.jobComplete, success: record.jobSuccess,
                final: record.isFinal, machine: record.isMachine),
            signature: record.signature.packed,
            time: record.timestamp?.millisecondsSince1970 ?? PackedRecord.noTime,
            smileJobID: text(record.smileJobID), partnerJobID: text(record.partnerJobID),
            userID: detail.contains(.userIDs) ? text(record.userID) : .none,
            fullName: detail.contains(.fullNames) ? text(record.fullName) : .none,
            resultCode: strings.codes.intern(record.resultCode), resultText: strings.texts.intern(record.resultText),
            // A stated record has no status code: its slot holds the `status` word.
            statusCode: strings.codes.intern(record.kind == .stated ? record.statedStatus : record.statusCode),
            country: strings.countries.intern(record.country),
            idType: strings.idTypes.intern(record.idType), jobType: strings.jobTypes.intern(record.jobTypeText),
            actions: 0, secure: 0)
        if !record.actions.isEmpty, detail.contains(.actions) {
            var pairs: [UInt32] = []
            pairs.reserveCapacity(record.actions.count)
            for action in record.actions {
                pairs.append(actionPair(name: strings.actionNames.intern(action.name), value: strings.actionValues.intern(action.value)))
            }
            packed.actions = actionList(pairs)
        }
        if let secure = record.secure { packed.secure = addSecure(secure) }
        return packed
    }
}

/// Interned lists of Actions pairs, end to end in one array: a list is 4 bytes a member
/// and 4 for its end, with no array of its own (a day of another writer's callbacks held a
/// distinct list in nearly every record). Id 0 is the empty list.
package struct ActionLists: Sendable {
    private var members: [UInt32] = []
    private var bounds: [UInt32] = [0, 0]

    package var count: Int { bounds.count - 1 }

    package subscript(id: Int) -> ArraySlice<UInt32> {
        members[Int(bounds[id])..<Int(bounds[id + 1])]
    }

    mutating func append(_ list: UnsafeBufferPointer<UInt32>) -> UInt32 {
        members.append(contentsOf: list)
        bounds.append(UInt32(members.count))
        return UInt32(bounds.count - 2)
    }
}

/// Actions as interned pairs (name, value) and lists of pairs. Lists are found by their
/// members with a seeded hash (a ByteKeyIndex over the lists kept in `lists`) and compared
/// in place: no array is made for a list seen before. Where lists hardly repeat (under a
/// quarter of the first 4,096 found), they are kept as they come: a list may then have more
/// than one id, which nothing compares.
struct ActionTables: Sendable {
    private(set) var pairs: [ActionPair] = [ActionPair(name: 0, value: 0)]
    private var pairIndex: [UInt64: UInt32] = [:]
    private(set) var lists = ActionLists()
    private var listIndex = ByteKeyIndex()
    private var listLookups = 0
    private var listHits = 0
    private var internsLists = true

    mutating func pair(name: UInt32, value: UInt32) -> UInt32 {
        let key = UInt64(name) << 32 | UInt64(value)
        if let id = pairIndex[key] { return id }
        pairs.append(ActionPair(name: name, value: value))
        let id = UInt32(pairs.count - 1)
        pairIndex[key] = id
        return id
    }

    mutating func list(_ members: [UInt32]) -> UInt32 {
        members.withUnsafeBufferPointer { list($0) }
    }

    mutating func list(_ members: UnsafeBufferPointer<UInt32>) -> UInt32 {
        if members.isEmpty { return 0 }
        guard internsLists else { return lists.append(members) }
        listLookups += 1
        if listLookups == 4096 && listHits * 4 < listLookups {
            internsLists = false
            listIndex = ByteKeyIndex()
            return lists.append(members)
        }
        let hash = UnsafeRawBufferPointer(members).withMemoryRebound(to: UInt8.self) { hashBytes($0) }
        if let id = listIndex.find(hash: hash, matches: { lists[Int($0)].elementsEqual(members) }) {
            listHits += 1
            return UInt32(id)
        }
        let id = lists.append(members)
        listIndex.insert(hash: hash, value: Int32(id))
        return id
    }
}
