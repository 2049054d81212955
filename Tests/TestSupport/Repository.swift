import Foundation

/// Paths inside the repository, found from this file's place, so tests run from any folder.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// A path inside the repository, as relative to its root (others unchanged).
    public static func relative(_ path: String) -> String {
        let prefix = root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    public static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// A fresh temporary folder, removed by the caller's `defer`.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("smile-triage-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Golden files beside the tests: compared as text, re-recorded with `SMILE_TRIAGE_RECORD=1`.
/// A recording run fails on purpose (it compared nothing): run the tests again without it.
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["SMILE_TRIAGE_RECORD"] == "1" }

    /// Returns nil when `actual` matches the file, else what went wrong: a full diff, or
    /// that the file was (re)recorded.
    public static func check(_ actual: String, against relative: String) -> String? {
        let path = Repository.path(relative)
        let expected = try? String(contentsOfFile: path, encoding: .utf8)
        if isRecording {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return "recorded \(relative)" + (expected == actual ? " (unchanged)" : expected == nil ? " (new)" : " (changed)")
                + ": a recording run checks nothing; run the tests again without SMILE_TRIAGE_RECORD"
        }
        guard let expected else {
            return "golden file \(relative) is missing: run the tests with SMILE_TRIAGE_RECORD=1 to record it"
        }
        if expected == actual { return nil }
        return "\(relative) differs (- expected, + actual):\n" + diff(expected, actual)
            + "\n(re-record with SMILE_TRIAGE_RECORD=1 if the change is intended)"
    }

    /// Every differing line, with two lines of context, from a longest common subsequence.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // lcs[i][j]: the longest common subsequence of old[i...] and new[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String, line: Int)] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append((" ", old[i], i + 1))
                i += 1
                j += 1
            } else if j < new.count, i == old.count || lcs[i][j + 1] >= lcs[i + 1][j] {
                lines.append(("+", new[j], j + 1))
                j += 1
            } else {
                lines.append(("-", old[i], i + 1))
                i += 1
            }
        }
        let changed = Set(lines.indices.filter { lines[$0].mark != " " })
        var shown: [String] = []
        var lastShown = -1
        for index in lines.indices where (max(0, index - 2)...min(lines.count - 1, index + 2)).contains(where: changed.contains) {
            if lastShown >= 0 && index > lastShown + 1 { shown.append("  …") }
            let line = lines[index]
            shown.append("\(line.mark) \(String(format: "%4d", line.line)) \(line.text)")
            lastShown = index
        }
        return shown.joined(separator: "\n")
    }
}
