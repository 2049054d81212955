import CZlib
import Foundation
import SmileJobs
import Synchronization

/// Reads and writes that an interrupting signal cannot cut short: every call is retried on
/// EINTR, and a short read or write continues where it stopped.
enum SystemIO {
    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    static func pread(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int? {
        var done = 0
        while done < buffer.count {
            let got = Glibc.pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// One read from a stream (a pipe, standard input): 0 at its end, nil on an error.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let got = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if got >= 0 { return got }
            if errno != EINTR { return nil }
        }
    }

    /// Waits until a stream has bytes (or its end) to read, looking at `stop` every tenth
    /// of a second. False when `stop` said so first: a slow pipe does not hold up a load
    /// that was asked to stop.
    static func waitReadable(_ fd: Int32, stop: () -> Bool) -> Bool {
        while true {
            if stop() { return false }
            var wanted = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&wanted, 1, 100)
            if ready > 0 { return true }
            // An error other than EINTR: the read that follows says what it is.
            if ready < 0 && errno != EINTR { return true }
        }
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64) -> Bool {
        var done = 0
        while done < bytes.count {
            let put = Glibc.pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if put < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += put
        }
        return true
    }

    /// Opens for reading, at once: a FIFO is not waited on here (a blocking open waits for
    /// a writer, and no stop can end it), and reads then block. A stream's reads are each
    /// preceded by `waitReadable`: on a FIFO no writer has opened yet, poll waits (a read
    /// would say the end), and it is where a stop is seen.
    static func open(_ path: String) -> Int32? {
        while true {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                return fd
            }
            if errno != EINTR { return nil }
        }
    }
}

/// How a file was when it was read: enough to tell later that it changed under a loaded
/// job (rotated, truncated, rewritten), so its records are not read from other bytes.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// A hash of the first `headLength` bytes: a file cut and written again longer keeps
    /// its inode and grows, but not its first bytes.
    var head: UInt64
    var headLength: Int

    static let headBytes = 4096

    init?(fd: Int32, size: Int64) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        self.size = size
        headLength = Int(min(size, Int64(FileIdentity.headBytes)))
        var bytes = [UInt8](repeating: 0, count: headLength)
        let got = bytes.withUnsafeMutableBytes { SystemIO.pread(fd, into: $0, at: 0) } ?? 0
        head = FileIdentity.hash(bytes[0..<got])
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// True when the file at this descriptor is still the one described: same inode, no
    /// shorter, same first bytes (it may have grown: a followed log).
    func stillHolds(fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode, Int64(info.st_size) >= size else {
            return false
        }
        var bytes = [UInt8](repeating: 0, count: headLength)
        let got = bytes.withUnsafeMutableBytes { SystemIO.pread(fd, into: $0, at: 0) } ?? -1
        return got == headLength && FileIdentity.hash(bytes[0..<got]) == head
    }
}

/// One temporary file that holds what cannot be read again from its source: standard
/// input, named pipes, gzip data inflated. Unlinked as soon as it is made, so nothing is
/// left behind however the process ends; appended to, read with `pread`.
final class SpillFile: Sendable {
    private let fd: Int32
    private let end = Mutex<Int64>(0)

    init() throws(SourceError) {
        let folder = SpillFile.folder()
        var template = Array((folder + "/smile-triage-spill.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .unreadable("cannot make a temporary file in \(folder): \(InputExpander.describeErrno(errno))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
    }

    deinit { close(fd) }

    /// `$TMPDIR`, else /var/tmp (often a disk, where /tmp may be memory), else /tmp.
    static func folder() -> String {
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"], !tmp.isEmpty { return tmp }
        var info = stat()
        if stat("/var/tmp", &info) == 0, access("/var/tmp", W_OK) == 0 { return "/var/tmp" }
        return "/tmp"
    }

    /// Bytes written to it so far.
    var size: Int64 { end.withLock { $0 } }

    /// Appends bytes; returns where they start.
    func append(_ bytes: UnsafeRawBufferPointer) throws(SourceError) -> Int64 {
        let offset: Int64 = end.withLock { end in
            let start = end
            end += Int64(bytes.count)
            return start
        }
        guard SystemIO.write(fd, bytes, at: offset) else {
            throw .unreadable("cannot write the temporary copy: \(InputExpander.describeErrno(errno))")
        }
        return offset
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int? {
        SystemIO.pread(fd, into: buffer, at: offset)
    }
}

/// Spill files lent out one at a time, so that what one source writes is contiguous
/// while other sources are copied at the same moment (gzip inflates on every core). As
/// many files as sources copied at once, never more.
final class SpillPool: Sendable {
    private let free = Mutex<[SpillFile]>([])
    private let made = Mutex<[SpillFile]>([])

    init() {}

    /// A spill file for this caller alone until it gives it back.
    func acquire() throws(SourceError) -> SpillFile {
        if let file = free.withLock({ $0.popLast() }) { return file }
        let file = try SpillFile()
        made.withLock { $0.append(file) }
        return file
    }

    /// Bytes copied into the pool's files so far (streams received, gzip inflated).
    var bytesWritten: Int64 { made.withLock { $0.reduce(0) { $0 + $1.size } } }

    func release(_ file: SpillFile) {
        free.withLock { $0.append(file) }
    }
}

/// Why a source could not be read, in words.
public enum SourceError: Error, Sendable, Equatable {
    case unreadable(String)
    case badGzip(String)
    /// The file changed since it was loaded: rotated, truncated or rewritten.
    case changed(String)

    public var message: String {
        switch self {
        case .unreadable(let why): "cannot read: \(why)"
        case .badGzip(let why): "cannot inflate gzip data: \(why)"
        case .changed(let why): why
        }
    }
}

/// Where one source's bytes are read from: a regular file by its path (opened for each
/// read and closed after it, so nothing stays mapped or open: no SIGBUS when the file
/// shrinks, no limit on how many files load), or a region of a spill file.
final class SourceReader: Sendable {
    enum Place: Sendable {
        case file(path: String, identity: FileIdentity)
        case spill(SpillFile, offset: Int64)
    }

    let place: Place
    /// Bytes the source had when it was read (a followed file grows beyond this).
    let count: Int
    /// Set when the bytes are usable but incomplete (a gzip file cut short, a cap reached).
    let damage: String?
    /// Copied from a pipe or standard input as it arrived (a load stopped meanwhile keeps
    /// what came).
    let isCopiedStream: Bool
    /// The copy ended because the load was stopped, not at the stream's end: its last line
    /// may be half a record, not read.
    let copyStopped: Bool

    init(place: Place, count: Int, damage: String? = nil, isCopiedStream: Bool = false, copyStopped: Bool = false) {
        self.place = place
        self.count = count
        self.damage = damage
        self.isCopiedStream = isCopiedStream
        self.copyStopped = copyStopped
    }

    /// The same bytes, marked as a copy the stop ended.
    func stoppedCopy() -> SourceReader {
        SourceReader(place: place, count: count, damage: damage, isCopiedStream: isCopiedStream, copyStopped: true)
    }

    /// The bytes in `range` (fewer at the end of the source). Read straight into the
    /// array's storage: zeroing it first was a twenty-fifth of a load's instructions.
    func read(_ range: Range<Int>) throws(SourceError) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        var failure: SourceError?
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            let got: Int?
            switch place {
            case .file(let path, let identity):
                guard let fd = SystemIO.open(path) else {
                    failure = .unreadable(InputExpander.describeErrno(errno))
                    initialized = 0
                    return
                }
                defer { close(fd) }
                guard identity.stillHolds(fd: fd) else {
                    failure = .changed(
                        "\(path) changed since it was loaded (rotated, cut short or written again): its records cannot be read again")
                    initialized = 0
                    return
                }
                got = SystemIO.pread(fd, into: raw, at: Int64(range.lowerBound))
            case .spill(let spill, let offset):
                let available = max(0, min(range.count, count - range.lowerBound))
                got = spill.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<available]), at: offset + Int64(range.lowerBound))
            }
            guard let got else {
                failure = .unreadable(InputExpander.describeErrno(errno))
                initialized = 0
                return
            }
            initialized = min(got, range.count)
        }
        if let failure { throw failure }
        return bytes
    }
}

/// Limits on what one source may cost, so a bomb or a device cannot take the machine.
public struct SourceLimits: Sendable {
    /// Inflated bytes a gzip file may give (over all its members).
    public var maxInflatedBytes: Int64 = 8 << 30
    /// Inflated bytes per compressed byte, past the first `ratioGrace` bytes: JSON
    /// compresses ten to fifty times; a gzip bomb a thousand.
    public var maxInflationRatio: Int64 = 200
    public var ratioGrace: Int64 = 64 << 20
    /// A record larger than this is reported, not read.
    public var maxRecordBytes = 256 << 20

    public init() {}
}

/// gzip through the system's zlib, streamed: a chunk in, a chunk out, into a spill file.
enum Gzip {
    /// Inflates what `fill` gives (it fills a buffer and says how many bytes, 0 at the
    /// end) into `spill`. Returns the inflated length, and what went wrong if the data
    /// stopped early or a limit was reached (what was inflated before is kept). When
    /// `stopped` says the end was the load's stop (Ctrl-C), an end mid-stream is no damage.
    static func inflate(
        fill: (UnsafeMutableRawBufferPointer) throws(SourceError) -> Int, into spill: SpillFile,
        limits: SourceLimits, stopped: () -> Bool = { false }
    ) throws(SourceError) -> (count: Int64, damage: String?) {
        var stream = z_stream()
        // 15 window bits + 32: accept gzip and zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .badGzip("zlib would not start")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 1 << 20
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer {
            input.deallocate()
            output.deallocate()
        }
        var written: Int64 = 0
        var compressed: Int64 = 0
        var status: Int32 = Z_OK
        var inputEnded = false
        while true {
            if stream.avail_in == 0 && !inputEnded {
                let got = try fill(input)
                compressed += Int64(got)
                inputEnded = got == 0
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(got)
            }
            if inputEnded && stream.avail_in == 0 {
                if status == Z_STREAM_END || compressed == 0 || stopped() { break }
                if written == 0 { throw .badGzip("the file is cut short") }
                return (written, "gzip data damaged (the file is cut short); what came before is read")
            }
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(chunkSize)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = chunkSize - Int(stream.avail_out)
            if produced > 0 {
                _ = try spill.append(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
                written += Int64(produced)
            }
            if written > limits.maxInflatedBytes {
                return (written, "gzip data inflates past \(ByteSize.format(limits.maxInflatedBytes)), the limit: the rest is not read")
            }
            if written > limits.ratioGrace && written > compressed * limits.maxInflationRatio {
                return (
                    written, "gzip data inflates more than \(limits.maxInflationRatio) times its size (a gzip bomb?): the rest is not read"
                )
            }
            if status == Z_STREAM_END {
                // Concatenated members (as `cat a.gz b.gz` makes): start the next one.
                guard inflateReset(&stream) == Z_OK else { return (written, "zlib reset failed") }
                continue
            }
            if status != Z_OK && status != Z_BUF_ERROR {
                let why = stream.msg.map { String(cString: $0) } ?? "corrupt data (zlib status \(status))"
                if written == 0 { throw .badGzip(why) }
                return (written, "gzip data damaged (\(why)); what came before is read")
            }
        }
        return (written, nil)
    }
}
