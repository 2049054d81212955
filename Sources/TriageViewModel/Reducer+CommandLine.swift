import JobIndex
import SmileJobs

extension Reducer {
    /// Up and Down on the `:` line: older and newer commands from the history.
    static func walkHistory(_ state: inout AppState, _ prompt: inout Prompt, back: Bool) {
        let history = state.commandHistory
        guard !history.isEmpty else { return }
        var position = prompt.historyPosition ?? history.count
        position = back ? max(0, position - 1) : min(history.count, position + 1)
        prompt.historyPosition = position == history.count ? nil : position
        prompt.text = position == history.count ? prompt.original : history[position]
        state.overlay = .prompt(prompt)
    }

    /// A zone found (or not) for `:tz`.
    static func zoneResolved(_ state: inout AppState, name: String, zone: DisplayZone?) {
        guard let zone else {
            state.message = StatusMessage(
                "No time zone \"\(SafeText.clean(name))\": utc, local, or a zone such as Africa/Lagos.", role: .warning)
            return
        }
        if !zone.isUTC { state.otherZone = zone }
        state.zone = zone
        state.message = StatusMessage("Times shown in \(zone.label)")
        rebuildDocuments(&state)
    }

    /// The toggle: UTC and the other zone (`--tz`, else local) in turn.
    static func toggleZone(_ state: inout AppState) -> [Effect] {
        if state.zone.isUTC {
            guard let other = state.otherZone else { return [.resolveZone("local")] }
            state.zone = other
        } else {
            state.zone = .utc
        }
        state.message = StatusMessage("Times shown in \(state.zone.label)")
        rebuildDocuments(&state)
        return []
    }

    /// Runs a `:` command line, and keeps it in the history.
    static func runCommandLine(_ state: inout AppState, _ text: String) -> [Effect] {
        let line = text.trimmingASCIISpaces()
        guard !line.isEmpty else { return [] }
        if state.commandHistory.last != line {
            state.commandHistory.append(line)
            if state.commandHistory.count > 200 { state.commandHistory.removeFirst() }
        }
        switch ColonCommand.parse(line) {
        case .failure(let failure):
            state.message = StatusMessage(failure.message, role: .warning)
            return []
        case .success(let command):
            return run(&state, command)
        }
    }

    static func run(_ state: inout AppState, _ command: ColonCommand) -> [Effect] {
        switch command {
        case .run(let command):
            return handle(&state, command)
        case .filter(let words):
            return [.filterWords(words, base: state.filter)]
        case .sort(let column, let reverse):
            state.stack.removeAll()
            state.sort = SortOrder(column: column, ascending: column != .time)
            if reverse { state.sort.ascending.toggle() }
            return resort(&state)
        case .export(let path):
            return [.export(ExportRequest(path: path, jobs: state.visible, overwrite: false))]
        case .goto(let id):
            let store = state.table.store
            let wanted = id.trimmingASCIISpaces()
            // By key first (the Smile job id, most often), then by the partner's job id.
            let byKey = state.table.index(ofJob: wanted) ?? state.table.index(ofJob: "job_id:" + wanted)
            guard let job = byKey ?? (0..<store.jobCount).first(where: { store.partnerJobID($0) == wanted }) else {
                state.message = StatusMessage("No loaded job is \(SafeText.clean(wanted)).", role: .warning)
                return []
            }
            state.overlay = nil
            if let position = state.visible.firstIndex(of: Int32(job)) {
                state.cursor.selected = position
                state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
            }
            state.stack.removeAll()
            return openDetail(&state, job: job)
        case .user(let user):
            guard !state.table.jobs(ofUser: user).isEmpty else {
                state.message = StatusMessage("No loaded job names user \(SafeText.clean(user)).", role: .warning)
                return []
            }
            showUserJobs(&state, user: user, keeping: nil)
            return []
        case .timeZone(let name):
            return [.resolveZone(name)]
        case .hide(let column):
            state.columns.hidden.insert(column)
            state.message = StatusMessage("Column \(column) hidden (:show \(column) brings it back; kept for next time)")
            return []
        case .show(let column):
            if column == "all" { state.columns.hidden = [] } else { state.columns.hidden.remove(column) }
            state.message = StatusMessage(column == "all" ? "Every column shown" : "Column \(column) shown")
            return []
        case .search(let text):
            state.stack.removeAll()
            state.search = text
            refreshVisible(&state)
            return []
        }
    }
}
