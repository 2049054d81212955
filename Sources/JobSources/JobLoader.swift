import Foundation
import SmileJobs

/// Loads jobs from the paths a user named.
///
/// Every source is read; what cannot be read becomes a problem with its file and line,
/// and the rest loads. Sources stay open (mapped) so that a job's full record can be
/// read again when someone opens it.
public final class JobLoader: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .standard) {
        self.catalogue = catalogue
    }

    /// Reads and merges everything. `standardInput` supplies the bytes of `-` (tests pass
    /// their own; the default reads the process's standard input).
    public func load(paths: [String], standardInput: (@Sendable () -> Data)? = nil) -> (LoadedJobs, SourceStore) {
        let (inputs, expandProblems) = InputExpander.expand(paths)
        var loaded = LoadedJobs()
        loaded.problems = expandProblems
        let store = SourceStore()
        let builder = JobStoreBuilder(catalogue: catalogue)
        var output = ScanOutput()
        for input in inputs {
            let bytes: SourceBytes
            do {
                switch input {
                case .file(let path): bytes = try SourceBytes.read(path: path)
                case .standardInput:
                    if let standardInput {
                        bytes = try SourceBytes.inflatingIfGzip(standardInput())
                    } else {
                        bytes = try SourceBytes.readStandardInput()
                    }
                }
            } catch let error as SourceBytes.ReadError {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: error.message))
                continue
            } catch {
                loaded.problems.append(Problem(source: input.path, kind: .unreadable, message: "\(error)"))
                continue
            }
            let index = Int32(loaded.sources.count)
            loaded.sources.append(SourceInfo(path: input.path, byteCount: Int64(bytes.data.count)))
            store.add(bytes, path: input.path)
            if let damage = bytes.damage {
                output.problems.append(Problem(source: input.path, kind: .truncated, message: damage))
            }
            output.append(bytes.withBytes { RecordScan.scan($0, source: index, path: input.path, into: builder) })
        }
        loaded.store = builder.snapshot()
        loaded.recordCount = builder.recordCount
        loaded.problems.append(contentsOf: output.problems)
        loaded.requestErrors = output.requestErrors
        return (loaded, store)
    }
}
