import Foundation
import SmileJobs

/// Opens a source for reading: a regular file stays where it is (read by `pread` when
/// needed); gzip data, standard input and named pipes are copied to a spill file as they
/// are read (inflating gzip, within the limits), because they cannot be read again.
enum SourceOpener {
    /// The bytes given for `-` by a test (instead of the process's standard input).
    typealias StandardInput = @Sendable () -> Data

    /// `stop`: looked at while a stream is waited for; when it says so, the stream's copy
    /// ends with what has arrived (the loader keeps its complete lines).
    static func open(
        _ input: InputSource, limits: SourceLimits, spills: SpillPool,
        standardInput: StandardInput?, stop: (@Sendable () -> Bool)? = nil
    ) throws(SourceError) -> SourceReader {
        switch input {
        case .file(let path):
            return try openFile(path, limits: limits, spills: spills, stop: stop)
        case .stream(let path):
            guard let fd = SystemIO.open(path) else { throw .unreadable(InputExpander.describeErrno(errno)) }
            defer { close(fd) }
            return try readStream(fd: fd, limits: limits, spills: spills, stop: stop)
        case .standardInput:
            if let standardInput {
                let data = standardInput()
                var offset = 0
                return try readStream(limits: limits, spills: spills) { (buffer) throws(SourceError) -> Int in
                    let count = min(buffer.count, data.count - offset)
                    data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + count))
                    offset += count
                    return count
                }
            }
            return try readStream(fd: STDIN_FILENO, limits: limits, spills: spills, stop: stop)
        }
    }

    private static func openFile(
        _ path: String, limits: SourceLimits, spills: SpillPool, stop: (@Sendable () -> Bool)?
    ) throws(SourceError) -> SourceReader {
        guard let fd = SystemIO.open(path) else { throw .unreadable(InputExpander.describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(InputExpander.describeErrno(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable("is a folder")
        case S_IFIFO: return try readStream(fd: fd, limits: limits, spills: spills, stop: stop)
        default: throw .unreadable("\(InputExpander.kindName(info)), not a file")
        }
        let size = Int64(info.st_size)
        // A sparse file: holes read as zeros, for as long as its size says, and are no JSON.
        if size > 0 {
            let seekHole: Int32 = 4  // SEEK_HOLE, which Glibc's module does not export
            let hole = lseek(fd, 0, seekHole)
            if hole >= 0, hole < size {
                throw .unreadable(
                    "a sparse file (\(ByteSize.format(size)), its bytes from \(ByteSize.format(Int64(hole))) a hole of zeros): not read")
            }
        }
        var magic = [UInt8](repeating: 0, count: 2)
        let got = magic.withUnsafeMutableBytes { SystemIO.pread(fd, into: $0, at: 0) } ?? 0
        if got == 2, magic == [0x1F, 0x8B] {
            var offset: Int64 = 0
            let target = try spills.acquire()
            defer { spills.release(target) }
            let start = try target.append(UnsafeRawBufferPointer(start: nil, count: 0))
            // Inflating a large file takes a while: a stop (Ctrl-C) ends it with what is
            // inflated, as a stream's copy (its last line may be half a record).
            var stopped = false
            let (count, damage) = try Gzip.inflate(
                fill: { (buffer) throws(SourceError) -> Int in
                    if let stop, stop() {
                        stopped = true
                        return 0
                    }
                    guard let read = SystemIO.pread(fd, into: buffer, at: offset) else {
                        throw SourceError.unreadable(InputExpander.describeErrno(errno))
                    }
                    offset += Int64(read)
                    return read
                }, into: target, limits: limits, stopped: { stopped })
            let reader = SourceReader(place: .spill(target, offset: start), count: Int(count), damage: damage)
            return stopped ? reader.stoppedCopy() : reader
        }
        guard let identity = FileIdentity(fd: fd, size: size) else { throw .unreadable(InputExpander.describeErrno(errno)) }
        return SourceReader(place: .file(path: path, identity: identity), count: Int(size))
    }

    private static func readStream(
        fd: Int32, limits: SourceLimits, spills: SpillPool, stop: (@Sendable () -> Bool)? = nil
    ) throws(SourceError) -> SourceReader {
        var stopped = false
        let fill = { (buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int in
            // Waited for even with no stop to look at: on a FIFO no writer has opened yet, a
            // read says the end at once.
            if !SystemIO.waitReadable(fd, stop: stop ?? { false }) {
                stopped = true
                return 0
            }
            guard let got = SystemIO.read(fd, into: buffer) else { throw SourceError.unreadable(InputExpander.describeErrno(errno)) }
            return got
        }
        let reader = try readStream(limits: limits, spills: spills, stopped: { stopped }, fill: fill)
        return stopped ? reader.stoppedCopy() : reader
    }

    /// Copies a stream to the spill file, inflating it when it is gzip. A stream that
    /// starts with binary data (NUL bytes: `/dev/zero`, an image) is not read further.
    private static func readStream(
        limits: SourceLimits, spills: SpillPool, stopped: () -> Bool = { false },
        fill: (UnsafeMutableRawBufferPointer) throws(SourceError) -> Int
    ) throws(SourceError) -> SourceReader {
        // This source's bytes go to a spill file of its own while it is copied: contiguous.
        let spill = try spills.acquire()
        defer { spills.release(spill) }
        let chunkSize = 1 << 20
        let first = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { first.deallocate() }
        // The first bytes decide: gzip, binary, or text.
        var head = 0
        while head < 2 {
            let got = try fill(UnsafeMutableRawBufferPointer(rebasing: first[head...]))
            if got == 0 { break }
            head += got
        }
        let start = try spill.append(UnsafeRawBufferPointer(start: nil, count: 0))
        if head >= 2, first[0] == 0x1F, first[1] == 0x8B {
            var pending = head
            let (count, damage) = try Gzip.inflate(
                fill: { (buffer) throws(SourceError) -> Int in
                    if pending > 0 {
                        let count = min(pending, buffer.count)
                        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: first[(head - pending)..<(head - pending + count)]))
                        pending -= count
                        return count
                    }
                    return try fill(buffer)
                }, into: spill, limits: limits, stopped: stopped)
            return SourceReader(place: .spill(spill, offset: start), count: Int(count), damage: damage, isCopiedStream: true)
        }
        var total = Int64(0)
        var chunk = head
        while chunk > 0 {
            let bytes = UnsafeRawBufferPointer(rebasing: first[0..<chunk])
            _ = try spill.append(bytes)
            total += Int64(chunk)
            // Binary from the start (`/dev/zero`, an image): what was read is enough for the
            // reader to say so; the rest is not read.
            if total == Int64(chunk), bytes.prefix(8192).contains(0),
                bytes.first.map({ $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "[") }) ?? true
            {
                break
            }
            chunk = try fill(first)
        }
        return SourceReader(place: .spill(spill, offset: start), count: Int(total), isCopiedStream: true)
    }
}
