import ArgumentParser
import Foundation
import SmileJobs

/// `smile-triage`: the dashboard, and the commands that work without it.
public struct SmileTriage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "smile-triage",
        abstract: "Triage Smile ID identity-verification jobs: a terminal dashboard and commands.",
        discussion: """
            Exit statuses: 0 all read; 1 nothing matched (explain) or a signature is invalid (verify); \
            64 bad usage; 65 some records skipped (output still printed); 66 a path unreadable; \
            74 the decisions database could not be read or written.
            """,
        version: SmileTriage.version,
        subcommands: [
            DashboardCommand.self, ExplainCommand.self, CodesCommand.self, SummaryCommand.self, JobsCommand.self,
            SecureCommand.self, VerifyCommand.self, MarkCommand.self, DecisionsCommand.self, AuditCommand.self,
            SnapshotCommand.self, KeysCommand.self, GenerateCommand.self, UserCommand.self, ManCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    public static let version = "0.2.0"

    public init() {}

    /// `main()`, with every message the argument parser prints made inert first: an
    /// unknown option or a bad value is echoed, and arguments come from anyone.
    public static func runSafely() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            Glibc.exit(0)
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if !message.isEmpty {
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.clean(String($0), limit: nil) }
                if code == .success {
                    Output.write(lines.joined(separator: "\n") + "\n")  // --help, --version
                } else {
                    for line in lines { Output.error(line) }
                }
            }
            Glibc.exit(code.rawValue)
        }
    }
}
