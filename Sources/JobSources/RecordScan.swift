import JobIndex
import SmileJobs
import TolerantJSON

/// What reading one source produced besides its records (which go into a JobStoreBuilder).
public struct ScanOutput: Sendable {
    public var problems: [Problem] = []
    public var requestErrors: [RequestError] = []
    public var acknowledgements: [Acknowledgement] = []
    /// Records the fast scanner read (the rest went through the full decoder).
    public var fastRecords = 0

    public init() {}

    public mutating func append(_ other: ScanOutput) {
        problems.append(contentsOf: other.problems)
        requestErrors.append(contentsOf: other.requestErrors)
        acknowledgements.append(contentsOf: other.acknowledgements)
        fastRecords += other.fastRecords
    }
}

/// Reads the records of one source's bytes (or of one piece of them) into a batch: each
/// record by the fast scanner when it can, else by the full decoder.
public enum RecordScan {
    public struct Options: Sendable {
        public var fastPath = true
        public var signatures: SignatureChecker?
        /// What records keep beyond merging and counting (`summary` keeps none of it).
        public var detail = StoredDetail.all

        public init(fastPath: Bool = true, signatures: SignatureChecker? = nil, detail: StoredDetail = .all) {
            self.fastPath = fastPath
            self.signatures = signatures
            self.detail = detail
        }
    }

    /// What one piece produced: problems and error bodies, where reading stopped, and how
    /// many lines it crossed (lines in the piece's batch and problems count from 1).
    public struct PieceResult: Sendable {
        public var output = ScanOutput()
        public var end: Int
        public var lines: Int
        /// Set when the buffer ended inside a record and the source goes on: where that
        /// record starts (`end` is there too). Read a larger window from it.
        public var needsMoreFrom: Int?
    }

    /// Reads the records that start in `range` (one may run past its end to finish).
    /// `atEnd`: the buffer ends where the source ends (else a record cut by the buffer's end
    /// is not a truncated record, and `needsMoreFrom` says where to read on). `isSourceStart`:
    /// the buffer starts where the source starts (an empty or binary file is said once, there).
    package static func scanPiece(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, source: Int32, path: String,
        into batch: RecordBatch, options: Options, atEnd: Bool = true,
        isSourceStart: Bool = true, baseOffset: Int64 = 0
    ) -> PieceResult {
        var output = ScanOutput()
        batch.detail = options.detail
        if range.lowerBound == 0, isSourceStart, let problem = wholeFileProblem(bytes, path: path, isWhole: atEnd) {
            output.problems.append(problem)
            return PieceResult(output: output, end: bytes.count, lines: 0)
        }
        var reader = JSONSequenceReader(bytes: bytes, range: range)
        while let start = reader.nextStart() {
            if options.fastPath, bytes[start] == UInt8(ascii: "{") {
                let line = reader.line(at: start)
                if let scanned = FastScanner.scan(
                    bytes, at: start, source: UInt32(bitPattern: source), line: line,
                    into: batch, signatures: options.signatures)
                {
                    reader.skipRecord(to: scanned.end, newlines: scanned.newlines, lastNewline: scanned.lastNewline)
                    output.fastRecords += 1
                    if let ledger = options.signatures?.ledger, let signature = scanned.signature, !signature.isEmpty {
                        func text(_ range: Range<Int>?) -> String? {
                            guard let range, !range.isEmpty else { return nil }
                            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                        }
                        ledger.note(
                            signature: text(signature)!, job: text(scanned.smileJobID) ?? text(scanned.partnerJobID),
                            body: SignatureLedger.bodyHash(UnsafeBufferPointer(rebasing: bytes[start..<scanned.end])),
                            place: SignatureLedger.Place(source: source, offset: baseOffset + Int64(start)))
                    }
                    continue
                }
            }
            guard let item = reader.next() else { break }
            switch item {
            case .record(let record):
                let origin = RecordOrigin(
                    source: source, line: Int32(clamping: record.line), offset: Int64(record.range.lowerBound),
                    length: Int32(clamping: record.range.count))
                switch RecordDecoder.decode(record.value, origin: origin, signatures: options.signatures) {
                case .records(let records, _):
                    for record in records { batch.append(record) }
                    if let ledger = options.signatures?.ledger, let signed = records.last(where: { $0.signature != .unsigned }),
                        let signature = record.value.objectValue?["signature"]?.scalarText, !signature.isEmpty
                    {
                        ledger.note(
                            signature: signature, job: signed.smileJobID ?? signed.partnerJobID,
                            body: SignatureLedger.bodyHash(UnsafeBufferPointer(rebasing: bytes[record.range])),
                            place: SignatureLedger.Place(source: source, offset: baseOffset + Int64(record.range.lowerBound)))
                    }
                case .requestError(let code, let message):
                    output.requestErrors.append(RequestError(source: path, line: record.line, code: code, message: message))
                case .acknowledgement(let jobID, let userID, let message):
                    output.acknowledgements.append(
                        Acknowledgement(source: path, line: record.line, jobID: jobID, userID: userID, message: message))
                case .notARecord(let reason):
                    output.problems.append(Problem(source: path, line: record.line, kind: .notARecord, message: reason))
                }
            case .failure(let failure):
                if !atEnd && failure.error.kind == .truncated {
                    // The window ended, not the record: read on from where it starts.
                    let start = failure.range.lowerBound
                    return PieceResult(output: output, end: start, lines: reader.line(at: start) - 1, needsMoreFrom: start)
                }
                output.problems.append(problem(for: failure, path: path, bytes: bytes, baseLine: 0))
            }
        }
        let end = max(reader.offset, min(range.upperBound, bytes.count))
        return PieceResult(output: output, end: end, lines: reader.line(at: end) - 1)
    }

    /// Empty and binary files, said once for the whole file. `isWhole`: the buffer is the
    /// whole source (only then is "only white space" a fact).
    static func wholeFileProblem(_ bytes: UnsafeBufferPointer<UInt8>, path: String, isWhole: Bool = true) -> Problem? {
        var first: Int? = nil
        for index in bytes.indices {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                first = index
                break
            }
        }
        guard let first else {
            guard isWhole else { return nil }
            return Problem(source: path, kind: .empty, message: bytes.isEmpty ? "the file is empty" : "the file holds only white space")
        }
        let opener = bytes[first]
        let isJSONStart = opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[") || opener == 0xEF
        if !isJSONStart {
            let sample = bytes[..<min(bytes.count, 8192)]
            if sample.contains(0) {
                return Problem(source: path, line: 1, kind: .binary, message: "binary data, not JSON text (it holds NUL bytes)")
            }
        }
        return nil
    }

    static func problem(for failure: JSONSequenceReader.Failure, path: String, bytes: UnsafeBufferPointer<UInt8>, baseLine: Int) -> Problem
    {
        let error = failure.error
        var message: String
        switch error.kind {
        case .truncated:
            message = "the record is cut short (\(error.message)): the file may have been truncated"
        case .tooDeep:
            message = "\(error.message): no Smile ID record nests like this, so it is not read"
        case .syntax:
            let opener = failure.range.isEmpty ? 0 : bytes[failure.range.lowerBound]
            if error.offset == failure.range.lowerBound && opener != UInt8(ascii: "{") && opener != UInt8(ascii: "[") {
                message = "not JSON: \(error.message)"
            } else {
                message = "not valid JSON: \(error.message)"
            }
        }
        if failure.recordLine != failure.errorLine {
            message += " (in the record that starts at line \(failure.recordLine + baseLine))"
        }
        let kind: Problem.Kind =
            switch error.kind {
            case .truncated: .truncated
            case .tooDeep: .tooDeep
            case .syntax: .syntax
            }
        return Problem(source: path, line: failure.errorLine + baseLine, column: failure.errorColumn, kind: kind, message: message)
    }
}
