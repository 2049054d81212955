/// The outcome a newer response states in one word, in its `status`: the v3 verification
/// status (`clear`, `block`, `attention`, `error`, `processing`) and the SmartSelfie v2
/// responses (`approved`, `pending`, `rejected`). Kept as written; read for a category.
public enum StatedStatus: String, Sendable, CaseIterable {
    case clear, block, attention, error, processing
    case approved, pending, rejected

    /// The word as the payload writes it, read loosely (case and spaces ignored). `not_found`
    /// is no outcome (the v3 API's answer for an unknown job): nil, like any other word.
    public init?(word: String) {
        self.init(rawValue: word.trimmingASCIISpaces().lowercased())
    }

    public var category: Category {
        switch self {
        case .clear, .approved: .approved
        case .block, .rejected: .rejected
        case .attention: .review
        case .error: .error
        case .processing, .pending: .pending
        }
    }

    /// Whether the word says the job is still running (so the record is not its last word).
    public var isRunning: Bool { self == .processing || self == .pending }

    /// What kind of response says it.
    public var responseName: String {
        switch self {
        case .clear, .block, .attention, .error, .processing: "v3 verification status"
        case .approved, .pending, .rejected: "SmartSelfie v2 response"
        }
    }

    /// Where the word comes from, for the detail's "how the category was reached".
    public var source: String {
        switch self {
        case .clear, .block, .attention, .error, .processing: "the v3 verification status"
        case .approved, .pending, .rejected: "the SmartSelfie v2 status"
        }
    }
}
