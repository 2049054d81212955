import JobIndex
import SmileJobs

extension Reducer {
    // MARK: - The job list

    static func handleList(_ state: inout AppState, _ command: Command) -> [Effect] {
        let height = Layout.bodyRows(state.viewport, header: true)
        if state.cursor.apply(command, count: state.visible.count, height: height) { return [] }
        switch command {
        case .open:
            guard let index = state.selectedJobIndex else { return [] }
            return openDetail(&state, job: index)
        case .search:
            state.overlay = .prompt(Prompt(purpose: .search, text: state.search))
        case .filter:
            state.overlay = .filterMenu(
                FilterMenu(
                    table: state.table, filter: state.filter,
                    marks: state.marking.showsDecisions ? state.marks : nil))
        case .clearFilters:
            clearFilters(&state)
        case .sortBy(let column):
            if state.sort.column == column {
                state.sort.ascending.toggle()
            } else {
                state.sort = SortOrder(column: column, ascending: column != .time)
            }
            return resort(&state)
        case .nextSortColumn:
            state.sort = SortOrder(column: state.sort.column.next, ascending: state.sort.column.next != .time)
            return resort(&state)
        case .reverseSort:
            state.sort.ascending.toggle()
            return resort(&state, announce: false)
        case .nextAttention, .previousAttention:
            jumpToAttention(&state, forward: command == .nextAttention)
        case .jumpToNewest:
            // The newest job is the last one read.
            guard state.table.count > 0, let position = state.visible.firstIndex(of: Int32(state.table.count - 1)) else {
                state.message = StatusMessage("The newest job is not in the list (c clears the filter).", role: .warning)
                return []
            }
            state.cursor.selected = position
            state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
            state.newJobs = 0
        default:
            break
        }
        return []
    }

    /// Moves the list's selection to the next (or previous) job that needs review, wrapping.
    @discardableResult
    static func jumpToAttention(_ state: inout AppState, forward: Bool) -> Bool {
        let count = state.visible.count
        guard count > 0 else { return false }
        let start = state.cursor.selected
        let queue = state.table.reviewQueue()
        for step in 1...count {
            let position = forward ? (start + step) % count : (start - step + count * 2) % count
            if queue.needsReview(Int(state.visible[position])) {
                state.cursor.selected = position
                state.cursor.clamp(count: count, height: Layout.bodyRows(state.viewport, header: true))
                let wrapped = forward ? position <= start : position >= start
                if wrapped && position != start {
                    state.message = StatusMessage(forward ? "Wrapped to the top" : "Wrapped to the bottom", role: .dim)
                }
                return true
            }
        }
        state.message = StatusMessage("No job in the list needs review.", role: .warning)
        return false
    }

    /// The user as a unit: back to the list, showing every loaded job of the focused job's
    /// user (any product, any day), with what is known of the user on the status line.
    /// The job stays selected; marks work as on any list; clearing the filter goes back.
    static func showUserJobs(_ state: inout AppState) {
        guard let job = state.focusedJobIndex, let user = state.table.store.userID(job) else {
            state.message = StatusMessage("This job names no user.", role: .warning)
            return
        }
        showUserJobs(&state, user: user, keeping: state.table.store.jobKey(job))
    }

    /// The list narrowed to one user's jobs, `keeping` (a job key) selected when given.
    static func showUserJobs(_ state: inout AppState, user: String, keeping key: String?) {
        state.stack.removeAll()
        state.overlay = nil
        state.filter = JobFilter()
        state.filter.users = [user]
        state.search = ""
        refreshVisible(&state)
        if let key, let row = state.visible.firstIndex(where: { state.table.store.jobKey(Int($0)) == key }) {
            state.cursor.selected = row
            state.cursor.clamp(count: state.visible.count, height: bodyHeight(state))
        }
        var facts = ["\(state.visible.count) job\(state.visible.count == 1 ? "" : "s") of user \(SafeText.clean(user))"]
        if let flags = state.table.store.enrollee(ofUser: user), !flags.setFlags.isEmpty {
            facts.append("enrollee: " + flags.setFlags.joined(separator: ", "))
        }
        let rings = state.table.ringIndex()
        let namedBy = Set(rings.namedBy(user).map(\.from))
        if !namedBy.isEmpty { facts.append("named by " + namedBy.sorted().prefix(3).map { SafeText.clean($0) }.joined(separator: ", ")) }
        if let ring = rings.ring(ofUser: user) { facts.append("ring " + rings.rings[ring].label) }
        state.message = StatusMessage(facts.joined(separator: " · "))
    }

    static func clearFilters(_ state: inout AppState) {
        let hadAny = !state.filter.isEmpty || !state.search.isEmpty
        state.filter = JobFilter()
        state.search = ""
        refreshVisible(&state)
        if hadAny { state.message = StatusMessage("Filters and search cleared") }
    }

    /// Recomputes the list, keeping the selected job selected when it is still shown; when
    /// it is not, the first row (or, with `keepPosition`, the same row: the next job in a
    /// queue that a mark just emptied).
    static func refreshVisible(_ state: inout AppState, keepPosition: Bool = false, among: [Int32]? = nil) {
        applyVisible(&state, state.computeVisible(among: among), keepPosition: keepPosition)
    }

    /// Shows a new list, keeping the selected job selected as `refreshVisible` says.
    static func applyVisible(_ state: inout AppState, _ visible: [Int32], keepPosition: Bool = false) {
        let selected = state.selectedJobIndex
        state.visible = visible
        state.rangeAnchor = nil
        if let selected, let position = state.visible.firstIndex(of: Int32(selected)) {
            state.cursor.selected = position
        } else if keepPosition {
            state.cursor.selected = min(state.cursor.selected, max(0, state.visible.count - 1))
        } else {
            state.cursor.selected = 0
            state.cursor.top = 0
        }
        state.cursor.clamp(count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
        recordView(&state)
    }

    // MARK: - Prompts

    /// The search as typed so far. On a large table (`backgroundSearchFrom`) the list's
    /// search goes to another thread (`Effect.search`) and the list keeps the jobs it shows
    /// until it comes back, unless `inBackground` is false (Esc puts back the search before).
    static func applyPrompt(_ state: inout AppState, _ prompt: Prompt, inBackground: Bool = true) -> [Effect] {
        switch state.stack.last {
        case .catalogue(var catalogue)?:
            catalogue.query = prompt.text
            catalogue.matches = ScreenContent.catalogueMatches(prompt.text, catalogue: state.table.catalogue)
            catalogue.cursor = Cursor()
            state.replaceTop(.catalogue(catalogue))
            return []
        default:
            // A letter typed on: only the jobs the shorter search kept can match the longer.
            // The list shows the jobs of the search it was made for, which a search still
            // running has not replaced yet.
            let basis = state.searching?.basis ?? state.search
            // Not while a sort is on its way: the list shown is in the order before it, and
            // the jobs a search keeps of it stay in that order.
            let narrows =
                state.searching?.sorting != true && prompt.text.lowercased().utf8.starts(with: basis.lowercased().utf8)
            state.search = prompt.text
            guard inBackground, state.table.count >= state.backgroundSearchFrom else {
                refreshVisible(&state, among: narrows ? state.visible : nil)
                return []
            }
            state.searchGeneration += 1
            // A sort still on its way stays so: the list shown is in the order before it.
            state.searching = PendingSearch(
                generation: state.searchGeneration, basis: basis, sorting: state.searching?.sorting == true)
            return [.search(generation: state.searchGeneration, narrowing: narrows)]
        }
    }

    /// A search's list back from another thread: taken when it is the newest search sent
    /// and no list was made since (a filter, a sort, a snapshot: each made one for the
    /// search as typed, which is newer than this).
    static func searched(_ state: inout AppState, generation: Int, visible: [Int32]) {
        guard let pending = state.searching, pending.generation == generation else { return }
        applyVisible(&state, visible)
        if pending.sorting { state.message = sortedMessage(state.sort) }
    }

    /// The list in the sort just chosen. On a large table whose order by that column is not
    /// made yet (nor being made: its lock is tried, never waited on), the list is made on
    /// the search's thread: a first sort of 8.4M jobs took 307 ms on the key's own frame.
    /// The header's arrow shows "…" until the new order is on screen.
    static func resort(_ state: inout AppState, announce: Bool = true) -> [Effect] {
        guard state.table.count >= state.backgroundSearchFrom, !state.table.hasOrderNow(state.sort.column) else {
            refreshVisible(&state)
            if announce { state.message = sortedMessage(state.sort) }
            return []
        }
        state.searchGeneration += 1
        state.searching = PendingSearch(
            generation: state.searchGeneration, basis: state.searching?.basis ?? state.search, sorting: true)
        state.message = StatusMessage(
            "Sorting \(NumberText.grouped(state.table.count)) jobs by \(state.sort.column.title)…", role: .dim)
        return [.search(generation: state.searchGeneration, narrowing: false)]
    }

    static func sortedMessage(_ sort: SortOrder) -> StatusMessage {
        StatusMessage("Sorted by \(sort.column.title), \(sort.ascending ? "ascending" : "descending")")
    }

    // MARK: - Filter menu

    static func handleFilterMenu(_ state: inout AppState, _ menu: inout FilterMenu, _ command: Command) -> [Effect] {
        let height = Layout.bodyRows(state.viewport, header: false) - 2
        switch command {
        case .back, .filter:
            state.overlay = nil
            return []
        case .search:
            // What follows `/` is typed into a prompt over the menu, never run as keys.
            openSearch(&state, over: .filterMenu(menu))
            return []
        case .quit:
            return quit(&state)
        case .toggleOption, .open:
            if case .option(let option) = menu.rows[safe: menu.cursor.selected] {
                state.filter = option.toggled(in: state.filter)
                refreshVisible(&state)
            }
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            let before = menu.cursor.selected
            _ = menu.cursor.apply(command, count: menu.rows.count, height: height)
            // Headings are not selectable: step over them in the direction of travel.
            let forward = menu.cursor.selected >= before
            while case .heading? = menu.rows[safe: menu.cursor.selected] {
                let next = menu.cursor.selected + (forward ? 1 : -1)
                guard menu.rows.indices.contains(next) else {
                    menu.cursor.selected = before
                    break
                }
                menu.cursor.selected = next
            }
            menu.cursor.clamp(count: menu.rows.count, height: height)
        case .clearFilters:
            state.filter = JobFilter()
            refreshVisible(&state)
        default:
            break
        }
        state.overlay = .filterMenu(menu)
        return []
    }
}
