/// Reads a `job_type` as it arrives: a number (`1`), a number in a string (`"1"`, `" 6 "`),
/// or a name, as the v2 APIs and SDKs write it (`"smart_selfie_authentication"`,
/// `"biometric_kyc"`, `"document_verification"`).
public enum JobTypeName {
    /// The job type number, or nil when the text is neither a number nor a known name.
    public static func number(_ text: String) -> Int? {
        let trimmed = text.trimmingASCIISpaces()
        if let number = Int(trimmed) { return number }
        return byName[key(trimmed)]
    }

    /// Names as written by Smile ID's v2 models and server libraries, keyed loosely
    /// (case, `_`, `-` and spaces ignored).
    static let byName: [String: Int] = {
        let names: [(String, Int)] = [
            ("biometric_kyc", 1), ("smart_selfie_authentication", 2), ("smartselfie_authentication", 2),
            ("smart_selfie_enrollment", 4), ("smart_selfie_enrolment", 4), ("smart_selfie_registration", 4),
            ("enhanced_kyc", 5), ("basic_kyc", 5), ("document_verification", 6), ("business_verification", 7),
            ("update_photo", 8), ("compare_user_info", 9), ("aml", 10), ("aml_check", 10),
            ("enhanced_document_verification", 11), ("address_verification", 12),
        ]
        return Dictionary(names.map { (key($0.0), $0.1) }, uniquingKeysWith: { first, _ in first })
    }()

    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " }.map(Character.init))
    }
}
