/// The result-code catalogue: every meaning of every code, looked up by code and product.
public struct Catalogue: Sendable {
    public static let standard = Catalogue(entries: Catalogue.entries)

    /// The Smile Secure codes (5210, 5211, 5212) and the state each names, from the table:
    /// the one list of them.
    public static let smileSecureStates: [String: SecureVerdict] = Dictionary(
        Catalogue.entries.compactMap { entry in entry.secureVerdict.map { (entry.code, $0) } }, uniquingKeysWith: { first, _ in first })

    /// The Smile Secure state a code names, if it is a Smile Secure code (spaces and a lost
    /// leading zero forgiven, as everywhere).
    public static func smileSecureState(_ code: String) -> SecureVerdict? { smileSecureStates[normalise(code)] }

    public let entries: [CatalogueEntry]
    private let byCode: [String: [CatalogueEntry]]

    public init(entries: [CatalogueEntry]) {
        self.entries = entries
        self.byCode = Dictionary(grouping: entries, by: \.code)
    }

    /// What `--product` narrows to: a job type (5 means both Basic and Enhanced KYC) or one product.
    public enum Scope: Sendable, Equatable {
        case jobType(Int)
        case product(Product)

        /// Reads a `--product` argument: a number is a job type, anything else a product name.
        public init?(argument: String) {
            let trimmed = argument.trimmingASCIISpaces()
            if let number = Int(trimmed) {
                self = .jobType(number)
            } else if let product = Product(argument: trimmed) {
                self = .product(product)
            } else {
                return nil
            }
        }

        public var name: String {
            switch self {
            case .jobType(let type):
                let products = Product.products(forJobType: type)
                return products.isEmpty ? "job type \(type)" : products.map(\.name).joined(separator: " / ") + " (job type \(type))"
            case .product(let product): return product.name
            }
        }
    }

    /// Every meaning of `code`, in page order.
    public func meanings(of code: String) -> [CatalogueEntry] {
        byCode[Catalogue.normalise(code)] ?? []
    }

    /// The meanings of `code` within a scope. Table A (any product) and Smile Secure codes
    /// apply to every product.
    public func meanings(of code: String, in scope: Scope) -> [CatalogueEntry] {
        meanings(of: code).filter { $0.applies(to: scope) }
    }

    /// The meaning of a code on a job of a given type, with how sure it is.
    public func explain(code rawCode: String, jobType: Int?, resultText: String? = nil) -> CodeExplanation {
        let code = Catalogue.normalise(rawCode)
        let all = meanings(of: code)
        guard !all.isEmpty else {
            return CodeExplanation(code: code, jobType: jobType, meanings: [], basis: .unlisted, category: .unknown, resultText: resultText)
        }
        if let jobType, !Product.products(forJobType: jobType).isEmpty {
            let matching = meanings(of: code, in: .jobType(jobType))
            if !matching.isEmpty {
                return CodeExplanation(
                    code: code, jobType: jobType, meanings: matching, basis: .product,
                    category: Catalogue.unanimous(matching), resultText: resultText)
            }
            return CodeExplanation(
                code: code, jobType: jobType, meanings: all, basis: .otherProducts,
                category: Catalogue.unanimous(all), resultText: resultText)
        }
        return CodeExplanation(
            code: code, jobType: jobType, meanings: all, basis: .allMeanings,
            category: Catalogue.unanimous(all), resultText: resultText)
    }

    /// The category every meaning agrees on, else unknown: never a silent guess.
    static func unanimous(_ entries: [CatalogueEntry]) -> Category {
        guard let first = entries.first?.jobCategory else { return .unknown }
        return entries.allSatisfy { $0.jobCategory == first } ? first : .unknown
    }

    /// Codes are 4-character strings; a payload that sent 810 as a number meant "0810".
    public static func normalise(_ code: String) -> String {
        let trimmed = code.trimmingASCIISpaces()
        if !trimmed.isEmpty, trimmed.count < 4, trimmed.allSatisfy(\.isASCIIDigit) {
            return String(repeating: "0", count: 4 - trimmed.count) + trimmed
        }
        return trimmed
    }

    /// Distinct codes in catalogue order.
    public var codes: [String] {
        var seen = Set<String>()
        return entries.compactMap { seen.insert($0.code).inserted ? $0.code : nil }
    }
}

/// A code read in the light of a job's product.
public struct CodeExplanation: Sendable, Equatable {
    public enum Basis: String, Sendable {
        /// The job's product table lists the code.
        case product
        /// The job's product is unknown: every meaning is shown.
        case allMeanings
        /// The job's product table does not list the code; other tables do.
        case otherProducts
        /// No table lists the code.
        case unlisted
    }

    public var code: String
    public var jobType: Int?
    public var meanings: [CatalogueEntry]
    public var basis: Basis
    public var category: Category
    public var resultText: String?

    /// The meaning to show first: the one whose text is the payload's ResultText, else the first.
    public var primary: CatalogueEntry? {
        if let resultText {
            let wanted = resultText.lowercased()
            if let match = meanings.first(where: { $0.text.lowercased() == wanted }) { return match }
        }
        return meanings.first
    }

    /// One line on how the meaning was chosen, for screens that explain themselves.
    public var basisNote: String {
        switch basis {
        case .product:
            meanings.count > 1 && Set(meanings.map(\.table)).count > 1
                ? "\(meanings.count) meanings apply to this job's product"
                : "as listed for this job's product"
        case .allMeanings: "the job's product is unknown: every meaning is shown"
        case .otherProducts: "not listed for this job's product; shown as other products list it"
        case .unlisted: "no Smile ID table lists this code"
        }
    }
}

extension CatalogueEntry {
    /// True when the meaning applies within a `--product` scope. A product's own entries
    /// apply, and so do entries another table lists for its job types (0816 on Document
    /// Verification); but a product sharing a job type with another (Basic and Enhanced
    /// KYC, both 5) does not take the other's table.
    public func applies(to scope: Catalogue.Scope) -> Bool {
        if jobTypes.isEmpty { return true }
        switch scope {
        case .jobType(let type): return applies(toJobType: type)
        case .product(let wanted):
            if product == wanted { return true }
            let types = wanted.jobTypes
            guard !types.isEmpty, types.allSatisfy({ jobTypes.contains($0) }) else { return false }
            return Set(product.jobTypes) != Set(types)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}
