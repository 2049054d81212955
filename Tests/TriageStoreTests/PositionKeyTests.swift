import Foundation
import GRDB
import SmileJobs
import TestSupport
import Testing

@testable import TriageStore

/// Decisions smile-triage 0.1 keyed by load position move to content keys, in a database
/// made by 0.1 (schema 1), which still opens.
@Suite("Position keys")
struct PositionKeyTests {
    /// A schema-1 database, as 0.1 left it, with one decision under a position key.
    static func oldDatabase(at path: String, key: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: DecisionSchema.migrations[0].sql)
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(
                sql:
                    "INSERT INTO audit (job_id, state, note, who, at, previous_state) VALUES (?, 'escalated', 'looks odd', 'ada', 1795600000000, NULL)",
                arguments: [key])
            try db.execute(
                sql:
                    "INSERT INTO decision (job_id, state, note, who, at, sequence) VALUES (?, 'escalated', 'looks odd', 'ada', 1795600000000, 1)",
                arguments: [key])
        }
    }

    @Test func anOldDatabaseOpensReadOnlyAndReadWrite() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        try PositionKeyTests.oldDatabase(at: path, key: "record:0:1:0")
        // Read-only: not migrated, and still readable (its trail too).
        let reader = try DecisionStore(path: path, access: .readOnly)
        #expect(try reader.decisions().map(\.jobID) == ["record:0:1:0"])
        #expect(try reader.audit(jobID: "record:0:1:0").count == 1)
        // Read-write: migrated to the current schema, nothing lost.
        let writer = try DecisionStore(path: path)
        #expect(try writer.decision(for: "record:0:1:0")?.state == .escalated)
        #expect(try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == DecisionSchema.currentVersion)
    }

    @Test func aMovedDecisionKeepsItsStateNoteAndTrail() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        try PositionKeyTests.oldDatabase(at: path, key: "record:0:1:0")
        let store = try DecisionStore(path: path)
        let moved = try store.rekey([PositionKeys.Move(old: "record:0:1:0", new: "content:abc")], who: "bo")
        #expect(moved.map(\.jobID) == ["content:abc"])
        let decision = try #require(try store.decision(for: "content:abc"))
        #expect(decision.state == .escalated && decision.note == "looks odd" && decision.who == "ada")
        #expect(try store.decision(for: "record:0:1:0") == nil)
        // The old trail is found under the new key, with the move after it.
        let trail = try store.audit(jobID: "content:abc")
        #expect(trail.map(\.jobID) == ["record:0:1:0", "content:abc"])
        #expect(trail.last?.who == "bo")
        // Moving again does nothing.
        #expect(try store.rekey([PositionKeys.Move(old: "record:0:1:0", new: "content:abc")], who: "bo").isEmpty)
    }
}
