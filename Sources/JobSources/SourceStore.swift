import Foundation
import SmileJobs
import Synchronization
import TolerantJSON

/// Where every loaded source can be read again, so a record can be read in full when
/// someone opens its job: files by path (`pread`, nothing kept open or mapped), and what
/// could not be read again from its source (standard input, pipes, inflated gzip) from a
/// spill file.
public final class SourceStore: Sendable {
    private let sources = Mutex<[(path: String, reader: SourceReader)]>([])

    public init() {}

    func add(_ reader: SourceReader, path: String) {
        sources.withLock { $0.append((path, reader)) }
    }

    /// A followed stream's reader, now holding more.
    func grow(source index: Int32, to reader: SourceReader) {
        sources.withLock { list in
            if list.indices.contains(Int(index)) { list[Int(index)].reader = reader }
        }
    }

    func reader(ofSource index: Int32) -> SourceReader? {
        sources.withLock { list in list.indices.contains(Int(index)) ? list[Int(index)].reader : nil }
    }

    public var count: Int { sources.withLock { $0.count } }

    /// Reads one record again, whole: every field, the raw JSON, and the reader's notes.
    public func document(for record: JobRecord) -> RecordDocument? {
        if case .success(let document) = read(record) { return document }
        return nil
    }

    /// A job's records read again; for those that cannot be, why (said once per reason).
    public func documents(for records: [JobRecord]) -> (documents: [RecordDocument], unreadable: [String]) {
        var documents: [RecordDocument] = []
        var unreadable: [String] = []
        for record in records {
            switch read(record) {
            case .success(let document): documents.append(document)
            case .failure(let error): if !unreadable.contains(error.message) { unreadable.append(error.message) }
            }
        }
        return (documents, unreadable)
    }

    /// The record read again, or why it cannot be (its file changed, or is gone).
    public func read(_ record: JobRecord) -> Result<RecordDocument, SourceError> {
        guard
            let entry = sources.withLock({ list -> (path: String, reader: SourceReader)? in
                list.indices.contains(Int(record.origin.source)) ? list[Int(record.origin.source)] : nil
            })
        else { return .failure(.unreadable("its source is not loaded")) }
        let range = Int(record.origin.offset)..<(Int(record.origin.offset) + Int(record.origin.length))
        // A record too large to show in full: its first bytes, as text.
        let shown =
            range.count > RecordDocumentBuilder.maxRecordBytes
            ? range.lowerBound..<(range.lowerBound + RecordDocumentBuilder.previewBytes) : range
        let bytes: [UInt8]
        do {
            bytes = try entry.reader.read(shown)
        } catch {
            return .failure(error)
        }
        guard bytes.count == shown.count else {
            return .failure(.changed("\(entry.path) is shorter than when it was loaded: the record cannot be read again"))
        }
        if shown != range {
            return .success(RecordDocumentBuilder.preview(record: record, bytes: bytes, total: range.count, path: entry.path))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            RecordDocumentBuilder.build(record: record, bytes: buffer, path: entry.path)
        }.map(Result.success)
            ?? .failure(.changed("\(entry.path) no longer holds this record where it was: it changed since it was loaded"))
    }
}
