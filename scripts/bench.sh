#!/usr/bin/env bash
# The benchmark: release build, then smile-triage-bench (arguments passed on), with DuckDB
# (from PyPI, in a virtual environment this script makes for itself under .build-bench-venv)
# and jq measured on the same file in the same run.
#   scripts/bench.sh                          # 100k and 1M records, both writers' data, medians of 3
#   scripts/bench.sh --records 100000 --runs 5
#   scripts/bench.sh --records 1000000 --folders   # also the same bytes as 10,000 files
#   scripts/bench.sh --records 1000000 --data varied   # only the independent writer's data
#   scripts/bench.sh --records 10000000 --data generated   # the 10M row (6.4 GB, removed after)
#   scripts/bench.sh --records "" --flood     # only the hash-flooding rows
#   SMILE_TRIAGE_BENCH_NO_DUCKDB=1 scripts/bench.sh   # without the DuckDB peer
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product smile-triage >/dev/null
swift build -c release --product smile-triage-bench >/dev/null
peer=()
if [ -z "${SMILE_TRIAGE_BENCH_NO_DUCKDB:-}" ]; then
    venv=.build-bench-venv
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb
    fi
    peer=(--duckdb-python "$PWD/$venv/bin/python")
    echo "bench: DuckDB $("$venv/bin/python" -c 'import duckdb; print(duckdb.__version__)') as the peer"
fi
exec .build/release/smile-triage-bench "${peer[@]}" "$@"
