import GRDB
import SmileJobs

/// Claims and whole-store copies in SQLite, with the same rules as the team's server.
extension DecisionStore {
    public var link: DecisionsLink { .local }

    public func claim(jobID: String, who: String, desk: String, until: Timestamp) throws(DecisionStoreError) {
        try writing { db in
            try db.execute(sql: "DELETE FROM claim WHERE desk = ? AND job_id <> ?", arguments: [desk, jobID])
            try db.execute(
                sql: """
                    INSERT INTO claim (job_id, desk, who, until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (job_id, desk) DO UPDATE SET who = excluded.who, until = excluded.until
                    """, arguments: [jobID, desk, who, until.millisecondsSince1970])
        }
    }

    public func releaseClaims(desk: String) throws(DecisionStoreError) {
        guard canWrite else { return }
        try writing { db in try db.execute(sql: "DELETE FROM claim WHERE desk = ?", arguments: [desk]) }
    }

    public func claims(now: Timestamp) throws(DecisionStoreError) -> [Claim] {
        // A read-only file older than claims has none.
        guard schemaVersion >= 3 else { return [] }
        return try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM claim WHERE until > ? ORDER BY job_id, desk", arguments: [now.millisecondsSince1970]
            ).map { row in
                Claim(jobID: row["job_id"], who: row["who"], desk: row["desk"], until: Timestamp(millisecondsSince1970: row["until"]))
            }
        }
    }

    public func archive() throws(DecisionStoreError) -> DecisionsArchive {
        try reading { db in try DecisionStore.archive(db, withAliases: schemaVersion >= 2) }
    }

    public func restore(_ archive: DecisionsArchive) throws(DecisionStoreError) -> ArchivePlan {
        try writing { db in
            let plan = archive.plan(into: try DecisionStore.archive(db, withAliases: true))
            for entry in plan.entries {
                try db.execute(
                    sql: "INSERT INTO audit (job_id, state, note, who, at, previous_state) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        entry.jobID, entry.state.rawValue, entry.note, entry.who, entry.at.millisecondsSince1970,
                        entry.previousState?.rawValue,
                    ])
            }
            for alias in plan.aliases {
                try db.execute(sql: "INSERT OR IGNORE INTO key_alias (old_key, new_key) VALUES (?, ?)", arguments: [alias.old, alias.new])
            }
            for decision in plan.decisions {
                try db.execute(
                    sql: """
                        INSERT INTO decision (job_id, state, note, who, at, sequence)
                        VALUES (?, ?, ?, ?, ?, coalesce((SELECT max(sequence) FROM audit WHERE job_id = ?), 0))
                        ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, note = excluded.note,
                            who = excluded.who, at = excluded.at, sequence = excluded.sequence
                        """,
                    arguments: [
                        decision.jobID, decision.state.rawValue, decision.note, decision.who, decision.at.millisecondsSince1970,
                        decision.jobID,
                    ])
            }
            return plan
        }
    }

    static func archive(_ db: Database, withAliases: Bool) throws -> DecisionsArchive {
        let trail = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence").map(DecisionStore.auditEntry(from:))
        let aliases =
            withAliases
            ? try Row.fetchAll(db, sql: "SELECT old_key, new_key FROM key_alias ORDER BY old_key").map {
                KeyAlias(old: $0["old_key"], new: $0["new_key"])
            } : []
        let decisions = try Row.fetchAll(db, sql: "SELECT * FROM decision ORDER BY sequence").map(DecisionStore.decision(from:))
        return DecisionsArchive(trail: trail, aliases: aliases, decisions: decisions)
    }

    static func auditEntry(from row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row["sequence"], jobID: row["job_id"], state: DecisionStore.state(row["state"]),
            note: row["note"], who: row["who"], at: Timestamp(millisecondsSince1970: row["at"]),
            previousState: (row["previous_state"] as String?).flatMap(DecisionState.init(rawValue:)))
    }

    /// One IMMEDIATE transaction, retried while busy, on a store opened read-write; what
    /// `body` returns once it has committed.
    @discardableResult
    func writing<T>(_ body: (Database) throws -> T) throws(DecisionStoreError) -> T {
        guard canWrite else { throw DecisionStoreError(path: path, kind: .readOnly) }
        do {
            return try DecisionStore.retryingWhileBusy {
                var result: T?
                try queue.inTransaction(.immediate) { db in
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw DecisionStoreError.from(error, path: path)
        }
    }
}
