/// Keeps one copy of each distinct string (result texts, codes, countries…) and hands out
/// small ids; 0 means none. Looked up by bytes (kept end to end beside the strings), so a
/// hit creates no String and copies nothing.
public struct Interner: Sendable {
    /// The strings by id; index 0 is a placeholder for none.
    public private(set) var values: [String] = [""]
    private var bytes: [UInt8] = []
    private var starts: [Int32] = [0, 0]
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = [0]

    public init() {}

    public var count: Int { values.count - 1 }

    public func value(_ id: UInt32) -> String? {
        id == 0 ? nil : values[Int(id)]
    }

    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = hashBytes(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id == 0 { break }
            if hashes[id] == hash && matches(id, key) { return UInt32(id) }
            slot = (slot + 1) & mask
        }
        values.append(String(decoding: key, as: UTF8.self))
        bytes.append(contentsOf: key)
        starts.append(Int32(bytes.count))
        hashes.append(hash)
        let id = Int32(values.count - 1)
        slots[slot] = id
        if values.count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    @inline(__always)
    private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            memcmpEqual(UnsafeBufferPointer(rebasing: stored[start..<end]), key)
        }
    }

    public mutating func intern(_ text: String?) -> UInt32 {
        guard var text else { return 0 }
        return text.withUTF8 { intern($0) }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 1..<values.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id)
        }
        slots = bigger
    }
}

/// An index from a key's bytes to a small integer, for keys that live elsewhere (in a
/// TextArena): it stores only hashes and values, and asks the caller to compare keys.
struct ByteKeyIndex: Sendable {
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    private var slotHashes: [UInt64] = Array(repeating: 0, count: 1024)
    private(set) var count = 0

    /// The value stored for a key, checked with `matches` (a hash can collide).
    func find(hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if slotHashes[slot] == hash && matches(slots[slot]) { return slots[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(hash: UInt64, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = value
        slotHashes[slot] = hash
        count += 1
    }

    private mutating func grow() {
        let oldSlots = slots
        let oldHashes = slotHashes
        slots = Array(repeating: -1, count: oldSlots.count * 2)
        slotHashes = Array(repeating: 0, count: oldSlots.count * 2)
        let mask = slots.count - 1
        for index in oldSlots.indices where oldSlots[index] >= 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[index]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = oldSlots[index]
            slotHashes[slot] = oldHashes[index]
        }
    }
}
