/// A key as the dashboard understands it, whatever terminal sent it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// Control plus a letter (`ctrl("c")` is Ctrl-C).
    case control(Character)

    /// How the key is written in help and docs: `j`, `↓`, `Enter`, `Ctrl-F`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .control(let letter): "Ctrl-\(letter.uppercased())"
        }
    }

    /// The same, in ASCII, for terminals without Unicode.
    public var asciiDescription: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: description
        }
    }

    /// Reads a key as written in a config file: `j`, `Enter`, `Ctrl-F`, `PgDn`, `Space`.
    public init?(name: String) {
        let lowered = name.lowercased()
        let named: [String: Key] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "pgup": .pageUp, "pageup": .pageUp,
            "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end, "enter": .enter, "return": .enter,
            "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete, "del": .delete,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "space": .character(" "),
        ]
        if let key = named[lowered] {
            self = key
        } else if lowered.hasPrefix("ctrl-"), name.count == 6, let letter = lowered.last, letter.isLetter {
            self = .control(letter)
        } else if name.count == 1, let character = name.first, !character.isWhitespace {
            self = .character(character)
        } else {
            return nil
        }
    }
}
