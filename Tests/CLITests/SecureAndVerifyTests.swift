import Foundation
import TestSupport
import Testing
import TolerantJSON

/// `secure` and `verify` as a script runs them: outputs, exit statuses, and the API key kept secret.
@Suite("secure and verify")
struct SecureAndVerifyTests {
    let key = "demo-api-key-do-not-use"

    @Test func verifyFlagsExactlyTheTamperedRecordsAndExitsOne() throws {
        let result = try Binary.run(
            ["verify", "Fixtures/signed", "--partner-id", "2001", "--format", "json"],
            environment: ["SMILE_API_KEY": key])
        #expect(result.status == 1)
        let records = try #require(try JSONReader.readDocument(result.standardOutput).value.objectValue?["records"]?.arrayValue)
        let invalid = records.compactMap(\.objectValue).filter { $0["signature"]?.scalarText == "invalid" }.compactMap {
            $0["line"]?.scalarText
        }
        let expected = try #require(try JSONReader.readDocument(try Repository.read("Tests/Expected/verify-signed.json")).value.arrayValue)
            .compactMap(\.objectValue).filter { $0["signature"]?.scalarText == "invalid" }.compactMap { $0["line"]?.scalarText }
        #expect(invalid == expected)
        #expect(invalid == ["4", "8", "11"])
        let keys = try #require(records.first?.objectValue?.keys)
        #expect(keys == ["source", "line", "smileJobId", "signature"])
        #expect(!result.standardOutput.contains(key) && !result.standardError.contains(key))
    }

    @Test func verifyTextIsReadableAndHoldsNoKey() throws {
        let result = try Binary.run(["verify", "Fixtures/signed", "--partner-id", "2001"], environment: ["SMILE_API_KEY": key])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("INVALID   Fixtures/signed/callbacks.ndjson:4  0005000103"))
        #expect(result.standardOutput.contains("3 signatures do not hold"))
        #expect(!result.standardOutput.contains(key))
    }

    @Test func verifyOfCleanDataExitsZero() throws {
        let result = try Binary.run(["verify", "Fixtures/demo", "--partner-id", "2001"], environment: ["SMILE_API_KEY": key])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("INVALID"))
    }

    @Test func theKeyIsNeverAnArgument() throws {
        #expect(try Binary.run(["verify", "Fixtures/signed", "--api-key", key]).status == 64)
        let withoutPartner = try Binary.run(["verify", "Fixtures/signed"], environment: ["SMILE_API_KEY": key, "SMILE_PARTNER_ID": ""])
        #expect(withoutPartner.status == 64)
        #expect(withoutPartner.standardError.contains("no partner id"))
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("key").path
        try key.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        let refused = try Binary.run(["verify", "Fixtures/signed", "--partner-id", "2001", "--api-key-file", file])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("readable by others"))
        #expect(!refused.standardError.contains(key))
        chmod(file, 0o600)
        #expect(try Binary.run(["verify", "Fixtures/signed", "--partner-id", "2001", "--api-key-file", file]).status == 1)
    }

    @Test func verifyWithoutAKeySaysSo() throws {
        let result = try Binary.run(["verify", "Fixtures/signed"], environment: ["SMILE_API_KEY": ""])
        #expect(result.status == 0)
        #expect(result.standardError.contains("no API key given"))
        #expect(result.standardOutput.contains("unchecked"))
    }

    @Test func secureListsTheRingsLargestFirst() throws {
        let json = try Binary.run(["secure", "Fixtures/demo", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONReader.readDocument(json.standardOutput).value.objectValue)
        let ringValues = try #require(object["rings"]?.arrayValue)
        let rings = ringValues.compactMap(\.objectValue)
        #expect(rings.map { $0["users"]?.arrayValue?.count } == [4, 2, 2])
        #expect(rings[0]["jobs"]?.arrayValue?.count == 4)
        #expect(rings[0]["links"]?.arrayValue?.first?.objectValue?.keys == ["from", "to", "reasons"])
        #expect(object["suspectsWithoutJobs"] == .array([.string("kw-user-0042")]))
        let text = try Binary.run(["secure", "Fixtures/demo"])
        #expect(text.standardOutput.hasPrefix("3 rings, largest first\n\nRing ◆"))
        #expect(text.standardOutput.contains(": 4 users, 4 jobs"))
        #expect(text.standardOutput.contains("kw-user-0042: not in the loaded data"))
    }
}
