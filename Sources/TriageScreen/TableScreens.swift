import SmileJobs
import TriageViewModel

/// Draws the rows of a table screen under its header, the selected row highlighted.
struct Rows {
    static func draw(count: Int, cursor: Cursor, into grid: inout Grid, row drawRow: (Int, Int, Bool, inout Grid) -> Void) {
        let height = Layout.bodyRows(grid.size, header: true)
        for offset in 0..<height {
            let index = cursor.top + offset
            guard index < count else { break }
            let row = Layout.titleRows + 1 + offset
            let selected = index == cursor.selected
            if selected { grid.fill(row: row, selected: true) }
            drawRow(index, row, selected, &grid)
        }
    }

    /// Writes cells left to right with one space between them.
    static func cells(_ cells: [(String, Int, StyleRole)], row: Int, selected: Bool, into grid: inout Grid) {
        var x = 0
        for (text, width, role) in cells {
            grid.write(text, column: x, row: row, role: role, width: width, selected: selected)
            x += width + 1
        }
    }
}

enum CatalogueScreen {
    static func draw(_ state: AppState, _ catalogue: CatalogueState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "result codes", into: &grid)
        let width = grid.size.columns
        let productWidth = width >= 100 ? 26 : 12
        let categoryWidth = width >= 60 ? 9 : 4
        Chrome.drawHeader([("CODE", 4), ("PRODUCT", productWidth), ("CATEGORY", categoryWidth), ("TEXT", width)], into: &grid)
        let entries = state.table.catalogue.entries
        Rows.draw(count: catalogue.matches.count, cursor: catalogue.cursor, into: &grid) { index, row, selected, grid in
            let entry = entries[catalogue.matches[index]]
            let product = productWidth >= 26 ? entry.product.name : entry.product.shortName
            let badge = categoryWidth >= 9 ? entry.outcomeBadge : entry.outcomeShortBadge
            Rows.cells(
                [
                    (entry.code, 4, .accent), (product, productWidth, .normal), (badge, categoryWidth, StyleRole(entry)),
                    (entry.text + (entry.deprecated ? " (deprecated)" : ""), width, entry.deprecated ? .dim : .normal),
                ],
                row: row, selected: selected, into: &grid)
        }
        let query = catalogue.query.isEmpty ? "" : " matching \"\(SafeText.clean(catalogue.query))\""
        Chrome.drawFooter(state, counts: false, info: "\(catalogue.matches.count) of \(entries.count) meanings\(query)", into: &grid)
    }
}

enum SecureScreen {
    static func draw(_ state: AppState, _ secure: SecureState, into grid: inout Grid) {
        let job = state.table.jobs[secure.job]
        Chrome.drawTitle(state, place: "Smile Secure · job " + SafeText.clean(job.smileJobID ?? job.id), into: &grid)
        // The header says whose suspects these are.
        grid.fill(row: 1, role: .label)
        let verdict = job.secure.map { [$0.code, $0.text].compactMap { $0 }.joined(separator: " ") } ?? ""
        grid.write(
            StyledLine([
                Span("User ", .label), Span(SafeText.clean(job.userID ?? "—"), .accent),
                Span(" · " + SafeText.clean(verdict) + " · \(job.suspects.count) suspect(s)", .label),
            ]), column: 0, row: 1)
        let decisions = state.marking.showsDecisions ? state : nil
        var layout = JobColumns(width: grid.size.columns - 4, decisionColumn: decisions != nil)
        layout.zone = state.zone
        let rings = state.table.ringIndex()
        Rows.draw(count: secure.rows.count, cursor: secure.cursor, into: &grid) { index, row, selected, grid in
            switch secure.rows[index] {
            case .suspect(let user, let reasons, let jobs):
                let reasonText = reasons.isEmpty ? "(no reason given)" : reasons.map { SafeText.clean($0) }.joined(separator: ", ")
                let count = jobs == 0 ? "no jobs loaded" : "\(jobs) job\(jobs == 1 ? "" : "s") loaded"
                grid.write(
                    StyledLine([
                        Span("◆ ", .secureSuspect), Span(SafeText.clean(user), .secureSuspect),
                        Span("  " + reasonText, .normal), Span("  " + count, .dim),
                    ]), column: 0, row: row, selected: selected)
            case .job(let jobIndex):
                var shifted = Grid(size: Size(columns: grid.size.columns - 4, rows: 1))
                layout.draw(
                    job: Int(jobIndex), table: state.table, rings: rings, decisions: decisions, row: 0, selected: selected, into: &shifted)
                for x in 0..<shifted.size.columns { grid[x + 4, row] = shifted[x, 0] }
            case .note(let text):
                grid.write("    " + text, column: 0, row: row, role: .dim, selected: selected)
            }
        }
        Chrome.drawFooter(
            state, counts: false, info: "Enter opens a suspect's job · a e t mark it · M marks them all · Esc back", into: &grid)
    }

    static func drawSuspectList(_ state: AppState, _ list: SuspectListState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "jobs with Smile Secure suspects", into: &grid)
        let decisions = state.marking.showsDecisions ? state : nil
        var layout = JobColumns(width: grid.size.columns, decisionColumn: decisions != nil)
        layout.zone = state.zone
        Chrome.drawHeader(layout.columns.map { (layout.heading($0.0), $0.1) }, into: &grid)
        let rings = state.table.ringIndex()
        if list.jobs.isEmpty { grid.write("No loaded job has Smile Secure suspects, or is named as one.", column: 2, row: 3, role: .dim) }
        Rows.draw(count: list.jobs.count, cursor: list.cursor, into: &grid) { index, row, selected, grid in
            layout.draw(
                job: Int(list.jobs[index]), table: state.table, rings: rings, decisions: decisions, row: row, selected: selected,
                into: &grid)
        }
        let named = list.jobs.filter { state.table.isNamedAsSuspect(Int($0)) }.count
        Chrome.drawFooter(
            state, counts: false,
            info:
                "\(list.jobs.count - named) with suspects · \(named) named as one (SECURE: NAMED) · Enter shows the suspects · M marks all",
            into: &grid)
    }
}

enum RingScreens {
    static func drawRings(_ state: AppState, _ rings: RingsState, into grid: inout Grid) {
        let index = state.table.ringIndex()
        Chrome.drawTitle(state, place: "Smile Secure rings", into: &grid)
        let wide = grid.size.columns >= 100
        let timeWidth = wide ? 16 : 11
        Chrome.drawHeader(
            [("RING", 5), ("USERS", 5), ("JOBS", 5), ("FIRST SEEN", timeWidth), ("LAST SEEN", timeWidth), ("REASONS", grid.size.columns)],
            into: &grid)
        if index.rings.isEmpty {
            grid.write("No rings: no loaded Smile Secure callback links two users.", column: 2, row: 3, role: .dim)
        }
        Rows.draw(count: rings.rings.count, cursor: rings.cursor, into: &grid) { position, row, selected, grid in
            let ring = index.rings[rings.rings[position]]
            let reasons = Set(ring.links.flatMap(\.reasons)).sorted().map { SafeText.clean($0) }.joined(separator: ", ")
            func time(_ value: Timestamp?) -> String {
                guard let text = value.map(state.zone.text) else { return "—" }
                return wide ? String(text.prefix(16)) : String(text.dropFirst(5).prefix(11))
            }
            Rows.cells(
                [
                    (ring.label, 5, .marker), (String(ring.users.count), 5, .normal), (String(ring.jobs.count), 5, .normal),
                    (time(ring.firstSeen), timeWidth, .dim), (time(ring.lastSeen), timeWidth, .dim),
                    (reasons.isEmpty ? "—" : reasons, grid.size.columns, .normal),
                ], row: row, selected: selected, into: &grid)
        }
        let without = index.suspectsWithoutJobs.count
        let info =
            "\(index.rings.count) ring\(index.rings.count == 1 ? "" : "s")"
            + (without > 0 ? " · \(without) suspect(s) not in the loaded data" : "")
        Chrome.drawFooter(state, counts: false, info: info, into: &grid)
    }

    static func drawRing(_ state: AppState, _ ringState: RingState, into grid: inout Grid) {
        let index = state.table.ringIndex()
        let ring = index.rings[ringState.ring]
        Chrome.drawTitle(state, place: "ring " + ring.label, into: &grid)
        grid.fill(row: 1, role: .label)
        grid.write(
            "Ring \(ring.label): \(ring.users.count) users, \(ring.jobs.count) jobs, \(ring.links.count) links", column: 0, row: 1,
            role: .label)
        let decisions = state.marking.showsDecisions ? state : nil
        var layout = JobColumns(width: grid.size.columns - 4, ringColumn: false, decisionColumn: decisions != nil)
        layout.zone = state.zone
        Rows.draw(count: ringState.rows.count, cursor: ringState.cursor, into: &grid) { position, row, selected, grid in
            switch ringState.rows[position] {
            case .heading(let text):
                grid.write(text, column: 0, row: row, role: .title, selected: selected)
            case .user(let user, let jobs):
                grid.write(
                    StyledLine([
                        Span("◆ ", .marker), Span(SafeText.clean(user), .accent),
                        Span("  " + (jobs == 0 ? "no jobs loaded" : "\(jobs) job\(jobs == 1 ? "" : "s")"), .dim),
                    ]),
                    column: 0, row: row, selected: selected)
            case .job(let jobIndex):
                var shifted = Grid(size: Size(columns: grid.size.columns - 4, rows: 1))
                layout.draw(
                    job: Int(jobIndex), table: state.table, rings: nil, decisions: decisions, row: 0, selected: selected, into: &shifted)
                for x in 0..<shifted.size.columns { grid[x + 4, row] = shifted[x, 0] }
            case .link(let from, let to, let reasons):
                let reasonText = reasons.isEmpty ? "" : " (" + reasons.map { SafeText.clean($0) }.joined(separator: ", ") + ")"
                grid.write("  " + SafeText.clean(from) + " → " + SafeText.clean(to) + reasonText, column: 0, row: row, selected: selected)
            case .note(let text):
                grid.write("    " + text, column: 0, row: row, role: .dim, selected: selected)
            }
        }
        let first = ring.firstSeen.map(state.zone.labelled) ?? "—"
        let last = ring.lastSeen.map(state.zone.labelled) ?? "—"
        Chrome.drawFooter(
            state, counts: false, info: "first seen \(first) · last seen \(last) · M marks every job of the ring", into: &grid)
    }
}

enum FrequencyScreen {
    static func draw(_ state: AppState, _ frequency: FrequencyState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "frequency by \(frequency.dimension.title)", into: &grid)
        let width = grid.size.columns
        let labelWidth = min(32, max(12, width / 3))
        let detailWidth =
            frequency.dimension == .code || frequency.dimension == .actions ? min(40, max(8, width / 4)) : (width >= 80 ? 12 : 0)
        let barWidth = max(0, width - labelWidth - detailWidth - 8 - 7 - 4)
        var header = [(frequency.dimension.title.uppercased(), labelWidth)]
        if detailWidth > 0 { header.append((frequency.dimension == .actions ? "OUTCOME" : "", detailWidth)) }
        header += [
            (DisplayWidth.fit("JOBS", to: 7, alignRight: true), 7), (DisplayWidth.fit("%", to: 6, alignRight: true), 6), ("", barWidth),
        ]
        Chrome.drawHeader(header, into: &grid)
        let most = max(1, frequency.buckets.map(\.count).max() ?? 1)
        Rows.draw(count: frequency.buckets.count, cursor: frequency.cursor, into: &grid) { index, row, selected, grid in
            let bucket = frequency.buckets[index]
            let percent = frequency.total == 0 ? 0 : Double(bucket.count) * 100 / Double(frequency.total)
            let tenths = Int((percent * 10).rounded())
            var cells: [(String, Int, StyleRole)] = [(SafeText.clean(bucket.label), labelWidth, bucket.role)]
            if detailWidth > 0 {
                cells.append((SafeText.clean(bucket.detail), detailWidth, frequency.dimension == .actions ? bucket.role : .dim))
            }
            let bar = String(repeating: "█", count: max(bucket.count > 0 ? 1 : 0, bucket.count * barWidth / most))
            cells += [
                (DisplayWidth.fit(String(bucket.count), to: 7, alignRight: true), 7, .normal),
                (DisplayWidth.fit("\(tenths / 10).\(tenths % 10)", to: 6, alignRight: true), 6, .dim),
                (bar, barWidth, bucket.role == .normal ? .accent : bucket.role),
            ]
            Rows.cells(cells, row: row, selected: selected, into: &grid)
        }
        let tabs = FrequencyDimension.allCases.map { $0 == frequency.dimension ? "[\($0.title)]" : $0.title }.joined(separator: " ")
        Chrome.drawFooter(state, counts: false, info: "of \(frequency.total) shown · " + tabs, into: &grid)
    }
}

enum ProblemsScreen {
    static func draw(_ state: AppState, _ problems: ProblemsState, into grid: inout Grid) {
        Chrome.drawTitle(state, place: "problems", into: &grid)
        let width = grid.size.columns
        let placeWidth = min(48, max(16, width * 2 / 5))
        Chrome.drawHeader([("WHERE", placeWidth), ("KIND", 10), ("WHAT", width)], into: &grid)
        let total = state.problemRowCount
        let errorsEnd = state.problems.count + state.requestErrors.count
        if total == 0 { grid.write("Every record was read.", column: 2, row: 3, role: .success) }
        Rows.draw(count: total, cursor: problems.cursor, into: &grid) { index, row, selected, grid in
            if index < state.problems.count {
                let problem = state.problems[index]
                Rows.cells(
                    [
                        (DisplayWidth.truncateLeft(SafeText.clean(problem.location), to: placeWidth), placeWidth, .accent),
                        (problem.kind.rawValue, 10, .warning),
                        (SafeText.clean(problem.message), width, .normal),
                    ], row: row, selected: selected, into: &grid)
            } else if index >= errorsEnd {
                let acknowledgement = state.acknowledgements[index - errorsEnd]
                let job = acknowledgement.jobID.map { "job " + SafeText.clean($0) + ": " } ?? ""
                Rows.cells(
                    [
                        (
                            DisplayWidth.truncateLeft(SafeText.clean(acknowledgement.source) + ":\(acknowledgement.line)", to: placeWidth),
                            placeWidth, .accent
                        ),
                        ("accepted", 10, .dim),
                        ("acknowledgement: " + job + SafeText.clean(acknowledgement.message), width, .normal),
                    ], row: row, selected: selected, into: &grid)
            } else {
                let error = state.requestErrors[index - state.problems.count]
                let code = error.code.map { SafeText.clean($0) + " " } ?? ""
                Rows.cells(
                    [
                        (DisplayWidth.truncateLeft(SafeText.clean(error.source) + ":\(error.line)", to: placeWidth), placeWidth, .accent),
                        ("request", 10, .dim),
                        ("error body: " + code + SafeText.clean(error.message), width, .normal),
                    ], row: row, selected: selected, into: &grid)
            }
        }
        // The selected row's whole message, which the table cuts.
        var info = "\(state.problems.count) could not be read · \(state.requestErrors.count) error bodies (failed requests)"
        if !state.acknowledgements.isEmpty { info += " · \(state.acknowledgements.count) acknowledgements" }
        if problems.cursor.selected < state.problems.count, !state.problems.isEmpty {
            let problem = state.problems[problems.cursor.selected]
            info = SafeText.clean(problem.location + ": " + problem.message)
        } else if problems.cursor.selected >= errorsEnd,
            let acknowledgement = state.acknowledgements[safe: problems.cursor.selected - errorsEnd]
        {
            info = SafeText.clean(
                "\(acknowledgement.source):\(acknowledgement.line): submission accepted"
                    + (acknowledgement.jobID.map { ", job \($0)" } ?? "") + (acknowledgement.userID.map { ", user \($0)" } ?? "")
                    + ": \(acknowledgement.message)")
        } else if !state.requestErrors.isEmpty, let error = state.requestErrors[safe: problems.cursor.selected - state.problems.count] {
            info = SafeText.clean(
                "\(error.source):\(error.line): error body \(error.code ?? "") \(error.message)"
                    + (error.codeMeaning.map { " (\($0))" } ?? ""))
        }
        Chrome.drawFooter(state, counts: false, info: info, into: &grid)
    }
}
