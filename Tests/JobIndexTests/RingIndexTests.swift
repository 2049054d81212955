import Testing

@testable import JobIndex
@testable import SmileJobs

/// Rings of users linked by Smile Secure: who is in which ring, who named whom, each member's
/// jobs, and ids that follow from the members alone.
@Suite("Smile Secure rings")
struct RingIndexTests {
    /// A callback for `user`'s job `job`, at `minute` past midnight.
    static func result(job: Int, user: String, minute: Int) -> JobRecord {
        var record = JobRecord(
            origin: RecordOrigin(source: 0, line: Int32(job), offset: Int64(job * 100), length: 90), kind: .result)
        record.smileJobID = String(format: "%010d", job)
        record.userID = user
        record.jobTypeText = "1"
        record.resultCode = "1012"
        record.timestamp = Timestamp(millisecondsSince1970: 1_764_547_200_000 + Int64(minute) * 60_000)
        return record
    }

    /// A Smile Secure callback on `user`'s job `job` naming `suspects`.
    static func secure(job: Int, user: String, suspects: [String]) -> JobRecord {
        var record = JobRecord(
            origin: RecordOrigin(source: 0, line: Int32(job), offset: Int64(job * 100), length: 90), kind: .smileSecure)
        record.smileJobID = String(format: "%010d", job)
        record.userID = user
        record.jobTypeText = "1"
        record.secure = SecureResult(
            code: "5211", text: "Suspect Users Found", suspects: suspects.map { SuspectUser(userID: $0, reasons: ["same-person"]) })
        return record
    }

    static func store(_ records: [JobRecord]) -> JobStore {
        let builder = JobStoreBuilder()
        let batch = RecordBatch()
        for record in records { batch.append(record) }
        builder.append(batch)
        return builder.snapshot()
    }

    @Test func groupingKeepsEachGroupInTheItemsOrder() {
        let (start, order) = RingIndex.grouped([2, 0, 2, 1, 0], count: 4)
        #expect(start == [0, 2, 3, 5, 5])
        #expect(order == [1, 4, 3, 0, 2])
        let (emptyStart, emptyOrder) = RingIndex.grouped([Int](), count: 2)
        #expect(emptyStart == [0, 0, 0])
        #expect(emptyOrder.isEmpty)
    }

    @Test func linkedUsersFormRingsWithTheirJobsOldestFirst() throws {
        // ሰላም and Adéọlá are linked through two callbacks; zara stands apart with a suspect
        // who has no loaded job; a callback naming its own user makes no link.
        let store = RingIndexTests.store([
            RingIndexTests.result(job: 1, user: "ሰላም-7", minute: 30),
            RingIndexTests.secure(job: 1, user: "ሰላም-7", suspects: ["Adéọlá", "ሰላም-7"]),
            RingIndexTests.result(job: 2, user: "Adéọlá", minute: 10),
            RingIndexTests.result(job: 3, user: "Adéọlá", minute: 50),
            RingIndexTests.result(job: 4, user: "kofi", minute: 20),
            RingIndexTests.secure(job: 4, user: "kofi", suspects: ["Adéọlá"]),
            RingIndexTests.result(job: 5, user: "zara", minute: 5),
            RingIndexTests.secure(job: 5, user: "zara", suspects: ["ghost"]),
            RingIndexTests.result(job: 6, user: "nobody-linked", minute: 1),
        ])
        let rings = RingIndex(store: store)
        try #require(rings.rings.count == 2)
        let big = rings.rings[0]
        #expect(big.users == ["Adéọlá", "kofi", "ሰላም-7"])
        #expect(big.jobs.map { store.jobKey(Int($0)) } == ["0000000002", "0000000004", "0000000001", "0000000003"])
        #expect(big.links.map(\.to) == ["Adéọlá", "Adéọlá"])
        #expect(big.usersWithoutJobs.isEmpty)
        #expect(big.firstSeen == Timestamp(millisecondsSince1970: 1_764_547_200_000 + 10 * 60_000))
        #expect(big.lastSeen == Timestamp(millisecondsSince1970: 1_764_547_200_000 + 50 * 60_000))
        let small = rings.rings[1]
        #expect(small.users == ["ghost", "zara"])
        #expect(small.usersWithoutJobs == ["ghost"])
        #expect(rings.suspectsWithoutJobs == ["ghost"])

        #expect(rings.ring(ofUser: "kofi") == 0)
        #expect(rings.ring(ofUser: "ghost") == 1)
        #expect(rings.ring(ofUser: "nobody-linked") == nil)
        #expect(rings.namedBy("Adéọlá").map(\.from) == ["ሰላም-7", "kofi"])
        #expect(rings.namedBy("kofi").isEmpty)
        #expect(Set(rings.usersNamedAsSuspects) == ["Adéọlá", "ghost"])
        #expect(rings.jobs(ofMember: "Adéọlá").map { store.jobKey(Int($0)) } == ["0000000002", "0000000003"])
        #expect(rings.jobs(ofMember: "nobody-linked").isEmpty)
        var named: [String] = []
        rings.forEachJobOfNamedUsers { named.append(store.jobKey(Int($0))) }
        #expect(named == ["0000000002", "0000000003"])
    }

    /// User ids are told apart by their bytes, as the store finds a user's jobs: an id with
    /// a precomposed é and one with e and a combining accent are two users, though Swift
    /// calls the two strings equal.
    @Test func usersAreToldApartByTheirBytes() {
        let composed = "Ad\u{E9}", decomposed = "Ade\u{301}"
        #expect(composed == decomposed)
        let store = RingIndexTests.store([
            RingIndexTests.result(job: 1, user: composed, minute: 1),
            RingIndexTests.secure(job: 1, user: composed, suspects: [decomposed]),
            RingIndexTests.result(job: 2, user: decomposed, minute: 2),
        ])
        let rings = RingIndex(store: store)
        #expect(rings.rings.count == 1)
        #expect(rings.rings.first?.users.count == 2)
        #expect(rings.rings.first?.jobs.count == 2)
    }

    @Test func idsFollowFromTheMembersInAnyOrder() {
        let lists = [["b", "a", "c"], ["x", "y"], ["ሰላም", "Adéọlá"]]
        let ids = RingIndex.stableIDs(lists)
        #expect(ids == RingIndex.stableIDs(lists.map { $0.sorted() }))
        #expect(ids.allSatisfy { $0.count == 4 })
        #expect(Set(ids).count == 3)
        #expect(RingIndex.stableIDs([["x", "y"]]) == [ids[1]])
    }

    /// Two rings whose ids would clash at four characters both get longer ones.
    @Test func clashingIdsAreLengthened() {
        var seen: [String: [String]] = [:]
        var clash: ([String], [String])?
        for number in 0..<20_000 where clash == nil {
            let members = ["user-\(number)", "user-\(number + 1)"]
            let id = RingIndex.stableIDs([members])[0]
            if let other = seen[id] { clash = (other, members) } else { seen[id] = members }
        }
        guard let (first, second) = clash else {
            Issue.record("no two of 20,000 rings share a four-character id")
            return
        }
        let ids = RingIndex.stableIDs([first, second])
        #expect(ids[0] != ids[1])
        #expect(ids.allSatisfy { $0.count == 6 })
        #expect(ids[0].hasPrefix(RingIndex.stableIDs([first])[0]))
    }
}
