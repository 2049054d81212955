/// Why a JSON value could not be read, and where (a byte offset into the buffer read).
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The bytes are not JSON at this point.
        case syntax
        /// The input ends before the value does: a cut-short file or line.
        case truncated
        /// Nesting deeper than the reader allows.
        case tooDeep
    }

    public var kind: Kind
    public var offset: Int
    public var message: String

    public init(kind: Kind, offset: Int, message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}

/// Something not strictly JSON that the reader accepted, kept so a screen can say so.
public enum JSONTolerance: Sendable, Equatable {
    case trailingComma(offset: Int)
    case invalidEscape(text: String, offset: Int)
    case loneSurrogate(offset: Int)
    case invalidUTF8(offset: Int)
    case rawControlCharacter(byte: UInt8, offset: Int)
    case duplicateKey(key: String, offset: Int)

    public var offset: Int {
        switch self {
        case .trailingComma(let offset), .invalidEscape(_, let offset), .loneSurrogate(let offset),
            .invalidUTF8(let offset), .rawControlCharacter(_, let offset), .duplicateKey(_, let offset):
            offset
        }
    }

    /// What was forgiven, in words.
    public var message: String {
        switch self {
        case .trailingComma: "trailing comma (not strict JSON) accepted"
        case .invalidEscape(let text, _): "invalid escape \(text) kept as written"
        case .loneSurrogate: "unpaired \\u surrogate shown as U+FFFD"
        case .invalidUTF8: "invalid UTF-8 shown as U+FFFD"
        case .rawControlCharacter(let byte, _):
            "raw control character 0x\(String(byte, radix: 16, uppercase: true)) inside a string accepted"
        case .duplicateKey(let key, _): "duplicate key \"\(key.prefix(40))\": the last one is used"
        }
    }
}
