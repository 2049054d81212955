/// A Smile ID product, as the result-code page groups codes and as `job_type` names jobs.
public enum Product: String, CaseIterable, Sendable, Codable {
    /// Table A of the result-code page: codes that any product may return.
    case anyProduct = "any"
    case basicKYC = "basic-kyc"
    case enhancedKYC = "enhanced-kyc"
    case biometricKYC = "biometric-kyc"
    case documentVerification = "document-verification"
    case enhancedDocumentVerification = "enhanced-document-verification"
    case smartSelfieAuthentication = "smartselfie-authentication"
    case smartSelfieEnrollment = "smartselfie-enrollment"
    case businessVerification = "business-verification"
    case updatePhoto = "update-photo"
    case compareUserInfo = "compare-user-info"
    case amlCheck = "aml-check"
    case addressVerification = "address-verification"
    /// The Smile Secure deduplication check: a second callback beside a job's result.
    case smileSecure = "smile-secure"

    public var name: String {
        switch self {
        case .anyProduct: "Any product"
        case .basicKYC: "Basic KYC"
        case .enhancedKYC: "Enhanced KYC"
        case .biometricKYC: "Biometric KYC"
        case .documentVerification: "Document Verification"
        case .enhancedDocumentVerification: "Enhanced Document Verification"
        case .smartSelfieAuthentication: "SmartSelfie Authentication"
        case .smartSelfieEnrollment: "SmartSelfie Enrollment"
        case .businessVerification: "Business Verification"
        case .updatePhoto: "Update Photo"
        case .compareUserInfo: "Compare User Info"
        case .amlCheck: "AML Check"
        case .addressVerification: "Address Verification"
        case .smileSecure: "Smile Secure"
        }
    }

    /// A short name for narrow columns.
    public var shortName: String {
        switch self {
        case .anyProduct: "any"
        case .basicKYC: "Basic KYC"
        case .enhancedKYC: "Enh KYC"
        case .biometricKYC: "Bio KYC"
        case .documentVerification: "DocV"
        case .enhancedDocumentVerification: "Enh DocV"
        case .smartSelfieAuthentication: "SS Auth"
        case .smartSelfieEnrollment: "SS Enroll"
        case .businessVerification: "KYB"
        case .updatePhoto: "Upd Photo"
        case .compareUserInfo: "Compare"
        case .amlCheck: "AML"
        case .addressVerification: "Address"
        case .smileSecure: "Secure"
        }
    }

    /// The job types whose jobs this product runs.
    public var jobTypes: [Int] {
        switch self {
        case .anyProduct, .smileSecure: []
        case .biometricKYC: [1]
        case .smartSelfieAuthentication: [2]
        case .smartSelfieEnrollment: [4]
        case .basicKYC, .enhancedKYC: [5]
        case .documentVerification: [6]
        case .businessVerification: [7]
        case .updatePhoto: [8]
        case .compareUserInfo: [9]
        case .amlCheck: [10]
        case .enhancedDocumentVerification: [11]
        case .addressVerification: [12]
        }
    }

    /// The product(s) a job type names. Job type 5 is shared by Enhanced and Basic KYC.
    public static func products(forJobType jobType: Int) -> [Product] {
        switch jobType {
        case 1: [.biometricKYC]
        case 2: [.smartSelfieAuthentication]
        case 4: [.smartSelfieEnrollment]
        case 5: [.enhancedKYC, .basicKYC]
        case 6: [.documentVerification]
        case 7: [.businessVerification]
        case 8: [.updatePhoto]
        case 9: [.compareUserInfo]
        case 10: [.amlCheck]
        case 11: [.enhancedDocumentVerification]
        case 12: [.addressVerification]
        default: []
        }
    }

    /// Reads `--product` values: a job type number, an id, a name or a common short form
    /// ("6", "document-verification", "Document Verification", "docv", "bkyc").
    public init?(argument text: String) {
        let trimmed = text.trimmingASCIISpaces()
        if let number = Int(trimmed), let first = Product.products(forJobType: number).first {
            self = first
            return
        }
        let key = Product.looseKey(trimmed)
        for product in Product.allCases {
            let names = [product.rawValue, product.name, product.shortName] + product.aliases
            if names.contains(where: { Product.looseKey($0) == key }) {
                self = product
                return
            }
        }
        return nil
    }

    private var aliases: [String] {
        switch self {
        case .anyProduct: ["all", "any product"]
        case .basicKYC: ["bkyc-basic", "basic"]
        case .enhancedKYC: ["ekyc", "enhanced"]
        case .biometricKYC: ["bkyc", "biometric"]
        case .documentVerification: ["docv", "document", "doc"]
        case .enhancedDocumentVerification: ["edocv", "enhanced docv", "enhanced document"]
        case .smartSelfieAuthentication: ["smartselfie auth", "authentication", "ss auth", "selfie auth"]
        case .smartSelfieEnrollment: ["smartselfie enroll", "enrollment", "enrolment", "smartselfie enrolment", "registration"]
        case .businessVerification: ["kyb", "business"]
        case .updatePhoto: ["update"]
        case .compareUserInfo: ["compare"]
        case .amlCheck: ["aml", "watchlist", "sanctions"]
        case .addressVerification: ["address", "av"]
        case .smileSecure: ["secure", "antifraud"]
        }
    }

    static func looseKey(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    public func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
