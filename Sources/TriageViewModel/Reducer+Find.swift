import SmileJobs

extension Reducer {
    /// `/` on a document: a find, as less and vim do (typed afresh; Esc gives the last back).
    static func openFind(_ state: inout AppState) {
        var prompt = Prompt(purpose: .find, text: "")
        if case .problems(let problems)? = state.stack.last { prompt.original = problems.find }
        prompt.original = state.documentScroll?.find?.query ?? prompt.original
        state.overlay = .prompt(prompt)
    }

    /// A find in the help overlay: matches are the help's own lines.
    static func findInHelp(_ state: inout AppState, _ scroll: inout Scroll, query typed: String) {
        let query = String(typed.prefix(findLimit))
        guard !query.isEmpty else {
            scroll.find = nil
            return
        }
        let lines = ScreenContent.help(state.keymap, screen: state.stack.last?.kind ?? .jobList)
        let wanted = query.lowercased()
        var find = DocumentFind(query: query)
        find.matches = lines.indices.filter { lines[$0].text.lowercased().contains(wanted) }
        find.current = find.matches?.firstIndex { $0 >= scroll.top } ?? 0
        find.scrollPending = false
        if let row = find.matches?[safe: find.current] { scroll.top = max(0, row - 2) }
        scroll.find = find
    }

    static func stepHelpMatch(_ state: inout AppState, _ scroll: inout Scroll, forward: Bool) {
        guard var find = scroll.find, let matches = find.matches, !matches.isEmpty else {
            state.message = StatusMessage("No find in the help: / looks for text.", role: .dim)
            state.overlay = .help(scroll)
            return
        }
        find.current = (find.current + (forward ? 1 : matches.count - 1)) % matches.count
        scroll.top = max(0, matches[find.current] - 2)
        scroll.find = find
        state.overlay = .help(scroll)
        if let position = find.position { state.message = StatusMessage("\"\(SafeText.clean(find.query))\" \(position)") }
    }

    /// Longest find, in characters: a pasted page is cut here, so highlighting a row stays
    /// quick whatever the row and the query hold.
    static let findLimit = 100

    /// The query as typed: matches are looked for again, the first at or after the top is current.
    static func findEdited(_ state: inout AppState, query typed: String) {
        let query = String(typed.prefix(findLimit))
        if case .problems(var problems)? = state.stack.last {
            problems.find = query
            state.replaceTop(.problems(problems))
            if !query.isEmpty { stepProblem(&state, from: problems.cursor.selected, forward: true) }
            return
        }
        state.updateDocumentScroll { scroll in
            if query.isEmpty {
                scroll.find = nil
            } else {
                var find = DocumentFind(query: query)
                find.current = 0
                scroll.find = find
            }
        }
    }

    /// The screen found the rows that match: keep the current one in range, and bring it into view.
    static func found(_ state: inout AppState, rows: [Int]) {
        let height = bodyHeight(state)
        state.updateDocumentScroll { scroll in
            guard var find = scroll.find else { return }
            let fresh = find.matches == nil
            find.matches = rows
            if fresh, let first = rows.firstIndex(where: { $0 >= scroll.top }) { find.current = first }
            find.current = rows.isEmpty ? 0 : min(find.current, rows.count - 1)
            if find.scrollPending, let row = rows[safe: find.current] {
                if row < scroll.top || row >= scroll.top + height {
                    scroll.top = max(0, row - min(2, height / 3))
                    if let total = scroll.rows { scroll.clamp(lines: total, height: height) }
                }
            }
            find.scrollPending = false
            scroll.find = find
        }
    }

    /// `n` / `N`: the next or previous match, wrapping round; on the list, the next or
    /// previous job among those the search kept.
    /// The next (or previous) problems row holding the find, from `start` (itself included going forward).
    static func stepProblem(_ state: inout AppState, from start: Int, forward: Bool) {
        guard case .problems(var problems)? = state.stack.last, !problems.find.isEmpty else { return }
        let count = state.problemRowCount
        let wanted = problems.find.lowercased()
        let rows = (0..<count).filter { state.problemRowText($0).lowercased().contains(wanted) }
        guard !rows.isEmpty else {
            state.message = StatusMessage("\"\(SafeText.clean(problems.find))\": no match.", role: .warning)
            return
        }
        let target = forward ? (rows.first { $0 >= start } ?? rows[0]) : (rows.last { $0 <= start } ?? rows[rows.count - 1])
        problems.cursor.selected = target
        problems.cursor.clamp(count: count, height: bodyHeight(state))
        state.replaceTop(.problems(problems))
        state.message = StatusMessage("\"\(SafeText.clean(problems.find))\" \((rows.firstIndex(of: target) ?? 0) + 1)/\(rows.count)")
    }

    static func stepMatch(_ state: inout AppState, forward: Bool) -> [Effect] {
        if case .problems(let problems)? = state.stack.last {
            guard !problems.find.isEmpty else {
                state.message = StatusMessage("No find: / looks for text on this screen.", role: .dim)
                return []
            }
            stepProblem(&state, from: problems.cursor.selected + (forward ? 1 : -1), forward: forward)
            return []
        }
        if state.documentScroll != nil {
            guard let find = state.documentScroll?.find else {
                state.message = StatusMessage("No find: / looks for text on this screen.", role: .dim)
                return []
            }
            guard let matches = find.matches, !matches.isEmpty else {
                state.message = StatusMessage("\"\(SafeText.clean(find.query))\": no match.", role: .warning)
                return []
            }
            state.updateDocumentScroll { scroll in
                guard var find = scroll.find else { return }
                find.current = (find.current + (forward ? 1 : matches.count - 1)) % matches.count
                find.scrollPending = true
                scroll.find = find
            }
            found(&state, rows: matches)
            if let position = state.documentScroll?.find?.position {
                state.message = StatusMessage("\"\(SafeText.clean(find.query))\" \(position)")
            }
            return []
        }
        if state.stack.isEmpty {
            guard !state.search.isEmpty else {
                state.message = StatusMessage("No search: / searches the list.", role: .dim)
                return []
            }
            _ = state.cursor.apply(
                forward ? .moveDown : .moveUp, count: state.visible.count, height: Layout.bodyRows(state.viewport, header: true))
            state.message = StatusMessage(
                "\"\(SafeText.clean(state.search))\" \(state.visible.isEmpty ? "no match" : "\(state.cursor.selected + 1)/\(state.visible.count)")"
            )
            return []
        }
        state.message = StatusMessage("No find on this screen.", role: .dim)
        return []
    }
}
