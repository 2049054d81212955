import ArgumentParser
import Foundation
import JobIndex
import JobSources
import SmileJobs

/// The paths every loading command takes. With none, data piped in on standard input is read.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders of callbacks and job-status responses (JSON, NDJSON, .gz); - for standard input.")
    var paths: [String] = []

    /// The paths to read: as given, or `-` when none are given and data is piped in.
    /// Paths given that do not exist or cannot be read, in words ("Fixtures/dmeo: no such
    /// file or folder"): the dashboard says them before it takes the screen.
    func unopenablePaths() -> [String] {
        paths.filter { $0 != "-" }.compactMap { path in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                return "\(SafeText.clean(path)): no such file or folder"
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                return "\(SafeText.clean(path)): not readable (permission denied)"
            }
            return nil
        }
    }

    func resolvedPaths() throws -> [String] {
        if !paths.isEmpty { return paths }
        if isatty(STDIN_FILENO) == 0 { return ["-"] }
        throw ValidationError("give files or folders to read, or pipe data in (e.g. `cat day.ndjson | smile-triage summary`)")
    }

    /// Loads, and reports each problem on standard error, one line each. When standard
    /// error is a terminal, a progress line is drawn there while loading (and erased after);
    /// redirected output never sees it.
    /// `detail`: what records keep beyond merging and counting (a command that only counts
    /// keeps none of it).
    func load(signatures: SignatureChecker? = nil, detail: StoredDetail = .all) throws -> (LoadedJobs, SourceStore) {
        var options = JobLoader.Options()
        options.scan.signatures = signatures
        options.scan.detail = detail
        let live = LiveLoad(paths: try resolvedPaths(), options: options)
        let showProgress = isatty(STDERR_FILENO) != 0
        var drew = false
        // The progress line needs no snapshot of the jobs (each would be copied for nothing).
        let loaded = live.run(
            interval: showProgress ? 0.2 : .infinity, stop: nil, wantsSnapshot: { false },
            publish: { _, progress in
                guard showProgress, !progress.done else { return }
                let line = ProgressLine.text(progress)
                Output.errorRaw("\r\u{1B}[K" + line)
                drew = true
            })
        if drew { Output.errorRaw("\r\u{1B}[K") }
        for problem in loaded.problems {
            Output.error("smile-triage: \(SafeText.clean(problem.location)): \(SafeText.clean(problem.message))")
        }
        return (loaded, live.store)
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

/// The progress line `summary` draws on a terminal's standard error.
enum ProgressLine {
    static func text(_ progress: LoadProgress) -> String {
        // Streams still being copied: nothing to take a share of yet.
        if progress.isReceiving {
            return "Receiving · \(ByteSize.format(progress.bytesReceived)) so far"
        }
        let fraction = progress.bytesTotal > 0 ? Double(progress.bytesRead) / Double(progress.bytesTotal) : 0
        var text = "Reading \(Int(fraction * 100))% · \(ByteSize.format(progress.bytesRead)) of \(ByteSize.format(progress.bytesTotal))"
        text += " · \(progress.records) records"
        if progress.recordsPerSecond > 0 { text += " · \(Int(progress.recordsPerSecond))/s" }
        if let left = progress.secondsLeft { text += " · \(Int(left.rounded(.up))) s left" }
        return text
    }
}
