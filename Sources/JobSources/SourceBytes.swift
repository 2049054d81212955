import CZlib
import Foundation
import SmileJobs

/// The bytes of one source: a file mapped into memory, standard input read whole, or a
/// `.gz` file inflated.
public struct SourceBytes: Sendable {
    public let data: Data
    /// Set when the bytes are usable but incomplete (a gzip file cut short).
    public let damage: String?

    public init(data: Data, damage: String? = nil) {
        self.data = data
        self.damage = damage
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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: [.alwaysMapped])
        } catch {
            throw ReadError.unreadable(InputExpander.describe(error))
        }
        return try inflatingIfGzip(data)
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
        try data.withUnsafeBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
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
