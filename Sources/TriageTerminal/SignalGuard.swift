import CSignalStack
import Foundation
import Synchronization

/// Makes sure the terminal is given back, whatever ends the process.
///
/// SIGINT, SIGTERM and SIGHUP are noted here and acted on by the run loop (restore, then
/// exit with 128 + the signal's number). SIGTSTP (Ctrl-Z) is noted too: the loop gives the
/// terminal back, stops, and repaints on `fg`. A crash (a Swift trap is SIGILL or SIGTRAP;
/// also SIGSEGV, SIGBUS, SIGFPE, SIGABRT) cannot wait for the loop: its handler writes the
/// terminal's reset sequence and the saved terminal modes straight to the terminal (both
/// prepared in advance; `write` and `tcsetattr` are safe in a signal handler), then hands
/// the signal to whoever had it before (the Swift backtracer, or the default: a core). It
/// runs on an alternate signal stack, so it runs even when the crash is a stack overflow.
///
/// The first terminating signal wins: a SIGINT that arrives after a SIGTERM does not
/// replace it (the dashboard would keep running). For that to hold whatever the scheduler
/// does, no thread takes a stop signal at all: the dashboard's main thread blocks them
/// before it starts any other (`holdStopSignals`), every thread inherits that mask, and the
/// kernel keeps a stop signal for the process until the loop collects it (`takePending`,
/// with `sigtimedwait`). Two sent close together are then both there when the loop looks, or
/// only the first is. (A handler on another thread, as before, could be scheduled late
/// enough for the loop to act on the second.) The handlers are still installed, for a thread
/// that unblocks them: what they note goes through the same rule. Handlers restart
/// interrupted system calls (SA_RESTART); loops that read or write retry on EINTR as well.
public enum SignalGuard {
    /// The signal the loop has yet to act on (SIGINT / SIGTERM / SIGHUP / SIGTSTP), 0 when none.
    static let pending = Atomic<Int32>(0)

    /// Records a signal for the loop. A terminating one (TERM, HUP) is never replaced; an
    /// interrupt (INT) or a stop (TSTP) waits behind what is already there.
    static func note(_ number: Int32) {
        let terminating = number == SIGTERM || number == SIGHUP
        var current = pending.load(ordering: .relaxed)
        while true {
            if current == SIGTERM || current == SIGHUP { return }
            if !terminating && current != 0 { return }
            let (exchanged, found) = pending.compareExchange(expected: current, desired: number, ordering: .relaxed)
            if exchanged { return }
            current = found
        }
    }

    /// How long a Ctrl-C waits for a SIGTERM or SIGHUP sent just before it (which wins).
    static let interruptGraceMilliseconds = 150

    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP]
    static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    /// Prepared before any signal can arrive, read only by the crash handler.
    nonisolated(unsafe) static var terminalFD: Int32 = -1
    nonisolated(unsafe) static var savedModes = termios()
    nonisolated(unsafe) static var haveSavedModes = false
    nonisolated(unsafe) static var resetBytes: [UInt8] = []
    /// The handlers that were installed before ours, by signal number (a plain array: read in a handler).
    nonisolated(unsafe) static var previous: [sigaction] = Array(repeating: sigaction(), count: 65)
    nonisolated(unsafe) static var hasPrevious = [Bool](repeating: false, count: 65)

    static func install(terminalFD fd: Int32, resetSequence: [UInt8]) {
        _ = cs_install_alternate_signal_stack()
        terminalFD = fd
        haveSavedModes = tcgetattr(fd, &savedModes) == 0
        resetBytes = resetSequence
        for signal in stopSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in SignalGuard.note(number) }
            sigemptyset(&action.sa_mask)
            // The loop polls (a 100 ms input timeout), so nothing needs a read to fail to see a signal.
            action.sa_flags = Int32(SA_RESTART)
            sigaction(signal, &action, &previous[Int(signal)])
            hasPrevious[Int(signal)] = true
        }
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in SignalGuard.restoreFromCrash(number) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND) | UInt32(SA_ONSTACK))
            sigaction(signal, &action, &previous[Int(signal)])
            hasPrevious[Int(signal)] = true
        }
    }

    /// Puts back the handlers that were there before.
    static func uninstall() {
        for signal in stopSignals + crashSignals where hasPrevious[Int(signal)] {
            sigaction(signal, &previous[Int(signal)], nil)
            hasPrevious[Int(signal)] = false
        }
    }

    /// Blocks SIGINT, SIGTERM, SIGHUP and SIGTSTP on the calling thread and on every thread
    /// it starts from now on. Call on the main thread before any other thread starts; the
    /// loop then takes them from the kernel (`takePending`).
    public static func holdStopSignals() {
        _ = cs_block_stop_signals(nil)
    }

    /// Takes the pending signal, if any: the stop signals the kernel holds for this process
    /// (or thread) are collected first, each noted by the same rule as a handler's.
    static func takePending() -> Int32 {
        collectHeldStopSignals()
        return pending.exchange(0, ordering: .relaxed)
    }

    /// Takes every stop signal the kernel holds for this thread or the process (only
    /// signals this thread blocks are held for it) and notes them: a terminating one wins
    /// whichever order they are taken in.
    static func collectHeldStopSignals() {
        var held = sigset_t()
        guard sigpending(&held) == 0 else { return }
        for signal in stopSignals where sigismember(&held, signal) == 1 {
            var one = sigset_t()
            sigemptyset(&one)
            sigaddset(&one, signal)
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            if sigtimedwait(&one, nil, &now) == signal { note(signal) }
        }
    }

    /// After an interrupt was taken: a SIGTERM or SIGHUP that comes within `milliseconds`,
    /// else 0 (a Ctrl-C and a SIGTERM sent just after it: the TERM wins, as it would had
    /// it come first). Two ways it is seen: the kernel holds it (sent, not taken: the usual
    /// way, every thread blocks it), or a handler has noted it (a thread that does not block
    /// it). The kernel's are collected as the loop collects them (`sigpending` shows only
    /// the signals the asking thread blocks, so this thread blocks TERM and HUP while it
    /// waits; a Ctrl-C collected meanwhile stays noted for the loop). Long enough for a
    /// loaded machine, short enough not to be felt after a Ctrl-C.
    static func terminatingSignal(within milliseconds: Int) -> Int32 {
        var terminating = sigset_t()
        sigemptyset(&terminating)
        sigaddset(&terminating, SIGTERM)
        sigaddset(&terminating, SIGHUP)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &terminating, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        for _ in 0..<milliseconds {
            collectHeldStopSignals()
            let current = pending.load(ordering: .relaxed)
            if current == SIGTERM || current == SIGHUP { return pending.exchange(0, ordering: .relaxed) }
            usleep(1000)
        }
        return 0
    }

    /// Async-signal-safe: restore the terminal, then let the signal do what it would have done.
    static func restoreFromCrash(_ number: Int32) {
        if terminalFD >= 0 {
            if haveSavedModes { tcsetattr(terminalFD, TCSANOW, &savedModes) }
            resetBytes.withUnsafeBufferPointer { buffer in _ = write(terminalFD, buffer.baseAddress, buffer.count) }
        }
        if number >= 0, number < 65, hasPrevious[Int(number)] {
            sigaction(number, &previous[Int(number)], nil)
        } else {
            signal(number, SIG_DFL)
        }
        raise(number)
    }
}
