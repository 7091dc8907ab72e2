#!/usr/bin/env bash
# Runs every test of Plan2 Orleans on real services, on a fresh Debian machine with the .NET 10 SDK.
# Installs what is missing (PostgreSQL, Redis, docker-compose, libxgboost, Chromium from Debian; libchdb, the ClickHouse
# engine, from npm into ~/.cache/plan2; all idempotent), starts
# PostgreSQL and Redis on loopback with data directories of its own, builds once, runs each test
# project, prints "N passed, N failed", and stops the services again, also when tests fail.
set -euo pipefail
cd "$(dirname "$0")"

WORK=${PLAN2_TEST_WORK:-/tmp/plan2-test}
PG_PORT=${PLAN2_TEST_PG_PORT:-55432}
REDIS_PORT=${PLAN2_TEST_REDIS_PORT:-56379}
CONFIGURATION=${PLAN2_TEST_CONFIGURATION:-Release}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

log() { printf '[test.sh %(%H:%M:%S)T] %s\n' -1 "$*"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_missing() {
  local packages=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  command -v docker-compose >/dev/null || packages+=(docker-compose)
  ldconfig -p | grep -q 'libxgboost\.so ' || packages+=(libxgboost0 libxgboost-dev)
  [ -x /usr/bin/chromium ] || packages+=(chromium) # the dashboard's browser tests (Playwright drives it; no browser download)
  if [ ${#packages[@]} -gt 0 ]; then
    log "installing ${packages[*]} from Debian"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
}

stop_services() {
  local bin; bin=$(pg_bin)
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    su postgres -c "$bin/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  fi
  if [ -f "$WORK/redis/redis.pid" ]; then
    local pid; pid=$(cat "$WORK/redis/redis.pid")
    kill "$pid" 2>/dev/null || true
    # Redis writes its snapshot before it exits. Its folder is removed next: a Redis still saving then cannot, refuses to
    # exit, keeps the port and answers every write with MISCONF. Wait for it, and stop it outright if it hangs on.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$WORK/redis/redis.pid"
  fi
}

start_services() {
  local bin; bin=$(pg_bin)
  stop_services # a run that was killed may have left its services behind
  rm -rf "$WORK"; mkdir -p "$WORK/pg" "$WORK/pgsock" "$WORK/pglog" "$WORK/redis"
  chmod 755 "$WORK"; chown postgres:postgres "$WORK/pg" "$WORK/pgsock" "$WORK/pglog"
  su postgres -c "$bin/initdb -D $WORK/pg -U postgres --auth=trust -E UTF8" >"$WORK/initdb.log" 2>&1
  su postgres -c "$bin/pg_ctl -D $WORK/pg -l $WORK/pglog/postgres.log -w start \
    -o '-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off'" >/dev/null
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes \
    --daemonize yes --pidfile "$WORK/redis/redis.pid" --logfile "$WORK/redis/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  log "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT (data in $WORK)"
}

install_missing
trap stop_services EXIT
start_services

export PLAN2_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
export PLAN2_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The real ClickHouse engine as a library for the ClickHouse tests, cached outside the repo.
PLAN2_CHDB_LIB=$(build/fetch-chdb.sh); export PLAN2_CHDB_LIB

log "building ($CONFIGURATION)"
dotnet build Plan2.Orleans.sln -c "$CONFIGURATION" -nologo -v quiet

passed=0; failed=0; status=0
for project in ${PLAN2_TEST_PROJECTS:-tests/*/*.Tests.csproj}; do
  name=$(basename "$project" .csproj)
  log "running $name"
  out="$WORK/$name.out"
  set +e
  # A test that hangs (once, an Orleans test cluster's directory spun a core for minutes) is named and its host
  # stopped after 10 minutes, instead of holding CI until its limit.
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --blame-hang --blame-hang-timeout 10m --blame-hang-dump-type none --results-directory "$WORK/blame" 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E '(Passed|Failed)! +- ' "$out" | tail -1 || true)
  p=$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' <<<"$summary"); f=$(sed -nE 's/.*Failed: +([0-9]+).*/\1/p' <<<"$summary")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$code" -ne 0 ]; then
    status=1
    # An aborted run still prints a summary of the tests that finished, with "Failed: 0".
    if [ -z "$summary" ] || [ "${f:-0}" -eq 0 ]; then log "$name did not finish (exit $code)"; failed=$((failed + 1)); fi
  fi
done

echo "${passed} passed, ${failed} failed"
exit $status
