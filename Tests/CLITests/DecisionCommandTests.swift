import Foundation
import SmileJobs
import TestSupport
import Testing
import TriageStore

/// `mark`, `decisions` and `audit` through the real binary, and what survives a kill -9 or
/// two writers at once.
@Suite("Decisions from the command line", .serialized)
struct DecisionCommandTests {
    let folder: URL
    var db: String { folder.appendingPathComponent("decisions.sqlite").path }

    init() throws {
        folder = try Repository.temporaryFolder()
        signal(SIGPIPE, SIG_IGN)
    }

    @Test func markThenDecisionsAndAuditAcrossFormats() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ada = ["USER": "ada"]
        let first = try Binary.run(
            ["mark", "0002001042", "0002001054", "--state", "escalated", "--note", "ID photo edited?", "--db", db],
            environment: ada)
        #expect(first.status == 0)
        #expect(first.standardOutput == "0002001042 escalated\n0002001054 escalated\n")
        #expect(try Binary.run(["mark", "0002001054", "--state", "re-run", "--db", db], environment: ["USER": "bo"]).status == 0)

        let json = try Binary.run(["decisions", "Fixtures/demo", "--format", "json", "--db", db])
        #expect(json.status == 0)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(decoded.map { $0["smileJobId"] as? String } == ["0002001042", "0002001054"])
        #expect(decoded.map { $0["state"] as? String } == ["escalated", "rerun"])
        #expect(decoded.map { $0["who"] as? String } == ["ada", "bo"])
        #expect(decoded[1]["note"] as? String == "ID photo edited?", "a state alone keeps the note")
        #expect(decoded[0]["product"] as? String == "Document Verification")
        #expect(decoded[0]["code"] as? String == "0811")
        #expect(decoded[0]["category"] as? String == "rejected")
        #expect(Set(decoded[0].keys) == ["smileJobId", "state", "note", "who", "at", "product", "code", "category"])

        let csv = try Binary.run(["decisions", "--format", "csv", "--state", "rerun", "--db", db])
        let rows = csv.standardOutput.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(rows.first == "smileJobId,state,note,who,at")
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("0002001054,rerun,ID photo edited?,bo,"))

        #expect(try Binary.run(["decisions", "--since", "1d", "--db", db]).standardOutput.contains("0002001042"))
        #expect(try Binary.run(["decisions", "--since", "2999-01-01", "--db", db]).standardOutput == "No decisions since 2999-01-01.\n")

        let audit = try Binary.run(["audit", "0002001054", "--db", db])
        #expect(audit.status == 0)
        let lines = audit.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("#  JOB ID      STATE      FROM"))
        #expect(lines[2].contains("rerun      escalated"))
        #expect(try Binary.run(["audit", "0000000000", "--db", db]).status == 1)
    }

    @Test func badUsageAndABadDatabaseAreNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Binary.run(["mark", "0001", "--db", db]).status == 64)
        #expect(try Binary.run(["mark", "0001", "--state", "approved", "--db", db]).status == 64)
        #expect(try Binary.run(["decisions", "--since", "last tuesday", "--db", db]).status == 64)
        let none = try Binary.run(["decisions", "--db", db])
        #expect(none.status == 0)
        #expect(none.standardError.contains("no decisions yet"))
        #expect(!FileManager.default.fileExists(atPath: db), "reading never creates a database")

        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: db))
        let corrupt = try Binary.run(["mark", "0001", "--state", "cleared", "--db", db])
        #expect(corrupt.status == 74)
        #expect(corrupt.standardError == "smile-triage: \(db) is not a SQLite database (damaged, or another file)\n")
        // The dashboard's view of it: it opens, says why marking is off, and shows the jobs.
        let snapshot = try Binary.run(["snapshot", "Fixtures/demo", "--db", db, "--size", "140x12"])
        #expect(snapshot.status == 0)
        #expect(snapshot.standardOutput.contains("Marking is off: \(db) is not a SQLite database"))
        #expect(snapshot.standardOutput.contains("decisions off"))
        #expect(snapshot.standardOutput.contains("0002002010"))
    }

    /// Runs `mark -` and feeds it job ids from a thread until it stops reading.
    func startMarking(ids: [String], state: String, user: String) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["mark", "-", "--state", state, "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["USER"] = user
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let writer = input.fileHandleForWriting
        Thread.detachNewThread {
            for id in ids {
                do { try writer.write(contentsOf: Data((id + "\n").utf8)) } catch { break }
            }
            try? writer.close()
        }
        return (process, output, errors)
    }

    static func acknowledged(_ data: Data) -> [String] {
        // Only whole lines: a line cut by the kill was not acknowledged.
        let text = String(decoding: data, as: UTF8.self)
        let whole =
            text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex)])
        return whole.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func killedMidBurstEveryAcknowledgedMarkIsThere() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, output, _) = try startMarking(ids: (0..<200_000).map { "kill-\($0)" }, state: "escalated", user: "ada")
        var received = Data()
        while received.filter({ $0 == UInt8(ascii: "\n") }).count < 400 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // What it printed before it died is still in the pipe.
        received.append(output.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)

        let acknowledged = DecisionCommandTests.acknowledged(received)
        #expect(acknowledged.count >= 400)
        #expect(acknowledged.count < 200_000, "the kill came in the middle of the burst")
        let store = try DecisionStore(path: db)
        let saved = Set(try store.decisions().map(\.jobID))
        let missing = acknowledged.filter { !saved.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        // At most the one being committed as the kill came was saved without its line.
        #expect(saved.count - acknowledged.count <= 1)
        #expect(try store.auditCount() == saved.count)
    }

    @Test func twoProcessesMarkingTenThousandEachLoseNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Half of each one's jobs are the other's too: the same jobs marked from two desks.
        let shared = (0..<5_000).map { "shared-\($0)" }
        let adaIDs = zip(shared, (0..<5_000).map { "ada-\($0)" }).flatMap { [$0, $1] }
        let boIDs = zip((0..<5_000).map { "bo-\($0)" }, shared).flatMap { [$0, $1] }
        let (ada, adaOut, adaErr) = try startMarking(ids: adaIDs, state: "cleared", user: "ada")
        let (bo, boOut, boErr) = try startMarking(ids: boIDs, state: "escalated", user: "bo")
        nonisolated(unsafe) var outputs = [Data](repeating: Data(), count: 4)
        let group = DispatchGroup()
        for (slot, handle) in [adaOut, adaErr, boOut, boErr].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                outputs[slot] = handle.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        ada.waitUntilExit()
        bo.waitUntilExit()
        group.wait()
        #expect(ada.terminationStatus == 0)
        #expect(bo.terminationStatus == 0)
        #expect(String(decoding: outputs[1], as: UTF8.self) == "", "nothing (not \"database is locked\") on standard error")
        #expect(String(decoding: outputs[3], as: UTF8.self) == "")
        #expect(DecisionCommandTests.acknowledged(outputs[0]) == adaIDs)
        #expect(DecisionCommandTests.acknowledged(outputs[2]) == boIDs)

        let store = try DecisionStore(path: db)
        let decisions = try store.decisions()
        #expect(decisions.count == 15_000)
        #expect(try store.auditCount() == 20_000, "every change is in the trail, both desks' marks of a shared job too")
        // Last write wins, and the trail agrees with who won.
        for decision in decisions where decision.jobID.hasPrefix("shared-") && decision.jobID.hasSuffix("7") {
            let trail = try store.audit(jobID: decision.jobID)
            #expect(trail.count == 2)
            #expect(trail.last?.sequence == decision.sequence)
            #expect(trail.last?.who == decision.who)
        }
    }
}

/// A URL given as --db is never made into a file: a postgres URL is a server (one that
/// cannot be reached is a database error, 74), any other URL is bad usage (64).
@Suite("--db takes a file or a server")
struct DatabaseURLTests {
    @Test(arguments: [
        "sqlite://x.sqlite", "https://example.com/db", "mysql://ops@db/triage", "postgres://ops:secret@127.0.0.1/triage",
        "postgres://ops@127.0.0.1/triage?sslmode=sometimes", "postgres://ops@127.0.0.1:99999/triage",
    ])
    func aURLOfAnotherKindOrThatDoesNotReadIsRefusedWithExit64(url: String) throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Binary.run(["jobs", "Fixtures/demo", "--db", url])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--db"))
        #expect(!result.standardError.contains("secret"), "a password given in a URL is never repeated")
        #expect(!FileManager.default.fileExists(atPath: Repository.path(url.components(separatedBy: "://")[0] + ":")))
    }

    @Test(arguments: ["postgres://ops@127.0.0.1:1/triage", "postgresql://ops@127.0.0.1:1/triage?sslmode=disable"])
    func aServerThatCannotBeReachedIsADatabaseErrorAndNoFile(url: String) throws {
        let result = try Binary.run(["mark", "0000000001", "--state", "cleared", "--db", url])
        #expect(result.status == 74)
        #expect(result.standardError.contains("no connection to postgres://ops@127.0.0.1:1/triage"))
        #expect(result.standardError.contains("nothing was saved"))
        #expect(!FileManager.default.fileExists(atPath: Repository.path("postgres:")))
        #expect(!FileManager.default.fileExists(atPath: Repository.path("postgresql:")))
    }

    @Test func theEnvironmentNamesTheStoreWhenNoOptionDoes() throws {
        let result = try Binary.run(["jobs", "Fixtures/demo"], environment: ["SMILE_TRIAGE_DB": "ftp://x/y"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("SMILE_TRIAGE_DB"))
    }
}
