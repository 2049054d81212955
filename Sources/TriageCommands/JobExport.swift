import Foundation
import SmileJobs
import TolerantJSON
import TriageViewModel

/// The job list as a file: what is shown (filter, search and sort applied), with each
/// job's decision. `.json` gives a JSON array, anything else CSV.
enum JobExport {
    static let columns = [
        "time", "smileJobId", "partnerJobId", "userId", "product", "jobType", "resultCode", "category", "resultText",
        "smileSecure", "signature", "decision", "note", "decidedBy", "decidedAt",
    ]

    static func table(_ state: AppState, jobs: [Int32]) -> TabularOutput {
        var output = TabularOutput(columns: columns)
        let table = state.table
        for index in jobs.map(Int.init) {
            let job = table.jobs[index]
            let decision = state.decision(ofJob: index)
            output.append([
                .optional(job.timestamp?.isoText), .optional(job.smileJobID), .optional(job.partnerJobID), .optional(job.userID),
                .string(table.productName(index)), .optional(job.jobTypeText), .optional(job.resultCode), .string(job.category.id),
                .optional(job.resultText), .string(job.secureVerdict.rawValue), .string(table.store.signature(index).rawValue),
                .optional(decision?.state.rawValue), .optional(decision?.note), .optional(decision?.who), .optional(decision?.at.isoText),
            ])
        }
        return output
    }

    /// Writes the file (refusing to replace one unless asked); says how it went.
    static func write(_ request: ExportRequest, state: AppState) -> ExportOutcome {
        let path = (request.path as NSString).expandingTildeInPath
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if !request.overwrite && FileManager.default.fileExists(atPath: absolute) { return .exists(path: request.path) }
        let json = absolute.lowercased().hasSuffix(".json")
        let table = table(state, jobs: request.jobs)
        do {
            try Data((json ? table.json() : table.csv()).utf8).write(to: URL(fileURLWithPath: absolute), options: .atomic)
        } catch {
            return .failed("\(request.path): \((error as NSError).localizedDescription)")
        }
        return .written(path: absolute, jobs: request.jobs.count, format: json ? "JSON" : "CSV")
    }
}
