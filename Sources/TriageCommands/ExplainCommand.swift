import ArgumentParser
import SmileJobs

/// `smile-triage explain CODE`: every meaning of a result code, by product.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a result code: every meaning, by product.",
        discussion: """
            0810 means one thing for Biometric KYC and another for Document Verification. \
            Give --product to narrow to one: a name (document-verification, "Biometric KYC", docv, bkyc) \
            or a job type (6). Exits 1 when no table lists the code.
            """
    )

    @Argument(help: "The result code, e.g. 0810.")
    var code: String

    @Option(name: .long, help: "A product name or job type to narrow to.")
    var product: String?

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        var known = product.flatMap(Catalogue.Scope.init(argument:))
        // A job type no product runs (99) is no product: said, not an empty answer.
        if case .jobType(let type)? = known, Product.products(forJobType: type).isEmpty { known = nil }
        if let product, known == nil {
            let names = Product.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(
                "unknown product '\(SafeText.clean(product))': give a job type (\(Set(Product.allCases.flatMap(\.jobTypes)).sorted().map(String.init).joined(separator: ", "))) or one of \(names)"
            )
        }
    }

    func run() throws {
        let scope = product.flatMap(Catalogue.Scope.init(argument:))
        let explanation = CatalogueReport.explain(code, scope: scope)
        switch format {
        case .text: Output.write(CatalogueReport.explainText(explanation, width: Output.columns))
        case .json: Output.write(CatalogueReport.explainJSON(explanation))
        }
        if !explanation.isKnown { throw ExitCode(ExitStatus.notFound) }
    }
}

/// `smile-triage codes`: the whole catalogue.
struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "Print the whole result-code catalogue.",
        discussion: "JSON is an array of {code, product, jobTypes, text, description, category, deprecated, pageCategory, source, notes}."
    )

    @Option(name: .long, help: "text, json or markdown.")
    var format: CatalogueFormat = .text

    func run() throws {
        switch format {
        case .text: Output.write(CatalogueReport.codesText())
        case .json: Output.write(CatalogueReport.codesJSON())
        case .markdown: Output.write(CatalogueReport.codesMarkdown())
        }
    }
}
