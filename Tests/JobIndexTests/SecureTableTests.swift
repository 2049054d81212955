import Testing

@testable import JobIndex
@testable import SmileJobs

/// Smile Secure results are shared where they say the same thing, and never mixed up.
@Suite("Smile Secure results: kept once where shared")
struct SecureTableTests {
    static func secureRecord(job: Int, line: Int, code: String, suspects: [String]) -> JobRecord {
        var record = JobRecord(
            origin: RecordOrigin(source: 0, line: Int32(line), offset: Int64(line * 100), length: 90), kind: .smileSecure)
        record.smileJobID = String(format: "%010d", job)
        record.jobTypeText = "1"
        let text = suspects.isEmpty ? "No Suspect Users Found" : "Suspect Users Found"
        record.secure = SecureResult(
            code: code, text: text, suspects: suspects.map { SuspectUser(userID: $0, reasons: ["same-person"]) })
        return record
    }

    @Test func resultsWithoutSuspectsAreSharedAcrossBatchesAndEachJobKeepsItsOwn() {
        let builder = JobStoreBuilder()
        var expected: [String: SecureResult] = [:]
        for batchNumber in 0..<3 {
            let batch = RecordBatch()
            for offset in 0..<200 {
                let job = batchNumber * 200 + offset
                let code = ["5210", "5211", "5212", "5210"][job % 4]
                let suspects = code == "5211" ? ["user-\(job)", "user-\(job + 1)"] : []
                let record = SecureTableTests.secureRecord(job: job, line: job + 1, code: code, suspects: suspects)
                expected[record.smileJobID!] = record.secure
                batch.append(record)
            }
            builder.append(batch)
        }
        let store = builder.snapshot()
        #expect(store.jobCount == 600)
        for job in 0..<store.jobCount {
            let id = store.record(Int(store.jobs[job].first)).smileJobID!
            #expect(store.secure(job) == expected[id], "job \(id)")
            #expect(store.secureVerdict(job) == SecureVerdict(expected[id]!.verdict))
        }
        // Two results without suspects (5210 and 5212), and one per 5211 callback.
        #expect(store.secures.count == 2 + 150)
    }

    @Test func theDecoderPathSharesToo() {
        let builder = JobStoreBuilder()
        for job in 0..<50 { builder.append(SecureTableTests.secureRecord(job: job, line: job + 1, code: "5210", suspects: [])) }
        builder.append(SecureTableTests.secureRecord(job: 50, line: 51, code: "5211", suspects: ["user-1"]))
        let store = builder.snapshot()
        #expect(store.secures.count == 2)
        #expect(store.secure(50)?.suspects.map(\.userID) == ["user-1"])
        #expect(store.secureVerdict(0) == .clear)
        #expect(store.secureVerdict(50) == .suspects)
    }
}
