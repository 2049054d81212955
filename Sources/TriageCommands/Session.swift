import JobSources
import SmileJobs
import JobIndex
import TriageStore
import TriageViewModel

/// The dashboard's state and the sources behind it: dispatches actions through the reducer
/// and carries out the effects it asks for (reading records again, copying).
final class Session {
    private(set) var state: AppState
    let store: SourceStore
    /// How to copy: returns what became of it. The terminal sends OSC 52; snapshots cannot copy.
    var copier: (String, String) -> CopyOutcome = { text, label in .showText(label: label, text: text) }
    /// Stops a load that is going on (the dashboard sets it).
    var stopLoading: () -> Void = {}
    /// Where decisions are kept, and who is making them.
    let decisions: DecisionStore?
    let who: String
    /// The newest change read from the database (by anyone), for the next poll.
    private var polledSequence: Int64 = 0

    init(state: AppState, store: SourceStore, decisions: DecisionStore? = nil, who: String = DecisionStore.currentUser()) {
        self.state = state
        self.store = store
        self.decisions = decisions
        self.who = who
    }

    /// Reads every decision into the state (at start), with what marking the opening
    /// allows, and puts why it is limited in the status bar. `readOnlyBecause`: read-only
    /// was asked for (`--readonly`, a snapshot), in words.
    func loadDecisions(from opening: DecisionsOpening, readOnlyBecause requested: String? = nil) {
        let marking: MarkingAccess
        switch opening.store?.access {
        case nil: marking = .unavailable(opening.reason)
        case .readOnly?: marking = .readOnly(requested ?? opening.reason ?? "the database cannot be written")
        case .readWrite?: marking = .writable
        }
        loadDecisions(marking: marking)
        if let notice = opening.notice { dispatch(.notice(notice)) }
    }

    private func loadDecisions(marking: MarkingAccess) {
        guard let decisions else {
            dispatch(.decisionsLoaded([], marking: marking))
            return
        }
        do {
            let all = try decisions.decisions()
            polledSequence = all.map(\.sequence).max() ?? 0
            dispatch(.decisionsLoaded(all, marking: marking))
        } catch {
            dispatch(.decisionsLoaded([], marking: .unavailable(error.description)))
        }
    }

    /// Takes in what another process wrote, when the database says something changed.
    /// Cheap to call often: `PRAGMA data_version` reads no table.
    func pollDecisions() {
        guard let decisions, decisions.hasChanged() else { return }
        guard let changed = try? decisions.changes(after: polledSequence), !changed.isEmpty else { return }
        polledSequence = max(polledSequence, changed.map(\.sequence).max() ?? 0)
        dispatch(.decisionsChanged(changed))
    }

    /// Once a load is complete: decisions that smile-triage 0.1 keyed by load position
    /// (`record:…`) move to the content keys of the jobs they were made on, where a loaded
    /// job matches; the rest are named in the status bar, and stay in the database.
    func adoptContentKeys() {
        let (moves, unmatched) = PositionKeys.plan(Array(state.decisions.byJob.values), in: state.table.store)
        var notes: [String] = []
        if !moves.isEmpty, let decisions, state.marking == .writable {
            do {
                let moved = try decisions.rekey(moves, who: who)
                dispatch(.decisionsChanged(moved))
                notes.append("Moved \(moved.count) decision\(moved.count == 1 ? "" : "s") from load-position keys to content keys")
            } catch {
                notes.append("Could not move decisions to content keys: \(error.description)")
            }
        }
        if !unmatched.isEmpty {
            let shown = unmatched.prefix(3).joined(separator: ", ") + (unmatched.count > 3 ? ", …" : "")
            notes.append("\(unmatched.count) decision\(unmatched.count == 1 ? "" : "s") keyed by load position (smile-triage 0.1) match no loaded job: \(shown)")
        }
        if !notes.isEmpty { dispatch(.notice(notes.joined(separator: "; "))) }
    }

    func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in Reducer.reduce(&state, next) {
                switch effect {
                case .loadDocuments(let job, let records):
                    let (documents, unreadable) = store.documents(for: records)
                    pending.append(.documentsLoaded(job: job, documents: documents, unreadable: unreadable))
                case .copy(let text, let label):
                    pending.append(.copyFinished(copier(text, label)))
                case .stopLoading:
                    stopLoading()
                case .saveDecisions(let request, let context):
                    guard let decisions else {
                        pending.append(.decisionsFailed("no decisions database"))
                        continue
                    }
                    do {
                        pending.append(.decisionsSaved(try decisions.mark(request, who: who), context: context))
                    } catch {
                        pending.append(.decisionsFailed(error.description))
                    }
                case .loadAudit(let jobID):
                    if let entries = try? decisions?.audit(jobID: jobID) {
                        pending.append(.auditLoaded(jobID: jobID, entries: entries))
                    }
                case .export(let request):
                    pending.append(.exportFinished(JobExport.write(request, state: state)))
                case .quit:
                    break
                }
            }
        }
    }
}

/// Keys written as words, for `snapshot --keys` and tests: `j j Enter / ada Enter Esc Ctrl-F`.
/// A word that names a key is that key; any other word is typed, one character at a time.
enum KeyScript {
    static func parse(_ script: String) -> [Key] {
        script.split(separator: " ", omittingEmptySubsequences: true).flatMap { word -> [Key] in
            let text = String(word)
            if text.count > 1, let key = Key(name: text) { return [key] }
            if text == "Space" { return [.character(" ")] }
            return text.map { Key.character($0) }
        }
    }
}
