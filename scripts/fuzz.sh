#!/usr/bin/env bash
# Fuzz the loader, the screens and the text cleaner with libFuzzer for a bounded time (see
# docs/testing.md). The time is shared: two fifths to the readers alone (many inputs a
# second), two fifths to the readers and the screens, one fifth to the text cleaner.
#
#   scripts/fuzz.sh            # ninety seconds, as .ci/run does
#   scripts/fuzz.sh 3600       # an hour; the corpora it grows are kept in .build-fuzz/corpus*
#
# A finding is written to fuzz-artifacts/ and the script exits non-zero. Replay it with the
# plain build: swift build --product smile-triage-fuzz && .build/debug/smile-triage-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-90}
SCRATCH=.build-fuzz
CORPUS=$SCRATCH/corpus
# The screens' own: an input there costs a whole load and fifteen screens, and libFuzzer
# first runs every input of its corpus whatever the time given. Sharing the readers' corpus
# (grown by ~800 inputs in their share) made a 36 s share 332 s.
SCREENS_CORPUS=$SCRATCH/corpus-screens
TEXT_CORPUS=$SCRATCH/corpus-text
ARTIFACTS=fuzz-artifacts

echo "fuzz: building with -sanitize=fuzzer,address"
swift build -c release --product smile-triage-fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

# Seeds: every small fixture, uncompressed (the fuzzer mutates bytes, not gzip streams), and
# the head of each demo log so that whole callbacks with Smile Secure blocks are in reach.
mkdir -p "$CORPUS" "$SCREENS_CORPUS" "$TEXT_CORPUS" "$ARTIFACTS"
find Fixtures -type f -size -64k ! -name '*.gz' ! -name '*.md' -print0 |
    while IFS= read -r -d '' file; do cp "$file" "$CORPUS/seed-$(echo "$file" | tr '/' '_')"; done
for log in Fixtures/demo/*.ndjson Fixtures/varied/*.ndjson; do
    head -c 8000 "$log" > "$CORPUS/seed-head-$(basename "$(dirname "$log")")-$(basename "$log")"
done
cp "$CORPUS"/seed-* "$SCREENS_CORPUS"/

# Text in every script, around the cleaner's limits.
python3 - "$TEXT_CORPUS" <<'PY'
import os, sys
units = ["é", "ሰላም", "مرحبا", "नमस्ते", "Adébáyọ̀", "👩🏾‍💻", "e\u0301\u0302", "\u202eevil", "a\u200db", "می\u200cخواهم", "👨\u200d👩\u200d👧"]
for i, unit in enumerate(units):
    for size in (4094, 4096, 4099, 8192):
        text = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
        open(os.path.join(sys.argv[1], f"seed-{i}-{size}"), "wb").write(text)
PY

# ASan's own limits; a leak check at exit would report the process-lifetime caches.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
run_target() {
    local target=$1 seconds=$2 corpus=$3 dict=$4 max_len=$5
    echo "fuzz: $target for ${seconds} s"
    SMILE_TRIAGE_FUZZ_TARGET=$target "$SCRATCH/release/smile-triage-fuzz" "$corpus" \
        -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=4096 -timeout=20 \
        -dict="$dict" -artifact_prefix="$ARTIFACTS/$target-" -print_final_stats=1
}
run_target loader $(( SECONDS_TO_RUN * 2 / 5 )) "$CORPUS" scripts/fuzz.dict 65536
run_target screens $(( SECONDS_TO_RUN * 2 / 5 )) "$SCREENS_CORPUS" scripts/fuzz.dict 65536
run_target text $(( SECONDS_TO_RUN / 5 )) "$TEXT_CORPUS" scripts/fuzz-text.dict 16384
echo "fuzz: no finding in ${SECONDS_TO_RUN} s"
