import ArgumentParser
import TriageViewModel

/// `smile-triage keys`: every key binding, as Markdown (docs/keybindings.md is this output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print every key binding, as Markdown.")

    func run() throws {
        Output.write(Keymap.standard.markdown())
    }
}
