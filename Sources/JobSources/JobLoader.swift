import CSignalStack
import Dispatch
import Foundation
import JobIndex
import SmileJobs
import Synchronization

/// Loads jobs from the paths a user named.
///
/// Every source is read; what cannot be read becomes a problem with its file and line,
/// and the rest loads. Sources are cut into pieces at record boundaries and the pieces of
/// every source are read on every core, each record by the fast scanner when it can be;
/// records are merged into jobs in order (sources as named, bytes within a source), so the
/// result is the same as reading in one go. Nothing stays mapped or open: a record is read
/// again, by `pread`, when its job is opened.
public final class JobLoader: Sendable {
    public struct Options: Sendable {
        public var scan = RecordScan.Options()
        /// Threads reading pieces at once.
        public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// The size of a piece: sources smaller than two pieces are read in one. Each reader
        /// holds its piece's bytes, and up to four finished pieces a reader wait to be merged:
        /// with 8 MiB pieces that was about 25 MB of a 1M-record load's peak; 4 MiB pieces
        /// read as fast.
        public var pieceSize = 4 << 20
        /// The bytes of `-` (tests pass their own; the default reads standard input).
        public var standardInput: (@Sendable () -> Data)?
        /// Keep reading files as they grow (and new files in folders): see `LiveLoad.poll`.
        public var follow = false
        /// What one source may cost (gzip inflation, record size).
        public var limits = SourceLimits()

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
/// files cut and written again, new files in folders, and standard input, as `tail -F`
/// does. One thread drives it (`run`, then `poll`); snapshots go anywhere.
///
/// `@unchecked`: its builder and bookkeeping are mutable and touched only by the thread
/// that drives it (it is handed to that thread once); what it hands out is Sendable values.
public final class LiveLoad: @unchecked Sendable {
    public let store = SourceStore()
    private let paths: [String]
    private let options: JobLoader.Options
    private let builder: JobStoreBuilder
    private var loaded = LoadedJobs()
    private var output = ScanOutput()
    /// Problems that belong to one source, by its index: dropped when a followed file is
    /// replaced, so a file that was empty is not called empty once it has lines.
    private var sourceProblems: [Int32: [Problem]] = [:]
    private var progress = LoadProgress()
    private var followed: [Followed] = []
    private var knownFiles: Set<InputExpander.FileID> = []
    private var lastFolderScan = DispatchTime.now()
    private let started = DispatchTime.now()
    private let spills = SpillPool()

    /// A source being followed: where reading got to, and which file it was.
    private struct Followed {
        var source: Int32
        var path: String
        var identity: FileIdentity?
        /// Bytes read into jobs (always at a line end), and lines up to there.
        var offset: Int
        var lines: Int
        /// Standard input, being copied to a spill file of its own by a thread.
        var stream: FollowedStream?
        var done = false
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
    ///
    /// `wantsSnapshot`, when given, is asked before each snapshot but the last: when it says
    /// no, `publish` is handed the progress alone (nil for the jobs). A snapshot is not free
    /// for the readers: what it shares with the builder is copied at the builder's next write
    /// (the interned strings, the Smile Secure results, each chunk of jobs a merge touches),
    /// so one made for nobody (a progress line, or a dashboard still busy with the last) is
    /// much of the load copied for nothing.
    @discardableResult
    public func run(
        interval: Double, stop: (@Sendable () -> Bool)?, wantsSnapshot: (() -> Bool)? = nil,
        publish: (LoadedJobs?, LoadProgress) -> Void
    ) -> LoadedJobs {
        let (inputs, expandProblems) = InputExpander.expand(paths)
        loaded.problems = expandProblems
        var lastUpdate = -Double.infinity
        var shownAny = false
        func publishIfDue() {
            let now = elapsed()
            guard interval.isFinite && (!shownAny || now - lastUpdate >= interval) else { return }
            lastUpdate = now
            shownAny = true
            let wanted = wantsSnapshot?() ?? true
            publish(wanted ? snapshot() : nil, progressNow())
        }
        // Streams and gzip files are copied (and inflated) before their reading starts: a
        // pipe of a day's callbacks takes seconds, shown as the bytes received so far.
        let opened = openAll(inputs, stop: stop, reportingEvery: interval) { received in
            var now = progressNow()
            now.bytesReceived = received
            publish(nil, now)
        }
        // Stopped while a stream was still arriving: what it sent is kept (its complete
        // lines, read below in full: copied, it reads fast); files not yet read are not.
        let stoppedOpening = stop?() == true
        var sources: [(index: Int32, reader: SourceReader, limit: Int)] = []
        for (input, result) in zip(inputs, opened) {
            if case .file(let path) = input {
                var info = stat()
                if stat(path, &info) == 0 { knownFiles.insert(InputExpander.FileID(info)) }
            }
            switch result {
            case .failure(let error):
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: error.message))
            case .success(let opened):
                let copiedStream = opened.reader.isCopiedStream
                if stoppedOpening && !copiedStream { continue }
                let index = register(input, opened.reader, stream: opened.stream)
                let cutShort = options.follow || opened.reader.copyStopped
                let limit = cutShort ? completeLines(opened.reader, upTo: opened.reader.count) : opened.reader.count
                // Stopped before a whole line came (a pipe with no writer yet): nothing to
                // read, and not "the file is empty".
                if opened.reader.copyStopped && limit == 0 { continue }
                sources.append((index, opened.reader, limit))
                progress.bytesTotal += Int64(opened.reader.count)
            }
        }
        let (completed, ends) = read(sources, stop: stoppedOpening ? nil : stop) { publishIfDue() }
        if !completed || stoppedOpening { progress.stopped = true }
        followFrom(ends, limits: Dictionary(uniqueKeysWithValues: sources.map { ($0.index, $0.limit) }))
        progress.done = true
        // One snapshot of the end, handed out and returned (made twice, the second was a
        // copy of the merged jobs for nobody, on the way to every command's answer).
        let final = snapshot()
        publish(final, progressNow())
        return final
    }

    /// Opens every input, several at once (gzip inflates on every core), on other threads;
    /// every `interval` while they copy, `report` is handed the bytes copied so far.
    private func openAll(
        _ inputs: [InputSource], stop: (@Sendable () -> Bool)?, reportingEvery interval: Double,
        report: (Int64) -> Void
    ) -> [Result<Opened, SourceError>] {
        guard interval.isFinite, !inputs.isEmpty else { return openAll(inputs, stop: stop) }
        let box = OpenedBox()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { [self] in
            box.results = openAll(inputs, stop: stop)
            done.signal()
        }
        while done.wait(timeout: .now() + interval) == .timedOut {
            let received = spills.bytesWritten
            if received > 0 { report(received) }
        }
        return box.results
    }

    /// What the opening thread hands back. `@unchecked`: written once before the semaphore
    /// is signalled, read once after it is waited on.
    private final class OpenedBox: @unchecked Sendable {
        var results: [Result<Opened, SourceError>] = []
    }

    /// Opens every input, several at once (gzip inflates on every core).
    private func openAll(_ inputs: [InputSource], stop: (@Sendable () -> Bool)?) -> [Result<Opened, SourceError>] {
        let results = Mutex([Result<Opened, SourceError>?](repeating: nil, count: inputs.count))
        let limits = options.limits
        let standardInput = options.standardInput
        let follow = options.follow
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            LoaderThread.prepare()
            let result: Result<Opened, SourceError>
            if follow, case .standardInput = inputs[index], standardInput == nil {
                // Followed standard input is read by a thread of its own, as it arrives.
                result = Result { () throws(SourceError) -> Opened in
                    let stream = try FollowedStream.start()
                    return Opened(reader: SourceReader(place: .spill(stream.spill, offset: 0), count: 0), stream: stream)
                }
            } else {
                result = Result { () throws(SourceError) -> Opened in
                    Opened(
                        reader: try SourceOpener.open(
                            inputs[index], limits: limits, spills: self.spills,
                            standardInput: standardInput, stop: stop), stream: nil)
                }
            }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// An opened source, and the thread copying it when it is followed standard input.
    private struct Opened: Sendable {
        var reader: SourceReader
        var stream: FollowedStream?
    }

    /// Adds a source to the load's list (and, following, to the followed ones).
    private func register(_ input: InputSource, _ reader: SourceReader, stream: FollowedStream? = nil) -> Int32 {
        let index = Int32(loaded.sources.count)
        loaded.sources.append(SourceInfo(path: input.path, byteCount: Int64(reader.count)))
        store.add(reader, path: input.path)
        if let damage = reader.damage {
            addProblem(Problem(source: input.path, kind: .truncated, message: damage), source: index)
        }
        if options.follow {
            switch (input, reader.place) {
            case (.file(let path), .file(_, let identity)):
                followed.append(Followed(source: index, path: path, identity: identity, offset: 0, lines: 0))
            case (.standardInput, _):
                if let stream {
                    followed.append(Followed(source: index, path: "-", identity: nil, offset: 0, lines: 0, stream: stream))
                }
            default:
                break
            }
        }
        return index
    }

    private func addProblem(_ problem: Problem, source: Int32) {
        sourceProblems[source, default: []].append(problem)
    }

    // MARK: - Reading pieces

    /// One piece of work: the nominal range of a source to read, and what reading it gave.
    struct Piece: Sendable {
        var source: Int32
        var reader: SourceReader
        var nominal: Range<Int>
        /// Where the source's complete records end (its size; a followed file's last line end).
        var limit: Int
        var path: String
    }

    /// What a piece gave: its records (in a batch), problems, where it really started and
    /// ended (at record boundaries), and the lines it crossed.
    ///
    /// `@unchecked`: the batch is a class, filled by one worker and then handed whole to the
    /// merging thread; two threads never hold it at once.
    struct PieceOutcome: @unchecked Sendable {
        var batch = RecordBatch()
        var output = ScanOutput()
        var start: Int
        var end: Int
        var lines = 0
    }

    /// Followed sources go on from where the first reading stopped.
    private func followFrom(_ ends: [Int32: (end: Int, lines: Int)], limits: [Int32: Int]) {
        for position in followed.indices {
            let source = followed[position].source
            guard let limit = limits[source] else { continue }
            followed[position].offset = max(limit, ends[source]?.end ?? 0)
            followed[position].lines = ends[source]?.lines ?? 0
        }
    }

    /// Reads the sources' pieces on every core and merges them in order. False when
    /// stopped; with where each source's reading stopped, and the lines it crossed.
    private func read(
        _ sources: [(index: Int32, reader: SourceReader, limit: Int)], stop: (@Sendable () -> Bool)?,
        onPiece: () -> Void
    ) -> (Bool, [Int32: (end: Int, lines: Int)]) {
        var pieces: [Piece] = []
        for source in sources {
            let path = loaded.sources[Int(source.index)].path
            for range in plan(source.reader, limit: source.limit) {
                pieces.append(Piece(source: source.index, reader: source.reader, nominal: range, limit: source.limit, path: path))
            }
        }
        let scan = options.scan
        let limits = options.limits
        let work = pieces
        let pipeline = PiecePipeline(count: work.count, threads: options.threads) { number in
            LiveLoad.readPiece(work[number], from: nil, scan: scan, limits: limits)
        }
        var nextStart: [Int32: Int] = [:]
        var lineBase: [Int32: Int] = [:]
        for (number, piece) in pieces.enumerated() {
            if stop?() == true {
                pipeline.cancel()
                return (false, [:])
            }
            var outcome = pipeline.take(number)
            let expected = nextStart[piece.source] ?? 0
            if outcome.start != expected {
                // The piece before ran past this one's start (a record spanning the cut), or
                // stopped short of it (lines that start no record): read on from where it stopped.
                if expected >= piece.nominal.upperBound && expected > outcome.start {
                    progress.bytesRead += Int64(piece.nominal.count)
                    continue
                }
                outcome = LiveLoad.readPiece(piece, from: expected, scan: scan, limits: limits)
            }
            take(outcome, source: piece.source, lineBase: lineBase[piece.source] ?? 0)
            lineBase[piece.source, default: 0] += outcome.lines
            nextStart[piece.source] = outcome.end
            progress.bytesRead += Int64(piece.nominal.count)
            onPiece()
        }
        var ends: [Int32: (end: Int, lines: Int)] = [:]
        for (source, end) in nextStart { ends[source] = (end, lineBase[source] ?? 0) }
        return (true, ends)
    }

    /// Cuts a source's complete records into nominal pieces. A source that starts with
    /// anything but `{` (one JSON array, text that is no JSON) is one piece.
    private func plan(_ reader: SourceReader, limit: Int) -> [Range<Int>] {
        let size = options.pieceSize
        guard limit > size * 2 else { return [0..<limit] }
        let head = (try? reader.read(0..<min(limit, 65_536))) ?? []
        let first = head.firstIndex { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        guard let first, head[first] == UInt8(ascii: "{") else { return [0..<limit] }
        return stride(from: 0, to: limit, by: size).map { $0..<min(limit, $0 + size) }
    }

    /// Reads the records that start in a piece: from the first line that starts a record
    /// at or after its nominal start (or from `from`), to the end of the last record that
    /// starts before its nominal end. A window is read with `pread`, larger while a record
    /// runs past it; a record larger than the limit is reported and skipped.
    static func readPiece(_ piece: Piece, from given: Int?, scan: RecordScan.Options, limits: SourceLimits) -> PieceOutcome {
        let end = piece.nominal.upperBound
        if piece.reader.count == 0 {
            // An empty source is read too: it is said to be empty.
            var outcome = PieceOutcome(start: 0, end: 0)
            let result = RecordScan.scanPiece(
                UnsafeBufferPointer(start: nil, count: 0), range: 0..<0, source: piece.source,
                path: piece.path, into: outcome.batch, options: scan)
            outcome.output = result.output
            return outcome
        }
        guard let start = given ?? boundary(piece.reader, atOrAfter: piece.nominal.lowerBound, before: end, limit: piece.limit),
            start < end
        else {
            return PieceOutcome(start: end, end: end)
        }
        var outcome = PieceOutcome(start: start, end: start)
        // Room for a record every 512 bytes (callbacks run 600 to 800): the batch's records
        // grew by doubling, copying each record about twice.
        outcome.batch.reserveRecords((end - start) / 512)
        var position = start
        // Past the piece's end, room to finish its last record (callbacks run under a few
        // kilobytes; a larger record doubles it and reads again).
        var margin = 256 << 10
        while position < end {
            let windowEnd = min(piece.limit, max(end, position + 1) + margin)
            let bytes: [UInt8]
            do {
                bytes = try piece.reader.read(position..<windowEnd)
            } catch {
                outcome.output.problems.append(
                    Problem(source: piece.path, line: outcome.lines + 1, kind: .unreadable, message: error.message))
                position = end
                break
            }
            let atEnd = windowEnd >= piece.limit || bytes.count < windowEnd - position
            let first = outcome.batch.count
            let result = bytes.withUnsafeBufferPointer { buffer in
                RecordScan.scanPiece(
                    buffer, range: 0..<min(buffer.count, end - position), source: piece.source, path: piece.path,
                    into: outcome.batch, options: scan, atEnd: atEnd, isSourceStart: position == 0,
                    baseOffset: Int64(position))
            }
            outcome.batch.shiftOffsets(by: Int64(position), from: first)
            outcome.batch.shiftLines(by: outcome.lines, from: first)
            outcome.output.append(result.output.shiftingLines(by: outcome.lines))
            outcome.lines += result.lines
            guard let stuck = result.needsMoreFrom else {
                position += result.end
                break
            }
            position += stuck
            if windowEnd - position < limits.maxRecordBytes {
                margin = max(margin * 2, (windowEnd - position) * 2)
                continue
            }
            // One record larger than the limit: reported, not read; reading goes on after it.
            let skip = skipRecord(piece.reader, from: position, limit: piece.limit)
            outcome.output.problems.append(
                Problem(
                    source: piece.path, line: outcome.lines + 1, kind: .truncated,
                    message: "a record larger than \(ByteSize.format(Int64(limits.maxRecordBytes))) (the limit): not read"))
            outcome.lines += skip.newlines
            position = skip.next
        }
        outcome.end = max(position, start)
        return outcome
    }

    /// The first byte at or after `offset` that starts a line beginning with `{` (0 for the
    /// source's start), searched in chunks; nil when there is none before `before`.
    static func boundary(_ reader: SourceReader, atOrAfter offset: Int, before: Int, limit: Int) -> Int? {
        if offset == 0 { return 0 }
        var position = offset - 1
        let chunk = 1 << 16
        while position < min(before, limit) {
            guard let bytes = try? reader.read(position..<min(limit, position + chunk + 1)), bytes.count > 1 else { return nil }
            for index in 0..<(bytes.count - 1) where bytes[index] == 0x0A && bytes[index + 1] == UInt8(ascii: "{") {
                let found = position + index + 1
                return found < before ? found : nil
            }
            position += bytes.count - 1
        }
        return nil
    }

    /// Past a record too large to read: the next line that starts a record, and the line
    /// breaks skipped on the way (counted, not kept).
    static func skipRecord(_ reader: SourceReader, from start: Int, limit: Int) -> (next: Int, newlines: Int) {
        var position = start
        var newlines = 0
        let chunk = 1 << 20
        while position < limit {
            guard let bytes = try? reader.read(position..<min(limit, position + chunk + 1)), !bytes.isEmpty else { break }
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") { return (position + index + 1, newlines + 1) }
                if index + 1 < bytes.count || position + index + 1 >= limit { newlines += 1 }
            }
            if bytes.count <= chunk { return (limit, newlines) }
            position += chunk
        }
        return (limit, newlines)
    }

    private func take(_ outcome: PieceOutcome, source: Int32, lineBase: Int) {
        outcome.batch.shiftLines(by: lineBase)
        let shifted = outcome.output.shiftingLines(by: lineBase)
        for problem in shifted.problems { addProblem(problem, source: source) }
        var rest = shifted
        rest.problems = []
        output.append(rest)
        builder.append(outcome.batch)
    }

    /// The offset just past the last line break (a line still being written waits).
    private func completeLines(_ reader: SourceReader, upTo end: Int) -> Int {
        var position = end
        let chunk = 1 << 16
        while position > 0 {
            let from = max(0, position - chunk)
            guard let bytes = try? reader.read(from..<position) else { return 0 }
            if let last = bytes.lastIndex(of: 0x0A) { return from + last + 1 }
            position = from
        }
        return 0
    }

    // MARK: - Following

    /// When following: reads what has arrived since the last look. Returns a snapshot when
    /// there is something new.
    public func poll() -> (LoadedJobs, LoadProgress)? {
        var changed = false
        for position in followed.indices where !followed[position].done {
            if followed[position].stream != nil {
                changed = pollStream(position) || changed
            } else {
                changed = pollFile(position) || changed
            }
        }
        // New files in folders, every couple of seconds.
        if Double(DispatchTime.now().uptimeNanoseconds - lastFolderScan.uptimeNanoseconds) / 1e9 >= 2 {
            lastFolderScan = DispatchTime.now()
            let folders = paths.filter { path in
                var info = stat()
                return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if !folders.isEmpty {
                let (found, problems) = InputExpander.expand(folders)
                for problem in problems where !loaded.problems.contains(problem) { loaded.problems.append(problem) }
                for input in found {
                    guard case .file(let path) = input else { continue }
                    var info = stat()
                    guard stat(path, &info) == 0, knownFiles.insert(InputExpander.FileID(info)).inserted else { continue }
                    changed = readNew(input) || changed
                }
            }
        }
        guard changed else { return nil }
        return (snapshot(), progressNow())
    }

    /// A followed file: grown (read what is new), replaced or cut short and written again
    /// (read it as a new source), gone for now (rotation under way), or no longer a file.
    private func pollFile(_ position: Int) -> Bool {
        let source = followed[position]
        var info = stat()
        guard stat(source.path, &info) == 0 else { return false }  // gone for now: rotation under way
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            followed[position].done = true
            addProblem(
                Problem(
                    source: source.path, kind: .unreadable,
                    message: "now \(InputExpander.kindName(info)), not a file: no longer followed"), source: source.source)
            return true
        }
        guard let fd = SystemIO.open(source.path) else { return false }
        let holds = source.identity?.stillHolds(fd: fd) ?? false
        close(fd)
        if !holds {
            // Replaced, or cut and written again: the old source keeps its jobs (and is read no
            // more); the file at this path is read from its start, as a new source.
            followed[position].done = true
            dropStaleProblems(of: source.source)
            _ = readNew(.file(source.path))
            return true
        }
        let size = Int(info.st_size)
        guard size > source.offset, let reader = store.reader(ofSource: source.source) else { return false }
        let grown = SourceReader(place: reader.place, count: size)
        let end = completeLines(grown, upTo: size)
        guard end > source.offset else { return false }
        takeGrowth(position, reader: grown, upTo: end, path: source.path)
        return true
    }

    /// Followed standard input: what its thread has copied since the last look.
    private func pollStream(_ position: Int) -> Bool {
        let source = followed[position]
        guard let stream = source.stream else { return false }
        let available = stream.count
        let reader = SourceReader(place: .spill(stream.spill, offset: 0), count: available)
        let end = stream.ended ? available : completeLines(reader, upTo: available)
        if stream.ended && end <= source.offset { followed[position].done = true }
        guard end > source.offset else { return false }
        store.grow(source: source.source, to: reader)
        takeGrowth(position, reader: reader, upTo: end, path: "-")
        return true
    }

    /// Reads what a followed source gained, from where it was read to `end` (whole lines).
    private func takeGrowth(_ position: Int, reader: SourceReader, upTo end: Int, path: String) {
        var source = followed[position]
        let piece = Piece(source: source.source, reader: reader, nominal: source.offset..<end, limit: end, path: path)
        let outcome = LiveLoad.readPiece(piece, from: source.offset, scan: options.scan, limits: options.limits)
        // A source that was empty is empty no more.
        sourceProblems[source.source]?.removeAll { $0.kind == .empty }
        take(outcome, source: source.source, lineBase: source.lines)
        progress.bytesRead += Int64(end - source.offset)
        progress.bytesTotal += Int64(end - source.offset)
        source.lines += outcome.lines
        source.offset = max(end, outcome.end)
        followed[position] = source
    }

    /// Opens and reads a source that appeared while following.
    private func readNew(_ input: InputSource) -> Bool {
        let reader: SourceReader
        do {
            reader = try SourceOpener.open(input, limits: options.limits, spills: spills, standardInput: nil)
        } catch {
            loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: error.message))
            return true
        }
        let index = register(input, reader)
        let limit = completeLines(reader, upTo: reader.count)
        progress.bytesTotal += Int64(reader.count)
        let (_, ends) = read([(index, reader, limit)], stop: nil) {}
        followFrom(ends, limits: [index: limit])
        return true
    }

    /// A followed source that was replaced: what was said of its file (empty, cut short) is
    /// no longer so.
    private func dropStaleProblems(of source: Int32) {
        sourceProblems[source]?.removeAll { $0.kind == .empty || $0.kind == .truncated }
    }

    private func progressNow() -> LoadProgress {
        var now = progress
        now.records = builder.recordCount
        now.fastRecords = output.fastRecords
        now.seconds = elapsed()
        return now
    }

    private func snapshot() -> LoadedJobs {
        // Signatures seen on more than one job or body (only known once they are all read).
        if let ledger = options.scan.signatures?.ledger {
            builder.markReplayed(ledger.replayedPlaces().map { ($0.source, $0.offset) })
        }
        var snapshot = loaded
        snapshot.store = builder.snapshot(sources: loaded.sources)
        snapshot.recordCount = builder.recordCount
        for index in 0..<Int32(loaded.sources.count) { snapshot.problems += sourceProblems[index] ?? [] }
        snapshot.requestErrors = output.requestErrors
        snapshot.acknowledgements = output.acknowledgements
        return snapshot
    }
}

/// Standard input, followed: a thread copies it to a spill file of its own as it arrives.
final class FollowedStream: Sendable {
    let spill: SpillFile
    private let state = Mutex<(count: Int, ended: Bool)>((0, false))

    init(spill: SpillFile) {
        self.spill = spill
    }

    var count: Int { state.withLock { $0.count } }
    var ended: Bool { state.withLock { $0.ended } }

    /// Starts copying standard input.
    static func start() throws(SourceError) -> FollowedStream {
        let stream = FollowedStream(spill: try SpillFile())
        DispatchQueue.global().async {
            LoaderThread.prepare()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer { buffer.deallocate() }
            while let got = SystemIO.read(STDIN_FILENO, into: buffer), got > 0 {
                guard (try? stream.spill.append(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))) != nil else { break }
                stream.state.withLock { $0.count += got }
            }
            stream.state.withLock { $0.ended = true }
        }
        return stream
    }
}

/// What every thread that reads input does first.
public enum LoaderThread {
    /// An alternate signal stack for this thread: if it overflows its stack, the crash
    /// handler can still run and give the terminal back.
    public static func prepare() {
        _ = cs_install_alternate_signal_stack()
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
        copy.acknowledgements = acknowledgements.map { acknowledgement in
            var moved = acknowledgement
            moved.line += lines
            return moved
        }
        return copy
    }
}

/// Reads pieces on worker threads a few ahead of the one taking them, so merging one piece
/// overlaps reading the next. Results are taken in order; at most `lookahead` are claimed
/// and not yet taken. Threads come from Dispatch, shared state sits behind a Mutex, and
/// waiting is on semaphores: the loader's only threading tools.
final class PiecePipeline: Sendable {
    typealias Result = LiveLoad.PieceOutcome
    private let results = Mutex<(byPiece: [Int: Result], nextPiece: Int)>(([:], 0))
    /// One permit per piece that may be claimed ahead of the taker.
    private let slots: DispatchSemaphore
    /// Signalled once for every result put in.
    private let arrived = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    private let count: Int
    private let threads: Int

    init(count: Int, threads: Int, work: @escaping @Sendable (Int) -> Result) {
        self.count = count
        self.threads = max(1, min(threads, count))
        slots = DispatchSemaphore(value: max(4, threads * 4))
        for _ in 0..<self.threads {
            DispatchQueue.global().async { [self] in
                LoaderThread.prepare()
                while let number = claim() {
                    let result = work(number)
                    results.withLock { $0.byPiece[number] = result }
                    arrived.signal()
                }
            }
        }
    }

    /// The next piece to read, once a slot is free; nil when there are no more.
    private func claim() -> Int? {
        slots.wait()
        let number: Int? =
            cancelled.load(ordering: .relaxed)
            ? nil
            : results.withLock { state in
                guard state.nextPiece < count else { return nil }
                state.nextPiece += 1
                return state.nextPiece - 1
            }
        if number == nil { slots.signal() }  // pass the permit on: another worker may be waiting to see the end
        return number
    }

    /// Waits for piece `number` and takes its result.
    func take(_ number: Int) -> Result {
        while true {
            if let result = results.withLock({ $0.byPiece.removeValue(forKey: number) }) {
                slots.signal()
                return result
            }
            arrived.wait()
        }
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        for _ in 0..<threads { slots.signal() }
    }
}
