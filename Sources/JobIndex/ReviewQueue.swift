import SmileJobs

/// Every loaded job's review reasons, worked out in one pass over the store's columns and
/// the rings. Jobs whose reasons are empty need no one.
public struct ReviewQueue: Sendable, Equatable {
    private let reasons: [UInt16]
    public let count: Int

    public init(store: JobStore, rings: RingIndex) {
        var reasons = [UInt16](repeating: 0, count: store.jobCount)
        let aml = store.strings.products.lookupID(Product.amlCheck.name)
        let amlCode = store.strings.codes.lookupID("1030")
        for job in 0..<store.jobCount {
            var found: ReviewReasons = []
            if store.category(job).needsReview { found.insert(.category) }
            switch store.secureVerdict(job) {
            case .suspects: found.insert(.suspects)
            case .error: found.insert(.secureError)
            case .clear, .none: break
            }
            if let aml, let amlCode, store.productID(job) == aml, store.resultCodeID(job) == amlCode { found.insert(.amlHit) }
            let signature = store.signature(job)
            if signature == .invalid || signature == .replayed { found.insert(.forged) }
            reasons[job] = found.rawValue
        }
        let fraudulent = Set(store.enrolleeUsers.filter { $0.value.isFraudulent == true }.keys)
        if !fraudulent.isEmpty {
            for job in 0..<store.jobCount {
                if let user = store.userID(job), fraudulent.contains(user) { reasons[job] |= ReviewReasons.fraudulentUser.rawValue }
            }
        }
        for ring in rings.rings {
            for job in ring.jobs { reasons[Int(job)] |= ReviewReasons.ring.rawValue }
        }
        rings.forEachJobOfNamedUsers { job in reasons[Int(job)] |= ReviewReasons.namedAsSuspect.rawValue }
        self.reasons = reasons
        self.count = reasons.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }

    public static let empty = ReviewQueue()

    private init() {
        reasons = []
        count = 0
    }

    @inline(__always)
    public func reasons(_ job: Int) -> ReviewReasons {
        job < reasons.count ? ReviewReasons(rawValue: reasons[job]) : []
    }

    @inline(__always)
    public func needsReview(_ job: Int) -> Bool { job < reasons.count && reasons[job] != 0 }

    /// How many of these jobs need review. `jobs` are distinct (a list of the table's jobs):
    /// all of them is the count already made, with no pass (the whole list, re-sorted).
    public func count(among jobs: [Int32]) -> Int {
        if jobs.count == reasons.count { return count }
        var total = 0
        for job in jobs where needsReview(Int(job)) { total += 1 }
        return total
    }

    /// The reasons in words, one line each, for the detail and `jobs`: "named same-person
    /// by kw-user-1031 in job 0002001031".
    public func explanations(job: Int, store: JobStore, rings: RingIndex) -> [String] {
        let found = reasons(job)
        guard !found.isEmpty else { return [] }
        var lines: [String] = []
        if found.contains(.category) {
            let category = store.category(job)
            lines.append("its result is \(category.label.lowercased()) (\(category.id))")
        }
        if found.contains(.suspects) {
            let suspects = store.secure(job)?.suspects ?? []
            let count = suspects.count
            lines.append(
                "Smile Secure found \(count == 0 ? "suspect users" : "\(count) suspect user\(count == 1 ? "" : "s")")"
                    + (suspects.isEmpty ? "" : ": " + suspects.prefix(5).map(\.userID).joined(separator: ", ") + (count > 5 ? ", …" : "")))
        }
        if found.contains(.secureError) { lines.append("Smile Secure could not run on it (5212)") }
        if found.contains(.namedAsSuspect), let user = store.userID(job) {
            let named = rings.namedBy(user)
            for link in named.prefix(5) {
                let reason = link.reasons.isEmpty ? "" : " " + link.reasons.joined(separator: ", ")
                lines.append("named\(reason) by \(link.from) in job \(store.jobKey(Int(link.job)))")
            }
            let more = named.count - 5
            if more > 0 { lines.append("named as a suspect by \(more) more") }
        }
        if found.contains(.ring), let user = store.userID(job), let ring = rings.ring(ofUser: user) {
            let members = rings.rings[ring].users.count
            lines.append("its user is in ring \(rings.rings[ring].label) with \(members - 1) other user\(members == 2 ? "" : "s")")
        }
        if found.contains(.fraudulentUser), let user = store.userID(job) {
            lines.append("Smile ID's enrollee info marks its user \(user) as fraudulent (is_fraudulent)")
        }
        if found.contains(.amlHit) { lines.append("AML Check found the person on a list (1030)") }
        if found.contains(.forged) {
            lines.append(
                store.signature(job) == .replayed
                    ? "its signature is replayed: the same one is on another job or another body"
                    : "its signature does not match: forged or altered?")
        }
        return lines
    }
}

extension Interner {
    /// The id of a string already interned, without adding it.
    public func lookupID(_ text: String) -> UInt32? {
        var copy = text
        var interner = self  // one lookup: the copy costs nothing worth avoiding here
        return copy.withUTF8 { interner.lookup($0) }
    }
}
