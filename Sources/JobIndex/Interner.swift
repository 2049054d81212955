import CVectorScan
import SmileJobs

/// Distinct byte strings kept end to end, each with a small id (1, 2, …; 0 is never one):
/// looked up by bytes, so a hit creates nothing and copies nothing.
package struct ByteTable: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0, 0]
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = [0]

    package init() {}

    package var count: Int { hashes.count - 1 }

    /// The id of a key already in the table, or nil (nothing is added). Mutating though it
    /// changes nothing: a table held by a class is then used in place, where a non-mutating
    /// call copies it, four retains and four releases per lookup (1% of a load's instructions).
    @inline(__always)
    package mutating func lookup(_ key: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hash = hashBytes(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id == 0 { return nil }
            if hashes[id] == hash && matches(id, key) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// The key's id, adding it when new (`inserted` says which).
    @inline(__always)
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (id: UInt32, inserted: Bool) {
        let hash = hashBytes(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id == 0 { break }
            if hashes[id] == hash && matches(id, key) { return (UInt32(id), false) }
            slot = (slot + 1) & mask
        }
        bytes.append(contentsOf: key)
        starts.append(Int32(bytes.count))
        hashes.append(hash)
        let id = Int32(hashes.count - 1)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return (UInt32(id), true)
    }

    @inline(__always)
    private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            memcmpEqual(UnsafeBufferPointer(rebasing: stored[start..<end]), key)
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 1..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id)
        }
        slots = bigger
    }
}

/// Keeps one copy of each distinct string (result texts, codes, countries…) and hands out
/// small ids; 0 means none. Looked up by bytes (a ByteTable), so a hit creates no String
/// and copies nothing.
package struct Interner: Sendable {
    /// The strings by id; index 0 is a placeholder for none.
    package private(set) var values: [String] = [""]
    private var table = ByteTable()

    package init() {}

    package var count: Int { values.count - 1 }

    package func value(_ id: UInt32) -> String? {
        id == 0 ? nil : values[Int(id)]
    }

    /// The id of a string already interned, or nil (nothing is added). Mutating for the
    /// table's sake (see `ByteTable.lookup`): a copy here would retain it per lookup.
    package mutating func lookup(_ key: UnsafeBufferPointer<UInt8>) -> UInt32? { table.lookup(key) }

    @inline(__always)
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (id, inserted) = table.insert(key)
        if inserted { values.append(String(decoding: key, as: UTF8.self)) }
        return id
    }

    package mutating func intern(_ text: String?) -> UInt32 {
        guard var text else { return 0 }
        return text.withUTF8 { intern($0) }
    }
}

/// An index from a key's bytes to a small integer, for keys that live elsewhere (in a
/// TextArena): 8 bytes a slot, the value beside the high 32 bits of the key's hash. Those
/// bits both place the entry and skip most wrong candidates, so growing the table places
/// every entry again exactly; the caller compares keys.
struct ByteKeyIndex: Sendable {
    private var slots: [UInt64] = Array(repeating: ByteKeyIndex.empty, count: 1024)
    private(set) var count = 0
    private static let empty = UInt64.max

    init() {}

    /// Room for `capacity` entries from the start: no table grown and placed again on the way.
    init(capacity: Int) {
        var size = 1024
        while capacity * 2 > size { size *= 2 }
        slots = Array(repeating: ByteKeyIndex.empty, count: size)
    }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash >> 32 }

    /// The value stored for a key, checked with `matches` (a hash can collide).
    func find(hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        let mask = slots.count - 1
        let tag = ByteKeyIndex.tag(hash)
        var slot = Int(tag) & mask
        while slots[slot] != ByteKeyIndex.empty {
            let entry = slots[slot]
            if entry >> 32 == tag {
                let value = Int32(bitPattern: UInt32(truncatingIfNeeded: entry))
                if matches(value) { return value }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Fetches the slot a key with this hash starts from into the cache, for a `find` soon
    /// after. Mutating so the table is used in place (see `ByteTable.lookup`).
    @inline(__always)
    mutating func prefetch(hash: UInt64) {
        let slot = Int(ByteKeyIndex.tag(hash)) & (slots.count - 1)
        slots.withUnsafeBufferPointer { cvs_prefetch($0.baseAddress! + slot) }
    }

    mutating func insert(hash: UInt64, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        place(ByteKeyIndex.tag(hash) << 32 | UInt64(UInt32(bitPattern: value)))
        count += 1
    }

    private mutating func place(_ entry: UInt64) {
        let mask = slots.count - 1
        var slot = Int(entry >> 32) & mask
        while slots[slot] != ByteKeyIndex.empty { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: ByteKeyIndex.empty, count: old.count * 2)
        for entry in old where entry != ByteKeyIndex.empty { place(entry) }
    }
}
