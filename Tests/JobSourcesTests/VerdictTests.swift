import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// Verdicts an operator can act on, from files: the current result of a published history,
/// the review queue over planted rings, keys that do not depend on where a record was loaded.
@Suite("Verdicts from files")
struct VerdictTests {
    static let historySample = "Fixtures/samples/14-core-python-test-jobstatus-history-final-first.json"

    @Test func thePublishedHistoryListingTheFinalResultFirstReadsApproved() throws {
        let loaded = JobLoader().load(paths: [Repository.path(VerdictTests.historySample)]).0
        let job = try #require(loaded.jobs.first { $0.id == "0000000857" })
        #expect(job.current?.resultCode == "1210")
        #expect(job.category == .approved)
        #expect(job.earlier.map(\.resultCode) == ["1012", "0814"])
        let index = try #require((0..<loaded.store.jobCount).first { loaded.store.jobKey($0) == "0000000857" })
        #expect(loaded.store.category(index) == .approved)
        #expect(loaded.store.displayCode(index) == "1210")
    }

    /// The same response with its history in every order, with and without times.
    @Test(arguments: [false, true])
    func everyOrderOfThatHistoryGivesTheFinalVerdict(withTimes: Bool) throws {
        let text = try Repository.read(VerdictTests.historySample)
        let value = try JSONReaderShim.object(text)
        let history = try #require(value["history"] as? [[String: Any]])
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (number, order) in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].enumerated() {
            var response = value
            response["history"] = order.map { index -> [String: Any] in
                var item = history[index]
                // Times that would mislead if time came first: the step is the newest.
                if withTimes { item["timestamp"] = ["2026-11-24T10:00:00Z", "2026-11-24T09:00:00Z", "2026-11-24T11:00:00Z"][index] }
                return item
            }
            let path = folder.appendingPathComponent("order-\(number).json").path
            try JSONSerialization.data(withJSONObject: response).write(to: URL(fileURLWithPath: path))
            let loaded = JobLoader().load(paths: [path]).0
            let job = try #require(loaded.jobs.first { $0.id == "0000000857" })
            #expect(job.current?.resultCode == "1210", "history order \(order)")
            #expect(job.category == .approved)
            #expect(job.earlier.map(\.resultCode) == ["1012", "0814"])
        }
    }

    @Test func idLessRecordsKeepTheirKeysInAnyOrderOfFiles() throws {
        let first = Repository.path("Fixtures/samples/11-core-java-test-jobstatus-string-result-2314.json")
        let second = Repository.path("Fixtures/samples/13-core-java-test-jobstatus-incomplete.json")
        func keys(_ paths: [String]) -> [String: String] {
            let store = JobLoader().load(paths: paths).0.store
            return Dictionary(uniqueKeysWithValues: (0..<store.jobCount).map { (store.resultText($0) ?? "", store.jobKey($0)) })
        }
        let forward = keys([first, second])
        let backward = keys([second, first])
        #expect(forward.count == 2)
        #expect(forward == backward)
        #expect(forward.values.allSatisfy { $0.hasPrefix("content:") })
        // Alone, too.
        #expect(keys([second]) == forward.filter { $0.key == "Job not complete" })
        #expect(keys([first]) == forward.filter { $0.key == "No zip file received" })
    }

    @Test func theFastScannerLeavesIdLessRecordsToTheDecoderThatKeysThem() throws {
        let loaded = try load(
            """
            {"ResultCode":"0810","ResultText":"Document Verified","PartnerParams":{"user_id":"u1","job_type":6}}
            {"ResultCode":"0810","ResultText":"Document Verified","PartnerParams":{"user_id":"u1","job_type":6}}
            {"ResultCode":"0811","ResultText":"Unable to Verify Document","PartnerParams":{"user_id":"u2","job_type":6}}

            """)
        // The same record twice is one job (same content), delivered twice.
        #expect(loaded.store.jobCount == 2)
        #expect((0..<2).allSatisfy { loaded.store.jobKey($0).hasPrefix("content:") })
        #expect(loaded.jobs[0].duplicates.count == 1)
    }

    /// A generated day with planted rings, split in two files, loaded both ways round.
    @Test func ringsAndTheReviewQueueHoldWhateverTheOrderOfFiles() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.ndjson").path
        var options = SyntheticJobs.Options(records: 20_000)
        options.rings = 12
        options.ringSizes = 2...9
        options.seed = 31
        let generator = try SyntheticJobs.write(options, to: whole)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n")
        let a = folder.appendingPathComponent("a.ndjson").path, b = folder.appendingPathComponent("b.ndjson").path
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: a, atomically: true, encoding: .utf8)
        try (lines.dropFirst(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: b, atomically: true, encoding: .utf8)

        func ringIDs(_ paths: [String]) -> [String: String] {
            let store = JobLoader().load(paths: paths).0.store
            let rings = RingIndex(store: store)
            var byUser: [String: String] = [:]
            for ring in rings.rings { for user in ring.users { byUser[user] = ring.id } }
            return byUser
        }
        let forward = ringIDs([a, b])
        #expect(forward == ringIDs([b, a]))
        #expect(forward == ringIDs([whole]))
        #expect(Set(forward.values).count == generator.plantedRings.count)

        let store = JobLoader().load(paths: [b, a]).0.store
        let rings = RingIndex(store: store)
        let queue = ReviewQueue(store: store, rings: rings)
        let members = Set(generator.plantedRings.joined())
        let named = Set(rings.usersNamedAsSuspects)
        var checked = (suspects: 0, named: 0, members: 0)
        for job in 0..<store.jobCount {
            let user = store.userID(job) ?? ""
            if store.secureVerdict(job) == .suspects {
                #expect(queue.reasons(job).contains(.suspects))
                checked.suspects += 1
            }
            if named.contains(user) {
                #expect(queue.reasons(job).contains(.namedAsSuspect))
                checked.named += 1
            }
            if members.contains(user) {
                #expect(queue.needsReview(job) && queue.reasons(job).contains(.ring))
                checked.members += 1
            }
        }
        #expect(checked.suspects > 0 && checked.named > 0 && checked.members >= members.count)
    }
}

/// Foundation's reader, for tests that rewrite a fixture (never used by the product).
enum JSONReaderShim {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
