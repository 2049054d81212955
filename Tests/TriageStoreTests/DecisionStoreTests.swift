import Foundation
import GRDB
import SmileJobs
import TestSupport
import Testing
import TriageServerStore

@testable import TriageStore

@Suite("Decision store")
struct DecisionStoreTests {
    let folder: URL
    var path: String { folder.appendingPathComponent("state/decisions.sqlite").path }

    init() throws {
        folder = try Repository.temporaryFolder()
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_795_600_000_000 + seconds * 1000) }

    @Test func aNewDatabaseIsCreatedMigratedAndInWALMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DecisionStore(path: path)
        let raw = try DatabaseQueue(path: path)
        let (version, journal, tables): (Int?, String?, Bool) = try raw.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try db.tableExists("decision") && db.tableExists("audit")
            )
        }
        #expect(version == DecisionSchema.currentVersion)
        #expect(journal == "wal")
        #expect(tables)
        #expect(try DecisionStore(path: path).synchronousLevel() == 2, "FULL: a commit is on disk when mark returns")
        // Opening again migrates nothing and loses nothing.
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "ada", at: at(1))
        #expect(try DecisionStore(path: path).decision(for: "0001")?.state == .cleared)
    }

    /// The contract suite checks the trail's contents; here, that SQLite itself refuses to rewrite it.
    @Test func theAuditTrailCannotBeRewritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["0001", "0002"], state: .rerun), who: "ada", at: at(1))
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared, note: "re-run passed"), who: "bo", at: at(2))
        #expect(try store.auditCount() == 3)
        let raw = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE audit SET state = 'open'") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "INSERT INTO decision VALUES ('x', 'approved', '', 'a', 0, 0)") }
        }
        #expect(try store.auditCount() == 3)
    }

    @Test func threadsMarkingTogetherLoseNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DecisionStore(path: path)
        let path = self.path
        let perWriter = 1_000
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = try DecisionStore(path: path)
                    for job in 0..<perWriter {
                        try store.mark(
                            DecisionRequest(jobIDs: ["w\(writer)-\(job)", "shared-\(job % 10)"], state: .cleared),
                            who: "writer\(writer)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try DecisionStore(path: path)
        #expect(try store.decisions().count == 2 * perWriter + 10)
        #expect(try store.auditCount() == 2 * perWriter * 2)
    }

    @Test func aFileThatIsNotADatabaseIsNamedAndTheDashboardGoesOnWithout() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(throws: DecisionStoreError(path: path, kind: .notADatabase)) { try DecisionStore(path: path) }
        let opening = DecisionsOpening.open(path: path, readOnly: false)
        #expect(opening.store == nil)
        #expect(opening.notice?.contains("is not a SQLite database") == true)
        #expect(opening.notice?.contains(path) == true)
        // The file is left as it was: nothing is lost.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x41, count: 8192))
    }

    @Test func aPlaceThatCannotBeCreatedIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocker)
        let inside = blocker.appendingPathComponent("decisions.sqlite").path
        let opening = DecisionsOpening.open(path: inside, readOnly: false)
        #expect(opening.store == nil)
        #expect(opening.notice?.hasPrefix("Marking is off: cannot create the folder for \(inside)") == true)
    }

    @Test func anUnwritableDatabaseOpensReadOnly() throws {
        defer {
            chmod((path as NSString).deletingLastPathComponent, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated), who: "ada", at: at(1))
        // Read-only by request, whoever runs the tests.
        let readOnly = try DecisionStore(path: path, access: .readOnly)
        #expect(try readOnly.decision(for: "0001")?.state == .escalated)
        #expect(throws: DecisionStoreError(path: path, kind: .readOnly)) {
            try readOnly.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "ada")
        }
        // Read-only by permission (root may write anything, so only as another user).
        guard getuid() != 0 else { return }
        chmod(path, 0o444)
        chmod((path as NSString).deletingLastPathComponent, 0o555)
        let opening = DecisionsOpening.open(path: path, readOnly: false)
        #expect(opening.store?.access == .readOnly)
        #expect(opening.notice?.hasPrefix("Read-only:") == true)
        #expect(try opening.store?.decision(for: "0001")?.state == .escalated)
    }

    @Test func aNewerSchemaIsRefusedForWritingAndNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try DecisionStore(path: path)
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: DecisionStoreError(path: path, kind: .newerSchema(version: 99, known: DecisionSchema.currentVersion))) {
            try DecisionStore(path: path)
        }
    }

    @Test func theDefaultPlaceFollowsXDG() {
        #expect(DecisionStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/smile-triage/decisions.sqlite")
        #expect(DecisionStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/smile-triage/decisions.sqlite")
        #expect(
            DecisionStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/smile-triage/decisions.sqlite")
        #expect(DecisionStore.currentUser(environment: ["USER": "ada"]) == "ada")
    }
}
