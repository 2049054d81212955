import Foundation
import TestSupport
import Testing

/// `user` and the chase filters, as a script would run them, against counts made here
/// from the fixture files with Foundation's JSON reader (not the project's).
@Suite("user and chase commands")
struct UserAndChaseCommandTests {
    /// Smile job ids per user in a folder of callbacks and job-status responses, read independently.
    static func independentJobsByUser(_ folder: String) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let root = Repository.path(folder)
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix("json") }
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            let values: [Any] =
                file.hasSuffix(".ndjson")
                ? text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
                : [try JSONSerialization.jsonObject(with: Data(text.utf8))]
            for case let object as [String: Any] in values {
                let inner = object["result"] as? [String: Any]
                let params = (object["PartnerParams"] ?? inner?["PartnerParams"]) as? [String: Any]
                guard let user = params?["user_id"] as? String,
                    let job = (object["SmileJobID"] ?? inner?["SmileJobID"]) as? String
                else { continue }
                result[user, default: []].insert(job)
            }
        }
        return result
    }

    @Test(arguments: ["kw-user-1010", "kw-user-1015", "kw-user-1000", "kw-user-1036"])
    func userListsExactlyThatUsersJobs(user: String) throws {
        let want = try #require(try UserAndChaseCommandTests.independentJobsByUser("Fixtures/demo")[user])
        let result = try Binary.run(["user", user, "Fixtures/demo", "--format", "json", "--db", "/nonexistent/none.sqlite"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        #expect(Set(jobs.compactMap { $0["smileJobId"] as? String }) == want)
        #expect(jobs.count == want.count)
        #expect(jobs.allSatisfy { $0["userId"] as? String == user })
    }

    @Test func userShowsSmileSecureLinksBothWaysAndTheRing() throws {
        let result = try Binary.run(["user", "kw-user-1010", "Fixtures/demo", "--db", "/nonexistent/none.sqlite"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("NAMES  kw-user-1015 (same-person) in job 0002001010"))
        #expect(result.standardOutput.contains("NAMED BY  kw-user-1007 (same-person) in job 0002001007"))
        #expect(result.standardOutput.contains("RING  "))
    }

    @Test func userShowsEnrolleeFlags() throws {
        let result = try Binary.run(["user", "ng-user-7731", "Fixtures/shapes", "--format", "json", "--db", "/nonexistent/none.sqlite"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let enrollee = try #require(object["enrollee"] as? [String: Any])
        #expect(enrollee["is_fraudulent"] as? Bool == true)
        #expect((object["jobs"] as? [Any])?.count == 2)
    }

    @Test func anUnknownUserSaysSoAndExitsOne() throws {
        let result = try Binary.run(["user", "nobody-at-all", "Fixtures/demo", "--db", "/nonexistent/none.sqlite"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no loaded job names user nobody-at-all"))
    }

    @Test(arguments: [("stuck", ["0002008002"]), ("duplicate", ["0002008005", "0002008006"]), ("chase=no-result", ["0002008007"])])
    func jobsWhereFindsExactlyThePlantedJobs(word: String, keys: [String]) throws {
        let result = try Binary.run(["jobs", "Fixtures/chase", "--where", word, "--format", "json", "--db", "/nonexistent/none.sqlite"])
        #expect(result.status == 0, "\(result.standardError)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(Set(jobs.compactMap { $0["key"] as? String }) == Set(keys))
    }

    @Test func everyShapeFixtureSummarisesWithExitZero() throws {
        for path in ["Fixtures/shapes", "Fixtures/chase"] {
            let result = try Binary.run(["summary", path])
            #expect(result.status == 0, "\(path): \(result.standardError)")
        }
        let requests = try Binary.run(["summary", "Fixtures/shapes/v3-requests.ndjson", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(requests.standardOutput.utf8)) as? [String: Any])
        #expect((object["acknowledgements"] as? [Any])?.count == 3)
        #expect((object["requestErrors"] as? [Any])?.count == 2)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }
}
