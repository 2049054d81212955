import Foundation
import TestSupport
import Testing

/// Every command's output on the hostile corpus: no raw ESC, BEL or C1 control reaches a
/// terminal (text output shows them visibly; JSON escapes them).
@Suite("Command output is inert")
struct OutputSafetyTests {
    static func rawControls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter {
            ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) || (0x202A...0x202E).contains($0) || (0x2066...0x2069).contains($0)
        }
    }

    @Test(arguments: [
        ["summary", "Fixtures/bad"], ["summary", "Fixtures/bad", "--format", "json"], ["secure", "Fixtures/bad"],
        ["secure", "Fixtures/bad", "--format", "json"], ["verify", "Fixtures/bad", "--partner-id", "2001"],
        ["verify", "Fixtures/bad", "--partner-id", "2001", "--format", "json"],
        ["snapshot", "Fixtures/bad", "--size", "120x40"], ["snapshot", "Fixtures/bad", "--keys", "G Enter", "--size", "100x60"],
        ["snapshot", "Fixtures/bad", "--keys", "/0006000000 Enter Enter PgDn", "--size", "120x50"],
        ["snapshot", "Fixtures/bad", "--keys", "/0006000000 Enter Enter S", "--size", "120x50"],
        ["snapshot", "Fixtures/bad", "--keys", "F Tab Tab", "--roles"], ["snapshot", "Fixtures/bad", "--keys", "P"],
        ["explain", "\u{1B}]0;x\u{07}0810"], ["explain", "\u{1B}]0;x\u{07}", "--format", "json"],
    ])
    func noRawControlsReachOutput(arguments: [String]) throws {
        let result = try Binary.run(arguments, environment: ["SMILE_API_KEY": "demo-api-key-do-not-use"])
        #expect(OutputSafetyTests.rawControls(result.standardOutput).isEmpty, "stdout of \(arguments)")
        #expect(OutputSafetyTests.rawControls(result.standardError).isEmpty, "stderr of \(arguments)")
        #expect(!result.standardOutput.isEmpty || !result.standardError.isEmpty)
    }
}
