/// A user that Smile Secure says may be the same person as a job's user.
public struct SuspectUser: Sendable, Hashable {
    public var userID: String
    /// Why, as the callback says: `same-person`, and others as Smile ID adds them.
    public var reasons: [String]

    public init(userID: String, reasons: [String]) {
        self.userID = userID
        self.reasons = reasons
    }
}

/// What a Smile Secure callback said about one job, in either published shape:
/// `Antifraud.SuspectUsers[{user_id, reason}]` beside a 5210/5211/5212 ResultCode, or
/// `Antifraud{summary{fraud_sources, fraud_detected}, smile_secure{ResultCode, ResultText,
/// SuspectUsers[{user_id, reasons[]}]}}`.
public struct SecureResult: Sendable, Hashable {
    public var code: String?
    public var text: String?
    /// The suspect users, the first `maxSuspects` of them.
    public var suspects: [SuspectUser]
    /// Suspects the callback listed past `maxSuspects`: counted, not kept.
    public var omittedSuspects: Int
    public var fraudDetected: Bool?
    public var fraudSources: [String]

    /// Suspects kept per callback: Smile Secure names a few; a callback naming a million
    /// is shown by its first thousand and a count, so it cannot take the machine.
    public static let maxSuspects = 1000

    public init(
        code: String?, text: String?, suspects: [SuspectUser], omittedSuspects: Int = 0, fraudDetected: Bool? = nil,
        fraudSources: [String] = []
    ) {
        self.code = code
        self.text = text
        self.suspects = suspects
        self.omittedSuspects = omittedSuspects
        self.fraudDetected = fraudDetected
        self.fraudSources = fraudSources
    }

    /// How many suspects the callback listed.
    public var suspectCount: Int { suspects.count + omittedSuspects }

    public var verdict: SecureVerdict {
        switch code.flatMap(Catalogue.smileSecureState) {
        case .clear?: return suspects.isEmpty ? .clear : .suspects
        case let state?: return state
        case nil:
            if !suspects.isEmpty || fraudDetected == true { return .suspects }
            if fraudDetected == false { return .clear }
            return .error
        }
    }
}

/// The Smile Secure state of a job, beside its main result.
public enum SecureVerdict: String, Sendable, CaseIterable, Codable {
    /// No Smile Secure callback loaded for the job.
    case none
    case clear
    case suspects
    case error

    /// The list's marker: empty for none, so the eye lands on the rest.
    public var marker: String {
        switch self {
        case .none: ""
        case .clear: "ok"
        case .suspects: "SUSPECT"
        case .error: "err"
        }
    }

    /// A word for the state, standing without colour.
    public var badge: String {
        switch self {
        case .none: "NONE"
        case .clear: "CLEAR"
        case .suspects: "SUSPECTS"
        case .error: "SEC ERROR"
        }
    }

    public var shortBadge: String {
        switch self {
        case .none: "NONE"
        case .clear: "CLR"
        case .suspects: "SUSP"
        case .error: "SERR"
        }
    }

    public var label: String {
        switch self {
        case .none: "no Smile Secure result"
        case .clear: "clear: no suspect users"
        case .suspects: "suspect users found"
        case .error: "Smile Secure could not run"
        }
    }
}
