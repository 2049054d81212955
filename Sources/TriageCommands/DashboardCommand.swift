import ArgumentParser

/// `smile-triage [PATH...]`: the full-screen dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default command).",
        shouldDisplay: true
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        Output.error("smile-triage: the dashboard is not built yet; try `smile-triage summary \(input.paths.joined(separator: " "))`")
        throw ExitCode(ExitStatus.usage)
    }
}
