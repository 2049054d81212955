/// Something that could not be read as a job, with where and why, in words a person
/// understands. The rest of the input still loads.
public struct Problem: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The path does not exist or cannot be opened.
        case unreadable
        /// A folder leads back into itself through links.
        case symlinkLoop
        /// The file is empty.
        case empty
        /// The file holds binary data, not text.
        case binary
        /// The bytes are not JSON.
        case syntax
        /// The file or line ends inside a record.
        case truncated
        /// Nesting beyond what any Smile ID payload has.
        case tooDeep
        /// Valid JSON, but not a Smile ID callback, job-status response or error body.
        case notARecord
    }

    public var source: String
    /// 1-based line, where there is one.
    public var line: Int?
    public var column: Int?
    public var kind: Kind
    public var message: String

    public init(source: String, line: Int? = nil, column: Int? = nil, kind: Kind, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
    }

    /// `file.ndjson:12:5`
    public var location: String {
        var text = source == "-" ? "<stdin>" : source
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}

/// An error body: a request that failed (`{"error": "...", "code": 2215}`). Reported, not a job.
public struct RequestError: Sendable, Hashable {
    public var source: String
    public var line: Int
    public var code: String?
    public var message: String

    public init(source: String, line: Int, code: String?, message: String) {
        self.source = source
        self.line = line
        self.code = code
        self.message = message
    }

    /// The documented meaning of the code, where there is one.
    public var codeMeaning: String? { code.flatMap(StatusCode.lookup)?.text }
}

/// A submission's acknowledgement (`{"success": true}`, the v3 202 `{status: "Accepted"}`):
/// Smile ID took the request and will send its result later. Counted and listed, not a
/// job and not a problem.
public struct Acknowledgement: Sendable, Hashable {
    public var source: String
    public var line: Int
    public var jobID: String?
    public var userID: String?
    public var message: String

    public init(source: String, line: Int, jobID: String?, userID: String?, message: String) {
        self.source = source
        self.line = line
        self.jobID = jobID
        self.userID = userID
        self.message = message
    }
}
