/// Reads one JSON value from bytes, tolerating what published Smile ID payloads carry
/// (trailing commas, invalid escapes such as `\C`, invalid UTF-8, raw control characters,
/// duplicate keys) and noting each tolerance, so a caller can say what it forgave.
///
/// It never recurses without bound: nesting deeper than `maxDepth` is a clear error,
/// not a stack overflow, whatever thread it runs on.
public struct JSONReader {
    public static let defaultMaxDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private(set) var position: Int
    private(set) var tolerances: [JSONTolerance] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, position: Int, maxDepth: Int) {
        self.bytes = bytes
        self.position = position
        self.maxDepth = maxDepth
    }

    /// The result of reading one value.
    public struct Parsed: Sendable {
        public var value: JSONValue
        /// Offset of the first byte of the value.
        public var start: Int
        /// Offset just past the last byte of the value.
        public var end: Int
        public var tolerances: [JSONTolerance]
    }

    /// Reads the value that starts at `offset` (after any white space).
    public static func readValue(
        in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, maxDepth: Int = defaultMaxDepth
    ) throws(JSONSyntaxError) -> Parsed {
        var reader = JSONReader(bytes: bytes, position: offset, maxDepth: maxDepth)
        reader.skipWhitespace()
        let start = reader.position
        let value = try reader.readValue(depth: 1)
        return Parsed(value: value, start: start, end: reader.position, tolerances: reader.tolerances)
    }

    /// Reads a whole document that must hold exactly one value (white space around it is fine).
    public static func readDocument(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> Parsed {
        var copy = text
        let outcome: Result<Parsed, JSONSyntaxError> = copy.withUTF8 { buffer in
            do throws(JSONSyntaxError) {
                let parsed = try readValue(in: buffer, at: 0, maxDepth: maxDepth)
                var reader = JSONReader(bytes: buffer, position: parsed.end, maxDepth: maxDepth)
                reader.skipWhitespace()
                if reader.position < buffer.count {
                    return .failure(reader.error(.syntax, "unexpected \(reader.describeCurrent()) after the end of the value"))
                }
                return .success(parsed)
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    // MARK: - Values

    private mutating func readValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else {
            throw error(.truncated, "the input ends where a value should start")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default:
            throw error(.syntax, "expected a JSON value, found \(describeCurrent())")
        }
    }

    private mutating func readObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else {
            throw error(.tooDeep, "nested deeper than \(maxDepth) levels")
        }
        position += 1  // {
        var members: [JSONObject.Member] = []
        var seenKeys: Set<String>? = nil
        skipWhitespace()
        if try consumeIfPresent(UInt8(ascii: "}"), inside: "an object") { return .object(JSONObject(members)) }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error(.truncated, "the input ends inside an object") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error(.syntax, "expected a member name in quotes, found \(describeCurrent())")
            }
            let keyOffset = position
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count else { throw error(.truncated, "the input ends inside an object") }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw error(.syntax, "expected ':' after member name \"\(key.prefix(40))\", found \(describeCurrent())")
            }
            position += 1
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            if isDuplicate(key, in: members, seen: &seenKeys) {
                tolerances.append(.duplicateKey(key: key, offset: keyOffset))
            }
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw error(.truncated, "the input ends inside an object") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                let commaOffset = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    tolerances.append(.trailingComma(offset: commaOffset))
                    position += 1
                    return .object(JSONObject(members))
                }
            case UInt8(ascii: "}"):
                position += 1
                return .object(JSONObject(members))
            default:
                throw error(.syntax, "expected ',' or '}' after a member, found \(describeCurrent())")
            }
        }
    }

    private mutating func readArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else {
            throw error(.tooDeep, "nested deeper than \(maxDepth) levels")
        }
        position += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if try consumeIfPresent(UInt8(ascii: "]"), inside: "an array") { return .array(items) }
        while true {
            skipWhitespace()
            items.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw error(.truncated, "the input ends inside an array") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                let commaOffset = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    tolerances.append(.trailingComma(offset: commaOffset))
                    position += 1
                    return .array(items)
                }
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default:
                throw error(.syntax, "expected ',' or ']' after an array item, found \(describeCurrent())")
            }
        }
    }

    // MARK: - Scalars

    private mutating func readString() throws(JSONSyntaxError) -> String {
        let open = position
        position += 1  // opening quote
        let contentStart = position
        // Fast path: no escapes, no control characters.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                return makeString(slice, at: contentStart)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        guard position < bytes.count else {
            position = open
            throw error(.truncated, "the input ends inside a string")
        }
        // Slow path: unescape into a buffer.
        var buffer = Array(bytes[contentStart..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return buffer.withUnsafeBufferPointer { makeString($0, at: contentStart) }
            case UInt8(ascii: "\\"):
                try readEscape(into: &buffer)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                // A raw line break is never inside a JSON string: the line was cut short.
                throw error(.truncated, "the line ends inside a string")
            default:
                if byte < 0x20 { tolerances.append(.rawControlCharacter(byte: byte, offset: position)) }
                buffer.append(byte)
                position += 1
            }
        }
        position = open
        throw error(.truncated, "the input ends inside a string")
    }

    private mutating func readEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeOffset = position
        position += 1
        guard position < bytes.count else { throw error(.truncated, "the input ends inside a string") }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = readHex4() else {
                // Keep the text as written: nothing is lost.
                tolerances.append(.invalidEscape(text: "\\u", offset: escapeOffset))
                buffer.append(contentsOf: Array("\\u".utf8))
                return
            }
            var scalarValue = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate wants a low one right after it.
                let save = position
                if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    if let low = readHex4(), (0xDC00...0xDFFF).contains(low) {
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else {
                        position = save
                        scalarValue = 0xFFFD
                        tolerances.append(.loneSurrogate(offset: escapeOffset))
                    }
                } else {
                    scalarValue = 0xFFFD
                    tolerances.append(.loneSurrogate(offset: escapeOffset))
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalarValue = 0xFFFD
                tolerances.append(.loneSurrogate(offset: escapeOffset))
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            // `\C` and the like: published payloads carry them. Keep both characters.
            let shown = letter < 0x80 ? String(UnicodeScalar(letter)) : "?"
            tolerances.append(.invalidEscape(text: "\\" + shown, offset: escapeOffset))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(letter)
        }
    }

    private mutating func readHex4() -> UInt16? {
        guard let value = JSONReader.hex4(bytes, at: position) else { return nil }
        position += 4
        return value
    }

    /// The four hex digits of a `\u` escape at `offset`, or nil (the fast path reads its
    /// escapes with this too, so both readers take the same digits).
    public static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt16? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for index in offset..<(offset + 4) {
            let byte = bytes[index]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    private mutating func makeString(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        if let valid = String(validating: slice, as: UTF8.self) { return valid }
        tolerances.append(.invalidUTF8(offset: offset))
        return String(decoding: slice, as: UTF8.self)
    }

    private mutating func readNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        guard position > integerStart else { throw error(.syntax, "expected digits after '-'") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > fractionStart else { throw error(.syntax, "expected digits after the decimal point") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponentStart = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > exponentStart else { throw error(.syntax, "expected digits in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            guard position + count <= bytes.count else { return false }
            for index in 0..<count where bytes[position + index] != expected[index] { return false }
            return true
        }
        guard matches else {
            if position + count > bytes.count {
                throw error(.truncated, "the input ends inside '\(literal)'")
            }
            throw error(.syntax, "expected a JSON value, found \(describeCurrent())")
        }
        position += count
    }

    // MARK: - Helpers

    /// Linear for the small objects payloads have; a set once an object grows large,
    /// so a hostile object with a million members stays linear.
    private func isDuplicate(_ key: String, in members: [JSONObject.Member], seen: inout Set<String>?) -> Bool {
        if members.count < 16 { return members.contains(where: { $0.key == key }) }
        if seen == nil { seen = Set(members.map(\.key)) }
        return !seen!.insert(key).inserted
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func consumeIfPresent(_ byte: UInt8, inside container: String) throws(JSONSyntaxError) -> Bool {
        guard position < bytes.count else { throw error(.truncated, "the input ends inside \(container)") }
        if bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func error(_ kind: JSONSyntaxError.Kind, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(kind: kind, offset: min(position, bytes.count), message: message)
    }

    private func describeCurrent() -> String {
        JSONReader.describe(bytes, at: position)
    }

    /// A person-readable name for the byte at `offset`: `'x'`, `a NUL byte`, `byte 0xFF`, `the end of the input`.
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        switch byte {
        case 0: return "a NUL byte"
        case 0x0A: return "the end of the line"
        case 0x21...0x7E: return "'\(Character(UnicodeScalar(byte)))'"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
