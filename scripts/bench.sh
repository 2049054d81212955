#!/usr/bin/env bash
# The benchmark: release build, then smile-triage-bench (arguments passed on).
#   scripts/bench.sh                          # 100k and 1M records, medians of 3
#   scripts/bench.sh --records 100000 --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product smile-triage >/dev/null
swift build -c release --product smile-triage-bench >/dev/null
exec .build/release/smile-triage-bench "$@"
