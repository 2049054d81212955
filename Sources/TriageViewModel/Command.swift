import JobIndex

/// What a key asks for. The keymap binds keys to commands; the help and
/// docs/keybindings.md are written from the same table.
public enum Command: Hashable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open, back, quit, help
    case search, filter, clearFilters
    case sortBy(SortColumn), nextSortColumn, reverseSort
    case nextAttention, previousAttention
    case nextJob, previousJob
    case frequency, nextDimension, previousDimension
    case problems, catalogue, explainCode
    case smileSecure, suspectList, rings
    case toggleRedaction
    case copyJobID, copyUserID, copyExplanation
    case toggleOption
    case jumpToNewest
    case ringOrder
    case markCleared, markEscalated, markRerun, markOpen, markMenu, editNote, markAll, confirmYes
    case selectRange, exportList, toggleUntriaged
    case userJobs
    case commandLine
    case toggleTimeZone
    case undo
    case nextMatch, previousMatch
    case widenResult, narrowResult
    case toggleFolds

    /// A few words for the help.
    public var title: String {
        switch self {
        case .moveUp: "up"
        case .moveDown: "down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "first"
        case .bottom: "last"
        case .open: "open / drill in"
        case .back: "back"
        case .quit: "quit (from any screen)"
        case .help: "this help"
        case .search: "search (job id, user, name, code, text)"
        case .filter: "filter by category, product, code, Smile Secure"
        case .clearFilters: "clear filters and search"
        case .sortBy(let column): "sort by \(column.title) (again: reverse)"
        case .nextSortColumn: "sort by the next column"
        case .reverseSort: "reverse the sort"
        case .nextAttention: "next job that needs review"
        case .previousAttention: "previous job that needs review"
        case .nextJob: "next job in the list"
        case .previousJob: "previous job in the list"
        case .frequency: "frequency view: the shape of the day"
        case .nextDimension: "next dimension"
        case .previousDimension: "previous dimension"
        case .problems: "records that could not be read"
        case .catalogue: "browse every result code"
        case .explainCode: "explain this job's code"
        case .smileSecure: "this job's Smile Secure suspects"
        case .suspectList: "all jobs with Smile Secure suspects"
        case .rings: "fraud rings"
        case .toggleRedaction: "hide or show personal data"
        case .copyJobID: "copy the job id"
        case .copyUserID: "copy the user id"
        case .copyExplanation: "copy the code's explanation"
        case .toggleOption: "toggle the option"
        case .jumpToNewest: "jump to the newest job (while following)"
        case .ringOrder: "rings by size, or by most recent"
        case .markCleared: "mark cleared (the list moves on)"
        case .markEscalated: "mark escalated"
        case .markRerun: "mark for a re-run"
        case .markOpen: "mark open again (undecided)"
        case .markMenu: "choose a decision or write a note"
        case .markAll: "mark every job shown here (asks first, with the count)"
        case .confirmYes: "yes, do it"
        case .editNote: "write a note for the next shift"
        case .selectRange: "select a range of jobs to mark (again: stop)"
        case .exportList: "export the jobs shown to CSV or JSON"
        case .toggleUntriaged: "only untriaged jobs (again: all)"
        case .userJobs: "every loaded job of this job's user"
        case .commandLine: "the command line: :quit, :filter …, :sort …, :user ID, :goto ID"
        case .toggleTimeZone: "times in UTC, or in the --tz / local zone"
        case .undo: "undo the last view change or mark (a mark's undo is a new audit row)"
        case .nextMatch: "next match of the search or find"
        case .previousMatch: "previous match of the search or find"
        case .widenResult: "more room for the result text (from user and product)"
        case .narrowResult: "less room for the result text"
        case .toggleFolds: "fold or unfold nested objects (FullData, company information…)"
        }
    }
}

extension Command {
    /// Every command a key can be bound to, for the config file.
    public static let bindable: [Command] =
        [
            .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .open, .back, .quit, .help, .search, .filter,
            .clearFilters, .nextSortColumn, .reverseSort, .nextAttention, .previousAttention, .nextJob, .previousJob,
            .frequency, .nextDimension, .previousDimension, .problems, .catalogue, .explainCode, .smileSecure,
            .suspectList, .rings, .toggleRedaction, .copyJobID, .copyUserID, .copyExplanation, .jumpToNewest, .ringOrder,
            .markCleared, .markEscalated, .markRerun, .markOpen, .markMenu, .editNote, .markAll, .confirmYes, .selectRange, .exportList,
            .toggleUntriaged, .userJobs, .commandLine, .toggleTimeZone, .undo, .nextMatch, .previousMatch, .widenResult, .narrowResult,
            .toggleFolds,
        ] + SortColumn.allCases.map { .sortBy($0) }

    /// The command's name in the config file: `search`, `next-attention`, `sort-by-code`.
    /// Written out, never derived from the case's name: renaming a case must not break
    /// anyone's config file (a test holds these names fixed).
    public var configName: String {
        switch self {
        case .moveUp: "move-up"
        case .moveDown: "move-down"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .top: "top"
        case .bottom: "bottom"
        case .open: "open"
        case .back: "back"
        case .quit: "quit"
        case .help: "help"
        case .search: "search"
        case .filter: "filter"
        case .clearFilters: "clear-filters"
        case .sortBy(let column):
            switch column {
            case .time: "sort-by-time"
            case .job: "sort-by-job"
            case .user: "sort-by-user"
            case .product: "sort-by-product"
            case .code: "sort-by-code"
            case .category: "sort-by-category"
            case .secure: "sort-by-secure"
            case .text: "sort-by-text"
            }
        case .nextSortColumn: "next-sort-column"
        case .reverseSort: "reverse-sort"
        case .nextAttention: "next-attention"
        case .previousAttention: "previous-attention"
        case .nextJob: "next-job"
        case .previousJob: "previous-job"
        case .frequency: "frequency"
        case .nextDimension: "next-dimension"
        case .previousDimension: "previous-dimension"
        case .problems: "problems"
        case .catalogue: "catalogue"
        case .explainCode: "explain-code"
        case .smileSecure: "smile-secure"
        case .suspectList: "suspect-list"
        case .rings: "rings"
        case .toggleRedaction: "toggle-redaction"
        case .copyJobID: "copy-job-id"
        case .copyUserID: "copy-user-id"
        case .copyExplanation: "copy-explanation"
        case .toggleOption: "toggle-option"
        case .jumpToNewest: "jump-to-newest"
        case .ringOrder: "ring-order"
        case .markCleared: "mark-cleared"
        case .markEscalated: "mark-escalated"
        case .markRerun: "mark-rerun"
        case .markOpen: "mark-open"
        case .markMenu: "mark-menu"
        case .editNote: "edit-note"
        case .markAll: "mark-all"
        case .confirmYes: "confirm-yes"
        case .selectRange: "select-range"
        case .exportList: "export-list"
        case .toggleUntriaged: "toggle-untriaged"
        case .userJobs: "user-jobs"
        case .commandLine: "command-line"
        case .toggleTimeZone: "toggle-time-zone"
        case .undo: "undo"
        case .nextMatch: "next-match"
        case .previousMatch: "previous-match"
        case .widenResult: "widen-result"
        case .narrowResult: "narrow-result"
        case .toggleFolds: "toggle-folds"
        }
    }

    /// Names the first version gave (made from the case's name, hence `copy-job-i-d`): still read.
    static let configAliases: [String: Command] = ["copy-job-i-d": .copyJobID, "copy-user-i-d": .copyUserID]

    /// Where the help and docs/keybindings.md list the command.
    public var group: CommandGroup {
        switch self {
        case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .open, .back, .nextJob, .previousJob, .nextAttention,
            .previousAttention, .jumpToNewest, .nextDimension, .previousDimension, .nextMatch, .previousMatch:
            .move
        case .search, .filter, .clearFilters, .sortBy, .nextSortColumn, .reverseSort, .toggleUntriaged, .toggleOption, .ringOrder,
            .widenResult, .narrowResult:
            .findAndSort
        case .markCleared, .markEscalated, .markRerun, .markOpen, .markMenu, .editNote, .markAll, .confirmYes, .selectRange, .undo:
            .decide
        case .frequency, .problems, .catalogue, .explainCode, .smileSecure, .suspectList, .rings, .userJobs, .toggleFolds:
            .screens
        case .copyJobID, .copyUserID, .copyExplanation, .exportList, .toggleRedaction, .toggleTimeZone:
            .shareAndHide
        case .help, .quit, .commandLine:
            .general
        }
    }
    public init?(configName: String) {
        let name = configName.lowercased()
        guard let match = Command.bindable.first(where: { $0.configName == name }) ?? Command.configAliases[name] else { return nil }
        self = match
    }
}

/// The help's sections, in the order they are shown.
public enum CommandGroup: String, CaseIterable, Sendable {
    case move = "Move and open"
    case findAndSort = "Find, filter and sort"
    case decide = "Decide"
    case screens = "Other screens"
    case shareAndHide = "Copy, export, hide"
    case general = "Help and quit"
}
