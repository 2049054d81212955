import Foundation
import JobSources
import SmileJobs
import JobIndex
import TestSupport
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

/// Runs actions through the reducer and carries out effects, as the dashboard shell does.
struct Driver {
    var state: AppState
    let store: SourceStore?
    var effects: [Effect] = []
    /// Decisions, when the test gives the dashboard somewhere to keep them.
    let decisions: FakeDecisions?

    init(_ state: AppState, store: SourceStore? = nil, decisions: FakeDecisions? = nil) {
        self.state = state
        self.store = store
        self.decisions = decisions
        if let decisions {
            Reducer.reduce(&self.state, .decisionsLoaded(Array(decisions.current.values), marking: .writable))
        }
    }

    mutating func send(_ action: Action) {
        let produced = Reducer.reduce(&state, action)
        effects.append(contentsOf: produced)
        for effect in produced {
            switch effect {
            case .loadDocuments(let job, let records):
                if let store { send(.documentsLoaded(job: job, documents: records.compactMap { store.document(for: $0) })) }
            case .saveDecisions(let request, let context):
                guard let decisions else { continue }
                if let failure = decisions.failure {
                    send(.decisionsFailed(failure))
                } else {
                    send(.decisionsSaved(decisions.mark(request), context: context))
                }
            case .loadAudit(let jobID):
                if let decisions { send(.auditLoaded(jobID: jobID, entries: decisions.audit(jobID))) }
            default:
                break
            }
        }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }
}
