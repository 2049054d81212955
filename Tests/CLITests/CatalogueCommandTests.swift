import Foundation
import TestSupport
import Testing
import TolerantJSON

@testable import SmileJobs
@testable import TriageCommands

@Suite("explain and codes")
struct CatalogueCommandTests {
    @Test func explain0810ShowsBothProducts() {
        let text = CatalogueReport.explainText(CatalogueReport.explain("0810", scope: nil))
        #expect(text.hasPrefix("0810: 2 meanings, by product\n"))
        #expect(text.contains("Biometric KYC (job type 1)\n  Text:     Enroll User Machine Judgement - PASS"))
        #expect(text.contains("Document Verification (job types 6, 11)\n  Text:     Document Verified"))
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }

    @Test func explainNarrowedToAJobTypeShowsOnlyThatProduct() {
        let text = CatalogueReport.explainText(CatalogueReport.explain("0810", scope: .jobType(6)))
        #expect(text.contains("Document Verified"))
        #expect(!text.contains("Enroll User Machine Judgement"))
    }

    @Test func explainSaysWhenAProductDoesNotListTheCode() {
        let explanation = CatalogueReport.explain("0810", scope: .product(.smartSelfieEnrollment))
        #expect(!explanation.listedInScope)
        #expect(explanation.meanings.count == 2)
        #expect(CatalogueReport.explainText(explanation).hasPrefix("0810 is not listed for SmartSelfie Enrollment.\n"))
    }

    @Test func explainJSONHasEveryMeaning() throws {
        let json = CatalogueReport.explainJSON(CatalogueReport.explain("1014", scope: nil))
        let value = try JSONReader.readDocument(json).value
        let meanings = try #require(value.objectValue?["meanings"]?.arrayValue)
        #expect(meanings.count == 4)
        #expect(
            meanings.compactMap { $0.objectValue?["product"]?.scalarText } == [
                "Basic KYC", "Enhanced KYC", "Biometric KYC", "Document Verification",
            ])
        #expect(meanings.compactMap { $0.objectValue?["category"]?.scalarText } == ["error", "error", "rejected", "rejected"])
    }

    @Test func codesJSONHoldsEverySeedRowWithItsProduct() throws {
        let value = try JSONReader.readDocument(CatalogueReport.codesJSON()).value
        let entries = try #require(value.arrayValue).compactMap(\.objectValue)
        let rows = try Repository.read("docs/sources/result-codes-page.tsv").split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("table\t") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 66)
        for row in rows {
            let found = entries.contains { entry in
                entry["code"]?.scalarText == row[3] && entry["product"]?.scalarText == row[1] && entry["text"]?.scalarText == row[5]
            }
            #expect(found, "codes --format json lacks \(row[3]) \(row[1]) \(row[5])")
        }
        let keys = try #require(entries.first?.keys)
        #expect(Array(keys.prefix(7)) == ["code", "product", "jobTypes", "text", "description", "category", "role"])
    }

    @Test func docsResultCodesIsNotStale() throws {
        let committed = try Repository.read("docs/result-codes.md")
        #expect(
            committed == CatalogueReport.codesMarkdown(),
            "docs/result-codes.md is stale: run `swift run smile-triage codes --format markdown > docs/result-codes.md`")
    }
}
