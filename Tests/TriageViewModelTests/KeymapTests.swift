import TestSupport
import Testing

@testable import TriageViewModel

@Suite("Keymap")
struct KeymapTests {
    @Test func docsKeybindingsIsNotStale() throws {
        let committed = try Repository.read("docs/keybindings.md")
        #expect(
            committed == Keymap.standard.markdown(),
            "docs/keybindings.md is stale: run `swift run smile-triage keys > docs/keybindings.md`")
    }

    @Test func everyCommandHasAKeyThatIsNotAFunctionKey() {
        let bound = Set(Keymap.standard.bindings.map(\.command))
        for command in Command.bindable {
            #expect(bound.contains(command), "\(command) has no key")
        }
        #expect(bound.contains(.toggleOption))
    }

    /// The key bar's hints come from the keymap: each names a command bound on its screen
    /// (a hint whose key was taken away would vanish without a word).
    @Test func everyHintIsBoundOnItsScreen() {
        let keymap = Keymap.standard
        for (screen, hints) in keymap.hints {
            for hint in hints {
                #expect(keymap.key(for: hint.command, on: screen) != nil, "\(hint.label) on \(screen.rawValue)")
            }
        }
        #expect(keymap.hints(on: .jobList, marking: true).map(\.label).contains("escalate"))
        #expect(!keymap.hints(on: .jobList, marking: false).map(\.label).contains("escalate"))
        // A rebinding shows in the bar.
        var rebound = keymap
        rebound.rebind(.search, to: [.character("s")])
        #expect(rebound.hints(on: .jobList, marking: false).first { $0.label == "search" }?.key == .character("s"))
    }

    @Test func theHelpListsEveryBindingOnceInItsGroup() {
        let keymap = Keymap.standard
        for screen in ScreenKind.allCases {
            let grouped = keymap.groupedBindings(on: screen).flatMap { group in group.bindings.map { (group.group, $0) } }
            #expect(grouped.count == keymap.bindings(on: screen).count, "\(screen.rawValue)")
            #expect(grouped.allSatisfy { $0.0 == $0.1.command.group })
        }
    }

    @Test func screenBindingsShadowGlobalOnes() {
        let keymap = Keymap.standard
        #expect(keymap.command(for: .right, on: .frequency) == .nextDimension)
        #expect(keymap.command(for: .right, on: .jobList) == .open)
        #expect(keymap.command(for: .character("f"), on: .filterMenu) == .back)
        #expect(keymap.command(for: .character("f"), on: .jobList) == .filter)
        // `/` is taken on every screen, so nothing typed after it can act as a key.
        #expect(ScreenKind.allCases.allSatisfy { keymap.command(for: .character("/"), on: $0) == .search })
    }

    @Test func noKeyMeansTwoThingsOnOneScreen() {
        let keymap = Keymap.standard
        for screen in ScreenKind.allCases {
            var seen: [Key: Command] = [:]
            for binding in keymap.bindings(on: screen) {
                for key in binding.keys {
                    #expect(seen[key] == nil || seen[key] == binding.command, "\(key) on \(screen.rawValue)")
                    seen[key] = binding.command
                }
            }
        }
    }

    @Test func rebindingReplacesAndReleasesKeys() {
        var keymap = Keymap.standard
        keymap.rebind(.search, to: [.character("s")])
        #expect(keymap.command(for: .character("s"), on: .jobList) == .search)
        #expect(keymap.command(for: .character("/"), on: .jobList) == nil)
    }

    @Test(arguments: [
        ("j", Key.character("j")), ("Enter", .enter), ("ctrl-f", .control("f")), ("PgDn", .pageDown), ("Space", .character(" ")),
    ])
    func readsKeyNames(name: String, key: Key) {
        #expect(Key(name: name) == key)
    }
}
