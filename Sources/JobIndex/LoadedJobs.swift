import SmileJobs

/// Everything one load produced: the jobs, and an account of what could not be read.
public struct LoadedJobs: Sendable, Equatable {
    public var sources: [SourceInfo]
    public var store: JobStore
    public var problems: [Problem]
    public var requestErrors: [RequestError]
    /// Submissions acknowledged (results to follow): neither jobs nor problems.
    public var acknowledgements: [Acknowledgement]
    /// Records read, duplicates included (a job-status response with history counts each result).
    public var recordCount: Int

    public init(
        sources: [SourceInfo] = [], store: JobStore = .empty, problems: [Problem] = [],
        requestErrors: [RequestError] = [], acknowledgements: [Acknowledgement] = [], recordCount: Int? = nil
    ) {
        self.sources = sources
        self.store = store
        self.problems = problems
        self.requestErrors = requestErrors
        self.acknowledgements = acknowledgements
        self.recordCount = recordCount ?? store.recordCount
    }

    /// Loaded jobs made from `Job` values (tests, small data): their records merged again.
    public init(
        sources: [SourceInfo] = [], jobs: [Job], problems: [Problem] = [], requestErrors: [RequestError] = [], recordCount: Int? = nil
    ) {
        self.init(sources: sources, store: JobStore(jobs: jobs), problems: problems, requestErrors: requestErrors, recordCount: recordCount)
    }

    /// The jobs, made as they are read.
    public var jobs: JobCollection { store.jobValues }

    /// The path a record was read from.
    public func sourcePath(of origin: RecordOrigin) -> String {
        let index = Int(origin.source)
        return sources.indices.contains(index) ? sources[index].displayName : "?"
    }

    /// True when some path or file could not be opened at all.
    public var hasUnreadablePath: Bool { problems.contains { $0.kind == .unreadable } }
}
