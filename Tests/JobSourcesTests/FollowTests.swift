import Foundation
import JobIndex
import Synchronization
import TestSupport
import Testing

@testable import JobSources
@testable import SmileJobs

/// Following files as `tail -F` does: growth, partial lines, truncation, rotation, new files.
@Suite("Follow")
struct FollowTests {
    func line(_ id: Int, code: String = "0810") -> String {
        #"{"SmileJobID":"\#(id)","ResultCode":"\#(code)","PartnerParams":{"job_type":6,"user_id":"u\#(id)"}}"# + "\n"
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// `day.ndjson` in `folder`, holding `text`.
    func dayFile(in folder: URL, _ text: String) throws -> URL {
        let file = folder.appendingPathComponent("day.ndjson")
        try text.write(to: file, atomically: false, encoding: .utf8)
        return file
    }

    func live(_ path: String) -> LiveLoad {
        var options = JobLoader.Options()
        options.follow = true
        return LiveLoad(paths: [path], options: options)
    }

    @Test func appendedLinesArriveAndAPartialLineWaits() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1) + line(2))
        let load = live(file.path)
        #expect(load.run(interval: .infinity, stop: nil) { _, _ in }.store.jobCount == 2)
        #expect(load.poll() == nil)
        // Half a line: nothing yet, and no problem reported for it.
        let third = line(3)
        try append(String(third.prefix(20)), to: file)
        #expect(load.poll() == nil)
        try append(String(third.dropFirst(20)) + line(4), to: file)
        let (loaded, _) = try #require(load.poll())
        #expect(loaded.store.jobCount == 4)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.jobs.map(\.id) == ["1", "2", "3", "4"])
        #expect(loaded.jobs.last?.current?.origin.line == 4)
        // The full record of a followed job can be read again.
        let job = try #require(loaded.jobs.last?.current)
        #expect(load.store.document(for: job)?.value("SmileJobID") == "4")
    }

    @Test func aTruncatedFileIsReadAgainFromItsStart() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1) + line(2) + line(3))
        let load = live(file.path)
        load.run(interval: .infinity, stop: nil) { _, _ in }
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.close()
        try append(line(9), to: file)
        let (loaded, _) = try #require(load.poll())
        #expect(Set(loaded.jobs.map(\.id)) == ["1", "2", "3", "9"])
        #expect(loaded.sources.count == 2)
    }

    @Test func aRotatedFileIsFollowedUnderItsName() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1) + line(2))
        let load = live(file.path)
        load.run(interval: .infinity, stop: nil) { _, _ in }
        try FileManager.default.moveItem(at: file, to: folder.appendingPathComponent("day.ndjson.1"))
        try line(7).write(to: file, atomically: false, encoding: .utf8)
        let (loaded, _) = try #require(load.poll())
        #expect(Set(loaded.jobs.map(\.id)) == ["1", "2", "7"])
        try append(line(8), to: file)
        #expect(try #require(load.poll()).0.store.jobCount == 4)
    }

    @Test func newFilesInAFolderAreRead() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try line(1).write(to: folder.appendingPathComponent("a.ndjson"), atomically: false, encoding: .utf8)
        let load = live(folder.path)
        load.run(interval: .infinity, stop: nil) { _, _ in }
        try line(2).write(to: folder.appendingPathComponent("b.ndjson"), atomically: false, encoding: .utf8)
        var result: (LoadedJobs, LoadProgress)?
        for _ in 0..<30 where result == nil {  // folders are looked at every two seconds
            Thread.sleep(forTimeInterval: 0.1)
            result = load.poll()
        }
        #expect(try #require(result).0.store.jobCount == 2)
    }

    /// 20,000 records in one file, read in pieces small enough for several snapshots.
    private func manyRecords(in folder: URL) throws -> (String, JobLoader.Options) {
        let file = folder.appendingPathComponent("many.ndjson").path
        _ = try SyntheticJobs.write(SyntheticJobs.Options(records: 20_000), to: file)
        var options = JobLoader.Options()
        options.pieceSize = 256 << 10
        return (file, options)
    }

    @Test func aSnapshotDuringALoadComesBeforeTheEnd() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, options) = try manyRecords(in: folder)
        var snapshots: [(Int, LoadProgress)] = []
        let final = LiveLoad(paths: [file], options: options).run(interval: 0, stop: nil) { loaded, progress in
            snapshots.append((loaded!.store.jobCount, progress))
        }
        #expect(snapshots.count > 3)
        #expect(snapshots.first!.0 < final.store.jobCount)
        #expect(snapshots.last!.1.done)
        #expect(zip(snapshots, snapshots.dropFirst()).allSatisfy { $0.0 <= $1.0 && $0.1.bytesRead <= $1.1.bytesRead })
    }

    @Test func aSnapshotNobodyWantsIsNotMadeButTheProgressStillComes() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, options) = try manyRecords(in: folder)
        // Wanted every other time it is asked.
        var asked = 0
        var published: [(jobs: Int?, progress: LoadProgress)] = []
        let final = LiveLoad(paths: [file], options: options).run(
            interval: 0, stop: nil,
            wantsSnapshot: {
                asked += 1
                return asked % 2 == 0
            },
            publish: { loaded, progress in published.append((loaded?.store.jobCount, progress)) })
        let withJobs = published.filter { $0.jobs != nil }
        let progressOnly = published.filter { $0.jobs == nil }
        #expect(progressOnly.count >= 2)
        #expect(withJobs.count >= 2)
        // The end always comes with its jobs, and is not asked about.
        #expect(published.last?.progress.done == true)
        #expect(published.last?.jobs == final.store.jobCount)
        #expect(asked == published.count - 1)
        #expect(zip(published, published.dropFirst()).allSatisfy { $0.progress.bytesRead <= $1.progress.bytesRead })
    }

    @Test func stoppingKeepsWhatWasRead() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var (file, options) = try manyRecords(in: folder)
        options.threads = 1
        let pieces = Mutex(0)
        let loaded = LiveLoad(paths: [file], options: options).run(
            interval: 0, stop: { pieces.withLock { $0 >= 3 } },
            publish: { _, progress in
                if !progress.done { pieces.withLock { $0 += 1 } }
            })
        #expect(loaded.store.jobCount > 0)
        #expect(loaded.store.jobCount < 15_000)
    }

    @Test func aFileCutAndWrittenLongerWithinOnePollIsReadAgain() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1) + line(2))
        let load = live(file.path)
        load.run(interval: .infinity, stop: nil) { _, _ in }
        // Same inode, longer than before, other first bytes: a re-export, not growth.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        handle.write(Data((line(7) + line(8) + line(9)).utf8))
        try handle.close()
        let (loaded, _) = try #require(load.poll())
        #expect(Set(loaded.jobs.map(\.id)) == ["1", "2", "7", "8", "9"])
        #expect(loaded.sources.count == 2)
    }

    @Test func anEmptyFileIsNotCalledEmptyOnceItHasLines() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, "")
        let load = live(file.path)
        let first = load.run(interval: .infinity, stop: nil) { _, _ in }
        #expect(first.problems.map(\.kind) == [.empty])
        try append(line(1), to: file)
        let (loaded, _) = try #require(load.poll())
        #expect(loaded.problems.isEmpty)
        #expect(loaded.store.jobCount == 1)
    }

    @Test func aFileNamedAndInsideANamedFolderIsReadOnce() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1) + line(2))
        var options = JobLoader.Options()
        options.follow = true
        let load = LiveLoad(paths: [file.path, folder.path], options: options)
        let loaded = load.run(interval: .infinity, stop: nil) { _, _ in }
        #expect(loaded.sources.count == 1)
        #expect(loaded.recordCount == 2)
        try append(line(3), to: file)
        #expect(try #require(load.poll()).0.recordCount == 3)
    }

    @Test func aFollowedFileReplacedByADeviceIsNoLongerFollowed() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try dayFile(in: folder, line(1))
        let load = live(file.path)
        load.run(interval: .infinity, stop: nil) { _, _ in }
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        let (loaded, _) = try #require(load.poll())
        #expect(loaded.store.jobCount == 1)
        #expect(loaded.problems.last?.message == "now a character device, not a file: no longer followed")
        #expect(load.poll() == nil)
    }
}
