import ArgumentParser
import TriageStore

/// `--db PATH`: where triage decisions are kept.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The decisions database.", valueName: "path"))
    var db: String?

    /// The path given, else `$XDG_STATE_HOME/smile-triage/decisions.sqlite`.
    var path: String { db ?? DecisionStore.defaultPath() }
}
