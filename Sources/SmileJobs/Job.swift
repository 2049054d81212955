/// One Smile ID job: every record read for it, merged.
///
/// Records of one job share a `SmileJobID` (or, without one, a `PartnerParams.job_id`).
/// The current result is the highest-ranked main record (`ResultRank`: final over not,
/// human over machine, verdict over step, then time); the others are its history, in the
/// order they happened. A Smile Secure callback is the job's Smile Secure verdict beside
/// its main result, never the main result.
public struct Job: Sendable, Equatable, Identifiable {
    /// The merge key: the Smile job id, else `job_id:` and the partner's job id, else the record's place.
    public var id: String
    /// The current main result (or job-status record); nil when only Smile Secure was loaded.
    public var current: JobRecord?
    /// The other main results, in the order they happened (by rank: the step, the machine
    /// judgement, then the human review…), the current one being next.
    public var earlier: [JobRecord]
    /// Why `current` was chosen over the next one down.
    public var currentReason: CurrentReason
    /// The latest record that carries Smile Secure fields.
    public var secureRecord: JobRecord?
    /// Earlier Smile Secure callbacks, oldest first.
    public var earlierSecure: [JobRecord]
    /// Copies of records read again (the same callback delivered twice), set aside.
    public var setAside: [JobRecord]
    /// The records other than the current and Smile Secure ones, in reading order: where a
    /// field missing from both is looked for (`FieldRule`).
    private var othersInReadingOrder: [JobRecord]
    /// The verdict, worked out once when the job is merged.
    public private(set) var category: Category

    public init(
        id: String, current: JobRecord?, earlier: [JobRecord] = [], secureRecord: JobRecord? = nil,
        earlierSecure: [JobRecord] = [], setAside: [JobRecord] = [], currentReason: CurrentReason = .onlyOne,
        catalogue: Catalogue = .standard
    ) {
        self.id = id
        self.current = current
        self.earlier = earlier
        self.currentReason = currentReason
        self.secureRecord = secureRecord
        self.earlierSecure = earlierSecure
        self.setAside = setAside
        self.othersInReadingOrder = (earlier + earlierSecure + setAside)
            .filter { $0.origin != current?.origin && $0.origin != secureRecord?.origin }
            .sorted { $0.origin.readingOrder < $1.origin.readingOrder }
        self.category = .unknown
        self.category = Job.category(of: self, catalogue: catalogue)
    }

    // MARK: - Fields, by the field rule

    /// Places where an identical record was read again, in reading order.
    public var duplicates: [RecordOrigin] { setAside.map(\.origin).sorted { $0.readingOrder < $1.readingOrder } }

    /// Every record kept, as the detail lists them: current first, then Smile Secure, then
    /// the history newest first.
    public var records: [JobRecord] {
        var all: [JobRecord] = []
        if let current { all.append(current) }
        if let secureRecord, secureRecord.origin != current?.origin { all.append(secureRecord) }
        all.append(contentsOf: earlier.reversed())
        all.append(contentsOf: earlierSecure.reversed().filter { $0.origin != current?.origin })
        return all
    }

    /// The record the list row speaks for: the current main result, else the Smile Secure one.
    public var primary: JobRecord? { current ?? secureRecord }

    private func first<T>(_ field: (JobRecord) -> T?) -> T? {
        FieldRule.first(current: current, secure: secureRecord, others: othersInReadingOrder, field)
    }

    public var smileJobID: String? { first(\.smileJobID) }
    public var partnerJobID: String? { first(\.partnerJobID) }
    public var userID: String? { first(\.userID) }
    public var jobTypeText: String? { first(\.jobTypeText) }
    /// The job type as a number, from the record that gives `jobTypeText` (so both come from one record).
    public var jobType: Int? { jobTypeText.flatMap(JobTypeName.number) }
    public var country: String? { first(\.country) }
    public var idType: String? { first(\.idType) }
    public var fullName: String? { first(\.fullName) }
    /// When the main result was sent (else the Smile Secure callback, else the first record read with a time).
    public var timestamp: Timestamp? { first(\.timestamp) }

    public var resultCode: String? { primary?.displayCode }
    public var resultText: String? {
        if let current {
            if let text = current.resultText { return text }
            if let status = current.statusCode.flatMap(StatusCode.lookup), status.isFailure { return status.text }
            if current.jobComplete == false { return "Job not complete" }
            return nil
        }
        return secureRecord?.secure?.text ?? secureRecord?.resultText
    }
    public var actions: [ActionResult] { current?.actions ?? [] }

    // MARK: - Smile Secure

    public var secure: SecureResult? { secureRecord?.secure }
    public var secureVerdict: SecureVerdict { secure?.verdict ?? .none }
    public var suspects: [SuspectUser] { secure?.suspects ?? [] }

    // MARK: - Product and meaning

    /// The products the job's type names (two for job type 5).
    public var products: [Product] { jobType.map(Product.products(forJobType:)) ?? [] }

    /// The product as a person reads it. Job type 5 is told apart by the code when only one
    /// of Basic and Enhanced KYC lists it.
    public func productName(catalogue: Catalogue = .standard) -> String {
        Job.productName(jobType: jobType, jobTypeText: jobTypeText, currentCode: current?.resultCode, catalogue: catalogue)
    }

    package static func productName(jobType: Int?, jobTypeText: String?, currentCode: String?, catalogue: Catalogue) -> String {
        let candidates = jobType.map(Product.products(forJobType:)) ?? []
        guard !candidates.isEmpty else {
            if let jobTypeText { return "job type \(jobTypeText)" }
            return "Unknown product"
        }
        if candidates.count > 1, let code = currentCode {
            let tables = Set(catalogue.meanings(of: code, in: .jobType(jobType ?? 0)).map(\.product))
            if let only = candidates.first(where: { tables == [$0] }) { return only.name }
        }
        return candidates.map(\.name).joined(separator: "/")
    }

    /// The main result's code read for this job's product.
    public func explanation(catalogue: Catalogue = .standard) -> CodeExplanation? {
        guard let record = primary, let code = record.resultCode ?? record.secure?.code else { return nil }
        return catalogue.explain(code: code, jobType: jobType, resultText: record.resultText ?? record.secure?.text)
    }

    static func category(of job: Job, catalogue: Catalogue) -> Category {
        let record = job.current
        return category(
            hasCurrent: record != nil, code: record?.resultCode, jobType: job.jobType,
            resultText: record?.resultText, statusCode: record?.statusCode, statedStatus: record?.statedStatus,
            jobComplete: record?.jobComplete, jobSuccess: record?.jobSuccess, catalogue: catalogue)
    }

    /// The category from the current record's fields (the job store calls this too, without
    /// making a Job).
    package static func category(
        hasCurrent: Bool, code: String?, jobType: Int?, resultText: String?, statusCode: String?,
        statedStatus: String? = nil, jobComplete: Bool?, jobSuccess: Bool?, catalogue: Catalogue
    ) -> Category {
        // Only Smile Secure was loaded: the verdict on the job itself has not arrived. The
        // Smile Secure verdict stands beside it (and puts the job in review when it found suspects).
        guard hasCurrent else { return .pending }
        let stated = statedStatus.flatMap(StatedStatus.init(word:))
        if let code, !code.isEmpty {
            let category = catalogue.explain(code: code, jobType: jobType, resultText: resultText).category
            // A code no table knows says less than the word beside it (SmartSelfie v2 sends both).
            if category != .unknown || stated == nil { return category }
        }
        if let stated { return stated.category }
        if let status = statusCode.flatMap(StatusCode.lookup), status.isFailure { return .error }
        if jobComplete == false { return .pending }
        if jobSuccess == true { return .approved }
        if jobSuccess == false { return .rejected }
        return .unknown
    }

    private func catalogue(explains code: String, jobType: Int?) -> Bool {
        Catalogue.standard.explain(code: code, jobType: jobType, resultText: nil).category != .unknown
    }

    /// How the category was reached, when it was not from a result code.
    public var categoryBasis: String {
        guard let record = current else {
            return secureRecord == nil
                ? "no result loaded"
                : "waiting for the job's result: only its Smile Secure callback is loaded (a second verdict, never the main one)"
        }
        if let code = record.resultCode {
            if ResultRank.stage(code: code, jobType: record.jobType ?? jobType) == .step {
                return "only the ID-authority step (\(Catalogue.normalise(code))) is loaded: the job's verdict has not arrived"
            }
            if let stated = record.statedStatus.flatMap(StatedStatus.init(word:)),
                catalogue(explains: code, jobType: record.jobType ?? jobType) == false
            {
                return "from \(stated.source) \"\(record.statedStatus!)\" (code \(code) is in no table)"
            }
            return "from the result code"
        }
        if let word = record.statedStatus {
            if let stated = StatedStatus(word: word) { return "from \(stated.source) \"\(word)\"" }
            return "the status \"\(word)\" is not one Smile ID documents"
        }
        if let status = record.statusCode.flatMap(StatusCode.lookup), status.isFailure {
            return "from job-status code \(status.code): \(status.text)"
        }
        if record.jobComplete == false { return "the job-status response says the job is not complete" }
        if record.jobSuccess != nil { return "no result code: from the job-status response's job_success" }
        return "no result code"
    }
}
