import Crypto
import Foundation
import SmileJobs

/// Writes realistic synthetic Smile ID records as NDJSON, for tests and benchmarks.
///
/// Deterministic for a seed. Jobs spread over the products and their codes in proportions
/// like a real day (most approved), with Actions, ID fields and signatures as callbacks
/// carry them. A share of Biometric KYC, Document Verification and SmartSelfie
/// Authentication jobs get a Smile Secure callback; planted rings of users who are one
/// person get 5211 callbacks that link them, and no one else is linked, so the rings a
/// loader finds can be checked against the ones planted.
public struct SyntheticJobs: Sendable {
    public struct Options: Sendable {
        /// How many records (lines) to write.
        public var records: Int
        public var seed: UInt64 = 1
        /// Rings to plant, and their size range (users per ring).
        public var rings: Int = 0
        public var ringSizes: ClosedRange<Int> = 2...40
        /// Share of eligible jobs that get a Smile Secure callback (ring members always do).
        public var secureShare: Double = 0.3
        /// Bytes of base64 photo in Enhanced KYC callbacks (0: a short placeholder).
        public var photoBytes: Int = 0
        public var start: Timestamp = Timestamp(parsing: "2026-11-24T00:00:00Z")!
        public var partnerID: String = "2001"
        public var apiKey: String = "demo-api-key-do-not-use"

        public init(records: Int) {
            self.records = records
        }
    }

    public let options: Options
    /// The user ids of each planted ring.
    public private(set) var plantedRings: [[String]] = []

    public init(options: Options) {
        self.options = options
    }

    /// Writes every line through `emit` (each without its newline), in chunks the caller may batch.
    public mutating func generate(_ emit: (String) -> Void) {
        var random = SplitMix64(seed: options.seed)
        let ringPlan = planRings(&random)
        var written = 0
        var jobIndex = 0
        var pendingRing = ringPlan.makeIterator()
        // Ring members' jobs (two records each) are spread evenly through the records, so
        // every planted member is written whatever the count.
        let ringJobs = ringPlan.count
        let spacing = ringJobs == 0 ? Int.max : max(0, (options.records - ringJobs * 2) / (ringJobs + 1))
        var nextRing = spacing
        var ringsWritten = 0
        while written < options.records {
            let time = Timestamp(
                millisecondsSince1970: options.start.millisecondsSince1970 + Int64(jobIndex) * 86_400_000 / Int64(max(1, options.records)))
            let smileID = String(5_000_000_000 + jobIndex)
            if ringsWritten < ringJobs, written >= nextRing, options.records - written >= 2, let member = pendingRing.next() {
                let jobType = [1, 6, 2][Int(random.next() % 3)]
                emit(callback(&random, smileID: smileID, userID: member.userID, jobType: jobType, time: time))
                emit(
                    secureCallback(
                        smileID: smileID, userID: member.userID, jobType: jobType, code: "5211",
                        suspects: member.suspects, time: time.millisecondsSince1970 + 30_000))
                written += 2
                ringsWritten += 1
                nextRing = written + spacing
                jobIndex += 1
                continue
            }
            let jobType = pickJobType(&random)
            let userID = "user-" + hex(random.next() & 0xFFFF_FFFF_FFFF, width: 12)
            emit(callback(&random, smileID: smileID, userID: userID, jobType: jobType, time: time))
            written += 1
            // Smile Secure callbacks for ordinary jobs only where they do not eat into the
            // records ring members still need.
            let reserved = (ringJobs - ringsWritten) * 2
            if [1, 2, 6].contains(jobType), options.records - written > reserved, random.unit() < options.secureShare {
                let code = random.unit() < 0.97 ? "5210" : "5212"
                emit(
                    secureCallback(
                        smileID: smileID, userID: userID, jobType: jobType, code: code, suspects: [],
                        time: time.millisecondsSince1970 + 30_000))
                written += 1
            }
            jobIndex += 1
        }
        // Rings whose members did not all fit (too few records for them) shrink to those written.
        let writtenMembers = Set(ringPlan.prefix(ringsWritten).map(\.userID))
        plantedRings = plantedRings.map { $0.filter(writtenMembers.contains) }.filter { !$0.isEmpty }
    }

    /// Writes `records` lines to a file.
    public static func write(_ options: Options, to path: String) throws -> SyntheticJobs {
        var generator = SyntheticJobs(options: options)
        guard
            let handle = FileHandle(forWritingAtPath: path)
                ?? {
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else {
            throw SourceError.unreadable("cannot write \(path)")
        }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        generator.generate { line in
            buffer += line
            buffer += "\n"
            if buffer.utf8.count >= 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer.utf8))
        return generator
    }

    // MARK: - Rings

    private struct RingMember {
        var userID: String
        var suspects: [String]
    }

    private mutating func planRings(_ random: inout SplitMix64) -> [RingMember] {
        var members: [RingMember] = []
        for _ in 0..<options.rings {
            let span = options.ringSizes.upperBound - options.ringSizes.lowerBound + 1
            let size = options.ringSizes.lowerBound + Int(random.next() % UInt64(span))
            let users = (0..<size).map { _ in "user-" + hex(random.next() & 0xFFFF_FFFF_FFFF, width: 12) }
            plantedRings.append(users)
            // Each member names one or two earlier members: a connected ring, not a clique.
            for (index, user) in users.enumerated() {
                var suspects: [String] = []
                if index > 0 { suspects.append(users[Int(random.next() % UInt64(index))]) }
                if index > 1, random.unit() < 0.3 { suspects.append(users[index - 1]) }
                if index == 0 && size > 1 { suspects.append(users[size - 1]) }
                members.append(RingMember(userID: user, suspects: Array(Set(suspects)).sorted()))
            }
        }
        // Shuffle so rings interleave through the day.
        for index in members.indices.reversed() where index > 0 {
            members.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        return members
    }

    // MARK: - Records

    private static let weightedJobTypes: [(Int, Int)] = [(1, 30), (6, 20), (2, 15), (4, 10), (5, 18), (7, 2), (11, 5)]

    private func pickJobType(_ random: inout SplitMix64) -> Int {
        let total = SyntheticJobs.weightedJobTypes.reduce(0) { $0 + $1.1 }
        var pick = Int(random.next() % UInt64(total))
        for (type, weight) in SyntheticJobs.weightedJobTypes {
            if pick < weight { return type }
            pick -= weight
        }
        return 1
    }

    /// Codes per job type, most common first, with weights like a real day.
    private static let codes: [Int: [(String, Int)]] = [
        1: [
            ("0810", 55), ("1210", 10), ("0811", 8), ("0813", 3), ("0814", 4), ("0812", 3), ("0815", 3), ("1211", 2),
            ("1212", 1), ("1213", 1), ("1214", 1), ("0911", 2), ("0912", 2), ("0908", 2), ("1013", 2), ("1014", 1), ("1015", 1),
            ("0817", 1),
        ],
        6: [("0810", 70), ("0811", 18), ("0812", 8), ("1014", 2), ("0001", 1)],
        11: [("0810", 75), ("0811", 17), ("0812", 8)],
        2: [
            ("0820", 60), ("1220", 10), ("0821", 10), ("0822", 4), ("0824", 4), ("0825", 4), ("1221", 2), ("1222", 2), ("0921", 2),
            ("0922", 2),
        ],
        4: [("0840", 70), ("1240", 8), ("0841", 6), ("0844", 6), ("1241", 4), ("1242", 2), ("0941", 2), ("0942", 2)],
        5: [("1012", 60), ("1020", 10), ("1021", 6), ("1022", 4), ("1023", 4), ("1013", 8), ("1014", 3), ("1015", 3), ("1016", 2)],
        7: [("1012", 90), ("1013", 10)],
    ]

    private static let firstNames = [
        "Adaeze", "Babajide", "Chiamaka", "Dayo", "Efua", "Femi", "Gifty", "Halima", "Ifeanyi", "Jomo",
        "Kwame", "Lerato", "Musa", "Nneka", "Olamide", "Precious", "Sipho", "Tendai", "Wanjiru", "Zainab",
    ]
    private static let lastNames = ["Okafor", "Adeyemi", "Mensah", "Kamau", "Otieno", "Nwosu", "Boateng", "Dlamini", "Abubakar", "Mwangi"]
    private static let countries: [(String, String)] = [
        ("NG", "NIN_V2"), ("NG", "BVN"), ("NG", "PASSPORT"), ("KE", "NATIONAL_ID"),
        ("GH", "GHANA_CARD"), ("ZA", "NATIONAL_ID"), ("UG", "NATIONAL_ID_NO_PHOTO"),
    ]
    private static let actionNames: [Int: [String]] = [
        1: [
            "Liveness_Check", "Register_Selfie", "Selfie_Provided", "Verify_ID_Number", "Human_Review_Compare", "Return_Personal_Info",
            "Selfie_To_ID_Authority_Compare", "Human_Review_Liveness_Check",
        ],
        2: ["Liveness_Check", "Selfie_To_Registered_Selfie_Compare", "Human_Review_Compare", "Human_Review_Liveness_Check"],
        4: ["Liveness_Check", "Register_Selfie", "Selfie_Provided", "Human_Review_Liveness_Check"],
        5: ["Verify_ID_Number", "Return_Personal_Info"],
        6: [
            "Liveness_Check", "Register_Selfie", "Verify_Document", "Human_Review_Compare", "Return_Personal_Info",
            "Selfie_To_ID_Card_Compare", "Human_Review_Liveness_Check",
        ],
        7: ["Verify_Business", "Return_Business_Info"],
        11: ["Liveness_Check", "Verify_Document", "Verify_ID_Number", "Return_Personal_Info", "Selfie_To_ID_Card_Compare"],
    ]

    private func callback(_ random: inout SplitMix64, smileID: String, userID: String, jobType: Int, time: Timestamp) -> String {
        let choices = SyntheticJobs.codes[jobType] ?? [("0810", 1)]
        let total = choices.reduce(0) { $0 + $1.1 }
        var pick = Int(random.next() % UInt64(total))
        var code = choices[0].0
        for (candidate, weight) in choices {
            if pick < weight {
                code = candidate
                break
            }
            pick -= weight
        }
        let explanation = Catalogue.standard.explain(code: code, jobType: jobType)
        let text = jobType == 7 && code == "1012" ? "Business Verified" : (explanation.primary?.text ?? "Unknown")
        let failed = explanation.category == .rejected || explanation.category == .error
        let (country, idType) = SyntheticJobs.countries[Int(random.next() % UInt64(SyntheticJobs.countries.count))]
        let name = SyntheticJobs.firstNames[Int(random.next() % 20)] + " " + SyntheticJobs.lastNames[Int(random.next() % 10)]
        let timestamp = time.isoText
        var line = "{\"Actions\":{"
        for (index, action) in (SyntheticJobs.actionNames[jobType] ?? []).enumerated() {
            if index > 0 { line += "," }
            let value: String
            if failed && index == 0 {
                value = "Failed"
            } else if action.hasPrefix("Human_Review") {
                value = explanation.category == .review ? "Under Review" : "Not Applicable"
            } else if action.hasPrefix("Return") {
                value = failed ? "Not Returned" : "Returned"
            } else if action.hasPrefix("Verify") {
                value = failed ? "Not Verified" : "Verified"
            } else {
                value = "Passed"
            }
            line += "\"\(action)\":\"\(value)\""
        }
        line += "},\"ConfidenceValue\":\"\(failed ? 40 + random.next() % 30 : 90 + random.next() % 11)\""
        line += ",\"Country\":\"\(country)\",\"DOB\":\"\(1960 + random.next() % 45)-0\(1 + random.next() % 9)-1\(random.next() % 9)\""
        line += ",\"ExpirationDate\":\"20\(28 + random.next() % 6)-0\(1 + random.next() % 9)-2\(random.next() % 9)\""
        line += ",\"FullName\":\"\(name)\",\"Gender\":\"\(random.next() % 2 == 0 ? "M" : "F")\""
        line += ",\"IDNumber\":\"\(10_000_000_000 + random.next() % 89_999_999_999)\",\"IDType\":\"\(idType)\""
        line += ",\"IsFinalResult\":\"true\",\"IsMachineResult\":\"\(code.hasPrefix("12") ? "false" : "true")\""
        line += ",\"PartnerParams\":{\"job_id\":\"job-\(hex(random.next(), width: 16))\",\"job_type\":\(jobType),\"user_id\":\"\(userID)\"}"
        line += ",\"ResultCode\":\"\(code)\",\"ResultText\":\"\(text)\",\"ResultType\":\"\(jobType == 5 ? "ID Verification" : "SAIA")\""
        line += ",\"SmileJobID\":\"\(smileID)\",\"Source\":\"WebAPI\""
        if jobType == 5 {
            line += ",\"Photo\":\""
            if options.photoBytes > 0 {
                line += String(repeating: "QUJD", count: options.photoBytes / 4)
            } else {
                line += "SomeBase64Image"
            }
            line += "\""
        }
        line += ",\"signature\":\"\(signature(timestamp))\",\"timestamp\":\"\(timestamp)\"}"
        return line
    }

    private func secureCallback(smileID: String, userID: String, jobType: Int, code: String, suspects: [String], time: Int64) -> String {
        let text = Catalogue.standard.meanings(of: code).first?.text ?? ""
        let timestamp = Timestamp(millisecondsSince1970: time).isoText
        let list = suspects.map { "{\"user_id\":\"\($0)\",\"reason\":\"same-person\"}" }.joined(separator: ",")
        return "{\"Antifraud\":{\"SuspectUsers\":[\(list)]},\"ResultCode\":\"\(code)\",\"ResultText\":\"\(text)\","
            + "\"PartnerParams\":{\"job_type\":\"\(jobType)\",\"user_id\":\"\(userID)\"},\"SmileJobID\":\"\(smileID)\","
            + "\"timestamp\":\"\(timestamp)\",\"signature\":\"\(signature(timestamp))\"}"
    }

    private func signature(_ timestamp: String) -> String {
        let key = SymmetricKey(data: Data(options.apiKey.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + options.partnerID + "sid_request").utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    private func hex(_ value: UInt64, width: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// A small, fast, deterministic random number generator (SplitMix64): the synthetic data's
/// and the property tests'.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    public mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
