import ArgumentParser
import JobIndex
import SmileJobs
import TolerantJSON

/// `smile-triage secure PATH...`: the Smile Secure rings, largest first.
struct SecureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secure",
        abstract: "List Smile Secure rings: users linked as the same person, with their jobs.",
        discussion: """
            Each Smile Secure verdict links a job's user to each suspect user; linked users form rings. \
            A ring's id comes from its members (the same ring has the same id in every load). \
            JSON: {rings: [{id, users: [..], jobs: [smileJobId..], links: [{from, to, reasons}], firstSeen, lastSeen}], \
            suspectsWithoutJobs: [..]}.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let (loaded, _) = try input.load()
        let rings = RingIndex(store: loaded.store)
        switch format {
        case .text: Output.write(RingReport.text(rings, store: loaded.store))
        case .json: Output.write(RingReport.json(rings, store: loaded.store))
        }
        let status = ExitStatus.forLoad(loaded)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}

/// What `secure` prints.
public enum RingReport {
    static func jobID(_ store: JobStore, _ job: Int32) -> String {
        store.withFieldBytes(Int(job), .smileJobID) { $0.count > 0 ? String(decoding: $0, as: UTF8.self) : nil }
            ?? store.jobKey(Int(job))
    }

    public static func json(_ index: RingIndex, store: JobStore) -> String {
        let rings = index.rings.map { ring -> JSONValue in
            .object(
                JSONObject([
                    .init(key: "id", value: .string(ring.id)),
                    .init(key: "users", value: .array(ring.users.map(JSONValue.string))),
                    .init(key: "jobs", value: .array(ring.jobs.map { .string(jobID(store, $0)) })),
                    .init(
                        key: "links",
                        value: .array(
                            ring.links.map { link in
                                .object(
                                    JSONObject([
                                        .init(key: "from", value: .string(link.from)),
                                        .init(key: "to", value: .string(link.to)),
                                        .init(key: "reasons", value: .array(link.reasons.map(JSONValue.string))),
                                    ]))
                            })),
                    .init(key: "usersWithoutJobs", value: .array(ring.usersWithoutJobs.map(JSONValue.string))),
                    .init(key: "firstSeen", value: ring.firstSeen.map { .string($0.isoText) } ?? .null),
                    .init(key: "lastSeen", value: ring.lastSeen.map { .string($0.isoText) } ?? .null),
                ]))
        }
        return JSONWriter.write(
            .object(
                JSONObject([
                    .init(key: "rings", value: .array(rings)),
                    .init(key: "suspectsWithoutJobs", value: .array(index.suspectsWithoutJobs.map(JSONValue.string))),
                ]))) + "\n"
    }

    public static func text(_ index: RingIndex, store: JobStore) -> String {
        guard !index.rings.isEmpty else { return "No rings: no loaded Smile Secure callback links two users.\n" }
        var lines: [String] = ["\(index.rings.count) ring\(index.rings.count == 1 ? "" : "s"), largest first"]
        for ring in index.rings {
            lines.append("")
            let seen = [ring.firstSeen?.shortText, ring.lastSeen?.shortText].compactMap { $0 }
            lines.append(
                "Ring \(ring.label): \(ring.users.count) users, \(ring.jobs.count) jobs"
                    + (seen.count == 2 ? ", seen \(seen[0]) to \(seen[1]) UTC" : ""))
            for user in ring.users {
                let jobs = ring.jobs.filter { store.userID(Int($0)) == user }
                let described =
                    jobs.isEmpty
                    ? "not in the loaded data"
                    : jobs.map { job in
                        "\(SafeText.clean(jobID(store, job))) \(store.displayCode(Int(job)) ?? "-") \(store.category(Int(job)).id)"
                    }.joined(separator: ", ")
                lines.append("  \(SafeText.clean(user)): \(described)")
            }
            for link in ring.links {
                let reasons = link.reasons.isEmpty ? "" : " (" + link.reasons.map { SafeText.clean($0) }.joined(separator: ", ") + ")"
                lines.append("  \(SafeText.clean(link.from)) -> \(SafeText.clean(link.to))\(reasons)")
            }
        }
        if !index.suspectsWithoutJobs.isEmpty {
            lines.append("")
            lines.append("Suspects not in the loaded data: " + index.suspectsWithoutJobs.map { SafeText.clean($0) }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
