import Foundation
import SmileJobs
import TolerantJSON

/// The catalogue as text, JSON and Markdown: what `explain` and `codes` print.
public enum CatalogueReport {
    // MARK: - explain

    /// What `explain` found for a code.
    public struct Explanation: Sendable {
        public var code: String
        public var scope: Catalogue.Scope?
        /// The meanings shown: those in scope, else every meaning.
        public var meanings: [CatalogueEntry]
        /// False when a scope was given and lists no meaning (all meanings are shown instead).
        public var listedInScope: Bool
        public var statusCode: StatusCode?

        public var isKnown: Bool { !meanings.isEmpty || statusCode != nil }
    }

    public static func explain(_ rawCode: String, scope: Catalogue.Scope?, catalogue: Catalogue = .standard) -> Explanation {
        let code = Catalogue.normalise(rawCode)
        let all = catalogue.meanings(of: code)
        var meanings = all
        var listed = true
        if let scope {
            let scoped = catalogue.meanings(of: code, in: scope)
            if scoped.isEmpty { listed = all.isEmpty } else { meanings = scoped }
        }
        return Explanation(
            code: code, scope: scope, meanings: meanings, listedInScope: listed,
            statusCode: StatusCode.lookup(code))
    }

    public static func explainText(_ explanation: Explanation, width: Int = 80) -> String {
        var lines: [String] = []
        let code = SafeText.clean(explanation.code)
        let count = explanation.meanings.count
        if count == 0 {
            if let status = explanation.statusCode {
                lines.append("\(code) is a job-status or request code, not a result code:")
                lines.append("")
                lines.append(contentsOf: statusLines(status, width: width))
            } else {
                lines.append("No Smile ID result-code table lists \(code).")
                lines.append("Run `smile-triage codes` to see every code.")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let noun = count == 1 ? "meaning" : "meanings"
        if let scope = explanation.scope {
            if explanation.listedInScope {
                lines.append("\(code) for \(scope.name): \(count) \(noun)")
            } else {
                lines.append("\(code) is not listed for \(scope.name).")
                lines.append("Its \(noun) for other products:")
            }
        } else {
            lines.append("\(code): \(count) \(noun)" + (Set(explanation.meanings.map(\.product)).count > 1 ? ", by product" : ""))
        }
        for entry in explanation.meanings {
            lines.append("")
            lines.append(productHeading(entry))
            lines.append(contentsOf: labelled("Text", readableText(entry) + (entry.deprecated ? " (deprecated)" : ""), width: width))
            if !entry.description.isEmpty {
                lines.append(contentsOf: bulleted("Meaning", entry.description, width: width))
            }
            lines.append(contentsOf: labelled("Category", categoryText(entry), width: width))
            lines.append(contentsOf: labelled("Outcome", outcomeText(entry), width: width))
            for note in entry.notes {
                lines.append(contentsOf: labelled("Note", note, width: width))
            }
            // Sources for a customer: the pages, not this project's own notes (JSON keeps every one).
            for source in ([entry.table.source] + entry.sources) where !source.contains("docs/") {
                lines.append(contentsOf: labelled("Source", source, width: width))
            }
        }
        if let status = explanation.statusCode {
            lines.append("")
            lines.append("Also a job-status or request code:")
            lines.append(contentsOf: statusLines(status, width: width))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A job-status or request code: its text, meaning, whether it is a failure, and where it comes from.
    static func statusLines(_ status: StatusCode, width: Int) -> [String] {
        var lines = labelled("Text", status.text, width: width)
        if !status.description.isEmpty { lines += labelled("Meaning", status.description, width: width) }
        lines += labelled(
            "Outcome",
            status.isFailure ? "the request failed: no job was run for it" : "not a failure: it says nothing about the job's outcome",
            width: width)
        lines += labelled("Source", status.source, width: width)
        return lines
    }

    static func productHeading(_ entry: CatalogueEntry) -> String {
        let types = entry.jobTypes
        switch types.count {
        case 0: return entry.product.name + (entry.product == .anyProduct ? "" : " (any job type)")
        case 1: return "\(entry.product.name) (job type \(types[0]))"
        default: return "\(entry.product.name) (job types \(types.map(String.init).joined(separator: ", ")))"
        }
    }

    /// The page's text, its placeholder said in words: "Unable to Verify Document - reason"
    /// is "Unable to Verify Document (the job's ResultText names the reason)".
    static func readableText(_ entry: CatalogueEntry) -> String {
        let text = entry.text
        for placeholder in [" - reason", " - Reason"] where text.hasSuffix(placeholder) {
            return String(text.dropLast(placeholder.count)) + " (the job's ResultText names the reason)"
        }
        return text
    }

    /// Whether the code is a failure, in words a customer can be given.
    static func outcomeText(_ entry: CatalogueEntry) -> String {
        if let verdict = entry.secureVerdict {
            switch verdict {
            case .clear: return "not a failure: no other user matched"
            case .suspects: return "a finding: other users matched, and the job needs review"
            case .error: return "a failure of the check: Smile Secure could not run"
            case .none: return "no Smile Secure result"
            }
        }
        if entry.role == .step { return "a step, not the outcome: the job's verdict comes in another result" }
        switch entry.jobCategory {
        case .approved: return "passed"
        case .approvedWithAttention: return "passed, with something to look at"
        case .provisional: return "passed for now: a person may still review it"
        case .review: return "not decided: a reviewer decides"
        case .inconclusive: return "not decided: the check could not conclude"
        case .pending: return "not finished yet"
        case .rejected: return "a failure: the check did not pass"
        case .retry: return "a failure of the ID authority, not of the person: run the job again later"
        case .error: return "a failure: an error, not a verdict on the person"
        case .unknown: return "unknown: no table gives this code a category"
        }
    }

    /// Like `labelled`, a list written inline ("…reasons: - Document is expired - The
    /// selfie did not match…") kept as one line per item.
    static func bulleted(_ label: String, _ text: String, width: Int) -> [String] {
        guard let colon = text.range(of: ": - ") else { return labelled(label, text, width: width) }
        let head = String(text[..<colon.lowerBound]) + ":"
        let items = text[colon.upperBound...].components(separatedBy: " - ").map { $0.trimmingCharacters(in: .whitespaces) }
        var lines = labelled(label, head, width: width)
        for item in items where !item.isEmpty {
            let wrapped = DisplayWidth.wrap(SafeText.clean(item), width: max(20, width - 14))
            for (index, line) in wrapped.enumerated() {
                lines.append(String(repeating: " ", count: 12) + (index == 0 ? "• " : "  ") + line)
            }
        }
        return lines
    }

    static func categoryText(_ entry: CatalogueEntry) -> String {
        if let verdict = entry.secureVerdict { return "none: a Smile Secure state (\(verdict.label)), not a verdict on the job" }
        var text = "\(entry.jobCategory.label) [\(entry.jobCategory.id)]"
        let wording = entry.pageCategory
        if wording.isEmpty {
            if entry.table != .smileSecure && entry.table != .observed { text += "; the page leaves it blank" }
        } else if wording != entry.jobCategory.label {
            text += "; the page says \"\(wording)\""
        }
        if entry.role == .step { text += "; a step inside the job, not its verdict" }
        return text
    }

    /// `  Label:    text` with the text wrapped under itself.
    static func labelled(_ label: String, _ text: String, width: Int) -> [String] {
        let indent = 12
        let head = "  " + (label + ":").padding(toLength: indent - 2, withPad: " ", startingAt: 0)
        let wrapped = DisplayWidth.wrap(SafeText.clean(text), width: max(20, width - indent))
        return wrapped.enumerated().map { index, line in
            (index == 0 ? head : String(repeating: " ", count: indent)) + line
        }
    }

    public static func explainJSON(_ explanation: Explanation) -> String {
        var members: [JSONObject.Member] = [
            .init(key: "code", value: .string(explanation.code)),
            .init(key: "scope", value: explanation.scope.map { .string($0.name) } ?? .null),
            .init(key: "listedInScope", value: .bool(explanation.listedInScope)),
            .init(key: "meanings", value: .array(explanation.meanings.map(entryJSON))),
        ]
        if let status = explanation.statusCode {
            members.append(
                .init(
                    key: "statusCode",
                    value: .object(
                        JSONObject([
                            .init(key: "code", value: .string(status.code)),
                            .init(key: "text", value: .string(status.text)),
                            .init(key: "description", value: .string(status.description)),
                            .init(key: "isFailure", value: .bool(status.isFailure)),
                            .init(key: "source", value: .string(status.source)),
                        ]))))
        } else {
            members.append(.init(key: "statusCode", value: .null))
        }
        return JSONWriter.write(.object(JSONObject(members))) + "\n"
    }

    // MARK: - codes

    public static func entryJSON(_ entry: CatalogueEntry) -> JSONValue {
        .object(
            JSONObject([
                .init(key: "code", value: .string(entry.code)),
                .init(key: "product", value: .string(entry.product.name)),
                .init(key: "jobTypes", value: .array(entry.jobTypes.map { .number(String($0)) })),
                .init(key: "text", value: .string(entry.text)),
                .init(key: "description", value: .string(entry.description)),
                .init(key: "category", value: entry.category.map { .string($0.id) } ?? .null),
                .init(key: "role", value: .string(entry.roleName)),
                .init(key: "smileSecure", value: entry.secureVerdict.map { .string($0.rawValue) } ?? .null),
                .init(key: "deprecated", value: .bool(entry.deprecated)),
                .init(key: "pageCategory", value: .string(entry.pageCategory)),
                .init(key: "source", value: .string(entry.table.source)),
                .init(key: "sources", value: .array(entry.sources.map(JSONValue.string))),
                .init(key: "notes", value: .array(entry.notes.map(JSONValue.string))),
            ]))
    }

    public static func codesJSON(_ catalogue: Catalogue = .standard) -> String {
        JSONWriter.write(.array(catalogue.entries.map(entryJSON))) + "\n"
    }

    /// Eighty columns: the code, the product's short name, the category, and the text
    /// wrapped under itself.
    public static func codesText(_ catalogue: Catalogue = .standard, width: Int = 80) -> String {
        let productWidth = 9
        let categoryWidth = Category.allCases.map(\.id.count).max() ?? 12
        let textColumn = 4 + 2 + productWidth + 2 + categoryWidth + 2
        var lines = [
            "CODE  " + DisplayWidth.fit("PRODUCT", to: productWidth) + "  " + DisplayWidth.fit("CATEGORY", to: categoryWidth) + "  TEXT"
        ]
        for entry in catalogue.entries {
            let text = entry.text + (entry.deprecated ? " (deprecated)" : "")
            let wrapped = DisplayWidth.wrap(SafeText.clean(text), width: max(20, width - textColumn))
            for (index, piece) in wrapped.enumerated() {
                if index == 0 {
                    lines.append(
                        entry.code + "  " + DisplayWidth.fit(entry.product.shortName, to: productWidth) + "  "
                            + DisplayWidth.fit(entry.outcomeID, to: categoryWidth) + "  " + piece)
                } else {
                    lines.append(String(repeating: " ", count: textColumn) + piece)
                }
            }
        }
        lines.append("")
        lines.append(
            "\(catalogue.entries.count) meanings of \(catalogue.codes.count) codes. `smile-triage explain CODE` tells one in full.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `docs/result-codes.md`, generated; a test fails when the committed file is stale.
    public static func codesMarkdown(_ catalogue: Catalogue = .standard) -> String {
        var out = """
            # Smile ID result codes

            <!-- Generated by `smile-triage codes --format markdown`. Do not edit: a test fails when this file is stale. -->

            Every meaning of every result code, by product, as Smile ID's result-code page and Smile Secure page
            write them. Where the copy the catalogue was built from lost the tables' product names, the product
            comes from the reconstruction in [catalogue-sources.md](catalogue-sources.md); doubts are in the notes.
            A code no table lists loads as `unknown`, with its ResultText kept.

            ## Categories

            | id | label | badge | the pages' wording for it |
            |---|---|---|---|

            """
        // From the catalogue itself: each category's own words, and how the pages' tables wrote it.
        for category in Category.allCases {
            let wordings = Set(
                catalogue.entries.filter { $0.category == category }.map {
                    $0.pageCategory.isEmpty ? "(blank on the page)" : $0.pageCategory
                })
            let wording =
                wordings.isEmpty
                ? "(no table gives it: \(category == .unknown ? "a code no table lists" : "from job status"))"
                : wordings.sorted().map { "`\(cell($0))`" }.joined(separator: ", ")
            out += "| `\(category.id)` | \(category.label) | \(category.badge) | \(wording) |\n"
        }
        out += "\n"
        for table in CatalogueEntry.Table.allCases {
            let entries = catalogue.entries.filter { $0.table == table }
            guard let first = entries.first else { continue }
            out += "\n## \(productHeading(first))\n\n"
            out += "Source: \(table.source).\n\n"
            out += "| code | result text | description | category | page says | notes |\n|---|---|---|---|---|---|\n"
            for entry in entries {
                let notes = entry.notes.joined(separator: " ")
                let text = entry.text + (entry.deprecated ? " **(deprecated)**" : "")
                out +=
                    "| \(entry.code) | \(cell(text)) | \(cell(entry.description)) | `\(entry.outcomeID)` | \(cell(entry.pageCategory)) | \(cell(notes)) |\n"
            }
        }
        out += "\n## Job-status and request codes\n\nNot result codes: the `code` of a job-status response, or of an error body.\n\n"
        out += "| code | meaning | a failure? |\n|---|---|---|\n"
        for status in StatusCode.table {
            out += "| \(status.code) | \(cell(status.text)) | \(status.isFailure ? "yes" : "no") |\n"
        }
        return out
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
