#!/usr/bin/env bash
# Marks per second and commit latency, SQLite against PostgreSQL on loopback, in one run:
# builds the release binaries, starts a throwaway cluster (scripts/pg-cluster.sh), measures,
# stops it. Prints a Markdown table (docs/performance.md keeps the latest).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product smile-triage-bench >/dev/null
swift build -c release --product smile-triage >/dev/null
env_file=$(mktemp)
trap 'scripts/pg-cluster.sh stop "$env_file"' EXIT
scripts/pg-cluster.sh start "$env_file" >/dev/null
# shellcheck disable=SC1090
. "$env_file"
.build/release/smile-triage decisions init --db "$SMILE_TRIAGE_TEST_PG_OWNER" >/dev/null
echo "smile-triage-bench --marks · $(nproc) cores · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') · $(date -u +%Y-%m-%d)"
.build/release/smile-triage-bench --marks --pg "$SMILE_TRIAGE_TEST_PG_APP"
