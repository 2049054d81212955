import SmileJobs

/// A team on one queue: other desks' claims, and the link to a shared server.
extension Reducer {
    /// Other desks' claims replace those known; open details show them.
    static func claimsChanged(_ state: inout AppState, _ claims: [Claim]) {
        let grouped = Dictionary(grouping: claims, by: \.jobID)
        guard grouped != state.claims else { return }
        state.claims = grouped
        rebuildDocuments(&state)
    }

    /// The status bar says while the server is out of reach; the line under it says when
    /// it went and when it came back.
    static func linkChanged(_ state: inout AppState, _ link: DecisionsLink) {
        guard link != state.link else { return }
        let was = state.link
        state.link = link
        switch link {
        case .offline(let location, let reason):
            guard !was.isOffline else { return }
            state.message = StatusMessage(
                "Lost the server (\(SafeText.clean(reason))): marks are refused until it is back; reconnecting by itself to \(SafeText.clean(location))",
                role: .errorText)
        case .online(let location):
            if was.isOffline {
                state.message = StatusMessage("Reconnected: marking again (\(SafeText.clean(location)))", role: .success)
            }
        case .local:
            break
        }
    }
}
