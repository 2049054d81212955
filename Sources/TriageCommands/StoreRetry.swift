import Foundation
import TriageServerStore
import TriageStore

/// A team's server that could not be reached as the dashboard started: tried again from its
/// own thread (2 s apart, doubling to 16) until it answers, then handed to the dashboard at
/// its next tick. Marking is off until then, and the status line says it is being tried.
final class StoreRetry: @unchecked Sendable {
    private let location: DecisionsLocation
    private let readOnly: Bool
    private let lock = NSLock()
    private var opened: DecisionsOpening?
    private var stopped = false

    init(location: DecisionsLocation, readOnly: Bool) {
        self.location = location
        self.readOnly = readOnly
    }

    /// True when the opening failed only for want of a connection to a server.
    static func worthRetrying(_ opening: DecisionsOpening, _ location: DecisionsLocation) -> Bool {
        guard opening.client == nil, case .server = location else { return false }
        return opening.reason?.hasPrefix("no connection to") == true
    }

    func start() {
        startBackgroundThread(named: "smile-triage decisions retry") { [self] in
            var pause = 2.0
            while !lock.withLock({ stopped }) {
                Thread.sleep(forTimeInterval: pause)
                let opening = DecisionsOpening.open(location, readOnly: readOnly)
                if opening.client != nil {
                    lock.withLock { opened = opening }
                    return
                }
                pause = min(pause * 2, 16)
            }
        }
    }

    func stop() { lock.withLock { stopped = true } }

    /// The store, once reached (once).
    func take() -> DecisionsOpening? {
        lock.withLock {
            defer { opened = nil }
            return opened
        }
    }
}
