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

    /// The writer as it was, scalar by scalar: the byte-level one must write what it wrote.
    static func referenceQuoted(_ text: String) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// Every scalar up to U+3000 alone and between Amharic, Arabic and Yoruba text, plus the
    /// planes above (an emoji, a supplementary CJK letter), written as the reference writes it.
    @Test func writesEveryScalarAsTheScalarWriterDid() throws {
        var texts = ["", "plain ASCII", "ሰላም ዓለም", "مرحبا", "Adéọlá Ògúnlẹ́yẹ", "👩🏽‍💻", "𠀋", "\u{1B}[31m"]
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let one = String(Character(scalar))
            texts.append(one)
            texts.append("ሰ" + one + "ا" + one + one + "ọ")
        }
        for text in texts {
            let scalars = text.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(
                JSONWriter.quoted(text) == JSONWriterTests.referenceQuoted(text), "U+\(scalars)")
        }
        // And it reads back to the same text.
        let mixed = "a\u{200E}b\u{2029}c\u{2066}d\u{85}e\"\\f\u{0}g"
        #expect(try JSONReader.readDocument(JSONWriter.quoted(mixed)).value == .string(mixed))
    }
}
