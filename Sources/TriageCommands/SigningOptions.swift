import ArgumentParser
import Foundation
import JobSources

/// Where the signing key comes from. The partner id may be an argument; the API key never
/// is (it would show in `ps`): only `SMILE_API_KEY` or a file readable by its owner alone.
struct SigningOptions: ParsableArguments {
    @Option(name: .long, help: "Your Smile ID partner id (else SMILE_PARTNER_ID).")
    var partnerID: String?

    @Option(name: .long, help: "A file holding the API key, readable by its owner alone (else SMILE_API_KEY).")
    var apiKeyFile: String?

    /// A checker when a key was given, else nil (signatures are then `unchecked`).
    func checker(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SignatureChecker? {
        let key: String?
        if let apiKeyFile {
            do {
                key = try SignatureChecker.readKeyFile(apiKeyFile)
            } catch {
                throw ValidationError(error.message)
            }
        } else if let fromEnvironment = environment["SMILE_API_KEY"], !fromEnvironment.isEmpty {
            key = fromEnvironment
        } else {
            key = nil
        }
        guard let key else { return nil }
        guard let partner = partnerID ?? environment["SMILE_PARTNER_ID"], !partner.isEmpty else {
            throw ValidationError("an API key was given but no partner id: pass --partner-id or set SMILE_PARTNER_ID")
        }
        return SignatureChecker(partnerID: partner, apiKey: key)
    }
}
