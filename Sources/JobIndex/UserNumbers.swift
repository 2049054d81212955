/// Users numbered from 0 in the order first seen, found by their ids' UTF-8 bytes.
struct UserNumbers: Sendable, Equatable {
    private var table = ByteTable()
    private(set) var names: [String] = []

    var count: Int { names.count }

    /// The user's number, given one when new.
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, inserted) = table.insert(bytes)
        if inserted { names.append(String(decoding: bytes, as: UTF8.self)) }
        return Int32(id) - 1
    }

    mutating func number(_ user: String) -> Int32 {
        var user = user
        return user.withUTF8 { number($0) }
    }

    /// The user's number, if known. Mutating so a copy is read in place (`ByteTable.lookup`).
    mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        table.lookup(bytes).map { Int32($0) - 1 }
    }

    func lookup(_ user: String) -> Int32? {
        var table = self
        var user = user
        return user.withUTF8 { table.lookup($0) }
    }

    /// The table follows from the names.
    static func == (left: UserNumbers, right: UserNumbers) -> Bool { left.names == right.names }
}
