import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport
import Testing
import TriageStore
import TriageViewModel

@testable import TriageScreen

/// Two desks on one store (one in-memory backing, as two connections share one database):
/// opening a job claims it, the other desk sees who is on it in the list and the detail,
/// a mark there is made and warned about; a lost server is said, and marks are refused.
@Suite("A team on one queue")
struct TeamTests {
    static let demo = JobLoader().load(paths: [Repository.path("Fixtures/demo")])

    /// A desk: the effect runner as the dashboard makes it, with its own desk id.
    static func desk(_ who: String, backing: InMemoryDecisions.Backing, client: (any DecisionsClient)? = nil) -> EffectRunner {
        var services = EffectRunner.Services(clock: { Timestamp(millisecondsSince1970: 1_795_600_000_000) })
        services.measure = Renderer.documentRows
        let state = AppState(loaded: demo.0, title: "team", viewport: Size(columns: 120, rows: 30))
        let runner = EffectRunner(
            state: state, services: services, decisions: client ?? InMemoryDecisions(backing: backing), who: who)
        runner.desk = "\(who)@host:1"
        runner.loadDecisions(marking: .writable)
        return runner
    }

    static func screen(_ runner: EffectRunner) -> String { Renderer.render(runner.state).text }

    @Test func anOpenJobIsClaimedSeenByTheOtherDeskAndReleasedWhenClosed() throws {
        let backing = InMemoryDecisions.Backing()
        let ada = Self.desk("ada", backing: backing)
        let bo = Self.desk("bo", backing: backing)
        let job = Int(ada.state.visible[0])
        let key = ada.state.table.store.jobKey(job)
        ada.dispatch(.key(.enter))
        ada.followClaim()
        bo.pollTeam()
        #expect(bo.state.claims[key]?.map(\.who) == ["ada"])
        let list = Self.screen(bo).split(separator: "\n").first { $0.contains(key) } ?? ""
        #expect(list.contains("@ada"), "bo's list names ada on the job: \(list)")
        // bo opens it too: the detail says ada is on it, and a mark there is warned about.
        bo.dispatch(.key(.enter))
        #expect(Self.screen(bo).contains("ada is on this job"))
        bo.dispatch(.key(.character("a")))
        #expect(bo.state.message?.text == "Saved: job \(key) cleared · ada is on this job too")
        #expect(bo.state.message?.role == .warning)
        #expect(try InMemoryDecisions(backing: backing).decision(for: key)?.state == .cleared, "a claim never stops a mark")
        // ada closes the job: the claim ends, and bo's list says so at the next look.
        ada.dispatch(.key(.escape))
        ada.followClaim()
        bo.pollTeam()
        #expect(bo.state.claims.isEmpty)
        // A desk never sees its own claim as another's.
        #expect(ada.state.claims.isEmpty)
    }

    @Test func aLostServerIsSaidMarksAreRefusedAndItsReturnIsToo() {
        let backing = InMemoryDecisions.Backing()
        let link = SwitchableLink(client: InMemoryDecisions(backing: backing))
        let desk = Self.desk("ada", backing: backing, client: link)
        link.set(.offline(location: "postgres://ops@db:5432/triage", reason: "connection refused"))
        desk.pollDecisions()
        #expect(desk.state.link.isOffline)
        #expect(Self.screen(desk).contains("offline: marks refused"))
        #expect(desk.state.message?.text.hasPrefix("Lost the server (connection refused): marks are refused") == true)
        let before = desk.state.marks
        desk.dispatch(.key(.character("e")))
        #expect(desk.state.marks == before, "nothing is shown as saved")
        #expect(desk.state.message?.text.hasPrefix("Not marked, nothing saved: the server is out of reach") == true)
        #expect(link.marksTried == 0, "nothing is queued or sent")
        link.set(.online(location: "postgres://ops@db:5432/triage"))
        desk.pollDecisions()
        #expect(!Self.screen(desk).contains("offline"))
        #expect(desk.state.message?.text.hasPrefix("Reconnected: marking again") == true)
        desk.dispatch(.key(.character("e")))
        #expect(link.marksTried == 1)
        #expect(desk.state.message?.text.hasPrefix("Saved: job") == true)
    }
}

/// An in-memory client whose link can be cut by the test.
final class SwitchableLink: DecisionsClient, @unchecked Sendable {
    let client: InMemoryDecisions
    private let lock = NSLock()
    private var current = DecisionsLink.online(location: "postgres://ops@db:5432/triage")
    private(set) var marksTried = 0

    init(client: InMemoryDecisions) { self.client = client }

    func set(_ link: DecisionsLink) { lock.withLock { current = link } }
    var link: DecisionsLink { lock.withLock { current } }
    var canWrite: Bool { client.canWrite }
    func mark(_ request: DecisionRequest, who: String, at: Timestamp) throws -> [Decision] {
        lock.withLock { marksTried += 1 }
        return try client.mark(request, who: who, at: at)
    }
    func rekey(_ moves: [PositionKeys.Move], who: String, at: Timestamp) throws -> [Decision] { try client.rekey(moves, who: who, at: at) }
    func decisions(since: Timestamp?) throws -> [Decision] { try client.decisions(since: since) }
    func changes(after sequence: Int64) throws -> [Decision] { try client.changes(after: sequence) }
    func decision(for jobID: String) throws -> Decision? { try client.decision(for: jobID) }
    func audit(jobID: String) throws -> [AuditEntry] { try client.audit(jobID: jobID) }
    func hasChanged() -> Bool { client.hasChanged() }
    func claim(jobID: String, who: String, desk: String, until: Timestamp) throws {
        try client.claim(jobID: jobID, who: who, desk: desk, until: until)
    }
    func releaseClaims(desk: String) throws { try client.releaseClaims(desk: desk) }
    func claims(now: Timestamp) throws -> [Claim] { try client.claims(now: now) }
    func archive() throws -> DecisionsArchive { try client.archive() }
    func restore(_ archive: DecisionsArchive) throws -> ArchivePlan { try client.restore(archive) }
}
