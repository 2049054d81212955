import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport

/// Loads text as if it were a file with this name.
func load(_ text: String, named name: String = "input.ndjson") throws -> LoadedJobs {
    try loadFiles([name: text])
}

/// Loads several files written into a fresh folder; problem sources are relative names.
func loadFiles(_ files: [String: String]) throws -> LoadedJobs {
    let folder = try Repository.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    // Paths are absolute (tests run in parallel: no changing folders); show them relative.
    var loaded = JobLoader().load(paths: files.keys.sorted().map { folder.appendingPathComponent($0).path }).0
    let prefix = folder.path + "/"
    func relative(_ path: String) -> String { path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path }
    loaded.sources = loaded.sources.map { SourceInfo(path: relative($0.path), byteCount: $0.byteCount) }
    loaded.problems = loaded.problems.map {
        var problem = $0
        problem.source = relative(problem.source)
        return problem
    }
    return loaded
}

func job(_ loaded: LoadedJobs, _ id: String) -> Job? {
    loaded.jobs.first { $0.id == id }
}
