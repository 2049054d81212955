/// Writes JSON with members in the order given (so output reads in a sensible order) and
/// with every character that could act on a terminal escaped: C0 and C1 controls, DEL,
/// bidirectional overrides and line/paragraph separators come out as `\uXXXX`. That is
/// still plain JSON, and `jq` reads it back to the same text.
public enum JSONWriter {
    public enum Style: Sendable {
        case compact
        case pretty(indent: Int)
    }

    public static func write(_ value: JSONValue, style: Style = .pretty(indent: 2)) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, style: style, level: 0, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Into bytes, one String made at the end: appended piece by piece to a String, the
    /// pieces' growth and checks were a third of `jobs --format ndjson`.
    private static func write(_ value: JSONValue, style: Style, level: Int, into output: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let flag): append(flag ? "true" : "false", to: &output)
        case .number(let text): append(text, to: &output)
        case .string(let text): appendQuoted(text, toBytes: &output)
        case .array(let items):
            if items.isEmpty {
                append("[]", to: &output)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(style, level: level + 1, into: &output)
                write(item, style: style, level: level + 1, into: &output)
            }
            newline(style, level: level, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.members.isEmpty {
                append("{}", to: &output)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(style, level: level + 1, into: &output)
                appendQuoted(member.key, toBytes: &output)
                output.append(UInt8(ascii: ":"))
                if case .pretty = style { output.append(UInt8(ascii: " ")) }
                write(member.value, style: style, level: level + 1, into: &output)
            }
            newline(style, level: level, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ style: Style, level: Int, into output: inout [UInt8]) {
        if case .pretty(let indent) = style {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
        }
    }

    private static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string literal.
    ///
    /// On the text's UTF-8 bytes, runs that need no escape copied whole: scalar by scalar,
    /// this was a quarter of `jobs --format ndjson` on a million callbacks. A scalar that
    /// needs an escape is known by its first bytes (a Swift string's UTF-8 is always valid).
    public static func appendQuoted(_ text: String, to output: inout String) {
        var bytes: [UInt8] = []
        appendQuoted(text, toBytes: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// `appendQuoted`, onto bytes.
    static func appendQuoted(_ text: String, toBytes written: inout [UInt8]) {
        var text = text
        written.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var index = 0
            var run = 0
            /// The bytes since the last escape, then a step over the `length` bytes escaped here.
            func flush(skipping length: Int) {
                written.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                index += length
                run = index
            }
            func named(_ letter: UInt8) {
                flush(skipping: 1)
                written.append(contentsOf: [UInt8(ascii: "\\"), letter])
            }
            func hex(_ scalar: UInt32, length: Int) {
                flush(skipping: length)
                written.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in [12, 8, 4, 0] { written.append(JSONWriter.hexDigits[Int((scalar >> UInt32(shift)) & 0xF)]) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): named(byte)
                case 0x0A: named(UInt8(ascii: "n"))
                case 0x0D: named(UInt8(ascii: "r"))
                case 0x09: named(UInt8(ascii: "t"))
                case 0x00..<0x20, 0x7F: hex(UInt32(byte), length: 1)
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    // C1 controls, U+0080–U+009F: the second byte is the scalar.
                    hex(UInt32(bytes[index + 1]), length: 2)
                case 0xE2 where index + 2 < bytes.count && JSONWriter.isFormatMark(bytes[index + 1], bytes[index + 2]):
                    hex(0x2000 | (UInt32(bytes[index + 1] & 0x0F) << 6) | UInt32(bytes[index + 2] & 0x3F), length: 3)
                default:
                    index += 1
                }
            }
            written.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        written.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The second and third bytes of U+200E, U+200F, U+2028–U+202E or U+2066–U+2069 (whose
    /// first byte is E2): the marks that turn text around or break it on a terminal.
    private static func isFormatMark(_ second: UInt8, _ third: UInt8) -> Bool {
        switch (second, third) {
        case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xA8...0xAE), (0x81, 0xA6...0xA9): true
        default: false
        }
    }

    public static func quoted(_ text: String) -> String {
        var output = ""
        appendQuoted(text, to: &output)
        return output
    }
}
