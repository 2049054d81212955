import JobIndex
import SmileJobs

/// What the list shows: its filters, search and sort. Esc on the list and the undo key
/// step back through the views it had, one change at a time.
public struct ListView: Sendable, Equatable {
    public var filter: JobFilter
    public var search: String
    public var sort: SortOrder
}

/// A decision as it was before a mark changed it (a job never decided was `open`, with
/// no note), and where the job is in the table.
public struct PriorDecision: Sendable, Equatable {
    public var jobID: String
    public var job: Int
    public var state: DecisionState
    public var note: String
}

/// One step the undo key can take back.
public enum UndoEntry: Sendable, Equatable {
    /// The list's view before a change.
    case view(ListView)
    /// The decisions before a mark: undoing writes them again (a new audit row; nothing is deleted).
    case mark([PriorDecision])
}

extension AppState {
    public var listView: ListView { ListView(filter: filter, search: search, sort: sort) }

    /// Whether a search is being typed: its keystrokes are one change, recorded when it closes.
    var isTypingSearch: Bool {
        if case .prompt(let prompt)? = overlay, prompt.purpose == .search, stack.isEmpty { return true }
        return false
    }
}

extension Reducer {
    /// The most views and marks kept to undo.
    static let undoLimit = 100

    /// Called whenever the list is worked out again: a view that changed is remembered.
    static func recordView(_ state: inout AppState) {
        guard !state.isTypingSearch, !state.restoringView else { return }
        let now = state.listView
        if let shown = state.shownView, shown != now {
            state.undo.append(.view(shown))
            if state.undo.count > undoLimit { state.undo.removeFirst() }
        }
        state.shownView = now
    }

    /// Esc on the list: the view before the last change. False when there is none.
    static func undoViewChange(_ state: inout AppState) -> Bool {
        guard let position = state.undo.lastIndex(where: { if case .view = $0 { true } else { false } }),
            case .view(let view) = state.undo[position]
        else { return false }
        state.undo.remove(at: position)
        restore(&state, view)
        return true
    }

    static func restore(_ state: inout AppState, _ view: ListView) {
        state.restoringView = true
        state.filter = view.filter
        state.search = view.search
        state.sort = view.sort
        refreshVisible(&state)
        state.restoringView = false
        state.shownView = view
        let parts = [
            view.filter.isEmpty ? nil : view.filter.summary, view.search.isEmpty ? nil : "search \"\(SafeText.clean(view.search))\"",
        ]
        .compactMap { $0 }
        state.message = StatusMessage("Back to " + (parts.isEmpty ? "every job" : parts.joined(separator: " · ")))
    }

    /// The undo key: the last view change or the last mark, whichever came last.
    static func undoLast(_ state: inout AppState) -> [Effect] {
        guard let last = state.undo.last else {
            state.message = StatusMessage("Nothing to undo.", role: .dim)
            return []
        }
        switch last {
        case .view:
            _ = undoViewChange(&state)
            return []
        case .mark(let prior):
            guard canMark(&state) else { return [] }
            state.undo.removeLast()
            // One request per earlier state and note: each writes a new audit row.
            var groups: [(state: DecisionState, note: String, decisions: [PriorDecision])] = []
            for decision in prior {
                if let index = groups.firstIndex(where: { $0.state == decision.state && $0.note == decision.note }) {
                    groups[index].decisions.append(decision)
                } else {
                    groups.append((decision.state, decision.note, [decision]))
                }
            }
            return groups.map { group in
                .saveDecisions(
                    DecisionRequest(jobIDs: group.decisions.map(\.jobID), state: group.state, note: group.note),
                    context: MarkContext(jobs: group.decisions.map(\.job), isUndo: true))
            }
        }
    }

    /// Remembers the decisions a mark is about to change.
    static func rememberBeforeMark(_ state: inout AppState, _ request: DecisionRequest, context: MarkContext) {
        guard !context.isUndo else { return }
        // The request's ids and the context's jobs are the same jobs, in the same order.
        let prior = zip(request.jobIDs, context.jobs).map { id, job in
            let decision = state.decisions[id]
            return PriorDecision(jobID: id, job: job, state: decision?.state ?? .open, note: decision?.note ?? "")
        }
        state.pendingUndo = .mark(prior)
    }
}
