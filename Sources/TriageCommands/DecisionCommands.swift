import ArgumentParser
import Foundation
import JobIndex
import JobSources
import SmileJobs
import TolerantJSON
import TriageServerStore
import TriageStore
import TriageViewModel

extension DecisionState: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `smile-triage mark JOB_ID... --state STATE [--note TEXT]`: decisions from a script.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a decision (and/or a note) for jobs, as the dashboard does.",
        discussion: """
            Each job's decision is committed before its line is printed (`JOB_ID STATE`), so a \
            printed line is a saved decision. With - as the only job id, ids are read from \
            standard input, one per line, each committed as it is read. Without --state the \
            state is kept (a new job becomes open); without --note the note is kept. An id that \
            does not look like a job's key (a Smile job id, job_…, job_id:…, content:…), or that \
            matches no job in the files given with --in, is warned about and not recorded \
            (--force records it anyway). From standard input, an id that could not be saved (a \
            team's server out of reach: each id waits for the next attempt to reach it) is \
            named on standard error and the next is tried. Exit statuses: 0 saved; 1 some ids \
            were not recorded; 64 bad usage; 74 the database could not be written (some ids, \
            from standard input).
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Smile job ids (a job with none: job_id:PARTNER_JOB_ID); - reads them from standard input.",
            valueName: "job-id"))
    var jobIDs: [String]

    @Option(name: .long, help: "cleared, escalated, rerun or open.")
    var state: DecisionState?

    @Option(name: .long, help: "A note for the next shift (\"\" clears it).")
    var note: String?

    @Option(name: .customLong("in"), help: ArgumentHelp("Files or folders the ids must be jobs of (else a warning).", valueName: "path"))
    var paths: [String] = []

    @Flag(name: .long, help: "Record ids that look wrong or match no job anyway.")
    var force = false

    @OptionGroup var database: DatabaseOptions

    /// What a job key looks like: a Smile job id (digits), a v3 `job_…` id, `job_id:…` (a
    /// partner's id, for a job without a Smile one), or `content:…`.
    static func looksLikeJobKey(_ id: String) -> Bool {
        if id.hasPrefix("job_id:") || id.hasPrefix("content:") || id.hasPrefix("record:") { return id.count > 7 }
        if !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        if id.hasPrefix("job_") { return id.count > 4 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        return id.count >= 4 && id.count <= 40 && id.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") }
            && id.contains(where: \.isNumber)
    }

    func validate() throws {
        if state == nil && note == nil { throw ValidationError("give --state, --note, or both") }
        if jobIDs.contains("-") && jobIDs.count > 1 { throw ValidationError("- reads job ids from standard input: give it alone") }
        if jobIDs.contains(where: { $0.isEmpty }) { throw ValidationError("a job id is empty") }
    }

    func run() throws {
        let store = try DecisionCommands.open(database.location, readOnly: false)
        let who = DecisionStore.currentUser()
        var known: Set<String>?
        if !paths.isEmpty {
            let loaded = JobLoader().load(paths: paths).0
            var keys = Set<String>()
            for job in 0..<loaded.store.jobCount { keys.insert(loaded.store.jobKey(job)) }
            known = keys
        }
        var skipped = 0
        var failed = 0
        func save(_ given: [String]) throws {
            let ids = given.filter { id in
                if force { return true }
                let problem: String?
                if let known, !known.contains(id) {
                    problem = "matches no job in \(paths.map { SafeText.clean($0) }.joined(separator: ", "))"
                } else if known == nil && !MarkCommand.looksLikeJobKey(id) {
                    problem = "does not look like a Smile job id (digits, job_…, or job_id:PARTNER_ID)"
                } else {
                    problem = nil
                }
                guard let problem else { return true }
                Output.error("smile-triage: \(SafeText.clean(id)) \(problem): not recorded (--force records it)")
                skipped += 1
                return false
            }
            guard !ids.isEmpty else { return }
            do {
                let saved = try store.mark(DecisionRequest(jobIDs: ids, state: state, note: note), who: who, at: .now)
                Output.write(saved.map { "\(SafeText.clean($0.jobID)) \($0.state.rawValue)\n" }.joined())
            } catch {
                let reason = (error as? DecisionStoreError)?.description ?? String(describing: error)
                // From standard input each id stands alone: this one failed, the next is tried.
                guard jobIDs == ["-"] else {
                    Output.error("smile-triage: not saved: \(reason)")
                    throw ExitCode(ExitStatus.database)
                }
                Output.error("smile-triage: not saved: \(ids.map { SafeText.clean($0) }.joined(separator: " ")): \(reason)")
                failed += ids.count
            }
        }
        if jobIDs == ["-"] {
            while let line = readLine(strippingNewline: true) {
                let id = line.trimmingASCIISpaces()
                if !id.isEmpty { try save([id]) }
            }
        } else {
            try save(jobIDs)
        }
        if failed > 0 { throw ExitCode(ExitStatus.database) }
        if skipped > 0 { throw ExitCode(ExitStatus.notFound) }
    }
}

/// `smile-triage decisions`: the current decisions (`list`, the default) and moving them
/// between stores (`copy`).
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "Export the current decision per job (text, CSV or JSON), or copy every decision to another store.",
        subcommands: [DecisionsListCommand.self, DecisionsCopyCommand.self, DecisionsInitCommand.self],
        defaultSubcommand: DecisionsListCommand.self
    )
}

/// `smile-triage decisions [list]`: the current decision per job, for reports and other tools.
struct DecisionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Export the current decision per job (text, CSV or JSON); the default.",
        discussion: """
            JSON: an array of {smileJobId, state, note, who, at}; given the jobs' files too, each \
            also has product, code and category (null for a job not among them). --since takes a \
            date (2026-11-25), a time (2026-11-25T09:00:00Z) or an age (90m, 12h, 7d).
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text, csv or json.")
    var format: TableFormat = .text

    @Option(name: .long, help: ArgumentHelp("Only decisions made at or after this.", valueName: "date"))
    var since: String?

    @Option(name: .long, help: "Only decisions in this state.")
    var state: DecisionState?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let since, DecisionCommands.parseSince(since, now: .now) == nil {
            throw ValidationError("--since \(since): give a date (2026-11-25), a time (2026-11-25T09:00:00Z) or an age (90m, 12h, 7d)")
        }
    }

    func run() throws {
        let cutoff = since.flatMap { DecisionCommands.parseSince($0, now: .now) }
        var decisions = try DecisionCommands.readAll(database.location) { try $0.decisions(since: cutoff) }
        if let state { decisions = decisions.filter { $0.state == state } }
        // The jobs, when given: each decision gains its job's product, code and category.
        var jobsByKey: [String: (product: String, code: String?, category: String)] = [:]
        var loadStatus = ExitStatus.ok
        if !input.paths.isEmpty {
            let (loaded, _) = try input.load()
            loadStatus = ExitStatus.forLoad(loaded)
            // Decisions 0.1 keyed by load position are shown on the jobs they were made on.
            decisions = PositionKeys.matched(decisions, in: loaded.store).decisions
            let wanted = Set(decisions.map(\.jobID))
            for index in 0..<loaded.store.jobCount {
                let key = loaded.store.jobKey(index)
                guard wanted.contains(key) else { continue }
                let job = loaded.store.job(index)
                jobsByKey[key] = (loaded.store.productName(index), job.resultCode, job.category.id)
            }
        }
        let withJobs = !input.paths.isEmpty
        var columns = ["smileJobId", "state", "note", "who", "at"]
        if withJobs { columns += ["product", "code", "category"] }
        var table = TabularOutput(columns: columns)
        for decision in decisions {
            var row: [JSONValue] = [
                .string(decision.jobID), .string(decision.state.rawValue), .string(decision.note),
                .string(decision.who), .string(decision.at.isoText),
            ]
            if withJobs {
                let job = jobsByKey[decision.jobID]
                row += [.optional(job?.product), .optional(job?.code), .optional(job?.category)]
            }
            table.append(row)
        }
        switch format {
        case .json: Output.write(table.json())
        case .csv: Output.write(table.csv())
        case .text:
            Output.write(DecisionCommands.text(table, empty: "No decisions\(since == nil ? "" : " since \(SafeText.clean(since!))")."))
        }
        if loadStatus != ExitStatus.ok { throw ExitCode(loadStatus) }
    }
}

/// `smile-triage audit JOB_ID`: every change to a job's decision, oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show every change to a job's decision: who, when, from what to what, and the note.",
        discussion:
            "JSON: an array of {sequence, smileJobId, state, previousState, note, who, at}. Exit status 1 when the job has no decisions."
    )

    @Argument(help: ArgumentHelp("The Smile job id.", valueName: "job-id"))
    var jobID: String

    @Option(name: .long, help: "text, csv or json.")
    var format: TableFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let entries = try DecisionCommands.readAll(database.location) { try $0.audit(jobID: jobID) }
        var table = TabularOutput(columns: ["sequence", "smileJobId", "state", "previousState", "note", "who", "at"])
        for entry in entries {
            table.append([
                .number(String(entry.sequence)), .string(entry.jobID), .string(entry.state.rawValue),
                .optional(entry.previousState?.rawValue), .string(entry.note), .string(entry.who), .string(entry.at.isoText),
            ])
        }
        switch format {
        case .json: Output.write(table.json())
        case .csv: Output.write(table.csv())
        case .text: Output.write(DecisionCommands.text(table, empty: "No decisions for job \(SafeText.clean(jobID))."))
        }
        if entries.isEmpty { throw ExitCode(ExitStatus.notFound) }
    }
}

/// `--format` for tables.
enum TableFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, csv, json
}

enum DecisionCommands {
    static func open(_ location: DecisionsLocation, readOnly: Bool) throws -> any DecisionsClient {
        do {
            let client = try location.open(readOnly: readOnly, forCommand: true)
            if !readOnly, !client.canWrite, let server = client as? PostgresDecisions {
                Output.error("smile-triage: \(server.location): read-only: \(server.readOnlyReason ?? "this role may not write")")
                throw ExitCode(ExitStatus.database)
            }
            return client
        } catch let error as DecisionStoreError {
            Output.error("smile-triage: \(error.description)")
            throw ExitCode(ExitStatus.database)
        }
    }

    /// Reads from the database without creating one: no database yet is no decisions.
    static func readAll<T>(_ location: DecisionsLocation, _ body: (any DecisionsClient) throws -> [T]) throws -> [T] {
        if case .file(let path) = location, !FileManager.default.fileExists(atPath: path) {
            Output.error("smile-triage: no decisions yet (\(SafeText.clean(path)) does not exist)")
            return []
        }
        let store = try open(location, readOnly: true)
        do {
            return try body(store)
        } catch {
            Output.error("smile-triage: \((error as? DecisionStoreError)?.description ?? String(describing: error))")
            throw ExitCode(ExitStatus.database)
        }
    }

    /// `2026-11-25`, `2026-11-25T09:00:00Z`, or an age before `now`: `90m`, `12h`, `7d`.
    static func parseSince(_ text: String, now: Timestamp) -> Timestamp? { TimeWords.parse(text, now: now) }

    /// Headings for people, where the data's own names read badly.
    static let textHeadings = ["smileJobId": "JOB ID", "previousState": "FROM", "at": "AT (UTC)", "sequence": "#"]

    /// Columns padded to their widest value; every value made safe for a terminal; times
    /// as `2026-11-25 14:00:43`.
    static func text(_ table: TabularOutput, empty: String) -> String {
        guard !table.rows.isEmpty else { return empty + "\n" }
        let headings = table.columns.map { textHeadings[$0] ?? $0.uppercased() }
        let cells = table.rows.map { row in
            zip(table.columns, row).map { column, value in
                let text = TabularOutput.text(value)
                if column == "at", let time = Timestamp(parsing: text) { return time.shortText }
                return SafeText.clean(text)
            }
        }
        var widths = headings.map(DisplayWidth.of)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = min(60, max(widths[column], DisplayWidth.of(cell))) }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { column, value in
                let cut = DisplayWidth.truncate(value, to: widths[column])
                return column == values.count - 1 ? cut : cut + String(repeating: " ", count: widths[column] - DisplayWidth.of(cut))
            }.joined(separator: "  ") + "\n"
        }
        return line(headings) + cells.map(line).joined()
    }
}
