import SmileJobs
import TriageViewModel

/// Screens that are a scrolling document of lines: a job's detail and the code explainer.
enum DocumentScreen {
    static func drawDetail(_ state: AppState, _ detail: DetailState, into grid: inout Grid) {
        let job = state.table.jobs[detail.job]
        let place = "job " + SafeText.clean(job.smileJobID ?? job.partnerJobID ?? job.id)
        Chrome.drawTitle(state, place: place, into: &grid)
        drawLines(detail.lines, from: detail.scroll.top, into: &grid)
        let position = state.visible.firstIndex(of: Int32(detail.job)).map { "job \($0 + 1) of \(state.visible.count) · " } ?? ""
        Chrome.drawFooter(
            state, counts: false, info: position + scrollInfo(detail.scroll, lines: detail.lines.count, grid: grid), into: &grid)
    }

    static func drawExplainer(_ state: AppState, _ explainer: ExplainerState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "code " + SafeText.clean(explainer.code), into: &grid)
        drawLines(explainer.lines, from: explainer.scroll.top, into: &grid)
        Chrome.drawFooter(state, counts: false, info: scrollInfo(explainer.scroll, lines: explainer.lines.count, grid: grid), into: &grid)
    }

    static func drawLines(_ lines: [StyledLine], from top: Int, into grid: inout Grid) {
        let height = Layout.bodyRows(grid.size, header: false)
        for offset in 0..<height {
            let index = top + offset
            guard index < lines.count else { break }
            grid.write(lines[index], column: 0, row: Layout.titleRows + offset)
        }
    }

    static func scrollInfo(_ scroll: Scroll, lines: Int, grid: Grid) -> String {
        let height = Layout.bodyRows(grid.size, header: false)
        guard lines > height else { return "all \(lines) lines" }
        let last = min(lines, scroll.top + height)
        return "lines \(scroll.top + 1)–\(last) of \(lines)"
    }
}
