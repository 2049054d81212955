// libFuzzer targets over the loader, the screens and the text cleaner. Built with libFuzzer:
//
//   swift build --product smile-triage-fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   .build-fuzz/debug/smile-triage-fuzz CORPUS_FOLDER -max_total_time=60
//
// SMILE_TRIAGE_FUZZ_TARGET picks what each input goes through: `screens` (the default: both
// readers, then twenty screens), `loader` (both readers only: many more inputs a second),
// `text` (the input as text through SafeText, DisplayWidth and ClipboardText).
//
// Built without (a plain `swift build`), it runs each file named on its command line through
// the same checks: the way to replay a crash the fuzzer found. See docs/testing.md.
import Foundation
import JobIndex
import JobSources
import SmileJobs
import TriageScreen
import TriageStore
import TriageViewModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    switch FuzzChecks.target {
    case "loader": FuzzChecks.compareReaders(bytes)
    case "text": FuzzChecks.checkText(bytes)
    default: FuzzChecks.run(bytes)
    }
    return 0
}

enum FuzzChecks {
    static let target = ProcessInfo.processInfo.environment["SMILE_TRIAGE_FUZZ_TARGET"] ?? "screens"

    /// The two readers give the same records, problems, error bodies and jobs.
    @discardableResult
    static func compareReaders(_ data: Data) -> (LoadedJobs, SourceStore) {
        let (fast, store) = load(data, fast: true)
        let (full, _) = load(data, fast: false)
        requireSame(fast, full, "the fast reader")
        precondition(Array(fast.jobs) == Array(full.jobs), "the fast reader merges different jobs")
        // What `summary` loads (no names, user ids or Actions kept) counts the same.
        let (lean, _) = load(data, fast: true, detail: .countsOnly)
        requireSame(lean, full, "a load keeping no detail")
        precondition(JobSummary(lean) == JobSummary(full), "a load keeping no detail counts differently")
        return (fast, store)
    }

    /// `load` reads `data` as the full reader does: the same records, problems, error
    /// bodies and acknowledgements, each job keyed and categorised alike.
    static func requireSame(_ load: LoadedJobs, _ full: LoadedJobs, _ who: String) {
        precondition(load.recordCount == full.recordCount, "\(who) reads a different number of records")
        precondition(load.problems == full.problems, "\(who) reports different problems")
        precondition(load.requestErrors == full.requestErrors, "\(who) reports different error bodies")
        precondition(load.acknowledgements == full.acknowledgements, "\(who) reports different acknowledgements")
        precondition(load.store.jobCount == full.store.jobCount, "\(who) makes a different number of jobs")
        for job in 0..<load.store.jobCount {
            precondition(load.store.jobKey(job) == full.store.jobKey(job), "\(who) keys a job differently")
            precondition(load.store.category(job) == full.store.category(job), "\(who) gives a job another category")
        }
    }

    /// The input as text, cut anywhere: cleaned text holds nothing that acts on a terminal,
    /// stays within its limit, and cleaning is linear (no recursion, whatever the script).
    static func checkText(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        for limit in [SafeText.displayLimit, 16, 3, 1] {
            let cleaned = SafeText.clean(text, limit: limit)
            precondition(
                !cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                "cleaned text holds a control character")
            let cut = SafeText.prefix(text, bytes: limit)
            precondition(cut.utf8.count <= limit, "a prefix is longer than its limit")
            precondition(text.unicodeScalars.starts(with: cut.unicodeScalars), "a prefix is not a prefix")
            if text.utf8.count <= limit, SafeText.isClean(text) { precondition(cleaned == text, "clean text was changed") }
        }
        let once = SafeText.clean(text, limit: nil)
        precondition(SafeText.clean(once, limit: nil) == once, "cleaning is not idempotent")
        precondition(SafeText.isClean(once), "cleaned text is not clean")
        // The grid's last check is the same rule: what clean kept is drawn, nothing replaced.
        var grid = Grid(size: Size(columns: 200, rows: 1))
        grid.write(once, column: 0, row: 0)
        precondition(grid.cellsNotDrawnAsIs.isEmpty, "a cell holds a control or bidi character")
        precondition(
            grid.text.filter { $0 == "?" }.count <= once.filter { $0 == "?" }.count, "the grid replaced what clean kept")
        // One character may be wider than a narrow line (an Indic conjunct is a column a letter):
        // only then may a wrapped line be wider than asked.
        let widest = once.reduce(0) { max($0, DisplayWidth.of($1)) }
        for width in [1, 2, 7, 40] {
            precondition(DisplayWidth.of(DisplayWidth.truncate(once, to: width)) <= width, "truncated text is too wide")
            precondition(
                DisplayWidth.wrap(once, width: width).allSatisfy { DisplayWidth.of($0) <= max(width, widest) }, "wrapped text is too wide")
        }
        for pasted in [ClipboardText.safe(text), ClipboardText.promptText(text)] {
            precondition(
                !pasted.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) },
                "text for a clipboard or a prompt holds a control character")
        }
        precondition(!ClipboardText.promptText(text).contains("\n"), "a prompt's text holds a line break")
    }
    static func load(_ data: Data, fast: Bool, detail: StoredDetail = .all) -> (LoadedJobs, SourceStore) {
        var options = JobLoader.Options()
        options.standardInput = { data }
        options.scan.fastPath = fast
        options.scan.detail = detail
        options.threads = 1
        return JobLoader().load(paths: ["-"], options: options)
    }

    /// Everything that must hold for any input: the two readers agree, and no screen of any
    /// job holds a byte that could act on a terminal.
    static func run(_ data: Data) {
        let (fast, store) = compareReaders(data)

        // The one effect runner, with the load's sources and decisions in memory.
        var services = EffectRunner.Services(
            documents: { store.documents(for: $0) },
            clock: { Timestamp(millisecondsSince1970: 1_795_600_000_000) }, measure: Renderer.documentRows)
        services.findMatches = Renderer.findMatches
        let list = EffectRunner(
            state: AppState(loaded: fast, title: "fuzz", viewport: Size(columns: 100, rows: 30)),
            services: services, decisions: InMemoryDecisions(), who: "fuzz")
        list.loadDecisions(marking: .writable)
        check(Renderer.render(list.state))
        for job in 0..<min(fast.store.jobCount, 4) {
            let detail = EffectRunner(state: list.state, services: services, decisions: InMemoryDecisions(), who: "fuzz")
            detail.dispatch(.openJob(job))
            check(Renderer.render(detail.state))
            detail.dispatch(.key(.pageDown))
            check(Renderer.render(detail.state))
            detail.dispatch(.key(.character("S")))
            check(Renderer.render(detail.state))
            // A mark and a note with the record's own text in them: shown inert too.
            detail.dispatch(.key(.character("e")))
            check(Renderer.render(detail.state))
        }
        for key: Key in [.character("F"), .tab, .tab, .escape, .character("P"), .escape, .character("R"), .escape, .character("f")] {
            list.dispatch(.key(key))
            check(Renderer.render(list.state))
        }
        _ = JobSummary(fast)
    }

    static func check(_ grid: Grid) {
        precondition(grid.cellsNotDrawnAsIs.isEmpty, "a cell holds a control or bidi character")
    }
}

#if FUZZING
/// libFuzzer's driver, for a program that has its own entry point (SwiftPM links
/// executables through `<module>_main`, so libFuzzer's own `main` is not the one used).
@_silgen_name("LLVMFuzzerRunDriver")
func runLibFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("smile_triage_fuzz_main")
func fuzzEntry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runLibFuzzerDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
#else
@main
struct FuzzReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: smile-triage-fuzz FILE... (replays inputs; build with -sanitize=fuzzer to fuzz)")
            return
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            switch FuzzChecks.target {
            case "loader": FuzzChecks.compareReaders(data)
            case "text": FuzzChecks.checkText(data)
            default: FuzzChecks.run(data)
            }
            print("ok \(path)")
        }
    }
}
#endif
