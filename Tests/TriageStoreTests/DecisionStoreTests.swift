import Foundation
import GRDB
import SmileJobs
import Testing
import TestSupport
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
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try db.tableExists("decision") && db.tableExists("audit"))
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

    @Test func aStateAndANoteEachKeepTheOther() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DecisionStore(path: path)
        let first = try store.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated, note: "ID photo looks edited"), who: "ada", at: at(1))
        #expect(first == [Decision(jobID: "0001", state: .escalated, note: "ID photo looks edited", who: "ada", at: at(1), sequence: 1)])
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "bo", at: at(2))
        #expect(try store.decision(for: "0001")?.note == "ID photo looks edited")
        #expect(try store.decision(for: "0001")?.state == .cleared)
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: nil, note: "customer sent a new photo"), who: "ada", at: at(3))
        #expect(try store.decision(for: "0001")?.state == .cleared)
        #expect(try store.decision(for: "0001")?.who == "ada")
        // A note on an undecided job leaves it open.
        try store.mark(DecisionRequest(jobIDs: ["0002"], state: nil, note: "waiting on support"), who: "ada", at: at(4))
        #expect(try store.decision(for: "0002")?.state == .open)
    }

    @Test func everyChangeIsInTheAuditTrailWhichCannotBeRewritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["0001", "0002"], state: .rerun), who: "ada", at: at(1))
        try store.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared, note: "re-run passed"), who: "bo", at: at(2))
        let trail = try store.audit(jobID: "0001")
        #expect(trail.map(\.state) == [.rerun, .cleared])
        #expect(trail.map(\.previousState) == [nil, .rerun])
        #expect(trail.map(\.who) == ["ada", "bo"])
        #expect(try store.auditCount() == 3)
        let raw = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE audit SET state = 'open'") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "INSERT INTO decision VALUES ('x', 'approved', '', 'a', 0, 0)") }
        }
        #expect(try store.auditCount() == 3)
    }

    @Test func twoConnectionsLastWriteWinsAndEachSeesTheOther() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ada = try DecisionStore(path: path)
        let bo = try DecisionStore(path: path)
        #expect(!ada.hasChanged())
        try ada.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated), who: "ada", at: at(1))
        #expect(!ada.hasChanged(), "its own commit is not a change from elsewhere")
        #expect(bo.hasChanged())
        #expect(!bo.hasChanged(), "seen once")
        try bo.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "bo", at: at(2))
        #expect(ada.hasChanged())
        #expect(try ada.changes(after: 1).map(\.state) == [.cleared])
        #expect(try ada.decision(for: "0001")?.who == "bo")
        #expect(try ada.audit(jobID: "0001").map(\.who) == ["ada", "bo"])
    }

    @Test func decisionsSinceADate() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["old"], state: .cleared), who: "ada", at: at(0))
        try store.mark(DecisionRequest(jobIDs: ["new"], state: .rerun), who: "ada", at: at(100))
        #expect(try store.decisions().map(\.jobID) == ["old", "new"])
        #expect(try store.decisions(since: at(50)).map(\.jobID) == ["new"])
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
                        try store.mark(DecisionRequest(jobIDs: ["w\(writer)-\(job)", "shared-\(job % 10)"], state: .cleared),
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
        #expect(DecisionStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
            == "/h/.local/state/smile-triage/decisions.sqlite")
        #expect(DecisionStore.currentUser(environment: ["USER": "ada"]) == "ada")
    }
}
