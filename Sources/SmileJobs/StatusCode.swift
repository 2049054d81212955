/// Codes that are not job results: the `code` of a job-status response, and the code of
/// an error body (a request that failed). Smile ID documents them apart from result codes.
public struct StatusCode: Sendable, Equatable {
    public var code: String
    public var text: String
    /// True when the code says the request or job failed (not merely "status returned").
    public var isFailure: Bool

    public static let table: [StatusCode] = [
        StatusCode(code: "2201", text: "System error", isFailure: true),
        StatusCode(code: "2203", text: "Invalid JSON in the request", isFailure: true),
        StatusCode(code: "2204", text: "A request field has the wrong data type", isFailure: true),
        StatusCode(code: "2205", text: "Not authorized: signature or API key invalid", isFailure: true),
        StatusCode(code: "2207", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2208", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2209", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2210", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2211", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2212", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2213", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2214", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2215", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2216", text: "Enrolment or request parameter error", isFailure: true),
        StatusCode(code: "2220", text: "Production not enabled for this partner", isFailure: true),
        StatusCode(code: "2301", text: "System error", isFailure: true),
        StatusCode(code: "2302", text: "Job status returned (says nothing about pass or fail)", isFailure: false),
        StatusCode(code: "2314", text: "No zip file received", isFailure: true),
        StatusCode(code: "2401", text: "System error", isFailure: true),
        StatusCode(code: "2405", text: "Not authorized: signature or API key invalid", isFailure: true),
    ]

    public static func lookup(_ code: String) -> StatusCode? {
        let normalised = Catalogue.normalise(code)
        return table.first { $0.code == normalised }
    }
}
