#ifndef C_VECTOR_SCAN_H
#define C_VECTOR_SCAN_H

#include <stdint.h>

/// Sixteen bytes at a time, for the fast scanner's strings: where the first byte that ends
/// an ordinary run inside a JSON string is (a quote, a backslash, a control byte below 0x20,
/// and, when `stop_at_non_ascii`, any byte of 0x80 or more), as its index 0…15, or 16 when
/// the sixteen bytes at `bytes` hold none. `bytes` must have sixteen readable bytes.
///
/// Header-only and `static inline`, so Swift's optimiser inlines it into the scanning loop.
/// SSE2 is part of every x86-64; on other machines CVS_HAS_VECTOR_SCAN is 0 and the Swift
/// side keeps its eight-byte word scan.
#if defined(__SSE2__)
#include <emmintrin.h>
#define CVS_HAS_VECTOR_SCAN 1

static inline uint32_t cvs_first_string_stop(const uint8_t *bytes, int stop_at_non_ascii) {
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    /* Unsigned v <= 0x1F: the minimum of v and 0x1F is v itself. */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    uint32_t mask = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control));
    /* The high bit of every byte is its own mask: bytes of 0x80 and more. */
    if (stop_at_non_ascii) mask |= (uint32_t)_mm_movemask_epi8(v);
    return mask == 0 ? 16 : (uint32_t)__builtin_ctz(mask);
}
#else
#define CVS_HAS_VECTOR_SCAN 0
#endif

/// Asks for the cache line at `address` ahead of its use: the store builder's merge looks a
/// random slot of a large hash table up per record, and fetching the slots of the next few
/// records while it works on this one hides most of that wait on memory.
static inline void cvs_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
