import Foundation
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

@Suite("Loader: input shapes")
struct InputShapeTests {
    let callback =
        #"{"SmileJobID":"0000000001","ResultCode":"0810","ResultText":"Document Verified","PartnerParams":{"job_id":"j1","user_id":"u1","job_type":6},"timestamp":"2026-11-24T09:00:00Z"}"#
    let other =
        #"{"SmileJobID":"0000000002","ResultCode":"0811","PartnerParams":{"job_id":"j2","user_id":"u2","job_type":"1"},"timestamp":1795338000000}"#

    @Test func aSingleObject() throws {
        let loaded = try load(callback, named: "one.json")
        #expect(loaded.jobs.map(\.id) == ["0000000001"])
        #expect(loaded.jobs.first?.category == .approved)
    }

    @Test func aJSONArray() throws {
        let loaded = try load("[\n\(callback),\n\(other)\n]", named: "list.json")
        #expect(loaded.jobs.map(\.id) == ["0000000001", "0000000002"])
        #expect(loaded.jobs.map { $0.current?.origin.line } == [2, 3])
    }

    @Test func ndjsonAndJSONLines() throws {
        let loaded = try loadFiles(["a.ndjson": callback + "\n", "b.jsonl": other + "\n"])
        #expect(Set(loaded.jobs.map(\.id)) == ["0000000001", "0000000002"])
        #expect(loaded.sources.map(\.path) == ["a.ndjson", "b.jsonl"])
    }

    @Test func aFolderRecursivelyByExtension() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("deeper"), withIntermediateDirectories: true)
        try callback.write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try other.write(to: folder.appendingPathComponent("deeper/b.ndjson"), atomically: true, encoding: .utf8)
        try "not read".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let walked = JobLoader().load(paths: [folder.path]).0
        #expect(walked.sources.map { ($0.path as NSString).lastPathComponent } == ["a.json", "b.ndjson"])
        #expect(walked.jobs.count == 2)
        #expect(walked.problems.isEmpty)
    }

    @Test func gzipFiles() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("day.ndjson")
        try (callback + "\n" + other + "\n").write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let loaded = JobLoader().load(paths: [folder.path]).0
        #expect(loaded.sources.map { ($0.path as NSString).lastPathComponent } == ["day.ndjson.gz"])
        #expect(loaded.jobs.count == 2)
        #expect(loaded.problems.isEmpty)
    }

    @Test func standardInput() throws {
        let text = callback + "\n" + other
        let (loaded, store) = JobLoader().load(paths: ["-"], standardInput: { Data(text.utf8) })
        #expect(loaded.jobs.count == 2)
        #expect(loaded.sources.first?.displayName == "<stdin>")
        let second = try #require(loaded.jobs.last?.current)
        #expect(store.document(for: second)?.value("PartnerParams.job_id") == "j2")
    }

    @Test func typesDriftButReadTheSame() throws {
        let drifted =
            #"{"SmileJobID":1,"ResultCode":810,"PartnerParams":{"job_id":7,"user_id":"u","job_type":"6"},"timestamp":"1795338000000","IsFinalResult":"true"}"#
        let job = try #require(try load(drifted).jobs.first)
        #expect(job.id == "1")
        #expect(job.resultCode == "0810")
        #expect(job.partnerJobID == "7")
        #expect(job.jobType == 6)
        #expect(job.category == .approved)
        #expect(job.timestamp?.millisecondsSince1970 == 1_795_338_000_000)
    }

    @Test func unknownActionsAndKeysAreKept() throws {
        let text =
            #"{"SmileJobID":"9","ResultCode":"0810","PartnerParams":{"job_type":1,"shop":"x"},"Actions":{"Brand_New_Check":"Mostly Fine"},"NewTopLevel":{"a":1}}"#
        let (loaded, store) = JobLoader().load(paths: ["-"], standardInput: { Data(text.utf8) })
        let job = try #require(loaded.jobs.first)
        #expect(job.actions == [ActionResult(name: "Brand_New_Check", value: "Mostly Fine")])
        #expect(job.actions.first?.outcome == .other)
        let current = try #require(job.current)
        let document = try #require(store.document(for: current))
        #expect(document.value("NewTopLevel.a") == "1")
        #expect(document.value("PartnerParams.shop") == "x")
    }
}

@Suite("Loader: merging")
struct MergingTests {
    @Test func recordsMergeBySmileJobIDAndLatestIsCurrent() throws {
        let text = """
            {"SmileJobID":"7","ResultCode":"0814","PartnerParams":{"job_id":"p7","user_id":"u7","job_type":1},"timestamp":"2026-11-24T09:00:00Z"}
            {"SmileJobID":"7","ResultCode":"1210","PartnerParams":{"job_id":"p7","user_id":"u7","job_type":1},"timestamp":"2026-11-24T11:00:00Z"}
            """
        let job = try #require(try load(text).jobs.first)
        #expect(job.resultCode == "1210")
        #expect(job.category == .approved)
        #expect(job.earlier.map(\.resultCode) == ["0814"])
    }

    @Test func orderIsByTimeNotByReadingOrder() throws {
        let text = """
            {"SmileJobID":"7","ResultCode":"1210","PartnerParams":{"job_type":1},"timestamp":"2026-11-24T11:00:00Z"}
            {"SmileJobID":"7","ResultCode":"0814","PartnerParams":{"job_type":1},"timestamp":"2026-11-24T09:00:00Z"}
            """
        let job = try #require(try load(text).jobs.first)
        #expect(job.resultCode == "1210")
        #expect(job.earlier.map(\.resultCode) == ["0814"])
    }

    @Test func aRecordWithOnlyTheJobIDJoinsItsJob() throws {
        let text = """
            {"SmileJobID":"8","ResultCode":"0810","PartnerParams":{"job_id":"p8","user_id":"u8","job_type":6},"timestamp":"2026-11-24T09:00:00Z"}
            {"ResultCode":"5210","ResultText":"No Suspect Users Found","Antifraud":{"SuspectUsers":[]},"PartnerParams":{"job_id":"p8","user_id":"u8","job_type":6},"timestamp":"2026-11-24T09:01:00Z"}
            """
        let loaded = try load(text)
        #expect(loaded.jobs.count == 1)
        #expect(loaded.jobs.first?.secureVerdict == .clear)
        #expect(loaded.jobs.first?.resultCode == "0810")
    }

    @Test func withoutASmileJobIDThePartnersJobIDIsTheKey() throws {
        let text = """
            {"ResultCode":"0811","PartnerParams":{"job_id":"only-partner","job_type":6},"timestamp":"2026-11-24T09:00:00Z"}
            {"ResultCode":"0810","PartnerParams":{"job_id":"only-partner","job_type":6},"timestamp":"2026-11-24T10:00:00Z"}
            """
        let loaded = try load(text)
        #expect(loaded.jobs.map(\.id) == ["job_id:only-partner"])
        #expect(loaded.jobs.first?.resultCode == "0810")
    }

    @Test func historySortsBeforeItsResult() throws {
        let text =
            #"{"job_complete":true,"job_success":true,"code":"2302","timestamp":"2026-11-24T12:00:00Z","result":{"SmileJobID":"5","ResultCode":"1210","PartnerParams":{"job_type":1}},"history":[{"SmileJobID":"5","ResultCode":"0814","PartnerParams":{"job_type":1}},{"SmileJobID":"5","ResultCode":"1210","PartnerParams":{"job_type":1}}]}"#
        let job = try #require(try load(text).jobs.first)
        #expect(job.resultCode == "1210")
        #expect(job.current?.origin.part == .result)
        #expect(job.earlier.map(\.resultCode) == ["0814"])
        #expect(job.duplicates.count == 1)
    }

    @Test func theNewerSmileSecureShape() throws {
        let text =
            #"{"SmileJobID":"6","ResultCode":"0810","PartnerParams":{"job_type":1,"user_id":"u6"},"Antifraud":{"summary":{"fraud_sources":["smile_secure"],"fraud_detected":true},"smile_secure":{"ResultCode":"5211","ResultText":"Suspect Users Found","SuspectUsers":[{"user_id":"u9","reasons":["same-person","same-device"]}]}}}"#
        let job = try #require(try load(text).jobs.first)
        #expect(job.resultCode == "0810")
        #expect(job.category == .approved)
        #expect(job.secureVerdict == .suspects)
        #expect(job.suspects == [SuspectUser(userID: "u9", reasons: ["same-person", "same-device"])])
        #expect(job.secure?.fraudSources == ["smile_secure"])
    }

    @Test(arguments: [("5210", SecureVerdict.clear), ("5211", .suspects), ("5212", .error)])
    func smileSecureVerdicts(code: String, verdict: SecureVerdict) throws {
        let text = #"{"SmileJobID":"1","ResultCode":"\#(code)","Antifraud":{"SuspectUsers":[]},"PartnerParams":{"job_type":1}}"#
        #expect(try load(text).jobs.first?.secureVerdict == verdict)
    }

    @Test func aLaterSmileSecureCallbackDecides() throws {
        let text = """
            {"SmileJobID":"1","ResultCode":"5212","Antifraud":{"SuspectUsers":[]},"timestamp":"2026-11-24T09:00:00Z"}
            {"SmileJobID":"1","ResultCode":"5211","Antifraud":{"SuspectUsers":[{"user_id":"x","reason":"same-person"}]},"timestamp":"2026-11-24T10:00:00Z"}
            """
        let job = try #require(try load(text).jobs.first)
        #expect(job.secureVerdict == .suspects)
        #expect(job.earlierSecure.count == 1)
    }
}

@Suite("Loader: problems")
struct ProblemTests {
    let good = #"{"SmileJobID":"1","ResultCode":"0810","PartnerParams":{"job_type":6}}"#

    @Test func aBadLineIsAProblemWithFileAndLineAndTheRestLoads() throws {
        let loaded = try load(
            "\(good)\n{\"SmileJobID\": oops}\n\(good.replacingOccurrences(of: "\"1\"", with: "\"2\""))\n", named: "day.ndjson")
        #expect(loaded.jobs.count == 2)
        let problem = try #require(loaded.problems.first)
        #expect(loaded.problems.count == 1)
        #expect(problem.kind == .syntax)
        #expect(problem.source == "day.ndjson")
        #expect(problem.line == 2)
        #expect(problem.column == 16)
        #expect(problem.location == "day.ndjson:2:16")
        #expect(problem.message == "not valid JSON: expected a JSON value, found 'o'")
    }

    @Test func aTruncatedLastLine() throws {
        let loaded = try load("\(good)\n{\"SmileJobID\":\"2\",\"Result", named: "cut.ndjson")
        #expect(loaded.jobs.count == 1)
        #expect(loaded.problems.map(\.kind) == [.truncated])
        #expect(loaded.problems.first?.line == 2)
        #expect(loaded.problems.first?.message.contains("truncated") == true)
    }

    @Test func anEmptyFile() throws {
        let loaded = try load("", named: "empty.json")
        #expect(loaded.problems.map(\.kind) == [.empty])
        #expect(loaded.problems.first?.message == "the file is empty")
    }

    @Test func aBinaryFile() throws {
        let loaded = try load("\u{7F}ELF\u{2}\u{1}\u{1}\u{0}\u{0}\u{0}", named: "a.out.json")
        #expect(loaded.problems.map(\.kind) == [.binary])
    }

    @Test func textThatIsNotJSON() throws {
        let loaded = try load("Dear team,\nplease find the jobs attached.\n", named: "email.json")
        #expect(loaded.problems.map(\.kind) == [.syntax])
        #expect(loaded.problems.first?.message.hasPrefix("not JSON:") == true)
        #expect(loaded.problems.first?.line == 1)
    }

    @Test func deepNestingIsAProblemNotACrash() throws {
        let deep = "{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let loaded = try load(deep + "\n" + good + "\n", named: "deep.ndjson")
        #expect(loaded.problems.map(\.kind) == [.tooDeep])
        #expect(loaded.problems.first?.line == 1)
        #expect(loaded.jobs.count == 1)
    }

    @Test func jsonThatIsNotARecord() throws {
        let loaded = try load("{\"hello\": \"world\"}\n[1,2,3]\n42\n", named: "other.ndjson")
        #expect(loaded.problems.map(\.kind) == [.notARecord, .notARecord, .notARecord])
        #expect(loaded.problems.map(\.line) == [1, 2, 3])
        #expect(loaded.problems.first?.message.contains("\"hello\"") == true)
    }

    @Test func aFieldOfTheWrongTypeIsSetAsideAndTheRecordStillLoads() throws {
        let text = #"{"SmileJobID":"1","ResultCode":{"nested":true},"ResultText":"Odd","PartnerParams":{"job_type":6}}"#
        let (loaded, store) = JobLoader().load(paths: ["-"], standardInput: { Data(text.utf8) })
        #expect(loaded.problems.isEmpty)
        let job = try #require(loaded.jobs.first)
        #expect(job.resultCode == nil)
        #expect(job.resultText == "Odd")
        let current = try #require(job.current)
        #expect(store.document(for: current)?.notes.contains("ResultCode is an object, expected text: ignored") == true)
    }

    @Test func anUnreadablePath() {
        let loaded = JobLoader().load(paths: ["/no/such/place.json"]).0
        #expect(
            loaded.problems == [Problem(source: "/no/such/place.json", kind: .unreadable, message: "cannot open: no such file or folder")])
        #expect(loaded.hasUnreadablePath)
    }

    @Test func anUnreadableFileInAFolder() throws {
        guard getuid() != 0 else { return }  // root reads everything
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret.json")
        try good.write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0)
        let loaded = JobLoader().load(paths: [folder.path]).0
        #expect(loaded.problems.map(\.kind) == [.unreadable])
    }

    @Test func linksThatLoopAreReportedNotFollowedForever() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try good.write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("self.json").path, withDestinationPath: "self.json")
        let loaded = JobLoader().load(paths: [folder.path]).0
        #expect(loaded.jobs.count == 1)
        #expect(loaded.problems.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.symlinkLoop, .symlinkLoop])
    }

    @Test func aDamagedGzipKeepsWhatCameBefore() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("day.ndjson")
        let lines = (1...2000).map { good.replacingOccurrences(of: "\"1\"", with: "\"\($0)\"") }.joined(separator: "\n")
        try lines.write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let gz = folder.appendingPathComponent("day.ndjson.gz")
        let data = try Data(contentsOf: gz)
        try data.prefix(data.count / 2).write(to: gz)
        let loaded = JobLoader().load(paths: [gz.path]).0
        #expect(loaded.jobs.count > 100)
        #expect(loaded.problems.contains { $0.kind == .truncated && $0.message.contains("gzip") })
    }
}
