import SmileJobs

/// Filters written as words: `category=rejected`, `product=docv`, `code=0810@docv`,
/// `user=kw-user-1042`, `decision=untriaged`, `needs-review`, `ring=K3F9`, `since=12h`,
/// `until=2026-11-25`. `smile-triage jobs --where` reads them; values of one dimension are
/// alternatives (`category=rejected,review`), dimensions all apply.
public enum FilterWords {
    /// One dimension: its word, what values it takes, and how it changes a filter.
    public struct Dimension: Sendable {
        public var name: String
        public var values: String
        /// True for a word that stands alone (`needs-review`).
        public var isFlag: Bool
        /// Adds a value to a filter; says what is wrong with it, if anything.
        let apply: @Sendable (inout JobFilter, String, Context) -> FilterWordsError?
    }

    /// What reading a word may need: the current time (for `since=12h`) and the catalogue.
    public struct Context: Sendable {
        public var now: Timestamp
        public init(now: Timestamp) { self.now = now }
    }

    public static let dimensions: [Dimension] = [
        Dimension(name: "category", values: Category.allCases.map(\.id).joined(separator: ", "), isFlag: false) { filter, value, _ in
            guard let category = Category(loose: value) else { return .badValue("category", value, Category.allCases.map(\.id)) }
            filter.categories.insert(category)
            return nil
        },
        Dimension(name: "product", values: "a product name or job type (docv, \"Biometric KYC\", 6)", isFlag: false) { filter, value, _ in
            guard let product = Product(argument: value) else { return .badValue("product", value, Product.allCases.map(\.rawValue)) }
            filter.products.formUnion(productNames(product))
            return nil
        },
        Dimension(name: "code", values: "a result code, or CODE@PRODUCT (0810@docv)", isFlag: false) { filter, value, _ in
            let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
            let code = Catalogue.normalise(parts.first ?? "")
            guard !code.isEmpty else { return .badValue("code", value, []) }
            if parts.count == 2 {
                guard let product = Product(argument: parts[1]) else { return .badValue("code", value, Product.allCases.map(\.rawValue)) }
                for name in productNames(product) { filter.productCodes.insert(ProductCode(product: name, code: code)) }
            } else {
                filter.codes.insert(code)
            }
            return nil
        },
        Dimension(name: "user", values: "a user id", isFlag: false) { filter, value, _ in
            filter.users.insert(value)
            return nil
        },
        Dimension(name: "decision", values: DecisionFilter.allCases.map(\.rawValue).joined(separator: ", "), isFlag: false) {
            filter, value, _ in
            let lowered = value.lowercased() == "re-run" ? "rerun" : value.lowercased()
            guard let decision = DecisionFilter(rawValue: lowered) else {
                return .badValue("decision", value, DecisionFilter.allCases.map(\.rawValue))
            }
            filter.decisions.insert(decision)
            return nil
        },
        Dimension(name: "needs-review", values: "", isFlag: true) { filter, _, _ in
            filter.needsReview = true
            return nil
        },
        Dimension(name: "ring", values: "a ring id (K3F9), or nothing for any ring", isFlag: true) { filter, value, _ in
            filter.inRing = true
            if !value.isEmpty { filter.ringIDs.insert(String(value.uppercased().filter { $0 != "◆" })) }
            return nil
        },
        Dimension(name: "secure", values: SecureVerdict.allCases.map(\.rawValue).joined(separator: ", "), isFlag: false) {
            filter, value, _ in
            guard let verdict = SecureVerdict(rawValue: value.lowercased()) else {
                return .badValue("secure", value, SecureVerdict.allCases.map(\.rawValue))
            }
            filter.secure.insert(verdict)
            return nil
        },
        Dimension(name: "country", values: "a country as the payload writes it (NG)", isFlag: false) { filter, value, _ in
            filter.countries.insert(value)
            return nil
        },
        Dimension(name: "id-type", values: "an ID type as the payload writes it (PASSPORT)", isFlag: false) { filter, value, _ in
            filter.idTypes.insert(value)
            return nil
        },
        Dimension(name: "signature", values: SignatureState.allCases.map(\.rawValue).joined(separator: ", "), isFlag: false) {
            filter, value, _ in
            guard let state = SignatureState(rawValue: value.lowercased()) else {
                return .badValue("signature", value, SignatureState.allCases.map(\.rawValue))
            }
            filter.signatures.insert(state)
            return nil
        },
        Dimension(name: "since", values: "a date (2026-11-25), a time (2026-11-25T09:00:00Z) or an age (90m, 12h, 7d)", isFlag: false) {
            filter, value, context in
            guard let time = TimeWords.parse(value, now: context.now) else { return .badTime("since", value) }
            filter.since = max(filter.since ?? Int64.min, time.millisecondsSince1970)
            return nil
        },
        Dimension(name: "until", values: "a date, a time or an age, as for since", isFlag: false) { filter, value, context in
            guard let time = TimeWords.parse(value, now: context.now) else { return .badTime("until", value) }
            filter.until = min(filter.until ?? Int64.max, time.millisecondsSince1970)
            return nil
        },
    ]

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
                throw .unknownDimension(parts[0], dimensions.map(\.name))
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
