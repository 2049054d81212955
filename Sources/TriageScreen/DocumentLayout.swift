import SmileJobs
import TriageViewModel

/// Lays a document's content out to a width: the one place a detail or the explainer is
/// wrapped and ruled. The view-model holds content only; this turns it into rows, for
/// drawing and for telling the view-model how many rows there are (`Renderer.documentRows`).
public enum DocumentLayout {
    /// The narrowest a document is laid out at (narrower terminals cut it).
    static let minimumWidth = 20

    /// Every row of the content at `width`.
    public static func rows(_ content: [DocumentLine], width: Int) -> [StyledLine] {
        var rows: [StyledLine] = []
        rows.reserveCapacity(content.count)
        layOut(content, width: width) { rows.append($0) }
        return rows
    }

    /// How many rows the content takes at `width`, without making them where it can.
    public static func rowCount(_ content: [DocumentLine], width: Int) -> Int {
        let width = max(minimumWidth, width)
        var count = 0
        for line in content {
            switch line {
            case .line, .rule: count += 1
            case .field(let label, _, _, let valueWidth)
            where valueWidth <= fieldWidth(width) && DisplayWidth.of(label) <= DocumentLine.labelWidth - 2:
                count += 1
            default:
                layOut([line], width: width) { _ in count += 1 }
            }
        }
        return count
    }

    private static func fieldWidth(_ width: Int) -> Int { max(10, width - DocumentLine.labelWidth) }

    private static func layOut(_ content: [DocumentLine], width: Int, emit: (StyledLine) -> Void) {
        let width = max(minimumWidth, width)
        for line in content {
            switch line {
            case .line(let line):
                emit(line)
            case .rule(let title):
                emit(
                    StyledLine([
                        Span("─ ", .border), Span(title, .title),
                        Span(" " + String(repeating: "─", count: max(0, width - DisplayWidth.of(title) - 3)), .border),
                    ]))
            case .field(let label, let value, let role, let valueWidth):
                let available = fieldWidth(width)
                let hanging = Span(String(repeating: " ", count: DocumentLine.labelWidth))
                // A label longer than its column is never cut: it takes a row of its own
                // (wrapped at the edge), and the value goes under it.
                if DisplayWidth.of(label) > DocumentLine.labelWidth - 2 {
                    for piece in DisplayWidth.wrap(label, width: max(10, width - 2)) { emit(StyledLine([Span(" " + piece, .label)])) }
                    let pieces = DisplayWidth.wrap(value, width: available)
                    for piece in pieces.prefix(DocumentLine.fieldRows) { emit(StyledLine([hanging, Span(piece, role)])) }
                    if pieces.count > DocumentLine.fieldRows {
                        emit(StyledLine([hanging, Span("… (\(pieces.count - DocumentLine.fieldRows) more lines)", .dim)]))
                    }
                    continue
                }
                let labelSpan = Span(" " + DisplayWidth.fit(label, to: DocumentLine.labelWidth - 2) + " ", .label)
                if valueWidth <= available {
                    emit(StyledLine([labelSpan, Span(value, role)]))
                    continue
                }
                let pieces = DisplayWidth.wrap(value, width: available)
                for (number, piece) in pieces.prefix(DocumentLine.fieldRows).enumerated() {
                    emit(StyledLine([number == 0 ? labelSpan : hanging, Span(piece, role)]))
                }
                if pieces.count > DocumentLine.fieldRows {
                    emit(StyledLine([hanging, Span("… (\(pieces.count - DocumentLine.fieldRows) more lines)", .dim)]))
                }
            case .wrapped(let text, let indent, let margin, let role):
                let prefix = String(repeating: " ", count: indent)
                for piece in DisplayWidth.wrap(text, width: max(10, width - indent - margin)) {
                    emit(StyledLine(prefix + piece, role))
                }
            }
        }
    }
}
