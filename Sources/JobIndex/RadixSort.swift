import SmileJobs

/// A stable least-significant-digit radix sort of job indices by 64-bit keys: a million
/// jobs sort in tens of milliseconds, where a comparison sort with closures takes hundreds.
enum RadixSort {
    /// Job indices 0..<count ordered by `key`, ties in index order.
    static func order(count: Int, key: (Int) -> UInt64) -> [Int32] {
        var keys = [UInt64](repeating: 0, count: count)
        for job in 0..<count { keys[job] = key(job) }
        return order(keys: keys)
    }

    /// Indices of `keys` ordered by them, ties in index order.
    ///
    /// Keys are taken relative to the smallest, so only the bits in which they differ are
    /// sorted on (a day of times in milliseconds is 27 bits), in digits of at most seven
    /// bits whose counts are all taken in one read. Each pass moves a key with its index,
    /// reading both in order: a pass that looked keys up by index missed the cache once a
    /// job. Seven bits, not eight or eleven: measured on 834,000 keys, a pass into 128
    /// buckets took 2–3 ms (best of five), into 256 7–9 ms, into 2,048 17 ms (the buckets'
    /// write positions no longer stay in the first-level cache).
    static func order(keys: consuming [UInt64]) -> [Int32] {
        var keys = keys
        let count = keys.count
        guard count > 1 else { return (0..<Int32(count)).map { $0 } }
        var low = UInt64.max, high = UInt64.min
        for key in keys {
            low = min(low, key)
            high = max(high, key)
        }
        let span = high - low
        if span == 0 { return (0..<Int32(count)).map { $0 } }
        let bits = UInt64.bitWidth - span.leadingZeroBitCount
        if bits <= 32 {
            // Key above, index below, in one word: one array to move, made in the keys' own
            // (each fresh array of a million keys is 7 MB of pages to fault in).
            keys.withUnsafeMutableBufferPointer { keys in
                for index in 0..<count { keys[index] = (keys[index] - low) << 32 | UInt64(index) }
            }
            sortPacked(&keys, digits: Digits(keyBits: bits))
            return keys.map { Int32(truncatingIfNeeded: $0) }
        }
        keys.withUnsafeMutableBufferPointer { keys in
            for index in 0..<count { keys[index] -= low }
        }
        return sortWide(keys, digits: Digits(keyBits: bits))
    }

    /// How a key is cut: as few passes as digits of at most seven bits allow, the bits
    /// shared out evenly among them.
    struct Digits {
        let passes: Int
        let bits: Int
        var mask: UInt64 { (1 << UInt64(bits)) - 1 }

        init(keyBits: Int) {
            passes = (keyBits + 6) / 7
            bits = (keyBits + passes - 1) / passes
        }
    }

    /// Sorts words by their high 32 bits (the key), stably.
    private static func sortPacked(_ values: inout [UInt64], digits: Digits) {
        sortStably(&values, digits: digits) { $0 >> 32 }
    }

    /// A key wider than 32 bits, with the index it came from.
    private struct KeyedIndex {
        var key: UInt64
        var index: Int32
    }

    /// Keys wider than 32 bits: each moved with its index, as a pair.
    private static func sortWide(_ keys: [UInt64], digits: Digits) -> [Int32] {
        var pairs = keys.enumerated().map { KeyedIndex(key: $0.element, index: Int32($0.offset)) }
        sortStably(&pairs, digits: digits) { $0.key }
        return pairs.map(\.index)
    }

    /// Least-significant digit first, each pass reading `values` in order and writing each
    /// to its digit's next place; a pass where every key has the same digit is skipped.
    private static func sortStably<Element>(_ values: inout [Element], digits: Digits, key: (Element) -> UInt64) {
        guard let first = values.first else { return }
        let passes = digits.passes, bits = digits.bits, mask = digits.mask
        // Every pass's digit counts, from one read.
        var flat = [Int](repeating: 0, count: passes << bits)
        flat.withUnsafeMutableBufferPointer { counts in
            for value in values {
                var rest = key(value)
                for pass in 0..<passes {
                    counts[pass << bits | Int(rest & mask)] += 1
                    rest >>= UInt64(bits)
                }
            }
        }
        var scratch = [Element](repeating: first, count: values.count)
        for pass in 0..<passes {
            let shift = UInt64(pass * bits)
            var next = Array(flat[(pass << bits)..<((pass + 1) << bits)])
            if next.contains(values.count) { continue }
            prefixSums(&next)
            scratch.withUnsafeMutableBufferPointer { out in
                next.withUnsafeMutableBufferPointer { next in
                    for value in values {
                        let slot = Int((key(value) >> shift) & mask)
                        out[next[slot]] = value
                        next[slot] += 1
                    }
                }
            }
            swap(&values, &scratch)
        }
    }

    /// Counts to starting positions.
    private static func prefixSums(_ counts: inout [Int]) {
        var total = 0
        for slot in counts.indices {
            let here = counts[slot]
            counts[slot] = total
            total += here
        }
    }

    /// The first eight bytes, lower-cased, as a big-endian number: orders like the bytes do.
    static func prefixKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for index in 0..<8 {
            var byte: UInt8 = index < bytes.count ? bytes[index] : 0
            if byte >= 65 && byte <= 90 { byte |= 0x20 }
            key = key << 8 | UInt64(byte)
        }
        return key
    }

    /// Negative, zero or positive, as `a` sorts before, with or after `b`, ignoring ASCII case.
    static func compareIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(a.count, b.count)
        for index in 0..<shared {
            var left = a[index], right = b[index]
            if left >= 65 && left <= 90 { left |= 0x20 }
            if right >= 65 && right <= 90 { right |= 0x20 }
            if left != right { return Int(left) - Int(right) }
        }
        return a.count - b.count
    }
}
