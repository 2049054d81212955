/// Where a record was read: which source, which line, which bytes, and which part of the
/// value (a job-status response holds its current result and earlier ones in `history`).
public struct RecordOrigin: Sendable, Hashable {
    /// Which part of a read value a record is.
    public enum Part: Sendable, Hashable {
        /// The value itself (a callback).
        case whole
        /// The `result` object of a job-status response.
        case result
        /// Item `n` of a job-status response's `history`.
        case history(Int)

        /// The part as one number: 0 whole, 1 a response's result, 2 + n history item n
        /// (how the job store packs it, and how reading order sorts it).
        public var number: UInt16 {
            switch self {
            case .whole: 0
            case .result: 1
            case .history(let index): UInt16(clamping: index + 2)
            }
        }

        public init(number: UInt16) {
            switch number {
            case 0: self = .whole
            case 1: self = .result
            default: self = .history(Int(number) - 2)
            }
        }
    }

    /// Index into the load's list of sources.
    public var source: Int32
    /// 1-based line of the value's first byte.
    public var line: Int32
    /// Byte range of the whole value within its source.
    public var offset: Int64
    public var length: Int32
    public var part: Part

    public init(source: Int32, line: Int32, offset: Int64, length: Int32, part: Part = .whole) {
        self.source = source
        self.line = line
        self.offset = offset
        self.length = length
        self.part = part
    }
}

/// A source of records: a file, or standard input.
public struct SourceInfo: Sendable, Hashable {
    /// As the user named it (or as found inside a folder they named); `-` for stdin.
    public var path: String
    public var byteCount: Int64

    public init(path: String, byteCount: Int64) {
        self.path = path
        self.byteCount = byteCount
    }

    public var displayName: String { path == "-" ? "<stdin>" : path }
}
