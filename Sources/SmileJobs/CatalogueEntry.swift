/// One meaning of one result code: a row of a table on Smile ID's result-code page (or of
/// the Smile Secure page, or one seen in Smile ID's own published payloads), with the
/// product and job types it applies to.
public struct CatalogueEntry: Sendable, Equatable, Identifiable {
    /// Which table of which page an entry comes from. The order is the page's order.
    public enum Table: String, Sendable, CaseIterable {
        case anyProduct = "A"
        case basicKYC = "B"
        case enhancedKYC = "C"
        case biometricKYC = "D"
        case documentVerification = "E"
        case smartSelfieAuthentication = "F"
        case smartSelfieEnrollment = "G"
        case smileSecure = "S"
        /// Not on either page: seen in Smile ID's own published payloads and SDKs.
        case observed = "O"

        public var source: String {
            switch self {
            case .smileSecure: "Smile Secure page, result codes table"
            case .observed: "not on the result-code page; seen in Smile ID's published payloads and SDKs"
            default: "result-code page, table \(rawValue) (\(defaultProduct.name))"
            }
        }

        /// The product the table covers (observed entries name their own).
        public var defaultProduct: Product {
            switch self {
            case .anyProduct: .anyProduct
            case .basicKYC: .basicKYC
            case .enhancedKYC: .enhancedKYC
            case .biometricKYC: .biometricKYC
            case .documentVerification: .documentVerification
            case .smartSelfieAuthentication: .smartSelfieAuthentication
            case .smartSelfieEnrollment: .smartSelfieEnrollment
            case .smileSecure: .smileSecure
            case .observed: .anyProduct
            }
        }

        /// Job types the table applies to; empty means every job type.
        public var defaultJobTypes: [Int] {
            switch self {
            case .documentVerification: [6, 11]
            default: defaultProduct.jobTypes
            }
        }
    }

    /// What a code is to the job that carries it.
    public enum Role: Sendable, Equatable {
        /// The job's verdict (or an error instead of one).
        case verdict
        /// A step inside the job (the ID-authority check), not its verdict.
        case step
        /// A Smile Secure state, beside the job's verdict: clear, suspects, or could not run.
        case smileSecure(SecureVerdict)
    }

    /// The 4-character code, as a string ("0810").
    public var code: String
    public var table: Table
    public var product: Product
    /// Job types the meaning applies to; empty means every job type.
    public var jobTypes: [Int]
    public var text: String
    /// The page's description; empty where the page gives none.
    public var description: String
    /// The category as the page writes it ("Rejected", "rejected", "-", "").
    public var pageCategory: String
    /// The verdict the code gives a job; nil for a Smile Secure state, which is no verdict.
    public var category: Category?
    public var role: Role
    public var deprecated: Bool
    /// What a reader of the code should know (shown by `explain` and the screens).
    public var notes: [String]
    /// Where the meaning, its scope or its category come from, beyond the table itself
    /// (for docs/catalogue-sources.md and `explain --format json`).
    public var sources: [String]

    public var id: String { "\(code)/\(table.rawValue)/\(product.rawValue)/\(text)" }

    /// True when the entry applies to jobs of this type (entries for every product always do).
    public func applies(toJobType jobType: Int) -> Bool {
        jobTypes.isEmpty || jobTypes.contains(jobType)
    }

    /// The category a job gets from this code (a Smile Secure state gives none: unknown).
    public var jobCategory: Category { category ?? .unknown }

    /// A Smile Secure state, when the entry is one.
    public var secureVerdict: SecureVerdict? {
        if case .smileSecure(let verdict) = role { return verdict }
        return nil
    }

    public init(
        code: String, table: Table, product: Product? = nil, jobTypes: [Int]? = nil, text: String, description: String,
        pageCategory: String, category: Category? = nil, role: Role = .verdict, deprecated: Bool = false,
        notes: [String] = [], sources: [String] = []
    ) {
        self.code = code
        self.table = table
        self.product = product ?? table.defaultProduct
        self.jobTypes = jobTypes ?? (product?.jobTypes ?? table.defaultJobTypes)
        self.text = text
        self.description = description
        self.pageCategory = pageCategory
        if case .smileSecure = role {
            self.category = nil
        } else {
            self.category = category ?? Category(pageWording: pageCategory)
        }
        self.role = role
        self.deprecated = deprecated
        self.notes = notes
        self.sources = sources
    }
}

extension CatalogueEntry {
    /// What the code says, in words: its category, or the Smile Secure state.
    public var outcomeLabel: String { secureVerdict.map { "Smile Secure: " + $0.label } ?? jobCategory.label }
    /// The same as a word that stands without colour.
    public var outcomeBadge: String { secureVerdict?.badge ?? jobCategory.badge }
    /// Four letters at most.
    public var outcomeShortBadge: String { secureVerdict?.shortBadge ?? jobCategory.shortBadge }
    /// `verdict`, `step` or `smile-secure`, for JSON.
    public var roleName: String {
        switch role {
        case .verdict: "verdict"
        case .step: "step"
        case .smileSecure: "smile-secure"
        }
    }

    /// The id written in JSON and accepted by filters: a category id, or `smile-secure-clear`…
    public var outcomeID: String { secureVerdict.map { "smile-secure-" + $0.rawValue } ?? jobCategory.id }
}
