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

    @Test(arguments: [("abc", 3), ("李小龙", 6), ("e\u{301}", 1), ("😀", 2), ("", 0), ("Ａ", 2)])
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
    }
}
