import Foundation
import JobIndex
import Synchronization
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// What real data and real machines do to a loader: text in every script at every size,
/// files cut short under a loaded job, one job sent a thousand times, bombs, devices,
/// pipes, sparse files, huge records, a hundred thousand files.
@Suite("Robust loading")
struct RobustnessTests {
    func folder() throws -> URL { try Repository.temporaryFolder() }

    static func callback(_ id: Int, user: String = "u", name: String = "Ada", code: String = "0810") -> String {
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return
            #"{"SmileJobID":"\#(id)","ResultCode":"\#(code)","ResultText":"Document Verified","FullName":"\#(escaped)","PartnerParams":{"job_type":6,"user_id":"\#(user)\#(id)"}}"#
    }

    @Test func textInEveryScriptFrom4To100KBLoadsAndReadsAgain() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let units = ["é", "ሰላም", "مرحبا", "नमस्ते", "Adébáyọ̀", "👩🏾‍💻", "e\u{301}\u{302}"]
        var lines: [String] = []
        for (index, unit) in units.enumerated() {
            for kilobytes in [4, 5, 16, 100] {
                let name = String(repeating: unit, count: kilobytes * 1024 / unit.utf8.count + 1)
                lines.append(RobustnessTests.callback(index * 10 + kilobytes, name: name))
            }
        }
        let path = root.appendingPathComponent("scripts.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
        let (loaded, store) = JobLoader().load(paths: [path.path])
        #expect(loaded.problems.isEmpty)
        #expect(loaded.store.jobCount == lines.count)
        for job in loaded.jobs {
            let current = try #require(job.current)
            let document = try #require(store.document(for: current))
            // Shown by its size (and its start), as any long value is.
            let name = try #require(document.fields.first { $0.path == "FullName" })
            #expect(name.isBulk && name.value.hasPrefix("<text, "))
            #expect(!SafeText.clean(job.fullName ?? "").isEmpty)
        }
    }

    @Test func aFileCutShortUnderALoadedJobIsSaidSoNeverAFault() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("day.ndjson")
        try ((0..<200).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n").write(
            to: path, atomically: true, encoding: .utf8)
        let (loaded, store) = JobLoader().load(paths: [path.path])
        let last = try #require(loaded.jobs.last?.current)
        #expect(store.document(for: last) != nil)
        // Log rotation's `: > file`, then a shorter file written in its place.
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 100)
        try handle.close()
        guard case .failure(let error) = store.read(last) else {
            Issue.record("a record of a file cut short was read")
            return
        }
        #expect(error.message.contains("changed since it was loaded") || error.message.contains("shorter"))
        let (documents, unreadable) = store.documents(for: [last, last])
        #expect(documents.isEmpty)
        #expect(unreadable.count == 1)
        // Written again with other bytes at the same length: still not read as the old record.
        try String(repeating: "x", count: 30_000).write(to: path, atomically: false, encoding: .utf8)
        #expect(store.document(for: last) == nil)
    }

    @Test func sixteenThousandRecordsOfOneJobMergeInLinearWork() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        // Job-status polls of one job: pending, pending, …, then complete.
        var lines: [String] = []
        for poll in 0..<16_000 {
            let complete = poll == 12_345
            lines.append(
                #"{"job_complete":\#(complete),"job_success":\#(complete),"code":"2302","timestamp":"2026-11-24T06:\#(String(format: "%02d", poll / 1000 % 60)):00Z","result":{"SmileJobID":"0000000001","ResultCode":"\#(complete ? "1210" : "0814")","ResultText":"x","IsFinalResult":"\#(complete)","PartnerParams":{"job_type":1,"user_id":"u1","job_id":"p1"}}}"#
            )
        }
        let path = root.appendingPathComponent("polls.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
        let builder = JobStoreBuilder()
        var options = JobLoader.Options()
        options.threads = 2
        let live = LiveLoad(paths: [path.path], options: options)
        let loaded = live.run(interval: .infinity, stop: nil) { _, _ in }
        #expect(loaded.store.jobCount == 1)
        #expect(loaded.store.displayCode(0) == "1210")
        #expect(loaded.store.category(0) == .approved)
        // The work behind it: a constant amount a record, not the job's whole history each time.
        for index in 0..<16_000 {
            var record = JobRecord(
                origin: RecordOrigin(source: 0, line: Int32(index + 1), offset: Int64(index * 100), length: 90, part: .result),
                kind: .result)
            record.smileJobID = "0000000001"
            record.resultCode = index == 9_000 ? "1210" : "0814"
            record.isFinal = index == 9_000
            builder.append(record)
        }
        #expect(builder.mergeWork <= 2 * 16_000, "merge work \(builder.mergeWork) for 16,000 records")
        #expect(builder.snapshot().displayCode(0) == "1210")
    }

    @Test func aGzipBombStopsAtTheLimitInBoundedMemory() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        // 64 MB of one record and spaces, compressed about a thousand to one.
        let path = root.appendingPathComponent("bomb.ndjson.gz").path
        let maker = Process()
        maker.executableURL = URL(fileURLWithPath: "/bin/sh")
        maker.arguments = [
            "-c",
            "(printf '{\"SmileJobID\":\"1\",\"ResultCode\":\"0810\"}\\n'; head -c 67108864 /dev/zero | tr '\\0' ' ') | gzip -9 > '\(path)'",
        ]
        try maker.run()
        maker.waitUntilExit()
        var options = JobLoader.Options()
        options.limits.maxInflatedBytes = 8 << 20
        let (loaded, _) = JobLoader().load(paths: [path], options: options)
        let problem = try #require(loaded.problems.first { $0.kind == .truncated })
        #expect(problem.message.contains("inflates past 8.0 MB"))
        #expect(loaded.sources.first.map { $0.byteCount <= (8 << 20) + (1 << 20) } == true)
        #expect(loaded.store.jobCount == 1)
        // And by ratio, with no size limit.
        options.limits.maxInflatedBytes = .max
        options.limits.ratioGrace = 1 << 20
        let (byRatio, _) = JobLoader().load(paths: [path], options: options)
        #expect(byRatio.problems.contains { $0.message.contains("a gzip bomb?") })
    }

    @Test func devicesPipesAndSocketsInAFolderAreNamedAndSkippedAtOnce() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try (RobustnessTests.callback(1) + "\n").write(to: root.appendingPathComponent("good.ndjson"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("zero.json").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("null.ndjson").path, withDestinationPath: "/dev/null")
        #expect(mkfifo(root.appendingPathComponent("pipe.ndjson").path, 0o600) == 0)
        let socketPath = root.appendingPathComponent("socket.json").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            socketPath.utf8CString.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(raw.count))) }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        defer { close(fd) }
        let (loaded, _) = JobLoader().load(paths: [root.path])
        #expect(loaded.store.jobCount == 1)
        let messages = Dictionary(uniqueKeysWithValues: loaded.problems.map { (($0.source as NSString).lastPathComponent, $0.message) })
        #expect(messages["zero.json"] == "skipped: a character device, not a file")
        #expect(messages["null.ndjson"] == "skipped: a character device, not a file")
        #expect(messages["pipe.ndjson"] == "skipped: a FIFO (named pipe), not a file")
        if bound == 0 { #expect(messages["socket.json"] == "skipped: a socket, not a file") }
        // Named on the command line, a device is refused too.
        let (direct, _) = JobLoader().load(paths: ["/dev/zero"])
        #expect(direct.problems.first?.message == "not read: a character device, not a file")
    }

    @Test func aPipeNamedOnTheCommandLineIsReadAsAStream() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = root.appendingPathComponent("live.ndjson").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            handle.write(Data(((1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n").utf8))
            try? handle.close()
        }
        writer.start()
        let (loaded, store) = JobLoader().load(paths: [pipe])
        #expect(loaded.store.jobCount == 3)
        #expect(loaded.problems.isEmpty)
        let last = try #require(loaded.jobs.last?.current)
        #expect(store.document(for: last)?.value("SmileJobID") == "3")
    }

    /// A pipe that sends its records slowly is copied before it is read: while it is, the
    /// load says how many bytes have come (progress with no snapshot), and what it says
    /// never goes back; then every record is read.
    @Test func aSlowPipeSaysWhatHasComeWhileItIsCopied() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = root.appendingPathComponent("slow.ndjson").path
        #expect(mkfifo(pipe, 0o600) == 0)
        // Names in four scripts, the records' bytes well past one read.
        let names = ["አበበ በቀለ", "محمد علي", "Ọlábísí Àjàyí", "Hauwa'u Ɗanjuma"]
        let lines = (1...400).map { RobustnessTests.callback($0, name: names[$0 % 4]) }
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            for part in stride(from: 0, to: lines.count, by: 100) {
                handle.write(Data((lines[part..<(part + 100)].joined(separator: "\n") + "\n").utf8))
                usleep(120_000)
            }
            try? handle.close()
        }
        writer.start()
        var received: [Int64] = []
        var snapshotsWhileCopying = 0
        let loaded = LiveLoad(paths: [pipe], options: JobLoader.Options()).run(interval: 0.03, stop: nil) { jobs, progress in
            if progress.bytesReceived > 0 {
                received.append(progress.bytesReceived)
                if jobs != nil { snapshotsWhileCopying += 1 }
                #expect(progress.records == 0 && progress.bytesRead == 0)
            }
        }
        #expect(loaded.store.jobCount == 400)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
        #expect(received.count >= 2, "\(received)")
        #expect(received == received.sorted())
        #expect(snapshotsWhileCopying == 0)
        let total = Int64(lines.map { $0.utf8.count + 1 }.reduce(0, +))
        #expect((received.last ?? 0) <= total)
    }

    /// Loads a named pipe whose writer sends `data` and then goes quiet, the pipe left
    /// open until the load is over; the load is stopped a tenth of a second after that.
    static func loadStoppedWhenQuiet(pipe: String, sending data: Data) -> (loaded: LoadedJobs, last: LoadProgress) {
        #expect(mkfifo(pipe, 0o600) == 0)
        let sent = Atomic<Bool>(false)
        let finished = DispatchSemaphore(value: 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            handle.write(data)
            sent.store(true, ordering: .relaxed)
            finished.wait()  // the pipe stays open until the load is over
            try? handle.close()
        }
        writer.start()
        defer { finished.signal() }
        let stopAsked = Mutex<UInt64?>(nil)
        let stop: @Sendable () -> Bool = {
            guard sent.load(ordering: .relaxed) else { return false }
            let now = DispatchTime.now().uptimeNanoseconds
            let since = stopAsked.withLock { first in
                if first == nil { first = now }
                return now - first!
            }
            return since > 100_000_000
        }
        var last = LoadProgress()
        let loaded = LiveLoad(paths: [pipe], options: JobLoader.Options()).run(
            interval: .infinity, stop: stop, publish: { _, progress in last = progress })
        return (loaded, last)
    }

    /// A load stopped while a pipe is still open (its writer sent some records and half of
    /// another, then went quiet) ends, keeps the whole records, and says it was stopped:
    /// the half record is not reported as damage (it was not read, not cut).
    @Test func aLoadStoppedWhileAPipeWaitsKeepsWhatCame() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = (1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n"
        let (loaded, last) = Self.loadStoppedWhenQuiet(
            pipe: root.appendingPathComponent("slow.ndjson").path, sending: Data((whole + #"{"SmileJobID": "4", "Resul"#).utf8))
        #expect(last.stopped)
        #expect(loaded.store.jobCount == 3)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
    }

    /// A named pipe no writer has opened: a stop ends the wait (a blocking open waited for
    /// a writer, and Ctrl-C could not end the load).
    @Test func aLoadStoppedBeforeAPipeHasAWriterEnds() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = root.appendingPathComponent("nobody.ndjson").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let started = DispatchTime.now().uptimeNanoseconds
        let stop: @Sendable () -> Bool = { DispatchTime.now().uptimeNanoseconds - started > 200_000_000 }
        let ended = DispatchSemaphore(value: 0)
        let outcome = Mutex<(jobs: Int, problems: Int, stopped: Bool)?>(nil)
        Thread {
            var last = LoadProgress()
            let loaded = LiveLoad(paths: [pipe], options: JobLoader.Options()).run(
                interval: .infinity, stop: stop, publish: { _, progress in last = progress })
            outcome.withLock { $0 = (loaded.store.jobCount, loaded.problems.count, last.stopped) }
            ended.signal()
        }.start()
        if ended.wait(timeout: .now() + 10) == .timedOut {
            Issue.record("the load did not end in 10 s")
            // Let it go: a writer that closes at once ends the wait.
            let writer = Glibc.open(pipe, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = ended.wait(timeout: .now() + 10)
            return
        }
        let result = try #require(outcome.withLock { $0 })
        #expect(result.jobs == 0 && result.problems == 0 && result.stopped)
    }

    /// With no stop to look at, a named pipe is still waited on until its writer comes
    /// (a read before that says the end), then read to the writer's end.
    @Test func aPipeIsReadFromAWriterThatComesLater() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = root.appendingPathComponent("later.ndjson").path
        #expect(mkfifo(pipe, 0o600) == 0)
        Thread {
            Thread.sleep(forTimeInterval: 0.3)
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            handle.write(Data(((1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n").utf8))
            try? handle.close()
        }.start()
        let (loaded, _) = JobLoader().load(paths: [pipe])
        #expect(loaded.store.jobCount == 3)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
    }

    static func gzipped(_ text: String) throws -> Data {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        gzip.standardInput = input
        gzip.standardOutput = output
        try gzip.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        return data
    }

    /// A gzip stream on a pipe whose writer went quiet before the end of its data (its
    /// trailer not sent): a stop keeps every whole record inflated, and is no damage (it
    /// said "gzip data damaged (the file is cut short)").
    @Test func aLoadStoppedInAGzipStreamIsNoDamage() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let compressed = try Self.gzipped((1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n")
        // All but the CRC and the length.
        let (loaded, last) = Self.loadStoppedWhenQuiet(
            pipe: root.appendingPathComponent("slow.ndjson.gz").path, sending: compressed.dropLast(8))
        #expect(last.stopped)
        #expect(loaded.store.jobCount == 3)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
    }

    /// A gzip file is inflated as it is read: a stop ends that too, with no damage said.
    @Test func aLoadStoppedWhileAGzipFileInflatesEndsIt() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("day.ndjson.gz").path
        try Self.gzipped((1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n") + "\n").write(to: URL(fileURLWithPath: path))
        #expect(JobLoader().load(paths: [path]).0.store.jobCount == 3)
        let spills = SpillPool()
        let whole = try SourceOpener.open(.file(path), limits: SourceLimits(), spills: spills, standardInput: nil, stop: { false })
        #expect(whole.count > 0 && whole.damage == nil && !whole.copyStopped)
        let stopped = try SourceOpener.open(.file(path), limits: SourceLimits(), spills: spills, standardInput: nil, stop: { true })
        #expect(stopped.count == 0 && stopped.damage == nil && stopped.copyStopped)
    }

    /// Stopped once a stream's copy had reached its end, the stream is read whole: its last
    /// record is kept though no line break follows it (only a copy the stop cut is trimmed
    /// to its complete lines).
    @Test func aLoadStoppedAfterAStreamEndedKeepsItsLastRecord() {
        let text = (1...3).map { RobustnessTests.callback($0) }.joined(separator: "\n")
        var options = JobLoader.Options()
        options.standardInput = { Data(text.utf8) }
        let live = LiveLoad(paths: ["-"], options: options)
        var last = LoadProgress()
        let loaded = live.run(interval: .infinity, stop: { true }, publish: { _, progress in last = progress })
        #expect(last.stopped)
        #expect(loaded.store.jobCount == 3)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
    }

    @Test func aSparseFileIsNamedNotRead() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("sparse.ndjson").path
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(ftruncate(fd, 1 << 30) == 0)
        close(fd)
        let (loaded, _) = JobLoader().load(paths: [path])
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.message.contains("a sparse file") == true)
    }

    @Test func aRecordLargerThanTheLimitIsReportedAndTheRestLoads() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let huge = RobustnessTests.callback(2, name: String(repeating: "A", count: 3 << 20))
        let text = [RobustnessTests.callback(1), huge, RobustnessTests.callback(3)].joined(separator: "\n") + "\n"
        let path = root.appendingPathComponent("huge.ndjson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var options = JobLoader.Options()
        options.limits.maxRecordBytes = 1 << 20
        options.pieceSize = 64 << 10
        let (loaded, _) = JobLoader().load(paths: [path], options: options)
        #expect(loaded.store.jobCount == 2)
        #expect(loaded.jobs.map(\.id) == ["1", "3"])
        #expect(loaded.problems.map(\.line) == [2])
        #expect(loaded.problems.first?.message.contains("larger than 1.0 MB") == true)
        #expect(loaded.jobs.last?.current?.origin.line == 3)
    }

    @Test func aThousandSuspectsAreKeptAndTheRestCountedByBothReaders() throws {
        let suspects = (0..<5000).map { #"{"user_id":"s\#($0)","reason":"same-person"}"# }.joined(separator: ",")
        let text =
            #"{"SmileJobID":"9","ResultCode":"5211","PartnerParams":{"job_type":1,"user_id":"u9"},"Antifraud":{"SuspectUsers":[\#(suspects)]}}"#
            + "\n"
        let fast = try load(text)
        let secure = try #require(fast.jobs.first?.secure)
        #expect(secure.suspects.count == SecureResult.maxSuspects)
        #expect(secure.omittedSuspects == 4000)
        #expect(secure.suspectCount == 5000)
    }

    @Test func aDeepAndWideRecordOpensWithinBounds() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let leaves = (0..<60_000).map { #"{"a":[1,2,{"b":"\#($0)"}]}"# }.joined(separator: ",")
        let text = #"{"SmileJobID":"7","ResultCode":"0810","PartnerParams":{"job_type":6},"Extra":[\#(leaves)]}"# + "\n"
        let path = root.appendingPathComponent("wide.ndjson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (loaded, store) = JobLoader().load(paths: [path])
        let current = try #require(loaded.jobs.first?.current)
        let document = try #require(store.document(for: current))
        #expect(document.fields.count <= RecordDocumentBuilder.maxFields)
        #expect(document.notes.contains { $0.contains("more fields are not listed") })
    }

    @Test func aHundredThousandFilesLoad() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let count = 100_000
        for bucket in 0..<100 {
            let sub = root.appendingPathComponent("d\(bucket)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
            for index in stride(from: bucket, to: count, by: 100) {
                let fd = open(sub.appendingPathComponent("f\(index).json").path, O_CREAT | O_WRONLY, 0o600)
                let line = RobustnessTests.callback(index) + "\n"
                _ = line.withCString { write(fd, $0, strlen($0)) }
                close(fd)
            }
        }
        let (loaded, store) = JobLoader().load(paths: [root.path])
        #expect(loaded.problems.isEmpty)
        #expect(loaded.sources.count == count)
        #expect(loaded.store.jobCount == count)
        // The last source's record is read again from its own file (sources past 65,535 too).
        let last = try #require(loaded.jobs.max { Int($0.id)! < Int($1.id)! }?.current)
        #expect(store.document(for: last)?.value("SmileJobID") == last.smileJobID)
        #expect(MemoryLayout<PackedRecord>.stride == 96)
    }
}
