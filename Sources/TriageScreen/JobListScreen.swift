import JobIndex
import SmileJobs
import TriageViewModel

/// The columns of a job row, fitted to a width: wide screens get full times and product
/// names, narrow ones short forms, and the result text takes what is left.
struct JobColumns {
    enum Column: Equatable {
        case review, time, job, user, product, code, category, decision, secure, ring, text
    }

    var columns: [(Column, Int)]
    /// The zone the time column shows (set from the state by whoever draws).
    var zone = DisplayZone.utc
    let wide: Bool
    let narrow: Bool

    /// Full product names only where there is room for them.
    let fullProducts: Bool

    /// `decisionColumn`: what was decided (when decisions are on): a word, three letters or a sign.
    init(width: Int, ringColumn: Bool = true, decisionColumn: Bool = false, preferences: ColumnPreferences = ColumnPreferences()) {
        wide = width >= 110
        narrow = width < 60
        fullProducts = width >= 150
        var fixed: [(Column, Int)]
        if fullProducts {
            // Full product names, and the rest of the width to the result text (it tells codes apart).
            fixed = [(.time, 19), (.job, 11), (.user, 18), (.product, 26), (.code, 4), (.category, 9), (.secure, 7)]
        } else if wide {
            fixed = [(.time, 19), (.job, 11), (.user, 14), (.product, 9), (.code, 4), (.category, 9), (.secure, 7)]
        } else if narrow {
            fixed = [(.time, 5), (.job, 11), (.code, 4), (.category, 4), (.secure, 3)]
        } else {
            fixed = [(.time, 11), (.job, 11), (.product, 9), (.code, 4), (.category, 9), (.secure, 3)]
        }
        if decisionColumn {
            let place = (fixed.firstIndex { $0.0 == .category } ?? fixed.count - 1) + 1
            fixed.insert((.decision, wide ? 11 : narrow ? 1 : 3), at: place)
        }
        if ringColumn && !narrow { fixed.append((.ring, 5)) }
        // Hidden columns go; the result text takes (or gives) room from the user and product columns.
        let names: [Column: String] = [
            .user: "user", .product: "product", .code: "code", .secure: "secure", .ring: "ring", .decision: "decision",
        ]
        fixed.removeAll { names[$0.0].map(preferences.hidden.contains) ?? false }
        var extra = preferences.resultExtra
        for (column, minimum) in [(Column.user, 8), (.product, 7)] {
            guard extra != 0, let index = fixed.firstIndex(where: { $0.0 == column }) else { continue }
            let take = extra > 0 ? min(extra, max(0, fixed[index].1 - minimum)) : max(extra, -20)
            fixed[index].1 -= take
            extra -= take
        }
        fixed.insert((.review, 1), at: 0)
        let used = fixed.reduce(0) { $0 + $1.1 + 1 }
        columns = fixed + [(.text, max(4, width - used))]
    }

    static let superscripts: [Character: String] = [
        "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "0": "⁰",
    ]

    /// The short form of a job's product ("Bio KYC", "DocV"); job type 5 without a telling code is "B/E KYC".
    func heading(_ column: Column) -> String {
        switch column {
        case .review: ReviewMarker.heading
        case .time: wide ? "TIME (\(zone.label))" : "TIME"
        case .job: "JOB ID"
        case .user: "USER ID"
        case .product: "PRODUCT"
        case .code: "CODE"
        case .category: narrow ? "CAT" : "CATEGORY"
        case .secure: wide ? "SECURE" : "SEC"
        case .ring: "RNG"
        case .decision: wide ? "DECISION" : narrow ? "D" : "DEC"
        case .text: "RESULT"
        }
    }

    static func sortColumn(_ column: Column) -> SortColumn? {
        switch column {
        case .time: .time
        case .job: .job
        case .user: .user
        case .product: .product
        case .code: .code
        case .category: .category
        case .secure: .secure
        case .text: .text
        case .ring, .decision, .review: nil
        }
    }

    /// The spans of one job's row, column by column.
    func cells(for index: Int, table: JobTable, rings: RingIndex?, decisions: AppState? = nil) -> [(String, StyleRole)] {
        let row = table.row(index)
        let review = table.reviewQueue().reasons(index)
        return columns.map { column, _ in
            switch column {
            case .review: return review.isEmpty ? ("", .normal) : (ReviewMarker.glyph, .review)
            case .time:
                guard let time = row.time.map(zone.text) else { return ("—", .dim) }
                if wide { return (time, .dim) }
                if narrow { return (String(time.dropFirst(11).prefix(5)), .dim) }
                return (String(time.dropFirst(5).prefix(11)), .dim)
            case .job:
                let id = SafeText.clean(row.displayID ?? "—")
                // A signature that does not hold is shouted: the record may be forged.
                if row.signature == .invalid || row.signature == .replayed { return ("⚠" + id, .errorText) }
                return (id, .normal)
            case .user: return (SafeText.clean(row.userID ?? "—"), row.userID == nil ? .dim : .normal)
            case .product: return (SafeText.clean(fullProducts ? row.product : row.shortProduct), .normal)
            case .code: return (SafeText.clean(row.code ?? "—"), row.code == nil ? .dim : .accent)
            case .category: return (narrow ? row.category.shortBadge : row.category.badge, StyleRole(row.category))
            case .secure:
                let verdict = row.secure
                // A user another job named as a suspect is not "ok", whatever their own verdict says.
                if verdict != .suspects, review.contains(.namedAsSuspect) { return (wide ? "NAMED" : "NMD", .secureSuspect) }
                let text = wide ? verdict.marker : (verdict == .suspects ? "SUS" : verdict.marker)
                return (text, StyleRole(verdict))
            case .ring:
                guard let user = row.userID, let rings, let ring = rings.ring(ofUser: user) else { return ("", .normal) }
                return (rings.rings[ring].label, .marker)
            case .decision:
                // Another desk on the job is named where there is room: "@bo".
                if let claim = decisions?.claims(ofJob: index).first {
                    let state = decisions?.marks.state(index)
                    let who = "@" + SafeText.clean(claim.who)
                    if narrow { return ("@", .warning) }
                    return ([wide ? state?.label : state?.shortLabel, who].compactMap { $0 }.joined(separator: " "), .warning)
                }
                guard let state = decisions?.marks.state(index) else { return (narrow ? " " : "", .dim) }
                let text = wide ? state.label : narrow ? state.glyph : state.shortLabel
                // A note waiting for the next shift is marked where there is room.
                let noted = wide && !(decisions?.decision(ofJob: index)?.note.isEmpty ?? true)
                return (text + (noted ? " ✎" : ""), StyleRole(decision: state))
            case .text:
                let width = columns.last { $0.0 == .text }?.1 ?? 20
                return (ResultTextFit.fit(SafeText.clean(row.resultText ?? ""), width: width), .normal)
            }
        }
    }

    func draw(
        job index: Int, table: JobTable, rings: RingIndex?, decisions: AppState? = nil, row: Int, selected: Bool, into grid: inout Grid
    ) {
        if selected { grid.fill(row: row, selected: true) }
        var x = 0
        for ((text, role), (_, width)) in zip(cells(for: index, table: table, rings: rings, decisions: decisions), columns) {
            grid.write(text, column: x, row: row, role: role, width: width, selected: selected)
            x += width + 1
        }
    }
}

/// The list's mark for a job that needs review (the reasons are in its detail).
enum ReviewMarker {
    static let glyph = "⚑"
    static let heading = "⚑"
}

enum JobListScreen {
    static func draw(_ state: AppState, into grid: inout Grid) {
        let showsDecisions = state.marking.showsDecisions
        var layout = JobColumns(width: grid.size.columns, decisionColumn: showsDecisions, preferences: state.columns)
        layout.zone = state.zone
        // "…" while the list is being sorted on another thread: the rows are still in the
        // order before.
        let arrow = state.searching?.sorting == true ? "…" : state.sort.ascending ? "▲" : "▼"
        var place = state.visible.count == state.table.count ? "jobs" : "jobs (filtered)"
        // Sorted by a column the width (or `:hide`) leaves out: the order is said on top
        // (narrow, in place of the screen's name: the left half holds the job count).
        if !layout.columns.contains(where: { JobColumns.sortColumn($0.0) == state.sort.column }) {
            let order = "by \(state.sort.column.title) \(arrow)"
            place = grid.size.columns < 60 ? order : place + " · " + order
        }
        Chrome.drawTitle(state, place: place, into: &grid)
        Chrome.drawHeader(
            layout.columns.map { column, width in
                var heading = layout.heading(column)
                // Wide: the key that sorts by the column, as a small digit (1 sorts by time).
                let sorted = JobColumns.sortColumn(column) == state.sort.column
                if layout.wide, DisplayWidth.of(heading) + 1 + (sorted ? 1 : 0) <= width, let sort = JobColumns.sortColumn(column),
                    case .character(let key)? = state.keymap.key(for: .sortBy(sort), on: .jobList), let small = JobColumns.superscripts[key]
                {
                    heading += small
                }
                guard sorted else { return (heading, width) }
                guard DisplayWidth.of(heading) >= width else { return (heading + arrow, width) }
                // The arrow is kept where the heading does not fit with it: "COD▲", not "COD…".
                var fitted = "", used = 0
                for character in heading {
                    used += DisplayWidth.of(character)
                    guard used < width else { break }
                    fitted.append(character)
                }
                return (fitted + arrow, width)
            }, into: &grid)
        let height = Layout.bodyRows(state.viewport.rows == grid.size.rows ? state.viewport : grid.size, header: true)
        let rings = state.table.count > 0 ? state.table.ringIndex() : nil
        if state.visible.isEmpty {
            let message =
                state.loading.map { !$0.done } == true
                ? "Loading…"
                : state.table.count == 0
                    ? (state.problems.isEmpty ? "No jobs loaded." : "No jobs loaded: every record had a problem (P shows them).")
                    : "No job matches. c clears the filter and search."
            grid.write(message, column: 2, row: 3, role: .dim)
        }
        // A range being selected is drawn like the selection, every row of it.
        let range = state.rangePositions
        for offset in 0..<height {
            let position = state.cursor.top + offset
            guard position < state.visible.count else { break }
            layout.draw(
                job: Int(state.visible[position]), table: state.table, rings: rings,
                decisions: showsDecisions ? state : nil, row: 2 + offset,
                selected: position == state.cursor.selected || range?.contains(position) == true, into: &grid)
        }
        Chrome.drawFooter(state, into: &grid)
    }
}
