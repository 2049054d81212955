import Foundation
import JobIndex
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// Every published payload in Fixtures/samples loads, or yields a clear problem.
@Suite("Published samples")
struct SampleTests {
    func loadSample(_ name: String) -> (LoadedJobs, SourceStore) {
        JobLoader().load(paths: [Repository.path("Fixtures/samples/" + name)])
    }

    @Test func jobStatusWithTrailingCommaAndNoResultCode() throws {
        let (loaded, store) = loadSample("01-core-js-readme-jobstatus-smartselfie-enroll-2302.json")
        #expect(loaded.problems.isEmpty)
        let job = try #require(loaded.jobs.first)
        #expect(loaded.jobs.count == 1)
        #expect(job.id == "0000001897")
        #expect(job.jobType == 4)
        #expect(job.productName() == "SmartSelfie Enrollment")
        #expect(job.resultCode == nil)
        #expect(job.resultText == "Enroll User")
        #expect(job.category == .approved)
        #expect(job.categoryBasis.contains("job_success"))
        let current = try #require(job.current)
        let document = try #require(store.document(for: current))
        #expect(document.notes.contains { $0.contains("trailing comma") && $0.hasPrefix("line 18") })
        #expect(document.value("ConfidenceValue") == "100")
        #expect(document.value("response.code") == "2302")
    }

    @Test func smartSelfieAuthentication1220() throws {
        let job = try #require(loadSample("02-core-java-readme-smartselfie-auth-1220.json").0.jobs.first)
        #expect(job.resultCode == "1220")
        #expect(job.category == .approved)
        #expect(job.explanation()?.primary?.text == "Authenticate User Human Judgement - PASS")
        #expect(job.current?.signature == .unsigned)
    }

    @Test func jobStatusWithHistoryAndAnInvalidEscape() throws {
        let (loaded, store) = loadSample("03-core-java-readme-webapi-jobstatus-history-0810.json")
        #expect(loaded.problems.isEmpty)
        #expect(loaded.recordCount == 2)
        let job = try #require(loaded.jobs.first)
        #expect(loaded.jobs.count == 1)
        #expect(job.id == "0000001111")
        #expect(job.productName() == "Biometric KYC")
        #expect(job.category == .approved)
        #expect(job.partnerJobID == "HBBBBBBHg")
        #expect(job.userID == "HBBBBBBH57g")
        // The history item repeats the current result: kept once, the copy noted.
        #expect(job.earlier.isEmpty)
        #expect(job.duplicates.count == 1)
        #expect(job.current?.signature == .legacy)
        #expect(job.actions.first == ActionResult(name: "Verify_ID_Number", value: "Verified"))
        #expect(job.actions.count == 11)
        let current = try #require(job.current)
        let document = try #require(store.document(for: current))
        #expect(document.notes.contains { $0.contains(#"invalid escape \C"#) })
        #expect(document.value("response.signature")?.contains(#"\C"#) == true)
        #expect(document.value("PartnerParams.optional_info") == "we are one")
    }

    @Test func theSameJobInTwoFilesIsOneJob() {
        let loaded = JobLoader().load(paths: [
            Repository.path("Fixtures/samples/03-core-java-readme-webapi-jobstatus-history-0810.json"),
            Repository.path("Fixtures/samples/04-core-java-readme-callback-jobstatus-0810.json"),
        ]).0
        #expect(loaded.jobs.count == 1)
        #expect(loaded.recordCount == 4)
        #expect(loaded.jobs.first?.duplicates.count == 3)
    }

    @Test func enhancedKYCWithSecKeyAndEpochTimestamp() throws {
        let job = try #require(loadSample("05-core-java-readme-enhanced-kyc-1012-seckey.json").0.jobs.first)
        #expect(job.productName() == "Enhanced KYC")
        #expect(job.category == .approved)
        #expect(job.current?.signature == .legacy)
        #expect(job.timestamp?.isoText == "2019-10-10T09:15:30.193Z")
        #expect(job.country == "NG")
        #expect(job.idType == "PASSPORT")
        #expect(job.fullName == "ADEYEMI KEHIN ADELE")
        let seeAlso = try #require(loadSample("06-core-java-readme-enhanced-kyc-1012-signature.json").0.jobs.first)
        #expect(seeAlso.current?.signature == .legacy)
    }

    @Test func businessVerification() throws {
        let (loaded, store) = loadSample("07-core-js-fixture-business-verification-1012.json")
        let job = try #require(loaded.jobs.first)
        #expect(job.productName() == "Business Verification")
        #expect(job.explanation()?.primary?.text == "Business Verified")
        #expect(job.category == .approved)
        let current = try #require(job.current)
        let document = try #require(store.document(for: current))
        #expect(document.value("company_information.legal_name") == "SMILE IDENTITY NIGERIA LIMITED")
        #expect(document.value("directors[1].name") == "Jane Doe")
        #expect(document.value("proprietors") == "[]")
    }

    @Test func anErrorBodyIsReportedNotAJob() throws {
        let loaded = loadSample("08-core-js-fixture-business-verification-error.json").0
        #expect(loaded.jobs.isEmpty)
        #expect(loaded.problems.isEmpty)
        let error = try #require(loaded.requestErrors.first)
        #expect(error.code == "2413")
        #expect(error.message == "Unsupported business type")
        #expect(error.line == 1)
    }

    @Test func biometricKYCWith1012AndANonZuluTimestamp() throws {
        let job = try #require(loadSample("09-android-test-biometric-kyc-1012.json").0.jobs.first)
        #expect(job.productName() == "Biometric KYC")
        // 1012 on Biometric KYC is the ID-authority step: the job's verdict has not arrived.
        #expect(job.category == .pending)
        #expect(job.explanation()?.basis == .product)
        #expect(job.explanation()?.meanings.first?.role == .step)
        #expect(job.timestamp?.isoText == "2021-08-12T17:57:00.614Z")
        #expect(job.current?.origin.line == 1)
    }

    @Test func documentVerification0810AfterHumanReview() throws {
        let job = try #require(loadSample("10-android-test-document-verification-0810.json").0.jobs.first)
        #expect(job.productName() == "Document Verification")
        #expect(job.explanation()?.meanings.map(\.text) == ["Document Verified"])
        #expect(job.resultText == "Document Verified After Human Review")
        #expect(job.actions.map(\.outcome).allSatisfy { $0 == .passed })
    }

    @Test func jobStatusWithAStringResult() throws {
        let job = try #require(loadSample("11-core-java-test-jobstatus-string-result-2314.json").0.jobs.first)
        #expect(job.current?.kind == .status)
        #expect(job.resultText == "No zip file received")
        #expect(job.resultCode == "2314")
        #expect(job.category == .error)
        #expect(job.timestamp?.millisecondsSince1970 == 1_678_216_434_434)
    }

    @Test func smileSecureCallback() throws {
        let job = try #require(loadSample("12-docs-smile-secure-antifraud-5211.json").0.jobs.first)
        #expect(job.current == nil)
        #expect(job.secureVerdict == .suspects)
        #expect(
            job.suspects == [
                SuspectUser(userID: "user001", reasons: ["same-person"]),
                SuspectUser(userID: "user002", reasons: ["same-person"]),
            ])
        // Only the Smile Secure callback: the job's own verdict has not arrived; 5211 puts it in review.
        #expect(job.category == .pending)
        #expect(job.resultCode == "5211")
    }

    @Test func smileSecureJoinsTheMainResultOfTheSameJob() throws {
        let loaded = JobLoader().load(paths: [
            Repository.path("Fixtures/samples/09-android-test-biometric-kyc-1012.json"),
            Repository.path("Fixtures/samples/12-docs-smile-secure-antifraud-5211.json"),
        ]).0
        #expect(loaded.jobs.count == 1)
        let job = try #require(loaded.jobs.first)
        #expect(job.resultCode == "1012")
        #expect(job.category == .pending)
        #expect(job.secureVerdict == .suspects)
        #expect(job.suspects.count == 2)
        // 5211 puts the job in the review queue whatever its category.
        let queue = ReviewQueue(store: loaded.store, rings: RingIndex(store: loaded.store))
        #expect(queue.reasons(0).contains(.suspects))
        #expect(queue.reasons(0).contains(.ring))
    }

    @Test func anIncompleteJobStatusIsPending() throws {
        let job = try #require(loadSample("13-core-java-test-jobstatus-incomplete.json").0.jobs.first)
        #expect(job.category == .pending)
        #expect(job.resultText == "Job not complete")
        #expect(job.smileJobID == nil)
    }

    @Test func theWholeFolderLoadsWithoutProblems() {
        let loaded = JobLoader().load(paths: [Repository.path("Fixtures/samples")]).0
        #expect(loaded.sources.count == 14)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.requestErrors.count == 1)
        #expect(loaded.recordCount == 18)
        // 01/14, 03/04, 05/06 and 09/12 are the same jobs; 14's history is job 0000000857.
        #expect(loaded.jobs.count == 10)
    }
}
