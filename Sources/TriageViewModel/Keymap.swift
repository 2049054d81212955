import JobIndex

/// The one table that binds keys to commands, per screen. Key handling, the help overlay
/// and docs/keybindings.md all read it, so they cannot drift apart.
public struct Keymap: Sendable, Equatable {
    public struct Binding: Sendable, Hashable {
        public var command: Command
        public var keys: [Key]
        /// Screens where the binding applies; empty means every screen.
        public var screens: Set<ScreenKind>

        public init(_ command: Command, _ keys: [Key], on screens: Set<ScreenKind> = []) {
            self.command = command
            self.keys = keys
            self.screens = screens
        }
    }

    public var bindings: [Binding]

    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The command a key means on a screen: a screen's own bindings before global ones.
    public func command(for key: Key, on screen: ScreenKind) -> Command? {
        if let specific = bindings.first(where: { $0.screens.contains(screen) && $0.keys.contains(key) }) {
            return specific.command
        }
        return bindings.first(where: { $0.screens.isEmpty && $0.keys.contains(key) })?.command
    }

    /// The bindings on a screen by the help's groups, each group in the commands' own order.
    public func groupedBindings(on screen: ScreenKind) -> [(group: CommandGroup, bindings: [Binding])] {
        let shown = bindings(on: screen)
        func order(_ binding: Binding) -> Int { Command.bindable.firstIndex(of: binding.command) ?? Int.max }
        return CommandGroup.allCases.compactMap { group in
            let inGroup = shown.filter { $0.command.group == group }.sorted { order($0) < order($1) }
            return inGroup.isEmpty ? nil : (group, inGroup)
        }
    }

    /// The bindings that apply on a screen, its own first.
    public func bindings(on screen: ScreenKind) -> [Binding] {
        let own = bindings.filter { $0.screens.contains(screen) }
        let shadowed = Set(own.flatMap(\.keys))
        let global = bindings.filter { $0.screens.isEmpty }.compactMap { binding -> Binding? in
            var visible = binding
            visible.keys = binding.keys.filter { !shadowed.contains($0) }
            return visible.keys.isEmpty ? nil : visible
        }
        return own + global
    }

    /// The first key bound to a command on a screen, for hints in the status bar.
    public func key(for command: Command, on screen: ScreenKind) -> Key? {
        bindings(on: screen).first { $0.command == command }?.keys.first
    }

    /// Rebinds a command (from the config file): its keys are replaced everywhere it is bound.
    public mutating func rebind(_ command: Command, to keys: [Key]) {
        for index in bindings.indices where bindings[index].command == command {
            bindings[index].keys = keys
        }
        // A key now taken by this command is released from others on the same screens.
        for index in bindings.indices where bindings[index].command != command {
            bindings[index].keys.removeAll { keys.contains($0) }
        }
    }

    public static let standard = Keymap(bindings: [
        Binding(.moveDown, [.down, .character("j"), .control("n")]),
        Binding(.moveUp, [.up, .character("k"), .control("p")]),
        Binding(.pageDown, [.pageDown, .control("f"), .character(" ")]),
        Binding(.pageUp, [.pageUp, .control("b")]),
        Binding(.top, [.home, .character("g")]),
        Binding(.bottom, [.end, .character("G")]),
        Binding(.open, [.enter, .character("l"), .right]),
        // `q` closes the screen on top, and quits from the list; `Q` and Ctrl-C quit from anywhere.
        Binding(.quit, [.character("q")], on: [.jobList]),
        Binding(.back, [.escape, .backspace, .character("h"), .left, .character("q")]),
        Binding(.quit, [.character("Q"), .control("c")]),
        Binding(.help, [.character("?")]),
        Binding(.commandLine, [.character(":")]),
        Binding(.toggleTimeZone, [.character("Z")]),
        Binding(.undo, [.character("z")], on: markScreens),
        Binding(.widenResult, [.character("+")], on: [.jobList]),
        Binding(.toggleFolds, [.character("T")], on: [.jobDetail]),
        Binding(.narrowResult, [.character("-")], on: [.jobList]),
        // Everywhere: on a screen without a search of its own, `/` still takes what is typed after it.
        Binding(.search, [.character("/")]),
        Binding(.filter, [.character("f")], on: [.jobList]),
        Binding(.clearFilters, [.character("c")], on: [.jobList, .catalogue]),
        Binding(.sortBy(.time), [.character("1")], on: [.jobList]),
        Binding(.sortBy(.job), [.character("2")], on: [.jobList]),
        Binding(.sortBy(.user), [.character("3")], on: [.jobList]),
        Binding(.sortBy(.product), [.character("4")], on: [.jobList]),
        Binding(.sortBy(.code), [.character("5")], on: [.jobList]),
        Binding(.sortBy(.category), [.character("6")], on: [.jobList]),
        Binding(.sortBy(.secure), [.character("7")], on: [.jobList]),
        Binding(.sortBy(.text), [.character("8")], on: [.jobList]),
        Binding(.nextSortColumn, [.character("o")], on: [.jobList]),
        Binding(.jumpToNewest, [.character(">")], on: [.jobList]),
        Binding(.reverseSort, [.character("r")], on: [.jobList]),
        // `n` / `N` step through matches everywhere (as in less, vim, lnav); `]` / `[` through review.
        Binding(.nextAttention, [.character("]")], on: [.jobList, .jobDetail]),
        Binding(.previousAttention, [.character("[")], on: [.jobList, .jobDetail]),
        Binding(.nextMatch, [.character("n")]),
        Binding(.previousMatch, [.character("N")]),
        Binding(.markCleared, [.character("a")], on: markScreens),
        Binding(.markEscalated, [.character("e")], on: markScreens),
        Binding(.markRerun, [.character("t")], on: markScreens),
        Binding(.markOpen, [.character("O")], on: markScreens),
        Binding(.editNote, [.character("w")], on: markScreens),
        Binding(.markMenu, [.character("m")], on: markScreens),
        Binding(.markAll, [.character("M")], on: [.smileSecure, .suspectList, .rings]),
        Binding(.selectRange, [.character("v")], on: [.jobList]),
        Binding(.toggleUntriaged, [.character("U")], on: [.jobList]),
        Binding(.exportList, [.character("s")], on: [.jobList]),
        Binding(.nextJob, [.character("J")], on: [.jobDetail]),
        Binding(.previousJob, [.character("K")], on: [.jobDetail]),
        Binding(.frequency, [.character("F")]),
        Binding(.nextDimension, [.tab, .right, .character("l")], on: [.frequency]),
        Binding(.previousDimension, [.backTab, .left], on: [.frequency]),
        Binding(.problems, [.character("P")]),
        Binding(.catalogue, [.character("C")]),
        Binding(.explainCode, [.character("i")], on: [.jobList, .jobDetail, .smileSecure, .suspectList, .rings]),
        Binding(.smileSecure, [.character("S")], on: [.jobList, .jobDetail]),
        Binding(.suspectList, [.character("A")]),
        Binding(.rings, [.character("R")]),
        Binding(.userJobs, [.character("W")], on: [.jobList, .jobDetail, .smileSecure, .suspectList, .rings]),
        Binding(.ringOrder, [.character("o")], on: [.rings]),
        Binding(.toggleRedaction, [.character("p")]),
        Binding(.copyJobID, [.character("y")], on: [.jobList, .jobDetail, .smileSecure, .suspectList]),
        Binding(.copyUserID, [.character("u")], on: [.jobList, .jobDetail, .smileSecure, .suspectList]),
        Binding(.copyExplanation, [.character("Y")], on: [.jobList, .jobDetail, .codeExplainer]),
        Binding(.toggleOption, [.character(" "), .enter, .character("x")], on: [.filterMenu]),
        Binding(.back, [.escape, .character("f"), .character("q")], on: [.filterMenu]),
        Binding(.markCleared, [.character("c"), .character("a")], on: [.markMenu]),
        Binding(.markEscalated, [.character("e")], on: [.markMenu]),
        Binding(.markRerun, [.character("r"), .character("t")], on: [.markMenu]),
        Binding(.markOpen, [.character("o"), .character("O")], on: [.markMenu]),
        Binding(.editNote, [.character("n"), .character("w")], on: [.markMenu]),
        Binding(.back, [.escape, .character("m"), .character("q")], on: [.markMenu]),
        Binding(.back, [.escape, .character("?"), .character("q")], on: [.help]),
        Binding(.confirmYes, [.character("y"), .enter], on: [.confirm]),
        Binding(.back, [.escape, .character("n"), .character("q")], on: [.confirm]),
    ])

    /// The key bar's hints per screen, most wanted first: as many as fit are shown, in this
    /// order, so a narrow terminal keeps the first ones. The keys come from the bindings.
    public var hints: [ScreenKind: [Hint]] = Keymap.standardHints

    /// One hint in the key bar: a command, a word or two, and when it applies.
    public struct Hint: Sendable, Hashable {
        public enum When: Sendable, Hashable {
            case always
            /// Only while decisions can be written.
            case marking
            /// Only while they cannot (the bar has room for other things then).
            case notMarking
        }

        public var command: Command
        public var label: String
        public var when: When

        public init(_ command: Command, _ label: String, when: When = .always) {
            self.command = command
            self.label = label
            self.when = when
        }
    }

    /// The hints for a screen, for whether marking is possible, each with its key.
    public func hints(on screen: ScreenKind, marking: Bool) -> [(key: Key, label: String)] {
        (hints[screen] ?? Keymap.defaultHints).compactMap { hint in
            switch hint.when {
            case .marking where !marking, .notMarking where marking: return nil
            default: break
            }
            return key(for: hint.command, on: screen).map { ($0, hint.label) }
        }
    }

    static let defaultHints: [Hint] = [Hint(.open, "open"), Hint(.back, "back"), Hint(.help, "help"), Hint(.quit, "quit")]

    static let standardHints: [ScreenKind: [Hint]] = [
        .jobList: [
            Hint(.open, "open"), Hint(.markCleared, "clear", when: .marking), Hint(.markEscalated, "escalate", when: .marking),
            Hint(.markRerun, "re-run", when: .marking), Hint(.editNote, "note", when: .marking), Hint(.markMenu, "mark", when: .marking),
            Hint(.search, "search"), Hint(.filter, "filter"), Hint(.frequency, "freq", when: .notMarking),
            Hint(.nextAttention, "next review"), Hint(.suspectList, "suspects", when: .notMarking),
            Hint(.rings, "rings", when: .notMarking), Hint(.catalogue, "codes", when: .notMarking), Hint(.help, "help"),
            Hint(.quit, "quit"),
        ],
        .jobDetail: [
            Hint(.back, "back"), Hint(.markMenu, "mark", when: .marking), Hint(.editNote, "note", when: .marking),
            Hint(.explainCode, "explain"), Hint(.smileSecure, "suspects"), Hint(.nextJob, "next"), Hint(.copyJobID, "copy id"),
            Hint(.toggleRedaction, "redact", when: .notMarking), Hint(.help, "help"),
        ],
        .frequency: [Hint(.open, "filter to it"), Hint(.nextDimension, "next dimension"), Hint(.back, "back"), Hint(.help, "help")],
        .catalogue: [Hint(.open, "explain"), Hint(.search, "search"), Hint(.back, "back"), Hint(.help, "help")],
        .codeExplainer: [Hint(.back, "back"), Hint(.copyExplanation, "copy"), Hint(.moveDown, "scroll"), Hint(.help, "help")],
        .smileSecure: [Hint(.open, "open job"), Hint(.back, "back"), Hint(.explainCode, "explain"), Hint(.help, "help")],
        .rings: [Hint(.open, "open job"), Hint(.back, "back"), Hint(.explainCode, "explain"), Hint(.help, "help")],
    ]

    /// Screens where a job (or a group of jobs) is in focus and can be marked.
    static let markScreens: Set<ScreenKind> = [.jobList, .jobDetail, .smileSecure, .suspectList, .rings]

    /// docs/keybindings.md, generated; a test fails when the committed file is stale.
    public func markdown() -> String {
        var out = """
            # Key bindings

            <!-- Generated from the keymap (Sources/TriageViewModel/Keymap.swift). Do not edit: a test fails when this file is stale. -->

            Every action has a key that is neither a function key nor the mouse. `?` shows the same
            list on the screen you are on. Keys can be changed in the config file (see the README).

            """
        for screen in ScreenKind.allCases {
            out +=
                "\n## \(screen.rawValue.prefix(1).uppercased() + screen.rawValue.dropFirst())\n\n| keys | action | in the config file |\n|---|---|---|\n"
            for (_, inGroup) in groupedBindings(on: screen) {
                for binding in inGroup {
                    let keys = binding.keys.map { "`\($0.description == "`" ? "backtick" : $0.description)`" }.joined(separator: " ")
                    out += "| \(keys) | \(binding.command.title) | `\(binding.command.configName)` |\n"
                }
            }
        }
        return out
    }
}
