/// Why a job needs a person to look at it. A job needs review for any of these reasons;
/// each is shown in words where the job is shown.
public struct ReviewReasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Its category asks for it: rejected, under review, inconclusive, error, re-run, unknown, with attention.
    public static let category = ReviewReasons(rawValue: 1 << 0)
    /// Its Smile Secure verdict found suspect users (5211).
    public static let suspects = ReviewReasons(rawValue: 1 << 1)
    /// Smile Secure could not run on it (5212).
    public static let secureError = ReviewReasons(rawValue: 1 << 2)
    /// Its user was named as a suspect by another loaded job's Smile Secure verdict.
    public static let namedAsSuspect = ReviewReasons(rawValue: 1 << 3)
    /// Its user belongs to a ring of linked users.
    public static let ring = ReviewReasons(rawValue: 1 << 4)
    /// An AML Check found the person on a list (1030).
    public static let amlHit = ReviewReasons(rawValue: 1 << 5)
    /// Its signature does not match: forged or altered.
    public static let forged = ReviewReasons(rawValue: 1 << 6)
    /// Smile ID's enrollee info says its user is fraudulent (`enrolled_user.is_fraudulent`).
    public static let fraudulentUser = ReviewReasons(rawValue: 1 << 7)

    public static let all: [(ReviewReasons, String)] = [
        (.category, "category"), (.suspects, "smile-secure-suspects"), (.secureError, "smile-secure-error"),
        (.namedAsSuspect, "named-as-suspect"), (.ring, "ring"), (.amlHit, "aml-hit"), (.forged, "signature-invalid"),
        (.fraudulentUser, "user-fraudulent"),
    ]

    /// Stable ids, for JSON and `--where`: `category`, `named-as-suspect`…
    public var ids: [String] { ReviewReasons.all.filter { contains($0.0) }.map(\.1) }
}

extension Category {
    /// Categories a person must look at: not an approval, not a job still running.
    public var needsReview: Bool {
        switch self {
        case .rejected, .review, .inconclusive, .error, .retry, .unknown, .approvedWithAttention: true
        case .approved, .provisional, .pending: false
        }
    }
}
