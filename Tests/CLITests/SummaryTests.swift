import Foundation
import JobIndex
import TestSupport
import Testing
import TolerantJSON

@testable import JobSources
@testable import SmileJobs
@testable import TriageCommands

/// `summary` against counts that scripts/make-fixtures.py worked out on its own.
@Suite("summary")
struct SummaryTests {
    func expected(_ name: String) throws -> JSONObject {
        try #require(try JSONReader.readDocument(try Repository.read("Tests/Expected/\(name)")).value.objectValue)
    }

    /// The folders scripts/make-fixtures.py writes and counts ("Fixtures" stands for them all;
    /// Fixtures/shapes and Fixtures/chase are written by hand and have tests of their own).
    static func paths(_ path: String) -> [String] {
        path == "Fixtures" ? ["Fixtures/demo", "Fixtures/catalogue", "Fixtures/bad", "Fixtures/signed", "Fixtures/samples"] : [path]
    }

    func actual(_ path: String) throws -> JSONObject {
        let loaded = JobLoader().load(paths: SummaryTests.paths(path).map(Repository.path)).0
        return try #require(try JSONReader.readDocument(SummaryReport.json(JobSummary(loaded))).value.objectValue)
    }

    func sameCounts(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        guard let left = lhs?.objectValue, let right = rhs?.objectValue else { return lhs == rhs }
        return Dictionary(uniqueKeysWithValues: left.members.map { ($0.key, $0.value) })
            == Dictionary(uniqueKeysWithValues: right.members.map { ($0.key, $0.value) })
    }

    @Test(arguments: [("Fixtures", "summary-fixtures.json"), ("Fixtures/demo", "summary-demo.json"), ("Fixtures/bad", "summary-bad.json")])
    func countsMatchAnIndependentCount(path: String, expectedFile: String) throws {
        let want = try expected(expectedFile)
        let got = try actual(path)
        for key in ["jobs", "records", "categories", "products", "codes", "smileSecure"] {
            #expect(sameCounts(got[key], want[key]), "\(key): \(String(describing: got[key])) vs \(String(describing: want[key]))")
        }
        let kinds = Dictionary(grouping: got["problems"]?.arrayValue ?? [], by: { $0.objectValue?["kind"]?.scalarText ?? "?" })
            .mapValues { JSONValue.number(String($0.count)) }
        let wantKinds =
            want["problemKinds"]?.objectValue.map { Dictionary(uniqueKeysWithValues: $0.members.map { ($0.key, $0.value) }) } ?? [:]
        #expect(kinds == wantKinds)
        #expect(got["requestErrors"]?.arrayValue?.count == Int(want["requestErrors"]?.scalarText ?? ""))
        // Codes counted on their products.
        var pairs: [String: JSONValue] = [:]
        for entry in got["productCodes"]?.arrayValue ?? [] {
            let object = entry.objectValue
            pairs[(object?["product"]?.scalarText ?? "") + "\t" + (object?["code"]?.scalarText ?? "")] = object?["n"]
        }
        let wantPairs = Dictionary(uniqueKeysWithValues: (want["productCodes"]?.objectValue?.members ?? []).map { ($0.key, $0.value) })
        #expect(pairs == wantPairs)
    }

    /// `jobs --format json` on every fixture: categories per product as the script counted them.
    @Test(arguments: [("Fixtures", "summary-fixtures.json"), ("Fixtures/demo", "summary-demo.json")])
    func jobsAgreesWithAnIndependentCountOfCategoriesPerProduct(path: String, expectedFile: String) throws {
        let result = try Binary.run(
            ["jobs"] + SummaryTests.paths(path) + ["--format", "json"], environment: ["XDG_STATE_HOME": "/nonexistent-smile-triage"])
        let jobs = try #require(try JSONReader.readDocument(result.standardOutput).value.arrayValue)
        var got: [String: [String: Int]] = [:]
        for job in jobs {
            let object = job.objectValue
            got[object?["product"]?.scalarText ?? "", default: [:]][object?["category"]?.scalarText ?? "", default: 0] += 1
        }
        let want = try expected(expectedFile)["categoriesByProduct"]?.objectValue?.members ?? []
        var wanted: [String: [String: Int]] = [:]
        for member in want {
            for category in member.value.objectValue?.members ?? [] {
                wanted[member.key, default: [:]][category.key] = Int(category.value.scalarText ?? "")
            }
        }
        #expect(got == wanted)
    }

    @Test func textSummaryReadsWell() {
        let loaded = JobLoader().load(paths: [Repository.path("Fixtures/demo")]).0
        let text = SummaryReport.text(JobSummary(loaded), title: "Fixtures/demo")
        #expect(text.hasPrefix("Fixtures/demo: 61 jobs from 107 records in 7 sources\n"))
        #expect(text.contains("\nApproved                             31  ##############################\n"))
        #expect(text.contains("SMILE SECURE  30 clear · 6 suspects · 2 error · 23 without a Smile Secure result"))
    }
}

/// The real binary: exit statuses and what reaches standard output and standard error.
@Suite("smile-triage binary")
struct BinaryTests {
    @Test func allReadExitsZero() throws {
        let result = try Binary.run(["summary", "Fixtures/demo"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
    }

    @Test func skippedRecordsExit65AndEachProblemIsOneLineOnStandardError() throws {
        let result = try Binary.run(["summary", "Fixtures/bad", "--format", "json"])
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
        #expect(lines.contains("smile-triage: Fixtures/bad/mixed-lines.ndjson:2:44: not valid JSON: expected a JSON value, found 'o'"))
        #expect(try JSONReader.readDocument(result.standardOutput).value.objectValue?["jobs"] == .number("46"))
    }

    @Test func anUnreadablePathExits66() throws {
        let result = try Binary.run(["summary", "Fixtures/demo", "no-such-folder"])
        #expect(result.status == 66)
        #expect(result.standardError == "smile-triage: no-such-folder: cannot open: no such file or folder\n")
    }

    @Test func badUsageExits64() throws {
        #expect(try Binary.run(["explain"]).status == 64)
        #expect(try Binary.run(["explain", "0810", "--product", "nonsense"]).status == 64)
        #expect(try Binary.run(["summary", "--format", "yaml", "Fixtures/demo"]).status == 64)
    }

    @Test func explainExitsOneForACodeNoTableLists() throws {
        let result = try Binary.run(["explain", "9999"])
        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("No Smile ID result-code table lists 9999."))
        #expect(try Binary.run(["explain", "0813", "--product", "biometric-kyc"]).status == 0)
    }

    @Test func dataPipedInIsRead() throws {
        let text = try Repository.read("Fixtures/demo/callbacks-2026-11-24.ndjson")
        let result = try Binary.run(["summary", "--format", "json"], input: text)
        #expect(result.status == 0)
        #expect(try JSONReader.readDocument(result.standardOutput).value.objectValue?["jobs"] == .number("56"))
    }
}
