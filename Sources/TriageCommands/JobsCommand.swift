import ArgumentParser
import Foundation
import JobIndex
import SmileJobs
import TolerantJSON
import TriageStore
import TriageViewModel

/// `smile-triage jobs PATH... [--where EXPR]...`: the list the dashboard would show, as data.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Print the jobs the dashboard would list, filtered and sorted (text, CSV, JSON, NDJSON).",
        discussion: """
            Filters are words, as in the dashboard: category=rejected, product=docv, code=0810 \
            (or 0810@docv: a code on one product), user=ID, decision=untriaged|cleared|escalated|rerun, \
            needs-review, ring (any ring) or ring=K3F9, secure=suspects, country=NG, id-type=PASSPORT, \
            signature=invalid, since=12h, until=2026-11-25. Values of one filter are alternatives \
            (category=rejected,review); every --where applies. JSON: an array of {key, smileJobId, \
            partnerJobId, userId, product, jobType, code, resultText, category, needsReview, \
            reviewReasons, reviewReasonText, smileSecure{state, code, suspects, namedBy}, ring, time, \
            signature, decision{state, note, by, at} or null}. Exit statuses: 0; 64 a bad filter; \
            65 some records skipped; 66 a path unreadable.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("where"), help: ArgumentHelp("A filter, e.g. category=rejected or needs-review.", valueName: "expr"))
    var conditions: [String] = []

    @Option(name: .long, help: "time (newest first), job, user, product, code, category, secure or text.")
    var sort: String = "time"

    @Flag(name: .long, help: "Reverse the order.")
    var reverse = false

    @Option(name: .long, help: "text, csv, json or ndjson.")
    var format: JobsFormat = .text

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("stuck-after"),
        help: "Hours a pending job may go before `stuck` finds it (default: the config's chase.stuck_after_hours, else 2).")
    var stuckAfter: Double?

    func validate() throws {
        if JobsCommand.sortColumn(sort) == nil {
            throw ValidationError("--sort \(SafeText.clean(sort)): use one of time, job, user, product, code, category, secure, text")
        }
        do {
            _ = try FilterWords.parse(conditions, context: FilterWords.Context(now: .now))
        } catch {
            throw ValidationError("--where: \(error.description)")
        }
    }

    static func sortColumn(_ name: String) -> SortColumn? {
        let names: [String: SortColumn] = [
            "time": .time, "job": .job, "job-id": .job, "user": .user, "user-id": .user, "product": .product,
            "code": .code, "category": .category, "secure": .secure, "text": .text, "result": .text,
        ]
        return names[name.lowercased()]
    }

    func run() throws {
        let (loaded, _) = try input.load()
        let hours = stuckAfter ?? (try? Config.load(path: nil))?.stuckAfterHours ?? ChaseIndex.defaultStuckAfterHours
        let table = JobTable(store: loaded.store, stuckAfterHours: hours)
        let decisions = DecisionBook(PositionKeys.matched(try existingDecisions(), in: loaded.store).decisions)
        let report = JobReport(table: table, decisions: decisions)
        let filter = try FilterWords.parse(conditions, context: FilterWords.Context(now: .now))
        let column = JobsCommand.sortColumn(sort) ?? .time
        var order = SortOrder(column: column, ascending: column != .time)
        if reverse { order.ascending.toggle() }
        let jobs = table.visible(filter: filter, search: "", sort: order, marks: report.marks)
        switch format {
        case .text: Output.write(report.text(jobs, total: table.count))
        case .csv: Output.write(report.tabular(jobs).csv())
        case .json: Output.write(JSONWriter.write(.array(jobs.map { report.json(Int($0)) })) + "\n")
        case .ndjson: Output.write(jobs.map { JSONWriter.write(report.json(Int($0)), style: .compact) + "\n" }.joined())
        }
        let status = ExitStatus.forLoad(loaded)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }

    /// The decisions in the database, if there is one (read-only: listing never creates it).
    private func existingDecisions() throws -> [Decision] {
        try database.existingDecisions()
    }
}

enum JobsFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, csv, json, ndjson
}
