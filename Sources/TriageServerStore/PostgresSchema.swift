/// The PostgreSQL schema, by version, in its own schema (`smile_triage`). Migrations run
/// under a transaction-level advisory lock, so two hosts starting at the same moment apply
/// each one once: the second waits, then finds the work done.
///
/// The audit trail is append-only in the database itself: a trigger refuses UPDATE, DELETE
/// and TRUNCATE whoever asks, and the application's group role is granted neither.
/// Writes to decisions and claims NOTIFY the `smile_triage` channel, for the other desks.
enum PostgresSchema {
    static let schema = "smile_triage"
    static let channel = "smile_triage"
    /// Taken (transaction-level) by migrations; `writerLock` by every change, so sequences
    /// are handed out in commit order and a poll `after` a sequence never misses a change.
    static let migrationLock: Int64 = 0x736D_696C_6501
    static let writerLock: Int64 = 0x736D_696C_6502
    /// NOLOGIN group roles a database's owner creates (README, "A shared queue"): members of
    /// the first mark and claim, members of the second only read.
    static let appRole = "smile_triage_app"
    static let readerRole = "smile_triage_reader"

    /// Migrations in order, each a list of statements (the extended protocol takes one at a
    /// time); `smile_triage.version` holds how many have run.
    static let migrations: [(name: String, statements: [String])] = [
        (
            "decisions, their audit trail, moved keys and claims",
            [
                """
                CREATE TABLE smile_triage.decision (
                    job_id   text PRIMARY KEY,
                    state    text NOT NULL CHECK (state IN ('open', 'cleared', 'escalated', 'rerun')),
                    note     text NOT NULL DEFAULT '',
                    who      text NOT NULL,
                    at       bigint NOT NULL,
                    sequence bigint NOT NULL
                )
                """,
                """
                CREATE INDEX decision_by_sequence ON smile_triage.decision (sequence)
                """,
                """
                CREATE TABLE smile_triage.audit (
                    sequence       bigserial PRIMARY KEY,
                    job_id         text NOT NULL,
                    state          text NOT NULL CHECK (state IN ('open', 'cleared', 'escalated', 'rerun')),
                    note           text NOT NULL,
                    who            text NOT NULL,
                    at             bigint NOT NULL,
                    previous_state text,
                    written_at     timestamptz NOT NULL DEFAULT now()
                )
                """,
                """
                CREATE INDEX audit_by_job ON smile_triage.audit (job_id, sequence)
                """,
                """
                CREATE FUNCTION smile_triage.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
                END $$
                """,
                """
                CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON smile_triage.audit
                    FOR EACH ROW EXECUTE FUNCTION smile_triage.refuse_audit_change()
                """,
                """
                CREATE TRIGGER audit_is_never_truncated BEFORE TRUNCATE ON smile_triage.audit
                    FOR EACH STATEMENT EXECUTE FUNCTION smile_triage.refuse_audit_change()
                """,
                """
                CREATE TABLE smile_triage.key_alias (
                    old_key text PRIMARY KEY,
                    new_key text NOT NULL
                )
                """,
                """
                CREATE INDEX key_alias_by_new ON smile_triage.key_alias (new_key)
                """,
                """
                CREATE TABLE smile_triage.claim (
                    job_id text NOT NULL,
                    desk   text NOT NULL,
                    who    text NOT NULL,
                    until  bigint NOT NULL,
                    PRIMARY KEY (job_id, desk)
                )
                """,
                """
                CREATE FUNCTION smile_triage.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('smile_triage', TG_TABLE_NAME);
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER decision_changed AFTER INSERT OR UPDATE OR DELETE ON smile_triage.decision
                    FOR EACH STATEMENT EXECUTE FUNCTION smile_triage.notify_change()
                """,
                """
                CREATE TRIGGER claim_changed AFTER INSERT OR UPDATE OR DELETE ON smile_triage.claim
                    FOR EACH STATEMENT EXECUTE FUNCTION smile_triage.notify_change()
                """,
            ]
        )
    ]

    static var currentVersion: Int { migrations.count }

    /// Grants for the group roles that exist, after every migration (so a new table is
    /// granted as the old ones were).
    static let grants = """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smile_triage_app') THEN
                GRANT USAGE ON SCHEMA smile_triage TO smile_triage_app;
                GRANT SELECT ON smile_triage.version TO smile_triage_app;
                GRANT SELECT, INSERT ON smile_triage.audit TO smile_triage_app;
                REVOKE UPDATE, DELETE, TRUNCATE ON smile_triage.audit FROM smile_triage_app;
                GRANT USAGE ON SEQUENCE smile_triage.audit_sequence_seq TO smile_triage_app;
                GRANT SELECT, INSERT, UPDATE, DELETE ON smile_triage.decision, smile_triage.key_alias, smile_triage.claim
                    TO smile_triage_app;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smile_triage_reader') THEN
                GRANT USAGE ON SCHEMA smile_triage TO smile_triage_reader;
                GRANT SELECT ON ALL TABLES IN SCHEMA smile_triage TO smile_triage_reader;
            END IF;
        END $$;
        """
}
