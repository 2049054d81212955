import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// The fast scanner and the full decoder must never disagree: the same jobs, records,
/// problems and error bodies, whichever reads a record, in one piece or many.
@Suite("Fast path agrees with the full decoder")
struct FastPathTests {
    static let generated: String = {
        let folder = try! Repository.temporaryFolder()
        let path = folder.appendingPathComponent("generated.ndjson").path
        var options = SyntheticJobs.Options(records: 5000)
        options.rings = 6
        options.photoBytes = 64
        _ = try! SyntheticJobs.write(options, to: path)
        return path
    }()

    static func load(
        _ path: String, fast: Bool, pieceSize: Int, threads: Int, signatures: SignatureChecker? = nil
    )
        -> (LoadedJobs, LoadProgress)
    {
        var options = JobLoader.Options()
        options.scan.fastPath = fast
        options.scan.signatures = signatures
        options.pieceSize = pieceSize
        options.threads = threads
        let (loaded, _, progress) = JobLoader().loadWithProgress(paths: [path], options: options)
        return (loaded, progress)
    }

    static func compare(_ path: String, signatures: SignatureChecker? = nil) -> (LoadProgress, LoadProgress) {
        let (full, fullProgress) = load(path, fast: false, pieceSize: 1 << 30, threads: 1, signatures: signatures)
        let (fast, fastProgress) = load(path, fast: true, pieceSize: 2048, threads: 2, signatures: signatures)
        #expect(fast.recordCount == full.recordCount, "\(path)")
        #expect(fast.problems == full.problems, "\(path)")
        #expect(fast.requestErrors == full.requestErrors, "\(path)")
        #expect(fast.store.jobCount == full.store.jobCount, "\(path)")
        let fastJobs = Array(fast.jobs), fullJobs = Array(full.jobs)
        for (left, right) in zip(fastJobs, fullJobs) where left != right {
            Issue.record("\(path): job \(right.id) differs:\nfast: \(left)\nfull: \(right)")
            break
        }
        for job in 0..<min(fast.store.jobCount, full.store.jobCount) {
            #expect(fast.store.category(job) == full.store.category(job))
            #expect(fast.store.productName(job) == full.store.productName(job))
            #expect(fast.store.displayCode(job) == full.store.displayCode(job))
        }
        #expect(fullProgress.fastRecords == 0)
        return (fastProgress, fullProgress)
    }

    @Test(arguments: [
        "Fixtures/demo", "Fixtures/samples", "Fixtures/bad", "Fixtures/catalogue", "Fixtures/shapes", "Fixtures/chase", "Fixtures/varied",
    ])
    func onEveryFixture(folder: String) {
        _ = FastPathTests.compare(Repository.path(folder))
    }

    /// Another writer's day (scripts/make-varied-callbacks.py: Python's json, keys in any
    /// order, `", "` spacing, names in six scripts raw or `\u` escaped, string job types,
    /// partner keys of its own): every record is one the fast path must read itself.
    @Test func anotherWritersCallbacksAllTakeTheFastPath() {
        let (fast, _) = FastPathTests.compare(Repository.path("Fixtures/varied"))
        #expect(fast.records == 400)
        #expect(fast.fastRecords == fast.records, "fast path read \(fast.fastRecords) of \(fast.records)")
    }

    /// Found by the fuzzer: the fast scanner skips an Actions object it has seen byte for
    /// byte; when that object is pretty-printed, its line breaks must still be counted, or
    /// every problem after it is reported lines too early.
    @Test func aSkippedPrettyPrintedActionsObjectStillCountsItsLines() throws {
        let record = """
            {
              "Actions": {
                "Liveness_Check": "Passed",
                "Selfie_Provided": "Passed"
              },
              "ResultCode": "0820",
              "SmileJobID": "%@",
              "PartnerParams": {"job_type": 2}
            }
            """
        let text =
            record.replacingOccurrences(of: "%@", with: "0000000001") + "\n"
            + record.replacingOccurrences(of: "%@", with: "0000000002") + "\nnot json\n"
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pretty.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (fast, fastProgress) = FastPathTests.load(path, fast: true, pieceSize: 1 << 20, threads: 1)
        let (full, _) = FastPathTests.load(path, fast: false, pieceSize: 1 << 20, threads: 1)
        #expect(fastProgress.fastRecords == 2)
        #expect(fast.problems.map(\.line) == [19])
        #expect(fast.problems == full.problems)
    }

    @Test func onAGeneratedSetCutIntoManyPieces() {
        let (fast, _) = FastPathTests.compare(FastPathTests.generated)
        // Nearly every generated record is a plain callback: the fast path must take them.
        #expect(fast.fastRecords == fast.records, "fast path read \(fast.fastRecords) of \(fast.records)")
    }

    @Test func withSignaturesChecked() {
        let checker = SignatureChecker(partnerID: "2001", apiKey: "demo-api-key-do-not-use")
        _ = FastPathTests.compare(FastPathTests.generated, signatures: checker)
        _ = FastPathTests.compare(Repository.path("Fixtures/demo"), signatures: checker)
        let (loaded, _) = FastPathTests.load(FastPathTests.generated, fast: true, pieceSize: 4096, threads: 2, signatures: checker)
        #expect(loaded.jobs.allSatisfy { $0.primary?.signature == .valid })
    }

    /// Pieces are cut at record boundaries by each reader on its own: the same records,
    /// lines and offsets whatever the piece size, an array file read in one piece.
    @Test func piecesStartAtRecordsWhateverTheirSize() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text =
            (0..<300).map { "{\"SmileJobID\":\"\($0)\",\"ResultCode\":\"0810\",\"Pad\":\"\(String(repeating: "x", count: $0 % 97))\"}" }
            .joined(separator: "\n") + "\n"
        let lines = folder.appendingPathComponent("lines.ndjson")
        try text.write(to: lines, atomically: true, encoding: .utf8)
        let array = folder.appendingPathComponent("array.json")
        try ("[" + text.replacingOccurrences(of: "\n", with: ",\n").dropLast(2) + "]\n").write(to: array, atomically: true, encoding: .utf8)
        for path in [lines.path, array.path] {
            let (whole, _) = FastPathTests.load(path, fast: true, pieceSize: 1 << 30, threads: 1)
            for size in [64, 100, 301, 1000, 4096] {
                let (cut, _) = FastPathTests.load(path, fast: true, pieceSize: size, threads: 2)
                #expect(cut.recordCount == 300, "\(path) at \(size)")
                #expect(cut.problems.isEmpty)
                #expect(Array(cut.jobs) == Array(whole.jobs), "\(path) at \(size)")
            }
        }
    }

}

/// A flag's words read on the bytes exactly as the full reader reads them as text.
@Suite("Fast path: flag words")
struct FlagWordTests {
    /// The full reader's rule itself, on the same text.
    static func reference(_ text: String) -> Bool? { FieldReader.bool(.string(text)) }

    @Test func everyWordAndItsNeighboursReadAsTheFullReaderReadsThem() {
        var inputs = [
            "true", "TRUE", "True", " yes ", "\tNo\r\n", "1", "0", "01", "10", "", " ", "tru", "truee", "false", "FALSE ", "nO",
            "yes!", "ye s", "Ｔrue", "true\u{301}", " \u{301}true", "true\u{0}", "ጤና", "نعم", "oui", "bẹẹni", "ee", "tru\\u0065",
            "\u{130}", "K", "\u{212A}", "ＹＥＳ", "\r\ntrue\r\n", "\n\n0\n", "\u{A0}true",
        ]
        // Every word, each letter in either case, with spaces around or not.
        for word in ["true", "false", "yes", "no"] {
            for mask in 0..<(1 << word.count) {
                let cased = String(
                    word.enumerated().map { index, letter in mask & (1 << index) != 0 ? Character(letter.uppercased()) : letter })
                inputs += [cased, " " + cased, cased + "\t"]
            }
        }
        for input in inputs {
            var text = input
            let fast = text.withUTF8 { FastScanner.flagWord($0) }
            #expect(fast == Self.reference(input), "\(input.debugDescription)")
        }
    }
}
