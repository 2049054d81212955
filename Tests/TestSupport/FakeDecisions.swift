import Foundation
import JobSources
import SmileJobs
import Synchronization
import TriageScreen
import TriageStore
import TriageViewModel

/// The in-memory client, with what tests want to see and do: the current decisions and the
/// trail as plain values, a clock a minute a change, and a switch that makes marks fail.
/// Every rule is `InMemoryDecisions`' (which the contract tests hold to SQLite's): nothing
/// about decisions is decided here.
public final class FakeDecisions: DecisionsClient {
    public let client: InMemoryDecisions
    public let who: String
    private let settings = Mutex<(clock: Timestamp, failure: String?)>((Timestamp(millisecondsSince1970: 1_795_600_000_000), nil))

    public init(who: String = "ada", backing: InMemoryDecisions.Backing = .init()) {
        self.who = who
        self.client = InMemoryDecisions(backing: backing)
    }

    /// The time of the last change: each is one minute after the one before.
    public var clock: Timestamp { settings.withLock { $0.clock } }
    /// When set, every mark fails with this reason.
    public var failure: String? {
        get { settings.withLock { $0.failure } }
        set { settings.withLock { $0.failure = newValue } }
    }

    public func tick() -> Timestamp {
        settings.withLock { settings in
            settings.clock = Timestamp(millisecondsSince1970: settings.clock.millisecondsSince1970 + 60_000)
            return settings.clock
        }
    }

    public var current: [String: Decision] {
        Dictionary(uniqueKeysWithValues: ((try? client.decisions(since: nil)) ?? []).map { ($0.jobID, $0) })
    }

    public var trail: [AuditEntry] { client.trail() }

    /// A mark made outside the dashboard (another desk), at the next minute.
    @discardableResult
    public func mark(_ request: DecisionRequest, who: String? = nil) -> [Decision] {
        (try? client.mark(request, who: who ?? self.who, at: tick())) ?? []
    }

    // MARK: - DecisionsClient, passed through (a mark fails when told to)

    public var canWrite: Bool { client.canWrite }
    public func mark(_ request: DecisionRequest, who: String, at: Timestamp) throws -> [Decision] {
        if let failure { throw Failure(description: failure) }
        return try client.mark(request, who: who, at: at)
    }
    public func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp) throws -> [Decision] {
        try client.rekey(moves, who: who, at: at)
    }
    public func decisions(since: Timestamp?) throws -> [Decision] { try client.decisions(since: since) }
    public func changes(after sequence: Int64) throws -> [Decision] { try client.changes(after: sequence) }
    public func decision(for jobID: String) throws -> Decision? { try client.decision(for: jobID) }
    public func audit(jobID: String) throws -> [AuditEntry] { try client.audit(jobID: jobID) }
    public func audit(_ jobID: String) -> [AuditEntry] { (try? client.audit(jobID: jobID)) ?? [] }
    public func hasChanged() -> Bool { client.hasChanged() }
    public func claim(jobID: String, who: String, desk: String, until: Timestamp) throws {
        try client.claim(jobID: jobID, who: who, desk: desk, until: until)
    }
    public func releaseClaims(desk: String) throws { try client.releaseClaims(desk: desk) }
    public func claims(now: Timestamp) throws -> [Claim] { try client.claims(now: now) }
    public var link: DecisionsLink { client.link }
    public func archive() throws -> DecisionsArchive { try client.archive() }
    public func restore(_ archive: DecisionsArchive) throws -> ArchivePlan { try client.restore(archive) }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

/// The one effect runner, as tests use it: records read again from the load's sources,
/// copies shown as text, exports said written, decisions in memory at the fake's clock.
public enum TestRunner {
    public static func make(_ state: AppState, store: SourceStore? = nil, decisions: FakeDecisions? = nil) -> EffectRunner {
        var services = EffectRunner.Services(
            documents: { records in
                // Paths relative to the repository, as the fixtures' sources are shown.
                var (documents, unreadable) = store?.documents(for: records) ?? ([], [])
                for index in documents.indices { documents[index].sourcePath = Repository.relative(documents[index].sourcePath) }
                return (documents, unreadable.map { $0.replacingOccurrences(of: Repository.root.path + "/", with: "") })
            },
            export: { request, _ in .written(path: request.path, jobs: request.jobs.count, format: "CSV") },
            clock: { decisions?.tick() ?? Timestamp(millisecondsSince1970: 1_795_600_000_000) },
            measure: Renderer.documentRows)
        services.findMatches = Renderer.findMatches
        return EffectRunner(state: state, services: services, decisions: decisions, who: decisions?.who ?? "ada")
    }
}
