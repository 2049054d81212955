import ArgumentParser

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
            SnapshotCommand.self, KeysCommand.self, GenerateCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    public static let version = "0.1.0"

    public init() {}
}
