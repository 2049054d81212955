import SmileJobs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a string sits in a `TextArena`: 0 means none. A packed 64-bit value: chunk
/// (22 bits), offset in the chunk (21 bits), length (21 bits); the top bit marks a string
/// too long for a chunk, kept in a side table instead.
package struct TextRef: Hashable, Sendable {
    package let raw: UInt64

    package static let none = TextRef(raw: 0)

    init(raw: UInt64) {
        self.raw = raw
    }

    init(chunk: Int, offset: Int, length: Int) {
        raw = UInt64(chunk + 1) << 42 | UInt64(offset) << 21 | UInt64(length)
    }

    init(longIndex: Int) {
        raw = 1 << 63 | UInt64(longIndex)
    }

    package var isNone: Bool { raw == 0 }

    /// The same string after its arena's chunks were adopted by another (`TextArena.adopt`).
    @inline(__always)
    package func moved(chunkBase: Int, longBase: Int) -> TextRef {
        if isNone { return self }
        if isLong { return TextRef(longIndex: longIndex + longBase) }
        return TextRef(chunk: chunk + chunkBase, offset: offset, length: length)
    }
    var isLong: Bool { raw & (1 << 63) != 0 }
    var chunk: Int { Int((raw >> 42) & 0x1F_FFFF) - 1 }
    var offset: Int { Int((raw >> 21) & 0x1F_FFFF) }
    var length: Int { Int(raw & 0x1F_FFFF) }
    var longIndex: Int { Int(raw & ~(1 << 63)) }
}

/// UTF-8 text laid end to end in large chunks: a million user ids cost their bytes, not a
/// million heap strings. Append-only; chunks are never moved or freed while the arena
/// lives, so a frozen view can be read on one thread while another appends.
///
/// `@unchecked`: it owns raw chunks, appended to by the builder's thread alone; bytes once
/// written are never changed, moved or freed while the arena lives.
package final class TextArena: @unchecked Sendable {
    package static let chunkSize = 1 << 21  // 2 MiB: the largest offset and length a TextRef holds
    static let longThreshold = 1 << 16

    private var chunks: [UnsafeMutableBufferPointer<UInt8>] = []
    /// The chunk new strings go into, and how much of it is used.
    private var current = -1
    private var used = 0
    private let capacity: Int
    /// Strings too long for a chunk, each in an allocation of its own (never moved).
    private var long: [UnsafeMutableBufferPointer<UInt8>] = []

    /// `capacity`: bytes a chunk holds (smaller for short-lived batches, whose chunks a
    /// store adopts whole).
    package init(capacity: Int = TextArena.chunkSize) {
        self.capacity = min(capacity, TextArena.chunkSize)
    }

    deinit {
        for chunk in chunks { chunk.deallocate() }
        for block in long { block.deallocate() }
    }

    /// Bytes held, for the benchmark's bytes-per-job.
    package var byteCount: Int { chunks.reduce(0) { $0 + $1.count } + long.reduce(0) { $0 + $1.count } }

    package func append(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef {
        let length = bytes.count
        if length > TextArena.longThreshold {
            let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: length)
            _ = block.initialize(from: bytes)
            long.append(block)
            return TextRef(longIndex: long.count - 1)
        }
        if current < 0 || used + length > chunks[current].count {
            chunks.append(UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(capacity, length)))
            current = chunks.count - 1
            used = 0
        }
        let chunk = current
        if length > 0, let base = bytes.baseAddress {
            (chunks[chunk].baseAddress! + used).update(from: base, count: length)
        }
        let ref = TextRef(chunk: chunk, offset: used, length: length)
        used += length
        return ref
    }

    package func append(_ text: String) -> TextRef {
        var copy = text
        return copy.withUTF8 { append($0) }
    }

    /// Takes another arena's chunks (which it then no longer owns), and says where they went:
    /// a string of `other` is at `TextRef.moved(...)` here.
    package func adopt(_ other: TextArena) -> (chunkBase: Int, longBase: Int) {
        let bases = (chunks.count, long.count)
        chunks += other.chunks
        long += other.long
        other.chunks = []
        other.long = []
        other.current = -1
        return bases
    }

    /// The bytes of a string, for the thread that appends.
    @inline(__always)
    package func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if ref.isNone { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if ref.isLong { return body(UnsafeBufferPointer(long[ref.longIndex])) }
        return body(UnsafeBufferPointer(rebasing: chunks[ref.chunk][ref.offset..<(ref.offset + ref.length)]))
    }

    /// A view for readers: the chunks as they are now.
    package func freeze() -> TextArenaView {
        TextArenaView(arena: self, chunks: chunks.map { UnsafeBufferPointer($0) }, long: long.map { UnsafeBufferPointer($0) })
    }
}

/// A read-only view of an arena, safe to read while the arena grows elsewhere.
///
/// `@unchecked`: read-only pointers to bytes that never change, kept alive by `arena`; no
/// pointer leaves `withBytes`.
package struct TextArenaView: @unchecked Sendable {
    let arena: TextArena?
    let chunks: [UnsafeBufferPointer<UInt8>]
    let long: [UnsafeBufferPointer<UInt8>]

    package static let empty = TextArenaView(arena: nil, chunks: [], long: [])

    /// Calls `body` with the bytes of a string (empty for none), valid only inside `body`:
    /// no pointer into the arena leaves this view.
    @inline(__always)
    package func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if ref.isNone { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if ref.isLong { return body(long[ref.longIndex]) }
        return body(UnsafeBufferPointer(rebasing: chunks[ref.chunk][ref.offset..<(ref.offset + ref.length)]))
    }

    package func string(_ ref: TextRef) -> String? {
        if ref.isNone { return nil }
        return withBytes(ref) { String(decoding: $0, as: UTF8.self) }
    }

    package func equals(_ ref: TextRef, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        withBytes(ref) { bytes in
            bytes.count == other.count && (bytes.count == 0 || memcmpEqual(bytes, other))
        }
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
    // Long keys (a whole Actions object, ~250 bytes) with libc's vector compare.
    if a.count >= 32 { return memcmp(left, right, a.count) == 0 }
    var index = 0
    // Eight bytes at a time, then the rest.
    while index + 8 <= a.count {
        if UnsafeRawPointer(left + index).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(right + index).loadUnaligned(as: UInt64.self) {
            return false
        }
        index += 8
    }
    while index < a.count {
        if left[index] != right[index] { return false }
        index += 1
    }
    return true
}

/// The seed of `hashBytes`, new in every process: ids come from payloads anyone can send,
/// and with a known hash they could be made to collide, turning every lookup into a walk
/// of the whole table (merging would be quadratic). `SMILE_TRIAGE_HASH_SEED` fixes it, for
/// the benchmark's row that shows what a fixed seed would let crafted ids do.
let hashSeed: UInt64 = {
    if let fixed = getenv("SMILE_TRIAGE_HASH_SEED"), let seed = UInt64(String(cString: fixed)) { return seed }
    return UInt64.random(in: UInt64.min...UInt64.max) | 1
}()

/// A fast hash of bytes, eight at a time (a multiply-rotate mix), seeded per process:
/// good enough for open addressing of ids and texts, and much faster than hashing byte by
/// byte. Nothing stored or shown depends on it (ring ids and content keys have their own).
@inline(__always)
func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { hashBytes(bytes, seed: hashSeed) }

/// `hashBytes` with a given seed (the benchmark crafts colliding ids against a fixed one).
@inline(__always)
package func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
    var hash: UInt64 = seed ^ HashMix.start ^ UInt64(bytes.count)
    guard let base = bytes.baseAddress else { return hash }
    var index = 0
    while index + 8 <= bytes.count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        hash = (hash ^ word) &* HashMix.word
        hash ^= hash >> 29
        index += 8
    }
    // The last count % 8 bytes, little-endian in the low end of a word, read with at most
    // two loads where the string allows (a byte at a time took most of a short key's hash).
    let rest = bytes.count - index
    var tail: UInt64 = 0
    if rest > 0 {
        if bytes.count >= 8 {
            // The word ending at the last byte: its high `rest` bytes are the tail.
            tail = UnsafeRawPointer(base + bytes.count - 8).loadUnaligned(as: UInt64.self) >> (64 - 8 * UInt64(rest))
        } else if rest >= 4 {
            // Two four-byte words, overlapping: the bytes they share are the same in both.
            let low = UInt64(UnsafeRawPointer(base).loadUnaligned(as: UInt32.self))
            let high = UInt64(UnsafeRawPointer(base + rest - 4).loadUnaligned(as: UInt32.self))
            tail = low | high << (8 * UInt64(rest - 4))
        } else {
            for offset in 0..<rest { tail |= UInt64(base[offset]) << (8 * UInt64(offset)) }
        }
    }
    hash = (hash ^ tail) &* HashMix.tail
    hash ^= hash >> 31
    return hash
}

/// The constants of `hashBytes`'s mix.
package enum HashMix {
    package static let start: UInt64 = 0x9E37_79B9_7F4A_7C15
    package static let word: UInt64 = 0xBF58_476D_1CE4_E5B9
    package static let tail: UInt64 = 0x94D0_49BB_1331_11EB
}

/// A search, lower-cased, ready to be looked for in many texts.
package struct SearchNeedle: Sendable {
    /// The lower-cased query's bytes.
    let bytes: [UInt8]
    /// For each scalar of the lower-cased query, three scalars that lower-case to it (itself,
    /// its upper and title case, repeated to fill three), end to end: nil when the query is
    /// ASCII, which the bytes decide alone. Flat, so a test reads no nested array.
    let caseForms: [UInt32]?
    /// The first UTF-8 byte of each of the first scalar's three case forms: a match starts
    /// only where the haystack holds one (in valid UTF-8 such a byte always starts a scalar).
    let firstLeads: [UInt8]

    package init(_ query: String) {
        let lowered = query.lowercased()
        bytes = Array(lowered.utf8)
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            caseForms = nil
            firstLeads = []
            return
        }
        let forms = lowered.unicodeScalars.flatMap { scalar in
            var forms: [UInt32] = [scalar.value]
            for mapping in [scalar.properties.uppercaseMapping, scalar.properties.titlecaseMapping] {
                let mapped = Array(mapping.unicodeScalars)
                forms.append(mapped.count == 1 ? mapped[0].value : scalar.value)
            }
            return forms
        }
        caseForms = forms
        firstLeads = forms.prefix(3).map { Unicode.Scalar($0).flatMap { $0.utf8.first } ?? 0 }
    }
}

/// True when `haystack` contains the needle, ignoring case. An ASCII needle: on the bytes,
/// eight places a step. One with other letters (`Ọlá`, `Émile`): scalar by scalar against
/// the needle's case forms (which take in what the byte test would find), and only in a
/// haystack with non-ASCII bytes, which an ASCII one cannot match (nothing is allocated:
/// lower-casing each name made a search for `ọ` take 0.3 s at 1M jobs).
@inline(__always)
package func containsIgnoringCase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: SearchNeedle) -> Bool {
    guard let forms = needle.caseForms else { return containsIgnoringASCIICase(haystack, needle.bytes) }
    guard hasNonASCII(haystack) else { return false }
    return forms.withUnsafeBufferPointer { containsCaseForms(haystack, $0, leads: needle.firstLeads) }
}

/// Whether any byte is 0x80 or more, eight a step (ids are ASCII: byte by byte, this test
/// of every id took a fifth of a search for `ọ`).
@inline(__always)
private func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var index = 0
    while index + 8 <= bytes.count {
        if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & SWAR.high != 0 { return true }
        index += 8
    }
    while index < bytes.count {
        if base[index] >= 0x80 { return true }
        index += 1
    }
    return false
}

/// Scalar by scalar from every place that holds the first byte of one of the first scalar's
/// forms (found eight bytes a step): each of the haystack's scalars from there one of the
/// three forms wanted at that place. Trying every scalar start instead made a search for
/// `ọ` take 93–104 ms a keystroke among a million jobs with names in six scripts.
private func containsCaseForms(
    _ haystack: UnsafeBufferPointer<UInt8>, _ forms: UnsafeBufferPointer<UInt32>, leads: [UInt8]
) -> Bool {
    guard let base = haystack.baseAddress, leads.count == 3 else { return false }
    let wanted = forms.count / 3
    let (first, second, third) = (leads[0], leads[1], leads[2])
    let count = haystack.count
    var start = 0
    while start < count {
        if start + 8 <= count {
            let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            let found = SWAR.has(word, first) | SWAR.has(word, second) | SWAR.has(word, third)
            if found == 0 {
                start += 8
                continue
            }
            // The lowest byte found is a true one (the trick's false hits lie above a true one).
            start += found.trailingZeroBitCount / 8
        }
        let byte = base[start]
        if byte == first || byte == second || byte == third {
            var at = start
            var matched = 0
            while matched < wanted, at < count {
                let (value, length) = decodeScalar(haystack, at)
                let place = matched * 3
                guard forms[place] == value || forms[place + 1] == value || forms[place + 2] == value else { break }
                at += length
                matched += 1
            }
            if matched == wanted { return true }
        }
        start += 1
    }
    return false
}

/// The scalar whose UTF-8 starts at `at` (the store's text is valid UTF-8; a stray byte is
/// taken as itself, one byte long).
@inline(__always)
private func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> (value: UInt32, length: Int) {
    let lead = UInt32(bytes[at])
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    guard lead >= 0xC0, at + length <= bytes.count else { return (lead, 1) }
    var value = lead & (0xFF >> (length + 1))
    for offset in 1..<length { value = value << 6 | (UInt32(bytes[at + offset]) & 0x3F) }
    return (value, length)
}

@inline(__always)
private func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let count = needle.count
    guard count > 0 else { return true }
    guard haystack.count >= count, let base = haystack.baseAddress else { return false }
    return needle.withUnsafeBufferPointer { needle in
        let first = needle[0]
        let firstUpper = first >= 97 && first <= 122 ? first - 32 : first
        var position = 0
        let last = haystack.count - count
        while position <= last {
            // Eight places at a time to the next first byte, in either case (a search walks
            // every job's ids and name: most places are not one).
            if position + 8 <= haystack.count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let found = SWAR.has(word, first) | SWAR.has(word, firstUpper)
                if found == 0 {
                    position += 8
                    continue
                }
                position += found.trailingZeroBitCount / 8
                if position > last { return false }
            }
            let byte = base[position]
            if byte == first || byte == firstUpper {
                var offset = 1
                while offset < count {
                    var next = base[position + offset]
                    if next >= 65 && next <= 90 { next |= 0x20 }
                    if next != needle[offset] { break }
                    offset += 1
                }
                if offset == count { return true }
            }
            position += 1
        }
        return false
    }
}

/// The text fields of a job that live in the arena.
package enum JobTextField: Sendable {
    case smileJobID, partnerJobID, userID, fullName
}
