import SmileJobs

extension Reducer {
    // MARK: - Marking

    /// The jobs a mark applies to: the range selected in the list, else the job in focus.
    static func markTargets(_ state: AppState) -> [Int] {
        if state.stack.isEmpty, let range = state.rangePositions { return range.map { Int(state.visible[$0]) } }
        return state.focusedJobIndex.map { [$0] } ?? []
    }

    /// True when decisions can be written here; else says why not.
    static func canMark(_ state: inout AppState) -> Bool {
        switch state.marking {
        case .writable: return true
        case .readOnly(let reason): state.message = StatusMessage("Read-only, nothing marked: \(reason)", role: .warning)
        case .unavailable(let reason): state.message = StatusMessage("Marking is off: \(reason ?? "no decisions database")", role: .warning)
        }
        return false
    }

    /// Asks the shell to commit a decision (and/or a note). Nothing on screen changes until
    /// the shell answers that it is on disk.
    static func mark(_ state: inout AppState, _ decision: DecisionState?, note: String? = nil, jobs explicit: [Int]? = nil) -> [Effect] {
        guard canMark(&state) else { return [] }
        let jobs = explicit ?? markTargets(state)
        guard !jobs.isEmpty else {
            state.message = StatusMessage("No job to mark.", role: .warning)
            return []
        }
        let request = DecisionRequest(jobIDs: jobs.map { state.table.store.jobKey($0) }, state: decision, note: note)
        // A single mark on the list moves on to the next job, the way a queue is worked.
        let advance = state.stack.isEmpty && state.rangeAnchor == nil && jobs.count == 1 && decision != nil
        return [.saveDecisions(request, context: MarkContext(jobs: jobs, advance: advance, noteOnly: decision == nil))]
    }

    static func decisionsSaved(_ state: inout AppState, _ saved: [Decision], context: MarkContext) -> [Effect] {
        state.decisions.apply(saved)
        for (job, decision) in zip(context.jobs, saved) {
            state.marks.set(decision.state, job: job, count: state.table.count)
        }
        state.rangeAnchor = nil
        state.message = StatusMessage(savedMessage(saved, noteOnly: context.noteOnly))
        afterDecisionsChanged(&state, advance: context.advance)
        return auditReloads(state, jobIDs: Set(saved.map(\.jobID)))
    }

    /// `Saved: job 0002001025 escalated`, `Saved: 12 jobs cleared`, `Saved the note on 3 jobs`.
    /// A note alone says so: the jobs' states did not change, whatever they are.
    static func savedMessage(_ saved: [Decision], noteOnly: Bool) -> String {
        guard let first = saved.first else { return "Nothing to save." }
        let jobs = saved.count == 1 ? "job \(SafeText.clean(first.jobID))" : "\(saved.count) jobs"
        if noteOnly {
            return first.note.isEmpty ? "Cleared the note on \(jobs)" : "Saved the note on \(jobs): \(SafeText.clean(first.note))"
        }
        // One request gives every job the same state.
        return "Saved: \(jobs) \(first.state.label)" + (saved.count == 1 && !first.note.isEmpty ? " · note: \(SafeText.clean(first.note))" : "")
    }

    static func decisionsChanged(_ state: inout AppState, _ changed: [Decision]) -> [Effect] {
        let news = changed.filter { state.decisions[$0.jobID]?.sequence != $0.sequence }
        guard !news.isEmpty else { return [] }
        state.decisions.apply(news)
        state.marks = DecisionMarks(book: state.decisions, table: state.table)
        // Announced, unless a warning or an error is being shown: those are not covered up.
        if state.message.map({ $0.role != .warning && $0.role != .errorText }) ?? true {
            if news.count == 1, let only = news.first {
                state.message = StatusMessage("\(SafeText.clean(only.who)) marked job \(SafeText.clean(only.jobID)) \(only.state.label)", role: .accent)
            } else {
                let people = Set(news.map(\.who)).sorted().map { SafeText.clean($0) }.joined(separator: ", ")
                state.message = StatusMessage("\(news.count) decisions from \(people)", role: .accent)
            }
        }
        afterDecisionsChanged(&state, advance: false)
        return auditReloads(state, jobIDs: Set(news.map(\.jobID)))
    }

    /// The list (when it filters by decision) and open details follow the new decisions.
    static func afterDecisionsChanged(_ state: inout AppState, advance: Bool) {
        let selected = state.selectedJobIndex
        if !state.filter.decisions.isEmpty {
            refreshVisible(&state, keepPosition: true)
        }
        let stillSelected = selected != nil && state.selectedJobIndex == selected
        if advance && stillSelected && state.cursor.selected + 1 < state.visible.count {
            state.cursor.move(by: 1, count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
        }
        relayout(&state)
    }

    /// Open details of these jobs read their trail again.
    static func auditReloads(_ state: AppState, jobIDs: Set<String>) -> [Effect] {
        var effects: [Effect] = []
        for screen in state.stack {
            if case .detail(let detail) = screen {
                let key = state.table.store.jobKey(detail.job)
                if jobIDs.contains(key) && !effects.contains(.loadAudit(jobID: key)) { effects.append(.loadAudit(jobID: key)) }
            }
        }
        return effects
    }

    static func auditLoaded(_ state: inout AppState, jobID: String, entries: [AuditEntry]) {
        for position in state.stack.indices {
            if case .detail(var detail) = state.stack[position], state.table.store.jobKey(detail.job) == jobID {
                detail.audit = entries
                state.stack[position] = .detail(detail)
            }
        }
        relayout(&state)
    }

    // MARK: - Commands

    /// The decision a mark command makes.
    static func decision(for command: Command) -> DecisionState? {
        switch command {
        case .markCleared: .cleared
        case .markEscalated: .escalated
        case .markRerun: .rerun
        case .markOpen: .open
        default: nil
        }
    }

    /// Decision commands, from any screen with a job in focus.
    static func handleDecisionCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
        if let decision = Reducer.decision(for: command) { return mark(&state, decision) }
        switch command {
        case .markMenu:
            guard canMark(&state) else { return [] }
            let jobs = markTargets(state)
            guard !jobs.isEmpty else { return [] }
            state.overlay = .markMenu(jobs: jobs)
            return []
        case .editNote:
            openNotePrompt(&state, jobs: markTargets(state))
            return []
        case .selectRange:
            guard state.stack.isEmpty else { return [] }
            if state.rangeAnchor == nil {
                guard !state.visible.isEmpty else { return [] }
                state.rangeAnchor = state.cursor.selected
                state.message = StatusMessage("Range: move to extend it; a, e, t, O, w or m mark every job in it; v or Esc ends it.",
                                              role: .accent)
            } else {
                state.rangeAnchor = nil
            }
            return []
        case .exportList:
            guard state.stack.isEmpty else { return [] }
            state.overlay = .prompt(Prompt(purpose: .export(overwrite: false), text: "smile-triage-export.csv"))
            return []
        case .toggleUntriaged:
            guard state.stack.isEmpty else { return [] }
            if state.filter.decisions == [.untriaged] {
                state.filter.decisions = []
            } else {
                state.filter.decisions = [.untriaged]
            }
            refreshVisible(&state)
            state.message = StatusMessage(state.filter.decisions.isEmpty ? "All jobs, decided or not" : "Only untriaged jobs")
            return []
        default:
            return nil
        }
    }

    static func openNotePrompt(_ state: inout AppState, jobs: [Int]) {
        guard canMark(&state), !jobs.isEmpty else { return }
        let existing = jobs.count == 1 ? state.decision(ofJob: jobs[0])?.note ?? "" : ""
        state.overlay = .prompt(Prompt(purpose: .note(jobs: jobs), text: existing))
    }

    /// The mark menu: one key picks the decision for the jobs it was opened on.
    static func handleMarkMenu(_ state: inout AppState, jobs: [Int], _ command: Command) -> [Effect] {
        if let decision = Reducer.decision(for: command) {
            state.overlay = nil
            return mark(&state, decision, jobs: jobs)
        }
        switch command {
        case .back, .markMenu:
            state.overlay = nil
            return []
        case .quit:
            return quit(&state)
        case .editNote:
            state.overlay = nil
            openNotePrompt(&state, jobs: jobs)
            return []
        default:
            return []
        }
    }

    // MARK: - Prompts that act on Enter

    /// Enter in the note or export prompt.
    static func submitPrompt(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
        switch prompt.purpose {
        case .search:
            return []
        case .note(let jobs):
            let note = String(prompt.text.prefix(Reducer.noteLimit))
            return mark(&state, nil, note: note, jobs: jobs)
        case .export(let overwrite):
            let path = prompt.text.trimmingASCIISpaces()
            guard !path.isEmpty else {
                state.message = StatusMessage("No file named: nothing exported.", role: .warning)
                return []
            }
            return [.export(ExportRequest(path: path, jobs: state.visible, overwrite: overwrite))]
        }
    }

    /// A note is a line for the next shift, not a document.
    static let noteLimit = 2000

    static func exportFinished(_ state: inout AppState, _ outcome: ExportOutcome) {
        switch outcome {
        case .written(let path, let jobs, let format):
            state.message = StatusMessage("Wrote \(jobs) job\(jobs == 1 ? "" : "s") to \(SafeText.clean(path)) (\(format))")
        case .exists(let path):
            state.overlay = .prompt(Prompt(purpose: .export(overwrite: true), text: path))
            state.message = StatusMessage("\(SafeText.clean(path)) exists: Enter replaces it, or change the name.", role: .warning)
        case .failed(let reason):
            state.message = StatusMessage("Not exported: \(SafeText.clean(reason))", role: .errorText)
        }
    }
}
