import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// Every shape Smile ID sends beside the v1 callback: each fixture in Fixtures/shapes and
/// Fixtures/chase, and the values it becomes.
@Suite("Newer shapes")
struct NewerShapesTests {
    static func loadFixture(_ path: String) -> LoadedJobs {
        JobLoader().load(paths: [Repository.path(path)]).0
    }

    static func row(_ loaded: LoadedJobs, _ key: String) throws -> JobRow {
        let index = try #require((0..<loaded.store.jobCount).first { loaded.store.jobKey($0) == key }, "no job \(key)")
        return loaded.store.row(index)
    }

    @Test func v3StatusesBecomeJobsByTheirWord() throws {
        let loaded = NewerShapesTests.loadFixture("Fixtures/shapes/v3-status.ndjson")
        #expect(loaded.problems.isEmpty)
        #expect(loaded.store.jobCount == 5)
        let expected: [(String, Category, String)] = [
            ("job_01jdq3v7m2x9k4r8t6w5y0z1ab", .approved, "user_01jdq3t9c4h7n2p5s8v1x3z6cd"),
            ("job_01jdq4a1b3c5d7e9f2g4h6j8k0mn", .rejected, "user_01jdq49z8y7x6w5v4u3t2s1r0pq"),
            ("job_01jdq4c2d4f6h8k0m2p4r6t8v0wx", .review, "user_01jdq4b7n5m3k1j9h7g5f3d1s9ay"),
            ("job_01jdq4f5g7h9j1k3m5n7p9r1s3tz", .error, "user_01jdq4e3w5x7y9z1a3b5c7d9e1fb"),
            ("job_01jdq4h8j0k2m4n6p8r0s2t4v6wc", .pending, "user_01jdq4g1q3r5s7t9u1v3w5x7y9zd"),
        ]
        for (key, category, user) in expected {
            let row = try NewerShapesTests.row(loaded, key)
            #expect(row.category == category, "\(key)")
            #expect(row.userID == user)
        }
        // processing, then clear, of one job: merged, and the clear one is current.
        let job = try #require(loaded.jobs.first { $0.id == "job_01jdq3v7m2x9k4r8t6w5y0z1ab" })
        #expect(job.earlier.count == 1)
        #expect(job.current?.statedStatus == "clear")
        #expect(job.resultText == "Verification successful")
        #expect(job.categoryBasis.contains("v3 verification status"))
        // Amharic in the message survives.
        #expect(try NewerShapesTests.row(loaded, "job_01jdq4c2d4f6h8k0m2p4r6t8v0wx").resultText?.contains("ግልጽ") == true)
    }

    @Test func v3RequestsAreErrorsAndAcknowledgementsNotProblems() throws {
        let loaded = NewerShapesTests.loadFixture("Fixtures/shapes/v3-requests.ndjson")
        #expect(loaded.problems.isEmpty)
        #expect(loaded.store.jobCount == 0)
        #expect(loaded.requestErrors.map(\.code) == ["not_found", "Bad Request"])
        #expect(loaded.requestErrors.map(\.line) == [2, 3])
        #expect(loaded.acknowledgements.map(\.line) == [1, 4, 5])
        #expect(loaded.acknowledgements.map(\.jobID) == ["job_01jdq5a2b4c6d8e0f2g4h6j8k0me", "0002009001", nil])
        #expect(loaded.acknowledgements.first?.userID == "user_01jdq59x7w5v3u1t9s7r5q3p1nf")
        #expect(ExitStatusProbe.isClean(loaded))
    }

    @Test func smartSelfieV2ResponsesReadTheirStatusAndStringJobType() throws {
        let loaded = NewerShapesTests.loadFixture("Fixtures/shapes/smartselfie-v2.ndjson")
        #expect(loaded.problems.isEmpty)
        let approved = try NewerShapesTests.row(loaded, "0002009101")
        #expect(approved.category == .approved)
        #expect(approved.product == "SmartSelfie Authentication")
        #expect(approved.code == "0820")
        #expect(approved.userID == "ss2-user-0101")
        #expect(approved.partnerJobID == "ss2-auth-0101")
        let rejected = try NewerShapesTests.row(loaded, "0002009102")
        #expect(rejected.category == .rejected)
        #expect(rejected.product == "SmartSelfie Enrollment")
        // 2302 is a status code, not a result: the word decides, and no code is shown.
        let pending = try NewerShapesTests.row(loaded, "0002009103")
        #expect(pending.category == .pending)
        #expect(pending.code == nil)
    }

    @Test func enrolleeInfoHistoryBecomesTheUsersJobsMergedWithCallbacks() throws {
        let loaded = JobLoader().load(paths: [
            Repository.path("Fixtures/shapes/enrollee-info.json"), Repository.path("Fixtures/shapes/enrollee-callback.ndjson"),
        ]).0
        #expect(loaded.problems.isEmpty)
        #expect(loaded.store.jobCount == 2)
        let enrolment = try NewerShapesTests.row(loaded, "0002009201")
        #expect(enrolment.category == .approved)
        #expect(enrolment.product == "SmartSelfie Enrollment")
        #expect(enrolment.userID == "ng-user-7731")
        #expect(enrolment.partnerJobID == "ng-enrol-7731")
        // The history item and the callback of one Smile job: one job, the final human judgement current.
        let job = try #require(loaded.jobs.first { $0.id == "0002009202" })
        #expect(job.records.count == 2)
        #expect(job.current?.resultCode == "1210")
        #expect(job.fullName == "Abdullahi Ọlárewájú Bello")
        #expect(job.country == "NG")
        #expect(job.idType == "BVN")
        let flags = try #require(loaded.store.enrollee(ofUser: "ng-user-7731"))
        #expect(flags.isFraudulent == true)
        #expect(flags.allowNewEnroll == false)
        #expect(flags.setFlags == ["fraudulent"])
        #expect(EnrolleeFlags(packed: flags.packed) == flags)
        // is_fraudulent puts every job of the user in the review queue, approved or not.
        let queue = JobTable(store: loaded.store).reviewQueue()
        for index in 0..<loaded.store.jobCount { #expect(queue.reasons(index).contains(.fraudulentUser)) }
    }

    @Test func anAMLCheckIsReadWithEveryHit() throws {
        let (loaded, sources) = JobLoader().load(paths: [Repository.path("Fixtures/shapes/aml-check.json")])
        let row = try NewerShapesTests.row(loaded, "0002009301")
        #expect(row.product == "AML Check")
        #expect(row.code == "1030")
        #expect(row.category == .review)
        let documents = sources.documents(for: loaded.jobs[0].records)
        let person = try #require(documents.documents.first?.amlPeople.first)
        #expect(person.name == "Wanjiru Achieng Otieno")
        #expect(person.aliases.contains("وانجيرو أوتينو"))
        #expect(person.pepLevel == "2")
        #expect(person.pep.first?.title == "County Executive Committee Member, Kenya")
        #expect(person.pep.first?.sources.first?.contains("kisumu.go.ke") == true)
        #expect(person.sanctions.first?.title == "Office of Foreign Assets Control (OFAC) (Sanctions)")
        #expect(person.sanctions.first?.date == "listed 2023-03-10")
        #expect(person.adverseMedia.first?.title == "Audit queries county tender awards — Daily Nation")
        #expect(person.associations == ["Otieno Ouma (PEP): Spouse"])
        #expect(person.tally == "PEP level 2 · 1 sanction · 1 adverse media")
    }

    @Test func jobTypesWrittenAsNames() {
        #expect(JobTypeName.number("smart_selfie_authentication") == 2)
        #expect(JobTypeName.number("SMART-SELFIE-ENROLLMENT") == 4)
        #expect(JobTypeName.number(" 6 ") == 6)
        #expect(JobTypeName.number("biometric_kyc") == 1)
        #expect(JobTypeName.number("no such product") == nil)
    }

    @Test func aV1CallbackWithAStrayStatusKeyReadsAsBefore() throws {
        let loaded = try load(
            #"{"ResultCode":"0810","ResultText":"Document Verified","SmileJobID":"0000000001","PartnerParams":{"job_type":6},"status":"approved"}"#
        )
        #expect(loaded.store.row(0).category == .approved)
        #expect(loaded.jobs[0].current?.kind == .result)
    }

    @Test func anEnrolleeInfoWithNoHistoryIsSaidNotLost() throws {
        let loaded = try load(#"{"enrolled_user":{"is_fraudulent":true},"history":[]}"#)
        #expect(loaded.store.jobCount == 0)
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.message.contains("fraudulent") == true)
        #expect(loaded.problems.first?.line == 1)
    }

    /// Planted in Fixtures/chase: one stuck job, two submissions of one partner job id, a
    /// complete job-status with no callback, a complete one with no result.
    @Test func theJobsToChaseAreExactlyThosePlanted() throws {
        let loaded = NewerShapesTests.loadFixture("Fixtures/chase")
        let table = JobTable(store: loaded.store)
        let chase = table.chaseIndex()
        func keys(_ reason: ChaseReasons) -> Set<String> {
            Set((0..<loaded.store.jobCount).filter { chase.reasons($0).contains(reason) }.map { loaded.store.jobKey($0) })
        }
        #expect(keys(.stuck) == ["0002008002"])
        #expect(keys(.duplicate) == ["0002008005", "0002008006"])
        #expect(keys(.noCallback) == ["0002008004", "0002008007"])
        #expect(keys(.noResult) == ["0002008007"])
        #expect(loaded.requestErrors.map(\.code) == ["2215"])
        // A longer limit: the job pending since 06:10 is no longer stuck at 18:00.
        let patient = ChaseIndex(store: loaded.store, stuckAfterHours: 12)
        #expect((0..<loaded.store.jobCount).filter { patient.reasons($0).contains(.stuck) }.isEmpty)
        // The filter word finds the same.
        let filter = try FilterWords.parse(["stuck"], context: .init(now: .now))
        #expect(table.visible(filter: filter, search: "", sort: .standard).map { loaded.store.jobKey(Int($0)) } == ["0002008002"])
    }
}

/// Whether a load would exit 0 (`ExitStatus.forLoad` lives in the CLI): no problem, no unreadable path.
enum ExitStatusProbe {
    static func isClean(_ loaded: LoadedJobs) -> Bool { loaded.problems.isEmpty }
}
