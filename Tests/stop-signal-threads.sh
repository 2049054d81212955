#!/usr/bin/env bash
# Tests/stop-signal-threads.sh PID: names every thread of PID, its main (the terminal
# loop's) thread too, that does not block SIGHUP, SIGINT, SIGTERM and SIGTSTP, and exits 1
# if there is one. No thread may take a stop signal: the kernel keeps them until the loop
# collects them; handled on a thread, the second of two signals sent close together could
# be noted and acted on before the first.
set -uo pipefail
pid=${1:?give a process id}
stops=$(( 0x84003 )) # bits 0, 1, 14, 19: HUP, INT, TERM, TSTP
status=0
for task in /proc/"$pid"/task/*; do
    blocked=$(awk '/^SigBlk:/ { print $2 }' "$task/status" 2>/dev/null) || continue
    [ -n "$blocked" ] || continue
    if [ $(( 0x$blocked & stops )) -ne $stops ]; then
        echo "thread ${task##*/} ($(cat "$task/comm" 2>/dev/null)) takes stop signals (SigBlk $blocked)"
        status=1
    fi
done
exit $status
