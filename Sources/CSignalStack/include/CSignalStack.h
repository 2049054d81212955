#ifndef C_SIGNAL_STACK_H
#define C_SIGNAL_STACK_H

#include <signal.h>

/// Gives the calling thread an alternate signal stack (once per thread), so that a handler
/// for SIGSEGV can still run after the thread's own stack overflowed. Returns 0 on success.
int cs_install_alternate_signal_stack(void);

/// Keeps SIGINT, SIGTERM, SIGHUP and SIGTSTP off the calling thread, and off every thread it
/// starts from now on (a new thread inherits its creator's mask). The dashboard's main thread
/// calls it before starting any other: the kernel then keeps a stop signal for the process
/// until the terminal's loop collects it, so two sent close together are both there when it
/// looks, and the first one sent wins (handled on two threads, the later one could be noted
/// and acted on first). When `previous` is not NULL,
/// the mask before is written there, for `cs_restore_signal_mask`. Returns 0 on success.
int cs_block_stop_signals(sigset_t *previous);

/// Puts back a mask saved by `cs_block_stop_signals`. Returns 0 on success.
int cs_restore_signal_mask(const sigset_t *previous);

#endif
