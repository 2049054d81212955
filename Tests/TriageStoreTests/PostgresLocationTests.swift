import Foundation
import TestSupport
import Testing
import TriageServerStore
import TriageStore

/// `--db postgres://…` read as libpq reads it; the password only from PGPASSWORD or the
/// password file, never from the URL.
@Suite("PostgreSQL locations and passwords")
struct PostgresLocationTests {
    let environment = ["USER": "ada", "HOME": "/nonexistent"]

    @Test func aURLGivesUserHostPortDatabaseAndMode() throws {
        let location = try PostgresLocation(url: "postgresql://ops@db.example:55432/triage?sslmode=require", environment: environment)
        #expect(location.user == "ops" && location.host == "db.example" && location.port == 55432 && location.database == "triage")
        #expect(location.sslMode == .require)
        #expect(location.description == "postgres://ops@db.example:55432/triage?sslmode=require")
    }

    @Test func whatTheURLLeavesOutComesFromTheEnvironmentAsForLibpq() throws {
        let bare = try PostgresLocation(url: "postgres://", environment: environment)
        #expect(bare.user == "ada" && bare.host == "localhost" && bare.port == 5432 && bare.database == "ada" && bare.sslMode == .prefer)
        let fromPG = try PostgresLocation(
            url: "postgres:///",
            environment: ["PGUSER": "ops", "PGHOST": "10.0.0.5", "PGPORT": "6543", "PGDATABASE": "queue", "PGSSLMODE": "disable"])
        #expect(fromPG.description == "postgres://ops@10.0.0.5:6543/queue?sslmode=disable")
        let v6 = try PostgresLocation(url: "postgres://ops@[::1]:5433/tri%20age", environment: environment)
        #expect(v6.host == "::1" && v6.port == 5433 && v6.database == "tri age")
        #expect(v6.description.hasPrefix("postgres://ops@[::1]:5433/"))
    }

    @Test(arguments: [
        "postgres://ops:hunter2@db/triage", "postgres://ops@db/triage?password=hunter2", "postgres://ops@db:0/triage",
        "postgres://ops@db/triage?sslmode=sometimes", "postgres://ops@db/triage?sslmode=verify-full", "postgres://ops@db/triage?pool=3",
        "postgres://ops@%2Ftmp/triage",
    ])
    func whatCannotBeUsedIsRefusedAndNeverRepeatsAPassword(url: String) {
        #expect(throws: PostgresLocation.Invalid.self) { try PostgresLocation(url: url, environment: environment) }
        do {
            _ = try PostgresLocation(url: url, environment: environment)
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func otherURLsAreNeverFilesAndPathsAre() throws {
        #expect(throws: PostgresLocation.Invalid.self) { try DecisionsLocation("mysql://ops@db/triage") }
        #expect(throws: PostgresLocation.Invalid.self) { try DecisionsLocation("sqlite:///tmp/x.sqlite") }
        #expect(try DecisionsLocation("/tmp/decisions.sqlite") == .file("/tmp/decisions.sqlite"))
        #expect(try DecisionsLocation("C:decisions.sqlite") == .file("C:decisions.sqlite"))
        if case .server(let server) = try DecisionsLocation("POSTGRES://ops@db/triage", environment: environment) {
            #expect(server.host == "db")
        } else {
            Issue.record("a postgres URL in capitals is still a server")
        }
    }

    @Test func passwordsComeFromPGPASSWORDThenTheFirstMatchingPasswordFileLine() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
        # host:port:database:user:password
        other:5432:*:ops:not-this
        db.example:55432:triage:ops:first\\:colon\\\\slash
        *:*:*:ops:fallback
        """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let location = try PostgresLocation(url: "postgres://ops@db.example:55432/triage", environment: environment)
        #expect(location.password(environment: ["PGPASSFILE": file]).password == "first:colon\\slash")
        let elsewhere = try PostgresLocation(url: "postgres://ops@db2:5432/x", environment: environment)
        #expect(elsewhere.password(environment: ["PGPASSFILE": file]).password == "fallback")
        #expect(location.password(environment: ["PGPASSFILE": file, "PGPASSWORD": "from-env"]).password == "from-env")
        // A file others may read is passed over, saying why (as libpq does).
        chmod(file, 0o644)
        let lookup = location.password(environment: ["PGPASSFILE": file])
        #expect(lookup.password == nil)
        #expect(lookup.warning?.contains("chmod 600") == true)
    }
}
