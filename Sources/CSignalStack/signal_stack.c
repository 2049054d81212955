#include "CSignalStack.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>

/* Large enough for the crash handler (a write and a tcsetattr) and the Swift backtracer's entry. */
#define CS_ALTERNATE_STACK_BYTES (256 * 1024)

static pthread_key_t cs_key;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;

/* When a thread ends: stop using its alternate stack, then give the memory back. */
static void cs_release(void *stack) {
    stack_t disable = {0};
    disable.ss_flags = SS_DISABLE;
    sigaltstack(&disable, NULL);
    munmap(stack, CS_ALTERNATE_STACK_BYTES);
}

static void cs_make_key(void) { pthread_key_create(&cs_key, cs_release); }

int cs_install_alternate_signal_stack(void) {
    pthread_once(&cs_once, cs_make_key);
    if (pthread_getspecific(cs_key) != NULL) return 0;
    /* Mapped, page-aligned: a sanitizer's runtime that finds it at thread exit may unmap it. */
    void *memory = mmap(NULL, CS_ALTERNATE_STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return -1;
    stack_t stack;
    stack.ss_sp = memory;
    stack.ss_size = CS_ALTERNATE_STACK_BYTES;
    stack.ss_flags = 0;
    if (sigaltstack(&stack, NULL) != 0) {
        munmap(memory, CS_ALTERNATE_STACK_BYTES);
        return -1;
    }
    pthread_setspecific(cs_key, memory);
    return 0;
}

int cs_block_stop_signals(sigset_t *previous) {
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    sigaddset(&stops, SIGTSTP);
    return pthread_sigmask(SIG_BLOCK, &stops, previous);
}

int cs_restore_signal_mask(const sigset_t *previous) {
    return pthread_sigmask(SIG_SETMASK, previous, NULL);
}
