import Foundation
import TriageScreen
import TriageViewModel

/// What the app says after handling an event.
public enum LoopDecision: Sendable, Equatable {
    case keepGoing(repaint: Bool)
    case quit(status: Int32)
}

/// The dashboard's loop: paint, wait for a key (or 100 ms), hand it over, repeat. SIGINT
/// is handed to the app as `.interrupt` (it may stop a load rather than quit); on SIGTERM
/// or SIGHUP the terminal is given back and the status is 128 + the signal.
public enum TerminalApp {
    public static func run(_ terminal: Terminal, draw: (Size) -> Grid, handle: (TerminalEvent) -> LoopDecision) -> Int32 {
        var size = terminal.size
        if case .quit(let status) = handle(.resize(size)) {
            terminal.close()
            return status
        }
        terminal.paint(draw(size))
        while true {
            let signal = SignalGuard.takePending()
            if signal == SIGTSTP {
                terminal.suspend()
                size = terminal.size
                _ = handle(.resize(size))
                terminal.paint(draw(size))
                continue
            }
            if signal == SIGINT {
                let terminating = SignalGuard.terminatingSignal(within: SignalGuard.interruptGraceMilliseconds)
                if terminating != 0 {
                    terminal.close()
                    return 128 + terminating
                }
                switch handle(.interrupt) {
                case .quit:
                    terminal.close()
                    return 128 + SIGINT
                case .keepGoing:
                    terminal.paint(draw(size))
                    continue
                }
            }
            if signal != 0 {
                terminal.close()
                return 128 + signal
            }
            let event = terminal.nextEvent()
            if case .resize(let newSize) = event { size = newSize }
            switch handle(event) {
            case .quit(let status):
                terminal.close()
                return status
            case .keepGoing(let repaint):
                if repaint { terminal.paint(draw(size)) }
            }
        }
    }
}
