import ArgumentParser
import JobIndex
import SmileJobs

/// `smile-triage summary PATH...`: counts by category, product, code and Smile Secure state.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Count jobs by category, product, code and Smile Secure state.",
        discussion: """
            JSON: {jobs, records, categories{id: n}, products{name: n}, codes{code: n}, \
            productCodes[{product, jobType, code, text, category, n}], \
            smileSecure{clear, suspects, error, none}, problems[{source, line, column, kind, message}], \
            requestErrors[{source, line, code, message}], acknowledgements[{source, line, jobId, userId, message}]}. Each problem is also one line on standard error.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        // Counting reads no names, user ids or Actions: they are not kept.
        let (loaded, _) = try input.load(detail: .countsOnly)
        let summary = JobSummary(loaded)
        switch format {
        case .text: Output.write(SummaryReport.text(summary, title: input.title))
        case .json: Output.write(SummaryReport.json(summary))
        }
        let status = ExitStatus.forLoad(loaded)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
