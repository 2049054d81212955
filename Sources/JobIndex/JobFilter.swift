import SmileJobs

/// Which jobs the list shows: values within one dimension are alternatives (any of them),
/// dimensions all apply (every one of them).
public struct JobFilter: Hashable, Sendable {
    public var categories: Set<Category> = []
    public var products: Set<String> = []
    public var codes: Set<String> = []
    /// A code on one product ("0810" on Document Verification): a code means nothing without its product.
    public var productCodes: Set<ProductCode> = []
    public var secure: Set<SecureVerdict> = []
    public var countries: Set<String> = []
    public var idTypes: Set<String> = []
    /// An Actions entry a job must carry ("Liveness_Check" = "Failed").
    public var actions: Set<ActionResult> = []
    /// Only jobs whose user belongs to a Smile Secure ring.
    public var inRing = false
    /// Only jobs that need review (for any reason: see `ReviewReasons`).
    public var needsReview = false
    /// Jobs whose main record's signature is in one of these states.
    public var signatures: Set<SignatureState> = []
    /// Jobs by what was decided about them (untriaged, cleared…).
    public var decisions: Set<DecisionFilter> = []
    /// Jobs of these users.
    public var users: Set<String> = []
    /// Jobs whose user is in one of these rings (by stable ring id).
    public var ringIDs: Set<String> = []
    /// Jobs whose time is at or after this (milliseconds since 1970).
    public var since: Int64?
    /// Jobs whose time is before this.
    public var until: Int64?

    public init() {}

    public var isEmpty: Bool {
        categories.isEmpty && products.isEmpty && codes.isEmpty && productCodes.isEmpty && secure.isEmpty && countries.isEmpty
            && idTypes.isEmpty && actions.isEmpty && !inRing && !needsReview && signatures.isEmpty && decisions.isEmpty
            && users.isEmpty && ringIDs.isEmpty && since == nil && until == nil
    }

    /// The filter in words, for the status bar: `category=rejected,review product=Biometric KYC`.
    public var summary: String {
        var parts: [String] = []
        if !categories.isEmpty { parts.append("category=" + categories.sorted().map(\.id).joined(separator: ",")) }
        if !products.isEmpty { parts.append("product=" + products.sorted().joined(separator: ",")) }
        if !codes.isEmpty { parts.append("code=" + codes.sorted().joined(separator: ",")) }
        if !productCodes.isEmpty {
            parts.append(
                "code="
                    + productCodes.sorted { ($0.code, $0.product) < ($1.code, $1.product) }.map { "\($0.code)@\($0.product)" }.joined(
                        separator: ","))
        }
        if !secure.isEmpty { parts.append("secure=" + secure.map(\.rawValue).sorted().joined(separator: ",")) }
        if !countries.isEmpty { parts.append("country=" + countries.sorted().joined(separator: ",")) }
        if !idTypes.isEmpty { parts.append("id type=" + idTypes.sorted().joined(separator: ",")) }
        if !actions.isEmpty {
            parts.append(actions.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ","))
        }
        if needsReview { parts.append("needs review") }
        if inRing { parts.append("in a ring") }
        if !signatures.isEmpty { parts.append("signature=" + signatures.map(\.rawValue).sorted().joined(separator: ",")) }
        if !decisions.isEmpty { parts.append("decision=" + decisions.sorted().map(\.label).joined(separator: ",")) }
        if !users.isEmpty { parts.append("user=" + users.sorted().joined(separator: ",")) }
        if !ringIDs.isEmpty { parts.append("ring=" + ringIDs.sorted().joined(separator: ",")) }
        if let since { parts.append("since=" + Timestamp(millisecondsSince1970: since).shortText) }
        if let until { parts.append("until=" + Timestamp(millisecondsSince1970: until).shortText) }
        return parts.joined(separator: " ")
    }
}

/// A result code on one product, as the frequency view and the filter count it.
public struct ProductCode: Hashable, Sendable {
    public var product: String
    public var code: String

    public init(product: String, code: String) {
        self.product = product
        self.code = code
    }
}
