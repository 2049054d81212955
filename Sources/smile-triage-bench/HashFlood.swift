import Foundation
import JobIndex
import JobSources
import Synchronization

/// Ids crafted to collide under `hashBytes` with one fixed seed, as someone who knew the
/// seed could send them: sixteen printable bytes each, every one with the same hash. The
/// store seeds its hash per process, so against a real run they are ordinary ids; with
/// the seed fixed to the crafted one (`SMILE_TRIAGE_HASH_SEED`) they show what they would
/// do to an unseeded table.
enum HashFlood {
    static let craftedSeed: UInt64 = 1

    /// Bytes a JSON string may hold as they are, without a space at either end: 0x21–0x7E
    /// but the quote and the backslash.
    @inline(__always)
    static func isPlain(_ word: UInt64) -> Bool {
        word & SWAR.high == 0 && SWAR.less(word, 0x21) == 0 && SWAR.has(word, 0x7F) == 0
            && SWAR.has(word, 0x22) == 0 && SWAR.has(word, 0x5C) == 0
    }

    /// `count` distinct 16-byte ids with one hash under `seed`. The state after the first
    /// eight bytes is h1; the second eight are chosen as h1 ^ K, so every id leaves the
    /// same state K behind (and so the same hash). Only first words whose h1 ^ K is plain
    /// text are kept: about one in 3,600, searched on every core.
    static func collidingIDs(count: Int, seed: UInt64) -> [[UInt8]] {
        let target: UInt64 = 0x4D4D_4D4D_4D4D_4D4D
        let start = seed ^ HashMix.start ^ 16
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let perCore = (count + cores - 1) / cores
        let found = Mutex<[[UInt8]]>([])
        DispatchQueue.concurrentPerform(iterations: cores) { core in
            var mine: [[UInt8]] = []
            mine.reserveCapacity(perCore)
            // The first word counts up in base 92 over the plain bytes, each core from its own top digit.
            var digits = [Int](repeating: 0, count: 8)
            digits[7] = core
            let alphabet: [UInt8] = (0x21...0x7E).filter { $0 != 0x22 && $0 != 0x5C }
            var first: UInt64 = 0
            for index in 0..<8 { first |= UInt64(alphabet[digits[index]]) << (8 * UInt64(index)) }
            while mine.count < perCore {
                var state = (start ^ first) &* HashMix.word
                state ^= state >> 29
                let second = state ^ target
                if isPlain(second) {
                    var id = [UInt8](repeating: 0, count: 16)
                    for index in 0..<8 {
                        id[index] = UInt8(truncatingIfNeeded: first >> (8 * UInt64(index)))
                        id[8 + index] = UInt8(truncatingIfNeeded: second >> (8 * UInt64(index)))
                    }
                    mine.append(id)
                }
                // Count up, changing only the bytes whose digit moved.
                var place = 0
                while place < 7 {
                    digits[place] += 1
                    let done = digits[place] < alphabet.count
                    if !done { digits[place] = 0 }
                    let shift = 8 * UInt64(place)
                    first = (first & ~(0xFF << shift)) | UInt64(alphabet[digits[place]]) << shift
                    if done { break }
                    place += 1
                }
            }
            found.withLock { $0.append(contentsOf: mine) }
        }
        return Array(found.withLock { $0 }.prefix(count))
    }

    /// Random plain ids of the same length, for the row beside it.
    static func ordinaryIDs(count: Int) -> [[UInt8]] {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = (0x21...0x7E).filter { $0 != 0x22 && $0 != 0x5C }
        return (0..<count).map { _ in (0..<16).map { _ in alphabet.randomElement(using: &random)! } }
    }

    /// One callback a job, the id as its SmileJobID and its partner job id.
    static func write(_ ids: [[UInt8]], to path: String) throws {
        var out = Data()
        out.reserveCapacity(ids.count * 200)
        for (index, id) in ids.enumerated() {
            let text = String(decoding: id, as: UTF8.self)
            let line =
                #"{"SmileJobID":"\#(text)","ResultCode":"0810","ResultText":"Enroll User","PartnerParams":{"job_id":"\#(text)","user_id":"user-\#(index % 50000)","job_type":1},"timestamp":"2026-11-24T00:00:00.000Z"}"#
            out.append(contentsOf: line.utf8)
            out.append(0x0A)
        }
        try out.write(to: URL(fileURLWithPath: path))
    }

    /// True when every id has the same hash under `seed` (checked on a sample).
    static func collide(_ ids: [[UInt8]], seed: UInt64) -> Bool {
        let hashes = Set(ids.prefix(1000).map { id in id.withUnsafeBufferPointer { hashBytes($0, seed: seed) } })
        return hashes.count == 1
    }
}
