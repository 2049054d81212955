import SmileJobs
import TriageViewModel

/// One cell of the screen: a grapheme in a role. A wide character fills its cell and
/// leaves the next one empty (`text == ""`), as terminals draw it.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    /// Part of the selected row: drawn in reverse.
    public var selected: Bool

    public init(_ text: String = " ", role: StyleRole = .normal, selected: Bool = false) {
        self.text = text
        self.role = role
        self.selected = selected
    }

    public static let blank = Cell()
}

/// The finished screen: a grid of cells that the terminal layer paints, and that tests
/// read as text (`text`) and as one letter per cell for the roles (`roles`).
public struct Grid: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: max(0, size.columns * size.rows))
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// Writes text from a column, cut to `width` columns (with `…` when cut). Returns the
    /// columns used.
    @discardableResult
    public mutating func write(
        _ text: String, column: Int, row: Int, role: StyleRole = .normal,
        width: Int? = nil, selected: Bool = false
    ) -> Int {
        guard row >= 0, row < size.rows, column < size.columns else { return 0 }
        let limit = min(width ?? (size.columns - column), size.columns - column)
        guard limit > 0 else { return 0 }
        let fitted = DisplayWidth.truncate(text, to: limit)
        var x = column
        var characters = fitted.makeIterator()
        var upcoming = characters.next()
        while var character = upcoming {
            upcoming = characters.next()
            // The last line of defence: nothing that acts on a terminal reaches a cell,
            // whatever a screen forgot to clean (by the same rule as `SafeText.clean`).
            if !SafeText.drawsAsIs(character, before: upcoming) { character = "?" }
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 {
                // A combining mark with no base in this text: attach it to the previous cell.
                if x > column { self[x - 1, row].text.append(character) }
                continue
            }
            if x + characterWidth > column + limit { break }
            if x >= 0 {
                self[x, row] = Cell(String(character), role: role, selected: selected)
                if characterWidth == 2, x + 1 < size.columns { self[x + 1, row] = Cell("", role: role, selected: selected) }
            }
            x += characterWidth
        }
        return x - column
    }

    /// Writes a line of spans; returns the columns used.
    @discardableResult
    public mutating func write(_ line: StyledLine, column: Int, row: Int, width: Int? = nil, selected: Bool = false) -> Int {
        let limit = min(width ?? (size.columns - column), size.columns - column)
        var used = 0
        let total = line.width
        for (number, span) in line.spans.enumerated() {
            guard used < limit else { break }
            var text = span.text
            // Cut the last visible span with an ellipsis when the line does not fit.
            if total > limit && number < line.spans.count && used + DisplayWidth.of(text) > limit {
                text = DisplayWidth.truncate(text, to: limit - used)
            }
            used += write(text, column: column + used, row: row, role: span.role, width: limit - used, selected: selected)
        }
        return used
    }

    /// Sets a run of cells to blanks in a role.
    public mutating func fill(row: Int, column: Int = 0, width: Int? = nil, role: StyleRole = .normal, selected: Bool = false) {
        guard row >= 0, row < size.rows else { return }
        let end = min(size.columns, column + (width ?? size.columns))
        for x in max(0, column)..<max(max(0, column), end) { self[x, row] = Cell(" ", role: role, selected: selected) }
    }

    /// Cells whose text fails `SafeText`'s rule, each character read with the one drawn
    /// after it (a joiner closing one cell's character may join the next cell's). Empty on
    /// every frame `write` made: the invariant the screen tests and the fuzzer hold it to.
    public var cellsNotDrawnAsIs: [String] {
        var found: [String] = []
        for row in 0..<size.rows {
            let texts = (0..<size.columns).map { self[$0, row].text }.filter { !$0.isEmpty }
            let characters = texts.indices.flatMap { cell in texts[cell].map { (cell, $0) } }
            for (offset, (cell, character)) in characters.enumerated() {
                let next = offset + 1 < characters.count ? characters[offset + 1].1 : nil
                if !SafeText.drawsAsIs(character, before: next) && found.last != texts[cell] { found.append(texts[cell]) }
            }
        }
        return found
    }

    /// The screen as text, one line a row, trailing spaces trimmed.
    public var text: String {
        (0..<size.rows).map { row in
            var line = ""
            for column in 0..<size.columns { line += self[column, row].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One letter per cell for its role (upper-case row marker `>` where selected).
    public var roles: String {
        (0..<size.rows).map { row in
            var line = ""
            var anySelected = false
            for column in 0..<size.columns {
                let cell = self[column, row]
                line.append(cell.role.letter)
                anySelected = anySelected || cell.selected
            }
            return (anySelected ? ">" : " ") + line
        }.joined(separator: "\n")
    }

    /// The same grid in plain ASCII, for terminals whose locale is not UTF-8: box lines
    /// become `+-|`, marks become ASCII, anything else outside ASCII becomes `?`.
    public func asciiFolded() -> Grid {
        var copy = self
        for index in copy.cells.indices {
            let text = copy.cells[index].text
            guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            copy.cells[index].text = Grid.asciiGlyphs[text] ?? "?"
        }
        // A wide character took two cells; the second (empty) one needs filling.
        for index in copy.cells.indices where copy.cells[index].text.isEmpty {
            copy.cells[index].text = " "
        }
        return copy
    }

    static let asciiGlyphs: [String: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "▲": "^", "▼": "v", "…": ".", "▸": ">", "·": "-", "•": "*", "█": "#",
        "▏": "|", "◆": "*", "⚑": "!", "↑": "^", "↓": "v", "←": "<", "→": ">", "✓": "+", "✗": "x", "—": "-", "–": "-",
        "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁰": "0",
    ]
}
