#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, from Debian's packages: no system service, no password.
#
#   scripts/pg.sh start [DIR]   start a cluster kept in DIR (or find it running); print its URL
#   scripts/pg.sh url [DIR]     print the URL of the cluster running in DIR
#   scripts/pg.sh stop [DIR]    stop it and delete its files
#
# DIR defaults to /tmp/local-offer-pg. The URL names the database local_offer_test; the
# server's tests connect there and make a fresh database of their own for each test:
#
#   export TEST_POSTGRES_URL=$(scripts/pg.sh start) && cargo test -p local-offer-server
#
# Tuned for speed, not safety (fsync off): never point it at anything that matters.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd /tmp # initdb and pg_ctl run as postgres, who may not be able to read the caller's folder

command=${1:-}
dir=${2:-/tmp/local-offer-pg}
database=local_offer_test

if [ -z "${PG_BIN:-}" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg.sh: PostgreSQL is not installed here (scripts/setup.sh installs it)" >&2
  exit 1
fi

# initdb refuses to run as root: run the cluster as the postgres user the package made.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
  [ -f "$dir/port" ] && as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/$database"
}

free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    # Nothing answers on it: free (a race with another process is possible but unlikely).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "pg.sh: found no free port" >&2
  return 1
}

start() {
  if running; then
    url
    return 0
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    if ! as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
      --no-sync >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      exit 1
    fi
  fi
  local port started=""
  # A free port can be taken between choosing it and binding it: try a few.
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      started=yes
      break
    fi
    grep -q "Address already in use" "$dir/server.log" || break
  done
  if [ -z "$started" ]; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  echo "$port" >"$dir/port"
  local exists
  exists=$(as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$database'")
  if [ "$exists" != 1 ]; then
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  fi
  url
}

stop() {
  # Only ever delete what this script made: a cluster's data folder and our own files.
  if [ -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf -- "$dir/data"
  fi
  rm -f -- "$dir/port" "$dir/initdb.log" "$dir/server.log"
  rmdir -- "$dir" 2>/dev/null || true
}

case "$command" in
  start) start ;;
  stop) stop ;;
  url)
    if running; then url; else
      echo "pg.sh: no cluster running in $dir" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: scripts/pg.sh start|url|stop [DIR]" >&2
    exit 2
    ;;
esac
