import SmileJobs
import TriageViewModel

/// Marks where a find's query occurs in a row: each occurrence inside a span takes the
/// match role (case ignored, characters compared whole, so no scalar is split).
enum Highlight {
    /// Whether the row holds the query (case ignored): the standard library's substring
    /// search over lower-cased text, linear, for every row of a long document.
    static func contains(_ text: String, _ query: String) -> Bool {
        guard !query.isEmpty else { return false }
        return text.lowercased().contains(query.lowercased())
    }

    static func apply(_ line: StyledLine, query: String, role: StyleRole) -> StyledLine {
        var spans: [Span] = []
        var changed = false
        for span in line.spans {
            let characters = Array(span.text)
            let found = ranges(of: query, in: characters)
            guard !found.isEmpty else {
                spans.append(span)
                continue
            }
            changed = true
            var position = 0
            for range in found {
                if range.lowerBound > position { spans.append(Span(String(characters[position..<range.lowerBound]), span.role)) }
                spans.append(Span(String(characters[range]), role))
                position = range.upperBound
            }
            if position < characters.count { spans.append(Span(String(characters[position...]), span.role)) }
        }
        return changed ? StyledLine(spans) : line
    }

    /// Where the query occurs, not overlapping, by character.
    static func ranges(of query: String, in characters: [Character]) -> [Range<Int>] {
        let wanted = query.map { $0.lowercased().first ?? $0 }
        guard !wanted.isEmpty, characters.count >= wanted.count else { return [] }
        let lowered = characters.map { $0.lowercased().first ?? $0 }
        var found: [Range<Int>] = []
        var index = 0
        while index + wanted.count <= lowered.count {
            if lowered[index] == wanted[0], Array(lowered[index..<(index + wanted.count)]) == wanted {
                found.append(index..<(index + wanted.count))
                index += wanted.count
            } else {
                index += 1
            }
        }
        return found
    }
}
