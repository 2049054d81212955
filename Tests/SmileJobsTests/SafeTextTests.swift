import Testing

@testable import SmileJobs

@Suite("SafeText and DisplayWidth")
struct SafeTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a\u{1B}]0;owned\u{07}b", "a\\e]0;owned\\x07b"),
        ("\u{1B}]52;c;ZXZpbA==\u{07}", "\\e]52;c;ZXZpbA==\\x07"),
        ("x\u{9B}31m", "x\\u{9B}31m"),
        ("\u{202E}evil", "<U+202E>evil"),
        ("a\u{200B}b", "a<U+200B>b"),
        ("nul\u{0}", "nul\\x00"),
        ("tab\there", "tab\\there"),
        ("Adébáyọ̀ 李", "Adébáyọ̀ 李"),
    ])
    func showsControlsVisibly(raw: String, shown: String) {
        #expect(SafeText.clean(raw) == shown)
        #expect(!SafeText.clean(raw).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func keepsNewlinesWhenAsked() {
        #expect(SafeText.clean("a\nb\u{1B}", keepNewlines: true) == "a\nb\\e")
    }

    /// Widths as terminals (wcwidth, tmux) draw them: per scalar, so an Indic conjunct takes
    /// a column per letter; a Hangul syllable spelled in jamo takes two; an emoji sequence two.
    @Test(arguments: [
        ("abc", 3), ("李小龙", 6), ("e\u{301}", 1), ("😀", 2), ("", 0), ("Ａ", 2),
        ("नमस्ते", 4), ("स्त", 2), ("\u{1100}\u{1161}\u{11A8}", 2), ("👩🏾‍💻", 2), ("ሰላም", 3), ("مرحبا", 5),
    ])
    func measuresColumns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func truncatesByColumnsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Document Verified", to: 8) == "Documen…")
        #expect(DisplayWidth.truncate("李小龙李小龙", to: 5) == "李小…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.fit("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.fit("ab", to: 4, alignRight: true) == "  ab")
    }

    @Test func wrapsWords() {
        #expect(DisplayWidth.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(DisplayWidth.wrap("ab cdefghij", width: 4) == ["ab c", "defg", "hij"])
        #expect(DisplayWidth.wrap("李小龙李小龙", width: 5) == ["李小", "龙李", "小龙"])
        // A conjunct of three letters is one character three columns wide: alone on a line of two.
        #expect(DisplayWidth.of("न्त्र") == 3)
        #expect(DisplayWidth.wrap("अन्त्र", width: 2) == ["अ", "न्त्र"])
    }

    /// One word of 200,000 characters wraps in one pass (the old splitter was quadratic:
    /// the fuzzer found it taking minutes); every line fits and nothing is lost.
    @Test func wrapsAHugeWordWithoutLosingAnything() {
        let word = String(repeating: "ሰላም", count: 70_000)
        let lines = DisplayWidth.wrap(word, width: 37)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 37 })
        #expect(lines.joined() == word)
    }
}

/// Text in every script the users write, at and around every size limit: cleaned in one
/// pass, never by recursion (a string over 4 KB in bytes but within 4,096 characters
/// overflowed the stack).
@Suite("SafeText: multi-byte text at the limits")
struct SafeTextLimitTests {
    static let scripts: [(String, String)] = [
        ("French", "é"), ("Amharic", "ሰላም"), ("Arabic", "مرحبا"), ("Devanagari", "नमस्ते"),
        ("Yoruba", "Adébáyọ̀ "), ("Hausa", "Ƙasa ɗan "), ("emoji with ZWJ", "👩🏾‍💻"), ("combining marks", "e\u{301}\u{302}\u{303}"),
        ("Chinese", "李小龙"),
    ]

    /// Lengths around each limit: 4 KB in bytes, 4,096 characters, the note prompt's 2,000, and 100 KB.
    static func texts(_ unit: String) -> [String] {
        var lengths: Set<Int> = []
        for bytes in [SafeText.displayLimit, 100 * 1024] {
            let perUnit = unit.utf8.count
            for delta in -2...2 { lengths.insert(max(1, bytes / perUnit + delta)) }
        }
        for characters in [2000, 4096] {
            let perUnit = unit.count
            for delta in -1...1 { lengths.insert(max(1, characters / perUnit + delta)) }
        }
        return lengths.sorted().map { String(repeating: unit, count: $0) }
    }

    @Test(arguments: SafeTextLimitTests.scripts.map(\.0))
    func cleansAndMeasuresWithoutTrouble(script: String) throws {
        let unit = try #require(SafeTextLimitTests.scripts.first { $0.0 == script }?.1)
        for text in SafeTextLimitTests.texts(unit) {
            let cleaned = SafeText.clean(text)
            #expect(cleaned.utf8.count <= SafeText.displayLimit + "…".utf8.count, "nothing here needs replacing")
            if text.utf8.count <= SafeText.displayLimit {
                #expect(cleaned == text)
            } else {
                #expect(cleaned.hasSuffix("…"))
                #expect(text.unicodeScalars.starts(with: cleaned.unicodeScalars.dropLast()))
                #expect(cleaned.utf8.count >= SafeText.displayLimit - 4)
            }
            // With a control character in it, still one pass, still inert.
            let hostile = SafeText.clean("\u{1B}]0;x\u{07}" + text)
            #expect(!hostile.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(SafeText.clean(text, limit: nil) == text)
            // Measuring and fitting the same text.
            #expect(DisplayWidth.of(DisplayWidth.truncate(cleaned, to: 80)) <= 80)
            #expect(DisplayWidth.wrap(cleaned, width: 40).allSatisfy { DisplayWidth.of($0) <= 40 })
        }
    }

    @Test func joinersStayWhereTheyJoinAndShowWhereTheyHide() {
        #expect(SafeText.clean("👩🏾\u{200D}💻") == "👩🏾\u{200D}💻")
        #expect(SafeText.clean("می\u{200C}خواهم") == "می\u{200C}خواهم")  // Persian: "I want"
        #expect(SafeText.clean("ev\u{200D}il") == "ev<U+200D>il")
        #expect(SafeText.clean("\u{200D}start") == "<U+200D>start")
        #expect(SafeText.clean("a\u{200B}b") == "a<U+200B>b")
    }

    @Test func aPrefixByBytesNeverSplitsAScalar() {
        #expect(SafeText.prefix("ሰላም", bytes: 4) == "ሰ")
        #expect(SafeText.prefix("ሰላም", bytes: 6) == "ሰላ")
        #expect(SafeText.prefix("abc", bytes: 10) == "abc")
        #expect(SafeText.prefix("é", bytes: 1) == "")
    }
}
