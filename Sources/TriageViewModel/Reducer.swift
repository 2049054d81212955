import JobIndex
import SmileJobs

/// The one place actions change the state. Pure: the state and the action in, the new
/// state and any work for the shell (as data) out.
public enum Reducer {
    @discardableResult
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handleKey(&state, key)
        case .command(let command):
            state.message = nil
            return handle(&state, command)
        case .text(let text):
            guard case .prompt(var prompt)? = state.overlay else {
                // Pasted text is never read as keys: only a prompt takes it.
                state.message = StatusMessage(
                    "Pasted text goes only into a prompt (/ to search, w for a note): nothing done.", role: .warning)
                return []
            }
            // Pasted line breaks become spaces (every prompt is one line); controls go.
            prompt.text += ClipboardText.promptText(text)
            return promptEdited(&state, &prompt)
        case .resize(let size):
            // Content does not depend on the width: only cursors are kept in bounds here; a
            // document screen learns its new row count from the screen (`.measured`).
            state.viewport = size
            clampCursors(&state)
            return []
        case .measured(let rows):
            measured(&state, rows: rows)
            return []
        case .found(let rows):
            found(&state, rows: rows)
            return []
        case .chaseReady:
            state.recount()
            return []
        case .searched(let generation, let visible):
            searched(&state, generation: generation, visible: visible)
            return []
        case .clock(let now):
            state.now = now
            if case .detail? = state.stack.last { rebuildDocuments(&state) }
            return []
        case .loaded(let loaded):
            replaceJobs(&state, with: loaded)
            return []
        case .documentsLoaded(let job, let documents, let unreadable):
            for position in state.stack.indices {
                if case .detail(var detail) = state.stack[position], detail.job == job {
                    detail.documents = documents
                    detail.unreadable = unreadable
                    state.stack[position] = .detail(detail)
                }
            }
            rebuildDocuments(&state)
            return []
        case .copyFinished(let outcome):
            switch outcome {
            case .copied(let label, let tmuxBuffer):
                state.message = StatusMessage(
                    tmuxBuffer
                        ? "Sent \(label) to the terminal's clipboard, and to tmux's paste buffer (prefix ] pastes it)"
                        : "Sent \(label) to the terminal's clipboard (OSC 52: the terminal decides whether it takes it)")
            case .showText(let label, let text): state.overlay = .copyText(label: label, text: text)
            }
            return []
        case .setFilter(let filter):
            state.filter = filter
            state.stack.removeAll()
            state.overlay = nil
            refreshVisible(&state)
            return []
        case .openJob(let index):
            guard (0..<state.table.count).contains(index) else { return [] }
            return openDetail(&state, job: index)
        case .wheel(let rows):
            guard state.overlay == nil else { return [] }
            var effects: [Effect] = []
            for _ in 0..<abs(rows) { effects += handle(&state, rows < 0 ? .moveUp : .moveDown) }
            return effects
        case .click(let row):
            return click(&state, row: row)
        case .progress(let progress):
            let wasLoading = state.loading != nil
            // A stop asked for holds until the load ends (a stream's progress may come
            // after it): a second Ctrl-C then quits.
            let stopAsked = state.loading?.stopped == true
            state.loading = progress.done ? nil : progress
            if stopAsked { state.loading?.stopped = true }
            // The load is over: what waited for the last snapshot is counted now.
            if wasLoading && state.loading == nil { state.recount() }
            if progress.stopped {
                state.message = StatusMessage("Loading stopped: \(progress.records) records kept. Ctrl-C again quits.", role: .warning)
            }
            return []
        case .interrupt:
            // The first Ctrl-C stops a load; the second quits, even if the load is stuck.
            if let loading = state.loading, !loading.done, !loading.stopped {
                state.message = StatusMessage("Stopping the load; what is read is kept. Ctrl-C again quits.", role: .warning)
                state.loading?.stopped = true
                return [.stopLoading]
            }
            return quit(&state)
        case .notice(let text):
            state.message = StatusMessage(text, role: .warning)
            return []
        case .decisionsLoaded(let all, let marking):
            state.marking = marking
            state.decisions = DecisionBook(all)
            state.marks = DecisionMarks(book: state.decisions, table: state.table)
            refreshVisible(&state)
            rebuildDocuments(&state)
            return []
        case .decisionsSaved(let saved, let context):
            return decisionsSaved(&state, saved, context: context)
        case .decisionsFailed(let reason):
            state.pendingUndo = nil
            state.message = StatusMessage("Not saved: \(SafeText.clean(reason))", role: .errorText)
            return []
        case .decisionsChanged(let changed):
            return decisionsChanged(&state, changed)
        case .auditLoaded(let jobID, let entries):
            auditLoaded(&state, jobID: jobID, entries: entries)
            return []
        case .claimsChanged(let claims):
            claimsChanged(&state, claims)
            return []
        case .linkChanged(let link):
            linkChanged(&state, link)
            return []
        case .exportFinished(let outcome):
            exportFinished(&state, outcome)
            return []
        case .zoneResolved(let name, let zone):
            zoneResolved(&state, name: name, zone: zone)
            return []
        }
    }

    /// After the prompt's text changed: a search applies at once (or goes to another thread,
    /// on a large table); an export prompt that was confirming a replacement asks again for
    /// the new name.
    static func promptEdited(_ state: inout AppState, _ prompt: inout Prompt) -> [Effect] {
        if case .export(true) = prompt.purpose { prompt.purpose = .export(overwrite: false) }
        state.overlay = .prompt(prompt)
        if prompt.purpose == .search { return applyPrompt(&state, prompt) }
        if prompt.purpose == .find {
            if case .help(var scroll)? = prompt.under.first {
                findInHelp(&state, &scroll, query: prompt.text)
                prompt.under[0] = .help(scroll)
                state.overlay = .prompt(prompt)
            } else {
                findEdited(&state, query: prompt.text)
            }
        }
        return []
    }

    // MARK: - Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.message = nil
        switch state.overlay {
        case .copyText?:
            state.overlay = nil
            // Any key closes it; `/` also opens the search, so what follows is typed, not run.
            return key == .character("/") ? handleKey(&state, key) : []
        case .prompt(var prompt)?:
            switch key {
            case .enter:
                state.overlay = prompt.under.first
                let effects = submitPrompt(&state, prompt)
                recordView(&state)
                return effects
            case .escape:
                state.overlay = prompt.under.first
                switch prompt.purpose {
                case .search:
                    // The job the search found stays selected in the full list; when it
                    // found none, the job selected before the search is selected again.
                    let found = state.selectedJobIndex
                    prompt.text = prompt.original
                    _ = applyPrompt(&state, prompt, inBackground: false)
                    if found == nil, let job = prompt.selectionBefore, let position = state.visible.firstIndex(of: Int32(job)) {
                        state.cursor.selected = position
                        state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
                    }
                case .find:
                    // Esc gives back the find there was before.
                    prompt.text = prompt.original
                    _ = promptEdited(&state, &prompt)
                    state.overlay = prompt.under.first
                case .noSearch, .command:
                    break
                case .note, .export:
                    state.message = StatusMessage("Cancelled: nothing saved.", role: .dim)
                }
                recordView(&state)
            case .backspace, .delete:
                if !prompt.text.isEmpty { prompt.text.removeLast() }
                return promptEdited(&state, &prompt)
            case .control("u"):
                prompt.text = ""
                return promptEdited(&state, &prompt)
            case .control("c"):
                return handle(&state, .quit)
            case .tab where prompt.purpose == .command:
                let (text, candidates) = ColonCommand.complete(prompt.text)
                prompt.text = text
                state.overlay = .prompt(prompt)
                if !candidates.isEmpty {
                    state.message = StatusMessage(
                        candidates.prefix(12).joined(separator: "  ") + (candidates.count > 12 ? "  …" : ""), role: .dim)
                }
            case .up where prompt.purpose == .command, .down where prompt.purpose == .command:
                walkHistory(&state, &prompt, back: key == .up)
            case .character(let character):
                prompt.text.append(character)
                return promptEdited(&state, &prompt)
            case _ where prompt.purpose != .search || !prompt.under.isEmpty:
                // A note, a file name, or text on a screen with no search: other keys do
                // nothing until Enter or Esc.
                break
            default:
                // Arrows and the like leave the list's search, keeping its text, and act.
                state.overlay = nil
                return handleKey(&state, key)
            }
            return []
        default:
            break
        }
        guard let command = state.keymap.command(for: key, on: state.screenKind) else {
            let help = state.keymap.key(for: .help, on: state.screenKind)?.description ?? "?"
            state.message = StatusMessage("\(key.description): nothing here. \(help) lists the keys.", role: .warning)
            return []
        }
        return handle(&state, command)
    }

    // MARK: - Commands

    static func handle(_ state: inout AppState, _ command: Command) -> [Effect] {
        // Overlays first.
        switch state.overlay {
        case .help(var scroll)?:
            if command == .back || command == .help {
                state.overlay = nil
            } else if command == .search {
                // A find in the help: its lines are known here, so are the matches.
                var prompt = Prompt(purpose: .find, text: "", under: .help(scroll))
                prompt.original = scroll.find?.query ?? ""
                state.overlay = .prompt(prompt)
            } else if command == .nextMatch || command == .previousMatch {
                stepHelpMatch(&state, &scroll, forward: command == .nextMatch)
            } else if command == .quit {
                return quit(&state)
            } else {
                let lines = ScreenContent.help(state.keymap, screen: state.stack.last?.kind ?? .jobList).count
                _ = scroll.apply(command, lines: lines, height: Layout.bodyRows(state.viewport, header: false) - 2)
                state.overlay = .help(scroll)
            }
            return []
        case .filterMenu(var menu)?:
            return handleFilterMenu(&state, &menu, command)
        case .markMenu(let jobs, _)?:
            return handleMarkMenu(&state, jobs: jobs, command)
        case .confirm(let confirmation)?:
            return handleConfirm(&state, confirmation, command)
        default:
            break
        }
        if let effects = handleDecisionCommand(&state, command) { return effects }
        if let effects = handleGlobal(&state, command) { return effects }

        // The screen on top handles the rest: one reducer per screen.
        switch state.stack.last {
        case nil: return handleList(&state, command)
        case .detail(var detail)?: return handleDetail(&state, &detail, command)
        case .explainer(var explainer)?: return handleExplainer(&state, &explainer, command)
        case .catalogue(var catalogue)?: return handleCatalogue(&state, &catalogue, command)
        case .secure(var secure)?: return handleSecure(&state, &secure, command)
        case .suspectList(var list)?: return handleSuspectList(&state, &list, command)
        case .rings(var rings)?: return handleRings(&state, &rings, command)
        case .ring(var ring)?: return handleRing(&state, &ring, command)
        case .frequency(var frequency)?: return handleFrequency(&state, &frequency, command)
        case .problems(var problems)?: return handleProblems(&state, &problems, command)
        }
    }

    /// Commands that mean the same on every screen; nil for the others.
    static func handleGlobal(_ state: inout AppState, _ command: Command) -> [Effect]? {
        switch command {
        case .quit: return quit(&state)
        case .help:
            state.overlay = .help(Scroll())
            return []
        case .search:
            openSearch(&state, over: nil)
            return []
        case .commandLine:
            state.overlay = .prompt(Prompt(purpose: .command, text: "", under: state.overlay))
            return []
        case .toggleTimeZone:
            return toggleZone(&state)
        case .back:
            if !state.stack.isEmpty {
                state.stack.removeLast()
                clampCursors(&state)
            } else if state.rangeAnchor != nil {
                state.rangeAnchor = nil
            } else if !undoViewChange(&state) {
                // One change at a time (the search, then the filters one by one), never all at once.
                let quit = state.keymap.key(for: .quit, on: .jobList)?.description ?? "q"
                state.message = StatusMessage("Nothing to go back to: \(quit) quits.", role: .dim)
            }
            return []
        case .undo:
            return undoLast(&state)
        case .nextMatch, .previousMatch:
            return stepMatch(&state, forward: command == .nextMatch)
        case .widenResult, .narrowResult:
            state.columns.resultExtra = max(-20, min(80, state.columns.resultExtra + (command == .widenResult ? 4 : -4)))
            state.message = StatusMessage(
                "Result text \(state.columns.resultExtra >= 0 ? "+" : "")\(state.columns.resultExtra) columns (+ and - change it; kept for next time)"
            )
            return []
        case .frequency:
            openFrequency(&state, dimension: .category)
            return []
        case .problems:
            state.stack.append(.problems(ProblemsState()))
            return []
        case .catalogue:
            var catalogue = CatalogueState()
            catalogue.matches = ScreenContent.catalogueMatches("", catalogue: state.table.catalogue)
            state.stack.append(.catalogue(catalogue))
            return []
        case .suspectList:
            var list = SuspectListState()
            // Jobs whose Smile Secure verdict found suspects, and the jobs of the users they named.
            let queue = state.table.reviewQueue()
            list.jobs = state.table.sortedIndices(.time).reversed().filter { job in
                let reasons = queue.reasons(Int(job))
                return reasons.contains(.suspects) || reasons.contains(.namedAsSuspect)
            }
            state.stack.append(.suspectList(list))
            return []
        case .rings:
            openRings(&state)
            return []
        case .userJobs:
            showUserJobs(&state)
            return []
        case .toggleRedaction:
            state.redacted.toggle()
            state.message = StatusMessage(state.redacted ? "Personal data hidden (p shows it again)" : "Personal data shown")
            rebuildDocuments(&state)
            return []
        case .explainCode:
            explainFocusedCode(&state)
            return []
        case .smileSecure:
            guard let index = state.focusedJobIndex else { return [] }
            openSecure(&state, job: index)
            return []
        case .copyJobID, .copyUserID, .copyExplanation:
            return copy(&state, command)
        default:
            return nil
        }
    }

    /// `/`: the search of the screen on top, or, where it has none, a prompt that takes what
    /// is typed and does nothing with it (so no letter after `/` can act as a key).
    static func openSearch(_ state: inout AppState, over overlay: Overlay?) {
        if overlay == nil {
            switch state.stack.last {
            case nil:
                var prompt = Prompt(purpose: .search, text: state.search)
                prompt.selectionBefore = state.selectedJobIndex
                state.overlay = .prompt(prompt)
                return
            case .catalogue(let catalogue)?:
                state.overlay = .prompt(Prompt(purpose: .search, text: catalogue.query))
                return
            case .detail?, .explainer?, .problems?:
                openFind(&state)
                return
            default:
                break
            }
        }
        state.overlay = .prompt(Prompt(purpose: .noSearch, text: "", under: overlay))
    }

    /// Clicks on table screens select a row; a click on the selected row opens it.
    static func click(_ state: inout AppState, row: Int) -> [Effect] {
        guard state.overlay == nil, let cursor = topCursor(state) else { return [] }
        let offset = row - Layout.titleRows - 1
        guard offset >= 0, offset < bodyHeight(state) else { return [] }
        let target = cursor.top + offset
        if target == cursor.selected { return handle(&state, .open) }
        // Move there through the same path as keys, so every bound holds.
        let delta = target - cursor.selected
        var effects: [Effect] = []
        for _ in 0..<abs(delta) { effects += handle(&state, delta > 0 ? .moveDown : .moveUp) }
        return effects
    }

    /// The cursor of the screen on top, when it is a table of rows.
    static func topCursor(_ state: AppState) -> Cursor? {
        switch state.stack.last {
        case nil: state.cursor
        case .secure(let secure)?: secure.cursor
        case .suspectList(let list)?: list.cursor
        case .rings(let rings)?: rings.cursor
        case .ring(let ring)?: ring.cursor
        case .frequency(let frequency)?: frequency.cursor
        case .catalogue(let catalogue)?: catalogue.cursor
        case .problems(let problems)?: problems.cursor
        case .detail?, .explainer?: nil
        }
    }

    /// Quitting is a state the shell reads (`state.quitting`), not an effect: it has nothing to do but stop.
    static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return []
    }

    /// Body rows of the screen on top.
    static func bodyHeight(_ state: AppState) -> Int {
        Layout.bodyRows(state.viewport, header: Layout.hasColumnHeader(state.stack.last?.kind ?? .jobList))
    }

    // MARK: - Opening screens

    static func openDetail(_ state: inout AppState, job index: Int) -> [Effect] {
        var detail = DetailState(job: index)
        detail.content = detailContent(state, detail)
        state.stack.append(.detail(detail))
        let job = state.table.jobs[index]
        var effects: [Effect] = [.loadDocuments(job: index, records: job.records)]
        if state.marking.showsDecisions { effects.append(.loadAudit(jobID: state.table.store.jobKey(index))) }
        return effects
    }

    static func openSecure(_ state: inout AppState, job index: Int) {
        let job = state.table.jobs[index]
        guard job.secure != nil else {
            state.message = StatusMessage("No Smile Secure callback is loaded for job \(SafeText.clean(job.id)).", role: .warning)
            return
        }
        var secure = SecureState(job: index)
        secure.rows = ScreenContent.secureRows(job: index, table: state.table)
        secure.cursor.selected = secure.rows.firstIndex { if case .job = $0 { true } else { false } } ?? 0
        secure.cursor.clamp(count: secure.rows.count, height: bodyHeight(state))
        state.stack.append(.secure(secure))
    }

    static func openFrequency(_ state: inout AppState, dimension: FrequencyDimension) {
        var frequency = FrequencyState(dimension: dimension)
        frequency.buckets = Frequency.buckets(dimension, jobs: state.visible, table: state.table, zone: state.zone)
        frequency.total = state.visible.count
        state.stack.append(.frequency(frequency))
    }

    /// The rings; from a job in a ring, that ring itself (Back shows them all).
    static func openRings(_ state: inout AppState) {
        var rings = RingsState()
        let index = state.table.ringIndex()
        rings.rings = Array(index.rings.indices)
        var ringOfJob: Int?
        if state.stack.last?.kind != .rings, let job = state.focusedJobIndex, let user = state.table.store.userID(job) {
            ringOfJob = index.ring(ofUser: user)
        }
        if let ringOfJob { rings.cursor.selected = ringOfJob }
        state.stack.append(.rings(rings))
        clampCursors(&state)
        if let ringOfJob { openRing(&state, ring: ringOfJob) }
    }

    /// Rings by size (largest first) or by when last seen (most recent first).
    static func toggleRingOrder(_ state: inout AppState, _ rings: inout RingsState) {
        let index = state.table.ringIndex()
        let selected = rings.rings[safe: rings.cursor.selected]
        rings.order = rings.order == .size ? .recency : .size
        rings.rings = Array(index.rings.indices)
        if rings.order == .recency {
            rings.rings.sort {
                (index.rings[$0].lastSeen?.millisecondsSince1970 ?? .min) > (index.rings[$1].lastSeen?.millisecondsSince1970 ?? .min)
            }
        }
        rings.cursor.selected = selected.flatMap { rings.rings.firstIndex(of: $0) } ?? 0
        state.message = StatusMessage(rings.order == .size ? "Rings by size, largest first" : "Rings by when last seen, most recent first")
    }

    static func openRing(_ state: inout AppState, ring: Int) {
        let index = state.table.ringIndex()
        guard index.rings.indices.contains(ring) else { return }
        var ringState = RingState(ring: ring)
        ringState.rows = ScreenContent.ringRows(index.rings[ring], table: state.table)
        ringState.cursor.selected = ringState.rows.firstIndex { if case .job = $0 { true } else { false } } ?? 0
        ringState.cursor.clamp(count: ringState.rows.count, height: bodyHeight(state))
        state.stack.append(.ring(ringState))
    }

    static func explainFocusedCode(_ state: inout AppState) {
        guard let index = state.focusedJobIndex else { return }
        let job = state.table.jobs[index]
        guard let code = job.primary?.resultCode ?? job.primary?.secure?.code ?? job.resultCode else {
            state.message = StatusMessage("This job has no result code to explain.", role: .warning)
            return
        }
        var explainer = ExplainerState(code: code, jobType: job.jobType, resultText: job.resultText)
        explainer.content = ScreenContent.explainer(explainer, catalogue: state.table.catalogue)
        state.stack.append(.explainer(explainer))
    }

    // MARK: - Copy

    static func copy(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard let index = state.focusedJobIndex else { return [] }
        let job = state.table.jobs[index]
        switch command {
        case .copyJobID:
            let id = job.smileJobID ?? job.partnerJobID ?? job.id
            return [.copy(text: ClipboardText.safe(id), label: "job id \(SafeText.clean(id))")]
        case .copyUserID:
            guard let user = job.userID else {
                state.message = StatusMessage("This job has no user id.", role: .warning)
                return []
            }
            return [.copy(text: ClipboardText.safe(user), label: "user id \(SafeText.clean(user))")]
        default:
            guard let text = CopyText.explanation(of: job, catalogue: state.table.catalogue) else {
                state.message = StatusMessage("This job has no result code to explain.", role: .warning)
                return []
            }
            return [.copy(text: ClipboardText.safe(text), label: "the explanation of \(SafeText.clean(job.resultCode ?? ""))")]
        }
    }

    // MARK: - Layout

    /// Keeps every table's cursor in bounds (after a resize or a change of rows). Document
    /// screens are kept in bounds by their measured rows.
    static func clampCursors(_ state: inout AppState) {
        state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
        for position in state.stack.indices {
            let height = Layout.bodyRows(state.viewport, header: Layout.hasColumnHeader(state.stack[position].kind))
            switch state.stack[position] {
            case .detail, .explainer:
                break
            case .catalogue(var catalogue):
                catalogue.cursor.clamp(count: catalogue.matches.count, height: height)
                state.stack[position] = .catalogue(catalogue)
            case .secure(var secure):
                secure.cursor.clamp(count: secure.rows.count, height: height)
                state.stack[position] = .secure(secure)
            case .suspectList(var list):
                list.cursor.clamp(count: list.jobs.count, height: height)
                state.stack[position] = .suspectList(list)
            case .rings(var rings):
                rings.cursor.clamp(count: rings.rings.count, height: height)
                state.stack[position] = .rings(rings)
            case .ring(var ring):
                ring.cursor.clamp(count: ring.rows.count, height: height)
                state.stack[position] = .ring(ring)
            case .frequency(var frequency):
                frequency.cursor.clamp(count: frequency.buckets.count, height: height)
                state.stack[position] = .frequency(frequency)
            case .problems(var problems):
                problems.cursor.clamp(count: state.problemRowCount, height: height)
                state.stack[position] = .problems(problems)
            }
        }
    }

    /// Makes the detail screens' content again (documents, the trail, a decision or
    /// redaction changed), and keeps every cursor in bounds.
    static func rebuildDocuments(_ state: inout AppState) {
        clampCursors(&state)
        for position in state.stack.indices {
            guard case .detail(var detail) = state.stack[position] else { continue }
            // Its rows are measured again by the screen once it is on top.
            detail.content = detailContent(state, detail)
            state.stack[position] = .detail(detail)
        }
    }

    /// The screen laid out the top document in `rows` rows: keep the position in them.
    static func measured(_ state: inout AppState, rows: Int) {
        guard let top = state.stack.indices.last else { return }
        let height = bodyHeight(state)
        switch state.stack[top] {
        case .detail(var detail):
            detail.scroll.rows = rows
            detail.scroll.clamp(lines: rows, height: height)
            state.stack[top] = .detail(detail)
        case .explainer(var explainer):
            explainer.scroll.rows = rows
            explainer.scroll.clamp(lines: rows, height: height)
            state.stack[top] = .explainer(explainer)
        default:
            break
        }
    }

    static func detailContent(_ state: AppState, _ detail: DetailState) -> [DocumentLine] {
        let triage =
            state.marking.showsDecisions
            ? DetailContent.Triage(
                decision: state.decision(ofJob: detail.job), audit: detail.audit, marking: state.marking,
                claims: state.claims(ofJob: detail.job)) : nil
        return DetailContent.build(
            table: state.table, job: detail.job, documents: detail.documents, unreadable: detail.unreadable,
            sources: state.sources, redacted: state.redacted, triage: triage, zone: state.zone, now: state.now,
            folded: detail.folded)
    }

    // MARK: - Loading

    /// New jobs (a snapshot of a load going on, or of followed files). Jobs keep their
    /// places as a load grows, so the selection and open screens stay; a screen whose job
    /// moved (two jobs found to be one) is closed.
    static func replaceJobs(_ state: inout AppState, with loaded: LoadedJobs) {
        let old = state.table
        // While the first load runs, a list nobody has moved stays at its top.
        let atTop = state.loading != nil && state.cursor.selected == 0
        let selected = atTop ? nil : state.selectedJobIndex.map { (index: $0, key: old.store.jobKey($0)) }
        state.table = JobTable(store: loaded.store, stuckAfterHours: state.stuckAfterHours)
        state.problems = loaded.problems
        state.requestErrors = loaded.requestErrors
        state.acknowledgements = loaded.acknowledgements
        state.sources = loaded.sources
        state.recordCount = loaded.recordCount
        state.marks = DecisionMarks(book: state.decisions, table: state.table)
        if state.following && state.loading == nil && old.count > 0 {
            state.newJobs += max(0, state.table.count - old.count)
        }
        let table = state.table
        func stillThere(_ index: Int) -> Bool {
            index < table.count && index < old.count && table.store.jobKey(index) == old.store.jobKey(index)
        }
        if let broken = state.stack.firstIndex(where: { screen in
            switch screen {
            case .detail(let detail): !stillThere(detail.job)
            case .secure(let secure): !stillThere(secure.job)
            default: false
            }
        }) {
            state.stack.removeSubrange(broken...)
        }
        state.table.prepare(sortedBy: state.sort.column)
        state.visible = state.computeVisible()
        if let selected {
            let index = stillThere(selected.index) ? selected.index : state.table.index(ofJob: selected.key)
            if let index, let position = state.visible.firstIndex(of: Int32(index)) { state.cursor.selected = position }
        }
        rebuildDocuments(&state)
    }
}

extension Layout {
    /// Screens drawn as a table under a column header.
    public static func hasColumnHeader(_ kind: ScreenKind) -> Bool {
        switch kind {
        case .jobList, .catalogue, .suspectList, .rings, .frequency, .problems: true
        default: false
        }
    }
}

/// Text that support engineers paste to customers.
public enum CopyText {
    public static func explanation(of job: Job, catalogue: Catalogue) -> String? {
        guard let explanation = job.explanation(catalogue: catalogue), let code = job.resultCode else { return nil }
        var lines: [String] = []
        let product = job.productName(catalogue: catalogue)
        lines.append("Smile ID job \(job.smileJobID ?? job.id) (\(product)): result code \(code)")
        let shown =
            explanation.basis == .product || explanation.basis == .otherProducts
            ? [explanation.primary].compactMap { $0 } : explanation.meanings
        for entry in shown {
            var line = "\(entry.text)"
            if !entry.description.isEmpty { line += ": \(entry.description)" }
            line += entry.secureVerdict == nil ? " Category: \(entry.jobCategory.label)." : " \(entry.outcomeLabel)."
            if explanation.meanings.count > 1 && explanation.basis == .allMeanings { line = "For \(entry.product.name): " + line }
            lines.append(line)
        }
        if explanation.basis == .unlisted { lines.append("No Smile ID result-code table lists this code.") }
        return SafeText.clean(lines.joined(separator: "\n"), keepNewlines: true)
    }
}
