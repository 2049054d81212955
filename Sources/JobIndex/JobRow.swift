import SmileJobs

/// One job as the list shows it, read from the store's columns: the same values the sort,
/// filter, search, frequency view, export and `jobs` use, so a row is never sorted by one
/// value and shown with another. Each field follows `FieldRule`, as the `Job` value's do
/// (a property test holds the two equal on every fixture and on generated records).
public struct JobRow: Sendable, Equatable {
    /// The merge key decisions are kept by (`Job.id`).
    public var key: String
    public var smileJobID: String?
    public var partnerJobID: String?
    public var userID: String?
    public var fullName: String?
    public var jobTypeText: String?
    /// The product as a person reads it.
    public var product: String
    /// The code the list shows: result code, Smile Secure code, or failing status code.
    public var code: String?
    public var resultText: String?
    public var category: Category
    public var secure: SecureVerdict
    public var country: String?
    public var idType: String?
    /// When the job's result was sent (`FieldRule`).
    public var time: Timestamp?
    /// The signature of the record the row speaks for.
    public var signature: SignatureState
    /// The current result's Actions.
    public var actions: [ActionResult]

    /// The job's id as the list shows it: the Smile job id, else the partner's.
    public var displayID: String? { smileJobID ?? partnerJobID }

    /// The product in a few letters ("Bio KYC", "DocV"); job type 5 without a telling code
    /// is "B/E KYC"; an unknown job type is "type 99". Not cleaned: callers show it safely.
    public var shortProduct: String {
        if let known = Product.allCases.first(where: { $0.name == product }) { return known.shortName }
        let jobType = jobTypeText.flatMap(JobTypeName.number)
        if let jobType, Product.products(forJobType: jobType).count > 1 { return "B/E KYC" }
        return jobTypeText.map { "type \($0)" } ?? "—"
    }
}

extension JobStore {
    /// Job `index` as a row, from the columns (no `Job` is made, no records merged).
    public func row(_ index: Int) -> JobRow {
        JobRow(
            key: jobKey(index),
            smileJobID: arena.string(firstText(index, \.smileJobID)),
            partnerJobID: arena.string(firstText(index, \.partnerJobID)),
            userID: userID(index),
            fullName: arena.string(firstText(index, \.fullName)),
            jobTypeText: jobTypeText(index),
            product: productName(index),
            code: displayCode(index),
            resultText: resultText(index),
            category: category(index),
            secure: secureVerdict(index),
            country: country(index),
            idType: idType(index),
            time: time(index).map(Timestamp.init(millisecondsSince1970:)),
            signature: signature(index),
            actions: actionPairs(index).map { ActionResult(name: $0.name, value: $0.value) })
    }
}

extension JobTable {
    /// Job `index` as the list shows it.
    public func row(_ index: Int) -> JobRow { store.row(index) }
}
