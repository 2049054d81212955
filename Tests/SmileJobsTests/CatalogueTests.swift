import Foundation
import TestSupport
import Testing

@testable import SmileJobs

/// A row of docs/sources/result-codes-page.tsv: the page, transcribed independently of the catalogue.
struct PageRow: CustomTestStringConvertible, Sendable {
    var table: String
    var product: String
    var jobTypes: [Int]
    var code: String
    var deprecated: Bool
    var text: String
    var description: String
    var category: String

    var testDescription: String { "\(table) \(code) \(text)" }

    static func all() throws -> [PageRow] {
        try Repository.read("docs/sources/result-codes-page.tsv")
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("table\t") }
            .map { line in
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return PageRow(
                    table: cells[0], product: cells[1], jobTypes: cells[2].split(separator: ",").compactMap { Int($0) },
                    code: cells[3], deprecated: cells[4] == "yes", text: cells[5], description: cells[6], category: cells[7])
            }
    }
}

@Suite("Catalogue")
struct CatalogueTests {
    let catalogue = Catalogue.standard

    @Test func holdsEveryRowOfBothPages() throws {
        let rows = try PageRow.all()
        #expect(rows.count == 63 + 3)
        for row in rows {
            let match = catalogue.entries.first {
                $0.table.rawValue == row.table && $0.code == row.code && $0.text == row.text
            }
            let entry = try #require(match, "missing: \(row.testDescription)")
            #expect(entry.product.name == row.product)
            #expect(entry.jobTypes == row.jobTypes)
            #expect(entry.description == row.description)
            #expect(entry.pageCategory == row.category)
            #expect(entry.deprecated == row.deprecated)
        }
        // Nothing in the page's tables that the page does not have.
        let pageTables = catalogue.entries.filter { $0.table != .observed }
        #expect(pageTables.count == rows.count)
    }

    @Test func tablesHaveThePageCounts() {
        let counts = Dictionary(grouping: catalogue.entries, by: \.table).mapValues(\.count)
        #expect(counts[.anyProduct] == 4)
        #expect(counts[.basicKYC] == 8)
        #expect(counts[.enhancedKYC] == 7)
        #expect(counts[.biometricKYC] == 20)
        #expect(counts[.documentVerification] == 4)
        #expect(counts[.smartSelfieAuthentication] == 11)
        #expect(counts[.smartSelfieEnrollment] == 9)
        #expect(counts[.smileSecure] == 3)
    }

    @Test(arguments: [
        ("Approved", Category.approved), ("Rejected", .rejected), ("rejected", .rejected),
        ("Provisionally Approved", .provisional), ("Approved with Attention", .approvedWithAttention),
        ("Suspected for spoof and sent to document reviewer for final decision", .review),
        ("Inconclusive", .inconclusive), ("Pending", .pending),
        ("Re-run the job when ID authority is back online", .retry), ("-", .error), ("", .error),
        ("Something new", .unknown),
    ])
    func mapsThePagesWordingToCategories(wording: String, category: Category) {
        #expect(Category(pageWording: wording) == category)
    }

    @Test func code0810MeansDifferentThingsByProduct() {
        let meanings = catalogue.meanings(of: "0810")
        #expect(meanings.map(\.product) == [.biometricKYC, .documentVerification])
        #expect(meanings.map(\.text) == ["Enroll User Machine Judgement - PASS", "Document Verified"])
        let docV = catalogue.meanings(of: "0810", in: .jobType(6))
        #expect(docV.map(\.text) == ["Document Verified"])
        #expect(catalogue.meanings(of: "0810", in: .jobType(11)).map(\.text) == ["Document Verified"])
        #expect(catalogue.meanings(of: "0810", in: .product(.biometricKYC)).map(\.text) == ["Enroll User Machine Judgement - PASS"])
    }

    @Test func jobType5HasBothKYCTables() {
        let meanings = catalogue.meanings(of: "1014", in: .jobType(5))
        #expect(meanings.map(\.product) == [.basicKYC, .enhancedKYC])
        #expect(catalogue.meanings(of: "1014", in: .product(.enhancedKYC)).map(\.product) == [.enhancedKYC])
    }

    @Test func explainsByTheJobsProduct() {
        let bkyc = catalogue.explain(code: "0811", jobType: 1)
        #expect(bkyc.basis == .product)
        #expect(bkyc.meanings.map(\.text) == ["Failed Enroll Machine Judgement - FAIL - Compare Rejected"])
        #expect(bkyc.category == .rejected)

        let retry = catalogue.explain(code: "1015", jobType: 1)
        #expect(retry.category == .retry)
        let error = catalogue.explain(code: "1015", jobType: 5)
        #expect(error.category == .error)
        #expect(error.meanings.count == 2)
    }

    @Test func withoutAProductEveryMeaningIsShownAndOnlyAgreementDecides() {
        let agreed = catalogue.explain(code: "0811", jobType: nil)
        #expect(agreed.basis == .allMeanings)
        #expect(agreed.meanings.count == 2)
        #expect(agreed.category == .rejected)

        let disputed = catalogue.explain(code: "1014", jobType: nil)
        #expect(disputed.meanings.count == 4)
        #expect(disputed.category == .unknown)
    }

    @Test func aCodeNotListedForTheProductIsShownFromOtherTables() {
        // 1020 is Basic KYC's "Exact Match"; a Biometric KYC job does not list it.
        let explanation = catalogue.explain(code: "1020", jobType: 1, resultText: "Exact Match")
        #expect(explanation.basis == .otherProducts)
        #expect(explanation.meanings.map(\.product) == [.basicKYC])
        #expect(explanation.category == .approved)
    }

    @Test func on1012TheProductDecidesWhetherItIsAVerdictOrAStep() {
        // On Biometric KYC and Enhanced DocV it is the ID-authority step: never the job's approval.
        for jobType in [1, 11] {
            let step = catalogue.explain(code: "1012", jobType: jobType, resultText: "ID Validated")
            #expect(step.basis == .product)
            #expect(step.meanings.count == 1)
            #expect(step.meanings.first?.role == .step)
            #expect(step.category == .pending)
        }
        #expect(catalogue.explain(code: "1012", jobType: 5).category == .approved)
        #expect(catalogue.explain(code: "1012", jobType: 5).meanings.map(\.product) == [.enhancedKYC])
        #expect(catalogue.explain(code: "1012", jobType: 7).meanings.map(\.text) == ["Business Verified"])
        // No description that no source gives.
        #expect(catalogue.explain(code: "1012", jobType: 7).meanings.first?.description == "")
    }

    @Test func documentOutcomesApplyToDocumentVerificationToo() {
        for code in ["0816", "0817"] {
            for jobType in [1, 6, 11] {
                #expect(catalogue.explain(code: code, jobType: jobType).basis == .product, "\(code) on \(jobType)")
            }
            #expect(catalogue.meanings(of: code, in: .product(.documentVerification)).count == 1)
            #expect(catalogue.meanings(of: code, in: .product(.enhancedDocumentVerification)).count == 1)
        }
        #expect(catalogue.explain(code: "0816", jobType: 6).category == .rejected)
        #expect(catalogue.explain(code: "0817", jobType: 11).category == .approvedWithAttention)
    }

    @Test func amlCheckAndAddressVerificationAreKnownProducts() {
        let aml = catalogue.explain(code: "1030", jobType: 10, resultText: "Found on list")
        #expect(aml.basis == .product)
        #expect(aml.category == .review)
        #expect(aml.category.needsReview)
        #expect(Product.products(forJobType: 10) == [.amlCheck])
        #expect(Product.products(forJobType: 12) == [.addressVerification])
        #expect(Product(argument: "aml") == .amlCheck)
    }

    @Test func requestCodesHaveTheirOwnMeanings() {
        #expect(StatusCode.lookup("2413")?.text == "Error - A required parameter is missing")
        #expect(StatusCode.lookup("2213")?.text == StatusCode.lookup("2413")?.text)
        #expect(StatusCode.lookup("2215")?.text == "Error - Job already exists for job_id")
        let meanings = Set((2207...2213).compactMap { StatusCode.lookup(String($0))?.text })
        #expect(meanings.count == 7, "2207–2213 each have their own meaning")
        #expect(StatusCode.lookup("2302")?.isFailure == false)
        #expect(StatusCode.table.allSatisfy { !$0.source.isEmpty })
    }

    @Test func documentVerification1014KeepsThePageSentence() {
        let entry = catalogue.meanings(of: "1014", in: .jobType(6)).first
        #expect(entry?.description.hasPrefix("The country_code and or the id_type in the info.json file is not supported") == true)
    }

    @Test func unknownCodesAreUnknownNeverACrash() {
        let explanation = catalogue.explain(code: "9999", jobType: 1, resultText: "Brand new")
        #expect(explanation.basis == .unlisted)
        #expect(explanation.category == .unknown)
        #expect(explanation.meanings.isEmpty)
        #expect(explanation.resultText == "Brand new")
        #expect(catalogue.explain(code: "", jobType: nil).category == .unknown)
    }

    @Test func code0001IsToldApartByItsText() {
        let explanation = catalogue.explain(code: "0001", jobType: 6, resultText: "selfie image unusable")
        #expect(explanation.meanings.count == 4)
        #expect(explanation.primary?.text == "Selfie image unusable")
        #expect(explanation.category == .error)
    }

    @Test func deprecatedCodesAreMarked() {
        let deprecated = catalogue.entries.filter(\.deprecated).map(\.code)
        #expect(deprecated == ["0823", "0846"])
    }

    @Test func smileSecureCodesAreStatesNotVerdicts() {
        // 5210 says no suspect users were found: it does not approve the job.
        let states = ["5210": SecureVerdict.clear, "5211": .suspects, "5212": .error]
        for (code, verdict) in states {
            let entry = catalogue.meanings(of: code).first
            #expect(entry?.secureVerdict == verdict)
            #expect(entry?.category == nil)
            #expect(catalogue.explain(code: code, jobType: 1).category != .approved)
        }
    }

    @Test(arguments: [("810", "0810"), (" 0810 ", "0810"), ("1", "0001"), ("ABC", "ABC"), ("12345", "12345")])
    func normalisesCodesWrittenAsNumbers(raw: String, code: String) {
        #expect(Catalogue.normalise(raw) == code)
    }

    @Test func readsProductArguments() {
        #expect(Catalogue.Scope(argument: "6") == .jobType(6))
        #expect(Catalogue.Scope(argument: "document-verification") == .product(.documentVerification))
        #expect(Catalogue.Scope(argument: "Biometric KYC") == .product(.biometricKYC))
        #expect(Catalogue.Scope(argument: "docv") == .product(.documentVerification))
        #expect(Catalogue.Scope(argument: "ekyc") == .product(.enhancedKYC))
        #expect(Catalogue.Scope(argument: "nonsense") == nil)
    }
}
