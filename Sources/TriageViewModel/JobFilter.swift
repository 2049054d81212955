import SmileJobs

/// Which jobs the list shows: values within one dimension are alternatives (any of them),
/// dimensions all apply (every one of them).
public struct JobFilter: Hashable, Sendable {
    public var categories: Set<Category> = []
    public var products: Set<String> = []
    public var codes: Set<String> = []
    public var secure: Set<SecureVerdict> = []
    public var countries: Set<String> = []
    public var idTypes: Set<String> = []
    /// An Actions entry a job must carry ("Liveness_Check" = "Failed").
    public var actions: Set<ActionResult> = []
    /// Only jobs whose user belongs to a Smile Secure ring.
    public var inRing = false
    /// Jobs whose main record's signature is in one of these states.
    public var signatures: Set<SignatureState> = []
    /// Jobs by what was decided about them (untriaged, cleared…).
    public var decisions: Set<DecisionFilter> = []

    public init() {}

    public var isEmpty: Bool {
        categories.isEmpty && products.isEmpty && codes.isEmpty && secure.isEmpty && countries.isEmpty
            && idTypes.isEmpty && actions.isEmpty && !inRing && signatures.isEmpty && decisions.isEmpty
    }

    /// The filter in words, for the status bar: `category=rejected,review product=Biometric KYC`.
    public var summary: String {
        var parts: [String] = []
        if !categories.isEmpty { parts.append("category=" + categories.sorted().map(\.id).joined(separator: ",")) }
        if !products.isEmpty { parts.append("product=" + products.sorted().joined(separator: ",")) }
        if !codes.isEmpty { parts.append("code=" + codes.sorted().joined(separator: ",")) }
        if !secure.isEmpty { parts.append("secure=" + secure.map(\.rawValue).sorted().joined(separator: ",")) }
        if !countries.isEmpty { parts.append("country=" + countries.sorted().joined(separator: ",")) }
        if !idTypes.isEmpty { parts.append("id type=" + idTypes.sorted().joined(separator: ",")) }
        if !actions.isEmpty {
            parts.append(actions.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ","))
        }
        if inRing { parts.append("in a ring") }
        if !signatures.isEmpty { parts.append("signature=" + signatures.map(\.rawValue).sorted().joined(separator: ",")) }
        if !decisions.isEmpty { parts.append("decision=" + decisions.sorted().map(\.label).joined(separator: ",")) }
        return parts.joined(separator: " ")
    }
}
