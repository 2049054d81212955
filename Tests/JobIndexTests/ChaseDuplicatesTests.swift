import Testing

@testable import JobIndex
@testable import SmileJobs

/// One partner job id on several Smile jobs is several submissions: every such group is
/// found, whole and in load order, however many jobs there are.
@Suite("Jobs to chase: partner job ids on several jobs")
struct ChaseDuplicatesTests {
    static func result(job: Int, partnerJobID: String) -> JobRecord {
        var record = JobRecord(
            origin: RecordOrigin(source: 0, line: Int32(job), offset: Int64(job * 100), length: 90), kind: .result)
        record.smileJobID = String(format: "%010d", job)
        record.partnerJobID = partnerJobID
        record.userID = "user-\(job)"
        record.jobTypeText = "1"
        record.resultCode = "1012"
        return record
    }

    /// 20,000 jobs (the index far past its first size); a seventh of the partner ids used by
    /// the next job too, some by a third job 500 later, in Amharic, Arabic and Yoruba as well
    /// as ASCII; an id written with a precomposed é and one with a combining accent are apart.
    @Test func everyGroupIsFoundWholeAndInLoadOrder() {
        let scripts = ["job-", "ሥራ-", "عمل-", "iṣẹ́-"]
        var partnerOf: [String] = []
        for job in 0..<20_000 {
            if job % 7 == 3 {
                partnerOf.append(partnerOf[job - 1])
            } else if job % 97 == 50 && job >= 1_000 {
                partnerOf.append(partnerOf[job - 500])
            } else {
                partnerOf.append(scripts[job % scripts.count] + String(job))
            }
        }
        partnerOf[1] = "Ad\u{E9}"
        partnerOf[2] = "Ade\u{301}"
        let builder = JobStoreBuilder()
        let batch = RecordBatch()
        for (job, partner) in partnerOf.enumerated() { batch.append(ChaseDuplicatesTests.result(job: job, partnerJobID: partner)) }
        builder.append(batch)
        let store = builder.snapshot()
        #expect(store.jobCount == 20_000)

        var expected: [String: [Int32]] = [:]
        var seenBytes: [[UInt8]: [Int32]] = [:]
        for (job, partner) in partnerOf.enumerated() { seenBytes[Array(partner.utf8), default: []].append(Int32(job)) }
        for (bytes, jobs) in seenBytes where jobs.count > 1 { expected[String(decoding: bytes, as: UTF8.self)] = jobs }
        #expect(expected.count > 2_000)
        #expect(expected.values.contains { $0.count == 3 })

        let chase = ChaseIndex(store: store)
        #expect(chase.duplicateGroups.count == expected.count)
        for (partner, jobs) in expected {
            let keys = chase.duplicateGroups[partner]?.map { store.jobKey(Int($0)) }
            #expect(keys == jobs.map { String(format: "%010d", $0) }, "partner job id \(partner)")
        }
        let flagged = (0..<store.jobCount).filter { chase.reasons($0).contains(.duplicate) }.count
        #expect(flagged == expected.values.reduce(0) { $0 + $1.count })
        #expect(!chase.reasons(1).contains(.duplicate) && !chase.reasons(2).contains(.duplicate))
    }
}
