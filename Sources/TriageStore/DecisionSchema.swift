import GRDB

/// The database's schema, by version. Each migration runs once, in order, inside one
/// IMMEDIATE transaction with the check of `PRAGMA user_version`, so two processes that
/// open a new database at the same moment cannot both migrate it.
enum DecisionSchema {
    /// Migrations in order: the database's `user_version` is how many have run.
    static let migrations: [(name: String, sql: String)] = [
        (
            "decisions and their audit trail",
            """
            CREATE TABLE decision (
                job_id   TEXT PRIMARY KEY NOT NULL,
                state    TEXT NOT NULL CHECK (state IN ('open', 'cleared', 'escalated', 'rerun')),
                note     TEXT NOT NULL DEFAULT '',
                who      TEXT NOT NULL,
                at       INTEGER NOT NULL,   -- milliseconds since 1970, UTC
                sequence INTEGER NOT NULL    -- the audit entry that made this decision
            );
            CREATE INDEX decision_by_sequence ON decision(sequence);
            CREATE TABLE audit (
                sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
                job_id         TEXT NOT NULL,
                state          TEXT NOT NULL CHECK (state IN ('open', 'cleared', 'escalated', 'rerun')),
                note           TEXT NOT NULL,
                who            TEXT NOT NULL,
                at             INTEGER NOT NULL,
                previous_state TEXT
            );
            CREATE INDEX audit_by_job ON audit(job_id, sequence);
            CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """
        ),
        // Jobs that name no job were keyed by their load position (`record:…`) in 0.1, and
        // are keyed by their content now: a moved decision keeps its old trail through this.
        (
            "old keys of moved decisions",
            """
            CREATE TABLE key_alias (
                old_key TEXT PRIMARY KEY NOT NULL,
                new_key TEXT NOT NULL
            );
            CREATE INDEX key_alias_by_new ON key_alias(new_key);
            """
        ),
        // Several people on one host: who is on which job, as on a shared server.
        (
            "claims",
            """
            CREATE TABLE claim (
                job_id TEXT NOT NULL,
                desk   TEXT NOT NULL,
                who    TEXT NOT NULL,
                until  INTEGER NOT NULL,   -- milliseconds since 1970, UTC
                PRIMARY KEY (job_id, desk)
            );
            """
        ),
    ]

    static var currentVersion: Int { migrations.count }

    static func version(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Brings the database up to date. Throws `newerSchema` for a database a newer
    /// smile-triage has migrated further than this one knows.
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        try queue.inTransaction(.immediate) { db in
            let version = try version(db)
            if version > currentVersion {
                throw DecisionStoreError(path: path, kind: .newerSchema(version: version, known: currentVersion))
            }
            for migration in migrations.dropFirst(version) {
                try db.execute(sql: migration.sql)
            }
            if version < currentVersion {
                try db.execute(sql: "PRAGMA user_version = \(currentVersion)")
            }
            return .commit
        }
    }
}
