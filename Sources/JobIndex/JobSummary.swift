import SmileJobs

/// Counts over a load: the shape of a day at a glance.
public struct JobSummary: Sendable, Equatable {
    public var jobs: Int
    public var records: Int
    /// Every category id, zero counts included, so scripts can rely on the keys.
    public var categories: [(category: Category, count: Int)]
    /// Product name → jobs, most first.
    public var products: [(name: String, count: Int)]
    /// Result code → jobs, most first (jobs without a code are not counted here). Kept for
    /// scripts; `productCodes` is the count that means something.
    public var codes: [(code: String, count: Int)]
    /// (product, code) → jobs, most first: a code means nothing without its product.
    public var productCodes: [ProductCodeCount]
    public var secure: [SecureVerdict: Int]
    public var problems: [Problem]
    public var requestErrors: [RequestError]
    public var acknowledgements: [Acknowledgement]
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
        productCodes = ProductCodeCount.count(store: store, jobs: 0..<store.jobCount)
        categories = Category.allCases.map { ($0, categoryCounts[$0] ?? 0) }
        products = JobSummary.ranked(productCounts).map { ($0.key, $0.count) }
        codes = JobSummary.ranked(codeCounts).map { ($0.key, $0.count) }
        secure = secureCounts
        problems = loaded.problems
        requestErrors = loaded.requestErrors
        acknowledgements = loaded.acknowledgements
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
            && lhs.productCodes == rhs.productCodes
            && lhs.secure == rhs.secure && lhs.problems == rhs.problems && lhs.requestErrors == rhs.requestErrors
            && lhs.acknowledgements == rhs.acknowledgements
    }
}

/// Jobs of one product with one code, with what the code means on that product.
public struct ProductCodeCount: Sendable, Equatable, Hashable {
    public var product: String
    /// The job type the product's jobs carry, as written (nil when none does).
    public var jobType: String?
    public var code: String
    /// The catalogue's text for the code on this product, else the jobs' commonest ResultText.
    public var text: String
    /// The commonest category of these jobs.
    public var category: Category
    public var count: Int

    /// Counts over some jobs, most first, then by product and code.
    private struct Key: Hashable {
        var product: UInt32
        var code: String
    }

    private struct Tally {
        var count = 0
        var categories = [Int](repeating: 0, count: Category.allCases.count)
        var texts: [UInt32: Int] = [:]
        /// The first job counted: where the job type is read from.
        var job: Int
    }

    private static func add(_ job: Int, store: JobStore, to tally: inout Tally) {
        tally.count += 1
        tally.categories[store.category(job).ordinal] += 1
        tally.texts[store.resultTextID(job), default: 0] += 1
    }

    public static func count<S: Sequence>(store: JobStore, jobs: S) -> [ProductCodeCount] where S.Element == Int {
        var tallies: [Key: Tally] = [:]
        for job in jobs {
            guard let code = store.displayCode(job) else { continue }
            let key = Key(product: store.productID(job), code: code)
            // Changed where it is kept: a copy taken out and put back copied its array and
            // dictionary for every job (a twelfth of `summary`'s instructions).
            Self.add(job, store: store, to: &tallies[key, default: Tally(job: job)])
        }
        return tallies.map { key, tally in
            let jobTypeText = store.jobTypeText(tally.job)
            let jobType = jobTypeText.flatMap(JobTypeName.number)
            let commonText = tally.texts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.flatMap {
                store.strings.texts.value($0.key)
            }
            let meaning = jobType.map { store.catalogue.explain(code: key.code, jobType: $0, resultText: commonText) }
            let text = meaning.flatMap { $0.basis == .product ? $0.primary?.text : nil } ?? commonText ?? store.resultText(tally.job) ?? ""
            let category = Category.allCases[tally.categories.indices.max { tally.categories[$0] < tally.categories[$1] } ?? 0]
            return ProductCodeCount(
                product: store.strings.products.value(key.product) ?? "Unknown product", jobType: jobTypeText,
                code: key.code, text: text, category: category, count: tally.count)
        }.sorted { lhs, rhs in
            lhs.count != rhs.count ? lhs.count > rhs.count : (lhs.product, lhs.code) < (rhs.product, rhs.code)
        }
    }
}
