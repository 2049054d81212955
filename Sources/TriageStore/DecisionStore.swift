import Foundation
import GRDB
import SmileJobs
import Synchronization

/// Triage decisions in SQLite: the current decision per job, and an audit trail that is
/// only ever appended to (triggers refuse updates and deletes).
///
/// Durability: WAL mode with `synchronous = FULL`, and every change is one IMMEDIATE
/// transaction that has committed (and reached the disk) before `mark` returns, so what
/// the caller then reports as saved survives `kill -9` or a dropped session. Several
/// processes may share one file: writers wait for each other (a busy timeout, then a few
/// retries) instead of failing with "database is locked".
public final class DecisionStore: DecisionsClient {
    public enum Access: Sendable, Equatable {
        case readWrite
        case readOnly
    }

    public let path: String
    public let access: Access
    public var canWrite: Bool { access == .readWrite }
    let queue: DatabaseQueue
    /// The schema version the file has (a read-only file may be older than this build's).
    let schemaVersion: Int
    /// `PRAGMA data_version` when last looked at: it changes when another connection commits.
    private let seenDataVersion = Mutex<Int?>(nil)

    /// How long a writer waits for another to finish before a retry.
    static let busyTimeout: TimeInterval = 5
    static let busyRetries = 8

    /// Opens (and, read-write, creates and migrates) the database at `path`.
    ///
    /// The decisions hold user ids and notes (personal data): a new folder is made 0700,
    /// the file and its `-wal` and `-shm` 0600, whatever the umask. A file whose mode allows
    /// no writing is not written (even by root): it opens read-only, saying so. Read-write,
    /// the file must pass SQLite's `quick_check`: a damaged database is not written to.
    public init(path: String, access: Access = .readWrite) throws(DecisionStoreError) {
        self.path = path
        self.access = access
        if access == .readWrite {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                let existed = FileManager.default.fileExists(atPath: folder)
                do {
                    try FileManager.default.createDirectory(
                        atPath: folder, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: 0o700])
                } catch {
                    throw DecisionStoreError(path: path, kind: .cannotCreateFolder(DecisionStore.reason(error)))
                }
                if !existed { chmod(folder, 0o700) }
            }
            try DecisionStore.prepareFiles(path)
        } else if !FileManager.default.fileExists(atPath: path) {
            throw DecisionStoreError(path: path, kind: .cannotOpen("no such file"))
        }
        var configuration = Configuration()
        configuration.readonly = access == .readOnly
        configuration.busyMode = .timeout(DecisionStore.busyTimeout)
        configuration.label = "decisions"
        var version = DecisionSchema.currentVersion
        var opened: DatabaseQueue?
        do {
            let database = try DecisionStore.retryingWhileBusy { try DatabaseQueue(path: path, configuration: configuration) }
            opened = database
            if access == .readWrite {
                try DecisionStore.retryingWhileBusy {
                    try database.writeWithoutTransaction { db in
                        // WAL: readers never wait for the writer, and a commit is one append.
                        if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                                throw DecisionStoreError(path: path, kind: .other("cannot switch to WAL mode (a network file system?)"))
                            }
                        }
                        // FULL: each commit is on disk before it returns, not only in the OS.
                        try db.execute(sql: "PRAGMA synchronous = FULL")
                    }
                }
                try DecisionStore.retryingWhileBusy { try DecisionSchema.migrate(database, path: path) }
                let check = try database.read { try String.fetchOne($0, sql: "PRAGMA quick_check") } ?? "no answer"
                guard check == "ok" else {
                    throw DecisionStoreError(path: path, kind: .failedCheck(String(check.prefix(200))))
                }
            } else {
                version = try database.read { try DecisionSchema.version($0) }
                if version > DecisionSchema.currentVersion {
                    throw DecisionStoreError(path: path, kind: .newerSchema(version: version, known: DecisionSchema.currentVersion))
                }
                if version == 0 {
                    throw DecisionStoreError(path: path, kind: .other("holds no decisions table (never opened read-write)"))
                }
            }
        } catch {
            throw DecisionStoreError.from(error, path: path)
        }
        queue = opened!
        schemaVersion = version
        _ = hasChanged()
    }

    /// Before SQLite opens a file read-write: a new one is made 0600 (SQLite gives its
    /// `-wal` and `-shm` the file's mode); a file, `-wal` or `-shm` whose mode allows no
    /// writing means the database is read-only (`readOnlyFile`), unless only a leftover
    /// `-wal`/`-shm` of ours is, which is made writable again.
    static func prepareFiles(_ path: String) throws(DecisionStoreError) {
        var info = stat()
        if stat(path, &info) != 0 {
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                close(fd)
            }
            return
        }
        let mode = info.st_mode & 0o777
        if mode & 0o200 == 0 {
            throw DecisionStoreError(path: path, kind: .readOnlyFile(String(mode, radix: 8)))
        }
        for suffix in ["-wal", "-shm"] {
            var side = stat()
            guard stat(path + suffix, &side) == 0, side.st_mode & 0o200 == 0 else { continue }
            // Left read-only (a chmod of the database that missed them): ours to mend.
            if side.st_uid == getuid() { chmod(path + suffix, mode_t(mode & 0o600)) }
        }
    }

    /// `$XDG_STATE_HOME/smile-triage/decisions.sqlite`, else under `~/.local/state`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            state = (home as NSString).appendingPathComponent(".local/state")
        }
        return (state as NSString).appendingPathComponent("smile-triage/decisions.sqlite")
    }

    /// Who is deciding: `$USER`, else the account's name, else the uid.
    public static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    // MARK: - Writing

    /// Records a decision for each job in one transaction, and returns what each job's
    /// decision now is. When it returns, the change is on disk.
    @discardableResult
    public func mark(_ request: DecisionRequest, who: String, at: Timestamp = .now) throws(DecisionStoreError) -> [Decision] {
        guard access == .readWrite else { throw DecisionStoreError(path: path, kind: .readOnly) }
        guard !request.jobIDs.isEmpty else { return [] }
        return try writing { db in try DecisionStore.apply(request, who: who, at: at, db: db) }
    }

    /// The change, inside the caller's transaction: the current state and note are read in
    /// the same transaction, so a note someone else just wrote is kept when only the state
    /// changes here (no lost update).
    static func apply(_ request: DecisionRequest, who: String, at: Timestamp, db: Database) throws -> [Decision] {
        var decided: [Decision] = []
        for jobID in request.jobIDs {
            let existing = try decision(for: jobID, db: db)
            // The sequence is the audit row's id, known once it is written: the rule first, then both rows.
            let change = request.applied(to: existing, jobID: jobID, who: who, at: at, sequence: 0)
            try db.execute(
                sql: "INSERT INTO audit (job_id, state, note, who, at, previous_state) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [jobID, change.state.rawValue, change.note, who, at.millisecondsSince1970, existing?.state.rawValue]
            )
            var decision = change
            decision.sequence = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO decision (job_id, state, note, who, at, sequence) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, note = excluded.note,
                        who = excluded.who, at = excluded.at, sequence = excluded.sequence
                    """,
                arguments: [jobID, decision.state.rawValue, decision.note, who, at.millisecondsSince1970, decision.sequence]
            )
            decided.append(decision)
        }
        return decided
    }

    /// Moves decisions from old keys to new ones, each in the same transaction as its audit
    /// row: the new key gets the old key's state and note (unless it has a decision of its
    /// own), an audit row says so, the old key's decision goes, and its trail stays, found
    /// under the new key through `key_alias`. Returns the decisions now under new keys.
    @discardableResult
    public func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp = .now) throws(DecisionStoreError) -> [Decision] {
        guard access == .readWrite else { throw DecisionStoreError(path: path, kind: .readOnly) }
        guard !moves.isEmpty else { return [] }
        return try writing { db in
            var moved: [Decision] = []
            for move in moves {
                guard let old = try DecisionStore.decision(for: move.old, db: db) else { continue }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO key_alias (old_key, new_key) VALUES (?, ?)", arguments: [move.old, move.new])
                try db.execute(sql: "DELETE FROM decision WHERE job_id = ?", arguments: [move.old])
                guard try DecisionStore.decision(for: move.new, db: db) == nil else { continue }
                try db.execute(
                    sql: "INSERT INTO audit (job_id, state, note, who, at, previous_state) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [move.new, old.state.rawValue, old.note, who, at.millisecondsSince1970, old.state.rawValue])
                let sequence = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO decision (job_id, state, note, who, at, sequence) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [move.new, old.state.rawValue, old.note, old.who, old.at.millisecondsSince1970, sequence])
                moved.append(
                    Decision(jobID: move.new, state: old.state, note: old.note, who: old.who, at: old.at, sequence: sequence))
            }
            return moved
        }
    }

    // MARK: - Reading

    /// Every current decision, oldest change first; with `since`, those decided at or after it.
    public func decisions(since: Timestamp? = nil) throws(DecisionStoreError) -> [Decision] {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM decision WHERE at >= ? ORDER BY sequence",
                arguments: [since?.millisecondsSince1970 ?? Int64.min]
            ).map(DecisionStore.decision(from:))
        }
    }

    /// Decisions changed after a sequence number (what other processes did since we looked).
    public func changes(after sequence: Int64) throws(DecisionStoreError) -> [Decision] {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM decision WHERE sequence > ? ORDER BY sequence",
                arguments: [sequence]
            ).map(DecisionStore.decision(from:))
        }
    }

    public func decision(for jobID: String) throws(DecisionStoreError) -> Decision? {
        try reading { db in try DecisionStore.decision(for: jobID, db: db) }
    }

    /// A job's trail, oldest first.
    public func audit(jobID: String) throws(DecisionStoreError) -> [AuditEntry] {
        try reading { db in
            // A file older than key_alias (read-only, not migrated) has no moved keys.
            let sql =
                schemaVersion >= 2
                ? "SELECT * FROM audit WHERE job_id = ? OR job_id IN (SELECT old_key FROM key_alias WHERE new_key = ?) ORDER BY sequence"
                : "SELECT * FROM audit WHERE job_id = ? AND ? IS NOT NULL ORDER BY sequence"
            return try Row.fetchAll(db, sql: sql, arguments: [jobID, jobID]).map(DecisionStore.auditEntry(from:))
        }
    }

    /// How many entries the audit trail holds.
    public func auditCount() throws(DecisionStoreError) -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 }
    }

    /// True when another connection has committed since the last call (`PRAGMA data_version`,
    /// which costs no read of the tables).
    public func hasChanged() -> Bool {
        guard let version = try? queue.read({ try Int.fetchOne($0, sql: "PRAGMA data_version") }) else { return false }
        return seenDataVersion.withLock { seen in
            defer { seen = version }
            return seen != nil && seen != version
        }
    }

    /// `PRAGMA synchronous` on this connection (2 is FULL), for tests of durability.
    func synchronousLevel() -> Int? {
        try? queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    }

    func reading<T>(_ body: (Database) throws -> T) throws(DecisionStoreError) -> T {
        do {
            return try DecisionStore.retryingWhileBusy { try queue.read(body) }
        } catch {
            throw DecisionStoreError.from(error, path: path)
        }
    }

    static func decision(for jobID: String, db: Database) throws -> Decision? {
        try Row.fetchOne(db, sql: "SELECT * FROM decision WHERE job_id = ?", arguments: [jobID]).map(decision(from:))
    }

    static func decision(from row: Row) -> Decision {
        Decision(
            jobID: row["job_id"], state: state(row["state"]), note: row["note"], who: row["who"],
            at: Timestamp(millisecondsSince1970: row["at"]), sequence: row["sequence"])
    }

    /// The schema's CHECK keeps states to the four known; anything else reads as open.
    static func state(_ raw: String) -> DecisionState {
        DecisionState(rawValue: raw) ?? .open
    }

    /// Runs `body`, again after a pause when SQLite still reports the database busy after
    /// its own timeout (a checkpoint or a long writer elsewhere).
    static func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                attempt += 1
                if attempt > busyRetries { throw error }
                usleep(UInt32(50_000 * attempt))
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        let described = (error as NSError).localizedDescription
        return described.isEmpty ? String(describing: error) : described
    }
}

extension Timestamp {
    /// Now, to the millisecond.
    public static var now: Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(millisecondsSince1970: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }
}
