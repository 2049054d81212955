import Dispatch
import Foundation
import SmileJobs
import Synchronization

/// Loads jobs from the paths a user named.
///
/// Every source is read; what cannot be read becomes a problem with its file and line,
/// and the rest loads. Large files are cut into pieces at record boundaries and read on
/// every core, each record by the fast scanner when it can be; the pieces' records are
/// merged into jobs in file order, so the result is the same as reading in one go.
/// Sources stay open (mapped) so that a job's full record can be read again when opened.
public final class JobLoader: Sendable {
    public struct Options: Sendable {
        public var scan = RecordScan.Options()
        /// Threads reading pieces at once.
        public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// The size of a piece: files smaller than two pieces are read in one.
        public var pieceSize = 8 << 20
        /// The bytes of `-` (tests pass their own; the default reads standard input).
        public var standardInput: (@Sendable () -> Data)?
        /// Keep reading files as they grow (and new files in folders): see `LiveLoad.poll`.
        public var follow = false

        public init() {}
    }

    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    /// Reads and merges everything.
    public func load(paths: [String], standardInput: (@Sendable () -> Data)? = nil) -> (LoadedJobs, SourceStore) {
        var options = Options()
        options.standardInput = standardInput
        return load(paths: paths, options: options)
    }

    public func load(paths: [String], options: Options) -> (LoadedJobs, SourceStore) {
        let live = LiveLoad(paths: paths, options: options, catalogue: catalogue)
        return (live.run(interval: .infinity, stop: nil) { _, _ in }, live.store)
    }

    /// Loads, and says how (for the benchmark and the tests that compare the two readers).
    public func loadWithProgress(paths: [String], options: Options) -> (LoadedJobs, SourceStore, LoadProgress) {
        let live = LiveLoad(paths: paths, options: options, catalogue: catalogue)
        var final = LoadProgress()
        let loaded = live.run(interval: .infinity, stop: nil) { _, progress in final = progress }
        return (loaded, live.store, final)
    }
}

/// A load that goes on: reads everything (handing out snapshots as it goes), then, when
/// following, keeps reading what is appended to files, files that replace them (rotation),
/// files truncated and written again, new files in folders, and standard input, as
/// `tail -F` does. One thread drives it (`run`, then `poll`); snapshots go anywhere.
public final class LiveLoad: @unchecked Sendable {
    public let store = SourceStore()
    private let paths: [String]
    private let options: JobLoader.Options
    private let builder: JobStoreBuilder
    private var loaded = LoadedJobs()
    private var output = ScanOutput()
    private var progress = LoadProgress()
    private var followed: [Followed] = []
    private var knownFiles: Set<String> = []
    private var lastFolderScan = DispatchTime.now()
    private let started = DispatchTime.now()

    /// A source being followed: where reading got to, and which file it was.
    private struct Followed {
        var source: Int32
        var path: String
        var buffer: GrowingBuffer
        var identity: FileIdentity?
        /// Bytes read into jobs (always at a line end), and lines up to there.
        var offset: Int
        var lines: Int
        var done = false
    }

    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    public init(paths: [String], options: JobLoader.Options, catalogue: Catalogue = .standard) {
        self.paths = paths
        self.options = options
        self.builder = JobStoreBuilder(catalogue: catalogue)
    }

    private func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Reads everything, handing a snapshot of what is loaded so far to `publish` about
    /// every `interval` seconds (the first batch at once, the end always). `stop` ends the
    /// load early, keeping what was read.
    @discardableResult
    public func run(interval: Double, stop: (@Sendable () -> Bool)?, publish: (LoadedJobs, LoadProgress) -> Void) -> LoadedJobs {
        let (inputs, expandProblems) = InputExpander.expand(paths)
        loaded.problems = expandProblems
        var lastUpdate = -Double.infinity
        var shownAny = false
        func publishIfDue(force: Bool) {
            let now = elapsed()
            guard force || (interval.isFinite && (!shownAny || now - lastUpdate >= interval)) else { return }
            lastUpdate = now
            shownAny = true
            publish(snapshot(), progressNow())
        }

        var opened: [(InputSource, SourceBytes)] = []
        for input in inputs {
            if case .file(let path) = input { knownFiles.insert(path) }
            do {
                let bytes = try open(input)
                opened.append((input, bytes))
                progress.bytesTotal += Int64(bytes.count)
            } catch let error as SourceBytes.ReadError {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: error.message))
            } catch {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: "\(error)"))
            }
        }

        for (input, bytes) in opened {
            if stop?() == true {
                progress.stopped = true
                break
            }
            let completed = read(input, bytes, stop: stop) { publishIfDue(force: false) }
            if !completed {
                progress.stopped = true
                break
            }
        }
        progress.done = true
        publishIfDue(force: true)
        return snapshot()
    }

    /// Opens a source: mapped when read once, into a growing buffer when followed.
    private func open(_ input: InputSource) throws -> SourceBytes {
        switch input {
        case .file(let path):
            guard options.follow else { return try SourceBytes.read(path: path) }
            let buffer = GrowingBuffer()
            _ = try GrowingBuffer.readFile(path, into: buffer, from: 0)
            return SourceBytes(growing: buffer)
        case .standardInput:
            if let standardInput = options.standardInput { return try SourceBytes.inflatingIfGzip(standardInput()) }
            guard options.follow else { return try SourceBytes.readStandardInput() }
            let buffer = GrowingBuffer()
            Thread.detachNewThread {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let got = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
                    if got <= 0 { break }
                    chunk.withUnsafeBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
                }
                buffer.markEnded()
            }
            return SourceBytes(growing: buffer)
        }
    }

    /// Reads one source whole (when following: up to its last complete line). False when stopped.
    private func read(_ input: InputSource, _ bytes: SourceBytes, stop: (@Sendable () -> Bool)?, onPiece: () -> Void) -> Bool {
        let index = Int32(loaded.sources.count)
        loaded.sources.append(SourceInfo(path: input.path, byteCount: Int64(bytes.count)))
        store.add(bytes, path: input.path)
        if let damage = bytes.damage {
            output.problems.append(Problem(source: input.path, kind: .truncated, message: damage))
        }
        let limit = options.follow ? bytes.withBytes(Self.completeLines) : bytes.count
        let pieces = bytes.withBytes { Pieces.split(UnsafeBufferPointer(rebasing: $0[0..<limit]), size: options.pieceSize) }
        let pipeline = PiecePipeline(pieces: pieces, threads: options.threads) { [options] piece in
            let batch = RecordBatch()
            let result = bytes.withBytes {
                RecordScan.scanPiece($0, range: piece, source: index, path: input.path, into: batch, options: options.scan)
            }
            return (batch, result)
        }
        var nextStart = 0
        var lineBase = 0
        for (number, piece) in pieces.enumerated() {
            if stop?() == true {
                pipeline.cancel()
                return false
            }
            var (batch, result) = pipeline.take(number)
            if piece.lowerBound != nextStart {
                // The piece before ran past this one's start (a record spanning the cut):
                // read this piece again from where that one stopped.
                guard nextStart < piece.upperBound else { continue }
                batch = RecordBatch()
                result = bytes.withBytes {
                    RecordScan.scanPiece($0, range: nextStart..<piece.upperBound, source: index, path: input.path,
                                         into: batch, options: options.scan)
                }
            }
            take(batch, result, lineBase: lineBase)
            lineBase += result.lines
            nextStart = result.end
            bytes.release(piece)
            progress.bytesRead += Int64(piece.count)
            onPiece()
        }
        if options.follow, let buffer = bytes.growing {
            let path: String
            if case .file(let file) = input { path = file } else { path = "-" }
            followed.append(Followed(source: index, path: path, buffer: buffer,
                                     identity: path == "-" ? nil : FileIdentity(path: path), offset: max(nextStart, limit), lines: lineBase))
        }
        return true
    }

    private func take(_ batch: RecordBatch, _ result: RecordScan.PieceResult, lineBase: Int) {
        batch.shiftLines(by: lineBase)
        output.append(result.output.shiftingLines(by: lineBase))
        builder.append(batch)
    }

    /// The offset just past the last line break (a line still being written waits).
    static func completeLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] != 0x0A { end -= 1 }
        return end
    }

    /// When following: reads what has arrived since the last look. Returns a snapshot when
    /// there is something new.
    public func poll() -> (LoadedJobs, LoadProgress)? {
        var changed = false
        for position in followed.indices where !followed[position].done {
            var source = followed[position]
            if source.path != "-" {
                let identity = FileIdentity(path: source.path)
                guard identity != nil else { continue }  // gone for now: rotation under way
                var info = stat()
                stat(source.path, &info)
                let size = Int(info.st_size)
                let known = source.buffer.count
                if identity != source.identity || size < known {
                    // Replaced (rotated) or truncated: the old source keeps its jobs; read the
                    // file at this path again from its start, as a new source.
                    source.done = true
                    followed[position] = source
                    if let bytes = try? open(.file(source.path)) {
                        _ = read(.file(source.path), bytes, stop: nil) {}
                        changed = true
                    }
                    continue
                }
                if size > known { _ = try? GrowingBuffer.readFile(source.path, into: source.buffer, from: known) }
            }
            let end = source.buffer.withBytes(Self.completeLines)
            if end > source.offset {
                let batch = RecordBatch()
                let result = source.buffer.withBytes {
                    RecordScan.scanPiece($0, range: source.offset..<end, source: source.source, path: source.path == "-" ? "-" : source.path,
                                         into: batch, options: options.scan)
                }
                take(batch, result, lineBase: source.lines)
                progress.bytesRead += Int64(end - source.offset)
                source.lines += result.lines
                source.offset = max(end, result.end)
                changed = true
            }
            followed[position] = source
        }
        // New files in folders, every couple of seconds.
        if Double(DispatchTime.now().uptimeNanoseconds - lastFolderScan.uptimeNanoseconds) / 1e9 >= 2 {
            lastFolderScan = DispatchTime.now()
            let folders = paths.filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            }
            if !folders.isEmpty {
                for input in InputExpander.expand(folders).sources {
                    guard case .file(let path) = input, !knownFiles.contains(path) else { continue }
                    knownFiles.insert(path)
                    if let bytes = try? open(input) {
                        _ = read(input, bytes, stop: nil) {}
                        changed = true
                    }
                }
            }
        }
        guard changed else { return nil }
        return (snapshot(), progressNow())
    }

    private func progressNow() -> LoadProgress {
        var now = progress
        now.records = builder.recordCount
        now.fastRecords = output.fastRecords
        now.seconds = elapsed()
        return now
    }

    private func snapshot() -> LoadedJobs {
        var snapshot = loaded
        snapshot.store = builder.snapshot(sources: loaded.sources)
        snapshot.recordCount = builder.recordCount
        snapshot.problems += output.problems
        snapshot.requestErrors = output.requestErrors
        return snapshot
    }
}

/// Cuts a buffer into pieces at record boundaries: a line that starts with `{` at column 1.
/// A file that starts with `[` (one JSON array) is read in one piece.
enum Pieces {
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [Range<Int>] {
        guard bytes.count > size * 2 else { return [0..<bytes.count] }
        var first = 0
        while first < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains(bytes[first]) { first += 1 }
        guard first < bytes.count, bytes[first] == UInt8(ascii: "{") else { return [0..<bytes.count] }
        var pieces: [Range<Int>] = []
        var start = 0
        var cut = size
        while cut < bytes.count {
            // The next line that starts a record.
            var position = cut
            while position < bytes.count {
                if bytes[position] == 0x0A, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "{") { break }
                position += 1
            }
            guard position < bytes.count else { break }
            pieces.append(start..<(position + 1))
            start = position + 1
            cut = start + size
        }
        pieces.append(start..<bytes.count)
        return pieces
    }
}

extension ScanOutput {
    /// The same problems and error bodies with their lines moved by `lines`.
    func shiftingLines(by lines: Int) -> ScanOutput {
        guard lines != 0 else { return self }
        var copy = self
        copy.problems = problems.map { problem in
            var moved = problem
            moved.line = problem.line.map { $0 + lines }
            return moved
        }
        copy.requestErrors = requestErrors.map { error in
            var moved = error
            moved.line += lines
            return moved
        }
        return copy
    }
}

/// Reads pieces on worker threads a few ahead of the one taking them, so merging one piece
/// overlaps reading the next. Results are taken in order; at most `lookahead` wait.
final class PiecePipeline: @unchecked Sendable {
    typealias Result = (RecordBatch, RecordScan.PieceResult)
    private let condition = NSCondition()
    private var results: [Int: Result] = [:]
    private var nextPiece = 0
    private var taken = 0
    private var cancelled = false
    private let count: Int
    private let lookahead: Int

    init(pieces: [Range<Int>], threads: Int, work: @escaping @Sendable (Range<Int>) -> Result) {
        count = pieces.count
        lookahead = max(2, threads * 2)
        for _ in 0..<max(1, min(threads, pieces.count)) {
            Thread.detachNewThread { [self] in
                while let number = self.claim() {
                    let result = work(pieces[number])
                    self.condition.lock()
                    self.results[number] = result
                    self.condition.broadcast()
                    self.condition.unlock()
                }
            }
        }
    }

    /// The next piece to read, waiting while too many results are waiting to be taken.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextPiece < count && nextPiece >= taken + lookahead { condition.wait() }
        guard !cancelled, nextPiece < count else { return nil }
        nextPiece += 1
        return nextPiece - 1
    }

    /// Waits for piece `number` and takes its result.
    func take(_ number: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[number] == nil { condition.wait() }
        taken = number + 1
        condition.broadcast()
        return results.removeValue(forKey: number)!
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
