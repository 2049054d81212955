import ArgumentParser
import Foundation
import JobIndex
import JobSources
import SmileJobs
import TolerantJSON

/// `smile-triage verify PATH...`: each record's signature, checked with the partner's API key.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check each record's signature with your API key; exit 1 when any is invalid.",
        discussion: """
            signature = base64(HMAC-SHA256(api_key, timestamp + partner_id + "sid_request")). The partner id \
            comes from --partner-id or SMILE_PARTNER_ID; the API key only from SMILE_API_KEY or --api-key-file \
            (a file readable by its owner alone), never from an argument. Each record is valid, invalid, \
            replayed, unsigned, legacy (sec_key) or unchecked (no key given). A valid signature covers the \
            timestamp and the partner id, not the body: the same signature on another job or another body of \
            one job is replayed (copied). JSON: {records: [{source, line, smileJobId, signature}]}. Exit 1 \
            when any is invalid or replayed.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var signing: SigningOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let checker = try signing.checker()
        if checker == nil {
            Output.error("smile-triage: no API key given (SMILE_API_KEY or --api-key-file): signatures are left unchecked")
        }
        let (loaded, _) = try input.load(signatures: checker)
        // Every record read, duplicates included: each one's signature is its own evidence.
        var records = (0..<loaded.store.recordCount).map { index -> (source: String, record: JobRecord) in
            let record = loaded.store.record(index)
            return (loaded.sourcePath(of: record.origin), record)
        }
        records.sort {
            ($0.record.origin.source, $0.record.origin.line, $0.record.origin.offset) < (
                $1.record.origin.source, $1.record.origin.line, $1.record.origin.offset
            )
        }
        switch format {
        case .text: Output.write(VerifyReport.text(records))
        case .json: Output.write(VerifyReport.json(records))
        }
        if records.contains(where: { $0.record.signature == .invalid || $0.record.signature == .replayed }) {
            throw ExitCode(ExitStatus.notFound)
        }
        let status = ExitStatus.forLoad(loaded)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}

enum VerifyReport {
    static func json(_ records: [(source: String, record: JobRecord)]) -> String {
        JSONWriter.write(
            .object(
                JSONObject([
                    .init(
                        key: "records",
                        value: .array(
                            records.map { source, record in
                                .object(
                                    JSONObject([
                                        .init(key: "source", value: .string(source)),
                                        .init(key: "line", value: .number(String(record.origin.line))),
                                        .init(key: "smileJobId", value: record.smileJobID.map(JSONValue.string) ?? .null),
                                        .init(key: "signature", value: .string(record.signature.rawValue)),
                                    ]))
                            }))
                ]))) + "\n"
    }

    static func text(_ records: [(source: String, record: JobRecord)]) -> String {
        var lines: [String] = []
        var counts: [SignatureState: Int] = [:]
        for (source, record) in records {
            counts[record.signature, default: 0] += 1
            let marker =
                record.signature == .invalid || record.signature == .replayed
                ? record.signature.rawValue.uppercased() : record.signature.rawValue
            lines.append(
                "\(DisplayWidth.fit(marker, to: 9)) \(SafeText.clean(source)):\(record.origin.line)  \(SafeText.clean(record.smileJobID ?? "-"))"
            )
        }
        lines.append("")
        lines.append(
            SignatureState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }.joined(separator: " · "))
        if let valid = counts[.valid], valid > 0 {
            lines.append("valid: the signature covers the timestamp and partner id, not the body.")
        }
        if let invalid = counts[.invalid], invalid > 0 {
            lines.append("\(invalid) signature\(invalid == 1 ? " does" : "s do") not hold: forged, or the timestamp altered.")
        }
        if let replayed = counts[.replayed], replayed > 0 {
            lines.append(
                "\(replayed) record\(replayed == 1 ? " carries a signature" : "s carry signatures") also on another job or body: replayed.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
