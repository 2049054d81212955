/// Makes text from a payload safe to put in front of a person on a terminal.
///
/// Callback bodies are written by whoever reaches a callback URL. Control characters and
/// escape sequences are shown visibly (`\e`, `\x07`, `\u{9b}`), never passed through, so
/// a user id cannot retitle a terminal, fill a clipboard through OSC 52, or move the
/// cursor. Bidirectional overrides and invisible characters are shown as `<U+202E>`, so
/// `evil` cannot read as `live`. Invalid UTF-8 has already become U+FFFD by the time text
/// is a Swift `String`.
public enum SafeText {
    /// Strings longer than this are cut (with `…`) before they are cleaned for a screen: a
    /// ten-megabyte value costs a screen no more than its first few thousand characters.
    public static let displayLimit = 4096

    /// The visible, inert form of `text`. Line breaks become `\n` unless `keepNewlines`.
    /// Text longer than `displayLimit` bytes is cut first.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        if text.utf8.count > displayLimit {
            return clean(String(text.prefix(displayLimit)), keepNewlines: keepNewlines) + "…"
        }
        if isClean(text, keepNewlines: keepNewlines) { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepNewlines && scalar == "\n" {
                output.append(scalar)
                continue
            }
            if let replacement = visibleForm(of: scalar) {
                output.append(contentsOf: replacement.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// True when nothing in `text` needs replacing (the common case, checked fast).
    public static func isClean(_ text: String, keepNewlines: Bool = false) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 {
                if keepNewlines && byte == 0x0A { continue }
                return false
            }
            if byte == 0x7F || byte >= 0xC2 { return text.unicodeScalars.allSatisfy { scalar in
                (keepNewlines && scalar == "\n") || visibleForm(of: scalar) == nil
            } }
        }
        return true
    }

    /// The replacement for one scalar, or nil when it may be shown as it is.
    public static func visibleForm(of scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F: return "\\x" + hex(value, width: 2)
        case 0x80...0x9F: return "\\u{" + hex(value, width: 2) + "}"
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFF9...0xFFFB, 0x061C, 0x180E:
            return "<U+" + hex(value, width: 4) + ">"
        default: return nil
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
