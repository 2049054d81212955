#!/usr/bin/env bash
# The team store against a real PostgreSQL server, as people and hosts use it: concurrent
# writers, a writer killed mid-burst, the server restarted mid-burst, a second host whose
# network is cut and restored, two dashboards seeing each other. Every acknowledged mark (a
# line `smile-triage mark -` printed) must be in the database; every other one must have
# been reported as failed.
#
#   Tests/postgres/run.sh ENVFILE [NAME]   # ENVFILE from scripts/pg-cluster.sh start
#
# Prints one line per check and `N passed, N failed` at the end.
set -uo pipefail
cd "$(dirname "$0")/../.."

envfile=${1:?give the environment file of scripts/pg-cluster.sh start}
only=${2:-}
# shellcheck disable=SC1090
. "$envfile"
export PGOPTIONS="-c client_min_messages=warning"
binary=${SMILE_TRIAGE_BINARY:-$PWD/.build/debug/smile-triage}
work=$(mktemp -d /tmp/smile-triage-pgtests.XXXXXX)
passed=0
failed=0
trap 'rm -rf "$work"' EXIT

say() { printf '%s\n' "$*"; }
check() { # check NAME CONDITION-RESULT DETAIL
    if [ "$2" = 0 ]; then
        passed=$((passed + 1)); say "ok   $1"
    else
        failed=$((failed + 1)); say "FAIL $1: $3"
    fi
}
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$SMILE_TRIAGE_TEST_PG_OWNER" -c "$1"; }
url_for() { # url_for ROLE-URL DATABASE
    printf '%s' "$1" | sed "s|/triage?|/$2?|"
}
fresh_database() {
    local name="burst_$1_$$"
    sql "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
    sql "CREATE DATABASE $name" >/dev/null
    # The owner makes the tables; the desks then use the application role.
    "$binary" decisions init --db "$(url_for "$SMILE_TRIAGE_TEST_PG_OWNER" "$name")" >/dev/null
    printf '%s' "$name"
}
in_db() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$(url_for "$SMILE_TRIAGE_TEST_PG_OWNER" "$1")" -c "$2"; }
# Every id acknowledged (the first word of each line printed) is in the trail.
acked_missing() { # acked_missing DATABASE ACKFILE...
    local database=$1; shift
    cut -d' ' -f1 "$@" | sort -u >"$work/acked"
    in_db "$database" "SELECT DISTINCT job_id FROM smile_triage.audit" | sort -u >"$work/present"
    comm -23 "$work/acked" "$work/present" | wc -l
}
wanted() { [ -z "$only" ] || [ "$only" = "$1" ]; }

if wanted concurrent; then
    db=$(fresh_database concurrent)
    app=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    states=(cleared escalated rerun open)
    pids=()
    for writer in 0 1 2 3; do
        # 2,500 marks each: 500 ids every writer shares, five times over, in its own order.
        for round in 0 1 2 3 4; do seq 0 499 | awk -v w="$writer" -v r="$round" '{ print "shared-" (($1 * 7 + w * 131 + r * 17) % 500) }'; done \
            >"$work/ids-$writer"
        USER="desk$writer" "$binary" mark - --state "${states[$writer]}" --force --db "$app" \
            <"$work/ids-$writer" >"$work/acks-$writer" 2>"$work/errors-$writer" &
        pids+=($!)
    done
    status=0
    for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
    acks=$(cat "$work"/acks-* | wc -l)
    audit=$(in_db "$db" "SELECT count(*) FROM smile_triage.audit")
    current=$(in_db "$db" "SELECT count(*) FROM smile_triage.decision")
    per_job=$(in_db "$db" "SELECT count(*) FROM (SELECT job_id FROM smile_triage.audit GROUP BY job_id HAVING count(*) <> 20) odd")
    # The decision of each job is its newest trail entry's, and sequences follow commit order.
    stale=$(in_db "$db" "SELECT count(*) FROM smile_triage.decision d WHERE d.sequence <> (SELECT max(sequence) FROM smile_triage.audit a WHERE a.job_id = d.job_id) OR d.state <> (SELECT state FROM smile_triage.audit a WHERE a.sequence = d.sequence)")
    check "four writers × 2,500 marks on shared ids: all acknowledged" "$([ "$status" = 0 ] && [ "$acks" = 10000 ]; echo $?)" "exit $status, $acks acknowledged; $(head -c 300 "$work"/errors-*)"
    check "none lost: the trail has every mark, 20 per shared id" "$([ "$audit" = 10000 ] && [ "$per_job" = 0 ] && [ "$current" = 500 ]; echo $?)" "audit $audit, decisions $current, jobs off count $per_job"
    check "each job's decision is its newest trail entry" "$([ "$stale" = 0 ]; echo $?)" "$stale decisions are not their newest entry"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted killed; then
    db=$(fresh_database killed)
    app=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    seq -f 'kill-%06g' 1 20000 >"$work/ids"
    "$binary" mark - --state escalated --force --db "$app" <"$work/ids" >"$work/acks" 2>/dev/null &
    writer=$!
    sleep 1.5
    kill -KILL "$writer"
    wait "$writer" 2>/dev/null
    acks=$(wc -l <"$work/acks")
    missing=$(acked_missing "$db" "$work/acks")
    check "a writer killed with SIGKILL mid-burst: every acknowledged mark is there" "$([ "$acks" -gt 0 ] && [ "$missing" = 0 ]; echo $?)" "$acks acknowledged, $missing missing"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted restart; then
    db=$(fresh_database restart)
    app=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    seq -f 'restart-%06g' 1 3000 >"$work/ids"
    # Fed at a steady pace, so the restart falls in the middle.
    (while read -r id; do echo "$id"; sleep 0.001; done <"$work/ids") |
        "$binary" mark - --state rerun --force --db "$app" >"$work/acks" 2>"$work/errors" &
    writer=$!
    sleep 1.5
    scripts/pg-cluster.sh restart "$envfile"
    wait "$writer"
    status=$?
    acks=$(wc -l <"$work/acks")
    refused=$(grep -c '^smile-triage: not saved: ' "$work/errors")
    missing=$(acked_missing "$db" "$work/acks")
    # Each id is either acknowledged or reported; one in flight as the server went may be
    # both in the database and reported (its COMMIT's answer was lost): never the other way.
    grep '^smile-triage: not saved: ' "$work/errors" | sed 's/^smile-triage: not saved: \([^:]*\):.*/\1/' | sort -u >"$work/refused-ids"
    cut -d' ' -f1 "$work/acks" | sort -u >"$work/acked-ids"
    unaccounted=$(sort -u "$work/ids" | comm -23 - <(sort -u "$work/acked-ids" "$work/refused-ids") | wc -l)
    check "the server restarted mid-burst: every acknowledged mark is there" "$([ "$missing" = 0 ] && [ "$acks" -gt 0 ]; echo $?)" "$acks acknowledged, $missing missing"
    check "the server restarted mid-burst: each refused mark reported, exit 74" "$([ "$unaccounted" = 0 ] && { [ "$refused" = 0 ] || [ "$status" = 74 ]; }; echo $?)" "exit $status, $refused reported, $unaccounted neither acknowledged nor reported"
    check "the server restarted mid-burst: the writer reconnected by itself" "$([ "$acks" -gt 2500 ]; echo $?)" "only $acks of 3000 acknowledged ($refused refused)"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted roles; then
    db=$(fresh_database roles)
    "$binary" mark 0001 --state escalated --force --db "$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")" >/dev/null 2>&1
    update=$(psql -X -q -t -A "$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")" -c "UPDATE smile_triage.audit SET note = 'x'" 2>&1)
    delete=$(psql -X -q -t -A "$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")" -c "DELETE FROM smile_triage.audit" 2>&1)
    check "UPDATE and DELETE on the trail are refused for the application role" "$(printf '%s\n%s\n' "$update" "$delete" | grep -c 'permission denied for table audit' | grep -qx 2; echo $?)" "$update / $delete"
    auditor=$("$binary" mark 0001 --state cleared --force --db "$(url_for "$SMILE_TRIAGE_TEST_PG_AUDITOR" "$db")" 2>&1)
    status=$?
    check "an auditor's role is read-only and says why" "$([ "$status" = 74 ] && echo "$auditor" | grep -q 'may read decisions, not make them'; echo $?)" "exit $status: $auditor"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted copy; then
    db=$(fresh_database copy)
    app=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    file="$work/desk.sqlite"
    for id in 0001 0002 0003; do "$binary" mark "$id" --state escalated --note "ጤና ይስጥልኝ · $id" --force --db "$file" >/dev/null; done
    "$binary" mark 0001 --state cleared --force --db "$file" >/dev/null
    first=$("$binary" decisions copy --from "$file" --to "$app" 2>&1)
    second=$("$binary" decisions copy --from "$file" --to "$app" 2>&1)
    back="$work/back.sqlite"
    "$binary" decisions copy --from "$app" --to "$back" >/dev/null 2>&1
    same=$(diff <("$binary" audit 0001 --format json --db "$file") <("$binary" audit 0001 --format json --db "$back") >/dev/null; echo $?)
    check "decisions copy SQLite → PostgreSQL carries the trail" "$(echo "$first" | grep -q '^Copied 4 audit entries (0 already there), 3 decisions'; echo $?)" "$first"
    check "decisions copy is idempotent" "$(echo "$second" | grep -q '^Copied 0 audit entries (4 already there), 0 decisions'; echo $?)" "$second"
    check "decisions copy PostgreSQL → SQLite gives the same trail" "$same" "the trails differ"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted netns && [ -n "${SMILE_TRIAGE_NETNS:-}" ]; then
    # A second host: a network namespace joined to this one by a veth pair; the server also
    # listens on this side's address. The link is cut mid-burst, then restored.
    ns=st-desk2-$$
    host_if=st0-$$
    desk_if=st1-$$
    host_ip=10.231.77.1
    desk_ip=10.231.77.2
    ip netns add "$ns"
    ip link add "$host_if" type veth peer name "$desk_if"
    ip link set "$desk_if" netns "$ns"
    ip addr add "$host_ip/30" dev "$host_if"
    ip link set "$host_if" up
    ip netns exec "$ns" ip addr add "$desk_ip/30" dev "$desk_if"
    ip netns exec "$ns" ip link set "$desk_if" up
    ip netns exec "$ns" ip link set lo up
    cleanup_netns() { ip link del "$host_if" 2>/dev/null; ip netns del "$ns" 2>/dev/null; }
    conf="$SMILE_TRIAGE_PG_DATA/postgresql.conf"
    echo "listen_addresses = '127.0.0.1,$host_ip'" >>"$conf"
    echo "host all all $desk_ip/32 scram-sha-256" >>"$SMILE_TRIAGE_PG_DATA/pg_hba.conf"
    scripts/pg-cluster.sh restart "$envfile"
    db=$(fresh_database netns)
    # The other host's password file names the server by the address it reaches it at.
    { cat "$PGPASSFILE"; sed "s/^127\.0\.0\.1:/$host_ip:/" "$PGPASSFILE"; } >"$work/pgpass"
    chmod 600 "$work/pgpass"
    export PGPASSFILE="$work/pgpass"
    remote=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db" | sed "s|127.0.0.1|$host_ip|")
    seq -f 'netns-%06g' 1 2500 >"$work/ids"
    (while read -r id; do echo "$id"; sleep 0.002; done <"$work/ids") |
        ip netns exec "$ns" "$binary" mark - --state cleared --force --db "$remote" >"$work/acks" 2>"$work/errors" &
    writer=$!
    # The dashboard on that host, in tmux, with the link cut under it.
    tmux kill-session -t st-netns 2>/dev/null
    tmux new-session -d -s st-netns -x 120 -y 30 "ip netns exec $ns env PGPASSFILE=$PGPASSFILE USER=desk2 $binary Fixtures/demo --db '$remote'"
    sleep 1.5
    ip link set "$host_if" down
    offline=""
    for _ in $(seq 1 40); do
        sleep 0.25
        if tmux capture-pane -p -t st-netns | grep -q 'offline: marks refused'; then offline=yes; break; fi
    done
    sleep 1
    ip link set "$host_if" up
    back=""
    for _ in $(seq 1 60); do
        sleep 0.25
        if ! tmux capture-pane -p -t st-netns | grep -q 'offline: marks refused'; then back=yes; break; fi
    done
    wait "$writer"
    status=$?
    tmux send-keys -t st-netns Q
    sleep 0.5
    tmux kill-session -t st-netns 2>/dev/null
    acks=$(wc -l <"$work/acks")
    missing=$(acked_missing "$db" "$work/acks")
    grep '^smile-triage: not saved: ' "$work/errors" | sed 's/^smile-triage: not saved: \([^:]*\):.*/\1/' | sort -u >"$work/refused-ids"
    cut -d' ' -f1 "$work/acks" | sort -u >"$work/acked-ids"
    unaccounted=$(sort -u "$work/ids" | comm -23 - <(sort -u "$work/acked-ids" "$work/refused-ids") | wc -l)
    check "a second host's link cut mid-burst: every acknowledged mark is there" "$([ "$missing" = 0 ] && [ "$acks" -gt 0 ]; echo $?)" "$acks acknowledged, $missing missing"
    check "a second host's link cut mid-burst: the rest reported as failed" "$([ "$unaccounted" = 0 ]; echo $?)" "exit $status; $unaccounted neither acknowledged nor reported"
    check "the dashboard on that host says it is offline, then reconnects by itself" "$([ "$offline" = yes ] && [ "$back" = yes ]; echo $?)" "offline seen: ${offline:-no}, back: ${back:-no}"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
    cleanup_netns
fi

if wanted dashboards; then
    db=$(fresh_database dashboards)
    ada_url=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    bo_url=$(url_for "$SMILE_TRIAGE_TEST_PG_APP2" "$db")
    tmux kill-session -t st-ada 2>/dev/null
    tmux kill-session -t st-bo 2>/dev/null
    tmux new-session -d -s st-ada -x 120 -y 30 "env PGPASSFILE=$PGPASSFILE USER=ada $binary Fixtures/demo --db '$ada_url'"
    tmux new-session -d -s st-bo -x 120 -y 30 "env PGPASSFILE=$PGPASSFILE USER=bo $binary Fixtures/demo --db '$bo_url'"
    sleep 2
    # No thread takes Ctrl-C or SIGTERM (NIO's event loops and the watcher's thread neither): the loop collects them.
    ada_pid=$(tmux display -p -t st-ada '#{pane_pid}') # env execs the dashboard
    takers=$(Tests/stop-signal-threads.sh "${ada_pid:-0}" 2>&1)
    check "a dashboard on the server: no thread takes stop signals, the loop collects them" "$([ -n "$ada_pid" ] && [ -z "$takers" ]; echo $?)" "pid ${ada_pid:-none}: $takers"
    tmux send-keys -t st-ada Enter
    claim=""
    for _ in $(seq 1 20); do
        sleep 0.25
        if tmux capture-pane -p -t st-bo | grep -q '0002002010 .*@ada'; then claim=yes; break; fi
    done
    tmux send-keys -t st-ada e
    mark=""
    for _ in $(seq 1 8); do
        sleep 0.1
        if tmux capture-pane -p -t st-bo | grep -q 'ada marked job 0002002010 escalated'; then mark=yes; break; fi
    done
    tmux send-keys -t st-bo Enter
    sleep 1
    detail=$(tmux capture-pane -p -t st-bo | grep -c 'ada is on this job')
    tmux send-keys -t st-bo a
    sleep 0.5
    warned=$(tmux capture-pane -p -t st-bo | grep -c 'ada is on this job too')
    tmux send-keys -t st-ada Q
    tmux send-keys -t st-bo Q
    sleep 0.5
    tmux kill-session -t st-ada 2>/dev/null
    tmux kill-session -t st-bo 2>/dev/null
    check "two dashboards: bo's list shows ada's claim" "$([ "$claim" = yes ]; echo $?)" "no @ada on bo's screen"
    check "two dashboards: ada's mark on bo's screen within half a second" "$([ "$mark" = yes ]; echo $?)" "not seen in 0.8 s"
    check "two dashboards: bo's detail names ada, and a mark there is warned about" "$([ "$detail" -ge 1 ] && [ "$warned" -ge 1 ]; echo $?)" "detail $detail, warning $warned"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

if wanted late; then
    db=$(fresh_database late)
    url=$(url_for "$SMILE_TRIAGE_TEST_PG_APP" "$db")
    scripts/pg-cluster.sh pause "$envfile"
    tmux kill-session -t st-late 2>/dev/null
    tmux new-session -d -s st-late -x 120 -y 30 "env PGPASSFILE=$PGPASSFILE USER=ada $binary Fixtures/demo --db '$url'"
    sleep 2
    waiting=$(tmux capture-pane -p -t st-late | grep -c 'the server cannot be reached; trying again by itself')
    scripts/pg-cluster.sh resume "$envfile"
    connected=""
    for _ in $(seq 1 80); do
        sleep 0.25
        if tmux capture-pane -p -t st-late | grep -q 'Connected to postgres://'; then connected=yes; break; fi
    done
    tmux send-keys -t st-late e
    sleep 1
    saved=$(tmux capture-pane -p -t st-late | grep -c 'Saved: job')
    tmux send-keys -t st-late Q
    sleep 0.5
    tmux kill-session -t st-late 2>/dev/null
    trail=$(in_db "$db" "SELECT count(*) FROM smile_triage.audit")
    check "a dashboard started while the server is down says so, connects by itself, then marks" \
        "$([ "$waiting" -ge 1 ] && [ "$connected" = yes ] && [ "$saved" -ge 1 ] && [ "$trail" = 1 ]; echo $?)" \
        "waiting said: $waiting, connected: ${connected:-no}, saved: $saved, trail: $trail"
    sql "DROP DATABASE $db WITH (FORCE)" >/dev/null
fi

say "postgres: $passed passed, $failed failed"
[ "$failed" = 0 ]
