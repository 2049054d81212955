/// How many terminal columns text takes: East Asian wide characters and emoji take two,
/// combining marks take none. Terminals (wcwidth, tmux) measure each scalar, not each
/// grapheme: an Indic conjunct (स्त, one grapheme since Unicode 15.1) takes a column per
/// letter. Only an emoji sequence is measured whole (two columns, however many scalars).
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var width = 0
        var asciiOnly = true
        for byte in text.utf8 where byte >= 0x80 {
            asciiOnly = false
            break
        }
        if asciiOnly { return text.utf8.count }
        for character in text { width += of(character) }
        return width
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F && scalars.count == 1 { return first.value < 0x20 ? 0 : 1 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation })
            || (scalars.contains("\u{FE0F}") && first.properties.isEmoji)
        {
            return 2
        }
        var width = 0
        for scalar in scalars { width += of(scalar: scalar) }
        return width
    }

    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul medial vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `width` columns, with `…` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        // Measure only as far as needed: a ten-megabyte value is cut at the column.
        if text.utf8.count <= width && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if fits(text, width) { return text }
        let ellipsisWidth = of(ellipsis)
        guard width > ellipsisWidth else { return String(repeating: ".", count: width) }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = of(character)
            if used + characterWidth > width - ellipsisWidth { break }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }

    /// The longest suffix of `text` that fits, with `…` in front when cut: for paths,
    /// where the file name and line matter more than the folders.
    public static func truncateLeft(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var kept: [Character] = []
        var used = 1
        for character in text.reversed() {
            let characterWidth = of(character)
            if used + characterWidth > width { break }
            kept.append(character)
            used += characterWidth
        }
        return "…" + String(kept.reversed())
    }

    /// True when `text` takes at most `width` columns (stops counting past it).
    static func fits(_ text: String, _ width: Int) -> Bool {
        var used = 0
        for character in text {
            used += of(character)
            if used > width { return false }
        }
        return true
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }

    /// Words wrapped to lines of at most `width` columns; words longer than a line are
    /// split. One pass over the text: each character is measured once.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let wordWidth = of(String(word))
                if wordWidth <= width {
                    if lineWidth == 0 {
                        line = String(word)
                        lineWidth = wordWidth
                    } else if lineWidth + 1 + wordWidth <= width {
                        line += " " + word
                        lineWidth += 1 + wordWidth
                    } else {
                        lines.append(line)
                        line = String(word)
                        lineWidth = wordWidth
                    }
                    continue
                }
                // A word longer than a line: it starts on this line when a space and its first
                // character fit, and goes on, character by character, over as many as it needs.
                if lineWidth > 0, let first = word.first, lineWidth + 1 + of(first) <= width {
                    line += " "
                    lineWidth += 1
                } else if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                for character in word {
                    let characterWidth = of(character)
                    if lineWidth > 0 && lineWidth + characterWidth > width {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += characterWidth
                }
            }
            lines.append(line)
        }
        return lines
    }
}
