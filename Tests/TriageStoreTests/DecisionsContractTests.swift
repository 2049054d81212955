import Foundation
import SmileJobs
import TestSupport
import Testing
import TriageStore

/// What every decisions client does, whatever keeps them: SQLite (`DecisionStore`) and
/// memory (`InMemoryDecisions`) pass the same tests here, and a new client (a team's server)
/// joins by adding a case. Each case gives two clients on one store (two connections to
/// one file, two clients of one backing) and a read-only one.
@Suite("Decisions clients: one contract")
struct DecisionsContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }
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
        }
    }

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_795_600_000_000 + seconds * 1000) }

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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

    @Test(arguments: Kind.allCases)
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
}
