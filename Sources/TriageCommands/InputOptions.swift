import ArgumentParser
import Foundation
import JobSources
import SmileJobs

/// The paths every loading command takes. With none, data piped in on standard input is read.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders of callbacks and job-status responses (JSON, NDJSON, .gz); - for standard input.")
    var paths: [String] = []

    /// The paths to read: as given, or `-` when none are given and data is piped in.
    func resolvedPaths() throws -> [String] {
        if !paths.isEmpty { return paths }
        if isatty(STDIN_FILENO) == 0 { return ["-"] }
        throw ValidationError("give files or folders to read, or pipe data in (e.g. `cat day.ndjson | smile-triage summary`)")
    }

    /// Loads, and reports each problem on standard error, one line each.
    func load() throws -> (LoadedJobs, SourceStore) {
        let result = JobLoader().load(paths: try resolvedPaths())
        for problem in result.0.problems {
            Output.error("smile-triage: \(SafeText.clean(problem.location)): \(SafeText.clean(problem.message))")
        }
        return result
    }

    /// A title for reports: the one path, or how many.
    var title: String {
        switch paths.count {
        case 0: "<stdin>"
        case 1: paths[0] == "-" ? "<stdin>" : paths[0]
        default: "\(paths.count) paths"
        }
    }
}
