#!/usr/bin/env bash
# The dependency rules of docs/architecture.md, checked on the source text (the manifest
# enforces them too, with --explicit-target-dependency-import-check error).
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
check() { # module, allowed-import regex
    local module=$1 allowed=$2
    local bad
    bad=$(grep -rhoE '^\s*(@preconcurrency |@testable )?import [A-Za-z_]+' "Sources/$module" \
        | sed -E 's/.*import //' | sort -u | grep -vxE "$allowed" || true)
    if [ -n "$bad" ]; then
        echo "check-imports: Sources/$module imports what it must not: $bad"
        fail=1
    fi
}
check SmileJobs ''
check TolerantJSON ''
check JobIndex 'SmileJobs|Synchronization|Dispatch'
check TriageViewModel 'SmileJobs|JobIndex|Synchronization|Dispatch'
check TriageScreen 'SmileJobs|JobIndex|TriageViewModel'
check JobSources 'SmileJobs|JobIndex|TolerantJSON|Foundation|Crypto|CZlib|CSignalStack|Synchronization|Dispatch|Glibc'
check TriageStore 'SmileJobs|GRDB|Foundation|Synchronization'
check TriageTerminal 'CNcurses|CSignalStack|TriageScreen|TriageViewModel|Foundation|Glibc|Dispatch|Synchronization'
# Only the terminal module may see ncurses.
if grep -rlE '^\s*(@preconcurrency )?import CNcurses' Sources | grep -v '^Sources/TriageTerminal/' ; then
    echo "check-imports: only TriageTerminal may import CNcurses"
    fail=1
fi
exit $fail
