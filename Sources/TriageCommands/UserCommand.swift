import ArgumentParser
import Foundation
import JobIndex
import SmileJobs
import TolerantJSON
import TriageStore
import TriageViewModel

/// `smile-triage user USER_ID PATH...`: one user as a unit, as Smile ID's Portal shows a
/// user: every loaded job of theirs across products and days, what Smile ID's enrollee info
/// says of them, Smile Secure links both ways, their ring, and the decisions.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Show one user: every loaded job of theirs, enrollee flags, Smile Secure links, ring and decisions.",
        discussion: """
            JSON: {userId, enrollee{allow_new_enroll, complete, deleted, inactive, is_fraudulent, pending, \
            provisional} or null, ring or null, names[{userId, job, reasons}] (suspects this user's jobs \
            name), namedBy[{userId, job, reasons}] (jobs naming this user), jobs[…as `jobs --format json`]}. \
            Jobs are oldest first. Exit statuses: 0; 65 some records skipped; 66 a path unreadable; \
            1 no loaded job names the user.
            """
    )

    @Argument(help: "The user id (PartnerParams.user_id), as the payload writes it.")
    var userID: String

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let (loaded, _) = try input.load()
        let table = JobTable(store: loaded.store)
        let decisions = try database.existingDecisions()
        let report = JobReport(table: table, decisions: DecisionBook(PositionKeys.matched(decisions, in: loaded.store).decisions))
        let view = UserView(userID: userID, table: table)
        switch format {
        case .text: Output.write(view.text(report: report))
        case .json: Output.write(JSONWriter.write(view.json(report: report)) + "\n")
        }
        let status = ExitStatus.forLoad(loaded)
        if status != ExitStatus.ok { throw ExitCode(status) }
        if view.jobs.isEmpty {
            Output.error("smile-triage: no loaded job names user \(SafeText.clean(userID))")
            throw ExitCode(1)
        }
    }
}

/// One user's jobs and links, from the loaded data.
struct UserView {
    let userID: String
    let table: JobTable
    /// The user's jobs, oldest first.
    let jobs: [Int32]
    /// Suspects this user's jobs name (user, job, reasons).
    let names: [(userID: String, job: Int32, reasons: [String])]
    /// Jobs of other users naming this one.
    let namedBy: [RingIndex.Link]

    init(userID: String, table: JobTable) {
        self.userID = userID
        self.table = table
        let store = table.store
        jobs = table.jobs(ofUser: userID).sorted { (store.time(Int($0)) ?? .min, $0) < (store.time(Int($1)) ?? .min, $1) }
        names = jobs.flatMap { job in
            (store.secure(Int(job))?.suspects ?? []).map { (userID: $0.userID, job: job, reasons: $0.reasons) }
        }
        namedBy = Array(table.ringIndex().namedBy(userID))
    }

    var ring: String? { table.ringIndex().ring(ofUser: userID).map { table.ringIndex().rings[$0].id } }

    func json(report: JobReport) -> JSONValue {
        let store = table.store
        func object(_ members: [(String, JSONValue)]) -> JSONValue {
            .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
        }
        let enrollee: JSONValue =
            store.enrollee(ofUser: userID).map { flags in
                object(flags.named.map { ($0.name, $0.value.map(JSONValue.bool) ?? .null) })
            } ?? .null
        func link(_ user: String, _ job: Int32, _ reasons: [String]) -> JSONValue {
            object([
                ("userId", .string(user)), ("job", .string(store.jobKey(Int(job)))), ("reasons", .array(reasons.map(JSONValue.string))),
            ])
        }
        return object([
            ("userId", .string(userID)),
            ("enrollee", enrollee),
            ("ring", ring.map(JSONValue.string) ?? .null),
            ("names", .array(names.map { link($0.userID, $0.job, $0.reasons) })),
            ("namedBy", .array(namedBy.map { link($0.from, $0.job, $0.reasons) })),
            ("jobs", .array(jobs.map { report.json(Int($0)) })),
        ])
    }

    func text(report: JobReport) -> String {
        let store = table.store
        var lines = ["USER  " + SafeText.clean(userID)]
        if let flags = store.enrollee(ofUser: userID) {
            let set = flags.setFlags
            lines.append("ENROLLEE  " + (set.isEmpty ? "no flag set" : set.joined(separator: " · ")) + "  (Smile ID enrollee info)")
        }
        if let ring { lines.append("RING  " + ring) }
        for link in names {
            let reasons = link.reasons.isEmpty ? "" : " (" + link.reasons.map { SafeText.clean($0) }.joined(separator: ", ") + ")"
            lines.append("NAMES  " + SafeText.clean(link.userID) + reasons + " in job " + SafeText.clean(store.jobKey(Int(link.job))))
        }
        for link in namedBy {
            let reasons = link.reasons.isEmpty ? "" : " (" + link.reasons.map { SafeText.clean($0) }.joined(separator: ", ") + ")"
            lines.append("NAMED BY  " + SafeText.clean(link.from) + reasons + " in job " + SafeText.clean(store.jobKey(Int(link.job))))
        }
        lines.append("")
        return lines.joined(separator: "\n") + "\n" + report.text(jobs, total: store.jobCount)
    }
}
