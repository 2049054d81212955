import SmileJobs

/// A record as the store keeps it: 96 bytes of numbers, no references. Strings that vary by
/// job live in the TextArena; strings that repeat (codes, texts, countries…) are interned ids.
package struct PackedRecord: Sendable, Equatable {
    // Where it came from.
    package var offset: Int64
    package var length: UInt32
    package var line: UInt32
    /// Which source: 32 bits, for loads of more than 65,535 files.
    package var source: UInt32
    /// 0 whole value, 1 a job-status `result`, 2 + n item n of `history`.
    package var part: UInt16
    /// The record's kind (low four bits) and signature state (high four): one byte, so
    /// the record stays 96 bytes.
    private var kindAndSignature: UInt8
    /// Bit 0: job_complete known; 1: its value; 2: job_success known; 3: its value;
    /// 4: IsFinalResult known; 5: its value; 6: IsMachineResult known; 7: its value.
    package var flags: UInt8

    package var kind: UInt8 {
        get { kindAndSignature & 0x0F }
        set { kindAndSignature = (kindAndSignature & 0xF0) | (newValue & 0x0F) }
    }

    package var signature: UInt8 {
        get { kindAndSignature >> 4 }
        set { kindAndSignature = (kindAndSignature & 0x0F) | (newValue << 4) }
    }
    /// Milliseconds since 1970, or `Int64.min` when the record has no readable time.
    package var time: Int64
    package var smileJobID: TextRef
    package var partnerJobID: TextRef
    package var userID: TextRef
    package var fullName: TextRef
    // Interned ids (0: none).
    package var resultCode: UInt32
    package var resultText: UInt32
    package var statusCode: UInt32
    package var country: UInt32
    package var idType: UInt32
    package var jobType: UInt32
    /// An interned list of Actions pairs (0: none).
    package var actions: UInt32
    /// 1 + the index of the record's Smile Secure result, 0 when it has none.
    package var secure: UInt32

    static let noTime = Int64.min

    package init(
        offset: Int64, length: UInt32, line: UInt32, source: UInt32, part: UInt16, kind: UInt8, flags: UInt8,
        signature: UInt8, time: Int64, smileJobID: TextRef, partnerJobID: TextRef, userID: TextRef, fullName: TextRef,
        resultCode: UInt32, resultText: UInt32, statusCode: UInt32, country: UInt32, idType: UInt32, jobType: UInt32,
        actions: UInt32, secure: UInt32
    ) {
        self.offset = offset
        self.length = length
        self.line = line
        self.source = source
        self.part = part
        self.kindAndSignature = (kind & 0x0F) | (signature << 4)
        self.flags = flags
        self.time = time
        self.smileJobID = smileJobID
        self.partnerJobID = partnerJobID
        self.userID = userID
        self.fullName = fullName
        self.resultCode = resultCode
        self.resultText = resultText
        self.statusCode = statusCode
        self.country = country
        self.idType = idType
        self.jobType = jobType
        self.actions = actions
        self.secure = secure
    }

    package var jobComplete: Bool? { flags & 1 != 0 ? flags & 2 != 0 : nil }
    package var jobSuccess: Bool? { flags & 4 != 0 ? flags & 8 != 0 : nil }
    package var isFinal: Bool? { flags & 16 != 0 ? flags & 32 != 0 : nil }
    package var isMachine: Bool? { flags & 64 != 0 ? flags & 128 != 0 : nil }

    package static func flags(complete: Bool?, success: Bool?, final: Bool? = nil, machine: Bool? = nil) -> UInt8 {
        var flags: UInt8 = 0
        if let complete { flags |= 1 | (complete ? 2 : 0) }
        if let success { flags |= 4 | (success ? 8 : 0) }
        if let final { flags |= 16 | (final ? 32 : 0) }
        if let machine { flags |= 64 | (machine ? 128 : 0) }
        return flags
    }

    static func part(_ part: RecordOrigin.Part) -> UInt16 { part.number }

    var originPart: RecordOrigin.Part { RecordOrigin.Part(number: part) }

    var readingOrder: ReadingOrder { ReadingOrder(source: Int32(source), offset: offset, part: Int32(part)) }

    var origin: RecordOrigin {
        RecordOrigin(source: Int32(source), line: Int32(clamping: line), offset: offset, length: Int32(clamping: length), part: originPart)
    }
}

/// An append-only column in fixed chunks: appending never moves what is there, so a frozen
/// view stays valid on another thread while the column grows.
///
/// `@unchecked`: it owns raw chunks. Only the builder's thread appends; a chunk is never
/// moved or freed while the column lives, so views read on other threads see fixed memory.
final class ChunkedColumn<Element>: @unchecked Sendable {
    static var chunkSize: Int { 1 << 16 }
    private var chunks: [UnsafeMutableBufferPointer<Element>] = []
    private(set) var count = 0

    deinit {
        for (index, chunk) in chunks.enumerated() {
            let used = min(ChunkedColumn.chunkSize, count - index * ChunkedColumn.chunkSize)
            if used > 0 { chunk.baseAddress!.deinitialize(count: used) }
            chunk.deallocate()
        }
    }

    func append(_ element: Element) {
        let within = count % ChunkedColumn.chunkSize
        if within == 0 { chunks.append(.allocate(capacity: ChunkedColumn.chunkSize)) }
        (chunks[chunks.count - 1].baseAddress! + within).initialize(to: element)
        count += 1
    }

    subscript(index: Int) -> Element {
        chunks[index >> 16][index & 0xFFFF]
    }

    func freeze() -> ColumnView<Element> {
        ColumnView(owner: self, chunks: chunks.map { UnsafeBufferPointer($0) }, count: count)
    }

    var byteCount: Int { chunks.count * ChunkedColumn.chunkSize * MemoryLayout<Element>.stride }
}

/// A frozen view of a column: the first `count` elements as they were.
///
/// `@unchecked`: read-only pointers into chunks that never move, kept alive by `owner`;
/// elements below `count` are never written again.
struct ColumnView<Element>: @unchecked Sendable {
    let owner: ChunkedColumn<Element>?
    let chunks: [UnsafeBufferPointer<Element>]
    let count: Int

    static var empty: ColumnView<Element> { ColumnView(owner: nil, chunks: [], count: 0) }

    @inline(__always)
    subscript(index: Int) -> Element {
        chunks[index >> 16][index & 0xFFFF]
    }
}
