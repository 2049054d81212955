import JobIndex
import SmileJobs

/// The whole dashboard, as a value.
public struct AppState: Sendable, Equatable {
    public var table: JobTable
    public var problems: [Problem] = []
    public var requestErrors: [RequestError] = []
    public var acknowledgements: [Acknowledgement] = []
    /// Rows of the problems screen: problems, then error bodies, then acknowledgements.
    public var problemRowCount: Int { problems.count + requestErrors.count + acknowledgements.count }

    /// A problems-screen row as text, for its find.
    func problemRowText(_ index: Int) -> String {
        if index < problems.count { return problems[index].location + " " + problems[index].kind.rawValue + " " + problems[index].message }
        let error = index - problems.count
        if error < requestErrors.count {
            let body = requestErrors[error]
            return "\(body.source):\(body.line) \(body.code ?? "") \(body.message)"
        }
        let acknowledgement = acknowledgements[index - problems.count - requestErrors.count]
        return "\(acknowledgement.source):\(acknowledgement.line) \(acknowledgement.jobID ?? "") \(acknowledgement.message)"
    }
    public var sources: [SourceInfo] = []
    /// The job list's columns: hidden ones, and the result text's extra room.
    public var columns = ColumnPreferences()
    /// The time now, as the shell last said (nil in tests and snapshots: no ages shown).
    public var now: Timestamp?
    /// The zone times are shown in (`--tz`, `:tz`, the toggle key).
    public var zone = DisplayZone.utc
    /// The zone the toggle switches to from UTC (`--tz`, else the machine's local zone).
    public var otherZone: DisplayZone?
    /// Views and marks the undo key can take back, oldest first.
    public var undo: [UndoEntry] = []
    /// The view last recorded (nil until the first list is worked out).
    var shownView: ListView?
    /// Set while a view is being restored (so the restoring is not recorded as a change).
    var restoringView = false
    /// The decisions a mark in flight will change: an undo entry once it is saved.
    var pendingUndo: UndoEntry?
    /// Command lines run, oldest first (Up and Down on the `:` line walk them).
    public var commandHistory: [String] = []
    /// Hours a pending job may go before it counts as stuck (the config's `chase.stuck_after_hours`).
    public var stuckAfterHours = ChaseIndex.defaultStuckAfterHours
    public var recordCount = 0
    /// What was loaded, for the title bar ("Fixtures/demo").
    public var title: String

    // The job list, always at the bottom of the screen stack.
    public var filter = JobFilter()
    public var search = ""
    public var sort = SortOrder.standard
    /// Indices into `table.jobs` of the jobs shown, in order.
    public var visible: [Int32] = [] {
        didSet {
            // A list made now is made for the search as it is: one still running is stale.
            searching = nil
            // Not while loading: each snapshot is a new table, and the chase count waits for the last.
            let counts =
                countsOfNextList
                ?? table.listCounts(among: visible, chase: loading == nil ? chaseIndex(inline: chaseInline) : nil)
            countsOfNextList = nil
            visibleCounts = counts.categories
            visibleReviewCount = counts.review
            visibleChaseCount = counts.chase
        }
    }
    /// Jobs shown that need chasing (`ChaseReasons`), counted when the list changes.
    public private(set) var visibleChaseCount = 0
    /// The counts of the list `visible` is about to be, when they are known without a pass.
    private var countsOfNextList: ListCounts?

    /// Takes the jobs at these positions out of the list: its counts become the counts it
    /// had less theirs, with no pass over the rest (the untriaged queue at 8.4M jobs, after
    /// a mark). Not while loading: the counts then leave the chase out.
    mutating func removeFromVisible(at positions: RangeSet<Int>) {
        guard loading == nil else { return visible.removeSubranges(positions) }
        let leaving = positions.ranges.flatMap { visible[$0] }
        var counts = ListCounts(categories: visibleCounts, review: visibleReviewCount, chase: visibleChaseCount)
        // A chase count above 0 was counted by the index; one of 0 may have been counted
        // before the index was ready (`.chaseReady` counts again), and has nothing to lose.
        let chase = visibleChaseCount > 0 ? chaseIndex(inline: chaseInline) : nil
        counts.subtract(table.listCounts(among: leaving, chase: chase))
        countsOfNextList = counts
        visible.removeSubranges(positions)
    }
    /// A search typed on a table this large or larger runs on another thread: the keys keep
    /// answering while a pass over millions of jobs goes on (the config's
    /// `search.background_from_jobs`).
    public var backgroundSearchFrom = AppState.defaultBackgroundSearchFrom
    /// A search is a pass over every job: at 868,000 jobs 20–54 ms on the project's 2-core
    /// machine, at 8.3 million 160–300 ms. From half a million jobs the keys do not wait.
    public static let defaultBackgroundSearchFrom = 500_000
    /// The search being worked out on another thread, if one is (cleared by any new list).
    public internal(set) var searching: PendingSearch?
    /// Numbers each search sent to another thread: only the newest one's list is taken.
    var searchGeneration = 0

    /// Counts what the status bar shows again (after a load ends).
    mutating func recount() {
        visibleChaseCount = AppState.countChase(visible, table, inline: chaseInline)
    }

    /// Counted as soon as asked (tests, snapshots); the dashboard makes the index on
    /// another thread and says `.chaseReady` (`chaseInline` false there).
    public var chaseInline = true

    static func countChase(_ jobs: [Int32], _ table: JobTable, inline: Bool = true) -> Int {
        guard let index = inline ? table.chaseIndex() : table.chaseIndexIfReady() else { return 0 }
        return index.count(among: jobs)
    }

    /// The chase index to count by: made now when `inline`, else only if it is made.
    func chaseIndex(inline: Bool) -> ChaseIndex? { inline ? table.chaseIndex() : table.chaseIndexIfReady() }
    /// Jobs shown by category (in `Category.allCases` order), counted when the list changes.
    public private(set) var visibleCounts: [Int] = []
    /// Jobs shown that need review, counted when the list changes.
    public private(set) var visibleReviewCount = 0
    public var cursor = Cursor()

    /// Screens opened on top of the list; Back pops one.
    public var stack: [ScreenState] = []
    public var overlay: Overlay?
    public var viewport: Size
    /// Personal data masked, for sharing a screen.
    public var redacted = false
    /// A line for the status bar until the next key.
    public var message: StatusMessage?
    public var keymap: Keymap
    public var quitting = false
    /// How far loading has got, while it goes on.
    public var loading: LoadProgress?
    /// Files are followed: new jobs keep arriving.
    public var following = false
    /// Jobs that arrived (while following) since the person last looked at the newest.
    public var newJobs = 0

    // Triage decisions.
    /// Every decision known, by job key.
    public var decisions = DecisionBook()
    /// Each loaded job's decision, as a column the list and filters read.
    public var marks = DecisionMarks()
    /// Whether decisions can be made here, shown, or neither.
    public var marking = MarkingAccess.unavailable(nil)
    /// How the decisions store is reached: while a team's server is out of reach, marks
    /// are refused (never queued) and the status bar says so.
    public var link = DecisionsLink.local
    /// Other desks' claims (who is on which job), by job key; this desk's own are left out.
    public var claims: [String: [Claim]] = [:]
    /// The other end of a range of jobs selected in the list (a position in `visible`).
    public var rangeAnchor: Int?

    public init(table: JobTable = .empty, title: String = "", viewport: Size = .standard, keymap: Keymap = .standard) {
        self.table = table
        self.title = title
        self.viewport = viewport
        self.keymap = keymap
        table.prepare(sortedBy: sort.column)
        self.visible = table.visible(filter: filter, search: search, sort: sort)
        let counts = table.listCounts(among: visible, chase: table.chaseIndex())
        self.visibleCounts = counts.categories
        self.visibleReviewCount = counts.review
        self.visibleChaseCount = counts.chase
        self.shownView = listView
    }

    /// A state with a load's jobs in it.
    public init(loaded: LoadedJobs, title: String, viewport: Size = .standard, keymap: Keymap = .standard, redacted: Bool = false) {
        self.init(table: JobTable(store: loaded.store), title: title, viewport: viewport, keymap: keymap)
        problems = loaded.problems
        requestErrors = loaded.requestErrors
        acknowledgements = loaded.acknowledgements
        sources = loaded.sources
        recordCount = loaded.recordCount
        self.redacted = redacted
    }

    /// What is on top: an overlay, else the top screen, else the list.
    public var screenKind: ScreenKind {
        switch overlay {
        case .help?: return .help
        case .filterMenu?: return .filterMenu
        case .markMenu?: return .markMenu
        case .confirm?: return .confirm
        case .prompt?, .copyText?, nil: break
        }
        return stack.last?.kind ?? .jobList
    }

    /// The list's jobs for the current filter, search, sort and decisions.
    /// `among`: the list as it stood for a search this one extends (`JobTable.visible`).
    public func computeVisible(among: [Int32]? = nil) -> [Int32] {
        table.visible(filter: filter, search: search, sort: sort, marks: marks, among: among)
    }

    /// Positions in `visible` of the range selected in the list, if one is.
    public var rangePositions: ClosedRange<Int>? {
        guard let anchor = rangeAnchor, !visible.isEmpty else { return nil }
        let low = max(0, min(anchor, cursor.selected)), high = min(visible.count - 1, max(anchor, cursor.selected))
        return low <= high ? low...high : nil
    }

    /// A job's decision, when one is known.
    /// The other desks on a job, if any.
    public func claims(ofJob index: Int) -> [Claim] {
        claims.isEmpty ? [] : claims[table.store.jobKey(index)] ?? []
    }

    public func decision(ofJob index: Int) -> Decision? {
        guard marks.state(index) != nil else { return nil }
        return decisions[table.store.jobKey(index)]
    }

    /// The selected job in the list, if any.
    public var selectedJobIndex: Int? {
        visible.indices.contains(cursor.selected) ? Int(visible[cursor.selected]) : nil
    }

    /// The job the current screen is about: the detail's job, else the list's selection.
    public var focusedJobIndex: Int? {
        for screen in stack.reversed() {
            switch screen {
            case .detail(let detail): return detail.job
            case .secure(let secure): return secure.selectedJob ?? secure.job
            case .suspectList(let list): return list.selectedJob
            case .ring(let ring): return ring.selectedJob
            default: continue
            }
        }
        return selectedJobIndex
    }

    /// Jobs by category among those shown, for the status bar.
    public var visibleCategoryCounts: [Category: Int] {
        var counts: [Category: Int] = [:]
        for (slot, count) in visibleCounts.enumerated() where count > 0 { counts[Category.allCases[slot]] = count }
        return counts
    }

    static func countCategories(_ visible: [Int32], _ table: JobTable) -> [Int] {
        table.categoryCounts(among: visible)
    }
}

/// A search running on another thread (`Effect.search`): the list still shows the jobs of
/// `basis`, the search it was made for, until `.searched` brings this generation's. A sort
/// on a column whose order is not made yet goes the same way (`sorting`): the list keeps
/// its order until the new one comes.
public struct PendingSearch: Sendable, Equatable {
    public var generation: Int
    public var basis: String
    public var sorting = false
}

/// A line in the status bar.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, role: StyleRole = .success) {
        self.text = text
        self.role = role
    }
}

/// Things drawn over the current screen.
public enum Overlay: Sendable, Equatable {
    case help(Scroll)
    case filterMenu(FilterMenu)
    /// A one-line prompt at the bottom (search).
    case prompt(Prompt)
    /// Text the terminal could not copy, shown for the person to select by hand.
    case copyText(label: String, text: String)
    /// The decisions (and the note) for these jobs, one key each.
    case markMenu(jobs: [Int], subject: String?)
    /// A mark on many jobs at once, waiting for a yes.
    case confirm(ConfirmMark)
}

/// A mark that asks first: on a whole ring, on every suspect's job, on more than a few jobs.
public struct ConfirmMark: Sendable, Equatable {
    public var request: DecisionRequest
    public var context: MarkContext
    /// What is about to happen, in words: "Mark 7 jobs of ring ◆X7YE escalated?"
    public var question: String

    public init(request: DecisionRequest, context: MarkContext, question: String) {
        self.request = request
        self.context = context
        self.question = question
    }
}

/// Whether this dashboard can record decisions.
extension AppState {
    /// The scroll position of the document on top (a detail, the explainer), if it is one.
    /// The document on top's scroll, to change in place (nil: no document on top).
    mutating func updateDocumentScroll(_ change: (inout Scroll) -> Void) {
        guard let top = stack.indices.last else { return }
        switch stack[top] {
        case .detail(var detail):
            change(&detail.scroll)
            stack[top] = .detail(detail)
        case .explainer(var explainer):
            change(&explainer.scroll)
            stack[top] = .explainer(explainer)
        default:
            break
        }
    }

    public var documentScroll: Scroll? {
        switch stack.last {
        case .detail(let detail)?: detail.scroll
        case .explainer(let explainer)?: explainer.scroll
        default: nil
        }
    }
}

public enum MarkingAccess: Sendable, Equatable {
    case writable
    /// Decisions are shown but cannot be changed (`--readonly`, or the database cannot be written).
    case readOnly(String)
    /// No decisions database (it could not be opened): the reason, if there is one to tell.
    case unavailable(String?)

    /// Decisions are shown (the list's column, the detail's section).
    public var showsDecisions: Bool {
        if case .unavailable = self { return false }
        return true
    }
}

/// A one-line text prompt.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// The list's search, or the catalogue's, as the screen under it has.
        case search
        /// `/` on a screen that has no search: what is typed is taken, and nothing else
        /// happens, so no letter can act as a key.
        case noSearch
        /// A note on these jobs.
        case note(jobs: [Int])
        /// Where to write the list; `overwrite` once the person was told the file exists.
        case export(overwrite: Bool)
        /// The `:` command line (`ColonCommand`).
        case command
        /// A find in the document on top (a detail, the explainer): matches are highlighted,
        /// `n` and `N` step through them.
        case find
    }

    public var purpose: Purpose
    public var text: String
    /// The text before the prompt opened, restored on Esc.
    public var original: String
    /// The overlay the prompt was opened over (help, the filter menu), shown again when it closes.
    public var under: [Overlay] = []
    /// The list's selection (a job) when a search opened, given back on Esc.
    public var selectionBefore: Int?
    /// Where Up and Down are in the command history (nil: the text being typed).
    public var historyPosition: Int?

    public init(purpose: Purpose, text: String, under: Overlay? = nil) {
        self.purpose = purpose
        self.text = text
        self.original = text
        self.under = under.map { [$0] } ?? []
    }
}
