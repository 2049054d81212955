import SmileJobs
import TolerantJSON

/// What reading one source produced besides its records (which go into a JobStoreBuilder).
public struct ScanOutput: Sendable {
    public var problems: [Problem] = []
    public var requestErrors: [RequestError] = []

    public init() {}

    public mutating func append(_ other: ScanOutput) {
        problems.append(contentsOf: other.problems)
        requestErrors.append(contentsOf: other.requestErrors)
    }
}

/// Reads every record of one source's bytes with the full decoder.
public enum RecordScan {
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, source: Int32, path: String, into builder: JobStoreBuilder,
                            baseOffset: Int64 = 0, baseLine: Int = 0) -> ScanOutput {
        var output = ScanOutput()
        if let problem = wholeFileProblem(bytes, path: path) {
            output.problems.append(problem)
            return output
        }
        var reader = JSONSequenceReader(bytes: bytes)
        while let item = reader.next() {
            switch item {
            case .record(let record):
                let origin = RecordOrigin(
                    source: source, line: Int32(clamping: record.line + baseLine),
                    offset: baseOffset + Int64(record.range.lowerBound), length: Int32(clamping: record.range.count))
                switch RecordDecoder.decode(record.value, origin: origin) {
                case .records(let records, _):
                    for record in records { builder.append(record) }
                case .requestError(let code, let message):
                    output.requestErrors.append(RequestError(source: path, line: record.line + baseLine, code: code, message: message))
                case .notARecord(let reason):
                    output.problems.append(Problem(source: path, line: record.line + baseLine, kind: .notARecord, message: reason))
                }
            case .failure(let failure):
                output.problems.append(problem(for: failure, path: path, bytes: bytes, baseLine: baseLine))
            }
        }
        return output
    }

    /// Empty and binary files, said once for the whole file.
    static func wholeFileProblem(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Problem? {
        var first: Int? = nil
        for index in bytes.indices {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                first = index
                break
            }
        }
        guard let first else {
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

    static func problem(for failure: JSONSequenceReader.Failure, path: String, bytes: UnsafeBufferPointer<UInt8>, baseLine: Int) -> Problem {
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
        let kind: Problem.Kind = switch error.kind {
        case .truncated: .truncated
        case .tooDeep: .tooDeep
        case .syntax: .syntax
        }
        return Problem(source: path, line: failure.errorLine + baseLine, column: failure.errorColumn, kind: kind, message: message)
    }
}
