import SmileJobs
import TriageViewModel

/// Draws the whole dashboard: a pure function of the state and the size.
public enum Renderer {
    /// How many rows the document on top (a detail, the explainer) takes at the state's
    /// width; nil when the top screen is not a document. The effect runner tells the
    /// view-model (`Action.measured`), so End and Page Down stop at the last row.
    public static func documentRows(_ state: AppState) -> Int? {
        switch state.stack.last {
        case .detail(let detail)?: DocumentLayout.rowCount(detail.content, width: state.viewport.columns)
        case .explainer(let explainer)?: DocumentLayout.rowCount(explainer.content, width: state.viewport.columns)
        default: nil
        }
    }

    /// The rows of the document on top that hold its find's query, at the state's width
    /// (nil: no find, or no document on top). The effect runner tells the view-model
    /// (`Action.found`), which keeps the current match in view.
    public static func findMatches(_ state: AppState) -> [Int]? {
        guard let query = state.documentScroll?.find?.query, !query.isEmpty else { return nil }
        let content: [DocumentLine]
        switch state.stack.last {
        case .detail(let detail)?: content = detail.content
        case .explainer(let explainer)?: content = explainer.content
        default: return nil
        }
        let rows = DocumentLayout.rows(content, width: state.viewport.columns)
        return rows.indices.filter { Highlight.contains(rows[$0].text, query) }
    }

    public static func render(_ state: AppState, size: Size? = nil) -> Grid {
        let size = size ?? state.viewport
        var grid = Grid(size: size)
        if Layout.isTooSmall(size) {
            TooSmall.draw(into: &grid)
            return grid
        }
        switch state.stack.last {
        case nil: JobListScreen.draw(state, into: &grid)
        case .detail(let detail)?: DocumentScreen.drawDetail(state, detail, into: &grid)
        case .explainer(let explainer)?: DocumentScreen.drawExplainer(state, explainer, into: &grid)
        case .catalogue(let catalogue)?: CatalogueScreen.draw(state, catalogue, into: &grid)
        case .secure(let secure)?: SecureScreen.draw(state, secure, into: &grid)
        case .suspectList(let list)?: SecureScreen.drawSuspectList(state, list, into: &grid)
        case .rings(let rings)?: RingScreens.drawRings(state, rings, into: &grid)
        case .ring(let ring)?: RingScreens.drawRing(state, ring, into: &grid)
        case .frequency(let frequency)?: FrequencyScreen.draw(state, frequency, into: &grid)
        case .problems(let problems)?: ProblemsScreen.draw(state, problems, into: &grid)
        }
        switch state.overlay {
        case .help(let scroll)?: Overlays.drawHelp(state, scroll, into: &grid)
        case .filterMenu(let menu)?: Overlays.drawFilterMenu(state, menu, into: &grid)
        case .copyText(let label, let text)?: Overlays.drawCopyText(label: label, text: text, into: &grid)
        case .markMenu(let jobs, let subject)?: Overlays.drawMarkMenu(state, jobs: jobs, subject: subject, into: &grid)
        case .confirm(let confirmation)?: Overlays.drawConfirm(state, confirmation, into: &grid)
        case .prompt?, nil: break
        }
        return grid
    }
}

/// Below the minimum size: say so, plainly, and nothing else.
enum TooSmall {
    static func draw(into grid: inout Grid) {
        let size = grid.size
        let lines = [
            "Terminal too small", "\(size.columns)×\(size.rows): needs \(Layout.minimum.columns)×\(Layout.minimum.rows)", "q quits",
        ]
        let top = max(0, (size.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = DisplayWidth.of(line)
            grid.write(line, column: max(0, (size.columns - width) / 2), row: top + offset, role: offset == 0 ? .warning : .dim)
        }
    }
}
