import SmileJobs
import TriageViewModel

/// Screens that are a scrolling document of lines: a job's detail and the code explainer.
enum DocumentScreen {
    static func drawDetail(_ state: AppState, _ detail: DetailState, into grid: inout Grid) {
        let job = state.table.jobs[detail.job]
        let place = "job " + SafeText.clean(job.smileJobID ?? job.partnerJobID ?? job.id)
        Chrome.drawTitle(state, place: place, into: &grid)
        let rows = DocumentLayout.rows(detail.content, width: grid.size.columns)
        let top = drawLines(rows, scroll: detail.scroll, into: &grid)
        let position = state.visible.firstIndex(of: Int32(detail.job)).map { "job \($0 + 1) of \(state.visible.count) · " } ?? ""
        Chrome.drawFooter(
            state, counts: false, info: findInfo(detail.scroll) + position + scrollInfo(top: top, lines: rows.count, grid: grid),
            into: &grid)
    }

    static func drawExplainer(_ state: AppState, _ explainer: ExplainerState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "code " + SafeText.clean(explainer.code), into: &grid)
        let rows = DocumentLayout.rows(explainer.content, width: grid.size.columns)
        let top = drawLines(rows, scroll: explainer.scroll, into: &grid)
        Chrome.drawFooter(
            state, counts: false, info: findInfo(explainer.scroll) + scrollInfo(top: top, lines: rows.count, grid: grid), into: &grid)
    }

    /// Draws the rows the scroll position shows (kept in bounds here: the position may not
    /// have been measured at this width yet); returns the first row drawn.
    @discardableResult
    static func drawLines(_ lines: [StyledLine], scroll: Scroll, into grid: inout Grid) -> Int {
        let height = Layout.bodyRows(grid.size, header: false)
        let top = scroll.firstRow(of: lines.count, height: height)
        let find = scroll.find
        let currentRow = find.flatMap { find in find.matches?[safe: find.current] }
        for offset in 0..<height {
            let index = top + offset
            guard index < lines.count else { break }
            var line = lines[index]
            if let find, !find.query.isEmpty {
                line = Highlight.apply(line, query: find.query, role: index == currentRow ? .currentMatch : .match)
            }
            grid.write(line, column: 0, row: Layout.titleRows + offset)
        }
        return top
    }

    /// `"liveness" 3/12 · ` while a find is on.
    static func findInfo(_ scroll: Scroll) -> String {
        guard let find = scroll.find, let position = find.position else { return "" }
        return "\"" + SafeText.clean(String(find.query.prefix(20))) + "\" " + position + " · "
    }

    static func scrollInfo(top: Int, lines: Int, grid: Grid) -> String {
        let height = Layout.bodyRows(grid.size, header: false)
        guard lines > height else { return "all \(lines) lines" }
        let last = min(lines, top + height)
        return "lines \(top + 1)–\(last) of \(lines)"
    }
}
