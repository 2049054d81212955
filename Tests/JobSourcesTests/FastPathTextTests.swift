import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources

/// Names and result texts from the whole world take the fast path now (raw UTF-8, or `\u`
/// escaped as Python's json module writes by default): they must read exactly as the full
/// decoder reads them, at and around every size the store treats differently.
@Suite("Fast path reads text in every script")
struct FastPathTextTests {
    /// One sample per script the users' data holds.
    static let samples = ["ሰላም ተስፋዬ", "فاطمة الزهراء", "Ọláolúwa Adébáyọ̀", "Hauwa'u Ƙasimu Ɗanjuma", "Amélie Lefèvre", "👩🏾‍💼 Zoë"]

    /// Text of exactly `length` UTF-8 bytes: the sample repeated, topped up with ASCII.
    static func text(_ sample: String, bytes length: Int) -> String {
        var text = ""
        var used = 0
        let sampleBytes = sample.utf8.count
        while used + sampleBytes <= length {
            text += sample
            used += sampleBytes
        }
        return text + String(repeating: "a", count: length - used)
    }

    /// `\u` escapes for every non-ASCII scalar (surrogate pairs past the BMP), as
    /// `json.dumps` writes with `ensure_ascii`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            }
        }
        return out
    }

    static func record(_ id: Int, name: String, text: String) -> String {
        #"{"SmileJobID":"\#(String(format: "%010d", id))","ResultCode":"0810","ResultText":"\#(text)","FullName":"\#(name)","PartnerParams":{"job_id":"job-\#(id)","user_id":"user-\#(id)","job_type":1}}"#
    }

    @Test(arguments: [1, 4095, 4096, 4097, 65535, 65536, 65537])
    func namesAtEverySizeLimitReadAsTheFullDecoderReadsThem(length: Int) throws {
        var lines: [String] = []
        var expected: [String] = []
        for (index, sample) in FastPathTextTests.samples.enumerated() {
            let name = FastPathTextTests.text(sample, bytes: length)
            expected.append(name)
            expected.append(name)
            lines.append(FastPathTextTests.record(index * 2, name: name, text: "Enroll \(sample)"))
            lines.append(
                FastPathTextTests.record(
                    index * 2 + 1, name: FastPathTextTests.escaped(name), text: FastPathTextTests.escaped("Enroll \(sample)")))
        }
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("names.ndjson").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let (fast, full) = FastPathTests.compare(path)
        #expect(fast.fastRecords == lines.count, "the fast path read \(fast.fastRecords) of \(lines.count)")
        #expect(full.records == lines.count)
        let (loaded, _) = FastPathTests.load(path, fast: true, pieceSize: 2048, threads: 2)
        let names = (0..<loaded.store.jobCount).map { job in
            loaded.store.withFieldBytes(job, .fullName) { String(decoding: $0, as: UTF8.self) }
        }
        #expect(names.sorted() == expected.sorted())
    }

    /// What the full decoder notes (and so the fast path must leave to it): each of these
    /// is declined, and both readers agree on the result.
    @Test func irregularTextIsLeftToTheFullDecoder() throws {
        let names = [
            #"\ud83d"#, #"\udc00x"#, #"\ud83d\u0041"#, #"\u12G4"#, #"\q"#, "\u{7F}ok\\x",
        ]
        var lines = names.enumerated().map { FastPathTextTests.record($0.offset, name: $0.element, text: "Enroll") }
        var bytes = Data((lines.joined(separator: "\n") + "\n").utf8)
        // Invalid UTF-8: an overlong slash, a lone continuation byte, a surrogate encoded.
        for (offset, invalid) in [[0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]].enumerated() {
            let line = FastPathTextTests.record(100 + offset, name: "NAME", text: "Enroll")
            var data = Data(line.utf8)
            let range = data.range(of: Data("NAME".utf8))!
            data.replaceSubrange(range, with: invalid.map(UInt8.init))
            bytes.append(data)
            bytes.append(0x0A)
            lines.append(line)
        }
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("irregular.ndjson").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let (fast, _) = FastPathTests.compare(path)
        // `\u007F` raw is fine JSON, but "\x" is not an escape: every line is declined.
        #expect(fast.fastRecords == 0, "the fast path read \(fast.fastRecords) it should have left")
    }

    @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
        var random = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
            0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<200_000 {
            let length = Int.random(in: 1...6, using: &random)
            let bytes = (0..<length).map { _ in interesting.randomElement(using: &random)! }
            let ours = bytes.withUnsafeBufferPointer { UTF8Sequence.isValid($0) }
            let library = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == library, "\(bytes.map { String($0, radix: 16) })")
            if ours != library { return }
        }
    }
}
