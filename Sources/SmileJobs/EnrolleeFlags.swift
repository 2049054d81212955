/// What Smile ID says of an enrolled user, from an enrollee-info response's
/// `enrolled_user` (`POST /v2/partner/enrollee/info`). Each flag is nil when not given.
/// They belong to the user, not to one job: shown wherever the user is.
public struct EnrolleeFlags: Sendable, Hashable {
    public var allowNewEnroll: Bool?
    public var complete: Bool?
    public var deleted: Bool?
    public var inactive: Bool?
    public var isFraudulent: Bool?
    public var pending: Bool?
    public var provisional: Bool?

    public init(
        allowNewEnroll: Bool? = nil, complete: Bool? = nil, deleted: Bool? = nil, inactive: Bool? = nil,
        isFraudulent: Bool? = nil, pending: Bool? = nil, provisional: Bool? = nil
    ) {
        self.allowNewEnroll = allowNewEnroll
        self.complete = complete
        self.deleted = deleted
        self.inactive = inactive
        self.isFraudulent = isFraudulent
        self.pending = pending
        self.provisional = provisional
    }

    /// The flags in payload order, with their names as the payload writes them.
    public var named: [(name: String, value: Bool?)] {
        [
            ("allow_new_enroll", allowNewEnroll), ("complete", complete), ("deleted", deleted),
            ("inactive", inactive), ("is_fraudulent", isFraudulent), ("pending", pending),
            ("provisional", provisional),
        ]
    }

    /// The flags that are set, in words: "fraudulent, inactive". Empty when none is.
    public var setFlags: [String] {
        var words: [String] = []
        if isFraudulent == true { words.append("fraudulent") }
        if deleted == true { words.append("deleted") }
        if inactive == true { words.append("inactive") }
        if pending == true { words.append("pending") }
        if provisional == true { words.append("provisional") }
        if complete == false { words.append("enrollment incomplete") }
        if allowNewEnroll == true { words.append("may enroll again") }
        return words
    }

    /// Fills what `self` does not say from `older` (for a user named in several responses,
    /// the later read wins flag by flag).
    public func over(_ older: EnrolleeFlags) -> EnrolleeFlags {
        EnrolleeFlags(
            allowNewEnroll: allowNewEnroll ?? older.allowNewEnroll, complete: complete ?? older.complete,
            deleted: deleted ?? older.deleted, inactive: inactive ?? older.inactive,
            isFraudulent: isFraudulent ?? older.isFraudulent, pending: pending ?? older.pending,
            provisional: provisional ?? older.provisional)
    }

    /// Two bits per flag (known, value), for the job store: 14 bits.
    public var packed: UInt16 {
        var bits: UInt16 = 0
        for (index, flag) in named.map(\.value).enumerated() {
            guard let flag else { continue }
            bits |= (1 | (flag ? 2 : 0)) << UInt16(index * 2)
        }
        return bits
    }

    public init(packed bits: UInt16) {
        func flag(_ index: Int) -> Bool? {
            let pair = (bits >> UInt16(index * 2)) & 3
            return pair & 1 == 0 ? nil : pair & 2 != 0
        }
        self.init(
            allowNewEnroll: flag(0), complete: flag(1), deleted: flag(2), inactive: flag(3), isFraudulent: flag(4),
            pending: flag(5), provisional: flag(6))
    }
}
