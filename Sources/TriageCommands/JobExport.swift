import Foundation
import SmileJobs
import TolerantJSON
import TriageViewModel

/// The job list as a file: what is shown (filter, search and sort applied), with each
/// job's decision. `.json` gives a JSON array, anything else CSV.
enum JobExport {
    /// The jobs shown, with their decisions, as `smile-triage jobs` writes them.
    static func table(_ state: AppState, jobs: [Int32]) -> TabularOutput {
        JobReport(table: state.table, decisions: state.decisions).tabular(jobs)
    }

    /// The same as JSON objects (nested, as `jobs --format json`).
    static func json(_ state: AppState, jobs: [Int32]) -> String {
        let report = JobReport(table: state.table, decisions: state.decisions)
        return JSONWriter.write(.array(jobs.map { report.json(Int($0)) })) + "\n"
    }

    /// Writes the file (refusing to replace one unless asked); says how it went.
    static func write(_ request: ExportRequest, state: AppState) -> ExportOutcome {
        let path = (request.path as NSString).expandingTildeInPath
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if !request.overwrite && FileManager.default.fileExists(atPath: absolute) { return .exists(path: request.path) }
        let json = absolute.lowercased().hasSuffix(".json")
        let table = table(state, jobs: request.jobs)
        do {
            try PrivateFile.write(Array((json ? JobExport.json(state, jobs: request.jobs) : table.csv()).utf8), to: absolute)
        } catch {
            return .failed("\(request.path): \(error.message)")
        }
        return .written(path: absolute, jobs: request.jobs.count, format: json ? "JSON" : "CSV")
    }
}

/// A file only its owner may read (it holds user ids and notes: personal data), written
/// whole or not at all: to a new 0600 file beside it (whatever the umask), then renamed.
enum PrivateFile {
    struct WriteError: Error {
        var message: String
    }

    static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.smile-triage-export.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(message: String(cString: strerror(errno))) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        var failure: String?
        fchmod(fd, 0o600)
        while written < bytes.count {
            let put = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if put < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            written += put
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(message: failure)
        }
    }
}
