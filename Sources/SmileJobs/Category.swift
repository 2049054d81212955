/// The normalised verdict of a result, with a stable id that scripts and filters use.
///
/// The result-code page writes categories loosely ("Rejected", "rejected",
/// "Suspected for spoof and sent to document reviewer for final decision", "-", blank);
/// each catalogue entry keeps the page's wording and maps it to one of these.
public enum Category: String, CaseIterable, Sendable, Codable, Comparable {
    case approved
    case approvedWithAttention = "approved-with-attention"
    case provisional
    case review
    case inconclusive
    case pending
    case rejected
    case retry
    case error
    case unknown

    /// The stable id, as written in JSON output and accepted by filters.
    public var id: String { rawValue }

    /// How a person reads it.
    public var label: String {
        switch self {
        case .approved: "Approved"
        case .approvedWithAttention: "Approved with Attention"
        case .provisional: "Provisionally Approved"
        case .review: "Under review"
        case .inconclusive: "Inconclusive"
        case .pending: "Pending"
        case .rejected: "Rejected"
        case .retry: "Re-run later"
        case .error: "Error"
        case .unknown: "Unknown"
        }
    }

    /// A short word that carries the category without colour (monochrome, NO_COLOR).
    public var badge: String {
        switch self {
        case .approved: "APPROVED"
        case .approvedWithAttention: "ATTENTION"
        case .provisional: "PROVISNL"
        case .review: "REVIEW"
        case .inconclusive: "INCONCL"
        case .pending: "PENDING"
        case .rejected: "REJECTED"
        case .retry: "RETRY"
        case .error: "ERROR"
        case .unknown: "UNKNOWN"
        }
    }

    /// Four letters at most, for narrow layouts.
    public var shortBadge: String {
        switch self {
        case .approved: "APPR"
        case .approvedWithAttention: "ATTN"
        case .provisional: "PROV"
        case .review: "REVW"
        case .inconclusive: "INCO"
        case .pending: "PEND"
        case .rejected: "REJ"
        case .retry: "RTRY"
        case .error: "ERR"
        case .unknown: "UNKN"
        }
    }

    /// The position in `allCases`, for counting into arrays.
    public var ordinal: Int {
        switch self {
        case .approved: 0
        case .approvedWithAttention: 1
        case .provisional: 2
        case .review: 3
        case .inconclusive: 4
        case .pending: 5
        case .rejected: 6
        case .retry: 7
        case .error: 8
        case .unknown: 9
        }
    }

    /// What needs a person first: rejected and review jobs before approved ones.
    public var urgency: Int {
        switch self {
        case .review: 0
        case .rejected: 1
        case .inconclusive: 2
        case .error: 3
        case .retry: 4
        case .unknown: 5
        case .pending: 6
        case .provisional: 7
        case .approvedWithAttention: 8
        case .approved: 9
        }
    }

    /// Reads a category id or label, forgiving case, spaces and dashes.
    public init?(loose text: String) {
        let key = Category.looseKey(text)
        guard
            let match = Category.allCases.first(where: {
                Category.looseKey($0.rawValue) == key || Category.looseKey($0.label) == key || Category.looseKey($0.badge) == key
            })
        else { return nil }
        self = match
    }

    /// The category a page writes, as one of ours. Blank and "-" are errors, not verdicts.
    public init(pageWording: String) {
        let text = pageWording.lowercased()
        if text.isEmpty || text == "-" {
            self = .error
        } else if text.hasPrefix("approved with attention") {
            self = .approvedWithAttention
        } else if text.hasPrefix("approved") {
            self = .approved
        } else if text.hasPrefix("provisionally approved") {
            self = .provisional
        } else if text.hasPrefix("suspected") || text.contains("review") || text.contains("investigat") {
            self = .review
        } else if text.hasPrefix("inconclusive") {
            self = .inconclusive
        } else if text.hasPrefix("pending") {
            self = .pending
        } else if text.hasPrefix("rejected") {
            self = .rejected
        } else if text.hasPrefix("re-run") {
            self = .retry
        } else {
            self = .unknown
        }
    }

    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.urgency < rhs.urgency }

    static func looseKey(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
