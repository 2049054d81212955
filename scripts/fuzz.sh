#!/usr/bin/env bash
# Fuzz the loader and the screens with libFuzzer for a bounded time (see docs/testing.md).
#
#   scripts/fuzz.sh            # one minute, as .ci/run does
#   scripts/fuzz.sh 3600       # an hour; the corpus it grows is kept in .build-fuzz/corpus
#
# A finding is written to fuzz-artifacts/ and the script exits non-zero. Replay it with the
# plain build: swift build --product smile-triage-fuzz && .build/debug/smile-triage-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
SCRATCH=.build-fuzz
CORPUS=$SCRATCH/corpus
ARTIFACTS=fuzz-artifacts

echo "fuzz: building with -sanitize=fuzzer,address"
swift build -c release --product smile-triage-fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

# Seeds: every small fixture, uncompressed (the fuzzer mutates bytes, not gzip streams), and
# the head of each demo log so that whole callbacks with Smile Secure blocks are in reach.
mkdir -p "$CORPUS" "$ARTIFACTS"
find Fixtures -type f -size -64k ! -name '*.gz' ! -name '*.md' -print0 |
    while IFS= read -r -d '' file; do cp "$file" "$CORPUS/seed-$(echo "$file" | tr '/' '_')"; done
for log in Fixtures/demo/*.ndjson; do head -c 8000 "$log" > "$CORPUS/seed-head-$(basename "$log")"; done

# ASan's own limits; a leak check at exit would report the process-lifetime caches.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
echo "fuzz: running for ${SECONDS_TO_RUN} s"
"$SCRATCH/release/smile-triage-fuzz" "$CORPUS" \
    -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=4096 -timeout=20 \
    -dict=scripts/fuzz.dict -artifact_prefix="$ARTIFACTS/" -print_final_stats=1
echo "fuzz: no finding in ${SECONDS_TO_RUN} s"
