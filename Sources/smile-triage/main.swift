import TriageCommands

#if os(Linux)
import CMalloc
#endif

#if os(Linux)
// Freed memory stays in the heap for reuse: a large load frees and allocates buffers
// piece after piece, and handing them back to the kernel only to have fresh pages zeroed
// again cost about a seventh of the load time. (glibc's allocator only.)
mallopt(M_MMAP_THRESHOLD, 32 << 20)
mallopt(M_TRIM_THRESHOLD, 256 << 20)
#endif
SmileTriage.runSafely()
