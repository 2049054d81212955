/// One UTF-8 sequence checked as the standard's table of well-formed byte sequences has
/// it (Unicode 15, table 3-7): no overlong forms, no surrogates, nothing past U+10FFFF.
/// Text that passes is what `String(validating:)` accepts, so the fast scanner may keep it
/// byte for byte as the full decoder does.
enum UTF8Sequence {
    /// The length (2–4) of the well-formed sequence starting at `position`, or nil.
    @inline(__always)
    static func length(at position: Int, in bytes: UnsafePointer<UInt8>, count: Int) -> Int? {
        let lead = bytes[position]
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            guard position + offset < count else { return false }
            let byte = bytes[position + offset]
            return byte >= low && byte <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }

    /// True when all of `bytes` is well-formed UTF-8 (ASCII included).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var position = 0
        while position < bytes.count {
            if base[position] < 0x80 {
                position += 1
            } else if let length = length(at: position, in: base, count: bytes.count) {
                position += length
            } else {
                return false
            }
        }
        return true
    }
}
