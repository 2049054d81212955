#!/usr/bin/env bash
# End-to-end tests: the real binary in a real terminal (tmux), driven by keys, read from
# the screen. Run from the repository root after `swift build`; .ci/run does both.
#
#   Tests/e2e/run.sh            # every scenario
#   Tests/e2e/run.sh signals    # the scenarios whose names contain "signals"
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${SMILE_TRIAGE_BIN:-$ROOT/.build/debug/smile-triage}
SOCKET=smile-triage-e2e-$$
ONLY=${1:-}
PASSED=0
FAILED=0
FAILURES=()
export SWIFT_BACKTRACE=enable=no

[ -x "$BIN" ] || { echo "e2e: no binary at $BIN (run swift build first)"; exit 2; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed"; exit 2; }

t() { tmux -L "$SOCKET" "$@"; }
# Decisions go to a database of the suite's own, never the user's.
STATE=$(mktemp -d /tmp/smile-triage-e2e-state.XXXXXX)
cleanup() { t kill-server 2>/dev/null || true; rm -rf "$STATE"; }
trap cleanup EXIT

# start COLS ROWS [ENV...]: a fresh pane running a plain shell in the repository.
# The last scenario's server is gone first: a new-session that reaches a server still
# shutting down is lost with it ("no server running" for the whole scenario, seen in CI).
stop_server() {
    local server tries=0
    server=$(t display -p '#{pid}' 2>/dev/null || true)
    t kill-server 2>/dev/null || true
    while [ -n "$server" ] && kill -0 "$server" 2>/dev/null && [ $tries -lt 100 ]; do
        sleep 0.05
        tries=$((tries + 1))
    done
}

start() {
    local cols=$1 rows=$2 attempt
    shift 2
    for attempt in 1 2 3; do
        stop_server
        t -f /dev/null new-session -d -s e2e -x "$cols" -y "$rows" \
            "env -i PATH=$PATH HOME=$HOME XDG_STATE_HOME=$STATE TERM=${PANE_TERM:-tmux-256color} LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no $* PS1='e2e\$ ' bash --norc --noprofile" \
            2>/dev/null || true
        t set-option -t e2e status off >/dev/null 2>&1
        t set-option -g set-clipboard on >/dev/null 2>&1
        if wait_for 'e2e$' 10; then break; fi
        if [ $attempt -eq 3 ]; then echo "e2e: the shell did not start"; return 1; fi
        echo "    (the pane's shell did not start; a fresh server, attempt $((attempt + 1)))"
    done
    t send-keys -t e2e "cd '$ROOT'; clear" Enter
    wait_for 'e2e$' 5
    sleep 0.2
}
run() { t send-keys -t e2e "$1" Enter; }
keys() { t send-keys -t e2e "$@"; sleep 0.25; }
screen() { t capture-pane -t e2e -p; }
screen_escapes() { t capture-pane -t e2e -p -e; }
alternate() { t display -p -t e2e '#{alternate_on}'; }
pane_pid() { t display -p -t e2e '#{pane_pid}'; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
    local text=$1 limit=${2:-5} waited=0
    while ! screen | grep -qF -- "$text"; do
        sleep 0.1
        waited=$((waited + 1))
        if [ $waited -ge $((limit * 10)) ]; then return 1; fi
    done
}

CURRENT=""
fail() {
    FAILED=$((FAILED + 1))
    FAILURES+=("$CURRENT: $1")
    echo "    FAIL: $1"
    echo "    --- screen ---"
    screen | sed 's/^/    | /'
}
expect_screen() { screen | grep -qF -- "$1" || fail "expected on screen: $1"; }
expect_not_screen() { ! screen | grep -qF -- "$1" || fail "did not expect on screen: $1"; }
expect_wait() { wait_for "$1" "${2:-5}" || fail "waited for: $1"; }

# The shell is back: normal screen, prompt showing, the status echoed.
expect_shell_back() {
    local status=$1
    # Wait for the dashboard to be gone before typing, as a person waits for the prompt: a
    # key typed while it is still restoring the terminal is its to read (under a loaded CI
    # machine the "e" of echo went to a dashboard still exiting).
    local tries=0
    while pgrep -P "$(pane_pid)" -x smile-triage > /dev/null && [ $tries -lt 100 ]; do
        sleep 0.05
        tries=$((tries + 1))
    done
    run 'echo "status=$?"'
    wait_for "status=$status" 5 || fail "expected exit status $status"
    [ "$(alternate)" = "0" ] || fail "the pane is still in the alternate screen"
    [ "$(t display -p -t e2e '#{cursor_flag}')" = "1" ] || fail "the cursor is still hidden"
}

scenario() {
    CURRENT=$1
    if [ -n "$ONLY" ] && [[ "$1" != *"$ONLY"* ]]; then return 1; fi
    echo "e2e: $1"
    return 0
}
finish_scenario() {
    if [ ${#FAILURES[@]} -eq 0 ] || [[ "${FAILURES[-1]}" != "$CURRENT:"* ]]; then PASSED=$((PASSED + 1)); fi
}

# ---------------------------------------------------------------------------------------------

if scenario "tour of the demo at 120x40"; then
    start 120 40
    started=$(date +%s%N)
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs" 5
    first_frame_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "    first frame after ${first_frame_ms} ms (including tmux's own delay)"
    [ "$(alternate)" = "1" ] || fail "the dashboard is not in the alternate screen"
    expect_screen "TIME (UTC)¹▼"
    expect_screen "REJECTED"
    # Move, then search for a job with Smile Secure suspects and drill in.
    keys j j k
    keys /
    keys -l "0002001025"
    expect_wait "/0002001025"
    keys Enter
    expect_screen "search \"0002001025\""
    keys Enter
    expect_wait "─ Result"
    expect_screen "job 0002001025"
    keys S
    expect_wait "Smile Secure · job 0002001025"
    expect_screen "kw-user-1007"
    # Jump to the suspect's job, then back to the suspects, then back to the detail.
    keys Enter
    expect_wait "job 0002001007"
    keys Escape
    expect_wait "Smile Secure · job 0002001025"
    keys Escape
    expect_wait "job 0002001025"
    keys Escape
    keys c
    expect_wait "Filters and search cleared"
    # Filter to rejected jobs through the menu.
    keys f
    expect_wait "Filter: Space toggles"
    keys Down Space Escape
    expect_wait "filter category=rejected"
    expect_screen "14 of 61 shown"
    expect_not_screen "APPROVED "
    keys c
    # The frequency view, and a bucket drilled into.
    keys F
    expect_wait "frequency by category"
    expect_screen "Approved"
    keys Tab Tab
    expect_wait "frequency by result code"
    keys Escape
    # Help.
    keys ?
    expect_wait "Keys on the job list screen"
    keys Escape
    # Resize smaller, too small, and larger.
    t resize-window -t e2e -x 40 -y 12
    sleep 0.4
    expect_wait "TIME▼ JOB ID"
    t resize-window -t e2e -x 30 -y 10
    sleep 0.4
    expect_wait "Terminal too small"
    t resize-window -t e2e -x 160 -y 45
    sleep 0.4
    expect_wait "TIME (UTC)¹▼"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "NO_COLOR"; then
    start 100 30 NO_COLOR=1
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    colours=$(screen_escapes | grep -cE $'\e\\[[0-9;]*(3[0-7]|38;5|9[0-7])' || true)
    [ "$colours" = "0" ] || fail "NO_COLOR: $colours lines carry colour escapes"
    expect_screen "REJECTED"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "TERM=vt100"; then
    PANE_TERM=vt100 start 100 30
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    expect_screen "APPROVED"
    keys Enter
    expect_wait "─ Result"
    keys Escape q
    expect_shell_back 0
    PANE_TERM=""
    finish_scenario
fi

if scenario "40x12"; then
    start 40 12
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    expect_screen "TIME▼ JOB ID"
    keys ]
    keys Enter
    expect_wait "─ Result"
    keys Escape F
    expect_wait "CATEGORY"
    keys Escape q
    expect_shell_back 0
    finish_scenario
fi

if scenario "data piped on stdin"; then
    start 100 30
    run "cat Fixtures/demo/callbacks-2026-11-24.ndjson | $BIN"
    expect_wait "<stdin> · 56 jobs"
    keys j Enter
    expect_wait "─ Result"
    keys Escape q
    expect_shell_back 0
    finish_scenario
fi

if scenario "no terminal to draw on"; then
    start 100 30
    run "$BIN Fixtures/demo > /tmp/e2e-out-$$.txt; echo \"status=\$? bytes=\$(wc -c < /tmp/e2e-out-$$.txt)\""
    expect_wait "status=64 bytes=0"
    expect_screen "standard output is not a terminal"
    run "TERM=dumb $BIN Fixtures/demo; echo \"dumb=\$?\""
    expect_wait "dumb=64"
    expect_screen "cannot move its cursor"
    rm -f /tmp/e2e-out-$$.txt
    finish_scenario
fi

for pair in TERM:143 HUP:129 INT:130; do
    signal=${pair%%:*}
    status=${pair##*:}
    if scenario "signals: SIG$signal restores the terminal and exits $status"; then
        start 100 30
        run "$BIN Fixtures/demo"
        expect_wait "61 jobs"
        pid=$(pgrep -P "$(pane_pid)" -x smile-triage | head -1)
        [ -n "$pid" ] || fail "no smile-triage process"
        kill -"$signal" "$pid"
        expect_shell_back "$status"
        finish_scenario
    fi
done

if scenario "signals: TERM then INT, close together, on a piped load: the first wins"; then
    start 100 30
    # A slow pipe (the load is still reading when the signals come); through a process
    # substitution, so the shell waits for the dashboard alone.
    run "$BIN < <(cat Fixtures/demo/callbacks-2026-11-24.ndjson; sleep 30)"
    expect_wait "<stdin>" 5
    pid=$(pgrep -P "$(pane_pid)" -x smile-triage | head -1)
    [ -n "$pid" ] || fail "no smile-triage process"
    # No thread may take a stop signal (the loop collects them), or the INT could win.
    takers=$(Tests/stop-signal-threads.sh "$pid") || fail "$takers"
    kill -TERM "$pid"; kill -INT "$pid"
    expect_shell_back 143
    finish_scenario
fi

if scenario "signals: Ctrl-C stops a load waiting on a slow pipe, keeps what came; again quits with 130"; then
    start 100 30
    # The writer is not in the pane (Ctrl-C reaches the dashboard alone), sends the day and
    # half a record, then waits: the load is still copying the pipe when Ctrl-C comes.
    fifo=$STATE/slow.fifo
    rm -f "$fifo"; mkfifo "$fifo"
    ( cat Fixtures/demo/callbacks-2026-11-24.ndjson; printf '{"SmileJobID": "0009"'; exec sleep 30 ) > "$fifo" &
    writer=$!
    run "$BIN < $fifo"
    expect_wait "Ctrl-C stops" 5
    keys C-c
    expect_wait "Loading stopped: 56 records kept" 3
    expect_screen "56 jobs"
    keys C-c
    expect_shell_back 130
    kill "$writer" 2>/dev/null
    finish_scenario
fi

if scenario "signals: Ctrl-C stops a load waiting for a named pipe's first writer"; then
    start 100 30
    # Named on the command line, the pipe is opened by the dashboard: no writer ever comes.
    fifo=$STATE/nobody.fifo
    rm -f "$fifo"; mkfifo "$fifo"
    run "$BIN $fifo"
    expect_wait "Ctrl-C stops" 5
    keys C-c
    expect_wait "Loading stopped" 3
    expect_not_screen "empty"
    keys Q
    expect_shell_back 0
    rm -f "$fifo"
    finish_scenario
fi

if scenario "files: a pipe still arriving says how much has come, then loads it all"; then
    start 120 40
    fifo=$STATE/slow.fifo
    day=Fixtures/demo/callbacks-2026-11-24.ndjson
    rm -f "$fifo"; mkfifo "$fifo"
    # The first 2,000 bytes, a pause, the rest: the copy takes longer than the line's 0.3 s.
    ( head -c 2000 "$day"; sleep 2; tail -c +2001 "$day" ) > "$fifo" &
    writer=$!
    run "$BIN $fifo"
    expect_wait "received" 3
    expect_screen "Loading · 2.0 KB received"
    expect_wait "56 jobs" 6
    expect_not_screen "received"
    wait "$writer" 2>/dev/null || true
    keys Q
    expect_shell_back 0
    rm -f "$fifo"
    finish_scenario
fi

if scenario "files: a followed file cut short under an open job is said so, and the dashboard lives"; then
    start 120 40
    day=$STATE/followed.ndjson
    cp Fixtures/demo/callbacks-2026-11-24.ndjson "$day"
    run "$BIN --follow $day"
    expect_wait "56 jobs" 5
    keys G
    : > "$day"
    keys Enter
    expect_wait "─ Result"
    keys End
    expect_wait "cannot be read again" 5
    keys Escape
    expect_screen "56 jobs"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "paste: a two-line paste into the note prompt is one note, and marks nothing"; then
    start 120 30
    db=$STATE/paste.sqlite
    rm -f "$db"*
    run "$BIN Fixtures/demo --db $db"
    expect_wait "61 jobs"
    keys w
    expect_wait "Note on"
    t set-buffer -b e2e-paste "$(printf 'first line\nsecond line a e t')"
    t paste-buffer -p -b e2e-paste -t e2e
    sleep 0.4
    expect_screen "first line second line a e t"
    keys Escape
    expect_wait "Cancelled"
    # Outside a prompt, a paste does nothing at all.
    t paste-buffer -p -b e2e-paste -t e2e
    expect_wait "Pasted text goes only into a prompt"
    keys Q
    expect_shell_back 0
    [ "$($BIN decisions --db "$db" --format json 2>/dev/null)" = "[]" ] || fail "a pasted line marked a job"
    finish_scenario
fi

if scenario "signals: Ctrl-Z gives the terminal back and fg redraws"; then
    start 100 30
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    keys C-z
    expect_wait "Stopped"
    [ "$(alternate)" = "0" ] || fail "stopped, but still in the alternate screen"
    run "fg"
    expect_wait "TIME▼"
    [ "$(alternate)" = "1" ] || fail "after fg, not redrawn in the alternate screen"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "signals: a crash restores the terminal first"; then
    start 100 30
    run "SMILE_TRIAGE_TEST_TRAP=1 $BIN Fixtures/demo; echo \"crashed=\$?\""
    expect_wait "crashed=13" 10
    [ "$(alternate)" = "0" ] || fail "after a trap, the pane is still in the alternate screen"
    [ "$(t display -p -t e2e '#{cursor_flag}')" = "1" ] || fail "after a trap, the cursor is hidden"
    # A stack overflow: the handler runs on its own stack, and the terminal comes back too.
    run "clear; SMILE_TRIAGE_TEST_TRAP=overflow $BIN Fixtures/demo; echo \"overflowed=\$?\""
    expect_wait "overflowed=" 20
    expect_not_screen "overflowed=0"
    [ "$(alternate)" = "0" ] || fail "after a stack overflow, the pane is still in the alternate screen"
    [ "$(t display -p -t e2e '#{cursor_flag}')" = "1" ] || fail "after a stack overflow, the cursor is hidden"
    run "clear; stty -a | tr ' ' '\\n' | grep -x -c echo"
    expect_wait "1" 5
    finish_scenario
fi

if scenario "copy: OSC 52 reaches the clipboard with a confirmation"; then
    start 100 30
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    keys /
    keys -l "0002001042"
    keys Enter y
    expect_wait "Sent job id 0002001042 to the terminal's clipboard"
    buffer=$(t show-buffer 2>/dev/null || true)
    [ "$buffer" = "0002001042" ] || fail "tmux's clipboard holds '$buffer', not the job id"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "config: a bad line is named, and keys can be rebound"; then
    start 100 30
    printf 'theme = light\nmouse = maybe\n' > /tmp/e2e-config-$$
    run "$BIN Fixtures/demo --config /tmp/e2e-config-$$; echo \"config=\$?\""
    expect_wait "config=64"
    expect_screen "/tmp/e2e-config-$$:2: mouse takes on or off"
    printf 'theme = light\nkey.search = s\n' > /tmp/e2e-config-$$
    run "clear; $BIN Fixtures/demo --config /tmp/e2e-config-$$"
    expect_wait "61 jobs"
    keys s
    keys -l "kw-user-1042"
    expect_wait "/kw-user-1042"
    keys Enter q
    expect_shell_back 0
    rm -f /tmp/e2e-config-$$
    finish_scenario
fi

if scenario "searches on a thread of their own (search.background_from_jobs = 0)"; then
    # Every search goes to the dashboard's search thread: the list must still come back,
    # letter by letter, a letter taken back, and Esc.
    start 120 30
    printf 'search.background_from_jobs = 0\n' > /tmp/e2e-config-$$
    run "$BIN Fixtures/demo --config /tmp/e2e-config-$$"
    expect_wait "61 jobs"
    keys /
    keys -l "kw-user-104"
    expect_wait "of 61 shown"
    expect_screen "kw-user-104"
    keys -l "2"
    expect_wait "1 of 61 shown"
    expect_screen "kw-user-1042"
    expect_not_screen "searching"
    keys BSpace
    expect_wait "/kw-user-104▏"
    expect_not_screen "1 of 61 shown"
    keys Enter
    expect_screen "search \"kw-user-104\""
    keys Escape
    expect_wait "61 jobs"
    keys q
    expect_shell_back 0
    rm -f /tmp/e2e-config-$$
    finish_scenario
fi

if scenario "rings, and forged records marked in the list"; then
    start 120 30
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    expect_screen "RNG"
    # From a job in a ring straight to its ring, then to another member's job.
    keys /
    keys -l "0002001010"
    keys Enter R
    # Ring ids come from the members: the same ring is ◆VNRG on every machine and in every load.
    expect_wait "Ring ◆VNRG: 4 users, 4 jobs, 4 links"
    expect_screen "kw-user-1007 → kw-user-1010 (same-person)"
    keys Enter
    expect_wait "job 0002001007"
    keys Escape Escape
    expect_wait "Smile Secure rings"
    expect_screen "1 suspect(s) not in the loaded data"
    keys o
    expect_wait "Rings by when last seen"
    keys Q
    expect_shell_back 0
    # With the API key, a forged record stands out in the list.
    run "SMILE_API_KEY=demo-api-key-do-not-use SMILE_PARTNER_ID=2001 $BIN Fixtures/signed"
    expect_wait "13 jobs"
    expect_screen "⚠0005000103"
    keys f
    expect_wait "SIGNATURE"
    expect_screen "invalid"
    keys Escape q
    expect_shell_back 0
    finish_scenario
fi

if scenario "follow: a line appended to a followed file shows up within a second"; then
    start 120 30
    followed=/tmp/e2e-follow-$$.ndjson
    head -3 Fixtures/demo/callbacks-2026-11-24.ndjson > "$followed"
    run "$BIN --follow $followed"
    expect_wait "3 jobs"
    expect_screen "following"
    printf '%s\n' '{"SmileJobID":"0009999999","ResultCode":"0811","ResultText":"Unable to Verify Document - reason","PartnerParams":{"job_id":"e2e-1","user_id":"e2e-user","job_type":6},"timestamp":"2026-11-25T09:00:00Z"}' >> "$followed"
    appended=$(date +%s%N)
    expect_wait "4 jobs" 3
    shown_ms=$(( ($(date +%s%N) - appended) / 1000000 ))
    echo "    appended line shown after ${shown_ms} ms"
    [ "$shown_ms" -le 1000 ] || fail "the appended line took ${shown_ms} ms to show (more than a second)"
    expect_screen "0009999999"
    expect_screen "1 new (>)"
    keys j j '>'
    expect_wait "following"
    keys Q
    expect_shell_back 0
    rm -f "$followed"
    finish_scenario
fi

if scenario "decisions: mark, range, note, another desk, untriaged, export, read-only, corrupt"; then
    start 120 30
    work=/tmp/e2e-decisions-$$
    rm -rf "$work"
    run "USER=ada $BIN Fixtures/demo --db $work/decisions.sqlite"
    expect_wait "61 jobs"
    expect_screen "0 of 61 triaged"
    expect_screen "DECISION"
    keys e
    expect_wait "Saved: job 0002002010 escalated"
    expect_screen "1 of 61 triaged"
    # A range of three, cleared at once.
    keys v j j
    expect_wait "range: 3 jobs"
    keys a
    expect_wait "Saved: 3 jobs cleared"
    expect_screen "4 of 61 triaged"
    # A note, typed into the prompt.
    keys w
    expect_wait "Note on 0002001054"
    keys -l "called the customer"
    keys Enter
    expect_wait "Saved the note on job 0002001054: called the customer"
    # Another desk marks a job: it shows up here within a couple of seconds.
    USER=bo "$BIN" mark 0002001042 --state rerun --db "$work/decisions.sqlite" >/dev/null
    marked=$(date +%s%N)
    expect_wait "bo marked job 0002001042 re-run" 3
    echo "    another desk's mark shown after $(( ($(date +%s%N) - marked) / 1000000 )) ms"
    expect_screen "5 of 61 triaged"
    # The queue of what is left, exported.
    keys U
    expect_wait "56 of 61 shown"
    keys s C-u
    keys -l "$work/untriaged.csv"
    keys Enter
    expect_wait "Wrote 56 jobs to $work/untriaged.csv (CSV)"
    [ "$(wc -l < "$work/untriaged.csv")" = "57" ] || fail "the export has $(wc -l < "$work/untriaged.csv") lines, not a header and 56 jobs"
    keys Q
    expect_shell_back 0
    run "clear; $BIN decisions --db $work/decisions.sqlite"
    expect_wait "0002001042  rerun"
    expect_screen "called the customer"
    # Read-only: decisions shown, marking refused.
    run "clear; $BIN Fixtures/demo --db $work/decisions.sqlite --readonly"
    expect_wait "read-only"
    keys a
    expect_wait "Read-only, nothing marked: opened with --readonly"
    keys Q
    expect_shell_back 0
    # A database that is not one: the dashboard still opens, and says why marking is off.
    head -c 4096 /dev/urandom > "$work/broken.sqlite"
    run "clear; $BIN Fixtures/demo --db $work/broken.sqlite"
    expect_wait "61 jobs"
    expect_screen "Marking is off: $work/broken.sqlite is not a SQLite database"
    expect_screen "decisions off"
    keys Q
    expect_shell_back 0
    rm -rf "$work"
    finish_scenario
fi

# painted_clean WHERE: the pane, as painted (with its colours), holds no escape other than
# colour (SGR), no BEL or other C0 control and no C1 control.
painted_clean() {
    local found
    found=$(screen_escapes | sed -E 's/\x1b\[[0-9;:]*m//g' | LC_ALL=C grep -caP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]')
    [ "$found" = "0" ] || fail "$1: $found painted line(s) hold a raw control byte"
}

if scenario "hostile input: shown as text, never acted on"; then
    start 120 40
    t select-pane -t e2e -T "e2e-title"
    # First prove the check can fail: a raw OSC title change from the shell is seen.
    run "printf '\\033]2;changed-by-shell\\007'"
    sleep 0.3
    [ "$(t display -p -t e2e '#{pane_title}')" = "changed-by-shell" ] || fail "tmux did not take a title change, so the check below proves nothing"
    t select-pane -t e2e -T "e2e-title"
    run "clear; $BIN Fixtures/bad"
    expect_wait "46 jobs"
    screen_escapes | grep -q $'\e\\[' || fail "capture-pane -e shows no colours, so the check below proves nothing"
    painted_clean "the list"
    keys P
    expect_wait "binary data"
    painted_clean "the problems"
    keys Escape
    keys /
    keys -l "0006000"
    keys Enter
    expect_wait "14 of 46 shown"
    painted_clean "the hostile jobs"
    expect_screen 'Result \e]0;pwned'
    expect_screen 'Result <U+202E>evil'
    for row in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        keys Enter
        expect_wait "─ Result"
        painted_clean "detail of row $row"
        keys PageDown
        painted_clean "detail of row $row, a page down"
        keys Escape
        keys j
    done
    # The one with Smile Secure suspects, and its suspects panel.
    keys c /
    keys -l "0006000000"
    keys Enter Enter S
    expect_wait "Smile Secure · job 0006000000"
    painted_clean "the suspects"
    keys Escape Escape Escape F
    expect_wait "frequency by"
    painted_clean "the frequency view"
    keys Escape q
    expect_shell_back 0
    [ "$(t display -p -t e2e '#{pane_title}')" = "e2e-title" ] || fail "the window title changed to: $(t display -p -t e2e '#{pane_title}')"
    # The text commands, on a terminal: nothing acts either.
    run "clear; $BIN summary Fixtures/bad; $BIN secure Fixtures/bad; $BIN snapshot Fixtures/bad --width 120 | head -60"
    expect_wait "SMILE SECURE"
    painted_clean "the commands' output"
    [ "$(t display -p -t e2e '#{pane_title}')" = "e2e-title" ] || fail "a command changed the window title"
    finish_scenario
fi

if scenario "verdicts: a search typed in a detail marks nothing; the review queue and rings"; then
    start 120 40
    db=$STATE/verdicts.sqlite
    rm -f "$db"*
    run "$BIN Fixtures/samples --db $db"
    expect_wait "10 jobs" 5
    # The published history that lists its final result first reads approved, with its steps in order.
    keys /
    keys -l "0000000857"
    keys Enter Enter
    expect_wait "job 0000000857"
    expect_screen "APPROVED   1210"
    expect_screen "Why current"
    expect_screen "(ID-authority step, history item 3)"
    # /IDNumber typed in the detail: a find, taken by the prompt, never run as keys.
    keys /
    keys -l "IDNumber"
    expect_wait "/IDNumber"
    keys Enter
    expect_screen "job 0000000857"
    expect_screen '"IDNumber" 1/'
    expect_not_screen "ESCALATED"
    keys Escape c
    expect_wait "Filters and search cleared"
    # ] steps to the Smile Secure 5211 job (its verdict is pending: the ID step alone is no approval).
    keys g ]
    expect_wait "0000056574"
    keys Enter
    expect_wait "─ Needs review"
    expect_screen "Smile Secure found 2 suspect users"
    keys Escape q
    expect_shell_back 0
    [ "$($BIN decisions --db "$db" --format json 2>/dev/null)" = "[]" ] || fail "a decision was recorded"
    finish_scenario
fi

for size in 120x40 80x24; do
    if scenario "command line: :quit, :user, :filter, :goto, Tab completion and history at $size"; then
        start "${size%x*}" "${size#*x}"
        run "$BIN Fixtures/demo"
        expect_wait "61 jobs"
        keys :
        expect_wait "Tab completes"
        keys -l "us"
        keys Tab
        expect_wait ":user"
        keys -l " kw-user-1010"
        keys Enter
        expect_wait "of user kw-user-1010"
        expect_screen "named by kw-user-1007"
        keys :
        keys -l "filter category=rejected"
        keys Enter
        expect_wait "filter category=rejected user=kw-user-1010"
        keys c
        keys :
        keys -l "goto 0002001025"
        keys Enter
        expect_wait "job 0002001025"
        expect_wait "─ Result"
        # Up brings back the last command.
        keys : Up
        expect_wait ":goto 0002001025"
        keys Escape
        keys :
        keys -l "quit"
        keys Enter
        expect_shell_back 0
        finish_scenario
    fi
done

for size in 120x40 80x24; do
    if scenario "back and undo: q in a detail goes back, Esc takes back one change, z undoes a mark at $size"; then
        start "${size%x*}" "${size#*x}"
        db="$STATE/undo-$size.sqlite"
        run "$BIN Fixtures/demo --db $db"
        expect_wait "61 jobs"
        keys Enter
        expect_wait "─ Result"
        keys q
        expect_wait "61 jobs"
        [ "$(alternate)" = "1" ] || fail "q in a detail quit instead of going back"
        # Two changes (a search, then a filter), taken back one at a time.
        keys /
        keys -l "kw-user-10"
        keys Enter
        keys f Down Space Escape
        expect_wait "filter category=rejected"
        keys Escape
        expect_wait "Back to search"
        expect_not_screen "filter category=rejected"
        keys Escape
        expect_wait "Back to every job"
        expect_screen "61 jobs"
        # A mark, undone: the job is as it was, and the audit keeps both rows.
        keys :
        keys -l "goto 0002002010"
        keys Enter
        expect_wait "job 0002002010"
        keys e
        expect_wait "Saved: job 0002002010 escalated"
        keys z
        expect_wait "Undone: "
        keys Q
        expect_shell_back 0
        audit=$($BIN audit 0002002010 --db "$db" --format json 2>/dev/null)
        echo "$audit" | grep -q '"escalated"' || fail "the audit lost the mark: $audit"
        [ "$(echo "$audit" | grep -o '"state"' | wc -l)" -ge 2 ] || fail "the undo wrote no audit row: $audit"
        [ "$($BIN decisions --db "$db" --format json 2>/dev/null | grep -c '"escalated"')" = "0" ] || fail "the undo did not restore the state"
        finish_scenario
    fi
done

for size in 120x40 80x24; do
    if scenario "find: / in a detail highlights, n steps to the next match with its count at $size"; then
        start "${size%x*}" "${size#*x}"
        run "$BIN Fixtures/demo"
        expect_wait "61 jobs"
        keys /
        keys -l "kw-user-1001"
        keys Enter Enter
        expect_wait "─ Result"
        keys /
        keys -l "passed"
        keys Enter
        expect_wait '"passed" 1/'
        keys n
        expect_wait '"passed" 2/'
        highlighted=$(screen_escapes | grep -c $'\e\\[[0-9;]*48;5;214m' || true)
        [ "$highlighted" -ge 1 ] || fail "the current match is not highlighted"
        keys N
        expect_wait '"passed" 1/'
        keys Q
        expect_shell_back 0
        finish_scenario
    fi
done

for size in 120x40 80x24; do
    if scenario "columns and status bar at $size: texts that tell codes apart, whole counts, ? help"; then
        start "${size%x*}" "${size#*x}"
        run "$BIN Fixtures/demo"
        expect_wait "61 jobs"
        if [ "$size" = "120x40" ]; then
            screen | grep "0815" | grep -qF "Compare Unsure" || fail "0815 does not read Compare Unsure"
            screen | grep "0824" | grep -qF "Possible Spoof" || fail "0824 does not read Possible Spoof"
            screen | grep -qE "APPR(OVED)? 31" || fail "the approved count is not whole"
        fi
        status_line=$(screen | tail -2 | head -1)
        echo "$status_line" | grep -qE "(PENDING|PEND|PROV|REVW|REJ|APPR)[ ]*$" && fail "a count is cut: $status_line"
        screen | tail -1 | grep -qF "? help" || fail "? help is not on the key bar"
        keys Q
        expect_shell_back 0
        finish_scenario
    fi
done

if scenario "time zones: --tz local under TZ=Africa/Lagos, and Z back to UTC"; then
    start 120 40 TZ=Africa/Lagos
    run "$BIN Fixtures/demo --tz local"
    expect_wait "61 jobs"
    expect_screen "TIME (UTC+1)"
    screen | grep "0002002010" | grep -qF "2026-11-24 22:00" || fail "21:00 UTC did not show as 22:00 in Lagos"
    keys Z
    expect_wait "TIME (UTC)"
    screen | grep "0002002010" | grep -qF "2026-11-24 21:00" || fail "Z did not go back to UTC"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

if scenario "clear errors before the screen: a missing path exits 66, an unknown product 64"; then
    start 100 30
    run "$BIN Fixtures/no-such-folder"
    expect_wait "Fixtures/no-such-folder"
    expect_shell_back 66
    run "$BIN explain 0810 --product 99; echo \"explain=\$?\""
    expect_wait "explain=64"
    finish_scenario
fi

if scenario "columns: + widens the result, :hide drops a column, both kept for the next run"; then
    start 120 40 XDG_STATE_HOME=$STATE/columns
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    expect_screen "RNG"
    expect_screen "JOB ID²"
    keys + +
    expect_wait "Result text +8 columns"
    keys :
    keys -l "hide ring"
    keys Enter
    expect_wait "Column ring hidden"
    expect_not_screen "RNG"
    keys Q
    expect_shell_back 0
    run "$BIN Fixtures/demo"
    expect_wait "61 jobs"
    expect_not_screen "RNG"
    keys :
    keys -l "show all"
    keys Enter
    expect_wait "RNG"
    keys Q
    expect_shell_back 0
    finish_scenario
fi

echo "e2e: $PASSED passed, $FAILED failed"
for failure in "${FAILURES[@]}"; do echo "  - $failure"; done
[ "$FAILED" -eq 0 ]
