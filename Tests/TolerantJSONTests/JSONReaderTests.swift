import Testing

@testable import TolerantJSON

@Suite("JSONReader")
struct JSONReaderTests {
    func read(_ text: String) throws(JSONSyntaxError) -> JSONReader.Parsed {
        try JSONReader.readDocument(text)
    }

    @Test func readsEveryKindOfValue() throws {
        let parsed = try read(#"{"a": "x", "b": 12.5e3, "c": true, "d": null, "e": [1, "2"], "f": {}}"#)
        let object = try #require(parsed.value.objectValue)
        #expect(object["a"] == .string("x"))
        #expect(object["b"] == .number("12.5e3"))
        #expect(object["c"] == .bool(true))
        #expect(object["d"] == .null)
        #expect(object["e"] == .array([.number("1"), .string("2")]))
        #expect(object["f"] == .object(JSONObject()))
        #expect(parsed.tolerances.isEmpty)
    }

    @Test func keepsNumbersAsWritten() throws {
        let parsed = try read(#"{"timestamp": 1570698930193, "job_type": 04}"#)
        #expect(parsed.value.objectValue?["timestamp"]?.scalarText == "1570698930193")
        #expect(parsed.value.objectValue?["job_type"]?.scalarText == "04")
    }

    @Test func acceptsTrailingCommasAndSaysSo() throws {
        let parsed = try read("{\"a\": 1, \"b\": [1, 2,],\n}")
        #expect(parsed.value.objectValue?["b"] == .array([.number("1"), .number("2")]))
        #expect(parsed.tolerances.count == 2)
        #expect(parsed.tolerances.allSatisfy { if case .trailingComma = $0 { true } else { false } })
    }

    @Test func keepsInvalidEscapesAsWritten() throws {
        let parsed = try read(#"{"signature": "HKBh\C7Pj"}"#)
        #expect(parsed.value.objectValue?["signature"] == .string(#"HKBh\C7Pj"#))
        #expect(parsed.tolerances == [.invalidEscape(text: #"\C"#, offset: 19)])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let parsed = try read(#"["\u00e9\n\t\"\\\/", "\ud83d\ude00", "\ud800x"]"#)
        let items = try #require(parsed.value.arrayValue)
        #expect(items[0] == .string("é\n\t\"\\/"))
        #expect(items[1] == .string("😀"))
        #expect(items[2] == .string("\u{FFFD}x"))
        #expect(parsed.tolerances.count == 1)
    }

    @Test func repairsInvalidUTF8() throws {
        var bytes: [UInt8] = Array(#"{"name": "ab"#.utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(#""}"#.utf8))
        let parsed = try bytes.withUnsafeBufferPointer { try JSONReader.readValue(in: $0, at: 0) }
        #expect(parsed.value.objectValue?["name"] == .string("ab\u{FFFD}"))
        #expect(parsed.tolerances == [.invalidUTF8(offset: 10)])
    }

    @Test func duplicateKeysKeepBothAndLookupTakesTheLast() throws {
        let parsed = try read(#"{"ResultCode": "0810", "ResultCode": "0811"}"#)
        let object = try #require(parsed.value.objectValue)
        #expect(object.members.count == 2)
        #expect(object["ResultCode"] == .string("0811"))
        #expect(parsed.tolerances == [.duplicateKey(key: "ResultCode", offset: 23)])
    }

    @Test func duplicateKeysInLargeObjectsStayLinear() throws {
        let members = (0..<5000).map { "\"k\($0 % 2500)\": \($0)" }.joined(separator: ",")
        let parsed = try read("{\(members)}")
        #expect(parsed.tolerances.count == 2500)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        do throws(JSONSyntaxError) {
            _ = try read(deep)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.message.contains("128"))
        }
    }

    @Test(arguments: [
        (#"{"a": "unterminated"#, JSONSyntaxError.Kind.truncated),
        (#"{"a": 1"#, .truncated),
        (#"{"a" 1}"#, .syntax),
        (#"{"a": tru}"#, .syntax),
        (#"{a: 1}"#, .syntax),
        (#"{"a": 1} x"#, .syntax),
        ("{\"a\": \"line\nbreak\"}", .truncated),
        (#"{"a": -}"#, .syntax),
    ])
    func reportsErrorsWithTheirKind(text: String, kind: JSONSyntaxError.Kind) {
        do throws(JSONSyntaxError) {
            _ = try read(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.kind == kind, "\(text): \(error.message)")
        }
    }

    @Test func errorsSayWhatWasFound() {
        do throws(JSONSyntaxError) {
            _ = try read(#"{"a": 1 "b": 2}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "expected ',' or '}' after a member, found '\"'")
            #expect(error.offset == 8)
        }
    }
}
