import CSignalStack
import Foundation

/// Starts a named thread that never takes a stop signal (Ctrl-C, SIGTERM, SIGHUP, Ctrl-Z):
/// those are the terminal loop's to take, on its own thread, so that two sent close together
/// are both seen before the loop acts and the first one sent wins.
func startBackgroundThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
        _ = cs_block_stop_signals(nil)
        body()
    }
    thread.name = name
    thread.start()
}
