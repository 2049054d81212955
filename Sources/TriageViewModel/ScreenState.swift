import SmileJobs

/// A screen opened over the job list.
public enum ScreenState: Sendable, Equatable {
    case detail(DetailState)
    case explainer(ExplainerState)
    case catalogue(CatalogueState)
    case secure(SecureState)
    case suspectList(SuspectListState)
    case rings(RingsState)
    case ring(RingState)
    case frequency(FrequencyState)
    case problems(ProblemsState)

    public var kind: ScreenKind {
        switch self {
        case .detail: .jobDetail
        case .explainer: .codeExplainer
        case .catalogue: .catalogue
        case .secure: .smileSecure
        case .suspectList: .suspectList
        case .rings, .ring: .rings
        case .frequency: .frequency
        case .problems: .problems
        }
    }
}

/// One job, whole.
public struct DetailState: Sendable, Equatable {
    public var job: Int
    /// The job's records read in full; nil until they arrive.
    public var documents: [RecordDocument]?
    /// Why some records could not be read again (their file changed since it was loaded).
    public var unreadable: [String] = []
    /// The job's decision trail, oldest first; nil until read.
    public var audit: [AuditEntry]?
    public var scroll = Scroll()
    /// Nested objects folded to a line each (`T`).
    public var folded = false
    /// What the screen shows, made when documents, the trail or a decision arrive or
    /// redaction flips; never for a width (the screen lays it out).
    public var content: [DocumentLine] = []

    public init(job: Int) {
        self.job = job
    }
}

/// Every meaning of one code.
public struct ExplainerState: Sendable, Equatable {
    public var code: String
    /// The job type of the job the code came from, to mark the meaning that applies.
    public var jobType: Int?
    public var resultText: String?
    public var scroll = Scroll()
    public var content: [DocumentLine] = []

    public init(code: String, jobType: Int?, resultText: String?) {
        self.code = code
        self.jobType = jobType
        self.resultText = resultText
    }
}

/// The whole catalogue, searchable.
public struct CatalogueState: Sendable, Equatable {
    public var query = ""
    /// Indices into the catalogue's entries that match the query.
    public var matches: [Int] = []
    public var cursor = Cursor()

    public init() {}
}

/// A job's Smile Secure suspects, with the loaded jobs of each.
public struct SecureState: Sendable, Equatable {
    public enum Row: Sendable, Equatable {
        /// A suspect user, with reasons and how many of their jobs are loaded.
        case suspect(userID: String, reasons: [String], jobs: Int)
        /// One loaded job of the suspect above.
        case job(Int32)
        /// A line of text (e.g. "not in the loaded data").
        case note(String)
    }

    public var job: Int
    public var rows: [Row] = []
    public var cursor = Cursor()

    public init(job: Int) {
        self.job = job
    }

    public var selectedJob: Int? {
        guard rows.indices.contains(cursor.selected), case .job(let index) = rows[cursor.selected] else { return nil }
        return Int(index)
    }
}

/// Every job with Smile Secure suspects.
public struct SuspectListState: Sendable, Equatable {
    public var jobs: [Int32] = []
    public var cursor = Cursor()

    public init() {}

    public var selectedJob: Int? { jobs.indices.contains(cursor.selected) ? Int(jobs[cursor.selected]) : nil }
}

/// The rings, largest first.
public struct RingsState: Sendable, Equatable {
    public enum Order: Sendable, Equatable { case size, recency }
    public var order: Order = .size
    /// Indices into the ring index's rings, in the order shown.
    public var rings: [Int] = []
    public var cursor = Cursor()

    public init() {}
}

/// One ring: its users, their jobs, and the links between them.
public struct RingState: Sendable, Equatable {
    public enum Row: Sendable, Equatable {
        case user(String, jobs: Int)
        case job(Int32)
        case link(from: String, to: String, reasons: [String])
        case heading(String)
        case note(String)
    }

    public var ring: Int
    public var rows: [Row] = []
    public var cursor = Cursor()

    public init(ring: Int) {
        self.ring = ring
    }

    public var selectedJob: Int? {
        guard rows.indices.contains(cursor.selected), case .job(let index) = rows[cursor.selected] else { return nil }
        return Int(index)
    }
}

/// Counts by one dimension: the shape of the day.
public struct FrequencyState: Sendable, Equatable {
    public var dimension: FrequencyDimension
    public var buckets: [FrequencyBucket] = []
    public var total = 0
    public var cursor = Cursor()

    public init(dimension: FrequencyDimension) {
        self.dimension = dimension
    }
}

/// Records that could not be read, and error bodies.
public struct ProblemsState: Sendable, Equatable {
    public var cursor = Cursor()
    /// What `/` looks for among the rows (`n` / `N` step through the rows that hold it).
    public var find = ""

    public init() {}
}
