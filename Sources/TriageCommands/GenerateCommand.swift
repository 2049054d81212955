import ArgumentParser
import Foundation
import JobSources
import SmileJobs

/// `smile-triage generate N`: realistic synthetic records as NDJSON, for tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N realistic synthetic records as NDJSON (for tests and benchmarks).",
        discussion: """
            Deterministic for a seed. Records are signed with partner id 2001 and the demo API key \
            `demo-api-key-do-not-use`. --rings plants groups of users linked by Smile Secure 5211 \
            callbacks; --rings-out writes their user ids as JSON, one array a ring.
            """
    )

    @Argument(help: "How many records (lines).")
    var count: Int

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Smile Secure rings to plant.")
    var rings: Int = 0

    @Option(name: .long, help: "Bytes of base64 photo in each Enhanced KYC callback.")
    var photoBytes: Int = 0

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Write the planted rings' user ids here, as JSON.")
    var ringsOut: String?

    func validate() throws {
        guard count >= 0 else { throw ValidationError("the count must be 0 or more") }
        guard rings >= 0, photoBytes >= 0 else { throw ValidationError("--rings and --photo-bytes must be 0 or more") }
    }

    func run() throws {
        var options = SyntheticJobs.Options(records: count)
        options.seed = seed
        options.rings = rings
        options.photoBytes = photoBytes
        let generator: SyntheticJobs
        if let output {
            generator = try SyntheticJobs.write(options, to: output)
        } else {
            var streaming = SyntheticJobs(options: options)
            var buffer = ""
            streaming.generate { line in
                buffer += line
                buffer += "\n"
                if buffer.utf8.count >= 1 << 20 {
                    Output.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            Output.write(buffer)
            generator = streaming
        }
        if let ringsOut {
            let text =
                "[\n"
                + generator.plantedRings.map { ring in
                    "  [" + ring.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                }.joined(separator: ",\n") + "\n]\n"
            try text.write(toFile: ringsOut, atomically: true, encoding: .utf8)
        }
    }
}
