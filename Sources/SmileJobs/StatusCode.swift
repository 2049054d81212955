/// Codes that are not job results: the `code` of a job-status response, and the code of
/// an error body (a request that failed). Smile ID documents them apart from result codes,
/// on its error-codes page: a request that failed validation leaves no job behind.
public struct StatusCode: Sendable, Equatable {
    public var code: String
    /// As Smile ID's error-codes page writes it.
    public var text: String
    /// What it means and what to do, as the page says; empty where no source says more.
    public var description: String
    /// True when the code says the request or job failed (not merely "status returned").
    public var isFailure: Bool
    public var source: String

    static let errorPage = "Smile ID error-codes page (docs.usesmileid.com/further-reading/result-codes/error-codes)"
    static let androidList =
        "listed among the error codes of Smile ID's Android SDK (lib/src/main/res/values/strings.xml); no published text"

    // swift-format-ignore
    public static let table: [StatusCode] = {
        func page(_ code: String, _ text: String, _ description: String) -> StatusCode {
            StatusCode(code: code, text: text, description: description, isFailure: true, source: errorPage)
        }
        func listed(_ code: String) -> StatusCode {
            StatusCode(code: code, text: "Error (meaning not published)", description: "", isFailure: true, source: androidList)
        }
        let system = "An unknown error has occurred. Please contact someone at Smile ID."
        let unauthorised = "An invalid signature was used to sign the request."
        let missing = "Not all the required keys were submitted in the info.json or request payload. Please check request values for this product."
        return [
            page("2201", "System Error", system),
            page("2203", "Error - Invalid JSON", "The info.json file in the Zip is not properly structured. Ensure all keys are present and properly named."),
            page("2204", "Error - A parameter is of the wrong data type", "The format of one of the request values was wrong. Please check request values for this product."),
            page("2205", "Error - \"You are not authorized to do that\"", unauthorised),
            page("2207", "Error - Enrolled User is disabled", "The user corresponding to this user_id must be re-enabled before performing the requested action."),
            page("2208", "Error - Enrolled user is deleted", "This user id can no longer perform actions in the Smile ID system."),
            page("2209", "Error - Wrong user id. This user is already enrolled with user_id", "An existing user_id was inputted. Enter a unique user id."),
            page("2210", "Error - No enrolled user found", "You are attempting to perform an action that requires a user to have been previously enrolled."),
            page("2211", "Error - Enrolled user must complete re-enrollment", "This user has been marked for re-enrollment and has not done so yet."),
            page("2212", "Error - Invalid job type", "An invalid value was inputted in the job_type key. Change the value to \"5\"."),
            page("2213", "Error - A required parameter is missing", missing),
            listed("2214"),
            page("2215", "Error - Job already exists for job_id", "An existing job_id was inputted. Enter a unique job id, or set the retry flag to submit the same job again."),
            page("2216", "Error - Enrolled user does not have a photo on file", "The user_id does not have a selfie on file."),
            page("2220", "Error - Production is not enabled", ""),
            listed("2221"),
            page("2301", "System Error", system),
            StatusCode(code: "2302", text: "Job status returned", description: "The status call succeeded; it says nothing about whether the job passed or failed.",
                       isFailure: false, source: "Smile ID's SDKs (a job_status response's code)"),
            StatusCode(code: "2314", text: "Error - No Zip File Received", description: "",
                       isFailure: true, source: "Smile ID's result-and-error-codes page and smile-identity-core-java's tests"),
            page("2401", "System Error", system),
            page("2405", "Error - \"You are not authorized to do that\"", unauthorised),
            page("2413", "Error - A required parameter is missing", missing),
            listed("2414"),
        ]
    }()

    public static func lookup(_ code: String) -> StatusCode? {
        let normalised = Catalogue.normalise(code)
        return table.first { $0.code == normalised }
    }
}
