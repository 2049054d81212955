import JobIndex
import Testing

@testable import SmileJobs

/// Which record is a job's current result: by meaning, never by the order records are listed.
@Suite("Current result")
struct CurrentResultTests {
    /// A Biometric KYC result as core-python's job-status fixture has them.
    static func result(_ code: String, final: Bool? = nil, time: Int64? = nil, item: Int, jobType: String = "1") -> JobRecord {
        var record = JobRecord(origin: RecordOrigin(source: 0, line: 1, offset: 0, length: 100, part: .history(item)), kind: .result)
        record.smileJobID = "0000000857"
        record.partnerJobID = "52d0de86"
        record.userID = "1511bf02"
        record.jobTypeText = jobType
        record.resultCode = code
        record.resultText =
            [
                "1210": "Enroll User", "1211": "Failed Enroll", "0814": "Provisional Enroll - Under Review",
                "1012": "ID Validated",
            ][code]
        record.isFinal = final
        record.timestamp = time.map(Timestamp.init(millisecondsSince1970:))
        return record
    }

    /// Every order of the fixture's three results: the final human judgement, the machine
    /// judgement it reviewed, the ID-authority step.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// Both forms of a job: the value the detail shows, and the store's columns the list reads.
    static func bothForms(_ records: [JobRecord]) -> (Job, JobStore) {
        let builder = JobStoreBuilder()
        for record in records { builder.append(record) }
        let store = builder.snapshot()
        return (JobMerger.makeJob(id: "0000000857", records: records, catalogue: .standard), store)
    }

    @Test(arguments: [false, true])
    func theFinalHumanJudgementIsCurrentInEveryOrder(withTimes: Bool) {
        let codes = ["1210", "0814", "1012"]
        for order in CurrentResultTests.permutations(Array(codes.enumerated())) {
            let records = order.enumerated().map { position, entry in
                // With times, the step is the newest: time is only the third rule.
                CurrentResultTests.result(
                    entry.element, final: entry.element == "1210" ? true : nil,
                    time: withTimes ? [1_000, 500, 2_000][entry.offset] : nil, item: position)
            }
            let (job, store) = CurrentResultTests.bothForms(records)
            #expect(job.current?.resultCode == "1210", "order \(order.map(\.element))")
            #expect(job.category == .approved)
            #expect(store.jobCount == 1)
            #expect(store.category(0) == .approved)
            #expect(store.displayCode(0) == "1210")
            // The steps in the order they happened: the ID check, the machine judgement, then the review.
            #expect(job.earlier.map(\.resultCode) == ["1012", "0814"])
            #expect(job.currentReason == .finality(.final, over: .unstated))
        }
    }

    @Test func aFinal1211ReadsRejectedWhateverComesAfterIt() {
        for order in CurrentResultTests.permutations(["1211", "0814", "1012"]) {
            let records = order.enumerated().map { CurrentResultTests.result($1, final: $1 == "1211" ? true : nil, item: $0) }
            let (job, store) = CurrentResultTests.bothForms(records)
            #expect(job.current?.resultCode == "1211")
            #expect(job.category == .rejected)
            #expect(store.category(0) == .rejected)
        }
    }

    @Test func withoutFinalityAHumanJudgementBeatsTheMachineAndAVerdictBeatsTheStep() {
        for order in CurrentResultTests.permutations(["1210", "0814", "1012"]) {
            let (job, store) = CurrentResultTests.bothForms(order.enumerated().map { CurrentResultTests.result($1, item: $0) })
            #expect(job.current?.resultCode == "1210")
            #expect(job.currentReason == .stage(.humanJudgement, over: .verdict))
            #expect(store.category(0) == .approved)
        }
        // The machine judgement over the ID step, when no review has come.
        for order in CurrentResultTests.permutations(["0814", "1012"]) {
            let (job, _) = CurrentResultTests.bothForms(order.enumerated().map { CurrentResultTests.result($1, item: $0) })
            #expect(job.current?.resultCode == "0814")
            #expect(job.category == .review)
            #expect(job.currentReason == .stage(.verdict, over: .step))
        }
    }

    @Test func aResultThatSaysItIsNotFinalLosesToOneThatSaysNothing() {
        let records = [CurrentResultTests.result("1210", final: false, item: 0), CurrentResultTests.result("0814", item: 1)]
        #expect(CurrentResultTests.bothForms(records).0.current?.resultCode == "0814")
    }

    @Test func amongEqualsTheLaterTimeWinsAndReadingOrderIsTheLastResort() {
        let early = CurrentResultTests.result("0814", time: 1_000, item: 1)
        let late = CurrentResultTests.result("0811", time: 2_000, item: 0)
        #expect(CurrentResultTests.bothForms([early, late]).0.current?.resultCode == "0811")
        #expect(CurrentResultTests.bothForms([late, early]).0.current?.resultCode == "0811")
        let untimed = [CurrentResultTests.result("0814", item: 0), CurrentResultTests.result("0811", item: 1)]
        let (job, store) = CurrentResultTests.bothForms(untimed)
        #expect(job.current?.resultCode == "0811")
        #expect(store.displayCode(0) == "0811")
        #expect(job.currentReason.isGuess)
    }

    @Test func theIDStepAloneIsNoApproval() {
        let (job, store) = CurrentResultTests.bothForms([CurrentResultTests.result("1012", final: true, item: 0)])
        #expect(job.category == .pending)
        #expect(store.category(0) == .pending)
        #expect(job.categoryBasis.contains("ID-authority step"))
        // On Enhanced KYC 1012 is the verdict.
        let ekyc = CurrentResultTests.bothForms([CurrentResultTests.result("1012", item: 0, jobType: "5")])
        #expect(ekyc.0.category == .approved)
    }

    @Test func aSmileSecureVerdictIsNeverTheMainOne() {
        var secure = JobRecord(origin: RecordOrigin(source: 0, line: 2, offset: 200, length: 50), kind: .smileSecure)
        secure.smileJobID = "0000000857"
        secure.jobTypeText = "1"
        secure.secure = SecureResult(code: "5210", text: "No Suspect Users Found", suspects: [])
        secure.timestamp = Timestamp(millisecondsSince1970: 9_000)
        let main = CurrentResultTests.result("0814", time: 1_000, item: 0)
        let (job, store) = CurrentResultTests.bothForms([main, secure])
        #expect(job.current?.resultCode == "0814")
        #expect(job.secureVerdict == .clear)
        #expect(store.category(0) == .review)
        // Alone, 5210 approves nothing: the job waits for its result.
        let (alone, aloneStore) = CurrentResultTests.bothForms([secure])
        #expect(alone.category == .pending)
        #expect(aloneStore.category(0) == .pending)
    }

    @Test func jobStatusCompletenessCountsAsFinality() {
        #expect(ResultRank.finality(isFinal: nil, jobComplete: false) == .notFinal)
        #expect(ResultRank.finality(isFinal: nil, jobComplete: true) == .final)
        #expect(ResultRank.finality(isFinal: false, jobComplete: true) == .notFinal)
        #expect(ResultRank.finality(isFinal: nil, jobComplete: nil) == .unstated)
    }
}

@Suite("Position keys: matching")
struct PositionKeyMatchingTests {
    @Test func anOldKeyMatchesTheContentKeyedJobLoadedWhereItWas() {
        var record = JobRecord(origin: RecordOrigin(source: 0, line: 3, offset: 120, length: 40, part: .result), kind: .status)
        record.resultText = "No zip file received"
        record.contentKey = "content:1234"
        let builder = JobStoreBuilder()
        builder.append(record)
        let store = builder.snapshot()
        #expect(store.jobKey(0) == "content:1234")
        #expect(store.legacyPositionKey(0) == "record:0:3:120")
        let decisions = [
            Decision(jobID: "record:0:3:120", state: .cleared, who: "ada", at: Timestamp(millisecondsSince1970: 0)),
            Decision(jobID: "record:4:1:0", state: .rerun, who: "ada", at: Timestamp(millisecondsSince1970: 0)),
            Decision(jobID: "0002001042", state: .rerun, who: "ada", at: Timestamp(millisecondsSince1970: 0)),
        ]
        let plan = PositionKeys.plan(decisions, in: store)
        #expect(plan.moves == [PositionKeys.Move(old: "record:0:3:120", new: "content:1234")])
        #expect(plan.unmatched == ["record:4:1:0"])
        #expect(PositionKeys.matched(decisions, in: store).decisions.map(\.jobID) == ["content:1234", "record:4:1:0", "0002001042"])
    }
}
