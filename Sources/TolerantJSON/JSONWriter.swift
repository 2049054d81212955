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
        var output = ""
        write(value, style: style, level: 0, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, style: Style, level: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): appendQuoted(text, to: &output)
        case .array(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(style, level: level + 1, into: &output)
                write(item, style: style, level: level + 1, into: &output)
            }
            newline(style, level: level, into: &output)
            output += "]"
        case .object(let object):
            if object.members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                newline(style, level: level + 1, into: &output)
                appendQuoted(member.key, to: &output)
                output += ": "
                if case .compact = style { output.removeLast() }
                write(member.value, style: style, level: level + 1, into: &output)
            }
            newline(style, level: level, into: &output)
            output += "}"
        }
    }

    private static func newline(_ style: Style, level: Int, into output: inout String) {
        if case .pretty(let indent) = style {
            output += "\n"
            output += String(repeating: " ", count: indent * level)
        }
    }

    /// Appends `text` as a JSON string literal.
    public static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if needsEscape(scalar) {
                    output += "\\u"
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    public static func quoted(_ text: String) -> String {
        var output = ""
        appendQuoted(text, to: &output)
        return output
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
