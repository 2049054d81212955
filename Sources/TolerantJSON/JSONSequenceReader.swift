/// Walks a buffer that holds JSON records in any of the shapes people keep them in:
/// one object, a top-level array of objects, NDJSON / JSON Lines, or pretty-printed
/// objects one after another. Each record comes out with its line and byte range; a
/// record that cannot be read comes out as a failure, and reading resumes at the next
/// line that starts a record at the same indentation or less, so one bad record never
/// hides the rest.
public struct JSONSequenceReader {
    /// One thing found in the buffer.
    public enum Item: Sendable {
        case record(Record)
        case failure(Failure)
    }

    public struct Record: Sendable {
        public var value: JSONValue
        public var range: Range<Int>
        /// 1-based line of the record's first byte.
        public var line: Int
        public var tolerances: [Located<JSONTolerance>]
    }

    public struct Failure: Sendable, Error {
        public var error: JSONSyntaxError
        /// Where the unreadable record starts.
        public var recordLine: Int
        /// Where reading stopped: line and 1-based column.
        public var errorLine: Int
        public var errorColumn: Int
        public var range: Range<Int>
    }

    /// A value with the line and column of its offset.
    public struct Located<Value: Sendable>: Sendable {
        public var value: Value
        public var line: Int
        public var column: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var position: Int
    private var lines: LineCounter
    private var arrayDepth = 0
    /// Records start before this offset; one that starts there belongs to the next reader.
    private let startLimit: Int

    /// A reader over `bytes`, reading records that start in `range` (lines counted from the
    /// range's start as line 1). A record may run past the range's end to finish.
    public init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, maxDepth: Int = JSONReader.defaultMaxDepth) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        let range = range ?? 0..<bytes.count
        self.position = range.lowerBound
        self.startLimit = range.upperBound
        self.lines = LineCounter(start: range.lowerBound)
        // A UTF-8 byte order mark is not content.
        if position == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Where reading has got to.
    public var offset: Int { position }

    /// The next record or failure, or nil at the end of the buffer.
    public mutating func next() -> Item? {
        guard nextStart() != nil else { return nil }
        return readOne()
    }

    /// The line (from this reader's first line) of an offset at or after the last one asked about.
    public mutating func line(at offset: Int) -> Int {
        lines.locate(offset, in: bytes).line
    }

    /// Moves past a record that was read some other way, with the line breaks inside it.
    public mutating func skipRecord(to end: Int, newlines: Int, lastNewline: Int) {
        lines.jump(to: end, newlines: newlines, lastNewline: lastNewline)
        position = end
    }

    /// The offset where the next record starts, after separators, or nil when there are no
    /// more records for this reader.
    public mutating func nextStart() -> Int? {
        while true {
            skipSeparators()
            guard position < bytes.count, position < startLimit else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "[") && !isArrayOfScalarsOrArrays(at: position) {
                // A top-level array of records: read its items one by one.
                arrayDepth += 1
                position += 1
                continue
            }
            if byte == UInt8(ascii: "]") && arrayDepth > 0 {
                arrayDepth -= 1
                position += 1
                continue
            }
            return position
        }
    }

    /// Reads every item (for small inputs and tests).
    public static func readAll(_ bytes: UnsafeBufferPointer<UInt8>) -> [Item] {
        var reader = JSONSequenceReader(bytes: bytes)
        var items: [Item] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    private mutating func readOne() -> Item {
        let start = position
        let startPosition = lines.locate(start, in: bytes)
        do {
            let parsed = try JSONReader.readValue(in: bytes, at: start, maxDepth: maxDepth)
            position = parsed.end
            var anchor = lines
            let tolerances = parsed.tolerances.map { tolerance -> Located<JSONTolerance> in
                let place = anchor.locate(tolerance.offset, in: bytes)
                return Located(value: tolerance, line: place.line, column: place.column)
            }
            return .record(Record(value: parsed.value, range: start..<parsed.end, line: startPosition.line, tolerances: tolerances))
        } catch {
            var anchor = lines
            let place = anchor.locate(error.offset, in: bytes)
            let resume = resumeOffset(afterRecordAt: start, column: startPosition.column)
            position = resume
            return .failure(
                Failure(
                    error: error, recordLine: startPosition.line, errorLine: place.line,
                    errorColumn: place.column, range: start..<resume))
        }
    }

    /// After a failed record: the start of the next line, below the record's first line,
    /// whose first non-blank character opens an object or array at the record's column or
    /// further left. NDJSON resumes on the very next line; a broken pretty-printed object
    /// skips its own indented body.
    private func resumeOffset(afterRecordAt start: Int, column: Int) -> Int {
        var cursor = start
        while cursor < bytes.count {
            // Go to the start of the next line.
            while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
            guard cursor < bytes.count else { return bytes.count }
            cursor += 1
            var indent = cursor
            while indent < bytes.count, bytes[indent] == 0x20 || bytes[indent] == 0x09 || bytes[indent] == 0x0D { indent += 1 }
            guard indent < bytes.count else { return bytes.count }
            let opener = bytes[indent]
            if (opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[")) && indent - cursor + 1 <= column {
                return indent
            }
        }
        return bytes.count
    }

    /// White space and the commas between items of a top-level array.
    private mutating func skipSeparators() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            case UInt8(ascii: ",") where arrayDepth > 0: position += 1
            default: return
            }
        }
    }

    /// `[` opens an array of records unless its first item is not an object (then the
    /// whole array is one value, and the caller says it is not a record).
    private func isArrayOfScalarsOrArrays(at offset: Int) -> Bool {
        var cursor = offset + 1
        while cursor < bytes.count {
            switch bytes[cursor] {
            case 0x20, 0x09, 0x0A, 0x0D: cursor += 1
            case UInt8(ascii: "{"): return false
            case UInt8(ascii: "]"): return false
            default: return true
            }
        }
        return false
    }
}

/// Counts lines forward through a buffer, so that finding the line of each record
/// costs one pass over the bytes in all.
struct LineCounter {
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private let origin: Int

    init(start: Int = 0) {
        origin = start
        offset = start
        lineStart = start
    }

    /// Moves to `end` across a stretch whose line breaks were counted elsewhere.
    mutating func jump(to end: Int, newlines: Int, lastNewline: Int) {
        guard end >= offset else { return }
        line += newlines
        if newlines > 0 { lineStart = lastNewline + 1 }
        offset = end
    }

    /// Line (1-based) and column (1-based, in bytes) of `target`. Moves forward; a target
    /// behind the counter is found by counting again from the start.
    mutating func locate(_ target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        if target < offset { self = LineCounter(start: origin) }
        let end = min(target, bytes.count)
        var cursor = offset
        while cursor < end {
            if bytes[cursor] == 0x0A {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        offset = max(offset, end)
        return (line, target - lineStart + 1)
    }
}
