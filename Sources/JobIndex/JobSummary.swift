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
        // Counted in arrays by id, one pass, no String or dictionary per job: this runs on
        // one thread after the load, and with dictionaries it was a seventh of `summary`.
        let store = loaded.store
        var categoryCounts = [Int](repeating: 0, count: Category.allCases.count)
        var productIDs = [Int](repeating: 0, count: store.productIDCount)
        var codeIDs = [Int](repeating: 0, count: store.codeIDCount)
        var secureCounts = [Int](repeating: 0, count: SecureVerdict.allCases.count)
        var codeCounts: [String: Int] = [:]
        for job in 0..<store.jobCount {
            categoryCounts[Int(store.categoryByte(job))] += 1
            productIDs[Int(store.productID(job))] += 1
            let codeID = store.resultCodeID(job)
            if codeID != 0 {
                codeIDs[Int(codeID)] += 1
            } else if let code = store.displayCode(job) {
                codeCounts[code, default: 0] += 1
            }
            secureCounts[Int(store.verdictByte(job))] += 1
        }
        for (id, count) in codeIDs.enumerated() where count > 0 {
            codeCounts[store.normalisedCode(UInt32(id)) ?? "", default: 0] += count
        }
        var productCounts: [String: Int] = [:]
        for (id, count) in productIDs.enumerated() where count > 0 {
            productCounts[store.strings.products.value(UInt32(id)) ?? "Unknown product", default: 0] += count
        }
        productCodes = ProductCodeCount.count(store: store, jobs: 0..<store.jobCount)
        categories = Category.allCases.map { ($0, categoryCounts[Int($0.rawByte)]) }
        products = JobSummary.ranked(productCounts).map { ($0.key, $0.count) }
        codes = JobSummary.ranked(codeCounts).map { ($0.key, $0.count) }
        var verdicts: [SecureVerdict: Int] = [:]
        for (ordinal, count) in secureCounts.enumerated() where count > 0 { verdicts[SecureVerdict(rawByte: UInt8(ordinal))] = count }
        secure = verdicts
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

/// Result texts counted for one product and code: a few, looked through in a row; past
/// sixteen, hashed.
struct TextTally {
    private var few: [(key: UInt32, value: Int)] = []
    private var many: [UInt32: Int]?

    mutating func add(_ text: UInt32, _ count: Int = 1) {
        if many != nil {
            many![text, default: 0] += count
            return
        }
        if let index = few.firstIndex(where: { $0.key == text }) {
            few[index].value += count
        } else if few.count < 16 {
            few.append((text, count))
        } else {
            var table = Dictionary(uniqueKeysWithValues: few.map { ($0.key, $0.value) })
            table[text, default: 0] += count
            many = table
            few = []
        }
    }

    var counts: [(key: UInt32, value: Int)] { many.map { $0.map { ($0.key, $0.value) } } ?? few }
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
        var texts = TextTally()
        /// The first job counted: where the job type is read from.
        var job: Int
        /// Where that job came in the jobs counted.
        var order: Int

        /// Another tally of the same product and code; the first job is the earlier one.
        mutating func merge(_ other: Tally) {
            count += other.count
            for index in categories.indices { categories[index] += other.categories[index] }
            for (text, n) in other.texts.counts { texts.add(text, n) }
            if other.order < order { (job, order) = (other.job, other.order) }
        }
    }

    private static func add(_ job: Int, store: JobStore, to tally: inout Tally) {
        tally.count += 1
        tally.categories[store.category(job).ordinal] += 1
        tally.texts.add(store.resultTextID(job))
    }

    public static func count<S: Sequence>(store: JobStore, jobs: S) -> [ProductCodeCount] where S.Element == Int {
        // Jobs with an interned code are tallied by (product, code id) in one table of
        // integers; the few without (Smile Secure only, a failed status) by their code's
        // text. Code ids that read the same code once normalised are joined at the end.
        // (product, code id) → tally, in a flat array when the two are few (they are: tens
        // of products and codes), else hashed.
        let codeIDs = store.codeIDCount
        let flat = store.productIDCount * codeIDs <= 1 << 20
        var byFlat = [Int32](repeating: -1, count: flat ? store.productIDCount * codeIDs : 0)
        var byID: [UInt64: Int] = [:]
        var idTallies: [(key: Key, tally: Tally)] = []
        var tallies: [Key: Tally] = [:]
        for (order, job) in jobs.enumerated() {
            let codeID = store.resultCodeID(job)
            if codeID != 0 {
                let product = store.productID(job)
                let slot = UInt64(product) << 32 | UInt64(codeID)
                let found = flat ? Int(byFlat[Int(product) * codeIDs + Int(codeID)]) : byID[slot] ?? -1
                if found >= 0 {
                    Self.add(job, store: store, to: &idTallies[found].tally)
                } else {
                    if flat { byFlat[Int(product) * codeIDs + Int(codeID)] = Int32(idTallies.count) } else { byID[slot] = idTallies.count }
                    var tally = Tally(job: job, order: order)
                    Self.add(job, store: store, to: &tally)
                    idTallies.append((Key(product: store.productID(job), code: store.normalisedCode(codeID) ?? ""), tally))
                }
                continue
            }
            guard let code = store.displayCode(job) else { continue }
            let key = Key(product: store.productID(job), code: code)
            // Changed where it is kept: a copy taken out and put back copied its array and
            // dictionary for every job (a twelfth of `summary`'s instructions).
            Self.add(job, store: store, to: &tallies[key, default: Tally(job: job, order: order)])
        }
        for (key, tally) in idTallies {
            if var existing = tallies[key] {
                existing.merge(tally)
                tallies[key] = existing
            } else {
                tallies[key] = tally
            }
        }
        return tallies.map { key, tally in
            let jobTypeText = store.jobTypeText(tally.job)
            let jobType = jobTypeText.flatMap(JobTypeName.number)
            let commonText = tally.texts.counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.flatMap {
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
