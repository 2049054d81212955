import JobSources
import SmileJobs
import TriageViewModel

/// The dashboard's state and the sources behind it: dispatches actions through the reducer
/// and carries out the effects it asks for (reading records again, copying).
final class Session {
    private(set) var state: AppState
    let store: SourceStore
    /// How to copy: returns what became of it. The terminal sends OSC 52; snapshots cannot copy.
    var copier: (String, String) -> CopyOutcome = { text, label in .showText(label: label, text: text) }
    /// Stops a load that is going on (the dashboard sets it).
    var stopLoading: () -> Void = {}

    init(state: AppState, store: SourceStore) {
        self.state = state
        self.store = store
    }

    func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in Reducer.reduce(&state, next) {
                switch effect {
                case .loadDocuments(let job, let records):
                    let documents = records.compactMap { store.document(for: $0) }
                    pending.append(.documentsLoaded(job: job, documents: documents))
                case .copy(let text, let label):
                    pending.append(.copyFinished(copier(text, label)))
                case .stopLoading:
                    stopLoading()
                case .quit:
                    break
                }
            }
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
