/// Counts over a load: the shape of a day at a glance.
public struct JobSummary: Sendable, Equatable {
    public var jobs: Int
    public var records: Int
    /// Every category id, zero counts included, so scripts can rely on the keys.
    public var categories: [(category: Category, count: Int)]
    /// Product name → jobs, most first.
    public var products: [(name: String, count: Int)]
    /// Result code → jobs, most first (jobs without a code are not counted here).
    public var codes: [(code: String, count: Int)]
    public var secure: [SecureVerdict: Int]
    public var problems: [Problem]
    public var requestErrors: [RequestError]
    public var sources: Int

    public init(_ loaded: LoadedJobs) {
        jobs = loaded.store.jobCount
        records = loaded.recordCount
        sources = loaded.sources.count
        var categoryCounts: [Category: Int] = [:]
        var productCounts: [String: Int] = [:]
        var codeCounts: [String: Int] = [:]
        var secureCounts: [SecureVerdict: Int] = [:]
        let store = loaded.store
        var productIDs: [UInt32: Int] = [:]
        var codeIDs = [Int](repeating: 0, count: store.codeIDCount)
        for job in 0..<store.jobCount {
            categoryCounts[store.category(job), default: 0] += 1
            productIDs[store.productID(job), default: 0] += 1
            let codeID = store.resultCodeID(job)
            if codeID != 0 {
                codeIDs[Int(codeID)] += 1
            } else if let code = store.displayCode(job) {
                codeCounts[code, default: 0] += 1
            }
            secureCounts[store.secureVerdict(job), default: 0] += 1
        }
        for (id, count) in codeIDs.enumerated() where count > 0 {
            codeCounts[store.normalisedCode(UInt32(id)) ?? "", default: 0] += count
        }
        for (id, count) in productIDs { productCounts[store.strings.products.value(id) ?? "Unknown product", default: 0] += count }
        categories = Category.allCases.map { ($0, categoryCounts[$0] ?? 0) }
        products = JobSummary.ranked(productCounts).map { ($0.key, $0.count) }
        codes = JobSummary.ranked(codeCounts).map { ($0.key, $0.count) }
        secure = secureCounts
        problems = loaded.problems
        requestErrors = loaded.requestErrors
    }

    public func count(of category: Category) -> Int {
        categories.first { $0.category == category }?.count ?? 0
    }

    /// Most first, then by key, so output is stable.
    static func ranked(_ counts: [String: Int]) -> [(key: String, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { lhs, rhs in
            lhs.1 != rhs.1 ? lhs.1 > rhs.1 : lhs.0 < rhs.0
        }
    }

    public static func == (lhs: JobSummary, rhs: JobSummary) -> Bool {
        lhs.jobs == rhs.jobs && lhs.records == rhs.records
            && lhs.categories.map(\.count) == rhs.categories.map(\.count)
            && lhs.products.map(\.name) == rhs.products.map(\.name) && lhs.products.map(\.count) == rhs.products.map(\.count)
            && lhs.codes.map(\.code) == rhs.codes.map(\.code) && lhs.codes.map(\.count) == rhs.codes.map(\.count)
            && lhs.secure == rhs.secure && lhs.problems == rhs.problems && lhs.requestErrors == rhs.requestErrors
    }
}
