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
            try Data((json ? JobExport.json(state, jobs: request.jobs) : table.csv()).utf8).write(to: URL(fileURLWithPath: absolute), options: .atomic)
        } catch {
            return .failed("\(request.path): \((error as NSError).localizedDescription)")
        }
        return .written(path: absolute, jobs: request.jobs.count, format: json ? "JSON" : "CSV")
    }
}
