#ifndef C_SIGNAL_STACK_H
#define C_SIGNAL_STACK_H

/// Gives the calling thread an alternate signal stack (once per thread), so that a handler
/// for SIGSEGV can still run after the thread's own stack overflowed. Returns 0 on success.
int cs_install_alternate_signal_stack(void);

#endif
