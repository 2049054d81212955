import JobSources
import TestSupport
import Testing

@testable import JobIndex

/// The search's test (eight places a step to a first byte in either case, other scripts'
/// capitals by lower-casing) against the rule it stands for: the lower-cased needle inside
/// the lower-cased haystack, at any place (short haystacks, long ones, across word edges).
@Suite("Search: text contains a needle, ignoring case")
struct SearchBytesTests {
    static func reference(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let folded = Array(String(decoding: haystack, as: UTF8.self).lowercased().utf8)
        guard folded.count >= needle.count else { return false }
        return (0...(folded.count - needle.count)).contains { Array(folded[$0..<($0 + needle.count)]) == needle }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let wanted = SearchNeedle(String(decoding: needle, as: UTF8.self))
        return haystack.withUnsafeBufferPointer { containsIgnoringCase($0, wanted) }
    }

    @Test func namesAndIdsInSeveralScripts() {
        let cases: [(String, String, Bool)] = [
            ("user-34715693022a", "us", true), ("USER-1", "user", true), ("job-e253ed063017377b", "377b", true),
            ("job-e253ed063017377b", "377c", false), ("Adébáyọ̀ Ọlá", "ọlá", true), ("ÉMILE", "émile", true), ("Émile", "emile", false),
            ("ሰላም ዓለም", "ዓለም", true),
            ("مرحبا", "حب", true), ("abcdefgh", "h", true), ("abcdefghi", "hi", true), ("abcdefghi", "ij", false),
            ("", "a", false), ("a", "", true), ("aaaaaaaaaaaaaaab", "ab", true), ("ZZZZZZZZZZZZZZZZ", "zzz", true),
        ]
        for (haystack, needle, expected) in cases {
            #expect(Self.contains(Array(haystack.utf8), Array(needle.utf8)) == expected, "\(needle) in \(haystack)")
        }
    }

    @Test func randomTextAgreesWithTheRule() {
        var generator = SystemRandomNumberGenerator()
        // A small alphabet, both cases, letters of two and three bytes: near-matches abound
        // (ọ and ሰ share a first byte; ω and Ω do not).
        let letters = ["a", "A", "b", "B", "-", "é", "É", "ọ", "Ọ", "ሰ", "ω", "Ω", "ж", "Ж"]
        for _ in 0..<60_000 {
            let haystack = (0..<Int.random(in: 0...40, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...3, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let (text, wanted) = (Array(haystack.joined().utf8), Array(needle.joined().lowercased().utf8))
            #expect(Self.contains(text, wanted) == Self.reference(text, wanted), "\(needle) in \(haystack)")
        }
    }

    /// A Yoruba name typed as it is written finds its jobs (the needle was lower-cased and
    /// the names were not: `Ọlátúnjí` as typed found nothing).
    @Test func aNameWithACapitalOutsideASCIIIsFoundAsTypedAndInLowerCase() {
        let (loaded, _) = JobLoader().load(paths: [Repository.path("Fixtures/varied")])
        let table = JobTable(store: loaded.store)
        let asTyped = table.visible(filter: JobFilter(), search: "Ọlátúnjí", sort: .standard)
        #expect(!asTyped.isEmpty)
        #expect(table.visible(filter: JobFilter(), search: "ọlátúnjí", sort: .standard) == asTyped)
        #expect(table.visible(filter: JobFilter(), search: "ỌLÁTÚNJÍ", sort: .standard) == asTyped)
    }
}
