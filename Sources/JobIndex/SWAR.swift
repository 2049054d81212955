// Byte tests shared by the fast scanner (JobSources) and the store's search.

/// Byte tests on eight bytes at once (SIMD within a register). Each returns a word whose
/// high bit is set in the lowest byte that matches (higher bytes may be set spuriously, so
/// only the lowest set bit is meaningful).
package enum SWAR {
    package static let ones: UInt64 = 0x0101_0101_0101_0101
    package static let high: UInt64 = 0x8080_8080_8080_8080

    /// A byte equal to `byte`.
    @inline(__always)
    package static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & high
    }

    /// A byte below `limit` (limit at most 128).
    @inline(__always)
    package static func less(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & high
    }
}
