import Dispatch
import Foundation
import SmileJobs
import Synchronization

/// How far a load has got.
public struct LoadProgress: Sendable, Equatable {
    public var bytesRead: Int64 = 0
    public var bytesTotal: Int64 = 0
    public var records = 0
    /// Records read by the fast scanner.
    public var fastRecords = 0
    public var seconds = 0.0
    public var done = false

    public init() {}

    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }

    /// Seconds left at the current rate, when it can be told.
    public var secondsLeft: Double? {
        guard bytesRead > 0, bytesTotal > bytesRead, seconds > 0 else { return nil }
        return seconds * Double(bytesTotal - bytesRead) / Double(bytesRead)
    }
}

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
        stream(paths: paths, options: options, interval: .infinity, stop: nil) { _, _ in }
    }

    /// Loads, and says how (for the benchmark and the tests that compare the two readers).
    public func loadWithProgress(paths: [String], options: Options) -> (LoadedJobs, SourceStore, LoadProgress) {
        var final = LoadProgress()
        let (loaded, store) = stream(paths: paths, options: options, interval: .infinity, stop: nil) { _, progress in final = progress }
        return (loaded, store, final)
    }

    /// Reads everything, handing a snapshot of what is loaded so far to `update` about
    /// every `interval` seconds (and the first batch at once). `stop` ends the load early,
    /// keeping what was read. Returns the final load.
    public func stream(paths: [String], options: Options, interval: Double, stop: (@Sendable () -> Bool)?,
                       update: (LoadedJobs, LoadProgress) -> Void) -> (LoadedJobs, SourceStore) {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let (inputs, expandProblems) = InputExpander.expand(paths)
        var loaded = LoadedJobs()
        loaded.problems = expandProblems
        let store = SourceStore()
        let builder = JobStoreBuilder(catalogue: catalogue)
        var output = ScanOutput()
        var progress = LoadProgress()
        var lastUpdate = -Double.infinity
        var shownAny = false

        // Open everything first, so the progress bar knows the total.
        var opened: [(InputSource, SourceBytes)] = []
        for input in inputs {
            do {
                let bytes: SourceBytes
                switch input {
                case .file(let path): bytes = try SourceBytes.read(path: path)
                case .standardInput:
                    if let standardInput = options.standardInput {
                        bytes = try SourceBytes.inflatingIfGzip(standardInput())
                    } else {
                        bytes = try SourceBytes.readStandardInput()
                    }
                }
                opened.append((input, bytes))
                progress.bytesTotal += Int64(bytes.count)
            } catch let error as SourceBytes.ReadError {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: error.message))
            } catch {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: "\(error)"))
            }
        }

        func publish(force: Bool) {
            let now = elapsed()
            guard force || !shownAny || now - lastUpdate >= interval else { return }
            guard interval.isFinite || force else { return }
            lastUpdate = now
            shownAny = true
            progress.records = builder.recordCount
            progress.fastRecords = output.fastRecords
            progress.seconds = now
            var snapshot = loaded
            snapshot.store = builder.snapshot(sources: loaded.sources)
            snapshot.recordCount = builder.recordCount
            snapshot.problems += output.problems
            snapshot.requestErrors = output.requestErrors
            update(snapshot, progress)
        }

        sources: for (input, bytes) in opened {
            if stop?() == true { break }
            let index = Int32(loaded.sources.count)
            loaded.sources.append(SourceInfo(path: input.path, byteCount: Int64(bytes.count)))
            store.add(bytes, path: input.path)
            if let damage = bytes.damage {
                output.problems.append(Problem(source: input.path, kind: .truncated, message: damage))
            }
            let pieces = bytes.withBytes { Pieces.split($0, size: options.pieceSize) }
            let pipeline = PiecePipeline(pieces: pieces, threads: options.threads) { piece in
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
                    break sources
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
                batch.shiftLines(by: lineBase)
                output.append(result.output.shiftingLines(by: lineBase))
                builder.append(batch)
                lineBase += result.lines
                nextStart = result.end
                bytes.release(piece)
                progress.bytesRead += Int64(piece.count)
                publish(force: false)
            }
        }
        loaded.store = builder.snapshot(sources: loaded.sources)
        loaded.recordCount = builder.recordCount
        loaded.problems.append(contentsOf: output.problems)
        loaded.requestErrors = output.requestErrors
        progress.records = builder.recordCount
        progress.fastRecords = output.fastRecords
        progress.seconds = elapsed()
        progress.done = true
        update(loaded, progress)
        return (loaded, store)
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
