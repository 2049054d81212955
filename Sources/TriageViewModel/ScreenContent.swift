import JobIndex
import SmileJobs

/// Content for the smaller screens: the code explainer, the catalogue's matches, the rows of
/// the Smile Secure and ring screens, and the help.
public enum ScreenContent {
    /// Every meaning of a code by product; the meaning that applies to the job's product marked.
    public static func explainer(_ state: ExplainerState, catalogue: Catalogue) -> [DocumentLine] {
        let code = SafeText.clean(state.code)
        let meanings = catalogue.meanings(of: state.code)
        var lines: [DocumentLine] = []
        func paragraph(_ text: String, _ role: StyleRole = .normal) { lines.append(.wrapped(text, indent: 4, margin: 2, role: role)) }
        if meanings.isEmpty {
            lines.append(StyledLine([Span(code, .accent), Span(": no Smile ID result-code table lists this code.")]))
            if let text = state.resultText {
                lines.append(StyledLine("The payload's ResultText: " + SafeText.clean(text), .dim))
            }
            if let status = StatusCode.lookup(state.code) {
                lines.append(StyledLine("As a job-status or request code: " + status.text))
            }
            return lines
        }
        let noun = meanings.count == 1 ? "meaning" : "meanings"
        lines.append(StyledLine([Span(code, .accent), Span(": \(meanings.count) \(noun)")]))
        if let jobType = state.jobType {
            let explanation = catalogue.explain(code: state.code, jobType: jobType, resultText: state.resultText)
            lines.append(StyledLine("For this job (job type \(jobType)): " + explanation.basisNote, .dim))
        }
        for entry in meanings {
            let applies = state.jobType.map { entry.applies(toJobType: $0) } ?? false
            lines.append(DocumentLine.blank)
            var heading = [Span(applies ? "▸ " : "  ", .accent), Span(productHeading(entry), .title)]
            if entry.deprecated { heading.append(Span("  deprecated", .warning)) }
            lines.append(StyledLine(heading))
            lines.append(StyledLine([Span("    "), Span(" \(entry.outcomeBadge) ", StyleRole(entry)), Span("  " + entry.text)]))
            paragraph(entry.description)
            if !entry.pageCategory.isEmpty && entry.pageCategory != entry.outcomeLabel {
                paragraph("The page's category: \(entry.pageCategory)", .dim)
            }
            for note in entry.notes { paragraph("Note: " + note, .dim) }
        }
        return lines
    }

    static func productHeading(_ entry: CatalogueEntry) -> String {
        let types = entry.jobTypes
        switch types.count {
        case 0: return entry.product.name
        case 1: return "\(entry.product.name) (job type \(types[0]))"
        default: return "\(entry.product.name) (job types \(types.map(String.init).joined(separator: ", ")))"
        }
    }

    /// Catalogue entries whose code, product, text, description or category match a query.
    public static func catalogueMatches(_ query: String, catalogue: Catalogue) -> [Int] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return Array(catalogue.entries.indices) }
        return catalogue.entries.indices.filter { index in
            let entry = catalogue.entries[index]
            return [entry.code, entry.product.name, entry.text, entry.description, entry.outcomeID, entry.outcomeLabel]
                .contains { $0.lowercased().contains(needle) }
        }
    }

    /// The Smile Secure screen's rows: each suspect, then the loaded jobs of that user.
    public static func secureRows(job index: Int, table: JobTable) -> [SecureState.Row] {
        let job = table.jobs[index]
        guard let secure = job.secure else { return [.note("No Smile Secure callback is loaded for this job.")] }
        guard !secure.suspects.isEmpty else {
            return [.note("Smile Secure: \(job.secureVerdict.label).")]
        }
        var rows: [SecureState.Row] = []
        for suspect in secure.suspects {
            let jobs = table.jobs(ofUser: suspect.userID)
            rows.append(.suspect(userID: suspect.userID, reasons: suspect.reasons, jobs: jobs.count))
            if jobs.isEmpty {
                rows.append(.note("not in the loaded data"))
            } else {
                rows.append(contentsOf: jobs.map { .job($0) })
            }
        }
        if secure.omittedSuspects > 0 {
            rows.append(
                .note(
                    "… and \(secure.omittedSuspects) more suspect users: the callback lists \(secure.suspectCount), the first \(secure.suspects.count) are kept"
                ))
        }
        return rows
    }

    /// One ring's rows: its members and their jobs, then the links and their reasons.
    public static func ringRows(_ ring: RingIndex.Ring, table: JobTable) -> [RingState.Row] {
        var rows: [RingState.Row] = [.heading("Users and their jobs")]
        for user in ring.users {
            let jobs = table.jobs(ofUser: user)
            rows.append(.user(user, jobs: jobs.count))
            if jobs.isEmpty { rows.append(.note("not in the loaded data")) }
            rows.append(contentsOf: jobs.map { .job($0) })
        }
        rows.append(.heading("Links (who named whom, and why)"))
        for link in ring.links {
            rows.append(.link(from: link.from, to: link.to, reasons: link.reasons))
        }
        return rows
    }

    /// The help: the keymap's bindings for the screen under the help, in the commands' groups.
    public static func help(_ keymap: Keymap, screen: ScreenKind, ascii: Bool = false) -> [StyledLine] {
        var lines: [StyledLine] = [StyledLine("Keys on the \(screen.rawValue) screen", .title)]
        let bindings = keymap.bindings(on: screen)
        func keys(_ binding: Keymap.Binding) -> String {
            binding.keys.map { ascii ? $0.asciiDescription : $0.description }.joined(separator: " ")
        }
        let keyWidth = min(22, bindings.map { DisplayWidth.of(keys($0)) }.max() ?? 10)
        for (group, inGroup) in keymap.groupedBindings(on: screen) {
            lines.append(.blank)
            lines.append(StyledLine(group.rawValue, .label))
            for binding in inGroup {
                lines.append(
                    StyledLine([
                        Span(" " + DisplayWidth.fit(keys(binding), to: keyWidth), .statusKey), Span("  " + binding.command.title),
                        Span("  :" + binding.command.configName, .dim),
                    ]))
            }
        }
        lines.append(.blank)
        lines.append(StyledLine("The command line", .label))
        lines.append(StyledLine(" :NAME runs any command above by its name; Tab completes, ↑ ↓ walk the history.", .normal))
        for verb in ColonCommand.verbs {
            lines.append(StyledLine([Span(" :" + DisplayWidth.fit(verb.usage, to: keyWidth + 1), .statusKey), Span("  " + verb.meaning)]))
        }
        lines.append(.blank)
        lines.append(StyledLine("What the screens show", .label))
        for (symbol, meaning) in ScreenContent.legend {
            lines.append(StyledLine([Span(" " + DisplayWidth.fit(symbol, to: keyWidth), .accent), Span("  " + meaning)]))
        }
        lines.append(.blank)
        lines.append(StyledLine("Esc, q or ? closes this help. docs/keybindings.md lists every screen.", .dim))
        return lines
    }

    /// Every symbol and abbreviation the screens use, in words.
    public static let legend: [(String, String)] =
        [
            ("⚑", "needs review (the detail says why)"), ("↻", "to chase: stuck, callback never arrived, duplicate, no result"),
            ("◆K3F9 / RNG", "a Smile Secure ring of linked users, by its id"), ("✎", "a decision carries a note"),
            ("⚠", "before a job id: its signature does not hold (forged or replayed)"),
            ("ok · SUSPECT/SUS · err · NAMED/NMD", "Smile Secure: no suspects · suspects found · could not run · named by another job"),
            ("B/E KYC", "job type 5: Basic or Enhanced KYC (the code did not tell them apart)"),
        ] + Category.allCases.map { ($0.badge + " · " + $0.shortBadge, $0.label) }
}
