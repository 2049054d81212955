import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing

/// `summary` loads without names, user ids and Actions: its counts, problems and every
/// job's verdict must be what a full load gives, through both readers.
@Suite("A load that keeps no detail counts what a full load counts")
struct StoredDetailTests {
    static let inputs = [
        "Fixtures/demo", "Fixtures/varied", "Fixtures/samples", "Fixtures/bad", "Fixtures/shapes", "Fixtures/chase",
        "Fixtures/signed",
    ]

    static func load(_ path: String, detail: StoredDetail, fast: Bool) -> LoadedJobs {
        var options = JobLoader.Options()
        options.scan.fastPath = fast
        options.scan.detail = detail
        options.pieceSize = 4096
        options.threads = 2
        return JobLoader().load(paths: [Repository.path(path)], options: options).0
    }

    @Test(arguments: inputs, [true, false])
    func sameCountsProblemsAndVerdicts(path: String, fast: Bool) {
        let full = StoredDetailTests.load(path, detail: .all, fast: fast)
        let lean = StoredDetailTests.load(path, detail: .countsOnly, fast: fast)
        #expect(JobSummary(lean) == JobSummary(full), "\(path)")
        #expect(lean.problems == full.problems, "\(path)")
        #expect(lean.requestErrors.count == full.requestErrors.count, "\(path)")
        let fullJobs = full.jobs, leanJobs = lean.jobs
        #expect(leanJobs.count == fullJobs.count)
        for (a, b) in zip(fullJobs, leanJobs) {
            #expect(a.id == b.id && a.category == b.category && a.resultCode == b.resultCode, "\(path) \(a.id)")
            #expect(a.current?.origin == b.current?.origin, "\(path) \(a.id): another current record")
        }
    }

    @Test func whatIsNotKeptIsNotThere() {
        let full = StoredDetailTests.load("Fixtures/varied", detail: .all, fast: true)
        let lean = StoredDetailTests.load("Fixtures/varied", detail: .countsOnly, fast: true)
        let fullRecords = full.jobs.flatMap(\.records), leanRecords = lean.jobs.flatMap(\.records)
        // The fixture has all three, so the lean load's lack of them is the option at work.
        #expect(fullRecords.contains { $0.userID != nil } && fullRecords.contains { $0.fullName != nil })
        #expect(fullRecords.contains { !$0.actions.isEmpty })
        #expect(leanRecords.allSatisfy { $0.userID == nil && $0.fullName == nil && $0.actions.isEmpty })
        // What merging and counting read is kept.
        #expect(leanRecords.contains { $0.smileJobID != nil } && leanRecords.contains { $0.partnerJobID != nil })
    }

    @Test func onlyActionsLeftOutKeepsNamesAndUsers() {
        let lean = StoredDetailTests.load("Fixtures/varied", detail: [.fullNames, .userIDs], fast: true)
        let records = lean.jobs.flatMap(\.records)
        #expect(records.contains { $0.userID != nil } && records.contains { $0.fullName != nil })
        #expect(records.allSatisfy { $0.actions.isEmpty })
    }

    /// Actions passed over, pretty-printed across lines: the lines after them still count.
    @Test func passedOverActionsStillCountTheirLines() throws {
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
        var options = JobLoader.Options()
        options.scan.detail = .countsOnly
        let (lean, _, progress) = JobLoader().loadWithProgress(paths: [path], options: options)
        #expect(progress.fastRecords == 2)
        #expect(lean.problems.map(\.line) == [19])
        #expect(lean.recordCount == 2)
    }
}
