import Foundation
import GRDB
import SmileJobs
import TestSupport
import Testing
import TriageServerStore

@testable import TriageStore

/// Decisions hold user ids and notes: the database is private, whatever the umask; a
/// read-only file is opened read-only, saying so; a damaged one is not written to.
@Suite("Private and careful files")
struct PrivateFileTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func aNewDatabaseItsWALAndItsFolderArePrivateWhateverTheUmask() throws {
        let root = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("state/smile-triage/decisions.sqlite").path
        let before = umask(0o022)
        defer { umask(before) }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["1"], state: .cleared), who: "ada")
        #expect(PrivateFileTests.mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(PrivateFileTests.mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(PrivateFileTests.mode((path as NSString).deletingLastPathComponent) == 0o700)
    }

    @Test func aReadOnlyFileOpensReadOnlyWithTheReason() throws {
        let root = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("decisions.sqlite").path
        try DecisionStore(path: path).mark(DecisionRequest(jobIDs: ["1"], state: .escalated), who: "ada")
        chmod(path, 0o444)
        // Even as root, whose writes the mode would not stop.
        #expect(throws: DecisionStoreError(path: path, kind: .readOnlyFile("444"))) { try DecisionStore(path: path) }
        let opening = DecisionsOpening.open(path: path, readOnly: false)
        #expect(opening.store?.access == .readOnly)
        #expect(opening.reason?.contains("is read-only (mode 444)") == true)
        #expect(try opening.store?.decision(for: "1")?.state == .escalated)
    }

    @Test func leftoverReadOnlyWALAndSHMFilesAreMadeWritableAgain() throws {
        let root = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("decisions.sqlite").path
        try DecisionStore(path: path).mark(DecisionRequest(jobIDs: ["1"], state: .escalated), who: "ada")
        for suffix in ["-wal", "-shm"] {
            _ = FileManager.default.createFile(atPath: path + suffix, contents: nil)
            chmod(path + suffix, 0o444)
        }
        let store = try DecisionStore(path: path)
        try store.mark(DecisionRequest(jobIDs: ["2"], state: .cleared), who: "ada")
        #expect(try store.decision(for: "2")?.state == .cleared)
    }

    @Test func aDamagedDatabaseIsNotWrittenTo() throws {
        let root = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("decisions.sqlite").path
        let store = try DecisionStore(path: path)
        try store.mark(
            DecisionRequest(jobIDs: (0..<2000).map(String.init), state: .cleared, note: String(repeating: "n", count: 200)), who: "ada")
        // Damage a page inside the tables (not the header: SQLite would call it not a database).
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        let fd = open(path, O_WRONLY)
        let garbage = [UInt8](repeating: 0x5A, count: 4096)
        _ = garbage.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, 4096 * 5) }
        close(fd)
        do {
            _ = try DecisionStore(path: path)
            Issue.record("a damaged database was opened for writing")
        } catch {
            switch error.kind {
            case .failedCheck, .damaged, .notADatabase: break
            default: Issue.record("unexpected: \(error.description)")
            }
        }
    }
}
