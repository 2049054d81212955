import Foundation
import JobIndex
import JobSources
import SmileJobs
import TriageScreen
import TriageServerStore
import TriageStore
import TriageViewModel

/// The effect runner for the dashboard and `snapshot`: the load's sources answer for
/// records read again, exports are files, decisions go to the database that opened.
enum Session {
    static func runner(
        state: AppState, store: SourceStore, opening: DecisionsOpening?,
        who: String = DecisionStore.currentUser()
    ) -> EffectRunner {
        var services = EffectRunner.Services(
            documents: { store.documents(for: $0) },
            export: { request, state in JobExport.write(request, state: state) },
            clock: { .now }, measure: Renderer.documentRows)
        services.findMatches = Renderer.findMatches
        services.zone = Zones.named
        return EffectRunner(state: state, services: services, decisions: opening?.client, who: who)
    }

    /// This dashboard as a desk: `user@host:pid`, so two windows of one person are two desks.
    static func desk(who: String = DecisionStore.currentUser()) -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return "\(who)@\(host):\(getpid())"
    }

    /// Reads every decision into the state (at start), with what marking the opening
    /// allows, and puts why it is limited in the status bar. `readOnlyBecause`: read-only
    /// was asked for (`--readonly`, a snapshot), in words.
    static func loadDecisions(_ runner: EffectRunner, from opening: DecisionsOpening, readOnlyBecause requested: String? = nil) {
        runner.loadDecisions(marking: marking(opening, readOnlyBecause: requested))
        if let notice = opening.notice { runner.dispatch(.notice(notice)) }
    }

    /// What marking an opening allows, in the state's terms.
    static func marking(_ opening: DecisionsOpening, readOnlyBecause requested: String? = nil) -> MarkingAccess {
        switch opening.client?.canWrite {
        case nil: .unavailable(opening.reason)
        case false?: .readOnly(requested ?? opening.reason ?? "the database cannot be written")
        case true?: .writable
        }
    }
}

/// Keys written as words, for `snapshot --keys` and tests: `j j Enter / ada Enter Esc Ctrl-F`.
/// A word that names a key is that key; any other word is typed, one character at a time.
enum KeyScript {
    static func parse(_ script: String) -> [Key] {
        script.split(separator: " ", omittingEmptySubsequences: true).flatMap { word -> [Key] in
            let text = String(word)
            if text.count > 1, let key = Key(name: text) { return [key] }
            if text == "Space" { return [.character(" ")] }
            return text.map { Key.character($0) }
        }
    }
}
