import CZlib
import Foundation
import SmileJobs

/// The bytes of one source: a file mapped into memory, standard input read whole, or a
/// `.gz` file inflated.
public struct SourceBytes: Sendable {
    private let storage: Storage
    /// Set when the bytes are usable but incomplete (a gzip file cut short).
    public let damage: String?

    private enum Storage: Sendable {
        case data(Data)
        case mapped(MappedFile)
        case growing(GrowingBuffer)
    }

    public init(data: Data, damage: String? = nil) {
        self.storage = .data(data)
        self.damage = damage
    }

    init(mapped: MappedFile) {
        self.storage = .mapped(mapped)
        self.damage = nil
    }

    init(growing: GrowingBuffer) {
        self.storage = .growing(growing)
        self.damage = nil
    }

    /// The buffer behind a followed source, which grows as data arrives.
    var growing: GrowingBuffer? {
        if case .growing(let buffer) = storage { return buffer }
        return nil
    }

    public var count: Int {
        switch storage {
        case .data(let data): data.count
        case .mapped(let file): file.count
        case .growing(let buffer): buffer.count
        }
    }

    /// Lets the kernel drop pages already read (they come back from the page cache if a
    /// record there is opened), so reading a large file does not hold it all in memory.
    public func release(_ range: Range<Int>) {
        if case .mapped(let file) = storage { file.release(range) }
    }

    public enum ReadError: Error, Sendable {
        case unreadable(String)
        case badGzip(String)

        public var message: String {
            switch self {
            case .unreadable(let why): "cannot read: \(why)"
            case .badGzip(let why): "cannot inflate gzip data: \(why)"
            }
        }
    }

    /// Reads a file, inflating gzip data (by its magic bytes, whatever the name says).
    public static func read(path: String) throws -> SourceBytes {
        let file = try MappedFile(path: path)
        if file.count >= 2 {
            let magic = file.withBytes { ($0[0], $0[1]) }
            if magic == (0x1F, 0x8B) {
                return try inflatingIfGzip(file.withBytes { Data(buffer: $0) })
            }
        }
        return SourceBytes(mapped: file)
    }

    /// Reads standard input to its end.
    public static func readStandardInput() throws -> SourceBytes {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return try inflatingIfGzip(data)
    }

    static func inflatingIfGzip(_ data: Data) throws -> SourceBytes {
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            let (inflated, damage) = try Gzip.inflate(data)
            return SourceBytes(data: inflated, damage: damage)
        }
        return SourceBytes(data: data)
    }

    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .data(let data): return try data.withUnsafeBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
        case .mapped(let file): return try file.withBytes(body)
        case .growing(let buffer): return try buffer.withBytes(body)
        }
    }
}

/// Bytes that grow as a followed file or standard input grows. Kept in memory (not
/// mapped), so a file truncated or replaced under the dashboard cannot fault it. A
/// reader gets a pointer that stays valid: outgrown blocks are kept until the buffer goes.
final class GrowingBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private var length = 0
    private var retired: [UnsafeMutableRawPointer] = []
    private(set) var ended = false

    init() {}

    deinit {
        base?.deallocate()
        for block in retired { block.deallocate() }
    }

    var count: Int { lock.withLock { length } }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        lock.withLock {
            if length + bytes.count > capacity {
                let newCapacity = max(1 << 16, (length + bytes.count) * 2)
                let block = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
                if let base {
                    block.copyMemory(from: base, byteCount: length)
                    retired.append(base)
                }
                base = block
                capacity = newCapacity
            }
            (base! + length).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            length += bytes.count
        }
    }

    func markEnded() { lock.withLock { ended = true } }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (pointer, size) = lock.withLock { (base, length) }
        return try body(UnsafeBufferPointer(start: pointer?.assumingMemoryBound(to: UInt8.self), count: size))
    }

    /// Reads a whole file (or what is added to it since `offset`) into the buffer.
    static func readFile(_ path: String, into buffer: GrowingBuffer, from offset: Int) throws -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SourceBytes.ReadError.unreadable(InputExpander.describeErrno(errno)) }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var position = offset
        var total = 0
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
            if got <= 0 { break }
            chunk.withUnsafeBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
            position += got
            total += got
        }
        return total
    }
}

/// A file mapped read-only into memory, unmapped when the last reference goes.
final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    let count: Int

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SourceBytes.ReadError.unreadable(InputExpander.describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SourceBytes.ReadError.unreadable(InputExpander.describeErrno(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw SourceBytes.ReadError.unreadable("is a folder") }
        let size = Int(info.st_size)
        if size == 0 || (info.st_mode & S_IFMT) != S_IFREG {
            // Pipes, devices and empty files: read what there is.
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if got <= 0 { break }
                data.append(contentsOf: chunk[0..<got])
            }
            count = data.count
            if count == 0 {
                base = nil
            } else {
                let memory = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
                data.copyBytes(to: memory.assumingMemoryBound(to: UInt8.self), count: count)
                base = memory
                ownsAllocation = true
            }
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw SourceBytes.ReadError.unreadable(InputExpander.describeErrno(errno))
        }
        madvise(mapped, size, MADV_SEQUENTIAL)
        base = mapped
        count = size
    }

    private var ownsAllocation = false

    deinit {
        guard let base else { return }
        if ownsAllocation { base.deallocate() } else { munmap(base, count) }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: count))
    }

    func release(_ range: Range<Int>) {
        guard let base, !ownsAllocation else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        madvise(base + start, end - start, MADV_DONTNEED)
    }
}

/// gzip through the system's zlib.
enum Gzip {
    /// The inflated bytes, and what went wrong if the data stopped early: what was
    /// inflated before the damage is kept.
    static func inflate(_ input: Data) throws -> (Data, String?) {
        var stream = z_stream()
        // 15 window bits + 32: accept gzip and zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SourceBytes.ReadError.badGzip("zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        output.reserveCapacity(input.count * 4)
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = Z_OK
        let result: String? = input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            guard let base = raw.baseAddress else { return "empty input" }
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(raw.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return chunkSize - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END && stream.avail_in > 0 {
                    // Concatenated gzip members (as `cat a.gz b.gz` makes): start the next one.
                    guard inflateReset(&stream) == Z_OK else { return "zlib reset failed" }
                    status = Z_OK
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { return "the file is cut short" }
                if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                    return stream.msg.map { String(cString: $0) } ?? "corrupt data (zlib status \(status))"
                }
            } while status != Z_STREAM_END || stream.avail_in > 0
            return nil
        }
        if let result, output.isEmpty { throw SourceBytes.ReadError.badGzip(result) }
        return (output, result.map { "gzip data damaged (\($0)); what came before is read" })
    }
}
