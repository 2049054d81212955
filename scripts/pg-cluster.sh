#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the team-store tests: initdb in a temporary folder, as
# a non-root user, listening on loopback only, on a free port; the roles a team would make
# (README, "A shared queue"), with passwords in a 0600 password file.
#
#   scripts/pg-cluster.sh start ENVFILE   # writes the exports the tests read into ENVFILE
#   scripts/pg-cluster.sh stop ENVFILE    # stops the server and removes the folder
#   scripts/pg-cluster.sh restart ENVFILE # a fast restart (the tests' "server restarted")
#   scripts/pg-cluster.sh pause ENVFILE   # the server stopped, kept; resume starts it again
#
# Needs Debian's postgresql (installed by .ci/run).
set -euo pipefail

command=${1:?start, stop or restart}
envfile=${2:?a file for the exports}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-cluster: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

# The server refuses to run as root: it runs as an ordinary account.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_server=(runuser -u postgres --)
else
    as_server=()
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$command" in
start)
    root=$(mktemp -d /tmp/smile-triage-pg.XXXXXX)
    chmod 755 "$root"
    data="$root/data"
    mkdir "$data"
    [ ${#as_server[@]} -eq 0 ] || chown postgres "$root" "$data"
    port=$(free_port)
    "${as_server[@]}" "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
    # TLS, for the sslmode tests: a CA of our own and a certificate for localhost from it
    # (and a second CA that signed nothing, which verify-full must refuse).
    ssl=off
    if command -v openssl >/dev/null 2>&1; then
        (
            cd "$root"
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=smile-triage test CA" \
                -keyout ca.key -out ca.crt >/dev/null 2>&1
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
                -keyout other-ca.key -out other-ca.crt >/dev/null 2>&1
            openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$data/server.key" -out server.csr >/dev/null 2>&1
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \
                -out "$data/server.crt" >/dev/null 2>&1
        ) && ssl=on
        chmod 600 "$data/server.key"
        [ ${#as_server[@]} -eq 0 ] || chown postgres "$data/server.key" "$data/server.crt"
    fi
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root'
fsync = on
synchronous_commit = on
max_connections = 60
ssl = $ssl
EOF
    "${as_server[@]}" "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null
    psql_super=("${as_server[@]}" psql -v ON_ERROR_STOP=1 -q -h "$root" -p "$port" -U postgres)
    owner_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    app_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    auditor_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    "${psql_super[@]}" -d postgres <<EOF
CREATE ROLE triage_owner LOGIN CREATEDB PASSWORD '$owner_pw';
CREATE ROLE smile_triage_app NOLOGIN;
CREATE ROLE smile_triage_reader NOLOGIN;
CREATE ROLE ops_ada LOGIN PASSWORD '$app_pw' IN ROLE smile_triage_app;
CREATE ROLE ops_bo LOGIN PASSWORD '$app_pw' IN ROLE smile_triage_app;
CREATE ROLE ops_auditor LOGIN PASSWORD '$auditor_pw' IN ROLE smile_triage_reader;
CREATE DATABASE triage OWNER triage_owner;
CREATE DATABASE triage_copy OWNER triage_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EOF
    for database in triage triage_copy; do
        "${psql_super[@]}" -d "$database" -c "REVOKE ALL ON DATABASE $database FROM PUBLIC; GRANT CONNECT ON DATABASE $database TO smile_triage_app, smile_triage_reader;"
    done
    pgpass="$root/pgpass"
    {
        echo "127.0.0.1:$port:*:triage_owner:$owner_pw"
        echo "localhost:$port:*:triage_owner:$owner_pw"
        echo "127.0.0.1:$port:*:ops_ada:$app_pw"
        echo "127.0.0.1:$port:*:ops_bo:$app_pw"
        echo "*:$port:*:ops_auditor:$auditor_pw"
    } >"$pgpass"
    chmod 600 "$pgpass"
    cat >"$envfile" <<EOF
export SMILE_TRIAGE_PG_ROOT='$root'
export SMILE_TRIAGE_PG_DATA='$data'
export SMILE_TRIAGE_PG_BIN='$bin'
export SMILE_TRIAGE_PG_PORT='$port'
export PGPASSFILE='$pgpass'
export SMILE_TRIAGE_TEST_PG_OWNER='postgres://triage_owner@127.0.0.1:$port/triage?sslmode=disable'
export SMILE_TRIAGE_TEST_PG_APP='postgres://ops_ada@127.0.0.1:$port/triage?sslmode=disable'
export SMILE_TRIAGE_TEST_PG_APP2='postgres://ops_bo@127.0.0.1:$port/triage?sslmode=disable'
export SMILE_TRIAGE_TEST_PG_AUDITOR='postgres://ops_auditor@127.0.0.1:$port/triage?sslmode=disable'
export SMILE_TRIAGE_TEST_PG_CA='$([ "$ssl" = on ] && echo "$root/ca.crt")'
export SMILE_TRIAGE_TEST_PG_OTHER_CA='$([ "$ssl" = on ] && echo "$root/other-ca.crt")'
export SMILE_TRIAGE_TEST_PG_COPY='postgres://triage_owner@127.0.0.1:$port/triage_copy?sslmode=disable'
EOF
    echo "pg-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($root)"
    ;;
stop)
    [ -f "$envfile" ] || exit 0
    # shellcheck disable=SC1090
    . "$envfile"
    "${as_server[@]}" "$SMILE_TRIAGE_PG_BIN/pg_ctl" -D "$SMILE_TRIAGE_PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$SMILE_TRIAGE_PG_ROOT"
    rm -f "$envfile"
    ;;
restart)
    # shellcheck disable=SC1090
    . "$envfile"
    "${as_server[@]}" "$SMILE_TRIAGE_PG_BIN/pg_ctl" -D "$SMILE_TRIAGE_PG_DATA" -m fast -w -t 60 restart \
        -l "$SMILE_TRIAGE_PG_ROOT/server.log" >/dev/null
    ;;
pause)
    # The server stopped, its folder kept (the tests' "server down"); resume starts it again.
    # shellcheck disable=SC1090
    . "$envfile"
    "${as_server[@]}" "$SMILE_TRIAGE_PG_BIN/pg_ctl" -D "$SMILE_TRIAGE_PG_DATA" -m fast -w stop >/dev/null
    ;;
resume)
    # shellcheck disable=SC1090
    . "$envfile"
    "${as_server[@]}" "$SMILE_TRIAGE_PG_BIN/pg_ctl" -D "$SMILE_TRIAGE_PG_DATA" -l "$SMILE_TRIAGE_PG_ROOT/server.log" -w -t 60 start >/dev/null
    ;;
*)
    echo "pg-cluster: start, stop, restart, pause or resume" >&2
    exit 64
    ;;
esac
