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
        case .nextAttention: "next rejected or review job"
        case .previousAttention: "previous rejected or review job"
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
        }
    }
}
