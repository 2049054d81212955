/// One result as read from one record: a callback, a job-status response's result (or one
/// of its earlier results), or a Smile Secure callback.
///
/// It holds what the list, filters, sort, frequency view, rings and summary need. The
/// whole payload (every field, the raw JSON) is read again from `origin` when someone
/// opens the job, so a day of jobs does not hold a day of base64 photos in memory.
public struct JobRecord: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// A result object: a callback or the result inside a job-status response.
        case result
        /// A Smile Secure callback, with no main result beside it.
        case smileSecure
        /// A job-status response without a result object: pending, or `result` as a string.
        case status
        /// A response that states its outcome in a word (`statedStatus`): a v3 verification
        /// status, a SmartSelfie v2 response.
        case stated
    }

    public var origin: RecordOrigin
    public var kind: Kind

    public var smileJobID: String?
    /// `PartnerParams.job_id`: the partner's own id for the job.
    public var partnerJobID: String?
    public var userID: String?
    /// `PartnerParams.job_type` as written (a number or a string).
    public var jobTypeText: String?

    public var resultCode: String?
    public var resultText: String?
    /// The `code` of a job-status response (2302, 2314…), which is not a result code.
    public var statusCode: String?
    /// The `status` word of a `.stated` record ("clear", "approved"…), as written.
    public var statedStatus: String?
    public var jobComplete: Bool?
    public var jobSuccess: Bool?
    /// `IsFinalResult`: whether Smile ID says this result is the job's last word.
    public var isFinal: Bool?
    /// `IsMachineResult`: a machine's judgement (true) or a person's (false).
    public var isMachine: Bool?
    public var timestamp: Timestamp?

    public var country: String?
    public var idType: String?
    public var fullName: String?
    /// `Actions` in payload order, unknown keys and values kept.
    public var actions: [ActionResult]

    /// Smile Secure fields, when the record carries them.
    public var secure: SecureResult?
    /// The user's flags, when the record came from an enrollee-info response.
    public var enrollee: EnrolleeFlags?
    public var signature: SignatureState
    /// For a record that names no job (neither `SmileJobID` nor `PartnerParams.job_id`): a
    /// key made from its content, so it is the same job wherever and whenever it is read.
    public var contentKey: String?

    public init(origin: RecordOrigin, kind: Kind) {
        self.origin = origin
        self.kind = kind
        self.actions = []
        self.signature = .unsigned
    }

    /// The job type as a number, when it is one.
    public var jobType: Int? {
        jobTypeText.flatMap(JobTypeName.number)
    }

    /// The code the list shows: the result code, else a failing status code (2314), else nil.
    public var displayCode: String? {
        if let resultCode, !resultCode.isEmpty { return Catalogue.normalise(resultCode) }
        if kind == .smileSecure, let code = secure?.code { return Catalogue.normalise(code) }
        if let statusCode, let status = StatusCode.lookup(statusCode), status.isFailure { return status.code }
        return nil
    }
}

/// One entry of `Actions`: a check and its outcome ("Liveness_Check": "Passed").
public struct ActionResult: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// How the outcome reads: passed, failed, pending or not applicable.
    public var outcome: ActionOutcome { ActionOutcome(value: value) }
}

/// The sense of an Actions value, for styling and counting.
public enum ActionOutcome: String, Sendable, CaseIterable {
    case passed
    case failed
    case pending
    case notApplicable = "not-applicable"
    /// Anything else ("Unable To Determine", "Issuer Unavailable", values new to us).
    case other

    public init(value: String) {
        switch value.lowercased().trimmingASCIISpaces() {
        case "passed", "completed", "approved", "verified", "returned", "provisionally approved":
            self = .passed
        case "failed", "rejected", "not verified", "not returned":
            self = .failed
        case "under review", "sent to human review", "pending":
            self = .pending
        case "not applicable", "not done", "":
            self = .notApplicable
        default:
            self = .other
        }
    }
}

/// Whether a record's signature holds.
public enum SignatureState: String, Sendable, CaseIterable, Codable {
    /// Recomputed with the partner's API key and equal.
    case valid
    /// Recomputed and different: forged or altered.
    case invalid
    /// The record carries no signature.
    case unsigned
    /// A legacy `sec_key`, which needs Smile ID's own key to check.
    case legacy
    /// Signed, but no API key was given to check it with.
    case unchecked
    /// The same signature is on another job, or on another body of this job: it covers
    /// only the timestamp and the partner id, so it was copied, and proves nothing here.
    case replayed
}
