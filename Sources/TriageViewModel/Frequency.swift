import JobIndex
import SmileJobs

/// What the frequency view counts by.
public enum FrequencyDimension: Int, CaseIterable, Sendable, Hashable {
    case category, product, code, secure, country, idType, actions, signature, chase, hour

    public var title: String {
        switch self {
        case .category: "category"
        case .product: "product"
        case .code: "result code"
        case .secure: "Smile Secure"
        case .country: "country"
        case .idType: "ID type"
        case .actions: "Actions outcome"
        case .signature: "signature"
        case .chase: "to chase"
        case .hour: "hour"
        }
    }

    public var next: FrequencyDimension { FrequencyDimension(rawValue: (rawValue + 1) % FrequencyDimension.allCases.count)! }
    public var previous: FrequencyDimension {
        FrequencyDimension(rawValue: (rawValue + FrequencyDimension.allCases.count - 1) % FrequencyDimension.allCases.count)!
    }
}

/// One row of the frequency view: a value, how many jobs have it, and the filter that shows them.
public struct FrequencyBucket: Sendable, Equatable {
    public var label: String
    /// A second column: the code's most common text, or the outcome of an action.
    public var detail: String
    public var count: Int
    public var role: StyleRole
    public var filter: JobFilter
}

public enum Frequency {
    /// Buckets over the given jobs, most first (categories keep their urgency order).
    public static func buckets(
        _ dimension: FrequencyDimension, jobs indices: [Int32], table: JobTable, zone: DisplayZone = .utc
    ) -> [FrequencyBucket] {
        if dimension == .hour { return hourBuckets(indices, table: table, zone: zone) }
        var counts: [String: Int] = [:]
        var codeBuckets: [ProductCodeCount] = []
        let store = table.store
        // Counted by interned id first (fast), named once per id after.
        var byID: [Int] = []
        func tally(_ id: UInt32) {
            let slot = Int(id)
            if slot >= byID.count { byID.append(contentsOf: repeatElement(0, count: slot - byID.count + 1)) }
            byID[slot] += 1
        }
        switch dimension {
        case .category:
            // Counted as the status bar counts them (in load order, a long list).
            let perCategory = table.listCounts(among: indices, chase: nil).categories
            for (slot, count) in perCategory.enumerated() where count > 0 { counts[Category.allCases[slot].rawValue] = count }
        case .secure:
            var perVerdict = [Int](repeating: 0, count: SecureVerdict.allCases.count)
            for index in indices { perVerdict[SecureVerdict.allCases.firstIndex(of: store.secureVerdict(Int(index)))!] += 1 }
            for (slot, count) in perVerdict.enumerated() where count > 0 { counts[SecureVerdict.allCases[slot].rawValue] = count }
        case .product:
            for index in indices { tally(store.productID(Int(index))) }
            for (id, count) in byID.enumerated() where count > 0 {
                counts[store.strings.products.value(UInt32(id)) ?? "Unknown product", default: 0] += count
            }
        case .country, .idType:
            for index in indices { tally(dimension == .country ? store.countryID(Int(index)) : store.idTypeID(Int(index))) }
            let names = dimension == .country ? store.strings.countries : store.strings.idTypes
            for (id, count) in byID.enumerated() where count > 0 { counts[names.value(UInt32(id)) ?? "none", default: 0] += count }
        case .code:
            // By (product, code): 0810 on Biometric KYC and 0810 on Document Verification are two things.
            for entry in ProductCodeCount.count(store: store, jobs: indices.lazy.map(Int.init)) {
                codeBuckets.append(entry)
            }
        case .signature:
            var perState = [Int](repeating: 0, count: SignatureState.allCases.count)
            for index in indices { perState[SignatureState.allCases.firstIndex(of: store.signature(Int(index)))!] += 1 }
            for (slot, count) in perState.enumerated() where count > 0 { counts[SignatureState.allCases[slot].rawValue] = count }
        case .hour:
            break
        case .chase:
            // A job may need chasing for several reasons: it counts under each.
            let chase = table.chaseIndex()
            var perReason = [Int](repeating: 0, count: ChaseReasons.all.count)
            for index in indices {
                let found = chase.reasons(Int(index))
                guard !found.isEmpty else { continue }
                for (slot, entry) in ChaseReasons.all.enumerated() where found.contains(entry.reason) { perReason[slot] += 1 }
            }
            for (slot, count) in perReason.enumerated() where count > 0 { counts[ChaseReasons.all[slot].id] = count }
        case .actions:
            // Counted by interned pair, each job's list walked in place: a day may hold a
            // distinct list in nearly every job, and no String is made until the end.
            for index in indices { store.forEachActionPair(Int(index)) { tally($0) } }
            for (pair, count) in byID.enumerated() where count > 0 && pair > 0 {
                let action = store.actionPair(UInt32(pair))
                counts[action.name + "\u{1F}" + action.value, default: 0] += count
            }
        }
        var buckets: [FrequencyBucket] = counts.map { key, count in
            var filter = JobFilter()
            var label = key
            var detail = ""
            var role = StyleRole.normal
            switch dimension {
            case .category:
                let category = Category(rawValue: key) ?? .unknown
                filter.categories = [category]
                label = category.label
                detail = category.badge
                role = StyleRole(category)
            case .product: filter.products = [key]
            case .code:
                break
            case .secure:
                let verdict = SecureVerdict(rawValue: key) ?? .none
                filter.secure = [verdict]
                label = verdict == .none ? "no Smile Secure result" : verdict.rawValue
                detail = verdict.label
                role = StyleRole(verdict)
            case .country: filter.countries = [key]
            case .idType: filter.idTypes = [key]
            case .signature:
                let state = SignatureState(rawValue: key) ?? .unchecked
                filter.signatures = [state]
                detail = SignatureWording.explain(state)
                role = state == .invalid ? .errorText : (state == .valid ? .success : .dim)
            case .hour:
                break
            case .chase:
                filter.chase = [key]
                detail = ChaseReasons.all.first { $0.id == key }?.words ?? ""
                role = .warning
            case .actions:
                let parts = key.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let action = ActionResult(name: parts[0], value: parts.count > 1 ? parts[1] : "")
                filter.actions = [action]
                label = action.name
                detail = action.value
                role = StyleRole(action.outcome)
            }
            return FrequencyBucket(label: label, detail: detail, count: count, role: role, filter: filter)
        }
        buckets += codeBuckets.map { entry in
            var filter = JobFilter()
            filter.productCodes = [ProductCode(product: entry.product, code: entry.code)]
            return FrequencyBucket(
                label: entry.code + " " + entry.product, detail: entry.text, count: entry.count,
                role: StyleRole(entry.category), filter: filter)
        }
        if dimension == .category {
            buckets.sort { ($0.filter.categories.first?.urgency ?? 0) < ($1.filter.categories.first?.urgency ?? 0) }
        } else {
            buckets.sort { $0.count != $1.count ? $0.count > $1.count : ($0.label, $0.detail) < ($1.label, $1.detail) }
        }
        return buckets
    }
}

extension Frequency {
    /// Jobs per hour (in the zone shown), in time order: the shape of the day. A bucket's
    /// filter is that hour (since and until); its detail says what most of its jobs are.
    static func hourBuckets(_ indices: [Int32], table: JobTable, zone: DisplayZone) -> [FrequencyBucket] {
        let hour: Int64 = 3_600_000
        var counts: [Int64: (total: Int, byCategory: [Int])] = [:]
        for index in indices {
            guard let time = table.store.time(Int(index)) else { continue }
            // The hour's start in UTC milliseconds, aligned to the zone's hours (Kathmandu's
            // start at :15 UTC): the local time floored to its hour, less the offset again.
            let offset = Int64(zone.offsetSeconds(at: time)) * 1000
            let local = time + offset
            let start = (local - ((local % hour) + hour) % hour) - offset
            var entry = counts[start] ?? (0, [Int](repeating: 0, count: Category.allCases.count))
            entry.total += 1
            entry.byCategory[table.category(Int(index)).ordinal] += 1
            counts[start] = entry
        }
        return counts.keys.sorted().map { start in
            let entry = counts[start]!
            var filter = JobFilter()
            filter.since = start
            filter.until = start + hour
            let most = entry.byCategory.indices.max { entry.byCategory[$0] < entry.byCategory[$1] }.map { Category.allCases[$0] }
            let label = String(zone.text(Timestamp(millisecondsSince1970: start)).prefix(16))
            return FrequencyBucket(
                label: label, detail: most.map { "mostly \($0.badge.lowercased())" } ?? "", count: entry.total,
                role: most.map(StyleRole.init) ?? .normal, filter: filter)
        }
    }
}

/// The filter menu: every value of every filter dimension, with counts, to toggle.
public struct FilterMenu: Sendable, Equatable {
    public enum Row: Sendable, Equatable {
        case heading(String)
        case option(FilterOption)
    }

    public var rows: [Row]
    public var cursor = Cursor()

    /// With `marks`, a decision section too (untriaged, cleared, escalated, re-run).
    public init(table: JobTable, filter: JobFilter, marks: DecisionMarks? = nil) {
        var rows: [Row] = []
        func decisionSection() {
            guard let marks else { return }
            rows.append(.heading("decision"))
            var byCode = [Int](repeating: 0, count: 256)
            for code in marks.codes { byCode[Int(code)] += 1 }
            byCode[0] += table.count - marks.codes.count
            for value in DecisionFilter.allCases {
                var only = JobFilter()
                only.decisions = [value]
                let count = (0..<256).reduce(0) { $0 + (value.matches(UInt8($1)) ? byCode[$1] : 0) }
                let role = StyleRole(decision: value.state)
                rows.append(
                    .option(FilterOption(bucket: FrequencyBucket(label: value.label, detail: "", count: count, role: role, filter: only))))
            }
        }
        let all = (0..<Int32(table.count)).map { $0 }
        for dimension in [FrequencyDimension.category, .secure, .signature, .product, .code] {
            let buckets = Frequency.buckets(dimension, jobs: all, table: table)
            guard !buckets.isEmpty else { continue }
            rows.append(.heading(dimension.title))
            for bucket in buckets {
                rows.append(.option(FilterOption(bucket: bucket)))
            }
            // Right after the categories: what needs review, then what is decided.
            if dimension == .category {
                var review = JobFilter()
                review.needsReview = true
                let queue = table.reviewQueue()
                rows.append(
                    .option(
                        FilterOption(
                            bucket: FrequencyBucket(
                                label: "needs review", detail: "", count: queue.count,
                                role: .review, filter: review))))
                let chaseBuckets = Frequency.buckets(.chase, jobs: all, table: table)
                if !chaseBuckets.isEmpty {
                    rows.append(.heading(FrequencyDimension.chase.title))
                    for bucket in chaseBuckets { rows.append(.option(FilterOption(bucket: bucket))) }
                }
                // The last hours of what is loaded (to its newest record: a day of logs read
                // later still has its last hours); `:filter since=…` takes any time.
                if let newest = table.chaseIndex().asOf {
                    let spans = [1, 6, 24]
                    // One pass over the jobs' times counts all three spans.
                    var counts = [Int](repeating: 0, count: spans.count)
                    for job in 0..<table.count {
                        guard let time = table.store.time(job) else { continue }
                        for (slot, hours) in spans.enumerated() where time >= newest - Int64(hours) * 3_600_000 { counts[slot] += 1 }
                    }
                    var options: [FilterOption] = []
                    for (hours, count) in zip(spans, counts) {
                        var recent = JobFilter()
                        recent.since = newest - Int64(hours) * 3_600_000
                        guard count > 0, count < table.count else { continue }
                        options.append(
                            FilterOption(
                                bucket: FrequencyBucket(label: "last \(hours) h", detail: "", count: count, role: .accent, filter: recent)))
                    }
                    if !options.isEmpty {
                        rows.append(.heading("time (to the newest record loaded)"))
                        rows.append(contentsOf: options.map(Row.option))
                    }
                }
                decisionSection()
            }
            if dimension == .secure, !table.ringIndex().rings.isEmpty {
                var ring = JobFilter()
                ring.inRing = true
                let members = table.count(matching: ring)
                rows.append(
                    .option(
                        FilterOption(
                            bucket: FrequencyBucket(
                                label: "user in a ring", detail: "", count: members,
                                role: .marker, filter: ring))))
            }
        }
        self.rows = rows
        cursor.selected = rows.firstIndex { if case .option = $0 { true } else { false } } ?? 0
    }
}

/// One value that can be toggled in the filter.
public struct FilterOption: Sendable, Equatable {
    public var bucket: FrequencyBucket

    /// True when the filter holds this value.
    public func isOn(in filter: JobFilter) -> Bool {
        FilterDimension.of(bucket.filter)?.isOn(bucket.filter, in: filter) ?? false
    }

    /// The filter with this value switched on or off.
    public func toggled(in filter: JobFilter) -> JobFilter {
        FilterDimension.of(bucket.filter)?.toggling(bucket.filter, in: filter) ?? filter
    }
}
