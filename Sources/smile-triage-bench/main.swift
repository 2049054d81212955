// smile-triage-bench: how fast smile-triage reads, and how it compares with jq on the same
// file in the same run. Build in release first (scripts/bench.sh does both):
//
//   swift build -c release && .build/release/smile-triage-bench [--records 100000,1000000] [--runs 3]
//
// Prints a Markdown table of medians; docs/performance.md keeps the latest.
import Foundation
import JobIndex
import JobSources
import SmileJobs
import TriageScreen
import TriageStore
import TriageViewModel

struct Arguments {
    var records = [100_000, 1_000_000]
    var runs = 3
    var folder = NSTemporaryDirectory() + "smile-triage-bench"
    var skipJQ = false
    /// Only the decisions benchmark (marks per second, commit latency), against this server too.
    var marks = false
    var server: String?
    /// A Python with duckdb installed (scripts/bench.sh makes one): the peer to beat.
    var duckdbPython: String?
    /// Also the same records as a folder of 10,000 files.
    var folders = false
    /// Which writers' data to read: this project's generator, the independent one, or both.
    var dataSets: [DataSet] = [.generated, .varied]
    /// Also the hash-flooding rows: 1M ids crafted to collide under a fixed seed.
    var flood = false
    /// Only list the lines of this file the fast path declines (and their share).
    var declined: String?
    /// Only time what a new list works out after loading this file (rings, review, order).
    var parts: String?
    /// With `parts`: only the keystrokes, not the snapshot's parts (at 10M the sorts among
    /// those take minutes).
    var keysOnly = false
    /// Keep the data files (a 10M file is about 6.4 GB: removed after its row unless kept).
    var keep = false

    init() {
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--records": records = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--runs": runs = Int(arguments.next() ?? "") ?? runs
            case "--folder": folder = arguments.next() ?? folder
            case "--skip-jq": skipJQ = true
            case "--marks": marks = true
            case "--pg": server = arguments.next()
            case "--duckdb-python": duckdbPython = arguments.next()
            case "--folders": folders = true
            case "--data": dataSets = (arguments.next() ?? "").split(separator: ",").compactMap { DataSet(rawValue: String($0)) }
            case "--keep": keep = true
            case "--declined": declined = arguments.next()
            case "--flood": flood = true
            case "--parts": parts = arguments.next()
            case "--keys":
                parts = arguments.next()
                keysOnly = true
            default:
                print(
                    "usage: smile-triage-bench [--records N,N] [--runs R] [--data generated,varied] [--folder DIR] [--keep] [--skip-jq] [--declined FILE] [--parts FILE | --keys FILE] [--flood] [--folders] [--duckdb-python PYTHON] | --marks [--pg URL]"
                )
                exit(64)
            }
        }
    }
}

/// Whose records: `smile-triage generate`'s, or an independent writer's
/// (scripts/make-varied-callbacks.py: Python's json module, every field varied in shape and
/// cardinality, names in six scripts), so the figures are not only on data shaped by us.
enum DataSet: String {
    case generated, varied

    func file(records: Int, in folder: String) -> String { "\(folder)/bench-\(rawValue == "generated" ? "" : "varied-")\(records).ndjson" }

    func write(records: Int, to file: String) throws {
        switch self {
        case .generated:
            var options = SyntheticJobs.Options(records: records)
            options.rings = max(1, records / 4000)
            _ = try SyntheticJobs.write(options, to: file)
        case .varied:
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../scripts/make-varied-callbacks.py"
            )
            .standardized.path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, String(records), file]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Runs a command; returns (seconds, peak RSS in bytes). The peak is the child's own
/// `VmHWM`, read from /proc while it runs: wait4's `ru_maxrss` is not the child's alone,
/// since posix_spawn starts it in this process's memory (vfork), and the kernel keeps that
/// memory's high-water mark across the exec (a bench holding a loaded store reported its
/// own 684 MiB for every command after).
func measure(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (Double, Int) {
    var pid: pid_t = 0
    var fileActions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    let start = now()
    guard posix_spawn(&pid, executable, &fileActions, nil, argv, envp) == 0 else {
        print("bench: cannot run \(executable)")
        exit(1)
    }
    var status: Int32 = 0
    var peak = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        peak = max(peak, peakRSS(pid) ?? 0)
        usleep(2000)
    }
    let seconds = now() - start
    posix_spawn_file_actions_destroy(&fileActions)
    return (seconds, peak)
}

/// A live process's peak resident memory in bytes (`VmHWM` in /proc/PID/status).
func peakRSS(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
}

/// Writes a file's lines into `files` files of about equal line counts, in order.
func splitIntoFiles(_ file: String, folder: String, files: Int) {
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard let data = FileManager.default.contents(atPath: file) else { return }
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    let perFile = max(1, (lines.count + files - 1) / files)
    var part = 0
    var start = 0
    while start < lines.count {
        let end = min(lines.count, start + perFile)
        var chunk = Data()
        for line in lines[start..<end] {
            chunk.append(contentsOf: line)
            chunk.append(UInt8(ascii: "\n"))
        }
        _ = FileManager.default.createFile(atPath: String(format: "%@/part-%05d.ndjson", folder, part), contents: chunk)
        part += 1
        start = end
    }
}

func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The dashboard in a real terminal (tmux): when it painted its first frame, when it had
/// loaded everything, when the work it does after a load was done (the jobs to chase, every
/// column's order: `settled`), and its peak memory by then.
func dashboard(_ binary: String, file: String) -> (firstFrame: Double, read: Double?, loaded: Double, settled: Double?, peak: Int)? {
    guard let tmux = which("tmux") else { return nil }
    let timing = NSTemporaryDirectory() + "smile-triage-bench-timing-\(getpid())"
    try? FileManager.default.removeItem(atPath: timing)
    let socket = "smile-triage-bench-\(getpid())"
    let command = "SMILE_TRIAGE_TIMING=\(timing) \(binary) \(file)"
    _ = measure(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command])
    defer { _ = measure(tmux, ["-L", socket, "kill-server"]) }
    let deadline = now() + 120
    var marks: [String: Double] = [:]
    while now() < deadline {
        if let text = try? String(contentsOfFile: timing, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let value = Double(parts[1]) { marks[String(parts[0])] = value }
            }
        }
        if marks["settled"] != nil { break }
        Thread.sleep(forTimeInterval: 0.05)
    }
    // Peak memory of the dashboard process.
    var peak = 0
    if let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") {
        for pid in pids where Int(pid) != nil {
            guard let commandLine = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                commandLine.hasPrefix(binary), commandLine.contains(file), let number = pid_t(pid)
            else { continue }
            peak = peakRSS(number) ?? peak
        }
    }
    guard let first = marks["firstFrame"], let loaded = marks["loaded"] else { return nil }
    return (first, marks["read"], loaded, marks["settled"], peak)
}

/// What a new list works out after a snapshot, one part at a time (medians): the dashboard
/// does this for every snapshot it takes in, the last one on the way to "fully loaded".
func snapshotParts(_ loaded: LoadedJobs, runs: Int) -> [(String, String)] {
    func partTime(_ work: () -> Void) -> String {
        let times = (0..<runs).map { _ in
            let started = now()
            work()
            return (now() - started) * 1000
        }
        return String(format: "%.0f ms", median(times))
    }
    let rings = RingIndex(store: loaded.store)
    return [
        ("after a snapshot: rings", partTime { _ = RingIndex(store: loaded.store) } + " (\(rings.rings.count) rings)"),
        ("after a snapshot: review queue", partTime { _ = ReviewQueue(store: loaded.store, rings: rings) }),
        ("after a snapshot: order by time", partTime { _ = JobTable(store: loaded.store).sortedIndices(.time) }),
        // The dashboard makes the others on a spare core once the load is in.
        (
            "once loaded: every other column's order (job, user, product, code, category, secure, text)",
            SortColumn.allCases.dropFirst().map { column in partTime { _ = JobTable(store: loaded.store).sortedIndices(column) } }
                .joined(separator: " · ")
        ),
        // On another thread once the load ends (the status bar's chase count waits for it).
        ("after a snapshot: jobs to chase", partTime { _ = ChaseIndex(store: loaded.store) }),
        // All of it, as the dashboard does it: the snapshot taken into the state (the jobs to
        // chase are worked out on another thread there), and a frame.
        (
            "after a snapshot: the list made ready, and a frame",
            partTime {
                var state = AppState(title: "bench", viewport: Size(columns: 120, rows: 40))
                state.chaseInline = false
                _ = Reducer.reduce(&state, .loaded(loaded))
                _ = Renderer.render(state)
            }
        ),
    ]
}

/// Keystroke to new frame in the view-model and renderer, at 120×40.
func keystrokes(_ loaded: LoadedJobs, runs: Int) -> [String: Double] {
    var results: [String: [Double]] = [:]
    for _ in 0..<runs {
        var state = AppState(loaded: loaded, title: "bench", viewport: Size(columns: 120, rows: 40))
        _ = Renderer.render(state)
        func time(_ name: String, _ keys: [Key]) {
            let start = now()
            var effects: [Effect] = []
            for key in keys { effects += Reducer.reduce(&state, .key(key)) }
            _ = Renderer.render(state)
            results[name, default: []].append((now() - start) * 1000)
            // On a large table a search goes to another thread and the frame above is the
            // keystroke's echo: also timed, the search's list made and on screen.
            // A first sort on a column whose order is not made goes there too.
            if case .search(let generation, let narrowing)? = effects.last {
                let elsewhere = state.searching?.sorting == true ? "sorted" : "searched"
                let list = SearchRequest(state, generation: generation, narrowing: narrowing).run()
                Reducer.reduce(&state, .searched(generation: generation, visible: list))
                _ = Renderer.render(state)
                results[name + ", its list on screen (\(elsewhere) on another thread)", default: []].append((now() - start) * 1000)
            }
        }
        // A category filter switched on from the filter menu.
        Reducer.reduce(&state, .key(.character("f")))
        time("filter keystroke", [.character(" ")])
        Reducer.reduce(&state, .key(.escape))
        Reducer.reduce(&state, .key(.character("c")))
        // Search: the first character, then a second.
        Reducer.reduce(&state, .key(.character("/")))
        time("search keystroke (1st char)", [.character("u")])
        time("search keystroke (2nd char)", [.character("s")])
        Reducer.reduce(&state, .key(.escape))
        // A letter outside ASCII: where the bytes fail, names are compared scalar by scalar
        // with the letter's case forms.
        Reducer.reduce(&state, .key(.character("/")))
        time("search keystroke (a letter outside ASCII, ọ)", [.character("ọ")])
        Reducer.reduce(&state, .key(.escape))
        // Sort by a column never sorted before (the order is worked out), then reversed.
        time("sort by a new column", [.character("5")])
        time("sort reversed", [.character("5")])
        // The dashboard makes every column's order on a spare core once a load is in: a
        // first sort on another column then finds its order made.
        state.table.warmOrders()
        time("sort by a new column, orders warmed after the load", [.character("6")])
        time("frequency view", [.character("F")])
        Reducer.reduce(&state, .key(.escape))
        Reducer.reduce(&state, .key(.character("f")))
        time("filter keystroke, once the load's work is done", [.character(" ")])
        time("filter keystroke, off again", [.character(" ")])
        Reducer.reduce(&state, .key(.escape))
        time("open a job", [.enter])
        Reducer.reduce(&state, .key(.escape))

        // Decisions: 10,000 of them matched to every job, a mark, the untriaged queue.
        let decided = (0..<min(10_000, state.table.count)).map { index in
            Decision(
                jobID: state.table.store.jobKey(index), state: .cleared, who: "bench",
                at: Timestamp(millisecondsSince1970: 0), sequence: Int64(index + 1))
        }
        let start = now()
        Reducer.reduce(&state, .decisionsLoaded(decided, marking: .writable))
        _ = Renderer.render(state)
        results["10,000 decisions matched to every job", default: []].append((now() - start) * 1000)
        time("untriaged only (U)", [.character("U")])
        let markStart = now()
        for effect in Reducer.reduce(&state, .key(.character("e"))) {
            if case .saveDecisions(let request, let context) = effect {
                let saved = request.jobIDs.map {
                    Decision(jobID: $0, state: .escalated, who: "bench", at: Timestamp(millisecondsSince1970: 1), sequence: 99_999)
                }
                Reducer.reduce(&state, .decisionsSaved(saved, context: context))
            }
        }
        _ = Renderer.render(state)
        results["mark a job in the untriaged queue (view-model)", default: []].append((now() - markStart) * 1000)
    }
    return results.mapValues(median)
}

/// One decision committed to SQLite (WAL, synchronous = FULL), as the dashboard waits for it.
func commitTime(folder: String, runs: Int) -> Double? {
    let path = folder + "/bench-decisions.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    guard let store = try? DecisionStore(path: path) else { return nil }
    var times: [Double] = []
    for index in 0..<max(200, runs) {
        let start = now()
        _ = try? store.mark(DecisionRequest(jobIDs: ["bench-\(index)"], state: .cleared), who: "bench")
        times.append((now() - start) * 1000)
    }
    return median(times)
}

let arguments = Arguments()
if arguments.marks {
    try? FileManager.default.createDirectory(atPath: arguments.folder, withIntermediateDirectories: true)
    MarksBenchmark.report(folder: arguments.folder, server: arguments.server)
    exit(0)
}
if let file = arguments.parts {
    let started = now()
    let (loaded, _, _) = JobLoader().loadWithProgress(paths: [file], options: JobLoader.Options())
    print(String(format: "loaded %d jobs in %.2f s", loaded.store.jobCount, now() - started))
    if !arguments.keysOnly {
        for (name, time) in snapshotParts(loaded, runs: arguments.runs) { print("\(name): \(time)") }
    }
    for (name, milliseconds) in keystrokes(loaded, runs: arguments.runs).sorted(by: { $0.key < $1.key }) {
        print(String(format: "%@ → frame: %.1f ms", name, milliseconds))
    }
    exit(0)
}
if let file = arguments.declined {
    // The lines the fast scanner leaves to the full decoder: the first ten, and how many.
    guard let data = FileManager.default.contents(atPath: file) else {
        print("bench: cannot read \(file)")
        exit(1)
    }
    var lines = 0
    var declined = 0
    for line in data.split(separator: UInt8(ascii: "\n")) {
        lines += 1
        let read = Array(line).withUnsafeBufferPointer { FastPath.reads($0) }
        if !read {
            declined += 1
            if declined <= 10 { print(String(decoding: line.prefix(600), as: UTF8.self), "\n") }
        }
    }
    print(String(format: "%d of %d lines declined (%.2f%%)", declined, lines, Double(declined) * 100 / Double(max(1, lines))))
    exit(0)
}
let benchBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let triage = benchBinary.appendingPathComponent("smile-triage").path
guard FileManager.default.isExecutableFile(atPath: triage) else {
    print("bench: build the release binary first: swift build -c release (no \(triage))")
    exit(1)
}
try? FileManager.default.createDirectory(atPath: arguments.folder, withIntermediateDirectories: true)
let cpu =
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }.map { $0.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "?"
print("smile-triage-bench · \(ProcessInfo.processInfo.activeProcessorCount) cores · \(cpu) · medians of \(arguments.runs) runs\n")

/// The results: one row a measure, one column a data set.
final class Report {
    var columns: [String] = []
    private var table: [String: [String]] = [:]
    private var order: [String] = []

    func put(_ name: String, _ value: String) {
        if table[name] == nil {
            order.append(name)
            table[name] = []
        }
        table[name]!.append(value)
    }

    func markdown() -> String {
        var lines = ["| | " + columns.joined(separator: " | ") + " |", "|---|" + columns.map { _ in "---:" }.joined(separator: "|") + "|"]
        for name in order { lines.append("| \(name) | " + table[name]!.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
let report = Report()

for count in arguments.records {
    for dataSet in arguments.dataSets {
        let file = dataSet.file(records: count, in: arguments.folder)
        let written = !FileManager.default.fileExists(atPath: file)
        if written { try dataSet.write(records: count, to: file) }
        defer { if written && !arguments.keep && count >= 10_000_000 { try? FileManager.default.removeItem(atPath: file) } }
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
        let megabytes = Double(size) / 1_048_576
        report.columns.append("\(count / 1000)k \(dataSet.rawValue) (\(Int(megabytes)) MB)")

        // summary: the whole load, as a script would run it.
        var times: [Double] = []
        var peaks: [Int] = []
        for _ in 0..<arguments.runs {
            let (seconds, peak) = measure(triage, ["summary", file, "--format", "json"])
            times.append(seconds)
            peaks.append(peak)
        }
        let summary = median(times)
        report.put("`summary` (load, index, merge, count)", String(format: "%.2f s", summary))
        report.put("throughput", String(format: "%.0f MB/s · %.0fk records/s", megabytes / summary, Double(count) / summary / 1000))
        report.put("`summary` peak RSS", String(format: "%.0f MiB", Double(peaks.max() ?? 0) / 1_048_576))

        // The same bytes as a folder of 10,000 files (a day of callbacks saved one request a
        // file, a hundred records each): opened and read in parallel, no less than half as fast.
        if arguments.folders {
            let split = file + "-split"
            if !FileManager.default.fileExists(atPath: split) { splitIntoFiles(file, folder: split, files: 10_000) }
            var folderTimes: [Double] = []
            for _ in 0..<arguments.runs { folderTimes.append(measure(triage, ["summary", split, "--format", "json"]).0) }
            let folderTime = median(folderTimes)
            report.put("`summary` of the same bytes as 10,000 files", String(format: "%.2f s", folderTime))
            report.put("one file / 10,000 files (≥ 0.5 wanted)", String(format: "%.2f", summary / folderTime))
        }

        // DuckDB, the peer someone who counts callbacks for a living reaches for: the same
        // count by result code, read from the same file, both cores.
        if let python = arguments.duckdbPython {
            let script = """
                sys, duckdb = __import__("sys"), __import__("duckdb")
                connection = duckdb.connect()
                connection.execute("SET threads = 2")
                connection.execute("SELECT ResultCode, count(*) FROM read_ndjson_auto(?, ignore_errors = true) GROUP BY ResultCode", [sys.argv[1]]).fetchall()
                """
            var duckTimes: [Double] = []
            var duckPeaks: [Int] = []
            for _ in 0..<arguments.runs {
                let (seconds, peak) = measure(python, ["-c", script, file])
                duckTimes.append(seconds)
                duckPeaks.append(peak)
            }
            let duck = median(duckTimes)
            report.put("DuckDB `read_ndjson_auto … GROUP BY ResultCode` (2 threads)", String(format: "%.2f s", duck))
            report.put("DuckDB peak RSS", String(format: "%.0f MiB", Double(duckPeaks.max() ?? 0) / 1_048_576))
            report.put("`summary` / DuckDB (≤ 1.0 is faster)", String(format: "**%.2f**", summary / duck))
        }

        if !arguments.skipJQ, let jq = which("jq") {
            var jqTimes: [Double] = []
            for _ in 0..<arguments.runs {
                jqTimes.append(measure(jq, ["-c", "select(.ResultCode==\"5211\")", file]).0)
            }
            let jqTime = median(jqTimes)
            report.put("`jq -c 'select(.ResultCode==\"5211\")'`", String(format: "%.2f s", jqTime))
            report.put("`summary` vs `jq`", String(format: "**%.1f× faster**", jqTime / summary))
        }

        // In process: the store, and the view-model at 120×40.
        let start = now()
        let (loaded, _, progress) = JobLoader().loadWithProgress(paths: [file], options: JobLoader.Options())
        let loadTime = now() - start
        report.put(
            "load in process (fast path share)",
            String(format: "%.2f s (%.0f%%)", loadTime, Double(progress.fastRecords) * 100 / Double(max(1, progress.records))))
        report.put(
            "jobs · store bytes per job",
            "\(loaded.store.jobCount) · \(loaded.store.approximateByteCount / max(1, loaded.store.jobCount)) B")
        for (name, time) in snapshotParts(loaded, runs: arguments.runs) { report.put(name, time) }
        for (name, milliseconds) in keystrokes(loaded, runs: arguments.runs).sorted(by: { $0.key < $1.key }) {
            report.put(name + " → frame", String(format: "%.1f ms", milliseconds))
        }

        // The real dashboard in tmux.
        var firsts: [Double] = [], reads: [Double] = [], readies: [Double] = [], fulls: [Double] = [], dashPeaks: [Int] = []
        var settles: [Double] = []
        for _ in 0..<arguments.runs {
            if let result = dashboard(triage, file: file) {
                firsts.append(result.firstFrame)
                fulls.append(result.loaded)
                if let read = result.read {
                    reads.append(read)
                    readies.append(result.loaded - read)
                }
                if let settled = result.settled { settles.append(settled - result.loaded) }
                dashPeaks.append(result.peak)
            }
        }
        if !firsts.isEmpty {
            report.put("dashboard: first frame", String(format: "%.2f s", median(firsts)))
            report.put("dashboard: fully loaded", String(format: "%.2f s", median(fulls)))
            if !reads.isEmpty {
                // Read to the last record, then the list made ready (its sort, rings and review queue).
                report.put("dashboard: all read · list ready after", String(format: "%.2f s · +%.2f s", median(reads), median(readies)))
            }
            if !settles.isEmpty {
                // On a spare core, while the list already answers keys.
                let settled = String(format: "+%.2f s", median(settles))
                report.put("dashboard: the jobs to chase and every column's order, after the load", settled)
            }
            let peak = String(format: "%.0f MiB", Double(dashPeaks.max() ?? 0) / 1_048_576)
            report.put("dashboard: peak RSS (with the work after the load)", peak)
        } else {
            report.put("dashboard (tmux)", "not measured (no tmux)")
        }
    }
}

if !report.columns.isEmpty { print(report.markdown()) }

// Hash flooding: ids crafted to share one hash under a fixed seed load as fast as ordinary
// ids (the store's seed is random per process); with the seed fixed to the crafted one,
// a small set shows what they would do to an unseeded table.
if arguments.flood {
    let flood = Report()
    let crafted = "\(arguments.folder)/flood-crafted-1000000.ndjson"
    let ordinary = "\(arguments.folder)/flood-ordinary-1000000.ndjson"
    if !FileManager.default.fileExists(atPath: crafted) {
        let started = now()
        let ids = HashFlood.collidingIDs(count: 1_000_000, seed: HashFlood.craftedSeed)
        guard HashFlood.collide(ids, seed: HashFlood.craftedSeed) else {
            print("bench: the crafted ids do not collide: hashBytes changed, HashFlood must follow it")
            exit(1)
        }
        try HashFlood.write(ids, to: crafted)
        try HashFlood.write(Array(ids.prefix(20_000)), to: crafted + ".20k")
        print(String(format: "bench: crafted 1,000,000 colliding ids in %.1f s", now() - started))
    }
    if !FileManager.default.fileExists(atPath: ordinary) {
        let ids = HashFlood.ordinaryIDs(count: 1_000_000)
        try HashFlood.write(ids, to: ordinary)
        try HashFlood.write(Array(ids.prefix(20_000)), to: ordinary + ".20k")
    }
    flood.columns = ["ordinary ids", "ids crafted to collide", "crafted / ordinary"]
    func summaryTime(_ file: String, seed: UInt64? = nil) -> Double {
        let environment = seed.map { ["SMILE_TRIAGE_HASH_SEED": String($0)] } ?? [:]
        return median((0..<arguments.runs).map { _ in measure(triage, ["summary", file, "--format", "json"], environment: environment).0 })
    }
    let plain = summaryTime(ordinary), attacked = summaryTime(crafted)
    flood.put(
        "1M records, `summary`, seed random per process (as shipped)",
        String(format: "%.2f s | %.2f s | %.2f", plain, attacked, attacked / plain))
    let smallPlain = summaryTime(ordinary + ".20k", seed: HashFlood.craftedSeed)
    let smallAttacked = summaryTime(crafted + ".20k", seed: HashFlood.craftedSeed)
    flood.put(
        "20k records, `summary`, seed fixed to the crafted one (what an unseeded hash would allow)",
        String(format: "%.2f s | %.2f s | %.0f", smallPlain, smallAttacked, smallAttacked / smallPlain))
    print("\nHash flooding, medians of \(arguments.runs):\n")
    print(flood.markdown())
}
if let commit = commitTime(folder: arguments.folder, runs: arguments.runs) {
    print(String(format: "\nA decision committed to SQLite (WAL, synchronous = FULL), median of 200: %.2f ms", commit))
}
