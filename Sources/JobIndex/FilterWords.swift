import SmileJobs

/// One way the list can be narrowed: its word in `jobs --where` and in the status bar, what
/// values it takes, and how it reads, shows, copies and toggles a filter's values. The one
/// table of them (`FilterDimension.all`): `JobFilter.isEmpty` and `summary`, `jobs --where`,
/// the filter menu's toggles and the frequency view's drill-in all read it. (Matching a job
/// is `FilterTest`'s, made fast per dimension.)
public struct FilterDimension: Sendable {
    public var name: String
    public var values: String
    /// True for a word that stands alone (`needs-review`).
    public var isFlag: Bool
    /// True when the filter narrows by this dimension.
    let isSet: @Sendable (JobFilter) -> Bool
    /// The dimension's part of the status bar's summary (only called when set).
    let describe: @Sendable (JobFilter) -> String
    /// Adds the values of one filter to another's (on), or takes them away (off).
    let merge: @Sendable (_ from: JobFilter, _ into: inout JobFilter, _ on: Bool) -> Void
    /// True when the other filter holds every value of this one (which is set).
    let holds: @Sendable (_ own: JobFilter, _ filter: JobFilter) -> Bool
    /// Empties the dimension in a filter.
    let clear: @Sendable (inout JobFilter) -> Void
    /// Adds a value written as a word; says what is wrong with it, if anything.
    let apply: @Sendable (inout JobFilter, String, FilterWords.Context) -> FilterWordsError?

    /// The dimension a filter of one value is set in (a bucket's, a menu option's).
    public static func of(_ filter: JobFilter) -> FilterDimension? { all.first { $0.isSet(filter) } }

    public static func named(_ name: String) -> FilterDimension? { all.first { $0.name == name } }

    /// Every dimension a filter is set in.
    public static func dimensions(setIn filter: JobFilter) -> [FilterDimension] { all.filter { $0.isSet(filter) } }

    /// `filter` with this dimension's values replaced by `own`'s.
    public func replacing(in filter: JobFilter, with own: JobFilter) -> JobFilter {
        var result = filter
        clear(&result)
        merge(own, &result, true)
        return result
    }

    /// True when `filter` holds every value `own` has in this dimension.
    public func isOn(_ own: JobFilter, in filter: JobFilter) -> Bool { isSet(own) && holds(own, filter) }

    /// `filter` with `own`'s values in this dimension switched on (or off, when they all are).
    public func toggling(_ own: JobFilter, in filter: JobFilter) -> JobFilter {
        var result = filter
        merge(own, &result, !isOn(own, in: filter))
        return result
    }

    /// A dimension over a set of values in the filter.
    static func set<T: Hashable & Sendable>(
        _ name: String, _ path: any WritableKeyPath<JobFilter, Set<T>> & Sendable, values: String, label: String? = nil,
        word: @escaping @Sendable (T) -> String, order: @escaping @Sendable (T, T) -> Bool,
        apply: @escaping @Sendable (inout JobFilter, String, FilterWords.Context) -> FilterWordsError?
    ) -> FilterDimension {
        FilterDimension(
            name: name, values: values, isFlag: false,
            isSet: { !$0[keyPath: path].isEmpty },
            describe: { filter in (label ?? name) + "=" + filter[keyPath: path].sorted(by: order).map(word).joined(separator: ",") },
            merge: { from, into, on in
                if on { into[keyPath: path].formUnion(from[keyPath: path]) } else { into[keyPath: path].subtract(from[keyPath: path]) }
            },
            holds: { own, filter in own[keyPath: path].isSubset(of: filter[keyPath: path]) },
            clear: { $0[keyPath: path] = [] },
            apply: apply)
    }

    static func same(_ text: String) -> String { text }

    static func byRawValue<T: RawRepresentable>(_ lhs: T, _ rhs: T) -> Bool where T.RawValue == String { lhs.rawValue < rhs.rawValue }

    /// A dimension over text values as the payload writes them.
    static func texts(
        _ name: String, _ path: any WritableKeyPath<JobFilter, Set<String>> & Sendable, values: String, label: String? = nil
    )
        -> FilterDimension
    {
        set(name, path, values: values, label: label, word: FilterDimension.same, order: <) { filter, value, _ in
            filter[keyPath: path].insert(value)
            return nil
        }
    }

    /// A dimension that is on or off.
    static func flag(_ name: String, _ path: any WritableKeyPath<JobFilter, Bool> & Sendable, shown: String) -> FilterDimension {
        FilterDimension(
            name: name, values: "", isFlag: true, isSet: { $0[keyPath: path] }, describe: { _ in shown },
            merge: { from, into, on in if from[keyPath: path] { into[keyPath: path] = on } },
            holds: { _, filter in filter[keyPath: path] }, clear: { $0[keyPath: path] = false },
            apply: { filter, _, _ in
                filter[keyPath: path] = true
                return nil
            })
    }

    /// A bound on the job's time (`since`, `until`).
    static func time(
        _ name: String, _ path: any WritableKeyPath<JobFilter, Int64?> & Sendable, values: String, keepsLater: Bool
    )
        -> FilterDimension
    {
        FilterDimension(
            name: name, values: values, isFlag: false, isSet: { $0[keyPath: path] != nil },
            describe: { name + "=" + Timestamp(millisecondsSince1970: $0[keyPath: path]!).shortText },
            merge: { from, into, on in if let time = from[keyPath: path] { into[keyPath: path] = on ? time : nil } },
            holds: { own, filter in own[keyPath: path] == filter[keyPath: path] }, clear: { $0[keyPath: path] = nil },
            apply: { filter, value, context in
                guard let time = TimeWords.parse(value, now: context.now) else { return .badTime(name, value) }
                let known = filter[keyPath: path]
                // Two bounds of one kind: the narrower holds.
                filter[keyPath: path] =
                    keepsLater
                    ? max(known ?? Int64.min, time.millisecondsSince1970) : min(known ?? Int64.max, time.millisecondsSince1970)
                return nil
            })
    }

    /// Every dimension, in the order the status bar names them.
    public static let all: [FilterDimension] = [
        set("category", \.categories, values: Category.allCases.map(\.id).joined(separator: ", "), word: \.id, order: <) {
            filter, value, _ in
            guard let category = Category(loose: value) else { return .badValue("category", value, Category.allCases.map(\.id)) }
            filter.categories.insert(category)
            return nil
        },
        set("product", \.products, values: "a product name or job type (docv, \"Biometric KYC\", 6)", word: FilterDimension.same, order: <)
        {
            filter, value, _ in
            guard let product = Product(argument: value) else { return .badValue("product", value, Product.allCases.map(\.rawValue)) }
            filter.products.formUnion(FilterWords.productNames(product))
            return nil
        },
        FilterDimension(
            name: "code", values: "a result code, or CODE@PRODUCT (0810@docv)", isFlag: false,
            isSet: { !$0.codes.isEmpty || !$0.productCodes.isEmpty },
            describe: { filter in
                var parts: [String] = []
                if !filter.codes.isEmpty { parts.append("code=" + filter.codes.sorted().joined(separator: ",")) }
                if !filter.productCodes.isEmpty {
                    parts.append(
                        "code="
                            + filter.productCodes.sorted { ($0.code, $0.product) < ($1.code, $1.product) }.map {
                                "\($0.code)@\($0.product)"
                            }
                            .joined(separator: ","))
                }
                return parts.joined(separator: " ")
            },
            merge: { from, into, on in
                if on {
                    into.codes.formUnion(from.codes)
                    into.productCodes.formUnion(from.productCodes)
                } else {
                    into.codes.subtract(from.codes)
                    into.productCodes.subtract(from.productCodes)
                }
            },
            holds: { own, filter in own.codes.isSubset(of: filter.codes) && own.productCodes.isSubset(of: filter.productCodes) },
            clear: { filter in
                filter.codes = []
                filter.productCodes = []
            },
            apply: { filter, value, _ in
                let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
                let code = Catalogue.normalise(parts.first ?? "")
                guard !code.isEmpty else { return .badValue("code", value, []) }
                if parts.count == 2 {
                    guard let product = Product(argument: parts[1]) else {
                        return .badValue("code", value, Product.allCases.map(\.rawValue))
                    }
                    for name in FilterWords.productNames(product) { filter.productCodes.insert(ProductCode(product: name, code: code)) }
                } else {
                    filter.codes.insert(code)
                }
                return nil
            }),
        set(
            "secure", \.secure, values: SecureVerdict.allCases.map(\.rawValue).joined(separator: ", "), word: \.rawValue,
            order: FilterDimension.byRawValue
        ) {
            filter, value, _ in
            guard let verdict = SecureVerdict(rawValue: value.lowercased()) else {
                return .badValue("secure", value, SecureVerdict.allCases.map(\.rawValue))
            }
            filter.secure.insert(verdict)
            return nil
        },
        texts("country", \.countries, values: "a country as the payload writes it (NG)"),
        texts("id-type", \.idTypes, values: "an ID type as the payload writes it (PASSPORT)", label: "id type"),
        FilterDimension(
            name: "action", values: "an Actions check and its outcome (Liveness_Check:Failed)", isFlag: false,
            isSet: { !$0.actions.isEmpty },
            describe: { $0.actions.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: ",") },
            merge: { from, into, on in if on { into.actions.formUnion(from.actions) } else { into.actions.subtract(from.actions) } },
            holds: { own, filter in own.actions.isSubset(of: filter.actions) }, clear: { $0.actions = [] },
            apply: { filter, value, _ in
                let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else { return .badValue("action", value, []) }
                filter.actions.insert(ActionResult(name: parts[0], value: parts[1]))
                return nil
            }),
        flag("needs-review", \.needsReview, shown: "needs review"),
        FilterDimension(
            name: "chase", values: ChaseReasons.all.map(\.id).joined(separator: ", ") + ", or nothing for any", isFlag: true,
            isSet: { !$0.chase.isEmpty },
            describe: { filter in
                filter.chase.count == ChaseReasons.all.count
                    ? "chase" : "chase=" + ChaseReasons.all.map(\.id).filter(filter.chase.contains).joined(separator: ",")
            },
            merge: { from, into, on in if on { into.chase.formUnion(from.chase) } else { into.chase.subtract(from.chase) } },
            holds: { own, filter in own.chase.isSubset(of: filter.chase) }, clear: { $0.chase = [] },
            apply: { filter, value, _ in
                if value.isEmpty {
                    filter.chase.formUnion(ChaseReasons.all.map(\.id))
                    return nil
                }
                guard let reason = ChaseReasons(id: value) else { return .badValue("chase", value, ChaseReasons.all.map(\.id)) }
                filter.chase.formUnion(reason.ids)
                return nil
            }),
        FilterDimension(
            name: "ring", values: "a ring id (K3F9), or nothing for any ring", isFlag: true,
            isSet: { $0.inRing || !$0.ringIDs.isEmpty },
            describe: { $0.ringIDs.isEmpty ? "in a ring" : "ring=" + $0.ringIDs.sorted().joined(separator: ",") },
            merge: { from, into, on in
                if on {
                    into.inRing = into.inRing || from.inRing
                    into.ringIDs.formUnion(from.ringIDs)
                } else {
                    if from.inRing && from.ringIDs.isEmpty { into.inRing = false }
                    into.ringIDs.subtract(from.ringIDs)
                    if into.ringIDs.isEmpty && from.ringIDs.count > 0 { into.inRing = false }
                }
            },
            holds: { own, filter in filter.inRing && own.ringIDs.isSubset(of: filter.ringIDs) },
            clear: { filter in
                filter.inRing = false
                filter.ringIDs = []
            },
            apply: { filter, value, _ in
                filter.inRing = true
                if !value.isEmpty { filter.ringIDs.insert(String(value.uppercased().filter { $0 != "◆" })) }
                return nil
            }),
        set(
            "signature", \.signatures, values: SignatureState.allCases.map(\.rawValue).joined(separator: ", "), word: \.rawValue,
            order: FilterDimension.byRawValue
        ) {
            filter, value, _ in
            guard let state = SignatureState(rawValue: value.lowercased()) else {
                return .badValue("signature", value, SignatureState.allCases.map(\.rawValue))
            }
            filter.signatures.insert(state)
            return nil
        },
        set("decision", \.decisions, values: DecisionFilter.allCases.map(\.rawValue).joined(separator: ", "), word: \.label, order: <) {
            filter, value, _ in
            let lowered = value.lowercased() == "re-run" ? "rerun" : value.lowercased()
            guard let decision = DecisionFilter(rawValue: lowered) else {
                return .badValue("decision", value, DecisionFilter.allCases.map(\.rawValue))
            }
            filter.decisions.insert(decision)
            return nil
        },
        texts("user", \.users, values: "a user id"),
        time("since", \.since, values: "a date (2026-11-25), a time (2026-11-25T09:00:00Z) or an age (90m, 12h, 7d)", keepsLater: true),
        time("until", \.until, values: "a date, a time or an age, as for since", keepsLater: false),
    ]
}

/// Filters written as words: `category=rejected`, `product=docv`, `code=0810@docv`,
/// `user=kw-user-1042`, `decision=untriaged`, `needs-review`, `chase`, `stuck`, `ring=K3F9`, `since=12h`,
/// `until=2026-11-25`. `smile-triage jobs --where` reads them; values of one dimension are
/// alternatives (`category=rejected,review`), dimensions all apply. The words are
/// `FilterDimension.all`'s.
public enum FilterWords {
    /// What reading a word may need: the current time (for `since=12h`).
    public struct Context: Sendable {
        public var now: Timestamp
        public init(now: Timestamp) { self.now = now }
    }

    public static var dimensions: [FilterDimension] { FilterDimension.all }

    /// The names the loader gives a product's jobs (Basic and Enhanced KYC also share one).
    static func productNames(_ product: Product) -> Set<String> {
        var names: Set<String> = [product.name]
        if product == .basicKYC || product == .enhancedKYC { names.insert("Enhanced KYC/Basic KYC") }
        return names
    }

    /// Reads words into a filter (on top of `base`).
    public static func parse(_ words: [String], context: Context, base: JobFilter = JobFilter()) throws(FilterWordsError) -> JobFilter {
        var filter = base
        for word in words {
            let trimmed = word.trimmingASCIISpaces()
            guard !trimmed.isEmpty else { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = String(parts[0].lowercased().map { $0 == "_" ? "-" : $0 })
            guard let dimension = dimensions.first(where: { $0.name == name || $0.name.filter { $0 != "-" } == name }) else {
                // A chase reason on its own (`stuck`, `duplicate`) is `chase=` it.
                if parts.count == 1, ChaseReasons(id: name) != nil, let chase = FilterDimension.named("chase") {
                    if let error = chase.apply(&filter, name, context) { throw error }
                    continue
                }
                throw .unknownDimension(parts[0], dimensions.map(\.name) + ChaseReasons.all.map(\.id))
            }
            if parts.count == 1 {
                guard dimension.isFlag else { throw .missingValue(dimension.name, dimension.values) }
                if let error = dimension.apply(&filter, "", context) { throw error }
                continue
            }
            let values = parts[1].split(separator: ",").map { String($0).trimmingASCIISpaces() }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw .missingValue(dimension.name, dimension.values) }
            for value in values {
                if let error = dimension.apply(&filter, value, context) { throw error }
            }
        }
        return filter
    }
}

/// What is wrong with a filter word, in words.
public enum FilterWordsError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownDimension(String, [String])
    case missingValue(String, String)
    case badValue(String, String, [String])
    case badTime(String, String)

    public var description: String {
        switch self {
        case .unknownDimension(let word, let known):
            "no filter is called \"\(SafeText.clean(word))\": use one of \(known.joined(separator: ", "))"
        case .missingValue(let name, let values): "\(name)= needs a value: \(values)"
        case .badValue(let name, let value, let known):
            "\(name)=\(SafeText.clean(value)) is not known" + (known.isEmpty ? "" : ": use one of \(known.joined(separator: ", "))")
        case .badTime(let name, let value):
            "\(name)=\(SafeText.clean(value)): give a date (2026-11-25), a time (2026-11-25T09:00:00Z) or an age (90m, 12h, 7d)"
        }
    }
}

/// Times written by people: `2026-11-25`, `2026-11-25T09:00:00Z`, or an age before now: `90m`, `12h`, `7d`.
public enum TimeWords {
    public static func parse(_ text: String, now: Timestamp) -> Timestamp? {
        let trimmed = text.trimmingASCIISpaces()
        if let unit = trimmed.last, "mhd".contains(unit), let amount = Int64(trimmed.dropLast()), amount >= 0 {
            let minutes: Int64 = unit == "m" ? 1 : unit == "h" ? 60 : 1440
            return Timestamp(millisecondsSince1970: now.millisecondsSince1970 - amount * minutes * 60_000)
        }
        if trimmed.count == 10, let day = Timestamp(parsing: trimmed + "T00:00:00Z") { return day }
        // A bare number would read as epoch seconds: not what anyone means by a date here.
        guard trimmed.contains("-"), let parsed = Timestamp(parsing: trimmed) else { return nil }
        return parsed
    }
}
