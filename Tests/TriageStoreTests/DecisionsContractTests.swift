import Foundation
import SmileJobs
import TestSupport
import Testing
import TriageServerStore
import TriageStore

/// What every decisions client does, whatever keeps them: SQLite (`DecisionStore`), memory
/// (`InMemoryDecisions`) and a team's PostgreSQL server (`PostgresDecisions`, on the
/// throwaway cluster `.ci/run` starts; a fresh database per test) pass the same tests here.
/// Each case gives two clients on one store (two connections to one file or database, two
/// clients of one backing) and a read-only one.
@Suite("Decisions clients: one contract")
struct DecisionsContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory, postgres
        var testDescription: String { rawValue }

        /// PostgreSQL when the cluster is there, or must be (CI).
        static var available: [Kind] { TestServer.isAvailable || TestServer.isRequired ? allCases : [.sqlite, .memory] }
    }

    struct Clients {
        let ada: any DecisionsClient
        let bo: any DecisionsClient
        let readOnly: () throws -> any DecisionsClient
        let cleanup: () -> Void
    }

    static func clients(_ kind: Kind) throws -> Clients {
        switch kind {
        case .sqlite:
            let folder = try Repository.temporaryFolder()
            let path = folder.appendingPathComponent("decisions.sqlite").path
            return Clients(
                ada: try DecisionStore(path: path), bo: try DecisionStore(path: path),
                readOnly: { try DecisionStore(path: path, access: .readOnly) },
                cleanup: { try? FileManager.default.removeItem(at: folder) })
        case .memory:
            let backing = InMemoryDecisions.Backing()
            return Clients(
                ada: InMemoryDecisions(backing: backing), bo: InMemoryDecisions(backing: backing),
                readOnly: { InMemoryDecisions(backing: backing, canWrite: false) }, cleanup: {})
        case .postgres:
            guard TestServer.isAvailable else { throw TestServer.PSQLFailed(description: "no test cluster (scripts/pg-cluster.sh)") }
            let database = try TestServer.createDatabase()
            let url = try PostgresLocation(url: TestServer.url(.owner, database: database))
            // Notifications off: hasChanged then asks the server every time, as the contract
            // expects an answer at once (PostgresDecisionsTests hold the notifications to time).
            return Clients(
                ada: try PostgresDecisions(location: url, listen: false), bo: try PostgresDecisions(location: url, listen: false),
                readOnly: { try PostgresDecisions(location: url, access: .readOnly, listen: false) },
                cleanup: { TestServer.dropDatabase(database) })
        }
    }

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_795_600_000_000 + seconds * 1000) }

    @Test(arguments: Kind.available)
    func aStateAndANoteEachKeepTheOther(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        let store = clients.ada
        let first = try store.mark(
            DecisionRequest(jobIDs: ["0001"], state: .escalated, note: "ID photo looks edited"), who: "ada", at: Self.at(1))
        #expect(
            first == [Decision(jobID: "0001", state: .escalated, note: "ID photo looks edited", who: "ada", at: Self.at(1), sequence: 1)])
        _ = try store.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "bo", at: Self.at(2))
        #expect(try store.decision(for: "0001")?.note == "ID photo looks edited")
        #expect(try store.decision(for: "0001")?.state == .cleared)
        _ = try store.mark(DecisionRequest(jobIDs: ["0001"], state: nil, note: "customer sent a new photo"), who: "ada", at: Self.at(3))
        #expect(try store.decision(for: "0001")?.state == .cleared)
        #expect(try store.decision(for: "0001")?.who == "ada")
        // A note on an undecided job leaves it open; an empty request decides nothing.
        _ = try store.mark(DecisionRequest(jobIDs: ["0002"], state: nil, note: "waiting on support"), who: "ada", at: Self.at(4))
        #expect(try store.decision(for: "0002")?.state == .open)
        #expect(try store.mark(DecisionRequest(jobIDs: [], state: .cleared), who: "ada", at: Self.at(5)) == [])
    }

    @Test(arguments: Kind.available)
    func everyChangeIsInTheTrailInOrderAcrossClients(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        let marked = try clients.ada.mark(DecisionRequest(jobIDs: ["0001", "0002"], state: .rerun), who: "ada", at: Self.at(1))
        let again = try clients.bo.mark(
            DecisionRequest(jobIDs: ["0001"], state: .cleared, note: "re-run passed"), who: "bo", at: Self.at(2))
        let sequences = (marked + again).map(\.sequence)
        #expect(sequences == sequences.sorted() && Set(sequences).count == 3, "sequences rise with every change, across clients")
        for client in [clients.ada, clients.bo] {
            let trail = try client.audit(jobID: "0001")
            #expect(trail.map(\.state) == [.rerun, .cleared])
            #expect(trail.map(\.previousState) == [nil, .rerun])
            #expect(trail.map(\.who) == ["ada", "bo"])
            #expect(trail.map(\.note) == ["", "re-run passed"])
        }
        #expect(try clients.ada.audit(jobID: "0002").count == 1)
        #expect(try clients.ada.audit(jobID: "nothing").isEmpty)
    }

    @Test(arguments: Kind.available)
    func anotherClientsChangeIsSeenOnceAndTheLastWriteWins(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        let (ada, bo) = (clients.ada, clients.bo)
        #expect(!ada.hasChanged())
        #expect(!bo.hasChanged())
        _ = try ada.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated), who: "ada", at: Self.at(1))
        #expect(!ada.hasChanged(), "its own commit is not a change from elsewhere")
        #expect(bo.hasChanged())
        #expect(!bo.hasChanged(), "seen once")
        _ = try bo.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "bo", at: Self.at(2))
        #expect(ada.hasChanged())
        #expect(try ada.changes(after: 1).map(\.state) == [.cleared])
        #expect(try ada.changes(after: 2).isEmpty)
        #expect(try ada.decision(for: "0001")?.who == "bo")
    }

    @Test(arguments: Kind.available)
    func decisionsSinceADateOldestChangeFirst(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        _ = try clients.ada.mark(DecisionRequest(jobIDs: ["old"], state: .cleared), who: "ada", at: Self.at(0))
        _ = try clients.bo.mark(DecisionRequest(jobIDs: ["new"], state: .rerun), who: "bo", at: Self.at(100))
        _ = try clients.ada.mark(DecisionRequest(jobIDs: ["old"], state: .escalated), who: "ada", at: Self.at(200))
        #expect(try clients.ada.decisions(since: nil).map(\.jobID) == ["new", "old"])
        #expect(try clients.bo.decisions(since: Self.at(150)).map(\.jobID) == ["old"])
        #expect(try clients.bo.changes(after: 0).map(\.jobID) == ["new", "old"])
    }

    @Test(arguments: Kind.available)
    func movedKeysTakeTheirStateNoteAndTrail(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        let store = clients.ada
        _ = try store.mark(DecisionRequest(jobIDs: ["record:0:3:120"], state: .escalated, note: "edited photo"), who: "ada", at: Self.at(1))
        _ = try store.mark(DecisionRequest(jobIDs: ["record:0:9:900"], state: .rerun), who: "ada", at: Self.at(2))
        _ = try store.mark(DecisionRequest(jobIDs: ["content:bbb"], state: .cleared), who: "bo", at: Self.at(3))
        let moved = try store.rekey(
            [
                PositionKeys.Move(old: "record:0:3:120", new: "content:aaa"),
                PositionKeys.Move(old: "record:0:9:900", new: "content:bbb"),
                PositionKeys.Move(old: "record:0:1:0", new: "content:ccc"),
            ], who: "ada", at: Self.at(4))
        #expect(moved.map(\.jobID) == ["content:aaa"])
        #expect(moved.first?.state == .escalated && moved.first?.note == "edited photo")
        #expect(try store.decision(for: "record:0:3:120") == nil)
        #expect(try store.decision(for: "record:0:9:900") == nil, "the old key goes, even when the new one has its own")
        #expect(try store.decision(for: "content:bbb")?.state == .cleared, "a decision of the new key's own is kept")
        #expect(try store.decision(for: "content:ccc") == nil)
        let trail = try clients.bo.audit(jobID: "content:aaa")
        #expect(trail.map(\.jobID) == ["record:0:3:120", "content:aaa"], "the old key's trail is found under the new one")
        #expect(try store.rekey([], who: "ada", at: Self.at(5)) == [])
    }

    @Test(arguments: Kind.available)
    func aReadOnlyClientShowsButNeverChanges(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        _ = try clients.ada.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "ada", at: Self.at(1))
        let reader = try clients.readOnly()
        #expect(!reader.canWrite)
        #expect(clients.ada.canWrite)
        #expect(try reader.decision(for: "0001")?.state == .cleared)
        #expect(throws: (any Error).self) {
            try reader.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated), who: "eve", at: Self.at(2))
        }
        #expect(throws: (any Error).self) { try reader.rekey([PositionKeys.Move(old: "0001", new: "x")], who: "eve", at: Self.at(2)) }
        #expect(try clients.ada.decision(for: "0001")?.state == .cleared)
        #expect(try clients.ada.audit(jobID: "0001").count == 1)
    }

    @Test(arguments: Kind.available)
    func clientsMarkingTogetherLoseNothing(kind: Kind) async throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        let perWriter = 100
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, client) in [clients.ada, clients.bo].enumerated() {
                group.addTask {
                    for job in 0..<perWriter {
                        _ = try client.mark(
                            DecisionRequest(jobIDs: ["w\(writer)-\(job)", "shared-\(job % 10)"], state: .cleared),
                            who: "writer\(writer)", at: Self.at(Int64(job)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try clients.ada.decisions(since: nil).count == 2 * perWriter + 10)
        let shared = try clients.bo.audit(jobID: "shared-3")
        #expect(shared.count == 2 * perWriter / 10)
        #expect(shared.map(\.sequence) == shared.map(\.sequence).sorted())
    }

    @Test(arguments: Kind.available)
    func claimsAreSeenByOtherDesksEndAndExpire(kind: Kind) throws {
        let clients = try Self.clients(kind)
        defer { clients.cleanup() }
        try clients.ada.claim(jobID: "0001", who: "ada", desk: "ada@desk1:10", until: Self.at(180))
        try clients.bo.claim(jobID: "0001", who: "bo", desk: "bo@desk2:20", until: Self.at(200))
        #expect(try clients.bo.claims(now: Self.at(10)).map(\.who) == ["ada", "bo"], "two desks on one job: both are shown")
        // Opening another job moves the desk's claim; renewing moves its end.
        try clients.ada.claim(jobID: "0002", who: "ada", desk: "ada@desk1:10", until: Self.at(240))
        let claims = try clients.bo.claims(now: Self.at(10))
        #expect(claims.map(\.jobID) == ["0001", "0002"])
        #expect(claims.first { $0.jobID == "0002" }?.until == Self.at(240))
        #expect(try clients.ada.claims(now: Self.at(220)).map(\.jobID) == ["0002"], "claims expire by themselves")
        try clients.ada.releaseClaims(desk: "ada@desk1:10")
        #expect(try clients.bo.claims(now: Self.at(10)).map(\.desk) == ["bo@desk2:20"])
        // Claims are not decisions: none was made, the trail is empty.
        #expect(try clients.ada.decisions(since: nil).isEmpty)
        let reader = try clients.readOnly()
        #expect(throws: (any Error).self) { try reader.claim(jobID: "0003", who: "eve", desk: "eve@x:1", until: Self.at(99)) }
    }

    @Test(arguments: Kind.available)
    func aCopyCarriesTheTrailAndRunsTwiceToTheSameStore(kind: Kind) throws {
        let from = try Self.clients(kind)
        defer { from.cleanup() }
        let to = try Self.clients(.memory)
        _ = try from.ada.mark(DecisionRequest(jobIDs: ["0001"], state: .escalated, note: "ID edited · ጤና"), who: "ada", at: Self.at(1))
        _ = try from.bo.mark(DecisionRequest(jobIDs: ["0001"], state: .cleared), who: "bo", at: Self.at(2))
        _ = try from.ada.mark(DecisionRequest(jobIDs: ["record:0:1:5"], state: .rerun), who: "ada", at: Self.at(3))
        _ = try from.ada.rekey([PositionKeys.Move(old: "record:0:1:5", new: "content:abc")], who: "ada", at: Self.at(4))
        let archive = try from.bo.archive()
        #expect(archive.trail.count == 4)
        #expect(archive.aliases == [KeyAlias(old: "record:0:1:5", new: "content:abc")])
        let first = try to.ada.restore(archive)
        #expect(first.entries.count == 4 && first.decisions.count == 2 && first.aliases.count == 1)
        let again = try to.ada.restore(archive)
        #expect(again.entries.isEmpty && again.decisions.isEmpty && again.aliases.isEmpty && again.alreadyThere == 4)
        #expect(try to.bo.audit(jobID: "content:abc").map(\.jobID) == ["record:0:1:5", "content:abc"])
        #expect(try to.bo.decision(for: "0001")?.note == "ID edited · ጤና")
        // And back: a store that has everything gains nothing.
        let back = try from.ada.restore(try to.bo.archive())
        #expect(back.entries.isEmpty && back.decisions.isEmpty)
        #expect(try from.ada.audit(jobID: "0001").count == 2)
    }
}
