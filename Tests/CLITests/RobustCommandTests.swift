import Foundation
import JobIndex
import Synchronization
import TestSupport
import Testing
import TolerantJSON

@testable import JobSources
@testable import SmileJobs
@testable import TriageCommands
@testable import TriageTerminal
@testable import TriageViewModel

/// The commands under what real data and real people do: long text in every script,
/// replayed signatures, hostile arguments, spreadsheets that run formulas, private files.
@Suite("Commands under real data")
struct RobustCommandTests {
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func longTextInEveryScriptPassesEveryCommandAndANoteOfItSaves() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        for (index, unit) in ["é", "ሰ", "ع", "न", "ọ̀", "👩🏾‍💻", "e\u{301}"].enumerated() {
            // Over 4 KB in bytes, within 4,096 characters: the size that overflowed the stack.
            let text = String(repeating: unit, count: 4200 / unit.utf8.count + 10)
            lines.append(
                #"{"SmileJobID":"70\#(index)","ResultCode":"0810","ResultText":"\#(text)","FullName":"\#(text)","PartnerParams":{"job_type":6,"user_id":"\#(text)"},"timestamp":"2026-11-24T10:00:00Z","signature":"abc"}"#
            )
        }
        let path = try RobustCommandTests.write(lines.joined(separator: "\n") + "\n", "scripts.ndjson", in: folder)
        let db = folder.appendingPathComponent("d.sqlite").path
        for arguments in [
            ["summary", path], ["jobs", path, "--db", db], ["jobs", path, "--format", "csv"], ["secure", path],
            ["snapshot", path, "--size", "120x40"], ["snapshot", path, "--keys", "Enter", "--size", "80x24"],
            ["snapshot", path, "--keys", "Enter PgDn PgDn", "--size", "40x12"],
        ] {
            let result = try Binary.run(arguments)
            #expect(result.status == 0, "\(arguments.first!): \(result.standardError)")
        }
        let verify = try Binary.run(["verify", path, "--partner-id", "2001"], environment: ["SMILE_API_KEY": "k"])
        #expect(verify.status == 1, "every signature here is invalid")
        // A note of 1,999 Amharic letters (within the prompt's 2,000), saved and read back.
        let note = String(repeating: "ሰ", count: 1999)
        #expect(try Binary.run(["mark", "700", "--state", "escalated", "--note", note, "--db", db]).status == 0)
        let decisions = try Binary.run(["decisions", "--db", db, "--format", "json"])
        #expect(decisions.status == 0)
        #expect(decisions.standardOutput.contains(note))
        #expect(try Binary.run(["decisions", "--db", db]).status == 0)
        #expect(try Binary.run(["audit", "700", "--db", db]).status == 0)
    }

    @Test func aSignatureOnAnotherJobOrBodyIsReplayed() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checker = SignatureChecker(partnerID: "2001", apiKey: "k")
        let stamp = "2026-11-24T10:00:00.000Z"
        let signature = checker.expectedSignature(timestamp: stamp)
        func record(_ id: String, _ code: String) -> String {
            #"{"SmileJobID":"\#(id)","ResultCode":"\#(code)","PartnerParams":{"job_type":6,"user_id":"u\#(id)"},"timestamp":"\#(stamp)","signature":"\#(signature)"}"#
        }
        let other = checker.expectedSignature(timestamp: "2026-11-24T11:00:00.000Z")
        let alone =
            #"{"SmileJobID":"3","ResultCode":"0810","PartnerParams":{"job_type":6},"timestamp":"2026-11-24T11:00:00.000Z","signature":"\#(other)"}"#
        let text = [record("1", "0811"), record("1", "0811"), record("2", "0810"), alone].joined(separator: "\n") + "\n"
        let path = try RobustCommandTests.write(text, "replay.ndjson", in: folder)
        let result = try Binary.run(["verify", path, "--partner-id", "2001", "--format", "json"], environment: ["SMILE_API_KEY": "k"])
        #expect(result.status == 1)
        let states = try #require(try JSONReader.readDocument(result.standardOutput).value.objectValue?["records"]?.arrayValue)
            .compactMap { $0.objectValue?["signature"]?.scalarText }
        // Job 1 delivered twice is no replay; its signature on job 2 is.
        #expect(states == ["replayed", "replayed", "replayed", "valid"])
        let text1 = try Binary.run(["verify", path, "--partner-id", "2001"], environment: ["SMILE_API_KEY": "k"])
        #expect(text1.standardOutput.contains("covers the timestamp and partner id, not the body"))
        // The same body twice, one signature: valid, a duplicate.
        let twice = try RobustCommandTests.write(
            [record("1", "0811"), record("1", "0811")].joined(separator: "\n") + "\n", "twice.ndjson", in: folder)
        #expect(try Binary.run(["verify", twice, "--partner-id", "2001"], environment: ["SMILE_API_KEY": "k"]).status == 0)
        // Another body of one job with one signature: replayed.
        let altered = try RobustCommandTests.write(
            [record("1", "0811"), record("1", "0810")].joined(separator: "\n") + "\n", "altered.ndjson", in: folder)
        #expect(try Binary.run(["verify", altered, "--partner-id", "2001"], environment: ["SMILE_API_KEY": "k"]).status == 1)
    }

    @Test func whatStandardErrorEchoesIsInert() throws {
        let hostile = "x\u{1B}]0;pwned\u{07}y"
        for arguments in [
            ["summary", "--\(hostile)"], ["summary", hostile], ["decisions", "--since", hostile],
            ["explain", "0810", "--product", hostile], ["jobs", "Fixtures/demo", "--where", hostile],
            ["mark", "1", "--state", "cleared", "--db", "README.md/\(hostile)/d.sqlite"],
            ["verify", "Fixtures/demo", "--partner-id", "2001", "--api-key-file", "/nonexistent/\(hostile)"],
        ] {
            let result = try Binary.run(arguments)
            #expect(result.status != 0)
            #expect(!result.standardError.isEmpty)
            #expect(!result.standardError.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(arguments)")
        }
    }

    @Test func csvCellsAreQuotedAndNeverRunAsFormulas() {
        #expect(TabularOutput.csvCell("x;=2+5") == "\"x;=2+5\"")
        #expect(TabularOutput.csvCell("a,b") == "\"a,b\"")
        #expect(TabularOutput.csvCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(TabularOutput.csvCell("+1") == "'+1")
        #expect(TabularOutput.csvCell("-1") == "'-1")
        #expect(TabularOutput.csvCell("@SUM(A1)") == "'@SUM(A1)")
        #expect(TabularOutput.csvCell("\t=1") == "'\\t=1")
        #expect(TabularOutput.csvCell("\r=1") == "'\\r=1")
        #expect(TabularOutput.csvCell("line\nbreak") == "\"line\nbreak\"")
        // Nothing is cut: a 10,000-byte cell is whole.
        let long = String(repeating: "ሰ", count: 3400)
        #expect(TabularOutput.csvCell(long) == long)
    }

    @Test func exportsArePrivate() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = umask(0o022)
        defer { umask(before) }
        let state = AppState(loaded: JobLoader().load(paths: [Repository.path("Fixtures/demo")]).0, title: "demo")
        let path = folder.appendingPathComponent("queue.csv").path
        guard case .written = JobExport.write(ExportRequest(path: path, jobs: state.visible), state: state) else {
            Issue.record("not written")
            return
        }
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(JobExport.write(ExportRequest(path: path, jobs: state.visible), state: state) == .exists(path: path))
    }

}

/// The signals the loop is told about (`SignalGuard.pending` is one for the process, so
/// these run one at a time).
@Suite("Signals noted for the loop", .serialized)
struct SignalNotingTests {
    @Test func theFirstTerminatingSignalWins() {
        SignalGuard.pending.store(0, ordering: .relaxed)
        SignalGuard.note(SIGTERM)
        SignalGuard.note(SIGINT)
        #expect(SignalGuard.takePending() == SIGTERM)
        SignalGuard.note(SIGINT)
        SignalGuard.note(SIGHUP)
        #expect(SignalGuard.takePending() == SIGHUP, "a terminating signal replaces an interrupt")
        SignalGuard.note(SIGTSTP)
        SignalGuard.note(SIGINT)
        #expect(SignalGuard.takePending() == SIGTSTP)
        #expect(SignalGuard.takePending() == 0)
    }

    /// Stop signals the kernel holds (every thread blocks them, as in the dashboard) are
    /// collected by the loop's `takePending`: an interrupt sent just after a SIGTERM does not
    /// win, and both are taken (nothing left to arrive later).
    @Test func heldStopSignalsAreCollectedAndTheTerminatingOneWins() {
        for order in [[SIGTERM, SIGINT], [SIGINT, SIGTERM], [SIGINT, SIGHUP, SIGTSTP]] {
            SignalGuard.pending.store(0, ordering: .relaxed)
            let answer = Mutex<(taken: Int32, again: Int32, left: Bool)>((0, 0, true))
            let done = DispatchSemaphore(value: 0)
            // A thread of its own that blocks them (the test's threads may not), sent them
            // directly: the process's other threads never see them.
            let taker = Thread {
                SignalGuard.holdStopSignals()
                for signal in order { pthread_kill(pthread_self(), signal) }
                let taken = SignalGuard.takePending()
                let again = SignalGuard.takePending()
                var held = sigset_t()
                sigpending(&held)
                let left = SignalGuard.stopSignals.contains { sigismember(&held, $0) == 1 }
                answer.withLock { $0 = (taken, again, left) }
                done.signal()
            }
            taker.start()
            done.wait()
            let (taken, again, left) = answer.withLock { $0 }
            let expected = order.contains(SIGTERM) ? SIGTERM : SIGHUP
            #expect(taken == expected, "sent \(order)")
            #expect(again == 0)
            #expect(!left, "every held stop signal taken")
        }
    }

    /// After a Ctrl-C, a hang-up that no handler has noted yet (the kernel still holds it)
    /// wins: the handler here notes nothing, so only the kernel's record can tell.
    @Test func aHangUpTheKernelStillHoldsWinsOverAnInterrupt() {
        SignalGuard.pending.store(0, ordering: .relaxed)
        var quiet = sigaction()
        quiet.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&quiet.sa_mask)
        var previous = sigaction()
        sigaction(SIGHUP, &quiet, &previous)
        defer { sigaction(SIGHUP, &previous, nil) }
        // On a thread that takes hang-ups, as the loop's does (the test's own, a Dispatch
        // worker, blocks every signal).
        let answer = Mutex<(found: Int32, waited: Double)>((0, 0))
        let done = DispatchSemaphore(value: 0)
        let waiter = Thread {
            var hangUp = sigset_t()
            sigemptyset(&hangUp)
            sigaddset(&hangUp, SIGHUP)
            pthread_sigmask(SIG_UNBLOCK, &hangUp, nil)
            let waiting = pthread_self()
            Thread {
                usleep(20_000)
                pthread_kill(waiting, SIGHUP)
            }.start()
            let started = DispatchTime.now().uptimeNanoseconds
            let found = SignalGuard.terminatingSignal(within: 2_000)
            answer.withLock { $0 = (found, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6) }
            done.signal()
        }
        waiter.start()
        done.wait()
        let (found, waited) = answer.withLock { $0 }
        #expect(found == SIGHUP)
        #expect(waited < 1_000, "found when it came (\(waited) ms), not at the end of the wait")
        #expect(SignalGuard.takePending() == 0)
    }
}
