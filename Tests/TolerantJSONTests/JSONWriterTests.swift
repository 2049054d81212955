import Testing

@testable import TolerantJSON

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test func keepsMemberOrderAndIndents() {
        let value = JSONValue.object(JSONObject(["z": .number("1"), "a": .array([.bool(true), .null])]))
        #expect(JSONWriter.write(value) == "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}")
        #expect(JSONWriter.write(value, style: .compact) == #"{"z":1,"a":[true,null]}"#)
    }

    @Test func escapesEverythingThatCouldActOnATerminal() throws {
        let text = "a\u{1B}]0;title\u{07}b\u{9B}c\u{202E}d\u{7F}"
        let quoted = JSONWriter.quoted(text)
        #expect(quoted == #""a\u001b]0;title\u0007b\u009bc\u202ed\u007f""#)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        // It is still JSON that reads back to the same text.
        #expect(try JSONReader.readDocument(quoted).value == .string(text))
    }
}
