import ArgumentParser

/// `--format` for commands that print text or JSON.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}

/// `--format` for `codes`.
public enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
    case markdown
}
