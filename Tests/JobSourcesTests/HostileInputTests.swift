import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// What whoever reaches a callback URL can send: it loads, or is a clear problem; never a crash.
@Suite("Hostile input")
struct HostileInputTests {
    static let loaded = JobLoader().load(paths: [Repository.path("Fixtures/bad")])

    func job(_ prefix: String) -> Job? {
        HostileInputTests.loaded.0.jobs.first { $0.id.hasPrefix(prefix) }
    }

    @Test func attacksInEveryFieldLoadAsData() throws {
        let attacked = HostileInputTests.loaded.0.jobs.filter { $0.id.hasPrefix("0006000") }
        #expect(attacked.count == 8 + 5 + 1)
        let first = try #require(job("0006000000"))
        #expect(first.id == "0006000000\u{1B}]0;pwned-title\u{07}")
        #expect(first.userID == "user\u{1B}]0;pwned-title\u{07}")
        #expect(first.suspects.count == 8)
        #expect(first.secureVerdict == .suspects)
        let raw = try #require(job("0006000100"))
        #expect(raw.resultText == "raw \u{1B}]0;pwned-title\u{07}")
    }

    @Test func invalidUTF8IsRepairedAndNULKept() throws {
        let holder = try #require(job("0006000200"))
        #expect(holder.fullName == "Ad\u{FFFD}\u{FFFD}\u{FFFD}ba\u{0}yo")
        #expect(SafeText.clean(holder.fullName!) == "Ad\u{FFFD}\u{FFFD}\u{FFFD}ba\\x00yo")
    }

    @Test func typesAndDuplicatesReadAsTheRulesSay() throws {
        #expect(job("6000300")?.resultCode == "0811")
        #expect(job("6000300")?.resultText == "12345")
        #expect(job("6000300")?.userID == "42")
        #expect(job("6000301")?.resultCode == "0810")  // the last of two
        #expect(job("6000301")?.jobType == 1)
        #expect(job("6000302")?.resultCode == nil)
        #expect(job("6000302")?.category == .unknown)
    }

    @Test func aTenThousandDeepDocumentIsAClearProblem() throws {
        let problem = try #require(HostileInputTests.loaded.0.problems.first { $0.source.hasSuffix("deep-nesting.json") })
        #expect(problem.kind == .tooDeep)
        #expect(problem.message.hasPrefix("nested deeper than 128 levels"))
    }

    @Test func aTenMegabyteValueLoadsAndIsShownBySize() throws {
        let huge = try #require(job("6000400"))
        let current = try #require(huge.current)
        let document = try #require(HostileInputTests.loaded.1.document(for: current))
        let comment = try #require(document.fields.first { $0.path == "Comment" })
        #expect(comment.isBulk)
        #expect(comment.value == "<base64 data, 7.5 MB decoded>")
        #expect(document.rawJSON.utf8.count < 2000)
    }

    @Test func aBase64PhotoIsShownAsItsSize() throws {
        let photo = try #require(job("6000401"))
        let current = try #require(photo.current)
        let document = try #require(HostileInputTests.loaded.1.document(for: current))
        #expect(document.value("Photo") == "<base64 data, 1.1 MB decoded>")
        #expect(!document.rawJSON.contains("AAAAAAAAAAAAAAAA"))
    }

    @Test func unreadableFilesAndLinkLoopsAreProblems() throws {
        let folder = try Repository.temporaryFolder()
        defer {
            chmod(folder.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let good = #"{"SmileJobID":"1","ResultCode":"0810","PartnerParams":{"job_type":6}}"#
        try good.write(to: folder.appendingPathComponent("ok.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("locked"), withIntermediateDirectories: true)
        try good.write(to: folder.appendingPathComponent("locked/hidden.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: ".")
        chmod(folder.appendingPathComponent("locked").path, 0)
        let (loaded, _) = JobLoader().load(paths: [folder.path])
        #expect(loaded.store.jobCount >= 1)
        #expect(loaded.problems.contains { $0.kind == .symlinkLoop })
        if getuid() != 0 { #expect(loaded.problems.contains { $0.kind == .unreadable }) }
    }
}
