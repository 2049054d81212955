import SmileJobs

extension Reducer {
    // MARK: - Job detail

    static func handleDetail(_ state: inout AppState, _ detail: inout DetailState, _ command: Command) -> [Effect] {
        let height = Layout.bodyRows(state.viewport, header: false)
        if detail.scroll.apply(command, height: height) {
            state.stack[state.stack.count - 1] = .detail(detail)
            return []
        }
        switch command {
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
            state.stack[state.stack.count - 1] = .catalogue(catalogue)
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
            state.stack[state.stack.count - 1] = .catalogue(catalogue)
        default:
            break
        }
        return []
    }

    // MARK: - Frequency view

    static func handleFrequency(_ state: inout AppState, _ frequency: inout FrequencyState, _ command: Command) {
        if frequency.cursor.apply(command, count: frequency.buckets.count, height: bodyHeight(state)) {
            state.stack[state.stack.count - 1] = .frequency(frequency)
            return
        }
        switch command {
        case .nextDimension, .previousDimension:
            let dimension = command == .nextDimension ? frequency.dimension.next : frequency.dimension.previous
            frequency = FrequencyState(dimension: dimension)
            frequency.buckets = Frequency.buckets(dimension, jobs: state.visible, table: state.table)
            frequency.total = state.visible.count
            state.stack[state.stack.count - 1] = .frequency(frequency)
        case .open:
            guard let bucket = frequency.buckets[safe: frequency.cursor.selected] else { return }
            // The bucket's value replaces any filter of the same dimension; other filters stay.
            var filter = state.filter
            let own = bucket.filter
            if !own.categories.isEmpty { filter.categories = own.categories }
            if !own.products.isEmpty { filter.products = own.products }
            if !own.codes.isEmpty { filter.codes = own.codes }
            if !own.productCodes.isEmpty { filter.productCodes = own.productCodes }
            if !own.secure.isEmpty { filter.secure = own.secure }
            if !own.countries.isEmpty { filter.countries = own.countries }
            if !own.idTypes.isEmpty { filter.idTypes = own.idTypes }
            if !own.actions.isEmpty { filter.actions = own.actions }
            if !own.signatures.isEmpty { filter.signatures = own.signatures }
            _ = reduce(&state, .setFilter(filter))
            state.message = StatusMessage("\(state.visible.count) jobs: \(filter.summary)")
        default:
            break
        }
    }
}
