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
public enum Golden {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["SMILE_TRIAGE_RECORD"] == "1" }

    /// Returns nil when `actual` matches the file (or was recorded), else a description of the difference.
    public static func check(_ actual: String, against relative: String) -> String? {
        let path = Repository.path(relative)
        if isRecording {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "golden file \(relative) is missing: run the tests with SMILE_TRIAGE_RECORD=1 to record it"
        }
        if expected == actual { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<no line>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<no line>"
            if want != got {
                return "\(relative) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n(re-record with SMILE_TRIAGE_RECORD=1 if the change is intended)"
            }
        }
        return "\(relative) differs"
    }
}
