import JobIndex
import SmileJobs

extension Reducer {
    // MARK: - Marking

    /// The jobs a mark applies to, and, when they are a group (a ring, every suspect's
    /// job), what they are in words: a group is marked only after a yes.
    struct MarkTargets {
        var jobs: [Int]
        var subject: String?
    }

    /// The range selected in the list; on the rings, the selected ring's jobs; else the job in focus.
    static func markTargets(_ state: AppState) -> MarkTargets {
        if state.stack.isEmpty, let range = state.rangePositions { return MarkTargets(jobs: range.map { Int(state.visible[$0]) }) }
        if case .rings? = state.stack.last, let group = groupTargets(state) { return group }
        return MarkTargets(jobs: state.focusedJobIndex.map { [$0] } ?? [])
    }

    /// Every job a group screen shows (`M`): a ring's jobs, a job's suspects' jobs, all
    /// jobs with suspects or named as one.
    static func groupTargets(_ state: AppState) -> MarkTargets? {
        let rings = state.table.ringIndex()
        func group(_ jobs: [Int], _ what: String) -> MarkTargets {
            MarkTargets(jobs: jobs, subject: "\(jobs.count) job\(jobs.count == 1 ? "" : "s") \(what)")
        }
        switch state.stack.last {
        case .rings(let list)?:
            guard let ring = list.rings[safe: list.cursor.selected] else { return nil }
            return group(rings.rings[ring].jobs.map(Int.init), "of ring \(rings.rings[ring].label)")
        case .ring(let ring)?:
            return group(rings.rings[ring.ring].jobs.map(Int.init), "of ring \(rings.rings[ring.ring].label)")
        case .secure(let secure)?:
            return group(
                secure.rows.compactMap { row -> Int? in if case .job(let index) = row { Int(index) } else { nil } },
                "of these suspects")
        case .suspectList(let list)?:
            return group(list.jobs.map(Int.init), "with suspects or named as one")
        default:
            return nil
        }
    }

    /// More jobs than this at once are marked only after a yes.
    public static let confirmAbove = 20

    /// True when decisions can be written here; else says why not.
    static func canMark(_ state: inout AppState) -> Bool {
        if case .offline(let location, let reason) = state.link, state.marking == .writable {
            state.message = StatusMessage(
                "Not marked, nothing saved: the server is out of reach (\(SafeText.clean(reason))); reconnecting by itself to \(SafeText.clean(location))",
                role: .errorText)
            return false
        }
        switch state.marking {
        case .writable: return true
        case .readOnly(let reason): state.message = StatusMessage("Read-only, nothing marked: \(reason)", role: .warning)
        case .unavailable(let reason): state.message = StatusMessage("Marking is off: \(reason ?? "no decisions database")", role: .warning)
        }
        return false
    }

    /// Asks the shell to commit a decision (and/or a note). Nothing on screen changes until
    /// the shell answers that it is on disk. A group, or more than `confirmAbove` jobs, asks first.
    static func mark(
        _ state: inout AppState, _ decision: DecisionState?, note: String? = nil, targets given: MarkTargets? = nil
    ) -> [Effect] {
        guard canMark(&state) else { return [] }
        let targets = given ?? markTargets(state)
        let jobs = targets.jobs
        guard !jobs.isEmpty else {
            state.message = StatusMessage("No job to mark.", role: .warning)
            return []
        }
        let request = DecisionRequest(jobIDs: jobs.map { state.table.store.jobKey($0) }, state: decision, note: note)
        // A single mark on the list moves on to the next job, the way a queue is worked.
        let advance = state.stack.isEmpty && state.rangeAnchor == nil && jobs.count == 1 && decision != nil
        let context = MarkContext(jobs: jobs, advance: advance, noteOnly: decision == nil)
        if jobs.count > Reducer.confirmAbove || (targets.subject != nil && jobs.count > 1) {
            let what = decision.map { $0.label } ?? "with this note"
            state.overlay = .confirm(
                ConfirmMark(
                    request: request, context: context,
                    question: "Mark \(targets.subject ?? "\(jobs.count) jobs") \(what)?"))
            return []
        }
        rememberBeforeMark(&state, request, context: context)
        return [.saveDecisions(request, context: context)]
    }

    /// y or Enter does what the question says; n, Esc or q does nothing.
    static func handleConfirm(_ state: inout AppState, _ confirmation: ConfirmMark, _ command: Command) -> [Effect] {
        switch command {
        case .confirmYes:
            state.overlay = nil
            rememberBeforeMark(&state, confirmation.request, context: confirmation.context)
            return [.saveDecisions(confirmation.request, context: confirmation.context)]
        case .back:
            state.overlay = nil
            state.message = StatusMessage("Not marked: nothing changed.", role: .dim)
            return []
        case .search:
            openSearch(&state, over: .confirm(confirmation))
            return []
        default:
            return []
        }
    }

    static func decisionsSaved(_ state: inout AppState, _ saved: [Decision], context: MarkContext) -> [Effect] {
        if !context.isUndo, let entry = state.pendingUndo {
            state.undo.append(entry)
            if state.undo.count > undoLimit { state.undo.removeFirst() }
        }
        state.pendingUndo = nil
        state.decisions.apply(saved)
        for (job, decision) in zip(context.jobs, saved) {
            state.marks.set(decision.state, job: job, count: state.table.count)
        }
        state.rangeAnchor = nil
        // Claims are advisory: the mark is made, and whoever else is on the job is named.
        let others = Set(context.jobs.flatMap { state.claims(ofJob: $0).map(\.who) }).sorted().map { SafeText.clean($0) }
        let claimed =
            others.isEmpty
            ? ""
            : " · \(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") on \(context.jobs.count == 1 ? "this job" : "some of these jobs") too"
        state.message = StatusMessage(
            (context.isUndo ? "Undone: " : "") + savedMessage(saved, noteOnly: context.noteOnly)
                + (context.isUndo ? " (as before; the audit keeps both)" : "") + claimed,
            role: others.isEmpty ? .success : .warning)
        afterDecisionsChanged(&state, advance: context.advance, jobs: context.jobs)
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
        return "Saved: \(jobs) \(first.state.label)"
            + (saved.count == 1 && !first.note.isEmpty ? " · note: \(SafeText.clean(first.note))" : "")
    }

    static func decisionsChanged(_ state: inout AppState, _ changed: [Decision]) -> [Effect] {
        let news = changed.filter { state.decisions[$0.jobID]?.sequence != $0.sequence }
        guard !news.isEmpty else { return [] }
        state.decisions.apply(news)
        // Only the changed jobs' marks: each as the book now has it (an older one is not taken).
        state.marks.update(news.compactMap { state.decisions[$0.jobID] }, table: state.table)
        // Announced, unless a warning or an error is being shown: those are not covered up.
        if state.message.map({ $0.role != .warning && $0.role != .errorText }) ?? true {
            if news.count == 1, let only = news.first {
                state.message = StatusMessage(
                    "\(SafeText.clean(only.who)) marked job \(SafeText.clean(only.jobID)) \(only.state.label)", role: .accent)
            } else {
                let people = Set(news.map(\.who)).sorted().map { SafeText.clean($0) }.joined(separator: ", ")
                state.message = StatusMessage("\(news.count) decisions from \(people)", role: .accent)
            }
        }
        afterDecisionsChanged(&state, advance: false)
        return auditReloads(state, jobIDs: Set(news.map(\.jobID)))
    }

    /// The list (when it filters by decision) and open details follow the new decisions.
    static func afterDecisionsChanged(_ state: inout AppState, advance: Bool, jobs: [Int]? = nil) {
        let selected = state.selectedJobIndex
        if !state.filter.decisions.isEmpty {
            // Not while a search is on its way: the list shown is for the search before it.
            if let jobs, state.searching == nil, let leaving = positionsLeavingTheList(state, jobs) {
                takeOutOfTheList(&state, leaving)
            } else {
                refreshVisible(&state, keepPosition: true)
            }
        }
        let stillSelected = selected != nil && state.selectedJobIndex == selected
        if advance && stillSelected && state.cursor.selected + 1 < state.visible.count {
            state.cursor.move(by: 1, count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
        }
        rebuildDocuments(&state)
    }

    /// When the list filters by decision and none of these newly marked jobs is kept by the
    /// filter now, they are the only jobs that can change in it: they leave, the others stay
    /// where they are (a mark in the untriaged queue at 8.4M jobs made the whole list again
    /// and counted it, 44 ms). Their positions in the list, or nil when one of them is kept
    /// (it may come into the list, at a place only the whole list says).
    static func positionsLeavingTheList(_ state: AppState, _ jobs: [Int]) -> RangeSet<Int>? {
        let test = state.table.filterTest(state.filter, marks: state.marks)
        guard !jobs.contains(where: { test.matches($0) }) else { return nil }
        return positions(of: jobs, in: state.visible, near: state.cursor.selected, tableCount: state.table.count)
    }

    /// Where these jobs are in the list. Looked for around `near` first (a mark is of the
    /// selected job, or of a range that ends there), then, for any not found, in the rest.
    static func positions(of jobs: [Int], in list: [Int32], near: Int, tableCount: Int) -> RangeSet<Int> {
        let wanted = JobBits(jobs: jobs.map { Int32($0) }, count: tableCount)
        var left = Set(jobs).count
        var found = RangeSet<Int>()
        let window = max(0, near - jobs.count)..<max(0, min(list.count, near + jobs.count + 1))
        list.withUnsafeBufferPointer { list in
            for position in window where wanted.contains(Int(list[position])) {
                found.insert(contentsOf: position..<position + 1)
                left -= 1
            }
            // Only for jobs not found near: a pass over the whole list (8.4M jobs) otherwise.
            guard left > 0 else { return }
            for position in list.indices {
                guard !window.contains(position), wanted.contains(Int(list[position])) else { continue }
                found.insert(contentsOf: position..<position + 1)
                left -= 1
                if left == 0 { break }
            }
        }
        return found
    }

    /// The jobs at these positions leave the list; the selection stays on its job, or, if it
    /// left, on the job that took its place, as a list made again would have it.
    static func takeOutOfTheList(_ state: inout AppState, _ positions: RangeSet<Int>) {
        guard !positions.isEmpty else { return }
        let selected = state.cursor.selected
        let selectedLeaves = positions.contains(selected)
        let before = positions.ranges.reduce(0) { $0 + max(0, min($1.upperBound, selected) - $1.lowerBound) }
        state.removeFromVisible(at: positions)
        state.rangeAnchor = nil
        state.cursor.selected = selectedLeaves ? min(selected, max(0, state.visible.count - 1)) : selected - before
        state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
        recordView(&state)
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
        rebuildDocuments(&state)
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
            let targets = markTargets(state)
            guard !targets.jobs.isEmpty else { return [] }
            state.overlay = .markMenu(jobs: targets.jobs, subject: targets.subject)
            return []
        case .markAll:
            guard canMark(&state) else { return [] }
            guard let targets = groupTargets(state), !targets.jobs.isEmpty else {
                state.message = StatusMessage("No jobs here to mark.", role: .warning)
                return []
            }
            state.overlay = .markMenu(jobs: targets.jobs, subject: targets.subject)
            return []
        case .editNote:
            openNotePrompt(&state, jobs: markTargets(state).jobs)
            return []
        case .selectRange:
            guard state.stack.isEmpty else { return [] }
            if state.rangeAnchor == nil {
                guard !state.visible.isEmpty else { return [] }
                state.rangeAnchor = state.cursor.selected
                state.message = StatusMessage(
                    "Range: move to extend it; a, e, t, O, w or m mark every job in it; v or Esc ends it.",
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

    /// The mark menu: one key picks the decision for the jobs it was opened on (choosing
    /// in a menu that says how many jobs it is for is the yes a group mark needs).
    static func handleMarkMenu(_ state: inout AppState, jobs: [Int], _ command: Command) -> [Effect] {
        if let decision = Reducer.decision(for: command) {
            state.overlay = nil
            guard canMark(&state) else { return [] }
            let request = DecisionRequest(jobIDs: jobs.map { state.table.store.jobKey($0) }, state: decision)
            let advance = state.stack.isEmpty && state.rangeAnchor == nil && jobs.count == 1
            return [.saveDecisions(request, context: MarkContext(jobs: jobs, advance: advance))]
        }
        switch command {
        case .back, .markMenu:
            state.overlay = nil
            return []
        case .search:
            // What follows `/` is typed into a prompt over the menu: no letter after it marks.
            if case .markMenu? = state.overlay { openSearch(&state, over: state.overlay) }
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
        case .noSearch:
            state.message = StatusMessage("This screen has no search: / searches the list, the catalogue and their text.", role: .dim)
            return []
        case .note(let jobs):
            let note = String(prompt.text.prefix(Reducer.noteLimit))
            return mark(&state, nil, note: note, targets: MarkTargets(jobs: jobs))
        case .command:
            return runCommandLine(&state, prompt.text)
        case .find:
            if let find = state.documentScroll?.find, let position = find.position {
                // n and N are offered only when there is something to step to.
                let query = SafeText.clean(prompt.text)
                state.message =
                    find.matches?.isEmpty == false
                    ? StatusMessage("\"\(query)\" \(position) · n next · N previous")
                    : StatusMessage("\"\(query)\": no match.", role: .warning)
            }
            return []
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
