import JobIndex
import SmileJobs
import TolerantJSON
import TriageViewModel

/// One job as data: what `jobs` prints and the dashboard exports, from the same values the
/// list shows (its current result, review reasons, Smile Secure links, ring, decision).
struct JobReport {
    let table: JobTable
    let decisions: DecisionBook
    let marks: DecisionMarks

    init(table: JobTable, decisions: DecisionBook) {
        self.table = table
        self.decisions = decisions
        self.marks = DecisionMarks(book: decisions, table: table)
    }

    func decision(_ index: Int) -> Decision? {
        marks.state(index) == nil ? nil : decisions[table.store.jobKey(index)]
    }

    /// The nested JSON object of one job.
    func json(_ index: Int) -> JSONValue {
        let store = table.store
        let row = table.row(index)
        let rings = table.ringIndex()
        let queue = table.reviewQueue()
        let reasons = queue.reasons(index)
        let secure = store.secure(index)
        let named = row.userID.map { Array(rings.namedBy($0)) } ?? []
        let ring = row.userID.flatMap { rings.ring(ofUser: $0) }.map { rings.rings[$0].id }
        let decision = self.decision(index)
        func object(_ members: [(String, JSONValue)]) -> JSONValue {
            .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
        }
        let smileSecure = object([
            ("state", .string(row.secure.rawValue)),
            ("code", .optional(secure?.code)),
            (
                "suspects",
                .array(
                    (secure?.suspects ?? []).map { suspect in
                        object([("userId", .string(suspect.userID)), ("reasons", .array(suspect.reasons.map(JSONValue.string)))])
                    })
            ),
            (
                "namedBy",
                .array(
                    named.map { link in
                        object([
                            ("userId", .string(link.from)), ("job", .string(store.jobKey(Int(link.job)))),
                            ("reasons", .array(link.reasons.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
        return object([
            ("key", .string(row.key)),
            ("smileJobId", .optional(row.smileJobID)),
            ("partnerJobId", .optional(row.partnerJobID)),
            ("userId", .optional(row.userID)),
            ("product", .string(row.product)),
            ("jobType", .optional(row.jobTypeText)),
            ("code", .optional(row.code)),
            ("resultText", .optional(row.resultText)),
            ("category", .string(row.category.id)),
            ("needsReview", .bool(!reasons.isEmpty)),
            ("reviewReasons", .array(reasons.ids.map(JSONValue.string))),
            ("reviewReasonText", .array(queue.explanations(job: index, store: store, rings: rings).map(JSONValue.string))),
            ("chaseReasons", .array(table.chaseIndex().reasons(index).ids.map(JSONValue.string))),
            ("chaseReasonText", .array(table.chaseIndex().explanations(job: index, store: store).map(JSONValue.string))),
            ("enrollee", enrollee(row.userID)),
            ("smileSecure", smileSecure),
            ("ring", .optional(ring)),
            ("time", .optional(row.time?.isoText)),
            ("signature", .string(row.signature.rawValue)),
            (
                "decision",
                decision.map { decision in
                    object([
                        ("state", .string(decision.state.rawValue)), ("note", .string(decision.note)), ("by", .string(decision.who)),
                        ("at", .string(decision.at.isoText)),
                    ])
                } ?? .null
            ),
        ])
    }

    /// The user's enrollee flags (from an enrollee-info response), or null.
    private func enrollee(_ user: String?) -> JSONValue {
        guard let user, let flags = table.store.enrollee(ofUser: user) else { return .null }
        return .object(JSONObject(flags.named.map { JSONObject.Member(key: $0.name, value: $0.value.map(JSONValue.bool) ?? .null) }))
    }

    /// Flat columns, for CSV (and the dashboard's export).
    static let columns = [
        "key", "smileJobId", "partnerJobId", "userId", "product", "jobType", "code", "resultText", "category", "needsReview",
        "reviewReasons", "chaseReasons", "smileSecure", "smileSecureCode", "suspects", "namedBy", "ring", "time", "signature",
        "decision", "note", "decidedBy", "decidedAt",
    ]

    func flat(_ index: Int) -> [JSONValue] {
        let row = table.row(index)
        let secure = table.store.secure(index)
        let rings = table.ringIndex()
        let reasons = table.reviewQueue().reasons(index)
        let named = row.userID.map { Array(rings.namedBy($0)) } ?? []
        let decision = self.decision(index)
        return [
            .string(row.key), .optional(row.smileJobID), .optional(row.partnerJobID), .optional(row.userID),
            .string(row.product), .optional(row.jobTypeText), .optional(row.code), .optional(row.resultText),
            .string(row.category.id), .bool(!reasons.isEmpty), .string(reasons.ids.joined(separator: ";")),
            .string(table.chaseIndex().reasons(index).ids.joined(separator: ";")),
            .string(row.secure.rawValue), .optional(secure?.code),
            .string((secure?.suspects ?? []).map(\.userID).joined(separator: ";")),
            .string(Set(named.map(\.from)).sorted().joined(separator: ";")),
            .optional(row.userID.flatMap { rings.ring(ofUser: $0) }.map { rings.rings[$0].id }),
            .optional(row.time?.isoText), .string(row.signature.rawValue),
            .optional(decision?.state.rawValue), .optional(decision?.note), .optional(decision?.who), .optional(decision?.at.isoText),
        ]
    }

    func tabular(_ jobs: [Int32]) -> TabularOutput {
        var output = TabularOutput(columns: JobReport.columns)
        for index in jobs { output.append(flat(Int(index))) }
        return output
    }

    /// Eighty columns a line: the review mark, time, job, user, product, code, category, decision.
    func text(_ jobs: [Int32], total: Int) -> String {
        var lines = [
            "⚑ "
                + [
                    fit("TIME (UTC)", 16), fit("JOB ID", 10), fit("USER ID", 14), fit("PRODUCT", 9), fit("CODE", 4),
                    fit("CATEGORY", 9), "DECISION",
                ].joined(separator: " ")
        ]
        for index in jobs.map(Int.init) {
            let row = table.row(index)
            let review = table.reviewQueue().needsReview(index) ? "⚑ " : "  "
            let time = row.time.map { String($0.shortText.prefix(16)) } ?? "—"
            let decision = self.decision(index).map { $0.state.label + ($0.note.isEmpty ? "" : " ✎") } ?? ""
            lines.append(
                review
                    + [
                        fit(time, 16), fit(row.displayID ?? "—", 10),
                        fit(row.userID ?? "—", 14), fit(row.shortProduct, 9), fit(row.code ?? "—", 4),
                        fit(row.category.badge, 9), fit(decision, 9),
                    ].joined(separator: " "))
        }
        let review = table.reviewQueue().count(among: jobs)
        let chase = table.chaseIndex()
        let chasing = jobs.reduce(0) { $0 + (chase.reasons(Int($1)).isEmpty ? 0 : 1) }
        lines.append("")
        lines.append("\(jobs.count) of \(total) jobs · \(review) need review" + (chasing > 0 ? " · \(chasing) to chase" : ""))
        return lines.map { line in
            var trimmed = line
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n") + "\n"
    }

    private func fit(_ text: String, _ width: Int) -> String { DisplayWidth.fit(SafeText.clean(text), to: width) }
}
