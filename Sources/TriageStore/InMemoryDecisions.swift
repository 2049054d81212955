import SmileJobs
import Synchronization

/// Decisions kept in memory, with the SQLite store's behaviour (the contract tests hold the
/// two to it): a sequence per change across every client of one backing, an append-only
/// trail, moved keys' trails found under the new key, `hasChanged` when another client of
/// the same backing wrote. For tests, snapshots and a dashboard run without a database.
public final class InMemoryDecisions: DecisionsClient {
    /// What several clients share, as several connections share one SQLite file.
    public final class Backing: Sendable {
        struct Contents {
            var current: [String: Decision] = [:]
            var trail: [AuditEntry] = []
            /// Old key → new key, for trails.
            var aliases: [String: String] = [:]
            /// Bumped by every change, with the client that made it.
            var version = 0
            var lastWriter: ObjectIdentifier?
            /// By job, then desk.
            var claims: [String: [String: Claim]] = [:]
        }

        let contents = Mutex(Contents())

        public init() {}
    }

    public let backing: Backing
    public let canWrite: Bool
    /// The backing's version when this client last asked `hasChanged`.
    private let seenVersion = Mutex<Int?>(nil)

    public init(backing: Backing = Backing(), canWrite: Bool = true) {
        self.backing = backing
        self.canWrite = canWrite
    }

    public func mark(_ request: DecisionRequest, who: String, at: Timestamp) throws -> [Decision] {
        guard canWrite else { throw InMemoryDecisionsError.readOnly }
        return backing.contents.withLock { contents in
            let decided = request.jobIDs.map { jobID in
                let existing = contents.current[jobID]
                let sequence = Int64(contents.trail.count + 1)
                let decision = request.applied(to: existing, jobID: jobID, who: who, at: at, sequence: sequence)
                contents.trail.append(
                    AuditEntry(
                        sequence: sequence, jobID: jobID, state: decision.state, note: decision.note,
                        who: who, at: at, previousState: existing?.state))
                contents.current[jobID] = decision
                return decision
            }
            if !decided.isEmpty { wrote(&contents) }
            return decided
        }
    }

    public func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp) throws -> [Decision] {
        guard canWrite else { throw InMemoryDecisionsError.readOnly }
        return backing.contents.withLock { contents in
            var moved: [Decision] = []
            for move in moves {
                guard let old = contents.current[move.old] else { continue }
                contents.aliases[move.old] = move.new
                contents.current[move.old] = nil
                guard contents.current[move.new] == nil else { continue }
                let sequence = Int64(contents.trail.count + 1)
                contents.trail.append(
                    AuditEntry(
                        sequence: sequence, jobID: move.new, state: old.state, note: old.note,
                        who: who, at: at, previousState: old.state))
                let decision = Decision(jobID: move.new, state: old.state, note: old.note, who: old.who, at: old.at, sequence: sequence)
                contents.current[move.new] = decision
                moved.append(decision)
            }
            if !moves.isEmpty { wrote(&contents) }
            return moved
        }
    }

    fileprivate func wrote(_ contents: inout Backing.Contents) {
        contents.version += 1
        contents.lastWriter = ObjectIdentifier(self)
    }

    public func decisions(since: Timestamp?) throws -> [Decision] {
        backing.contents.withLock { contents in
            contents.current.values.filter { since == nil || $0.at >= since! }.sorted { $0.sequence < $1.sequence }
        }
    }

    public func changes(after sequence: Int64) throws -> [Decision] {
        backing.contents.withLock { contents in
            contents.current.values.filter { $0.sequence > sequence }.sorted { $0.sequence < $1.sequence }
        }
    }

    public func decision(for jobID: String) throws -> Decision? {
        backing.contents.withLock { $0.current[jobID] }
    }

    public func audit(jobID: String) throws -> [AuditEntry] {
        backing.contents.withLock { contents in
            contents.trail.filter { $0.jobID == jobID || contents.aliases[$0.jobID] == jobID }
        }
    }

    /// Every change, oldest first.
    public func trail() -> [AuditEntry] { backing.contents.withLock { $0.trail } }

    public func hasChanged() -> Bool {
        let (version, writer) = backing.contents.withLock { ($0.version, $0.lastWriter) }
        return seenVersion.withLock { seen in
            defer { seen = version }
            // As SQLite's data_version: only another client's commits count.
            return seen != nil && seen != version && writer != ObjectIdentifier(self)
        }
    }
}

extension InMemoryDecisions {
    public var link: DecisionsLink { .local }

    public func claim(jobID: String, who: String, desk: String, until: Timestamp) throws {
        guard canWrite else { throw InMemoryDecisionsError.readOnly }
        backing.contents.withLock { contents in
            for job in Array(contents.claims.keys) where job != jobID {
                contents.claims[job]?[desk] = nil
                if contents.claims[job]?.isEmpty == true { contents.claims[job] = nil }
            }
            contents.claims[jobID, default: [:]][desk] = Claim(jobID: jobID, who: who, desk: desk, until: until)
        }
    }

    public func releaseClaims(desk: String) throws {
        guard canWrite else { return }
        backing.contents.withLock { contents in
            for job in Array(contents.claims.keys) {
                contents.claims[job]?[desk] = nil
                if contents.claims[job]?.isEmpty == true { contents.claims[job] = nil }
            }
        }
    }

    public func claims(now: Timestamp) throws -> [Claim] {
        backing.contents.withLock { contents in
            contents.claims.values.flatMap(\.values).filter { $0.until > now }
                .sorted { ($0.jobID, $0.desk) < ($1.jobID, $1.desk) }
        }
    }

    public func archive() throws -> DecisionsArchive {
        backing.contents.withLock { contents in
            DecisionsArchive(
                trail: contents.trail,
                aliases: contents.aliases.map { KeyAlias(old: $0.key, new: $0.value) }.sorted { $0.old < $1.old },
                decisions: contents.current.values.sorted { $0.sequence < $1.sequence })
        }
    }

    public func restore(_ archive: DecisionsArchive) throws -> ArchivePlan {
        guard canWrite else { throw InMemoryDecisionsError.readOnly }
        let plan = archive.plan(into: try self.archive())
        backing.contents.withLock { contents in
            for entry in plan.entries {
                var added = entry
                added.sequence = Int64(contents.trail.count + 1)
                contents.trail.append(added)
            }
            for alias in plan.aliases { contents.aliases[alias.old] = alias.new }
            for decision in plan.decisions {
                var set = decision
                set.sequence = contents.trail.last(where: { $0.jobID == decision.jobID })?.sequence ?? Int64(contents.trail.count)
                contents.current[decision.jobID] = set
            }
            if !plan.entries.isEmpty || !plan.decisions.isEmpty || !plan.aliases.isEmpty { wrote(&contents) }
        }
        return plan
    }
}

/// Why the in-memory client refused a change.
public enum InMemoryDecisionsError: Error, Sendable, CustomStringConvertible {
    case readOnly

    public var description: String { "the decisions are read-only here: shown, not changed" }
}
