#!/usr/bin/env bash
# Throw-away PostgreSQL and Redis for the test suite, on loopback ports that do not clash with
# a developer's own services. Usage:
#   eval "$(scripts/services.sh start)"   # start (or reuse) and export TEST_DATABASE_URL, TEST_REDIS_URL
#   scripts/services.sh stop              # stop both and delete the PostgreSQL cluster
# Progress goes to stderr so stdout stays eval-able.
set -euo pipefail

PG_PORT="${TEST_PG_PORT:-55432}"
REDIS_PORT="${TEST_REDIS_PORT:-56379}"
PG_DIR="${TEST_PG_DIR:-/tmp/rooms-test-pg}"
REDIS_DIR="${TEST_REDIS_DIR:-/tmp/rooms-test-redis}"
PG_DATA="$PG_DIR/data"

say() { echo "[services] $*" >&2; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$dir" || ! -x "$dir/pg_ctl" ]]; then
    say "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (run scripts/install-test-deps.sh)"
    exit 1
  fi
  echo "$dir"
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    # From / so the postgres user is not told it cannot read the caller's working directory.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

start_pg() {
  local bin
  bin="$(pg_bin)"
  if [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    say "PostgreSQL already running on 127.0.0.1:$PG_PORT (reusing $PG_DATA)"
    return
  fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$PG_DIR"; fi
    say "initdb $PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1 || {
      cat "$PG_DIR/initdb.log" >&2
      exit 1
    }
  fi
  # Durability is pointless for a throw-away cluster; turning it off makes the suite faster.
  local opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off"
  opts+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  if ! as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w -t 60 -o "$opts" start >/dev/null; then
    say "PostgreSQL failed to start on 127.0.0.1:$PG_PORT; its log:"
    tail -n 30 "$PG_DIR/server.log" >&2 || true
    exit 1
  fi
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PG_PORT"
}

stop_pg() {
  local bin
  bin="$(pg_bin)"
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    say "PostgreSQL stopped"
  fi
  rm -rf "$PG_DIR"
}

redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

start_redis() {
  if redis_up; then
    say "Redis already running on 127.0.0.1:$REDIS_PORT (reusing)"
    return
  fi
  command -v redis-server >/dev/null || {
    say "redis-server not found (run scripts/install-test-deps.sh)"
    exit 1
  }
  mkdir -p "$REDIS_DIR"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  for _ in $(seq 1 50); do
    redis_up && break
    sleep 0.1
  done
  if ! redis_up; then
    say "Redis failed to start on 127.0.0.1:$REDIS_PORT; its log:"
    tail -n 30 "$REDIS_DIR/redis.log" >&2 || true
    exit 1
  fi
  say "Redis started on 127.0.0.1:$REDIS_PORT"
}

stop_redis() {
  if redis_up; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    say "Redis stopped"
  fi
  rm -rf "$REDIS_DIR"
}

case "${1:-start}" in
  start)
    start_pg
    start_redis
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    ;;
  stop)
    stop_redis
    stop_pg
    ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
