import Foundation
import JobIndex
import JobSources
import SmileJobs
import TestSupport
import TriageStore

@testable import TriageViewModel

/// Loads fixtures once per process: tests share them read-only.
enum Fixture {
    static let demo: (LoadedJobs, SourceStore) = JobLoader().load(paths: [Repository.path("Fixtures/demo")])
    static let bad: (LoadedJobs, SourceStore) = JobLoader().load(paths: [Repository.path("Fixtures/bad")])
    static let many: LoadedJobs = {
        let folder = try! Repository.temporaryFolder()
        let path = folder.appendingPathComponent("many.ndjson").path
        var options = SyntheticJobs.Options(records: 3000)
        options.rings = 4
        _ = try! SyntheticJobs.write(options, to: path)
        defer { try? FileManager.default.removeItem(at: folder) }
        return JobLoader().load(paths: [path]).0
    }()

    static func state(_ loaded: LoadedJobs, size: Size = .standard) -> AppState {
        AppState(loaded: loaded, title: "test", viewport: size)
    }
}

/// Runs actions through the one effect runner, as the dashboard does.
struct Driver {
    let runner: EffectRunner
    /// Effects since the start (or since a test emptied it).
    var effects: [Effect] = []
    private var seen = 0

    init(_ state: AppState, store: SourceStore? = nil, decisions: FakeDecisions? = nil) {
        runner = TestRunner.make(state, store: store, decisions: decisions)
        if decisions != nil { runner.loadDecisions(marking: .writable) }
        seen = runner.performed.count
    }

    var state: AppState {
        get { runner.state }
        nonmutating set { runner.state = newValue }
    }

    mutating func send(_ action: Action) {
        runner.dispatch(action)
        effects.append(contentsOf: runner.performed[seen...])
        seen = runner.performed.count
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }
}
