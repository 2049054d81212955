import SmileJobs

/// What a piece of screen means, not what colour it is: themes in the terminal layer map
/// roles to colours. Every category has its own role, and is also written as a badge word,
/// so nothing is lost without colour.
public enum StyleRole: Hashable, Sendable, CaseIterable {
    case normal
    case dim
    case header
    case title
    case label
    case accent
    case border
    case status
    case statusKey
    case prompt
    case warning
    case errorText
    case success
    case json
    case marker
    /// Text a find matched, and the match the find is on.
    case match
    case currentMatch

    case approved
    case attention
    case provisional
    case review
    case inconclusive
    case pending
    case rejected
    case retry
    case error
    case unknown

    case secureClear
    case secureSuspect
    case secureError

    case actionPassed
    case actionFailed
    case actionPending
    case actionOther

    /// The role of a category's badge.
    public init(_ category: Category) {
        switch category {
        case .approved: self = .approved
        case .approvedWithAttention: self = .attention
        case .provisional: self = .provisional
        case .review: self = .review
        case .inconclusive: self = .inconclusive
        case .pending: self = .pending
        case .rejected: self = .rejected
        case .retry: self = .retry
        case .error: self = .error
        case .unknown: self = .unknown
        }
    }

    /// The role of what a catalogue entry says: its category, or its Smile Secure state.
    /// The one colour rule for decisions: everywhere a decision is shown (list, detail,
    /// filter menu), open is dim, cleared green, escalated red, re-run amber.
    public init(decision: DecisionState) {
        switch decision {
        case .open: self = .dim
        case .cleared: self = .success
        case .escalated: self = .errorText
        case .rerun: self = .warning
        }
    }

    public init(_ entry: CatalogueEntry) {
        if let verdict = entry.secureVerdict { self.init(verdict) } else { self.init(entry.jobCategory) }
    }

    public init(_ verdict: SecureVerdict) {
        switch verdict {
        case .none: self = .dim
        case .clear: self = .secureClear
        case .suspects: self = .secureSuspect
        case .error: self = .secureError
        }
    }

    public init(_ outcome: ActionOutcome) {
        switch outcome {
        case .passed: self = .actionPassed
        case .failed: self = .actionFailed
        case .pending: self = .actionPending
        case .notApplicable: self = .dim
        case .other: self = .actionOther
        }
    }

    /// One letter per role, for the role grids that golden tests compare.
    public var letter: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .header: "H"
        case .title: "T"
        case .label: "l"
        case .accent: "a"
        case .border: "b"
        case .status: "s"
        case .statusKey: "k"
        case .prompt: "p"
        case .warning: "w"
        case .errorText: "!"
        case .success: "o"
        case .json: "j"
        case .marker: "m"
        case .match: "*"
        case .currentMatch: "#"
        case .approved: "A"
        case .attention: "W"
        case .provisional: "V"
        case .review: "R"
        case .inconclusive: "I"
        case .pending: "P"
        case .rejected: "X"
        case .retry: "Y"
        case .error: "E"
        case .unknown: "U"
        case .secureClear: "c"
        case .secureSuspect: "S"
        case .secureError: "e"
        case .actionPassed: "+"
        case .actionFailed: "-"
        case .actionPending: "~"
        case .actionOther: "?"
        }
    }
}

/// A run of text in one role.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// A line of spans: what content builders hand to screens.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    public init(_ text: String, _ role: StyleRole = .normal) {
        self.spans = [Span(text, role)]
    }

    public var text: String { spans.map(\.text).joined() }
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    public static let blank = StyledLine()
}
