@preconcurrency import CNcurses
import Foundation
import TriageScreen
import TriageViewModel

/// What the terminal reports to the run loop.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case resize(Size)
    /// A mouse click on a cell (only with the mouse on).
    case click(column: Int, row: Int)
    /// Mouse wheel: negative is up.
    case wheel(Int)
    /// Nothing happened for a moment: a chance to take in background work.
    case tick
    /// Text pasted (the terminal marked it as a paste): never read as keys.
    case paste(String)
    /// Ctrl-C or SIGINT: the app decides (stop a load, or quit).
    case interrupt
}

/// How the terminal should look and behave.
public struct TerminalOptions: Sendable {
    public var theme: Theme.Name = .dark
    /// False for `--no-color` and `NO_COLOR`: the mono theme, whatever the terminal can do.
    public var color = true
    public var mouse = false
    /// False when copies should be shown for selecting by hand instead of sent as OSC 52.
    public var osc52 = true

    public init() {}
}

/// Why the dashboard cannot draw here.
public struct TerminalUnavailable: Error, Sendable {
    public var reason: String
}

/// The terminal, through ncursesw: opens it, paints finished grids (only the cells that
/// changed), turns what it reads into events, and gives the terminal back on every exit.
public final class Terminal {
    private var screen: OpaquePointer?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var painted: Grid?
    private var pairs: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private let options: TerminalOptions
    private let theme: Theme
    /// The locale is not UTF-8: draw plain ASCII.
    public let ascii: Bool
    private var open = false

    /// Says why the dashboard cannot run here (standard output is not a terminal; the
    /// terminal cannot move its cursor), or nil when it can.
    public static func unavailableReason() -> String? {
        if isatty(STDOUT_FILENO) == 0 {
            return "standard output is not a terminal, so the dashboard cannot draw"
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            return "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot move its cursor, so the dashboard cannot draw"
        }
        var error: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &error) == OK else {
            return "the terminal type TERM=\(term) is not known here (no terminfo entry)"
        }
        guard st_tigetstr("cup") != nil else {
            return "this terminal (TERM=\(term)) cannot move its cursor, so the dashboard cannot draw"
        }
        return nil
    }

    public init(options: TerminalOptions) throws {
        self.options = options
        setlocale(LC_ALL, "")
        ascii = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") != "UTF8"
        theme = Theme(options.color ? options.theme : .mono)
        if let reason = Terminal.unavailableReason() { throw TerminalUnavailable(reason: reason) }

        // Keys come from the terminal even when data was piped in on standard input.
        if isatty(STDIN_FILENO) != 0 {
            inputFile = fdopen(dup(STDIN_FILENO), "r")
        } else {
            inputFile = fopen("/dev/tty", "r")
        }
        guard let inputFile else { throw TerminalUnavailable(reason: "cannot open /dev/tty to read keys") }

        SignalGuard.install(terminalFD: STDOUT_FILENO, resetSequence: Terminal.resetSequence())
        guard let screen = newterm(nil, stdout, inputFile) else {
            SignalGuard.uninstall()
            throw TerminalUnavailable(reason: "ncurses could not start on this terminal")
        }
        self.screen = screen
        set_term(screen)
        open = true
        cbreak()
        noecho()
        nonl()
        intrflush(st_stdscr(), false)
        keypad(st_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(st_stdscr(), 100)
        if options.mouse {
            mousemask(st_mouse_all(), nil)
            mouseinterval(0)
        }
        setUpColors()
        // Bracketed paste: the terminal marks pasted text, so a pasted line break is text,
        // never Enter, and pasted letters are never keys.
        define_key("\u{1B}[200~", Terminal.pasteStart)
        define_key("\u{1B}[201~", Terminal.pasteEnd)
        fputs(Terminal.bracketedPasteOn, stdout)
        fflush(stdout)
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    /// Key codes for the paste marks, above ncurses's own.
    static let pasteStart: Int32 = 0x7F0
    static let pasteEnd: Int32 = 0x7F1

    deinit {
        close()
    }

    /// Gives the terminal back: normal screen, cursor, modes. Safe to call twice.
    public func close() {
        guard open else { return }
        open = false
        fputs(Terminal.bracketedPasteOff, stdout)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        if let inputFile { fclose(inputFile) }
        inputFile = nil
        SignalGuard.uninstall()
        fflush(stdout)
    }

    public var size: Size {
        Size(columns: Int(getmaxx(st_stdscr())), rows: Int(getmaxy(st_stdscr())))
    }

    // MARK: - Painting

    /// Paints a grid: only the cells that differ from what is on screen.
    public func paint(_ grid: Grid) {
        let shown = ascii ? grid.asciiFolded() : grid
        let full = painted == nil || painted?.size != shown.size
        if full { werase(st_stdscr()) }
        for row in 0..<shown.size.rows {
            var column = 0
            while column < shown.size.columns {
                let cell = shown[column, row]
                if !full, let painted, painted[column, row] == cell {
                    column += 1
                    continue
                }
                // A run of changed cells in one style, written at once.
                var text = cell.text
                var end = column + 1
                while end < shown.size.columns {
                    let next = shown[end, row]
                    guard next.role == cell.role, next.selected == cell.selected else { break }
                    if !full, let painted, painted[end, row] == next, next.text != "" { break }
                    text += next.text
                    end += 1
                }
                draw(text, column: column, row: row, role: cell.role, selected: cell.selected)
                column = end
            }
        }
        wnoutrefresh(st_stdscr())
        doupdate()
        painted = shown
    }

    /// Forgets what is on screen, so the next paint draws everything (after Ctrl-Z, `fg`).
    public func invalidate() {
        painted = nil
        clearok(st_stdscr(), true)
    }

    private func draw(_ text: String, column: Int, row: Int, role: StyleRole, selected: Bool) {
        let style = pairs[role] ?? (st_a_normal(), 0)
        var attributes = style.attributes
        if selected { attributes |= st_a_reverse() }
        _ = text.withCString { st_put(Int32(row), Int32(column), $0, attributes, style.pair) }
    }

    private func setUpColors() {
        let colorful = options.color && has_colors()
        if colorful {
            start_color()
            use_default_colors()
        }
        let colours = Int(st_colors())
        var nextPair: Int16 = 1
        for role in StyleRole.allCases {
            let style = theme.style(role)
            var attributes = st_a_normal()
            if style.bold { attributes |= st_a_bold() }
            if style.dim { attributes |= st_a_dim() }
            if style.underline { attributes |= st_a_underline() }
            if style.reverse { attributes |= st_a_reverse() }
            var pair: Int16 = 0
            if colorful {
                let foreground = colours >= 256 ? style.foreground256 : style.foreground8
                let background = colours >= 256 ? style.background256 : style.background8
                if foreground != nil || background != nil, Int(nextPair) < Int(st_color_pairs()) {
                    init_pair(nextPair, foreground ?? -1, background ?? -1)
                    pair = nextPair
                    nextPair += 1
                }
            } else if role == .header || role == .status {
                attributes |= st_a_reverse()
            }
            pairs[role] = (attributes, pair)
        }
    }

    // MARK: - Reading

    /// How long `nextEvent` waits for a key before it says `.tick` (100 ms unless set).
    public func setEventWait(milliseconds: Int32) {
        wtimeout(st_stdscr(), milliseconds)
    }

    /// Waits up to 100 ms (or the wait set) for something to happen.
    public func nextEvent() -> TerminalEvent {
        var character: wint_t = 0
        let status = wget_wch(st_stdscr(), &character)
        if status == ERR { return .tick }
        if status == st_key_code_yes() {
            let code = Int32(character)
            if code == Terminal.pasteStart { return readPaste() }
            if code == st_key_resize() { return .resize(size) }
            if code == st_key_mouse() { return mouseEvent() ?? .tick }
            return KeyDecoder.functionKey(code).map(TerminalEvent.key) ?? .tick
        }
        return KeyDecoder.character(UInt32(character)).map(TerminalEvent.key) ?? .tick
    }

    /// Everything up to the end of the paste, as text (a terminal that never sends the end
    /// mark is read for a second at most).
    private func readPaste() -> TerminalEvent {
        var scalars = String.UnicodeScalarView()
        var idle = 0
        while idle < 10 {
            var character: wint_t = 0
            let status = wget_wch(st_stdscr(), &character)
            if status == ERR {
                idle += 1
                continue
            }
            idle = 0
            if status == st_key_code_yes() {
                if Int32(character) == Terminal.pasteEnd { break }
                continue
            }
            if let scalar = Unicode.Scalar(UInt32(character)) { scalars.append(scalar) }
            if scalars.count > 1 << 20 { break }
        }
        return .paste(String(scalars))
    }

    private func mouseEvent() -> TerminalEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        if event.bstate & st_button4_pressed() != 0 { return .wheel(-3) }
        if st_button5_pressed() != 0, event.bstate & st_button5_pressed() != 0 { return .wheel(3) }
        if event.bstate & st_button1_pressed() != 0 { return .click(column: Int(event.x), row: Int(event.y)) }
        return nil
    }

    // MARK: - Suspend

    /// Ctrl-Z: give the terminal back, stop, and on `fg` take it again and repaint all.
    public func suspend() {
        fputs(Terminal.bracketedPasteOff, stdout)
        endwin()
        fflush(stdout)
        kill(getpid(), SIGSTOP)
        // Here after `fg`.
        refresh()
        fputs(Terminal.bracketedPasteOn, stdout)
        fflush(stdout)
        invalidate()
    }

    // MARK: - Clipboard

    /// Sends text to the terminal's clipboard with OSC 52 (inside tmux, also wrapped for
    /// passthrough). Returns false when this terminal is known not to take it.
    public func copyToClipboard(_ text: String) -> Bool {
        guard options.osc52 else { return false }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if ["linux", "vt100", "vt102", "vt220", "dumb"].contains(term) { return false }
        let payload = Data(text.utf8).base64EncodedString()  // the reducer sends only safe text (ClipboardText)
        var sequence = "\u{1B}]52;c;\(payload)\u{07}"
        if ProcessInfo.processInfo.environment["TMUX"] != nil {
            sequence += "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(payload)\u{07}\u{1B}\\"
        }
        fputs(sequence, stdout)
        fflush(stdout)
        return true
    }

    /// The bytes that put a terminal back as it was: leave the alternate screen, show the
    /// cursor, reset attributes, keypad off. Read from terminfo; used by the crash handler.
    static func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        var error: Int32 = 0
        if setupterm(nil, STDOUT_FILENO, &error) == OK {
            for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
                if let value = st_tigetstr(capability) { bytes += Array(String(cString: value).utf8) }
            }
        }
        if bytes.isEmpty { bytes = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8) }
        bytes += Array(bracketedPasteOff.utf8)
        bytes += Array("\r\n".utf8)
        return bytes
    }
}

/// ncurses key codes to the dashboard's keys.
enum KeyDecoder {
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME, KEY_BEG: .home
        case KEY_END, KEY_LL: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        default: nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(value + 96)!))
        case 0..<32: return nil
        default:
            guard let scalar = UnicodeScalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
