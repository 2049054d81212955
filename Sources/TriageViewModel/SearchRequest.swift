import JobIndex

/// Everything a search needs to make its list away from the state: the table, the view
/// (filter, search, sort, decisions) as it was typed, and the list it narrows, if it does.
/// Values and an immutable table: safe to hand to another thread.
public struct SearchRequest: Sendable {
    public let generation: Int
    public let table: JobTable
    public let filter: JobFilter
    public let search: String
    public let sort: SortOrder
    public let marks: DecisionMarks
    public let among: [Int32]?

    /// The request for `state` as it stands (the effect is carried out right after the
    /// reducer asked for it, so the list is still the one the search narrows).
    public init(_ state: AppState, generation: Int, narrowing: Bool) {
        self.generation = generation
        table = state.table
        filter = state.filter
        search = state.search
        sort = state.sort
        marks = state.marks
        among = narrowing ? state.visible : nil
    }

    /// The list, as `AppState.computeVisible` makes it.
    public func run() -> [Int32] {
        table.visible(filter: filter, search: search, sort: sort, marks: marks, among: among)
    }
}
