import SmileJobs

/// The job list's columns, in screen order; any of them can be sorted on.
public enum SortColumn: Int, CaseIterable, Hashable, Sendable {
    case time, job, user, product, code, category, secure, text

    public var title: String {
        switch self {
        case .time: "time"
        case .job: "job id"
        case .user: "user id"
        case .product: "product"
        case .code: "code"
        case .category: "category"
        case .secure: "Smile Secure"
        case .text: "result text"
        }
    }

    /// The column heading.
    public var heading: String {
        switch self {
        case .time: "TIME (UTC)"
        case .job: "JOB ID"
        case .user: "USER ID"
        case .product: "PRODUCT"
        case .code: "CODE"
        case .category: "CATEGORY"
        case .secure: "SECURE"
        case .text: "RESULT"
        }
    }

    public var next: SortColumn { SortColumn(rawValue: (rawValue + 1) % SortColumn.allCases.count)! }
}

/// A sort: a column and a direction.
public struct SortOrder: Hashable, Sendable {
    public var column: SortColumn
    public var ascending: Bool

    public init(column: SortColumn, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }

    /// Newest first: the last thing that happened is what needs eyes.
    public static let standard = SortOrder(column: .time, ascending: false)
}
