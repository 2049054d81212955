import Testing

@testable import JobIndex

/// `hashBytes` reads a string's last bytes with overlapping loads: the hash must be the
/// one the byte-at-a-time definition gives, for every length and content.
@Suite("Hashing ids")
struct HashBytesTests {
    /// The definition, a byte at a time.
    static func reference(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var hash: UInt64 = seed ^ HashMix.start ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            var word: UInt64 = 0
            for offset in 0..<8 { word |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
            hash = (hash ^ word) &* HashMix.word
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        for offset in 0..<(bytes.count - index) { tail |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        hash = (hash ^ tail) &* HashMix.tail
        hash ^= hash >> 31
        return hash
    }

    @Test func everyLengthHashesAsTheDefinitionSays() {
        var random = SystemRandomNumberGenerator()
        for length in 0...72 {
            for _ in 0..<200 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                let seed = UInt64.random(in: 0...UInt64.max, using: &random)
                // Read from the middle of a larger buffer, as ids are read from a window.
                let padded = [0xAA, 0xBB] + bytes + [0xCC, 0xDD]
                let got = padded.withUnsafeBufferPointer { hashBytes(UnsafeBufferPointer(rebasing: $0[2..<(2 + length)]), seed: seed) }
                #expect(got == HashBytesTests.reference(bytes, seed: seed), "length \(length)")
            }
        }
    }
}
