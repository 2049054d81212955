/// One meaning of one result code: a row of a table on Smile ID's result-code page (or of
/// the Smile Secure page), with the product the table covers.
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
        /// Not on either page: seen in Smile ID's own published payloads.
        case observed = "O"

        public var source: String {
            switch self {
            case .smileSecure: "Smile Secure page, result codes table"
            case .observed: "not on the result-code page; seen in Smile ID's published payloads"
            default: "result-code page, table \(rawValue) (\(product.name))"
            }
        }

        public var product: Product {
            switch self {
            case .anyProduct: .anyProduct
            case .basicKYC: .basicKYC
            case .enhancedKYC: .enhancedKYC
            case .biometricKYC: .biometricKYC
            case .documentVerification: .documentVerification
            case .smartSelfieAuthentication: .smartSelfieAuthentication
            case .smartSelfieEnrollment: .smartSelfieEnrollment
            case .smileSecure: .smileSecure
            case .observed: .businessVerification
            }
        }

        /// Job types the table applies to; empty means every job type.
        public var jobTypes: [Int] {
            switch self {
            case .documentVerification: [6, 11]
            default: product.jobTypes
            }
        }
    }

    /// The 4-character code, as a string ("0810").
    public var code: String
    public var table: Table
    public var text: String
    /// The page's description; empty where the page gives none.
    public var description: String
    /// The category as the page writes it ("Rejected", "rejected", "-", "").
    public var pageCategory: String
    public var category: Category
    public var deprecated: Bool
    /// Doubts about the reconstruction, and anything else a reader should know.
    public var notes: [String]

    public var product: Product { table.product }
    public var jobTypes: [Int] { table.jobTypes }
    public var id: String { "\(code)/\(table.rawValue)/\(text)" }

    /// True when the entry applies to jobs of this type (entries for every product always do).
    public func applies(toJobType jobType: Int) -> Bool {
        jobTypes.isEmpty || jobTypes.contains(jobType)
    }

    public init(
        code: String, table: Table, text: String, description: String, pageCategory: String,
        category: Category? = nil, deprecated: Bool = false, notes: [String] = []
    ) {
        self.code = code
        self.table = table
        self.text = text
        self.description = description
        self.pageCategory = pageCategory
        self.category = category ?? Category(pageWording: pageCategory)
        self.deprecated = deprecated
        self.notes = notes
    }
}
