import Dispatch
import Synchronization
import TriageViewModel

/// The dashboard's searches on a large table, run on one thread of their own so the keys
/// keep answering: the newest request waits in a mailbox (one typed while another runs
/// replaces any that has not started: only the last letter's list is wanted), and the
/// finished list waits for the loop's next look (`take`).
final class BackgroundSearch: Sendable {
    private struct Mailbox {
        var waiting: SearchRequest?
        var running = false
        var finished: (generation: Int, visible: [Int32])?
    }

    private let mailbox = Mutex(Mailbox())
    /// Dispatch's workers block the stop signals already (`SignalGuard`).
    private let queue = DispatchQueue(label: "smile-triage.search", qos: .userInitiated)

    /// Hands a search over; returns at once.
    func submit(_ request: SearchRequest) {
        let start = mailbox.withLock { box in
            box.waiting = request
            if box.running { return false }
            box.running = true
            return true
        }
        if start { queue.async { [self] in drain() } }
    }

    /// The newest finished list, once (nil when none is waiting).
    func take() -> (generation: Int, visible: [Int32])? {
        mailbox.withLock { box in
            defer { box.finished = nil }
            return box.finished
        }
    }

    private func drain() {
        while let request = mailbox.withLock({ box -> SearchRequest? in
            guard let next = box.waiting else {
                box.running = false
                return nil
            }
            box.waiting = nil
            return next
        }) {
            let visible = request.run()
            mailbox.withLock { $0.finished = (request.generation, visible) }
        }
    }
}
