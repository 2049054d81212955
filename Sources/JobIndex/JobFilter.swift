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
    /// Only jobs that need chasing for one of these reasons (`ChaseReasons` ids: stuck,
    /// no-callback, duplicate, no-result).
    public var chase: Set<String> = []
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

    public var isEmpty: Bool { !FilterDimension.all.contains { $0.isSet(self) } }

    /// The filter in words, for the status bar: `category=rejected,review product=Biometric KYC`.
    public var summary: String { FilterDimension.all.filter { $0.isSet(self) }.map { $0.describe(self) }.joined(separator: " ") }
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
