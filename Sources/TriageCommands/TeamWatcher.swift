import Foundation
import SmileJobs
import TriageViewModel

/// Looks at the decisions store from its own thread: four times a second whether another
/// desk changed something (with a team's server, a query only after a notification or every
/// few seconds), once a second the claims, and the link each time. The dashboard takes what
/// it found at its next tick, so a server that is slow to answer, or a network cut in the
/// middle of a reconnect, never holds up a keystroke.
final class TeamWatcher: @unchecked Sendable {
    private let client: any DecisionsClient
    private let lock = NSLock()
    private var changed = false
    private var link: DecisionsLink
    private var claims: [Claim]?
    private var stopped = false

    init(client: any DecisionsClient) {
        self.client = client
        link = client.link
    }

    func start() {
        startBackgroundThread(named: "smile-triage decisions watcher") { [self] in run() }
    }

    func stop() { lock.withLock { stopped = true } }

    /// What was found since the last take.
    func take() -> TeamNews {
        lock.withLock {
            defer {
                changed = false
                claims = nil
            }
            return TeamNews(changed: changed, link: link, claims: claims)
        }
    }

    private func run() {
        var round = 0
        while !lock.withLock({ stopped }) {
            let found = client.hasChanged()
            let readClaims = round % 4 == 0 ? try? client.claims(now: .now) : nil
            let now = client.link
            lock.withLock {
                changed = changed || found
                link = now
                if let readClaims { claims = readClaims }
            }
            round += 1
            Thread.sleep(forTimeInterval: 0.25)
        }
    }
}
