import Foundation
import SmileJobs
import Synchronization
import TestSupport
import Testing
import TriageServerStore
import TriageStore

/// What only a real server shows: roles, the trail refused to UPDATE and DELETE in the
/// database itself, notifications on time, two hosts migrating at once, a server that is
/// not there. On the throwaway cluster `.ci/run` starts; skipped without it, except in CI.
@Suite("PostgreSQL: roles, the append-only trail, notifications", .enabled(if: TestServer.isAvailable || TestServer.isRequired))
struct PostgresDecisionsTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_795_600_000_000 + seconds * 1000) }

    /// A fresh database, migrated by its owner; dropped when `body` is done.
    static func withDatabase(_ body: (String) throws -> Void) throws {
        guard TestServer.isAvailable else {
            Issue.record("CI needs the test cluster (scripts/pg-cluster.sh start): none is in the environment")
            return
        }
        let database = try TestServer.createDatabase()
        defer { TestServer.dropDatabase(database) }
        _ = try PostgresDecisions(location: try location(.owner, database), listen: false)
        try body(database)
    }

    static func location(_ role: TestServer.Role, _ database: String) throws -> PostgresLocation {
        try PostgresLocation(url: TestServer.url(role, database: database))
    }

    @Test func anAuditorRoleOpensReadOnlyAndSaysWhy() throws {
        try Self.withDatabase { database in
            let opening = DecisionsOpening.open(.server(try Self.location(.auditor, database)), readOnly: false)
            #expect(opening.client?.canWrite == false)
            #expect(opening.notice?.contains("Read-only: the role ops_auditor may read decisions, not make them") == true)
            #expect(throws: DecisionStoreError.self) {
                try opening.client?.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "eve", at: Self.at(1))
            }
            let app = try PostgresDecisions(location: try Self.location(.app, database), listen: false)
            #expect(app.canWrite && app.readOnlyReason == nil)
        }
    }

    @Test func theTrailRefusesUpdateAndDeleteForTheAppRoleAndEvenTheOwner() throws {
        try Self.withDatabase { database in
            let app = try PostgresDecisions(location: try Self.location(.app, database), listen: false)
            _ = try app.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated, note: "ጤና"), who: "ada", at: Self.at(1))
            for statement in [
                "UPDATE smile_triage.audit SET state = 'cleared'", "DELETE FROM smile_triage.audit", "TRUNCATE smile_triage.audit",
            ] {
                #expect(throws: TestServer.PSQLFailed.self) { try TestServer.psql(.app, database: database, statement) }
                do {
                    try TestServer.psql(.owner, database: database, statement)
                    Issue.record("the owner changed the trail: \(statement)")
                } catch let failure as TestServer.PSQLFailed {
                    #expect(failure.description.contains("append-only"), "\(failure)")
                }
            }
            let privileges = try TestServer.psql(
                .owner, database: database,
                "SELECT has_table_privilege('smile_triage_app', 'smile_triage.audit', 'UPDATE') OR has_table_privilege('smile_triage_app', 'smile_triage.audit', 'DELETE')"
            )
            #expect(privileges == "f", "the application role is granted neither UPDATE nor DELETE")
            #expect(try app.audit(jobID: "0001").map(\.note) == ["ጤና"])
        }
    }

    @Test func anotherDesksMarkIsAnnouncedWithinHalfASecond() throws {
        try Self.withDatabase { database in
            let ada = try PostgresDecisions(location: try Self.location(.app, database), listen: true)
            let bo = try PostgresDecisions(location: try Self.location(.app2, database), listen: true)
            #expect(!bo.hasChanged())
            // Past the first moments, only a notification makes bo ask the server.
            Thread.sleep(forTimeInterval: 0.2)
            #expect(!bo.hasChanged())
            let start = Date()
            _ = try ada.mark(DecisionRequest(jobIDs: ["0001"], state: .rerun), who: "ada", at: Self.at(1))
            var seen = false
            while Date().timeIntervalSince(start) < 0.5 {
                if bo.hasChanged() {
                    seen = true
                    break
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            #expect(seen, "bo saw ada's mark within half a second")
            #expect(try bo.changes(after: 0).map(\.jobID) == ["0001"])
            #expect(!ada.hasChanged(), "ada's own mark is not news to ada")
        }
    }

    @Test func twoHostsStartingOnANewDatabaseMigrateItOnce() throws {
        guard TestServer.isAvailable else { return }
        let database = try TestServer.createDatabase()
        defer { TestServer.dropDatabase(database) }
        let location = try Self.location(.owner, database)
        let results = Mutex<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let opened = (try? PostgresDecisions(location: location, listen: false)) != nil
            results.withLock { $0.append(opened) }
        }
        #expect(results.withLock { $0 } == [true, true, true, true])
        #expect(
            try TestServer.psql(.owner, database: database, "SELECT count(*) || ':' || max(version) FROM smile_triage.version") == "1:1")
    }

    @Test func aRoleThatMayNotCreateTheTablesIsToldWhoMay() throws {
        guard TestServer.isAvailable else { return }
        let database = try TestServer.createDatabase()
        defer { TestServer.dropDatabase(database) }
        try TestServer.psql(.owner, database: database, "REVOKE CREATE ON DATABASE \(database) FROM PUBLIC")
        #expect {
            try PostgresDecisions(location: try Self.location(.app, database), listen: false)
        } throws: { error in
            "\(error)".contains("connect once as the database's owner")
        }
    }

    @Test func aServerThatIsNotThereIsNoDecisionsAndSaysSo() throws {
        let opening = DecisionsOpening.open(.server(try PostgresLocation(url: "postgres://ops@127.0.0.1:1/triage")), readOnly: false)
        #expect(opening.client == nil)
        #expect(opening.notice?.contains("Marking is off: no connection to postgres://ops@127.0.0.1:1/triage") == true)
    }

    @Test func tlsIsVerifiedAgainstTheGivenCAAndAnotherIsRefused() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let ca = environment["SMILE_TRIAGE_TEST_PG_CA"], !ca.isEmpty, let other = environment["SMILE_TRIAGE_TEST_PG_OTHER_CA"],
            let port = environment["SMILE_TRIAGE_PG_PORT"]
        else { return }
        func open(_ query: String) throws -> PostgresDecisions {
            try PostgresDecisions(
                location: try PostgresLocation(url: "postgres://triage_owner@localhost:\(port)/triage?\(query)"), listen: false)
        }
        #expect(try open("sslmode=verify-full&sslrootcert=\(ca)").canWrite)
        #expect(try open("sslmode=require").canWrite, "require encrypts without checking, as libpq's does")
        #expect {
            try open("sslmode=verify-full&sslrootcert=\(other)")
        } throws: { error in
            "\(error)".contains("the server's certificate does not check out")
        }
    }
}
