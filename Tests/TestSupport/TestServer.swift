import Foundation

/// The throwaway PostgreSQL cluster `.ci/run` starts (scripts/pg-cluster.sh), as the tests
/// see it: role URLs from the environment, and a fresh database per test, dropped after.
/// Without the cluster the server tests are skipped, except under CI, where they fail.
public enum TestServer {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// True when the cluster's URLs are in the environment.
    public static var isAvailable: Bool { environment["SMILE_TRIAGE_TEST_PG_OWNER"] != nil }

    /// True when the server tests must run (CI), so a missing cluster is a failure.
    public static var isRequired: Bool { environment["CI"] == "true" }

    public enum Role: String, Sendable {
        case owner = "SMILE_TRIAGE_TEST_PG_OWNER"
        case app = "SMILE_TRIAGE_TEST_PG_APP"
        case app2 = "SMILE_TRIAGE_TEST_PG_APP2"
        case auditor = "SMILE_TRIAGE_TEST_PG_AUDITOR"
    }

    /// The role's URL, on another database of the cluster.
    public static func url(_ role: Role, database: String) -> String {
        let base = environment[role.rawValue] ?? ""
        guard let slash = base.range(of: "/", options: .backwards), let query = base.range(of: "?") else { return base }
        return String(base[..<slash.upperBound]) + database + String(base[query.lowerBound...])
    }

    /// A new, empty database (owned by the owner role, the app and auditor roles allowed to
    /// connect); its name.
    public static func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(.owner, database: "triage", "CREATE DATABASE \(name)")
        return name
    }

    public static func dropDatabase(_ name: String) {
        _ = try? psql(.owner, database: "triage", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL through psql as a role; its output; throws with psql's error when it fails.
    @discardableResult
    public static func psql(_ role: Role, database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url(role, database: database), "-c", sql]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PSQLFailed(description: errorText) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct PSQLFailed: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }
}
