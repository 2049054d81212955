/// A JSON value as read from a payload.
///
/// Numbers keep the exact text they were written with: a Smile ID timestamp such as
/// `1570698930193` must be signed byte for byte, and `"0810"` must never become `810`.
/// Objects keep their members in document order, duplicates included, so nothing a
/// payload carried is lost; lookups take the last member of a name, as most readers do.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as text when it is a scalar: strings as they are, numbers as written,
    /// booleans as `true`/`false`. Containers and null give nil.
    public var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A short name for the kind of value, for messages ("expected a string, found an array").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// An ordered JSON object.
public struct JSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    /// The last member with this exact name.
    public subscript(key: String) -> JSONValue? {
        members.last(where: { $0.key == key })?.value
    }

    /// The last member whose name matches ignoring ASCII case and `_`/`-`, for keys that
    /// real payloads spell in more than one way (`SmileJobID`, `smile_job_id`).
    public func value(looselyNamed key: String) -> JSONValue? {
        if let exact = self[key] { return exact }
        let wanted = JSONObject.looseKey(key)
        guard wanted.utf8.allSatisfy({ $0 < 0x80 }) else {
            return members.last(where: { JSONObject.looseKey($0.key) == wanted })?.value
        }
        // An ASCII name (every caller's) against each key's bytes, with no String made per
        // member: the full decoder asked this of every member of every record it read.
        let wantedBytes = Array(wanted.utf8)
        return members.last(where: { JSONObject.looselyEqual($0.key, asciiLooseKey: wantedBytes) })?.value
    }

    /// `looseKey(key) == wanted` for an ASCII `wanted`, on bytes. A key with non-ASCII text
    /// takes the String comparison (canonical equivalence could in principle match there).
    static func looselyEqual(_ key: String, asciiLooseKey wanted: [UInt8]) -> Bool {
        wanted.withUnsafeBufferPointer { looselyEqual(bytes: key.utf8, asciiLooseKey: $0) }
            ?? (looseKey(key) == String(decoding: wanted, as: UTF8.self))
    }

    /// The same test on a key's bytes (the fast scanner's keys): nil when the key holds a
    /// non-ASCII byte, which only the String comparison may decide.
    @inline(__always)
    public static func looselyEqual<Key: Sequence<UInt8>>(bytes key: Key, asciiLooseKey wanted: UnsafeBufferPointer<UInt8>) -> Bool? {
        var index = 0
        for byte in key {
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { continue }
            if byte >= 0x80 { return nil }
            let lowered = byte >= 65 && byte <= 90 ? byte + 32 : byte
            guard index < wanted.count, wanted[index] == lowered else { return false }
            index += 1
        }
        return index == wanted.count
    }

    public var keys: [String] { members.map(\.key) }

    public var isEmpty: Bool { members.isEmpty }

    static func looseKey(_ key: String) -> String {
        String(
            String.UnicodeScalarView(
                key.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
                    if scalar == "_" || scalar == "-" { return nil }
                    if scalar.value >= 65 && scalar.value <= 90 { return Unicode.Scalar(scalar.value + 32) }
                    return scalar
                }))
    }
}
