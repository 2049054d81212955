// A libFuzzer target over the loader and the screens. Built with libFuzzer:
//
//   swift build --product smile-triage-fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   .build-fuzz/debug/smile-triage-fuzz CORPUS_FOLDER -max_total_time=60
//
// Built without (a plain `swift build`), it runs each file named on its command line through
// the same checks: the way to replay a crash the fuzzer found. See docs/testing.md.
import Foundation
import JobSources
import SmileJobs
import TriageScreen
import TriageViewModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.run(Data(bytes: data, count: size))
    return 0
}

enum FuzzChecks {
    static func load(_ data: Data, fast: Bool) -> (LoadedJobs, SourceStore) {
        var options = JobLoader.Options()
        options.standardInput = { data }
        options.scan.fastPath = fast
        options.threads = 1
        return JobLoader().load(paths: ["-"], options: options)
    }

    /// Everything that must hold for any input: the two readers agree, and no screen of any
    /// job holds a byte that could act on a terminal.
    static func run(_ data: Data) {
        let (fast, store) = load(data, fast: true)
        let (full, _) = load(data, fast: false)
        precondition(fast.recordCount == full.recordCount, "the readers read different numbers of records")
        precondition(fast.problems == full.problems, "the readers report different problems")
        precondition(fast.requestErrors == full.requestErrors, "the readers report different error bodies")
        precondition(Array(fast.jobs) == Array(full.jobs), "the readers merge different jobs")

        var state = AppState(loaded: fast, title: "fuzz", viewport: Size(columns: 100, rows: 30))
        check(Renderer.render(state))
        for job in 0..<min(fast.store.jobCount, 4) {
            var detail = state
            for effect in Reducer.reduce(&detail, .openJob(job)) {
                if case .loadDocuments(let index, let records) = effect {
                    Reducer.reduce(&detail, .documentsLoaded(job: index, documents: records.compactMap { store.document(for: $0) }))
                }
            }
            check(Renderer.render(detail))
            Reducer.reduce(&detail, .key(.pageDown))
            check(Renderer.render(detail))
            Reducer.reduce(&detail, .key(.character("S")))
            check(Renderer.render(detail))
        }
        for key: Key in [.character("F"), .tab, .tab, .escape, .character("P"), .escape, .character("R"), .escape, .character("f")] {
            Reducer.reduce(&state, .key(key))
            check(Renderer.render(state))
        }
        _ = JobSummary(fast)
    }

    static func check(_ grid: Grid) {
        for cell in grid.cells {
            precondition(!cell.text.unicodeScalars.contains { SafeText.visibleForm(of: $0) != nil },
                         "a cell holds a control or bidi character")
        }
    }
}

#if FUZZING
/// libFuzzer's driver, for a program that has its own entry point (SwiftPM links
/// executables through `<module>_main`, so libFuzzer's own `main` is not the one used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("smile_triage_fuzz_main")
func fuzzEntry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
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
            FuzzChecks.run(data)
            print("ok \(path)")
        }
    }
}
#endif
