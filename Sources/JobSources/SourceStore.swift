import Foundation
import SmileJobs
import Synchronization
import TolerantJSON

/// The bytes of every loaded source, kept so a record can be read again in full when
/// someone opens it. Files stay mapped (the kernel pages them in and out); standard input
/// and inflated `.gz` data are held in memory, since they cannot be read again.
public final class SourceStore: Sendable {
    private let sources = Mutex<[(path: String, bytes: SourceBytes)]>([])

    public init() {}

    func add(_ bytes: SourceBytes, path: String) {
        sources.withLock { $0.append((path, bytes)) }
    }

    /// Replaces the bytes behind a source (a followed file read again, mapped anew).
    func replace(_ index: Int, with bytes: SourceBytes) {
        sources.withLock { list in
            if list.indices.contains(index) { list[index].bytes = bytes }
        }
    }

    public var count: Int { sources.withLock { $0.count } }

    /// The bytes of source `index`, if there is one.
    public func bytes(ofSource index: Int32) -> SourceBytes? {
        sources.withLock { list in list.indices.contains(Int(index)) ? list[Int(index)].bytes : nil }
    }

    /// Reads one record again, whole: every field, the raw JSON, and the reader's notes.
    public func document(for record: JobRecord) -> RecordDocument? {
        guard let entry = sources.withLock({ list -> (path: String, bytes: SourceBytes)? in
            list.indices.contains(Int(record.origin.source)) ? list[Int(record.origin.source)] : nil
        }) else { return nil }
        return entry.bytes.withBytes { buffer in
            RecordDocumentBuilder.build(record: record, buffer: buffer, path: entry.path)
        }
    }
}
