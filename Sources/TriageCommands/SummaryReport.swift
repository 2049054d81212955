import JobIndex
import SmileJobs
import TolerantJSON

/// What `summary` prints: the shape of a load.
public enum SummaryReport {
    public static func text(_ summary: JobSummary, title: String) -> String {
        var lines: [String] = []
        let files = summary.sources == 1 ? "1 source" : "\(summary.sources) sources"
        lines.append("\(SafeText.clean(title)): \(summary.jobs) jobs from \(summary.records) records in \(files)")
        let maxCount = max(1, summary.categories.map(\.count).max() ?? 1)
        lines.append("")
        lines.append(row("CATEGORY", "JOBS"))
        for (category, count) in summary.categories where count > 0 {
            let bar = String(repeating: "#", count: count == 0 ? 0 : max(1, count * 30 / maxCount))
            lines.append(row(category.label, String(count)) + "  " + bar)
        }
        lines.append("")
        lines.append(row("PRODUCT", "JOBS"))
        for (name, count) in summary.products {
            lines.append(row(SafeText.clean(name), String(count)))
        }
        lines.append("")
        lines.append("CODES BY PRODUCT (a code means nothing without its product)")
        let byProduct = Dictionary(grouping: summary.productCodes, by: \.product)
        let products = byProduct.keys.sorted { lhs, rhs in
            let left = byProduct[lhs]!.reduce(0) { $0 + $1.count }, right = byProduct[rhs]!.reduce(0) { $0 + $1.count }
            return left != right ? left > right : lhs < rhs
        }
        for product in products {
            lines.append("  " + SafeText.clean(product))
            for entry in byProduct[product]! {
                // 4 + 4 + 2 + 46 + 7 + 2 + 9 = 74 columns: within 80.
                lines.append(
                    "    " + DisplayWidth.fit(SafeText.clean(entry.code), to: 4) + "  "
                        + DisplayWidth.fit(SafeText.clean(entry.text), to: 46)
                        + DisplayWidth.fit(String(entry.count), to: 7, alignRight: true)
                        + "  " + entry.category.badge)
            }
        }
        lines.append("")
        let secure = [SecureVerdict.clear, .suspects, .error].map { "\(summary.secure[$0] ?? 0) \($0.rawValue)" }
        lines.append("SMILE SECURE  " + secure.joined(separator: " · ") + " · \(summary.secure[.none] ?? 0) without a Smile Secure result")
        if !summary.requestErrors.isEmpty {
            lines.append("")
            lines.append("REQUEST ERRORS  \(summary.requestErrors.count) (error bodies: failed requests, not jobs)")
            for error in summary.requestErrors.prefix(10) {
                let code = error.code.map { SafeText.clean($0) + " " } ?? ""
                lines.append("  \(SafeText.clean(error.source)):\(error.line)  \(code)\(SafeText.clean(error.message))")
            }
        }
        if !summary.acknowledgements.isEmpty {
            lines.append("")
            lines.append("ACKNOWLEDGEMENTS  \(summary.acknowledgements.count) (submissions taken, results to follow: not jobs)")
            for acknowledgement in summary.acknowledgements.prefix(10) {
                let job = acknowledgement.jobID.map { "job " + SafeText.clean($0) + "  " } ?? ""
                lines.append(
                    "  \(SafeText.clean(acknowledgement.source)):\(acknowledgement.line)  \(job)\(SafeText.clean(acknowledgement.message))")
            }
        }
        if !summary.problems.isEmpty {
            lines.append("")
            lines.append("PROBLEMS  \(summary.problems.count) could not be read (each is on standard error)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ label: String, _ count: String) -> String {
        DisplayWidth.fit(label, to: 32) + DisplayWidth.fit(count, to: 7, alignRight: true)
    }

    public static func json(_ summary: JobSummary) -> String {
        func counts(_ pairs: [(String, Int)]) -> JSONValue {
            .object(JSONObject(pairs.map { .init(key: $0.0, value: .number(String($0.1))) }))
        }
        let secure = JSONObject([
            .init(key: "clear", value: .number(String(summary.secure[.clear] ?? 0))),
            .init(key: "suspects", value: .number(String(summary.secure[.suspects] ?? 0))),
            .init(key: "error", value: .number(String(summary.secure[.error] ?? 0))),
            .init(key: "none", value: .number(String(summary.secure[.none] ?? 0))),
        ])
        let problems = summary.problems.map { problem in
            JSONValue.object(
                JSONObject([
                    .init(key: "source", value: .string(problem.source)),
                    .init(key: "line", value: problem.line.map { .number(String($0)) } ?? .null),
                    .init(key: "column", value: problem.column.map { .number(String($0)) } ?? .null),
                    .init(key: "kind", value: .string(problem.kind.rawValue)),
                    .init(key: "message", value: .string(problem.message)),
                ]))
        }
        let requestErrors = summary.requestErrors.map { error in
            JSONValue.object(
                JSONObject([
                    .init(key: "source", value: .string(error.source)),
                    .init(key: "line", value: .number(String(error.line))),
                    .init(key: "code", value: error.code.map(JSONValue.string) ?? .null),
                    .init(key: "message", value: .string(error.message)),
                ]))
        }
        let acknowledgements = summary.acknowledgements.map { acknowledgement in
            JSONValue.object(
                JSONObject([
                    .init(key: "source", value: .string(acknowledgement.source)),
                    .init(key: "line", value: .number(String(acknowledgement.line))),
                    .init(key: "jobId", value: acknowledgement.jobID.map(JSONValue.string) ?? .null),
                    .init(key: "userId", value: acknowledgement.userID.map(JSONValue.string) ?? .null),
                    .init(key: "message", value: .string(acknowledgement.message)),
                ]))
        }
        let value = JSONValue.object(
            JSONObject([
                .init(key: "jobs", value: .number(String(summary.jobs))),
                .init(key: "records", value: .number(String(summary.records))),
                .init(key: "categories", value: counts(summary.categories.map { ($0.category.id, $0.count) })),
                .init(key: "products", value: counts(summary.products.map { ($0.name, $0.count) })),
                .init(key: "codes", value: counts(summary.codes.map { ($0.code, $0.count) })),
                .init(
                    key: "productCodes",
                    value: .array(
                        summary.productCodes.map { entry in
                            .object(
                                JSONObject([
                                    .init(key: "product", value: .string(entry.product)),
                                    .init(key: "jobType", value: entry.jobType.map(JSONValue.string) ?? .null),
                                    .init(key: "code", value: .string(entry.code)),
                                    .init(key: "text", value: .string(entry.text)),
                                    .init(key: "category", value: .string(entry.category.id)),
                                    .init(key: "n", value: .number(String(entry.count))),
                                ]))
                        })),
                .init(key: "smileSecure", value: .object(secure)),
                .init(key: "problems", value: .array(problems)),
                .init(key: "requestErrors", value: .array(requestErrors)),
                .init(key: "acknowledgements", value: .array(acknowledgements)),
            ]))
        return JSONWriter.write(value) + "\n"
    }
}
