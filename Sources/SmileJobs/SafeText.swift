/// Makes text from a payload safe to put in front of a person on a terminal.
///
/// Callback bodies are written by whoever reaches a callback URL. Control characters and
/// escape sequences are shown visibly (`\e`, `\x07`, `\u{9b}`), never passed through, so
/// a user id cannot retitle a terminal, fill a clipboard through OSC 52, or move the
/// cursor. Bidirectional overrides and invisible characters are shown as `<U+202E>`, so
/// `evil` cannot read as `live`. Invalid UTF-8 has already become U+FFFD by the time text
/// is a Swift `String`.
public enum SafeText {
    /// Strings longer than this many bytes are cut (with `…`) before they are cleaned for a
    /// screen: a ten-megabyte value costs a screen no more than its first few thousand bytes.
    public static let displayLimit = 4096

    /// The visible, inert form of `text`. Line breaks become `\n` unless `keepNewlines`.
    /// Text longer than `limit` UTF-8 bytes (nil: no limit) is cut first, at a scalar, and
    /// ends in `…`. One pass over at most `limit` bytes, whatever the script: 4 KB of é or
    /// Amharic is 2,048 or 1,365 characters, cut by bytes, not by characters.
    public static func clean(_ text: String, keepNewlines: Bool = false, limit: Int? = displayLimit) -> String {
        var source = text
        var cut = false
        if let limit, text.utf8.count > limit {
            source = prefix(text, bytes: limit)
            cut = true
        }
        let cleaned = isClean(source, keepNewlines: keepNewlines) ? source : visible(source, keepNewlines: keepNewlines)
        return cut ? cleaned + "…" : cleaned
    }

    /// The longest run of whole scalars from the start of `text` that fits in `bytes`.
    public static func prefix(_ text: String, bytes limit: Int) -> String {
        var used = 0
        var end = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices {
            let size = UTF8.width(text.unicodeScalars[index])
            if used + size > limit { break }
            used += size
            end = text.unicodeScalars.index(after: index)
        }
        return String(String.UnicodeScalarView(text.unicodeScalars[..<end]))
    }

    private static func visible(_ text: String, keepNewlines: Bool) -> String {
        var output = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let nextIndex = scalars.index(after: index)
            defer {
                previous = scalar
                index = nextIndex
            }
            if keepNewlines && scalar == "\n" {
                output.append(scalar)
                continue
            }
            let next = nextIndex < scalars.endIndex ? scalars[nextIndex] : nil
            if !showsAsIs(scalar, after: previous, before: next), let replacement = visibleForm(of: scalar) {
                output.append(contentsOf: replacement.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// ZERO WIDTH NON-JOINER and JOINER: part of Persian, Arabic and Indic spelling, and of
    /// emoji sequences (👩🏾‍💻), so kept where they join two non-ASCII characters; alone, or
    /// between ASCII (where they only hide a difference: `ev‍il`), shown as `<U+200D>`.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0x200C || scalar.value == 0x200D }

    static func joins(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        before.value >= 0x80 && after.value >= 0x80 && visibleForm(of: before) == nil && visibleForm(of: after) == nil
    }

    /// The one rule for what is shown as it is: a scalar with no visible form, or a joiner
    /// between two non-ASCII characters. `clean` replaces what fails it, and the grid's last
    /// check asks it too, so the two never disagree (the grid drew 👩🏾‍💼 as `?`).
    static func showsAsIs(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        if isJoiner(scalar) {
            guard let previous, let next else { return false }
            return joins(previous, next)
        }
        return visibleForm(of: scalar) == nil
    }

    /// Whether a character may go in a terminal cell as it is, given the character drawn
    /// after it (a non-joiner closes a character: whether it joins depends on the next one).
    public static func drawsAsIs(_ character: Character, before next: Character?) -> Bool {
        let scalars = Array(character.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() {
            let previous = offset > 0 ? scalars[offset - 1] : nil
            let following = offset + 1 < scalars.count ? scalars[offset + 1] : next?.unicodeScalars.first
            if !showsAsIs(scalar, after: previous, before: following) { return false }
        }
        return true
    }

    /// True when nothing in `text` needs replacing: `clean` would give it back as it is
    /// (the common case, checked fast).
    public static func isClean(_ text: String, keepNewlines: Bool = false) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 {
                if keepNewlines && byte == 0x0A { continue }
                return false
            }
            if byte == 0x7F || byte >= 0xC2 { return scalarsShowAsIs(text, keepNewlines: keepNewlines) }
        }
        return true
    }

    private static func scalarsShowAsIs(_ text: String, keepNewlines: Bool) -> Bool {
        var previous: Unicode.Scalar?
        var iterator = text.unicodeScalars.makeIterator()
        var current = iterator.next()
        while let scalar = current {
            let next = iterator.next()
            if !(keepNewlines && scalar == "\n") && !showsAsIs(scalar, after: previous, before: next) { return false }
            previous = scalar
            current = next
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

/// Text that leaves the program for a clipboard or a prompt: no control character in it
/// can act when it is pasted (a user id holding `ESC [201~` and a line break once ran a
/// command when pasted into a shell with bracketed paste).
public enum ClipboardText {
    /// Without C0 controls (but line breaks and tabs), DEL and C1 controls; bidirectional
    /// overrides and invisible characters go too, so what is pasted reads as it shows.
    public static func safe(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            defer { afterReturn = scalar.value == 0x0D }
            switch scalar.value {
            case 0x0A: if !afterReturn { output.append(scalar) }
            case 0x09: output.append(scalar)
            // A lone CR (as terminals paste line breaks) is a line break too.
            case 0x0D: output.append("\n")
            case 0x00..<0x20, 0x7F, 0x80...0x9F: continue
            default:
                if SafeText.isJoiner(scalar) || SafeText.visibleForm(of: scalar) == nil { output.append(scalar) }
            }
        }
        return String(output)
    }

    /// Text for a one-line prompt: line breaks and tabs become spaces, the rest as `safe`.
    public static func promptText(_ text: String) -> String {
        String(String.UnicodeScalarView(safe(text).unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }
}
