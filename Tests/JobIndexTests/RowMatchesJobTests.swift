import Foundation
import JobSources
import SmileJobs
import TestSupport
import Testing

@testable import JobIndex

/// A job has two forms: the row the list, sort, filter, search and export read from the
/// store's columns, and the `Job` value the detail shows. Both follow `FieldRule`, written
/// once; these tests hold every listed field of row(i) equal to the same field of job(i).
@Suite("A row shows what its job says")
struct RowMatchesJobTests {
    /// The row the job value gives, field by field.
    static func expectedRow(_ job: Job, store: JobStore) -> JobRow {
        JobRow(
            key: job.id, smileJobID: job.smileJobID, partnerJobID: job.partnerJobID, userID: job.userID,
            fullName: job.fullName, jobTypeText: job.jobTypeText, product: job.productName(catalogue: store.catalogue),
            code: job.resultCode, resultText: job.resultText, category: job.category, secure: job.secureVerdict,
            country: job.country, idType: job.idType, time: job.timestamp, signature: job.primary?.signature ?? .unsigned,
            actions: job.actions)
    }

    /// Every job's row against its value; the first few differences, named.
    static func differences(_ store: JobStore) -> [String] {
        var found: [String] = []
        for index in 0..<store.jobCount {
            let row = store.row(index)
            let expected = expectedRow(store.job(index), store: store)
            guard row != expected else { continue }
            let fields = Mirror(reflecting: row).children.map(\.label!).filter { label in
                String(describing: Mirror(reflecting: row).descendant(label)!)
                    != String(describing: Mirror(reflecting: expected).descendant(label)!)
            }
            found.append(
                "job \(row.key): "
                    + fields.map { field in
                        "\(field) row=\(Mirror(reflecting: row).descendant(field)!) job=\(Mirror(reflecting: expected).descendant(field)!)"
                    }.joined(separator: "; "))
            if found.count == 5 { break }
        }
        return found
    }

    @Test(arguments: [
        "Fixtures/demo", "Fixtures/bad", "Fixtures/samples", "Fixtures/signed", "Fixtures/catalogue", "Fixtures/shapes", "Fixtures/chase",
    ])
    func onEveryFixture(folder: String) {
        let (loaded, _) = JobLoader().load(paths: [Repository.path(folder)])
        #expect(loaded.store.jobCount > 0)
        #expect(RowMatchesJobTests.differences(loaded.store) == [])
    }

    @Test func onTheSyntheticDay() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("day.ndjson").path
        _ = try SyntheticJobs.write(SyntheticJobs.Options(records: 20_000), to: path)
        let (loaded, _) = JobLoader().load(paths: [path])
        #expect(RowMatchesJobTests.differences(loaded.store) == [])
    }

    /// 100,000 records made to disagree: jobs spread over sources and read out of order,
    /// fields missing from some records and different in others, partner ids met before
    /// Smile ids, Smile Secure beside main results, job-status history, copies delivered twice.
    @Test(arguments: [UInt64(1), 2, 3])
    func onGeneratedRecordsThatDisagree(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let records = GeneratedRecords.make(count: seed == 1 ? 100_000 : 20_000, random: &random)
        let builder = JobStoreBuilder()
        for record in records { builder.append(record) }
        let store = builder.snapshot()
        #expect(store.recordCount == records.count)
        #expect(RowMatchesJobTests.differences(store) == [])
    }
}

/// Records for the property test: few values per field, so records of one job disagree often.
enum GeneratedRecords {
    static func make(count: Int, random: inout SplitMix64) -> [JobRecord] {
        let codes = ["0810", "0811", "0812", "0814", "1012", "1020", "1210", "1211", "1220", "5210", "5211", "5212", "2314", "9999"]
        let jobTypes: [String?] = [nil, nil, "1", "2", "5", "6", "11", "abc"]
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func maybe<T>(_ value: @autoclosure () -> T, _ chance: Double = 0.5) -> T? { random.unit() < chance ? value() : nil }
        var records: [JobRecord] = []
        records.reserveCapacity(count)
        var offsets = [Int64](repeating: 0, count: 4)
        while records.count < count {
            let job = random.next() % UInt64(max(1, count / 3))
            let smile = String(job)
            let source = Int32(random.next() % 4)
            offsets[Int(source)] += 500
            let parts: [RecordOrigin.Part] = random.unit() < 0.15 ? [.result, .history(0), .history(1)] : [.whole]
            for part in parts {
                let isSecure = random.unit() < 0.15
                var record = JobRecord(
                    origin: RecordOrigin(
                        source: source, line: Int32(offsets[Int(source)] / 500), offset: offsets[Int(source)],
                        length: 400, part: part),
                    kind: isSecure ? .smileSecure : (random.unit() < 0.1 ? .status : (random.unit() < 0.1 ? .stated : .result)))
                // Most records carry the Smile id; some only the partner's, some neither.
                let ids = random.unit()
                if ids < 0.85 { record.smileJobID = smile }
                if ids > 0.6 { record.partnerJobID = "p-" + String(job % 5000) }
                if ids > 0.995 {
                    record.smileJobID = nil
                    record.partnerJobID = nil
                    record.contentKey = "content:" + String(random.next() % 50)
                }
                record.userID = maybe("user-" + String(random.next() % 3))
                record.fullName = maybe(pick(["Adébáyọ̀", "ሰላም", "مرحبا", ""]), 0.3)
                record.jobTypeText = pick(jobTypes)
                record.country = maybe(pick(["NG", "KE", "GH"]), 0.4)
                record.idType = maybe(pick(["PASSPORT", "NIN", "BVN"]), 0.4)
                record.timestamp = maybe(Timestamp(millisecondsSince1970: 1_700_000_000_000 + Int64(random.next() % 4) * 1000), 0.7)
                record.isFinal = pick([nil, nil, true, false])
                record.isMachine = pick([nil, true, false])
                switch record.kind {
                case .smileSecure:
                    let code = pick(["5210", "5211", "5212"])
                    record.secure = SecureResult(
                        code: code, text: "secure " + code,
                        suspects: code == "5211" ? [SuspectUser(userID: "user-" + String(random.next() % 3), reasons: ["same-person"])] : []
                    )
                case .status:
                    record.statusCode = pick(["2302", "2314", "2413"])
                    record.jobComplete = pick([nil, true, false])
                    record.jobSuccess = pick([nil, true, false])
                case .stated:
                    record.statedStatus = pick(["clear", "block", "attention", "processing", "approved", "pending", "rejected", "odd"])
                    record.resultCode = maybe(pick(codes + ["9999"]), 0.4)
                    record.resultText = maybe("Verification message", 0.8)
                case .result:
                    record.resultCode = maybe(pick(codes), 0.9)
                    record.resultText = maybe(pick(["Enroll User", "Failed", "ID Validated", "Under Review"]), 0.8)
                    record.actions = random.unit() < 0.5 ? [ActionResult(name: "Liveness_Check", value: pick(["Passed", "Failed"]))] : []
                    if random.unit() < 0.05 {
                        record.secure = SecureResult(code: "5210", text: "No suspects", suspects: [])
                    }
                }
                record.signature = pick([.unsigned, .valid, .invalid])
                records.append(record)
                // The same record delivered twice, somewhere else.
                if random.unit() < 0.05 {
                    var copy = record
                    offsets[3] += 500
                    copy.origin = RecordOrigin(
                        source: 3, line: Int32(offsets[3] / 500), offset: offsets[3], length: 400, part: record.origin.part)
                    records.append(copy)
                }
            }
        }
        // Appended out of reading order: sources interleaved, not one after another.
        return records
    }
}
