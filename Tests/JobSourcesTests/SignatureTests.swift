import Foundation
import JobIndex
import TestSupport
import Testing
import TolerantJSON

@testable import JobSources
@testable import SmileJobs

/// Signatures against vectors made by Python's hmac (scripts/make-signature-vectors.py).
@Suite("Signatures")
struct SignatureTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name, apiKey, partnerID, timestamp, signature, tampered: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = {
        let text = try! Repository.read("Tests/JobSourcesTests/Vectors/signatures.json")
        let items = try! JSONReader.readDocument(text).value.objectValue!["vectors"]!.arrayValue!
        return items.map { item in
            let object = item.objectValue!
            func field(_ name: String) -> String { object[name]!.scalarText! }
            return Vector(
                name: field("name"), apiKey: field("apiKey"), partnerID: field("partnerID"), timestamp: field("timestamp"),
                signature: field("signature"), tampered: field("tampered"))
        }
    }()

    @Test(arguments: vectors)
    func agreesWithAnIndependentImplementation(vector: Vector) {
        let checker = SignatureChecker(partnerID: vector.partnerID, apiKey: vector.apiKey)
        #expect(checker.expectedSignature(timestamp: vector.timestamp) == vector.signature)
        #expect(checker.check(signature: vector.signature, timestamp: vector.timestamp) == .valid)
        #expect(checker.check(signature: vector.tampered, timestamp: vector.timestamp) == .invalid)
        #expect(checker.check(signature: vector.signature, timestamp: vector.timestamp + "0") == .invalid)
        #expect(checker.check(signature: vector.signature, timestamp: nil) == .invalid)
        #expect(checker.check(signature: String(vector.signature.dropLast()), timestamp: vector.timestamp) == .invalid)
    }

    @Test func theKeyIsNeverDescribed() {
        let checker = SignatureChecker(partnerID: "2001", apiKey: "s3cret-key-value")
        #expect(!String(describing: checker).contains("s3cret"))
        #expect(!String(reflecting: checker).contains("s3cret"))
        #expect(!"\(checker)".contains("s3cret"))
    }

    @Test func aKeyFileMustBeTheOwnersAlone() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("key").path
        try "  the-key\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        #expect(throws: SignatureChecker.KeySourceError.self) { try SignatureChecker.readKeyFile(file) }
        do {
            _ = try SignatureChecker.readKeyFile(file)
        } catch {
            #expect(error.message.contains("chmod 600"))
            #expect(!error.message.contains("the-key"))
        }
        chmod(file, 0o600)
        #expect(try SignatureChecker.readKeyFile(file) == "the-key")
    }

    @Test func theSignedFixturesReadAsExpected() throws {
        let expected = try #require(try JSONReader.readDocument(try Repository.read("Tests/Expected/verify-signed.json")).value.arrayValue)
        let checker = SignatureChecker(partnerID: "2001", apiKey: "demo-api-key-do-not-use")
        for fast in [true, false] {
            var options = JobLoader.Options()
            options.scan.signatures = checker
            options.scan.fastPath = fast
            let (loaded, _) = JobLoader().load(paths: [Repository.path("Fixtures/signed")], options: options)
            let states = (0..<loaded.store.recordCount).map { loaded.store.record($0) }
                .sorted { $0.origin.line < $1.origin.line }
                .map { "\($0.origin.line) \($0.smileJobID ?? "") \($0.signature.rawValue)" }
            let wanted = expected.compactMap(\.objectValue).map {
                "\($0["line"]!.scalarText!) \($0["smileJobId"]!.scalarText!) \($0["signature"]!.scalarText!)"
            }
            #expect(states == wanted, "fast path: \(fast)")
        }
    }

    @Test func withoutAKeySignedRecordsAreUnchecked() {
        let (loaded, _) = JobLoader().load(paths: [Repository.path("Fixtures/signed")])
        let states = Set((0..<loaded.store.recordCount).map { loaded.store.record($0).signature })
        #expect(states == [.unchecked, .unsigned, .legacy])
    }
}

/// Rings found against rings planted by the generator.
@Suite("Rings")
struct RingTests {
    @Test func theDemoHasThreeRings() {
        let (loaded, _) = JobLoader().load(paths: [Repository.path("Fixtures/demo")])
        let index = RingIndex(store: loaded.store)
        #expect(index.rings.map(\.users.count) == [4, 2, 2])
        #expect(index.rings[0].users == ["kw-user-1007", "kw-user-1010", "kw-user-1015", "kw-user-1025"])
        #expect(index.rings[0].links.count == 4)
        #expect(index.rings[0].jobs.count == 4)
        #expect(index.suspectsWithoutJobs == ["kw-user-0042"])
        #expect(index.ring(ofUser: "kw-user-1010") == 0)
        #expect(index.ring(ofUser: "kw-user-1000") == nil)
    }

    @Test func findsExactlyThePlantedRingsAmong200kRecords() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("planted.ndjson").path
        var options = SyntheticJobs.Options(records: 200_000)
        options.rings = 50
        options.ringSizes = 2...40
        options.seed = 7
        let generator = try SyntheticJobs.write(options, to: path)
        #expect(generator.plantedRings.count == 50)
        #expect(generator.plantedRings.map(\.count).min()! >= 2 && generator.plantedRings.map(\.count).max()! <= 40)
        let (loaded, _) = JobLoader().load(paths: [path])
        let found = RingIndex(store: loaded.store)
        #expect(
            found.rings.map { $0.users.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
                == generator.plantedRings.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(found.suspectsWithoutJobs.isEmpty)
        // Largest first.
        #expect(zip(found.rings, found.rings.dropFirst()).allSatisfy { $0.users.count >= $1.users.count })
    }
}

/// The legacy sec_key test looks 65 bytes from the end instead of searching: held to the
/// search it replaced.
@Suite struct LegacySecKeyShapeTests {
    static func searched(_ bytes: [UInt8]) -> Bool {
        guard let bar = bytes.lastIndex(of: UInt8(ascii: "|")) else { return false }
        let hash = bytes[(bar + 1)...]
        return hash.count == 64 && hash.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    @Test func agreesWithASearchForTheLastBar() {
        let hex = String(repeating: "a1F9", count: 16)
        var cases = [
            "", "|", "abc|" + hex, "|" + hex, "x|" + hex + "|", "x|" + hex.dropLast() + "g", "x||" + hex, "x|" + hex + "0",
            "x|" + hex.dropLast(), "base64+signature/of=44=bytes==========", "prefix|" + String(repeating: "0", count: 64),
        ]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 60...70, using: &random)
            cases.append(String((0..<length).map { _ in "0aF|g".randomElement(using: &random)! }))
        }
        for text in cases {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { SignatureShape.isLegacySecKey(bytes: $0) }
            #expect(fast == LegacySecKeyShapeTests.searched(bytes), "\(text)")
        }
    }
}
