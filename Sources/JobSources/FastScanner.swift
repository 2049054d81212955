import CVectorScan
import JobIndex
import SmileJobs
import TolerantJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the commonest records — callbacks and Smile Secure callbacks in their usual shape —
/// straight from bytes into a RecordBatch: the fields the list needs, with no JSON tree and
/// no String made for a field that repeats.
///
/// It reads exactly what the full decoder reads, or declines: anything it is not sure of
/// (escapes in a field it keeps, non-ASCII in a key or a code, invalid UTF-8, a job-status
/// response, an error body, the newer Smile Secure shape, a duplicated field, a trailing
/// comma, odd types, deep nesting) makes it return nil having added nothing, and the full
/// decoder reads that record. A test runs both over every fixture and a generated set and compares.
struct FastScanner {
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var position: Int
    private(set) var newlines = 0
    private(set) var lastNewline = -1

    /// What a successful scan consumed.
    struct Scanned {
        var end: Int
        /// Line breaks inside the record (between its tokens), and where the last one was.
        var newlines: Int
        var lastNewline: Int
        /// The signature and the job's ids, for the replay ledger.
        var signature: Range<Int>?
        var smileJobID: Range<Int>?
        var partnerJobID: Range<Int>?
    }

    /// The batch being filled, for the Actions shortcut.
    private var batch: RecordBatch?

    private struct Fields {
        var resultCode: Range<Int>?
        var resultText: Range<Int>?
        var smileJobID: Range<Int>?
        var timestamp: Range<Int>?
        var country: Range<Int>?
        var idType: Range<Int>?
        var fullName: Range<Int>?
        /// A name or result text written with escapes (`\u00e9`), decoded as the full
        /// decoder decodes it; the range above is then nil.
        var decodedFullName: [UInt8]?
        var decodedResultText: [UInt8]?
        var jobID: Range<Int>?
        var userID: Range<Int>?
        var jobType: Range<Int>?
        var signature: Range<Int>?
        var hasSecKey = false
        var hasAntifraud = false
        var isResult = false
        /// Members read into the batch's `scannedActions` (reused: no array per record).
        var actionCount = 0
        var hasActions = false
        /// The whole Actions object as written: identical ones (most) are looked up whole.
        var actionsRaw: Range<Int>?
        /// The Actions list id when the object was seen before, byte for byte.
        var knownActions: UInt32?
        var suspects: [(Range<Int>, [Range<Int>])] = []
        var omittedSuspects = 0
        var isFinal: Bool?
        var isMachine: Bool?
        var seen: UInt32 = 0
    }

    private init(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) {
        bytes = buffer.baseAddress!
        count = buffer.count
        position = start
    }

    /// Scans the record at `start`; on success its packed record is in `batch`.
    static func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, at start: Int, source: UInt32, line: Int,
        into batch: RecordBatch, signatures: SignatureChecker?
    ) -> Scanned? {
        guard buffer.count > start, buffer.baseAddress != nil else { return nil }
        var scanner = FastScanner(buffer, at: start)
        scanner.batch = batch
        // Filled in place: returned, the fields (about 400 bytes) were copied for every record.
        var fields = Fields()
        guard scanner.readObject(into: &fields) else { return nil }
        guard let record = scanner.pack(fields, start: start, source: source, line: line, batch: batch, signatures: signatures) else {
            return nil
        }
        batch.appendPacked(record)
        return Scanned(
            end: scanner.position, newlines: scanner.newlines, lastNewline: scanner.lastNewline,
            signature: fields.signature, smileJobID: fields.smileJobID, partnerJobID: fields.jobID)
    }

    // MARK: - The top-level object

    private mutating func readObject(into fields: inout Fields) -> Bool {
        guard peek == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        guard peek != UInt8(ascii: "}") else { return false }  // {}: not a record; the full decoder says so
        while true {
            guard let key = readPlainString() else { return false }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return false }
            position += 1
            skipWhitespace()
            guard readMember(key, into: &fields) else { return false }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if peek == UInt8(ascii: "}") { return false }  // a trailing comma: the full decoder notes it
            case UInt8(ascii: "}"):
                position += 1
                return fields.isResult
            default:
                return false
            }
        }
    }

    /// Bits for the fields a record may carry once.
    private enum Field: UInt32 {
        case resultCode = 1, resultText = 2, smileJobID = 4, timestamp = 8, country = 16, idType = 32, fullName = 64
        case partnerParams = 128, actions = 256, antifraud = 512, signature = 1024, secKey = 2048
        case isFinal = 4096, isMachine = 8192
    }

    private mutating func once(_ field: Field, _ fields: inout Fields) -> Bool {
        if fields.seen & field.rawValue != 0 { return false }
        fields.seen |= field.rawValue
        return true
    }

    private mutating func readMember(_ key: Range<Int>, into fields: inout Fields) -> Bool {
        switch key.count {
        case 10:
            if matches(key, "ResultCode") {
                guard once(.resultCode, &fields), let value = readScalar() else { return false }
                fields.resultCode = value
                fields.isResult = true
                return true
            }
            if matches(key, "ResultText") {
                guard once(.resultText, &fields) else { return false }
                fields.isResult = true
                return readKeptText(into: &fields.resultText, decoded: &fields.decodedResultText)
            }
            if matches(key, "SmileJobID") {
                guard once(.smileJobID, &fields), let value = readScalar(unicode: true) else { return false }
                fields.smileJobID = value
                fields.isResult = true
                return true
            }
        case 9:
            if matches(key, "timestamp") {
                guard once(.timestamp, &fields), let value = readScalar() else { return false }
                fields.timestamp = value
                return true
            }
            if matches(key, "signature") {
                guard once(.signature, &fields), let value = readScalar(allowNumber: false) else { return false }
                fields.signature = value
                return true
            }
            if matches(key, "Antifraud") {
                guard once(.antifraud, &fields) else { return false }
                fields.hasAntifraud = true
                fields.isResult = true
                return readAntifraud(&fields)
            }
        case 7:
            if matches(key, "Country") {
                guard once(.country, &fields), let value = readScalar() else { return false }
                fields.country = value
                return true
            }
            if matches(key, "Actions") {
                guard once(.actions, &fields) else { return false }
                fields.hasActions = true
                let start = position
                // Not kept (a load that only counts): checked as JSON and passed over.
                if let batch, !batch.detail.contains(.actions) {
                    return peek == UInt8(ascii: "{") && skipValue()
                }
                // The same Actions object as one already read (most are): skip to its end.
                // A hit is byte for byte an object that was read and checked in full.
                if peek == UInt8(ascii: "{"), let batch, let close = memchr(bytes + position, Int32(UInt8(ascii: "}")), count - position) {
                    let end = bytes.distance(to: close.assumingMemoryBound(to: UInt8.self)) + 1
                    if let known = batch.knownActionList(raw: slice(start..<end)) {
                        // A pretty-printed object holds line breaks: they still count (the
                        // lines of everything after it depend on them).
                        if memchr(bytes + start, 0x0A, end - start) != nil {
                            for index in start..<end where bytes[index] == 0x0A {
                                newlines += 1
                                lastNewline = index
                            }
                        }
                        position = end
                        fields.actionsRaw = start..<end
                        fields.knownActions = known
                        return true
                    }
                }
                guard readActions(&fields) else { return false }
                fields.actionsRaw = start..<position
                return true
            }
            if matches(key, "sec_key") {
                guard once(.secKey, &fields) else { return false }
                fields.hasSecKey = true
                return skipValue()
            }
            if matches(key, "history") { return false }
        case 6:
            if matches(key, "IDType") {
                guard once(.idType, &fields), let value = readScalar() else { return false }
                fields.idType = value
                return true
            }
            if matches(key, "result") { return false }
        case 8:
            if matches(key, "FullName") {
                guard once(.fullName, &fields) else { return false }
                return readKeptText(into: &fields.fullName, decoded: &fields.decodedFullName)
            }
        case 13:
            if matches(key, "PartnerParams") {
                guard once(.partnerParams, &fields) else { return false }
                fields.isResult = true
                return readPartnerParams(&fields)
            }
            if matches(key, "IsFinalResult") {
                guard once(.isFinal, &fields), let flag = readFlag() else { return false }
                fields.isFinal = flag
                return true
            }
        case 15:
            if matches(key, "IsMachineResult") {
                guard once(.isMachine, &fields), let flag = readFlag() else { return false }
                fields.isMachine = flag
                return true
            }
        case 5:
            if matches(key, "error") { return false }
        case 12:
            if matches(key, "job_complete") { return false }
        case 11:
            if matches(key, "job_success") { return false }
        default:
            break
        }
        // Keys the full decoder reads loosely (smile_job_id, partner_params, antifraud): leave to it.
        if isLooselyKnown(key) { return false }
        // Most skipped values are strings (IDNumber, DOB, Source…): straight to their end.
        if peek == UInt8(ascii: "\"") { return skipString() }
        return skipValue()
    }

    private mutating func readPartnerParams(_ fields: inout Fields) -> Bool {
        var seen = 0
        return forEachMember { scanner, key in
            if scanner.matches(key, "job_id") {
                guard seen & 1 == 0, let value = scanner.readScalar(unicode: true) else { return false }
                seen |= 1
                fields.jobID = value
            } else if scanner.matches(key, "user_id") {
                guard seen & 2 == 0, let value = scanner.readScalar(unicode: true) else { return false }
                seen |= 2
                fields.userID = value
            } else if scanner.matches(key, "job_type") {
                guard seen & 4 == 0, let value = scanner.readScalar() else { return false }
                seen |= 4
                fields.jobType = value
            } else {
                return scanner.skipValue()
            }
            return true
        }
    }

    private mutating func readActions(_ fields: inout Fields) -> Bool {
        guard let batch else { return false }
        batch.scannedActions.removeAll(keepingCapacity: true)
        return forEachMember { scanner, name in
            guard let value = scanner.readPlainString(unicode: true) else { return false }
            batch.scannedActions.append((name, value))
            fields.actionCount += 1
            return true
        }
    }

    /// Walks an object's members: `body` reads each value (the scanner is after the colon).
    /// False as soon as anything is not as the full decoder would read it.
    private mutating func forEachMember(_ body: (inout FastScanner, Range<Int>) -> Bool) -> Bool {
        guard peek == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return true
        }
        while true {
            guard let key = readPlainString() else { return false }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return false }
            position += 1
            skipWhitespace()
            guard body(&self, key) else { return false }
            guard endOfMember(closing: UInt8(ascii: "}")) else { return false }
            if peek == UInt8(ascii: "}") {
                position += 1
                return true
            }
        }
    }

    /// The first Smile Secure shape: `{"SuspectUsers": [{"user_id", "reason"}]}`.
    private mutating func readAntifraud(_ fields: inout Fields) -> Bool {
        guard peek == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        guard let key = readPlainString(), matches(key, "SuspectUsers") else { return false }
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { return false }
        position += 1
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { return false }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                guard let suspect = readSuspect() else { return false }
                if fields.suspects.count < SecureResult.maxSuspects { fields.suspects.append(suspect) } else { fields.omittedSuspects += 1 }
                guard endOfMember(closing: UInt8(ascii: "]")) else { return false }
                if peek == UInt8(ascii: "]") {
                    position += 1
                    break
                }
            }
        }
        skipWhitespace()
        guard peek == UInt8(ascii: "}") else { return false }
        position += 1
        return true
    }

    private mutating func readSuspect() -> (Range<Int>, [Range<Int>])? {
        var user: Range<Int>?
        var reasons: [Range<Int>] = []
        var seen = 0
        let read = forEachMember { scanner, key in
            if scanner.matches(key, "user_id") {
                guard seen & 1 == 0, let value = scanner.readScalar(unicode: true), value.count > 0 else { return false }
                seen |= 1
                user = value
                return true
            }
            if scanner.matches(key, "reason") {
                guard seen & 2 == 0, scanner.peek == UInt8(ascii: "\""), let value = scanner.readPlainString(unicode: true) else {
                    return false
                }
                seen |= 2
                if value.count > 0 { reasons.append(value) }
                return true
            }
            // The newer list of reasons is left to the full decoder.
            if scanner.matches(key, "reasons") { return false }
            return scanner.skipValue()
        }
        guard read, let user else { return nil }
        return (user, reasons)
    }

    /// After a member: a comma (not trailing) or the closing byte, which is left to read.
    private mutating func endOfMember(closing: UInt8) -> Bool {
        skipWhitespace()
        if peek == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            return peek != closing && position < count
        }
        return peek == closing
    }

    // MARK: - Scalars

    /// A string with no escapes, no control characters and only ASCII (any valid UTF-8 when
    /// `unicode`), or a valid number; null gives an empty range (the full decoder's
    /// "absent"). Anything else declines.
    mutating func readScalar(allowNumber: Bool = true, unicode: Bool = false) -> Range<Int>? {
        switch peek {
        case UInt8(ascii: "\""): return readPlainString(unicode: unicode)
        case UInt8(ascii: "n"):
            guard literal("null") else { return nil }
            return position..<position
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return allowNumber ? readNumber() : nil
        default:
            return nil
        }
    }

    /// A flag as `FieldReader.bool` reads it: `true`/`false`, or a string or number spelling
    /// one (`"true"`, `"1"`, `"no"`…); anything else is nil, as there. `value` is nil for
    /// null and for text that names no flag.
    mutating func readFlag() -> Bool?? {
        switch peek {
        case UInt8(ascii: "t"): return literal("true") ? .some(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .some(false) : nil
        default:
            guard let range = readScalar() else { return nil }
            return .some(FastScanner.flagWord(slice(range)))
        }
    }

    /// `true`, `1`, `yes` or `false`, `0`, `no`, in any case, spaces around ignored; nil for
    /// anything else. On the bytes, as the full reader's `lowercased().trimmingASCIISpaces()`
    /// reads them (no other letter lower-cases to one of these ASCII words): a String made,
    /// lower-cased and trimmed for every flag was a twelfth of a load's instructions.
    static func flagWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let length = end - start
        guard length >= 1, length <= 5 else { return nil }
        var word: UInt64 = 0
        for index in start..<end {
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            word = word << 8 | UInt64(byte)
        }
        switch word {
        case 0x74_7275_65, 0x31, 0x79_6573: return true  // "true", "1", "yes"
        case 0x66_616C_7365, 0x30, 0x6E6F: return false  // "false", "0", "no"
        default: return nil
        }
    }

    /// A string with no escapes and no control characters. Keys and codes must be ASCII;
    /// `unicode` text (names, ids, result text) may hold any valid UTF-8, which the full
    /// decoder keeps byte for byte too (invalid UTF-8 it replaces and notes: declined here).
    @inline(__always)
    mutating func readPlainString(unicode: Bool = false) -> Range<Int>? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while true {
            skipOrdinaryStringBytes(stoppingAtNonASCII: true)
            guard position < count else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let range = start..<position
                position += 1
                return range
            }
            if byte >= 0x80, unicode, let length = UTF8Sequence.length(at: position, in: bytes, count: count) {
                position += length
                continue
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            position += 1
        }
    }

    /// A name or result text: a plain string or number as written (`range`), else a string
    /// with escapes decoded (`decoded`); false when it is neither.
    private mutating func readKeptText(into range: inout Range<Int>?, decoded: inout [UInt8]?) -> Bool {
        let start = position
        if let value = readScalar(unicode: true) {
            range = value
            return true
        }
        position = start
        decoded = readEscapedText()
        return decoded != nil
    }

    /// A string with escapes, decoded as the full decoder decodes it: the named escapes, `\u`
    /// with surrogate pairs joined, raw UTF-8 kept. Declines where the full decoder would
    /// note something (an unknown escape, a lone surrogate, bad hex, a raw control
    /// character, invalid UTF-8). The scanner is at the opening quote; a string that is
    /// not one stays unread (nil, position unchanged).
    mutating func readEscapedText() -> [UInt8]? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        var at = position + 1
        var text: [UInt8] = []
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        func hex4() -> UInt32? {
            guard let value = JSONReader.hex4(buffer, at: at) else { return nil }
            at += 4
            return UInt32(value)
        }
        while at < count {
            let byte = bytes[at]
            switch byte {
            case UInt8(ascii: "\""):
                position = at + 1
                return text
            case UInt8(ascii: "\\"):
                guard at + 1 < count else { return nil }
                let letter = bytes[at + 1]
                at += 2
                switch letter {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(letter)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard at + 1 < count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
                        at += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    text.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    return nil
                }
            case 0..<0x20:
                return nil
            case 0x80...:
                guard let length = UTF8Sequence.length(at: at, in: bytes, count: count) else { return nil }
                text.append(contentsOf: UnsafeBufferPointer(start: bytes + at, count: length))
                at += length
            default:
                text.append(byte)
                at += 1
            }
        }
        return nil
    }

    private mutating func readNumber() -> Range<Int>? {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        let integer = position
        while position < count, isDigit(bytes[position]) { position += 1 }
        guard position > integer else { return nil }
        if peek == UInt8(ascii: ".") {
            position += 1
            let fraction = position
            while position < count, isDigit(bytes[position]) { position += 1 }
            guard position > fraction else { return nil }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while position < count, isDigit(bytes[position]) { position += 1 }
            guard position > exponent else { return nil }
        }
        return start..<position
    }

    // MARK: - Skipping what the list does not need

    /// Skips any value, checking it is JSON the full decoder would read the same way.
    mutating func skipValue() -> Bool {
        // Containers are walked with a counter and a bit a level (1: an object), not
        // recursion or an array: no stack to exhaust, nothing allocated.
        var stack = ContainerStack()
        while true {
            skipWhitespace()
            guard position < count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[position] == UInt8(ascii: "{")
                position += 1
                guard stack.depth < 99 else { return false }
                stack.push(object: isObject)
                skipWhitespace()
                if peek == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    stack.pop()
                    if !afterValue(&stack) { return false }
                    if stack.isEmpty { return true }
                    continue
                }
                if isObject {
                    guard skipKey() else { return false }
                }
                continue
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
            case UInt8(ascii: "t"): guard literal("true") else { return false }
            case UInt8(ascii: "f"): guard literal("false") else { return false }
            case UInt8(ascii: "n"): guard literal("null") else { return false }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard readNumber() != nil else { return false }
            default:
                return false
            }
            if stack.isEmpty { return true }
            if !afterValue(&stack) { return false }
            if stack.isEmpty { return true }
        }
    }

    /// After a value inside containers: closes what closes, and reads the next key in an object.
    private mutating func afterValue(_ stack: inout ContainerStack) -> Bool {
        while !stack.isEmpty {
            skipWhitespace()
            let inObject = stack.topIsObject
            let closer = inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if peek == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if peek == closer { return false }  // trailing comma
                if inObject { return skipKey() }
                return true
            }
            guard peek == closer else { return false }
            position += 1
            stack.pop()
        }
        return true
    }

    private mutating func skipKey() -> Bool {
        guard skipString() else { return false }
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { return false }
        position += 1
        return true
    }

    /// Skips a string. Escapes and non-ASCII are fine here (the field is not kept); raw
    /// control characters are not (the full decoder reports or notes them).
    @inline(__always)
    private mutating func skipString() -> Bool {
        guard peek == UInt8(ascii: "\"") else { return false }
        position += 1
        while position < count {
            // A skipped value is most of a record's bytes: IDNumber, DOB, a photo's base64.
            skipOrdinaryStringBytes(stoppingAtNonASCII: false)
            guard position < count else { return false }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return true
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < count else { return false }
                let next = bytes[position + 1]
                switch next {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "u"):
                    position += 2
                default:
                    return false
                }
                continue
            }
            position += 1
        }
        return false
    }

    // MARK: - Bytes

    /// Sixteen bytes at a time (x86-64), then eight, to the first quote, backslash or control
    /// byte in a string (and non-ASCII byte, when asked), or to within eight bytes of the
    /// end: the caller looks at the byte there.
    @inline(__always)
    private mutating func skipOrdinaryStringBytes(stoppingAtNonASCII: Bool) {
        #if arch(x86_64)
        // Sixteen bytes a step (SSE2, CVectorScan), then words for the last fifteen.
        while position + 16 <= count {
            let stop = Int(cvs_first_string_stop(bytes + position, stoppingAtNonASCII ? 1 : 0))
            position += stop
            if stop < 16 { return }
        }
        #endif
        let nonASCII = stoppingAtNonASCII ? SWAR.high : 0
        while position + 8 <= count {
            let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
            let special = SWAR.has(word, 0x22) | SWAR.has(word, 0x5C) | SWAR.less(word, 0x20) | (word & nonASCII)
            if special != 0 {
                position += special.trailingZeroBitCount / 8
                return
            }
            position += 8
        }
    }

    var peek: UInt8 { position < count ? bytes[position] : 0 }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                position += 1
            } else if byte == 0x0A {
                newlines += 1
                lastNewline = position
                position += 1
            } else {
                return
            }
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard position + length <= count else { return false }
        let matched = word.withUTF8Buffer { expected in
            for index in 0..<length where bytes[position + index] != expected[index] { return false }
            return true
        }
        if matched { position += length }
        return matched
    }

    /// A key against a name: two overlapping loads a side for names of 4 bytes or more.
    @inline(__always)
    func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard range.count == length else { return false }
        let left = UnsafeRawPointer(bytes + range.lowerBound)
        let right = UnsafeRawPointer(word.utf8Start)
        if length >= 8 {
            return left.loadUnaligned(as: UInt64.self) == right.loadUnaligned(as: UInt64.self)
                && left.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                    == right.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        if length >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
                    == right.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        }
        return memcmp(left, right, length) == 0
    }

    /// True for keys the full decoder finds by a loose name (`smile_job_id`, `partner_params`, `antifraud`).
    private func isLooselyKnown(_ range: Range<Int>) -> Bool {
        guard range.count >= 9 && range.count <= 16 else { return false }
        switch bytes[range.lowerBound] | 0x20 {
        case UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "a"): break
        default: return false
        }
        // The full decoder's own comparison, on the key's bytes (no array made per key);
        // a non-ASCII key (nil) is left to the full decoder too.
        let key = slice(range)
        for name: StaticString in ["smilejobid", "partnerparams", "antifraud"] {
            if name.withUTF8Buffer({ JSONObject.looselyEqual(bytes: key, asciiLooseKey: $0) }) != false { return true }
        }
        return false
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// The catalogue's Smile Secure codes, as bytes.
    private static let smileSecureCodes = Catalogue.smileSecureStates.keys.map { Array($0.utf8) }

    /// A Smile Secure code (`Catalogue.smileSecureStates`), with spaces around allowed (as
    /// `Catalogue.normalise` trims them).
    static func isSmileSecureCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return smileSecureCodes.contains { $0.elementsEqual(trimmed) }
    }

    private func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count)
    }

    // MARK: - Packing, as RecordDecoder decides

    private func pack(
        _ fields: Fields, start: Int, source: UInt32, line: Int, batch: RecordBatch,
        signatures: SignatureChecker?
    ) -> PackedRecord? {
        func present(_ range: Range<Int>?) -> Range<Int>? {
            guard let range, range.count > 0 else { return nil }
            return range
        }
        // A record that names no job is keyed by its content: the full decoder makes that key.
        guard present(fields.smileJobID) != nil || present(fields.jobID) != nil else { return nil }
        func text(_ range: Range<Int>?) -> TextRef {
            guard let range = present(range) else { return .none }
            return batch.appendText(slice(range))
        }
        func bytes(_ range: Range<Int>?) -> UnsafeBufferPointer<UInt8>? {
            present(range).map { slice($0) }
        }
        var record = PackedRecord(
            offset: Int64(start), length: UInt32(clamping: position - start), line: UInt32(clamping: line), source: source, part: 0,
            kind: JobRecord.Kind.result.rawValue, flags: 0, signature: 0, time: Int64.min,
            smileJobID: .none, partnerJobID: .none, userID: .none, fullName: .none,
            resultCode: 0, resultText: 0, statusCode: 0, country: 0, idType: 0, jobType: 0, actions: 0, secure: 0)

        // The Smile Secure decision first: it decides whether the result code is kept.
        let codeRange = present(fields.resultCode)
        let isSecureCode = codeRange.map { FastScanner.isSmileSecureCode(slice($0)) } ?? false
        var keepResult = true
        if fields.hasAntifraud || isSecureCode {
            let rawCode = codeRange.map { String(decoding: slice($0), as: UTF8.self) }
            let resultText =
                fields.decodedResultText.map { String(decoding: $0, as: UTF8.self) }
                ?? present(fields.resultText).map { String(decoding: slice($0), as: UTF8.self) }
            if fields.hasAntifraud {
                let suspects = fields.suspects.map { user, reasons in
                    SuspectUser(
                        userID: String(decoding: slice(user), as: UTF8.self),
                        reasons: reasons.map { String(decoding: slice($0), as: UTF8.self) })
                }
                // Past the cap the full decoder notes the list's length: leave such a record to it.
                guard fields.omittedSuspects == 0 else { return nil }
                record.secure = batch.addSecure(SecureResult(code: rawCode, text: resultText, suspects: suspects))
                keepResult = !(rawCode == nil || isSecureCode)
            } else {
                record.secure = batch.addSecure(SecureResult(code: rawCode.map(Catalogue.normalise), text: resultText, suspects: []))
                keepResult = false
            }
            if !keepResult { record.kind = JobRecord.Kind.smileSecure.rawValue }
        }
        if keepResult {
            if let code = bytes(fields.resultCode) { record.resultCode = batch.strings.codes.intern(code) }
            if let decoded = fields.decodedResultText {
                record.resultText = decoded.withUnsafeBufferPointer { batch.strings.texts.intern($0) }
            } else if let text = bytes(fields.resultText) {
                record.resultText = batch.strings.texts.intern(text)
            }
        }
        record.smileJobID = text(fields.smileJobID)
        record.partnerJobID = text(fields.jobID)
        let detail = batch.detail
        if detail.contains(.userIDs) { record.userID = text(fields.userID) }
        if let jobType = bytes(fields.jobType) { record.jobType = batch.strings.jobTypes.intern(jobType) }
        if detail.contains(.fullNames) {
            if let decoded = fields.decodedFullName {
                record.fullName = decoded.withUnsafeBufferPointer { batch.appendText($0) }
            } else {
                record.fullName = text(fields.fullName)
            }
        }
        if let country = bytes(fields.country) { record.country = batch.strings.countries.intern(country) }
        if let idType = bytes(fields.idType) { record.idType = batch.strings.idTypes.intern(idType) }
        if let range = present(fields.timestamp) { record.time = Timestamp.milliseconds(utf8: slice(range)) ?? Int64.min }
        record.flags = PackedRecord.flags(complete: nil, success: nil, final: fields.isFinal, machine: fields.isMachine)
        if !detail.contains(.actions) {
            // Not kept: passed over unread (readMember), so there is nothing to pack.
        } else if let known = fields.knownActions {
            record.actions = known
        } else if fields.actionCount > 0, let raw = fields.actionsRaw {
            record.actions = batch.actionList(raw: slice(raw)) {
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: fields.actionCount) { pairs in
                    for (index, (name, value)) in batch.scannedActions.enumerated() {
                        // From the name's opening quote to the value's closing one.
                        let member = (name.lowerBound - 1)..<(value.upperBound + 1)
                        pairs[index] = batch.actionPair(raw: slice(member), name: slice(name), value: slice(value))
                    }
                    return batch.actionList(UnsafeBufferPointer(pairs))
                }
            }
        }
        // Signature: as FieldReader.applySignature, then checked when a key was given.
        let state: SignatureState
        if fields.hasSecKey {
            state = .legacy
        } else if let range = present(fields.signature) {
            let signature = slice(range)
            if SignatureShape.isLegacySecKey(bytes: signature) {
                state = .legacy
            } else if let signatures {
                state = signatures.check(signature: signature, timestamp: present(fields.timestamp).map(slice))
            } else {
                state = .unchecked
            }
        } else {
            state = .unsigned
        }
        record.signature = state.packed
        return record
    }
}

/// The containers a skipped value is inside: a bit a level (1 for an object), up to 127.
struct ContainerStack {
    private var bits: UInt128 = 0
    private(set) var depth = 0

    var isEmpty: Bool { depth == 0 }
    var topIsObject: Bool { (bits >> (depth - 1)) & 1 == 1 }

    mutating func push(object: Bool) {
        if object { bits |= 1 << depth } else { bits &= ~(1 << depth) }
        depth += 1
    }

    mutating func pop() { depth -= 1 }
}

/// The fast path seen from outside the module.
package enum FastPath {
    /// True when the fast scanner reads this one record itself (the benchmark's
    /// `--declined` lists the lines it leaves to the full decoder, to find what a writer's
    /// data does that the fast path does not expect).
    package static func reads(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        FastScanner.scan(record, at: 0, source: 0, line: 1, into: RecordBatch(), signatures: nil) != nil
    }
}
