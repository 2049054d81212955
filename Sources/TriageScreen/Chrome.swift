import JobIndex
import SmileJobs
import TriageViewModel

/// The title bar, the column header and the two footer rows every screen shares.
enum Chrome {
    /// Row 0: what is loaded on the left, where you are on the right.
    static func drawTitle(_ state: AppState, place: String, into grid: inout Grid) {
        grid.fill(row: 0, role: .header)
        let title = SafeText.clean(state.title)
        let name = state.title.isEmpty ? "smile-triage" : (grid.size.columns < 60 ? title : "smile-triage · " + title)
        let jobs = "\(groupedThousands(state.table.count)) job\(state.table.count == 1 ? "" : "s")"
        let right = SafeText.clean(place)
        let rightWidth = min(DisplayWidth.of(right), grid.size.columns / 2)
        let leftWidth = grid.size.columns - rightWidth - 2
        // The job count matters more than the path: cut the path first.
        let jobsText = " · " + jobs
        let nameWidth = max(0, leftWidth - 1 - DisplayWidth.of(jobsText))
        let used = grid.write(" " + DisplayWidth.truncate(name, to: nameWidth), column: 0, row: 0, role: .header, width: leftWidth)
        grid.write(jobsText, column: used, row: 0, role: .header, width: leftWidth - used)
        grid.write(right + " ", column: grid.size.columns - rightWidth - 1, row: 0, role: .header, width: rightWidth + 1)
    }

    /// A header row of column titles.
    static func drawHeader(_ titles: [(String, Int)], row: Int = 1, into grid: inout Grid) {
        grid.fill(row: row, role: .label)
        var column = 0
        for (title, width) in titles {
            grid.write(title, column: column, row: row, role: .label, width: width)
            column += width + 1
        }
    }

    /// The status bar (counts by category, problems) and the line under it (prompt,
    /// message, the active filter, or key hints).
    static func drawFooter(_ state: AppState, counts: Bool = true, info: String? = nil, into grid: inout Grid) {
        let statusRow = grid.size.rows - 2
        let hintRow = grid.size.rows - 1
        let width = grid.size.columns
        grid.fill(row: statusRow, role: .status)

        // Right end: problems, which must never be hidden, and what is arriving. Each
        // segment is whole or left out, the least needed first (see `fitRight`).
        // Each segment with how much it matters when room runs out (higher stays longer).
        var right: [(span: Span, keep: Int)] = []
        if state.following {
            let key = state.keymap.key(for: .jumpToNewest, on: .jobList)?.description ?? ">"
            right.append(
                (Span(state.newJobs > 0 ? " \(state.newJobs) new (\(key)) " : " following ", state.newJobs > 0 ? .accent : .dim), 2))
        }
        if let range = state.rangePositions, state.stack.isEmpty {
            right.append((Span(" range: \(groupedThousands(range.count)) job\(range.count == 1 ? "" : "s") ", .accent), 2))
        }
        if state.marking.showsDecisions && counts && info == nil {
            let triaged = state.marks.triagedCount(state.visible)
            right.append((Span(" \(groupedThousands(triaged)) of \(groupedThousands(state.visible.count)) triaged ", .status), 0))
        }
        if state.link.isOffline { right.append((Span(" offline: marks refused ", .errorText), Chrome.alwaysShown)) }
        switch state.marking {
        case .readOnly: right.append((Span(" read-only ", .warning), 3))
        case .unavailable(_?): right.append((Span(" decisions off ", .warning), 3))
        case .writable, .unavailable(nil): break
        }
        if counts, info == nil, state.visibleChaseCount > 0 {
            right.append((Span(" \(groupedThousands(state.visibleChaseCount)) to chase ", .warning), 3))
        }
        let problemCount = state.problems.count
        if problemCount > 0 {
            let key = state.keymap.key(for: .problems, on: state.screenKind)?.description ?? "P"
            right.append((Span(" \(problemCount) problem\(problemCount == 1 ? "" : "s") (\(key)) ", .warning), Chrome.alwaysShown))
        }
        let rightLine = StyledLine(fitRight(right, room: width / 2))
        let rightWidth = min(rightLine.width, width / 2)
        if rightWidth > 0 { grid.write(rightLine, column: width - rightWidth, row: statusRow, width: rightWidth) }

        var left: [Span] = []
        if let info {
            left.append(Span(" " + info, .status))
        } else if counts {
            let shown = state.visible.count
            let total = state.table.count
            left.append(
                Span(
                    shown == total
                        ? " \(groupedThousands(total)) jobs " : " \(groupedThousands(shown)) of \(groupedThousands(total)) shown ", .status)
            )
            if state.visibleReviewCount > 0 {
                let count = groupedThousands(state.visibleReviewCount)
                let full = " " + ReviewMarker.glyph + " \(count) to review "
                let fits = StyledLine(left).width + DisplayWidth.of(full) <= width - rightWidth - 1
                left.append(Span(fits ? full : " " + ReviewMarker.glyph + " \(count) ", .review))
            }
            let room = width - rightWidth - 1 - StyledLine(left).width
            left.append(contentsOf: categorySegments(state.visibleCategoryCounts, room: room))
        }
        grid.write(StyledLine(left), column: 0, row: statusRow, width: width - rightWidth - 1)

        // The last line.
        grid.fill(row: hintRow)
        if case .prompt(let prompt)? = state.overlay {
            drawPrompt(state, prompt, row: hintRow, into: &grid)
            return
        }
        if let message = state.message {
            grid.write(" " + SafeText.clean(message.text), column: 0, row: hintRow, role: message.role)
            return
        }
        if let loading = state.loading, !loading.done {
            grid.write(loadingLine(loading, width: width), column: 0, row: hintRow)
            return
        }
        if state.stack.isEmpty && (!state.filter.isEmpty || !state.search.isEmpty) {
            var spans: [Span] = []
            if !state.filter.isEmpty {
                spans.append(contentsOf: [Span(" filter ", .label), Span(SafeText.clean(state.filter.summary), .accent)])
            }
            if !state.search.isEmpty {
                spans.append(contentsOf: [Span(" search ", .label), Span("\"" + SafeText.clean(state.search) + "\"", .accent)])
                if state.searching != nil { spans.append(Span(" searching…", .dim)) }
            }
            let clear = state.keymap.key(for: .clearFilters, on: .jobList)?.description ?? "c"
            let tail = Span("  \(clear) clears", .statusKey)
            let line = StyledLine(spans)
            let tailWidth = DisplayWidth.of(tail.text)
            grid.write(line, column: 0, row: hintRow, width: width - tailWidth)
            grid.write(tail.text, column: min(line.width, width - tailWidth), row: hintRow, role: .statusKey)
            return
        }
        drawHints(state, row: hintRow, into: &grid)
    }

    /// A right segment that is never left out (problems).
    static let alwaysShown = Int.max

    /// The right segments that fit, whole: the least kept first (triaged, then what is
    /// arriving, then the warnings); problems never.
    static func fitRight(_ segments: [(span: Span, keep: Int)], room: Int) -> [Span] {
        var kept = segments
        while StyledLine(kept.map(\.span)).width > room,
            let weakest = kept.indices.min(by: { kept[$0].keep < kept[$1].keep }), kept[weakest].keep != alwaysShown
        {
            kept.remove(at: weakest)
        }
        return kept.map(\.span)
    }

    /// Which categories come first when not all fit: the outcomes people count most.
    static let categoryPriority: [Category] = [
        .rejected, .approved, .review, .error, .pending, .provisional, .approvedWithAttention, .retry, .inconclusive, .unknown,
    ]

    /// The status bar's counts by category, whole or not at all: full words when all fit,
    /// else four letters (`APPR 31`), else the least counted-on categories are left out.
    /// Shown in urgency order.
    static func categorySegments(_ counts: [Category: Int], room: Int) -> [Span] {
        let present = Category.allCases.sorted().filter { (counts[$0] ?? 0) > 0 }
        func spans(_ categories: [Category], short: Bool) -> [Span] {
            categories.flatMap { category in
                [
                    Span(" "), Span(short ? category.shortBadge : category.badge, StyleRole(category)),
                    Span(" \(groupedThousands(counts[category]!))", .status),
                ]
            }
        }
        func width(_ spans: [Span]) -> Int { StyledLine(spans).width }
        if width(spans(present, short: false)) <= room { return spans(present, short: false) }
        var kept = present
        while !kept.isEmpty, width(spans(kept, short: true)) > room {
            let dropped = categoryPriority.last { kept.contains($0) }!
            kept.removeAll { $0 == dropped }
        }
        return spans(kept, short: true)
    }

    /// The open prompt on the last line: what it is for, the text (its end kept in view
    /// as it grows), a cursor, and the keys when there is room.
    static func drawPrompt(_ state: AppState, _ prompt: Prompt, row: Int, into grid: inout Grid) {
        let width = grid.size.columns
        let lead: String
        let help: String
        switch prompt.purpose {
        case .search:
            lead = "/"
            help = "  Enter keep · Esc cancel · Ctrl-U clear"
        case .noSearch:
            lead = "/"
            help = "  no search on this screen: Enter or Esc closes"
        case .find:
            lead = "/"
            help = "  Enter keeps · then n next, N previous · Esc closes"
        case .command:
            lead = ":"
            help = "  Tab completes · ↑↓ history · Enter runs · Esc cancels"
        case .note(let jobs):
            lead = jobs.count == 1 ? "Note on \(SafeText.clean(state.table.store.jobKey(jobs[0]))): " : "Note on \(jobs.count) jobs: "
            help = "  Enter saves · Esc cancels"
        case .export(let overwrite):
            lead =
                overwrite
                ? "That file exists. Replace it, or change the name: "
                : "Export \(groupedThousands(state.visible.count)) jobs to (.csv or .json): "
            help = overwrite ? "  Enter replaces it · Esc cancels" : "  Enter writes · Esc cancels"
        }
        let used = grid.write(lead, column: 0, row: row, role: .label, width: width / 2)
        var text = SafeText.clean(prompt.text)
        let room = max(1, width - used - 1)
        // Keep the end of a long note in view: it is where the typing happens.
        while DisplayWidth.of(text) > room - 1, !text.isEmpty { text.removeFirst() }
        let typed = grid.write(text, column: used, row: row, role: .prompt, width: room)
        grid.write("▏", column: used + typed, row: row, role: .prompt)
        var after = used + typed + 1
        // A search on another thread: the list below is still the one before this letter.
        if prompt.purpose == .search, state.searching != nil {
            let note = "  searching \(groupedThousands(state.table.count)) jobs…"
            if after + DisplayWidth.of(note) <= width {
                grid.write(note, column: after, row: row, role: .accent)
                after += DisplayWidth.of(note)
            }
        }
        if after + DisplayWidth.of(help) <= width { grid.write(help, column: after, row: row, role: .dim) }
    }

    /// `Loading ▕████░░░░▏ 42% · 280 of 675 MB · 412,000 records · 380,000/s · 1 s left`.
    /// A stream (standard input, a pipe, a compressed file) has no size to go by: no bar and
    /// no share, only what is read so far (it said "0% · 0 B of 0 B"). While streams are
    /// still copied, before any record is read: `Loading · 120 MB received` (it said
    /// "0 records" until the copy was done).
    static func loadingLine(_ loading: LoadProgress, width: Int) -> StyledLine {
        let sized = loading.bytesTotal > 0
        if loading.isReceiving {
            var text = "· \(ByteSize.format(loading.bytesReceived)) received"
            text += width >= 100 ? " · Ctrl-C stops, keeping what came" : ""
            return StyledLine([Span(" Loading ", .accent), Span(text, .dim)])
        }
        let fraction = sized ? min(1, Double(loading.bytesRead) / Double(loading.bytesTotal)) : 0
        let barWidth = !sized ? 0 : width >= 100 ? 20 : (width >= 60 ? 10 : 0)
        var spans = [Span(" Loading ", .accent)]
        if barWidth > 0 {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            spans.append(Span("▕" + String(repeating: "█", count: filled), .accent))
            spans.append(Span(String(repeating: "░", count: barWidth - filled) + "▏", .dim))
        }
        var parts: [String] = []
        if sized { parts.append("\(Int(fraction * 100))%") }
        if sized && width >= 60 {
            parts.append("\(ByteSize.format(loading.bytesRead)) of \(ByteSize.format(loading.bytesTotal))")
        } else if !sized && loading.bytesRead > 0 {
            parts.append("\(ByteSize.format(loading.bytesRead)) read")
        }
        parts.append("\(groupedThousands(loading.records)) records")
        var text = (barWidth > 0 ? " " : sized ? "" : "· ") + parts.joined(separator: " · ")
        if width >= 80, loading.recordsPerSecond > 0 { text += " · \(groupedThousands(Int(loading.recordsPerSecond)))/s" }
        if let left = loading.secondsLeft, width >= 80 { text += " · \(Int(left.rounded(.up))) s left" }
        text += width >= 100 ? " · Ctrl-C stops, keeping what is read" : ""
        spans.append(Span(text, .dim))
        return StyledLine(spans)
    }

    static func groupedThousands(_ value: Int) -> String { NumberText.grouped(value) }

    /// Key hints for the screen on top, from the keymap, as many as fit.
    static func drawHints(_ state: AppState, row: Int, into grid: inout Grid) {
        let wanted = state.keymap.hints(on: state.screenKind, marking: state.marking == .writable)
        // `? help` is always there: the rest fit before it, in their order.
        let helpKey = state.keymap.key(for: .help, on: state.screenKind)
        let help = wanted.first { $0.key == helpKey && $0.label == "help" } ?? helpKey.map { ($0, "help") }
        func width(_ hint: (key: Key, label: String)) -> Int { DisplayWidth.of(hint.key.description) + 1 + DisplayWidth.of(hint.label) + 2 }
        let reserved = help.map(width) ?? 0
        var column = 1
        func draw(_ hint: (key: Key, label: String)) {
            column += grid.write(hint.key.description, column: column, row: row, role: .statusKey)
            column += grid.write(" " + hint.label + "  ", column: column, row: row, role: .dim)
        }
        for hint in wanted where !(hint.key == help?.key && hint.label == help?.label) {
            guard column + width(hint) + reserved <= grid.size.columns else { break }
            draw(hint)
        }
        if let help, column + width(help) <= grid.size.columns + 2 { draw(help) }
    }
}
