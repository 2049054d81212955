import JobIndex
import SmileJobs
import TriageViewModel

/// Boxes drawn over a screen: the help, the filter menu, text to copy by hand.
enum Overlays {
    /// A bordered box; returns its inner rectangle (column, row, width, height).
    @discardableResult
    static func box(title: String, width: Int, height: Int, into grid: inout Grid) -> (Int, Int, Int, Int) {
        let boxWidth = min(grid.size.columns, width + 4)
        let boxHeight = min(grid.size.rows - 1, height + 2)
        let left = max(0, (grid.size.columns - boxWidth) / 2)
        let top = max(0, min(2, (grid.size.rows - boxHeight) / 2))
        for row in top..<(top + boxHeight) { grid.fill(row: row, column: left, width: boxWidth) }
        let horizontal = String(repeating: "─", count: max(0, boxWidth - 2))
        grid.write("┌" + horizontal + "┐", column: left, row: top, role: .border)
        grid.write("└" + horizontal + "┘", column: left, row: top + boxHeight - 1, role: .border)
        for row in (top + 1)..<(top + boxHeight - 1) {
            grid.write("│", column: left, row: row, role: .border)
            grid.write("│", column: left + boxWidth - 1, row: row, role: .border)
        }
        grid.write(" " + title + " ", column: left + 2, row: top, role: .title, width: boxWidth - 4)
        return (left + 2, top + 1, boxWidth - 4, boxHeight - 2)
    }

    static func drawHelp(_ state: AppState, _ scroll: Scroll, into grid: inout Grid) {
        let lines = ScreenContent.help(state.keymap, screen: state.stack.last?.kind ?? .jobList)
        let width = min(grid.size.columns - 4, max(40, lines.map(\.width).max() ?? 40))
        let (left, top, innerWidth, innerHeight) = box(
            title: "Help", width: width, height: min(lines.count, grid.size.rows - 4), into: &grid)
        let current = scroll.find.flatMap { $0.matches?[safe: $0.current] }
        for offset in 0..<innerHeight {
            let index = scroll.top + offset
            guard index < lines.count else { break }
            var line = lines[index]
            if let query = scroll.find?.query, !query.isEmpty {
                line = Highlight.apply(line, query: query, role: index == current ? .currentMatch : .match)
            }
            grid.write(line, column: left, row: top + offset, width: innerWidth)
        }
    }

    static func drawFilterMenu(_ state: AppState, _ menu: FilterMenu, into grid: inout Grid) {
        let height = min(menu.rows.count, grid.size.rows - 4)
        let width = min(grid.size.columns - 4, 44)
        let (left, top, innerWidth, innerHeight) = box(
            title: "Filter: Space toggles, Esc closes", width: width, height: height, into: &grid)
        var cursor = menu.cursor
        cursor.clamp(count: menu.rows.count, height: innerHeight)
        for offset in 0..<innerHeight {
            let index = cursor.top + offset
            guard index < menu.rows.count else { break }
            let row = top + offset
            switch menu.rows[index] {
            case .heading(let title):
                grid.write(title.uppercased(), column: left, row: row, role: .label, width: innerWidth)
            case .option(let option):
                let selected = index == cursor.selected
                if selected { grid.fill(row: row, column: left, width: innerWidth, selected: true) }
                let mark = option.isOn(in: state.filter) ? "[x] " : "[ ] "
                let count = String(option.bucket.count)
                let labelWidth = innerWidth - 4 - DisplayWidth.of(count) - 1
                grid.write(mark, column: left, row: row, role: .accent, selected: selected)
                grid.write(
                    SafeText.clean(option.bucket.label), column: left + 4, row: row, role: option.bucket.role, width: labelWidth,
                    selected: selected)
                grid.write(count, column: left + innerWidth - DisplayWidth.of(count), row: row, role: .dim, selected: selected)
            }
        }
    }

    /// The decisions one key away, for the jobs the menu was opened on.
    static func drawMarkMenu(_ state: AppState, jobs: [Int], subject group: String?, into grid: inout Grid) {
        let subject =
            jobs.count == 1 ? "job \(SafeText.clean(state.table.store.jobKey(jobs[0])))" : SafeText.clean(group ?? "\(jobs.count) jobs")
        let choices: [(Command, String, StyleRole)] = [
            (.markCleared, "cleared", .success), (.markEscalated, "escalated", .errorText), (.markRerun, "needs a re-run", .warning),
            (.markOpen, "open (undecided)", .dim), (.editNote, "write a note", .normal), (.back, "cancel", .dim),
        ]
        let current = jobs.count == 1 ? state.decision(ofJob: jobs[0]) : nil
        let keys = choices.map { state.keymap.key(for: $0.0, on: .markMenu)?.description ?? "?" }
        let keyWidth = keys.map(DisplayWidth.of).max() ?? 1
        let lines: [StyledLine] = zip(keys, choices).map { key, choice in
            let (_, label, role) = choice
            let now = current?.state.label == label ? "  (now)" : ""
            let padded = key + String(repeating: " ", count: keyWidth - DisplayWidth.of(key))
            return StyledLine([Span(" " + padded + " ", .statusKey), Span(" " + label, role), Span(now, .dim)])
        }
        let width = min(grid.size.columns - 4, max(30, DisplayWidth.of(subject) + 8))
        let (left, top, innerWidth, innerHeight) = box(
            title: "Mark " + subject, width: width, height: min(lines.count, grid.size.rows - 4), into: &grid)
        for (offset, line) in lines.prefix(innerHeight).enumerated() {
            grid.write(line, column: left, row: top + offset, width: innerWidth)
        }
    }

    /// A mark on many jobs, waiting for a yes: the question, and the two answers.
    static func drawConfirm(_ state: AppState, _ confirmation: ConfirmMark, into grid: inout Grid) {
        let yes = state.keymap.key(for: .confirmYes, on: .confirm)?.description ?? "y"
        let no = state.keymap.key(for: .back, on: .confirm)?.description ?? "Esc"
        let question = SafeText.clean(confirmation.question)
        let answers = StyledLine([
            Span(" " + yes + " ", .statusKey), Span(" yes, mark them   ", .normal),
            Span(" " + no + " ", .statusKey), Span(" no, leave them", .dim),
        ])
        let wrapped = DisplayWidth.wrap(question, width: max(20, min(grid.size.columns - 8, 60)))
        let width = min(grid.size.columns - 4, max(answers.width, wrapped.map(DisplayWidth.of).max() ?? 20))
        let (left, top, innerWidth, innerHeight) = box(
            title: "Confirm", width: width, height: min(wrapped.count + 2, grid.size.rows - 4), into: &grid)
        for (offset, line) in wrapped.prefix(max(0, innerHeight - 2)).enumerated() {
            grid.write(line, column: left, row: top + offset, role: .warning, width: innerWidth)
        }
        grid.write(answers, column: left, row: top + min(wrapped.count + 1, innerHeight - 1), width: innerWidth)
    }

    static func drawCopyText(label: String, text: String, into grid: inout Grid) {
        let lines =
            ["This terminal cannot take the clipboard. Select \(label):", ""]
            + text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                DisplayWidth.wrap(SafeText.clean(String($0)), width: grid.size.columns - 6)
            }
            + ["", "Any key closes this."]
        let (left, top, innerWidth, innerHeight) = box(
            title: "Copy", width: min(grid.size.columns - 4, lines.map(DisplayWidth.of).max() ?? 20),
            height: min(lines.count, grid.size.rows - 4), into: &grid)
        for (offset, line) in lines.prefix(innerHeight).enumerated() {
            let role: StyleRole = offset == 0 || offset == lines.count - 1 ? .dim : .normal
            grid.write(line, column: left, row: top + offset, role: role, width: innerWidth)
        }
    }
}
