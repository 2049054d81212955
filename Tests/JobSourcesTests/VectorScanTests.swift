import Testing

#if arch(x86_64)
import CVectorScan

/// The sixteen-byte string scan against the byte-by-byte rule it replaces: the first quote,
/// backslash or control byte (and non-ASCII byte when asked), at every place in the window.
@Suite("Vector string scan")
struct VectorScanTests {
    static func reference(_ bytes: [UInt8], stopAtNonASCII: Bool) -> Int {
        bytes.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || (stopAtNonASCII && $0 >= 0x80) } ?? 16
    }

    static func scan(_ bytes: [UInt8], stopAtNonASCII: Bool) -> Int {
        bytes.withUnsafeBufferPointer { Int(cvs_first_string_stop($0.baseAddress!, stopAtNonASCII ? 1 : 0)) }
    }

    @Test func everyStopByteAtEveryPlace() {
        let plain = Array("abcdefghijklmnop".utf8)
        #expect(Self.scan(plain, stopAtNonASCII: true) == 16)
        // Every byte value, at every place, in a window of ordinary ASCII.
        for value in 0...255 {
            for place in 0..<16 {
                var window = plain
                window[place] = UInt8(value)
                for stop in [false, true] {
                    #expect(Self.scan(window, stopAtNonASCII: stop) == Self.reference(window, stopAtNonASCII: stop))
                }
            }
        }
    }

    @Test func randomWindowsAgreeWithTheByteRule() {
        var generator = SystemRandomNumberGenerator()
        // Bytes drawn mostly from the ones that matter, so most windows hold several stops.
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC3, 0xE1, 0xFF]
        for _ in 0..<20_000 {
            let window = (0..<16).map { _ in
                Bool.random(using: &generator)
                    ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            for stop in [false, true] {
                #expect(Self.scan(window, stopAtNonASCII: stop) == Self.reference(window, stopAtNonASCII: stop))
            }
        }
    }
}
#endif
