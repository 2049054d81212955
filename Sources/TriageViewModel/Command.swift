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
        case .quit: "quit"
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
            .toggleUntriaged,
        ] + SortColumn.allCases.map { .sortBy($0) }

    /// The command's name in the config file: `search`, `next-attention`, `sort-by-code`.
    public var configName: String {
        switch self {
        case .sortBy(let column):
            return "sort-by-" + ["time", "job", "user", "product", "code", "category", "secure", "text"][column.rawValue]
        default:
            let name = String(describing: self)
            return name.reduce(into: "") { result, character in
                if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
            }
        }
    }

    public init?(configName: String) {
        guard let match = Command.bindable.first(where: { $0.configName == configName.lowercased() }) else { return nil }
        self = match
    }
}
