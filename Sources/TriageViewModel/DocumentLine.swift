import SmileJobs

/// One line of a document screen's content (a job's detail, the code explainer), as the
/// view-model holds it: what to show, never how wide. The screen lays it out to the
/// terminal's width (`DocumentLayout` in TriageScreen): a rule runs to the edge, a field's
/// value and a wrapped paragraph break into as many rows as the width needs. So a resize
/// changes no content, and the state holds no layout.
public enum DocumentLine: Hashable, Sendable {
    /// One row as it is; cut at the edge.
    case line(StyledLine)
    /// A section heading ruled to the edge.
    case rule(String)
    /// A labelled value: the label in a column of its own, the value wrapped beside it (at
    /// most `DocumentLine.fieldRows` rows, then a count of the rest). `valueWidth` is the
    /// value's width in columns, measured once: most values need no wrapping at all.
    case field(label: String, value: String, role: StyleRole, valueWidth: Int)
    /// A paragraph wrapped under an indent of `indent` columns, keeping `margin` free at the right.
    case wrapped(String, indent: Int, margin: Int, role: StyleRole)

    public static let blank = DocumentLine.line(.blank)

    /// Rows a field's value may take before the rest is counted, not shown.
    public static let fieldRows = 8
    /// The field label's column: a space, sixteen columns of label, a space.
    public static let labelWidth = 18

    /// A field, its value cleaned and measured.
    public static func field(_ label: String, _ value: String, role: StyleRole = .normal) -> DocumentLine {
        let shown = SafeText.clean(value)
        return .field(label: SafeText.clean(label), value: shown, role: role, valueWidth: DisplayWidth.of(shown))
    }

    /// The line's text, unwrapped (for tests and searches).
    public var text: String {
        switch self {
        case .line(let line): line.text
        case .rule(let title): "─ " + title
        case .field(let label, let value, _, _): label + " " + value
        case .wrapped(let text, _, _, _): text
        }
    }
}

extension [DocumentLine] {
    /// A styled line is one row of the document.
    mutating func append(_ line: StyledLine) { append(.line(line)) }
}
