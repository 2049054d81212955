import JobSources
import TestSupport
import Testing

@testable import JobIndex
@testable import SmileJobs

/// The list's orders: the radix sort against a stable comparison sort, on keys of every
/// width it takes a different path for, and the time order with jobs that have no time.
@Suite("Radix sort")
struct RadixSortTests {
    /// The order a stable comparison sort gives: by key, ties by index.
    static func reference(_ keys: [UInt64]) -> [Int32] {
        keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { Int32($0) }
    }

    /// Keys spanning `bits` above a base, with repeats, from a fixed seed.
    static func keys(count: Int, bits: Int, base: UInt64, seed: UInt64) -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        return (0..<count).map { _ in
            // One key in four repeats a small value, so ties are common.
            generator.next() % 4 == 0 ? base &+ generator.next() % 8 : base &+ (generator.next() & mask)
        }
    }

    @Test(arguments: [0, 1, 5, 11, 12, 22, 27, 32, 33, 44, 63, 64])
    func itOrdersLikeAStableComparisonSort(bits: Int) {
        for (count, base) in [(0, UInt64(0)), (1, 7), (2, 1 << 40), (1_000, 0), (5_000, 1_795_600_000_000)] {
            let keys = Self.keys(count: count, bits: bits, base: bits == 64 ? 0 : base, seed: UInt64(bits * 31 + count))
            #expect(RadixSort.order(keys: keys) == Self.reference(keys), "\(bits) bits, \(count) keys")
        }
    }

    @Test func theExtremesOfTheKeySpaceSort() {
        let keys: [UInt64] = [.max, 0, .max - 1, 1, .max, 0, 1 << 63, (1 << 63) - 1]
        #expect(RadixSort.order(keys: keys) == Self.reference(keys))
        #expect(RadixSort.order(count: keys.count) { keys[$0] } == Self.reference(keys))
    }

    @Test func allEqualKeysKeepLoadOrder() {
        #expect(RadixSort.order(keys: [UInt64](repeating: 42, count: 300)) == (0..<300).map { Int32($0) })
    }

    /// Jobs without a time come first in ascending order (last when newest is first), the
    /// others by time, ties in load order: as a comparison sort on `time ?? Int64.min` does.
    @Test func theTimeOrderPutsJobsWithoutATimeFirst() {
        let times: [Int64?] = [1_795_600_000_500, nil, 1_795_600_000_000, 1_795_600_000_500, nil, -5_000, 1_795_600_000_001]
        let builder = JobStoreBuilder()
        for (index, time) in times.enumerated() {
            var record = JobRecord(
                origin: RecordOrigin(source: 0, line: Int32(index + 1), offset: Int64(index * 100), length: 100, part: .whole),
                kind: .result)
            record.smileJobID = "job-\(index)"
            record.userID = "user-\(index)"
            record.resultCode = "1012"
            record.timestamp = time.map(Timestamp.init(millisecondsSince1970:))
            builder.append(record)
        }
        let table = JobTable(store: builder.snapshot())
        let expected = times.indices.sorted { (times[$0] ?? .min, $0) < (times[$1] ?? .min, $1) }.map { Int32($0) }
        #expect(table.sortedIndices(.time) == expected)
        #expect(expected.prefix(2) == [1, 4] && expected[2] == 5)
    }
}

/// Ranked sorts (code, product, result text) against a comparison sort on the text each job
/// shows, lower-cased, ties in load order: on the fixtures, where pending jobs show a status
/// code and Smile Secure callbacks their own, with no result code interned.
@Suite("Ranked sorts")
struct RankedSortTests {
    @Test(arguments: ["Fixtures/demo", "Fixtures/varied", "Fixtures/samples"])
    func aColumnSortsAsItsTextDoes(fixture: String) {
        let store = JobLoader().load(paths: [Repository.path(fixture)]).0.store
        let table = JobTable(store: store)
        func expected(_ text: (Int) -> String?) -> [Int32] {
            let texts = (0..<store.jobCount).map { Array((text($0) ?? "").lowercased().utf8) }
            return texts.indices.sorted { a, b in
                texts[a] == texts[b] ? a < b : texts[a].lexicographicallyPrecedes(texts[b])
            }.map { Int32($0) }
        }
        #expect(table.sortedIndices(.code) == expected { store.displayCode($0) })
        #expect(table.sortedIndices(.product) == expected { store.productName($0) })
        #expect(table.sortedIndices(.text) == expected { store.resultText($0) })
        #expect(store.jobCount >= 10)
    }
}

/// The id columns (job, user) against a comparison sort by bytes ignoring ASCII case,
/// shorter first, ties in load order: ids that share long beginnings (the chunked radix
/// sort's runs), differ only in case or length, hold NUL bytes or other scripts, repeat,
/// or are missing; sizes on either side of the run size that is sorted by comparisons.
@Suite("Id sorts")
struct IdSortTests {
    static func ids(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let stems = ["user-c8ff717afe04", "USER-c8ff", "user-", "", "6513270e-269e-0d37-f2a7-4de452e6b438", "ሰላም-ተስፋዬ", "a\u{0}b", "Ọlá"]
        let long = String(repeating: "kw-user-", count: 12)
        return (0..<count).map { _ in
            let roll = generator.next() % 10
            let stem = roll == 0 ? long : stems[Int(generator.next() % UInt64(stems.count))]
            switch generator.next() % 5 {
            case 0: return stem
            case 4: return stem + "\u{0}"
            case 1: return stem + String(generator.next() % 7)
            case 2: return stem + String(generator.next() % 100_000, radix: 16)
            default: return stem + "\u{0}" + String(generator.next() % 3)
            }
        }
    }

    @Test(arguments: [1, 2, 31, 33, 200, 3_000])
    func idsSortAsAComparisonByBytesDoes(count: Int) {
        let users = Self.ids(count: count, seed: UInt64(count))
        let builder = JobStoreBuilder()
        for (index, user) in users.enumerated() {
            var record = JobRecord(
                origin: RecordOrigin(source: 0, line: Int32(index + 1), offset: Int64(index * 100), length: 100, part: .whole),
                kind: .result)
            record.smileJobID = "job-\(index)"
            record.userID = user.isEmpty ? nil : user
            record.resultCode = "1012"
            builder.append(record)
        }
        let store = builder.snapshot()
        let table = JobTable(store: store)
        let bytes = (0..<store.jobCount).map { Array((store.userID($0) ?? "").utf8) }
        let expected = bytes.indices.sorted { a, b in
            let order = bytes[a].withUnsafeBufferPointer { left in
                bytes[b].withUnsafeBufferPointer { right in RadixSort.compareIgnoringCase(left, right) }
            }
            return order != 0 ? order < 0 : a < b
        }.map { Int32($0) }
        #expect(store.jobCount == count)
        #expect(table.sortedIndices(.user) == expected)
    }
}
