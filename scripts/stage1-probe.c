// What a simdjson-style stage 1 (quote, backslash and structural bitmaps per 64 bytes, then
// the structural positions as an index) would cost on a file, on one core: the question
// behind issue 16's "make the scan vector-wide". Not part of the product; docs/performance.md
// quotes its figures.
//
//   cc -O3 -msse2 -mpclmul -o /tmp/stage1-probe scripts/stage1-probe.c            # SSE2
//   cc -O3 -mavx2 -mpclmul -o /tmp/stage1-probe-avx2 scripts/stage1-probe.c        # AVX2
//   /tmp/stage1-probe FILE.ndjson [bitmaps]   # "bitmaps": count the positions, do not list them
#include <fcntl.h>
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/// One bit per byte of the 64 at `p` that equals `c`.
static inline uint64_t equal64(const uint8_t *p, char c) {
#if defined(__AVX2__)
    __m256i m = _mm256_set1_epi8(c);
    uint64_t low = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), m));
    uint64_t high = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + 32)), m));
    return low | high << 32;
#else
    __m128i m = _mm_set1_epi8(c);
    uint64_t bits = 0;
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * i));
        bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, m)) << (16 * i);
    }
    return bits;
#endif
}

/// Bit i set when an odd number of the bits at or below i are: inside a string, from its
/// opening quote to before its closing one (a carry-less multiply by all ones).
static inline uint64_t prefix_xor(uint64_t bits) {
    __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)bits), _mm_set1_epi8(-1), 0);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [bitmaps]\n", argv[0]);
        return 64;
    }
    int list = !(argc > 2 && strcmp(argv[2], "bitmaps") == 0);
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 66;
    }
    const size_t window = 4 << 20;
    uint8_t *buffer = aligned_alloc(64, window + 64);
    uint32_t *positions = malloc(sizeof(uint32_t) * (window + 64));
    double started = now(), scanning = 0;
    uint64_t total = 0, structurals = 0, in_string_carry = 0, escape_carry = 0;
    off_t offset = 0;
    ssize_t got;
    while ((got = pread(fd, buffer, window, offset)) > 0) {
        offset += got;
        memset(buffer + got, ' ', 64);
        double t = now();
        size_t count = 0;
        for (size_t block = 0; block < (size_t)got; block += 64) {
            const uint8_t *p = buffer + block;
            uint64_t backslashes = equal64(p, '\\');
            // Bytes escaped by a backslash that is not itself escaped (backslashes are rare:
            // walked one by one, in order).
            uint64_t escaped = escape_carry, rest = backslashes;
            escape_carry = 0;
            while (rest) {
                int at = __builtin_ctzll(rest);
                rest &= rest - 1;
                if ((escaped >> at) & 1) continue;
                if (at == 63) escape_carry = 1; else escaped |= 1ull << (at + 1);
            }
            uint64_t quotes = equal64(p, '"') & ~escaped;
            uint64_t in_string = prefix_xor(quotes) ^ in_string_carry;
            in_string_carry = (uint64_t)((int64_t)in_string >> 63);
            uint64_t operators = equal64(p, '{') | equal64(p, '}') | equal64(p, '[') | equal64(p, ']')
                | equal64(p, ':') | equal64(p, ',');
            uint64_t structural = (operators & ~in_string) | quotes;
            if (list) {
                while (structural) {
                    positions[count++] = (uint32_t)(block + __builtin_ctzll(structural));
                    structural &= structural - 1;
                }
            } else {
                count += __builtin_popcountll(structural);
            }
        }
        scanning += now() - t;
        total += got;
        structurals += count;
    }
    printf(
        "%.0f MB, %llu structural bytes, stage 1 %s %.0f ms (%.2f GB/s), with reading %.0f ms\n", total / 1e6,
        (unsigned long long)structurals, list ? "(positions listed)" : "(bitmaps only)", scanning * 1e3, total / scanning / 1e9,
        (now() - started) * 1e3);
    return 0;
}
