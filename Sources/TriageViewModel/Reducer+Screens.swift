import JobIndex
import SmileJobs

extension Reducer {
    // MARK: - Job detail

    static func handleDetail(_ state: inout AppState, _ detail: inout DetailState, _ command: Command) -> [Effect] {
        let height = Layout.bodyRows(state.viewport, header: false)
        if detail.scroll.apply(command, height: height) {
            state.replaceTop(.detail(detail))
            return []
        }
        switch command {
        case .toggleFolds:
            detail.folded.toggle()
            state.replaceTop(.detail(detail))
            rebuildDocuments(&state)
            state.message = StatusMessage(detail.folded ? "Nested objects folded (T unfolds)" : "Nested objects unfolded")
            return []
        case .nextJob, .previousJob, .nextAttention, .previousAttention:
            // Step through the list without leaving the detail: the list's selection follows.
            guard let position = state.visible.firstIndex(of: Int32(detail.job)) else { return [] }
            state.cursor.selected = position
            if command == .nextAttention || command == .previousAttention {
                guard jumpToAttention(&state, forward: command == .nextAttention) else { return [] }
            } else {
                _ = state.cursor.apply(
                    command == .nextJob ? .moveDown : .moveUp, count: state.visible.count,
                    height: Layout.bodyRows(state.viewport, header: true))
            }
            guard let next = state.selectedJobIndex, next != detail.job else { return [] }
            state.stack.removeLast()
            let message = state.message
            let effects = openDetail(&state, job: next)
            state.message = message
            return effects
        default:
            return []
        }
    }

    // MARK: - Catalogue

    static func handleCatalogue(_ state: inout AppState, _ catalogue: inout CatalogueState, _ command: Command) -> [Effect] {
        if catalogue.cursor.apply(command, count: catalogue.matches.count, height: bodyHeight(state)) {
            state.replaceTop(.catalogue(catalogue))
            return []
        }
        switch command {
        case .open:
            guard let entryIndex = catalogue.matches[safe: catalogue.cursor.selected] else { return [] }
            let entry = state.table.catalogue.entries[entryIndex]
            var explainer = ExplainerState(code: entry.code, jobType: entry.jobTypes.first, resultText: entry.text)
            explainer.content = ScreenContent.explainer(explainer, catalogue: state.table.catalogue)
            state.stack.append(.explainer(explainer))
        case .search:
            state.overlay = .prompt(Prompt(purpose: .search, text: catalogue.query))
        case .clearFilters:
            catalogue.query = ""
            catalogue.matches = ScreenContent.catalogueMatches("", catalogue: state.table.catalogue)
            catalogue.cursor = Cursor()
            state.replaceTop(.catalogue(catalogue))
        default:
            break
        }
        return []
    }

    // MARK: - Frequency view

    static func handleFrequency(_ state: inout AppState, _ frequency: inout FrequencyState, _ command: Command) -> [Effect] {
        if frequency.cursor.apply(command, count: frequency.buckets.count, height: bodyHeight(state)) {
            state.replaceTop(.frequency(frequency))
            return []
        }
        switch command {
        case .nextDimension, .previousDimension:
            let dimension = command == .nextDimension ? frequency.dimension.next : frequency.dimension.previous
            frequency = FrequencyState(dimension: dimension)
            frequency.buckets = Frequency.buckets(dimension, jobs: state.visible, table: state.table, zone: state.zone)
            frequency.total = state.visible.count
            state.replaceTop(.frequency(frequency))
        case .open:
            guard let bucket = frequency.buckets[safe: frequency.cursor.selected] else { return [] }
            // The bucket's value replaces any filter of the same dimension; other filters stay.
            // (An hour of the histogram sets two: since and until.)
            let dimensions = FilterDimension.dimensions(setIn: bucket.filter)
            guard !dimensions.isEmpty else { return [] }
            let filter = dimensions.reduce(state.filter) { $1.replacing(in: $0, with: bucket.filter) }
            _ = reduce(&state, .setFilter(filter))
            state.message = StatusMessage("\(state.visible.count) jobs: \(filter.summary)")
        default:
            break
        }
        return []
    }

    // MARK: - The other screens

    static func handleExplainer(_ state: inout AppState, _ explainer: inout ExplainerState, _ command: Command) -> [Effect] {
        if explainer.scroll.apply(command, height: bodyHeight(state)) { state.replaceTop(.explainer(explainer)) }
        return []
    }

    static func handleSecure(_ state: inout AppState, _ secure: inout SecureState, _ command: Command) -> [Effect] {
        handleJobRows(&state, &secure, count: secure.rows.count, job: secure.selectedJob, screen: ScreenState.secure, command)
    }

    /// A table whose rows are jobs and notes (Smile Secure, a ring): moves, or opens the job selected.
    static func handleJobRows<Screen: HasCursor>(
        _ state: inout AppState, _ screen: inout Screen, count: Int, job: Int?, screen wrap: (Screen) -> ScreenState, _ command: Command
    ) -> [Effect] {
        if screen.cursor.apply(command, count: count, height: bodyHeight(state)) {
            state.replaceTop(wrap(screen))
        } else if command == .open, let job {
            return openDetail(&state, job: job)
        }
        return []
    }

    static func handleSuspectList(_ state: inout AppState, _ list: inout SuspectListState, _ command: Command) -> [Effect] {
        if list.cursor.apply(command, count: list.jobs.count, height: bodyHeight(state)) {
            state.replaceTop(.suspectList(list))
        } else if command == .open, let job = list.selectedJob {
            openSecure(&state, job: job)
        }
        return []
    }

    static func handleRings(_ state: inout AppState, _ rings: inout RingsState, _ command: Command) -> [Effect] {
        if rings.cursor.apply(command, count: rings.rings.count, height: bodyHeight(state)) {
            state.replaceTop(.rings(rings))
        } else if command == .ringOrder {
            toggleRingOrder(&state, &rings)
            state.replaceTop(.rings(rings))
        } else if command == .open, rings.rings.indices.contains(rings.cursor.selected) {
            openRing(&state, ring: rings.rings[rings.cursor.selected])
        }
        return []
    }

    static func handleRing(_ state: inout AppState, _ ring: inout RingState, _ command: Command) -> [Effect] {
        handleJobRows(&state, &ring, count: ring.rows.count, job: ring.selectedJob, screen: ScreenState.ring, command)
    }

    static func handleProblems(_ state: inout AppState, _ problems: inout ProblemsState, _ command: Command) -> [Effect] {
        if problems.cursor.apply(command, count: state.problemRowCount, height: bodyHeight(state)) {
            state.replaceTop(.problems(problems))
        }
        return []
    }
}

/// A screen with a selection in a table of rows.
protocol HasCursor {
    var cursor: Cursor { get set }
}

extension SecureState: HasCursor {}
extension RingState: HasCursor {}

extension AppState {
    /// Puts a changed copy of the screen on top back in its place.
    mutating func replaceTop(_ screen: ScreenState) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1] = screen
    }
}
