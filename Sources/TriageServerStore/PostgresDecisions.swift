import Foundation
import NIOCore
import PostgresNIO
import SmileJobs
import Synchronization
import TriageStore

/// A team's decisions on a PostgreSQL server, with the SQLite store's promises: a change
/// is one transaction that has committed before `mark` returns; a state and a note are read
/// and written in the same transaction; the trail is append-only in the database itself.
///
/// Other desks' changes arrive by LISTEN/NOTIFY on a second connection; `hasChanged` then
/// asks the server, and asks anyway every few seconds (and every time while the listener is
/// down), so a lost notification costs a few seconds, never a change.
public final class PostgresDecisions: DecisionsClient, @unchecked Sendable {
    public let location: PostgresLocation
    public let canWrite: Bool
    /// Why this client may not write, when it was not asked to be read-only (the role).
    public let readOnlyReason: String?
    private let server: PostgresLink
    private let listener: PostgresLink?

    struct Seen {
        /// The newest sequence seen; nil before the first look.
        var sequence: Int64?
        /// Sequences this client wrote that are newer than `sequence`.
        var own: Set<Int64> = []
        var lastAsked: UInt64 = 0
        /// `server.connectionCount` when last looked: a new connection means the listener's
        /// may be stale (a cut network), so it is made again.
        var connections = 0
    }

    private let seen = Mutex(Seen())
    /// Set by the listener when another desk's change is announced.
    private let notified = NotifiedFlag()

    final class NotifiedFlag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    /// How often `hasChanged` asks the server when no notification came.
    static let askEvery: UInt64 = 3_000_000_000

    public enum Access: Sendable, Equatable {
        case readWrite
        case readOnly
    }

    /// Connects (and, read-write, brings the schema up to date under the migration lock).
    /// `listen: false` leaves notifications off: `hasChanged` then asks the server each time.
    /// `waitsForReconnect`: while the server is out of reach, a call waits for the next
    /// attempt to reach it instead of failing at once (commands; never the dashboard).
    public init(
        location: PostgresLocation, access: Access = .readWrite, listen: Bool = true, waitsForReconnect: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DecisionStoreError) {
        self.location = location
        let lookup = location.password(environment: environment)
        server = try PostgresLink(location: location, password: lookup.password, waitsForReconnect: waitsForReconnect)
        let notified = self.notified
        let ownLink = server
        listener =
            listen
            ? try PostgresLink(
                location: location, password: lookup.password,
                onConnect: { connection in
                    connection.addListener(channel: PostgresSchema.channel) { _, notification in
                        guard notification.backendPID != ownLink.backendPID else { return }
                        notified.raised.store(true, ordering: .releasing)
                    }
                }) : nil
        let server = self.server
        do {
            try server.with { connection in
                if access == .readWrite { try PostgresDecisions.migrate(server, connection) }
                let version = try PostgresDecisions.schemaVersion(server, connection)
                if version == 0 {
                    throw DecisionStoreError(
                        path: location.description,
                        kind: .other("holds no smile-triage tables yet: open it once read-write as the database's owner"))
                }
                if version > PostgresSchema.currentVersion {
                    throw DecisionStoreError(
                        path: location.description, kind: .newerSchema(version: version, known: PostgresSchema.currentVersion))
                }
            }
        } catch {
            if let warning = lookup.warning {
                throw DecisionStoreError(path: location.description, kind: .refused("\(error.kind); \(warning)"))
            }
            throw error
        }
        if access == .readOnly {
            canWrite = false
            readOnlyReason = nil
        } else {
            let reason = try server.with { try PostgresDecisions.whyReadOnly(server, $0) }
            canWrite = reason == nil
            readOnlyReason = reason
        }
        if let listener = self.listener { try? listener.with { try PostgresDecisions.listen(listener, $0) } }
        _ = hasChanged()
    }

    deinit {
        server.close()
        listener?.close()
    }

    // MARK: - Schema

    static func schemaVersion(_ server: PostgresLink, _ connection: PostgresConnection) throws -> Int {
        let exists = try server.query(connection, "SELECT to_regclass('smile_triage.version') IS NOT NULL")
        guard try exists.first?.decode(Bool.self) == true else { return 0 }
        let rows = try server.query(connection, "SELECT max(version) FROM smile_triage.version")
        return try rows.first?.decode(Int?.self).map { $0 } ?? 0
    }

    /// Applies the migrations this server lacks, once, under the migration lock; a role that
    /// may not create them gets a clear error only when there is something to create.
    static func migrate(_ server: PostgresLink, _ connection: PostgresConnection) throws {
        if try schemaVersion(server, connection) == PostgresSchema.currentVersion { return }
        _ = try server.query(connection, "BEGIN")
        do {
            _ = try server.query(connection, "SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))")
            _ = try server.query(connection, "CREATE SCHEMA IF NOT EXISTS smile_triage")
            _ = try server.query(connection, "CREATE TABLE IF NOT EXISTS smile_triage.version (version integer NOT NULL)")
            let version = try schemaVersion(server, connection)
            if version > PostgresSchema.currentVersion {
                throw DecisionStoreError(
                    path: server.location.description, kind: .newerSchema(version: version, known: PostgresSchema.currentVersion))
            }
            for migration in PostgresSchema.migrations.dropFirst(version) {
                for statement in migration.statements { _ = try server.query(connection, PostgresQuery(unsafeSQL: statement)) }
            }
            _ = try server.query(connection, "DELETE FROM smile_triage.version")
            _ = try server.query(connection, "INSERT INTO smile_triage.version (version) VALUES (\(PostgresSchema.currentVersion))")
            _ = try server.query(connection, PostgresQuery(unsafeSQL: PostgresSchema.grants))
            _ = try server.query(connection, "COMMIT")
        } catch {
            _ = try? server.query(connection, "ROLLBACK")
            let failure = PostgresLink.describe(error)
            if case .notPermitted = failure.kind {
                throw DecisionStoreError(
                    path: server.location.description,
                    kind: .notPermitted(
                        "the smile-triage tables are missing or old, and this role may not create them; connect once as the database's owner"
                    ))
            }
            throw error
        }
    }

    /// Nil when the role may mark; else why not, as the Smile ID Portal's Auditor may look
    /// and not decide.
    static func whyReadOnly(_ server: PostgresLink, _ connection: PostgresConnection) throws -> String? {
        let rows = try server.query(
            connection,
            """
            SELECT current_user::text,
                has_table_privilege('smile_triage.audit', 'INSERT')
                    AND has_table_privilege('smile_triage.decision', 'INSERT, UPDATE')
                    AND has_sequence_privilege('smile_triage.audit_sequence_seq', 'USAGE'),
                current_setting('transaction_read_only') = 'on'
            """)
        guard let row = rows.first else { return nil }
        let (role, mayWrite, readOnlyServer) = try row.decode((String, Bool, Bool).self)
        if readOnlyServer { return "the server only reads (a standby, or default_transaction_read_only)" }
        if !mayWrite { return "the role \(role) may read decisions, not make them (an auditor's role)" }
        return nil
    }

    static func listen(_ server: PostgresLink, _ connection: PostgresConnection) throws {
        _ = try server.query(connection, "LISTEN smile_triage")
    }

    // MARK: - Writing

    public func mark(_ request: DecisionRequest, who: String, at: Timestamp) throws(DecisionStoreError) -> [Decision] {
        guard canWrite else { throw readOnlyError() }
        guard !request.jobIDs.isEmpty else { return [] }
        let decided = try server.transaction { connection -> [Decision] in
            try lockWriters(connection)
            let existing = try currentDecisions(connection, request.jobIDs)
            var decided: [Decision] = []
            for jobID in request.jobIDs {
                let before = decided.last(where: { $0.jobID == jobID }) ?? existing[jobID]
                var decision = request.applied(to: before, jobID: jobID, who: who, at: at, sequence: 0)
                decision.sequence = try appendAudit(
                    connection, jobID: jobID, state: decision.state, note: decision.note, who: who, at: at,
                    previous: before?.state)
                try upsert(connection, decision)
                decided.append(decision)
            }
            return decided
        }
        noteOwn(decided.map(\.sequence))
        return decided
    }

    public func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp) throws(DecisionStoreError) -> [Decision] {
        guard canWrite else { throw readOnlyError() }
        guard !moves.isEmpty else { return [] }
        let moved = try server.transaction { connection -> [Decision] in
            try lockWriters(connection)
            var moved: [Decision] = []
            for move in moves {
                guard let old = try currentDecisions(connection, [move.old])[move.old] else { continue }
                _ = try server.query(
                    connection,
                    """
                    INSERT INTO smile_triage.key_alias (old_key, new_key) VALUES (\(move.old), \(move.new))
                    ON CONFLICT (old_key) DO UPDATE SET new_key = excluded.new_key
                    """)
                _ = try server.query(connection, "DELETE FROM smile_triage.decision WHERE job_id = \(move.old)")
                guard try currentDecisions(connection, [move.new])[move.new] == nil else { continue }
                let sequence = try appendAudit(
                    connection, jobID: move.new, state: old.state, note: old.note, who: who, at: at, previous: old.state)
                let decision = Decision(jobID: move.new, state: old.state, note: old.note, who: old.who, at: old.at, sequence: sequence)
                try upsert(connection, decision)
                moved.append(decision)
            }
            return moved
        }
        noteOwn(moved.map(\.sequence))
        return moved
    }

    /// Every change takes this lock until it commits, so sequences are handed out in commit
    /// order: another desk polling `changes(after:)` can never skip one that commits late.
    private func lockWriters(_ connection: PostgresConnection) throws {
        _ = try server.query(connection, "SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))")
    }

    private func appendAudit(
        _ connection: PostgresConnection, jobID: String, state: DecisionState, note: String, who: String, at: Timestamp,
        previous: DecisionState?
    ) throws -> Int64 {
        let rows = try server.query(
            connection,
            """
            INSERT INTO smile_triage.audit (job_id, state, note, who, at, previous_state)
            VALUES (\(jobID), \(state.rawValue), \(note), \(who), \(at.millisecondsSince1970), \(previous?.rawValue))
            RETURNING sequence
            """)
        guard let sequence = try rows.first?.decode(Int64.self) else {
            throw DecisionStoreError(path: location.description, kind: .other("the server returned no sequence"))
        }
        return sequence
    }

    private func upsert(_ connection: PostgresConnection, _ decision: Decision) throws {
        _ = try server.query(
            connection,
            """
            INSERT INTO smile_triage.decision (job_id, state, note, who, at, sequence)
            VALUES (\(decision.jobID), \(decision.state.rawValue), \(decision.note), \(decision.who),
                \(decision.at.millisecondsSince1970), \(decision.sequence))
            ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, note = excluded.note,
                who = excluded.who, at = excluded.at, sequence = excluded.sequence
            """)
    }

    /// The current decisions of some jobs, locked for this transaction.
    private func currentDecisions(_ connection: PostgresConnection, _ jobIDs: [String]) throws -> [String: Decision] {
        let rows = try server.query(
            connection,
            "SELECT job_id, state, note, who, at, sequence FROM smile_triage.decision WHERE job_id = ANY(\(jobIDs)) FOR UPDATE")
        var found: [String: Decision] = [:]
        for row in rows {
            let decision = try PostgresDecisions.decision(row)
            found[decision.jobID] = decision
        }
        return found
    }

    private func noteOwn(_ sequences: [Int64]) {
        seen.withLock { seen in
            for sequence in sequences where sequence > (seen.sequence ?? 0) { seen.own.insert(sequence) }
        }
    }

    private func readOnlyError() -> DecisionStoreError {
        DecisionStoreError(path: location.description, kind: readOnlyReason.map { .notPermitted($0) } ?? .readOnly)
    }

    // MARK: - Reading

    public func decisions(since: Timestamp?) throws(DecisionStoreError) -> [Decision] {
        try fetchDecisions(
            """
            SELECT job_id, state, note, who, at, sequence FROM smile_triage.decision
            WHERE at >= \(since?.millisecondsSince1970 ?? Int64.min) ORDER BY sequence
            """)
    }

    public func changes(after sequence: Int64) throws(DecisionStoreError) -> [Decision] {
        try fetchDecisions(
            "SELECT job_id, state, note, who, at, sequence FROM smile_triage.decision WHERE sequence > \(sequence) ORDER BY sequence")
    }

    public func decision(for jobID: String) throws(DecisionStoreError) -> Decision? {
        try fetchDecisions("SELECT job_id, state, note, who, at, sequence FROM smile_triage.decision WHERE job_id = \(jobID)").first
    }

    public func audit(jobID: String) throws(DecisionStoreError) -> [AuditEntry] {
        try server.with { connection in
            try server.query(
                connection,
                """
                SELECT sequence, job_id, state, note, who, at, previous_state FROM smile_triage.audit
                WHERE job_id = \(jobID) OR job_id IN (SELECT old_key FROM smile_triage.key_alias WHERE new_key = \(jobID))
                ORDER BY sequence
                """
            ).map(PostgresDecisions.auditEntry)
        }
    }

    /// How many entries the trail holds.
    public func auditCount() throws(DecisionStoreError) -> Int {
        try server.with { connection in
            try server.query(connection, "SELECT count(*) FROM smile_triage.audit").first?.decode(Int.self) ?? 0
        }
    }

    private func fetchDecisions(_ query: PostgresQuery) throws(DecisionStoreError) -> [Decision] {
        try server.with { connection in try server.query(connection, query).map(PostgresDecisions.decision) }
    }

    /// True when another desk has changed decisions since the last call: after a
    /// notification, every few seconds regardless, and every call while not listening.
    public func hasChanged() -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        if let listener { try? listener.with { _ in } }
        let listening = listener.map { if case .online = $0.status { return true } else { return false } } ?? false
        let connections = server.connectionCount
        if let listener,
            seen.withLock({ seen in
                defer { seen.connections = connections }
                return seen.connections != 0 && seen.connections != connections
            })
        {
            listener.reset()
        }
        let wasNotified = notified.raised.exchange(false, ordering: .acquiringAndReleasing)
        let ask = seen.withLock { seen -> Bool in
            let due = !listening || wasNotified || seen.sequence == nil || now - seen.lastAsked > PostgresDecisions.askEvery
            if due { seen.lastAsked = now }
            return due
        }
        guard ask else { return false }
        let after = seen.withLock { $0.sequence ?? 0 }
        guard
            let (count, newest) = try? server.with({ connection in
                try server.query(
                    connection,
                    "SELECT count(*), coalesce(max(sequence), 0) FROM smile_triage.audit WHERE sequence > \(after)"
                ).first?.decode((Int, Int64).self)
            }) ?? nil
        else { return false }
        return seen.withLock { seen in
            let first = seen.sequence == nil
            let ownCount = seen.own.filter { $0 > after && $0 <= newest }.count
            seen.sequence = max(seen.sequence ?? 0, newest)
            seen.own = seen.own.filter { $0 > seen.sequence! }
            return !first && count > ownCount
        }
    }

    public var link: DecisionsLink { server.status }

    // MARK: - Claims

    public func claim(jobID: String, who: String, desk: String, until: Timestamp) throws(DecisionStoreError) {
        guard canWrite else { throw readOnlyError() }
        try server.transaction { connection in
            _ = try server.query(connection, "DELETE FROM smile_triage.claim WHERE desk = \(desk) AND job_id <> \(jobID)")
            _ = try server.query(
                connection,
                """
                INSERT INTO smile_triage.claim (job_id, desk, who, until) VALUES (\(jobID), \(desk), \(who), \(until.millisecondsSince1970))
                ON CONFLICT (job_id, desk) DO UPDATE SET who = excluded.who, until = excluded.until
                """)
        }
    }

    public func releaseClaims(desk: String) throws(DecisionStoreError) {
        guard canWrite else { return }
        try server.with { connection in _ = try server.query(connection, "DELETE FROM smile_triage.claim WHERE desk = \(desk)") }
    }

    public func claims(now: Timestamp) throws(DecisionStoreError) -> [Claim] {
        try server.with { connection in
            try server.query(
                connection,
                "SELECT job_id, desk, who, until FROM smile_triage.claim WHERE until > \(now.millisecondsSince1970) ORDER BY job_id, desk"
            ).map { row in
                let (jobID, desk, who, until) = try row.decode((String, String, String, Int64).self)
                return Claim(jobID: jobID, who: who, desk: desk, until: Timestamp(millisecondsSince1970: until))
            }
        }
    }

    // MARK: - Copying

    public func archive() throws(DecisionStoreError) -> DecisionsArchive {
        try server.transaction { connection in
            _ = try server.query(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return try archive(connection)
        }
    }

    private func archive(_ connection: PostgresConnection) throws -> DecisionsArchive {
        let trail = try server.query(
            connection, "SELECT sequence, job_id, state, note, who, at, previous_state FROM smile_triage.audit ORDER BY sequence"
        ).map(PostgresDecisions.auditEntry)
        let aliases = try server.query(connection, "SELECT old_key, new_key FROM smile_triage.key_alias ORDER BY old_key").map { row in
            let (old, new) = try row.decode((String, String).self)
            return KeyAlias(old: old, new: new)
        }
        let decisions = try server.query(
            connection, "SELECT job_id, state, note, who, at, sequence FROM smile_triage.decision ORDER BY sequence"
        ).map(PostgresDecisions.decision)
        return DecisionsArchive(trail: trail, aliases: aliases, decisions: decisions)
    }

    public func restore(_ archive: DecisionsArchive) throws(DecisionStoreError) -> ArchivePlan {
        guard canWrite else { throw readOnlyError() }
        var written: [Int64] = []
        let plan = try server.transaction { connection -> ArchivePlan in
            try lockWriters(connection)
            let plan = archive.plan(into: try self.archive(connection))
            for entry in plan.entries {
                written.append(
                    try appendAudit(
                        connection, jobID: entry.jobID, state: entry.state, note: entry.note, who: entry.who, at: entry.at,
                        previous: entry.previousState))
            }
            for alias in plan.aliases {
                _ = try server.query(
                    connection,
                    "INSERT INTO smile_triage.key_alias (old_key, new_key) VALUES (\(alias.old), \(alias.new)) ON CONFLICT DO NOTHING")
            }
            for decision in plan.decisions {
                let newest = try server.query(
                    connection, "SELECT coalesce(max(sequence), 0) FROM smile_triage.audit WHERE job_id = \(decision.jobID)"
                ).first?.decode(Int64.self)
                var set = decision
                set.sequence = newest ?? 0
                try upsert(connection, set)
            }
            return plan
        }
        noteOwn(written)
        return plan
    }

    // MARK: - Rows

    static func decision(_ row: PostgresRow) throws -> Decision {
        let (jobID, state, note, who, at, sequence) = try row.decode((String, String, String, String, Int64, Int64).self)
        return Decision(
            jobID: jobID, state: DecisionState(rawValue: state) ?? .open, note: note, who: who,
            at: Timestamp(millisecondsSince1970: at), sequence: sequence)
    }

    static func auditEntry(_ row: PostgresRow) throws -> AuditEntry {
        let (sequence, jobID, state, note, who, at, previous) = try row.decode((Int64, String, String, String, String, Int64, String?).self)
        return AuditEntry(
            sequence: sequence, jobID: jobID, state: DecisionState(rawValue: state) ?? .open, note: note, who: who,
            at: Timestamp(millisecondsSince1970: at), previousState: previous.flatMap(DecisionState.init(rawValue:)))
    }
}
