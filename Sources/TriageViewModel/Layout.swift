/// A terminal size, in cells.
public struct Size: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    public static let standard = Size(columns: 80, rows: 24)
}

/// Where things go on screen. Shared by the reducer (which needs page heights) and the
/// screens (which draw), so both agree.
public enum Layout {
    /// The smallest size the dashboard draws at; below it, a "too small" screen.
    public static let minimum = Size(columns: 40, rows: 12)

    public static func isTooSmall(_ size: Size) -> Bool {
        size.columns < minimum.columns || size.rows < minimum.rows
    }

    /// Rows at the top: a title bar and, on table screens, a column header.
    public static let titleRows = 1
    /// Rows at the bottom: the status bar and the hint or prompt line.
    public static let footerRows = 2

    /// Rows a screen's body gets (under the title and any header, above the footer).
    public static func bodyRows(_ size: Size, header: Bool) -> Int {
        max(1, size.rows - titleRows - footerRows - (header ? 1 : 0))
    }
}

/// A selection in a list of rows, and the first row shown.
public struct Cursor: Hashable, Sendable {
    public var selected: Int = 0
    public var top: Int = 0

    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Keeps the selection within `count` rows and on screen in a window of `height` rows.
    public mutating func clamp(count: Int, height: Int) {
        let height = max(1, height)
        if count == 0 {
            selected = 0
            top = 0
            return
        }
        selected = min(max(0, selected), count - 1)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = min(max(0, top), max(0, count - height))
    }

    public mutating func move(by delta: Int, count: Int, height: Int) {
        selected += delta
        clamp(count: count, height: height)
    }

    public mutating func apply(_ command: Command, count: Int, height: Int) -> Bool {
        switch command {
        case .moveDown: move(by: 1, count: count, height: height)
        case .moveUp: move(by: -1, count: count, height: height)
        case .pageDown:
            selected += height
            top += height
            clamp(count: count, height: height)
        case .pageUp:
            selected -= height
            top -= height
            clamp(count: count, height: height)
        case .top:
            selected = 0
            clamp(count: count, height: height)
        case .bottom:
            selected = count - 1
            clamp(count: count, height: height)
        default: return false
        }
        return true
    }
}

/// A scroll position in a document of lines (no selection).
///
/// For a document screen the lines are rows as the screen lays them out: `rows` is how many
/// there were at the width last drawn, told by the screen (`Action.measured`); until then the
/// position is bounded below only, and the screen keeps what it draws in bounds.
public struct Scroll: Hashable, Sendable {
    public var top: Int = 0
    /// A find in the document (`/` on a detail or the explainer), if one is on.
    public var find: DocumentFind?
    /// Rows of the content as last laid out; nil before the screen has measured it.
    public var rows: Int?

    public init(top: Int = 0, rows: Int? = nil) {
        self.top = top
        self.rows = rows
    }

    /// A move through a document whose rows are measured by the screen.
    public mutating func apply(_ command: Command, height: Int) -> Bool {
        apply(command, lines: rows ?? Int.max / 4, height: height)
    }

    public mutating func apply(_ command: Command, lines: Int, height: Int) -> Bool {
        let last = max(0, lines - height)
        switch command {
        case .moveDown: top += 1
        case .moveUp: top -= 1
        case .pageDown: top += max(1, height - 1)
        case .pageUp: top -= max(1, height - 1)
        case .top: top = 0
        case .bottom: top = last
        default: return false
        }
        top = min(max(0, top), last)
        return true
    }

    public mutating func clamp(lines: Int, height: Int) {
        top = min(max(0, top), max(0, lines - height))
    }

    /// The first row to draw of `rows` in `height`: the position, kept in bounds.
    public func firstRow(of rows: Int, height: Int) -> Int { min(max(0, top), max(0, rows - height)) }
}

/// A find in a document: what is looked for, which match is current, and the rows that
/// match at the width last drawn (told by the screen, which lays the rows out).
public struct DocumentFind: Hashable, Sendable {
    public var query: String
    /// Which match is current (0-based), once matches are known.
    public var current = 0
    /// Rows that hold the query; nil until the screen has looked.
    public var matches: [Int]?
    /// Scroll to the current match when the matches next arrive.
    public var scrollPending = true

    public init(query: String) {
        self.query = query
    }

    /// "3/12", "no match", or nil before the screen looked.
    public var position: String? {
        guard let matches else { return nil }
        return matches.isEmpty ? "no match" : "\(min(current, matches.count - 1) + 1)/\(matches.count)"
    }
}
