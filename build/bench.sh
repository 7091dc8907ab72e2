#!/usr/bin/env bash
# Runs every benchmark (`plan2 bench <name> --json`), appends the results to
# tests/benchmarks/results.jsonl and regenerates tests/benchmarks/report.md.
# ClickHouse figures use the real engine (libchdb behind tests/Plan2.ClickHouseFront) unless
# ConnectionStrings__ClickHouse already points at a server. `orders` needs a PostgreSQL with its
# default durability (fsync on): PLAN2_BENCH_POSTGRES (Npgsql syntax); without it, it is skipped.
# OUT names another folder for probe runs (default tests/benchmarks, the repo's report). A bench that fails is
# reported and the others still run; the report is regenerated and the script then exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
# The dashboard's browser runs before `live`: right after 10,000 subscribers leave, its first page failed twice.
BENCHES=${*:-indicators store ingest decision backtest orders api dashboard live fuzz faults}
OUT=${OUT:-tests/benchmarks}
failed=()

# bench api drives Debian's wrk (installed once, like test.sh installs its packages).
if [[ " $BENCHES " == *" api "* ]] && ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

dotnet build src/Plan2.Cli -c Release -nologo -v quiet
dotnet build tests/Plan2.ClickHouseFront -c Release -nologo -v quiet
PLAN2=src/Plan2.Cli/bin/Release/net10.0/plan2

front_pid=""
if [ -z "${ConnectionStrings__ClickHouse:-}" ]; then
  PLAN2_CHDB_LIB=$(build/fetch-chdb.sh); export PLAN2_CHDB_LIB
  data=$(mktemp -d); log=$(mktemp)
  (sleep 86400 | dotnet tests/Plan2.ClickHouseFront/bin/Release/net10.0/Plan2.ClickHouseFront.dll "$data" >"$log" 2>&1) &
  front_pid=$!
  trap 'pkill -P $front_pid 2>/dev/null; kill $front_pid 2>/dev/null; rm -rf "$data" "$log"' EXIT
  for _ in $(seq 100); do grep -q "^ClickHouse front:" "$log" && break; sleep 0.2; done
  # Loopback: compressing inserts would only spend the cores the feed needs (the store then sends them plain).
  ConnectionStrings__ClickHouse="$(sed -n 's/^ClickHouse front: //p' "$log");Compression=false"; export ConnectionStrings__ClickHouse
fi

mkdir -p "$OUT"
touch "$OUT/results.jsonl"
# The machine as the run before described it (the dotnet-test benches print no description of their own).
machine() { local m; m=$(tail -1 "$OUT/results.jsonl" | jq -c '.machine // null' 2>/dev/null); echo "${m:-null}"; }

run_bench() {
  local name=$1 args=()
  args=()
  if [ "$name" = orders ]; then
    if [ -z "${PLAN2_BENCH_POSTGRES:-}" ]; then
      echo "bench orders skipped: set PLAN2_BENCH_POSTGRES to a PostgreSQL with fsync on (Npgsql syntax)" >&2
      return 0
    fi
    args=(--postgres "$PLAN2_BENCH_POSTGRES")
  fi
  echo "bench $name" >&2
  if [ "$name" = fuzz ]; then
    # Hostile-input counts from the property tests (CsCheck): cases run per target, nothing thrown but our refusals;
    # the hand-written hostile cases (bridge frames, port abuse, importer files), each counted once handled right;
    # then the API's hostile-request families. run_bench runs in its own subshell with set -e: a failing test ends it
    # with that test's exit code; the scratch log is then kept (and its path printed) so the failure can be read.
    trap 'if [ $? -eq 0 ]; then rm -f "$OUT/.fuzz.log"; else echo "bench fuzz: the test output is kept in $OUT/.fuzz.log" >&2; fi' EXIT
    dotnet build tests/Plan2.MarketData.Tests -c Release -nologo -v quiet >&2
    dotnet test tests/Plan2.MarketData.Tests -c Release --no-build --nologo \
      --filter "FullyQualifiedName~Fuzz|FullyQualifiedName~BridgeHostileInputTests|FullyQualifiedName~BridgePortAbuseTests|FullyQualifiedName~HostileImportTests" \
      --logger "console;verbosity=detailed" > "$OUT/.fuzz.log" 2>&1
    # Hostile API requests (malformed, oversized, wrong-tenant), each family counted once every case was refused right.
    dotnet build tests/Plan2.Api.Tests -c Release -nologo -v quiet >&2
    dotnet test tests/Plan2.Api.Tests -c Release --no-build --nologo \
      --filter "FullyQualifiedName~HostileRequestTests|FullyQualifiedName~TenantIsolationTests.OtherTenantsIds" \
      --logger "console;verbosity=detailed" >> "$OUT/.fuzz.log" 2>&1
    machine=$(machine)
    # A test prints each line twice (its output and the console): sort -u keeps one. The lines of one <what> are
    # added up: a theory's rows print one line each, told apart by the detail after "cases".
    sed -n 's/^ *fuzz: //p' "$OUT/.fuzz.log" | sort -u | jq -R -s -c --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson machine "$machine" '
      [split("\n")[] | select(length > 0) | capture("^(?<what>[^:]+): (?<cases>[0-9]+) cases")] | group_by(.what)
      | {benchmark: "fuzz", date: $date, machine: $machine,
         figures: (map({key: (.[0].what | ascii_downcase | gsub("[^a-z0-9]+"; "_") | sub("_$"; "") | . + "_cases"),
                        value: (map(.cases | tonumber) | add)}) | from_entries)}' \
      | tee -a "$OUT/results.jsonl"
    return 0
  fi
  if [ "$name" = faults ]; then
    # Recovery after a SIGKILLed and a SIGSTOPped silo under a steady order flow, measured by the fault tests
    # (tests/Plan2.Integration.Tests/Faults: three silo processes on Redis and PostgreSQL, which they need).
    if [ -z "${PLAN2_TEST_POSTGRES:-}" ] || [ -z "${PLAN2_TEST_REDIS:-}" ]; then
      echo "bench faults skipped: set PLAN2_TEST_POSTGRES and PLAN2_TEST_REDIS (as test.sh does)" >&2
      return 0
    fi
    artifacts=tests/Plan2.Integration.Tests/bin/Release/net10.0/artifacts
    rm -f "$artifacts"/faults-*.json
    dotnet build silo -c Release -nologo -v quiet >&2
    dotnet build tests/Plan2.Integration.Tests -c Release -nologo -v quiet >&2
    dotnet test tests/Plan2.Integration.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~SiloFaultTests" >&2
    machine=$(machine)
    jq -s -c --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson machine "$machine" \
      '{benchmark: "faults", date: $date, machine: $machine, figures: (map(.figures) | add)}' "$artifacts"/faults-*.json \
      | tee -a "$OUT/results.jsonl"
    return 0
  fi
  if [ "$name" = dashboard ]; then
    # Measured in a real browser by the dashboard's speed test (tests/Plan2.Web.Tests, Debian's Chromium);
    # it writes its figures, which get the date and this machine's description like every other line.
    speed=tests/Plan2.Web.Tests/bin/Release/net10.0/artifacts/speed.json
    rm -f "$speed"
    dotnet build tests/Plan2.Web.Tests -c Release -nologo -v quiet >&2
    dotnet test tests/Plan2.Web.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~SpeedTests" >&2
    machine=$(machine)
    jq -c --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson machine "$machine" \
      '{benchmark, date: $date, machine: $machine, figures}' "$speed" | tee -a "$OUT/results.jsonl"
    return 0
  fi
  # Only a finished bench's last line (its JSON object) goes into the results: a failure's output stays out.
  local line
  line=$("$PLAN2" bench "$name" "${args[@]}" --json | tail -1)
  jq -e -c 'select(.benchmark and .figures)' <<<"$line" | tee -a "$OUT/results.jsonl"
}

# Each bench starts on a quiet machine: what the last one wrote flushed to disk (writeback after the store and ingest
# benches competes with the next bench's timed passes) and the cores at least 90 % idle over a second (waits 30 s at most).
settle() {
  sync
  local a b k idle total
  for _ in $(seq 30); do
    read -ra a < /proc/stat; sleep 1; read -ra b < /proc/stat
    idle=$(( b[4] + b[5] - a[4] - a[5] )); total=0
    for k in 1 2 3 4 5 6 7 8; do total=$(( total + b[k] - a[k] )); done
    [ "$total" -gt 0 ] && [ $(( idle * 100 / total )) -ge 90 ] && return 0
  done
  echo "bench: the machine did not go quiet within 30 s; measuring anyway" >&2
}

for name in $BENCHES; do
  settle
  # A subshell keeps `set -e` working inside the bench (under `||` bash would ignore it) while a failure only ends it.
  set +e; (set -e; run_bench "$name"); rc=$?; set -e
  [ $rc -ge 128 ] && exit $rc # interrupted (Ctrl-C reaches dotnet, which exits 130): stop, not the next bench
  if [ $rc -ne 0 ]; then echo "bench $name FAILED (exit $rc)" >&2; failed+=("$name"); fi
done
"$PLAN2" bench report "$OUT/results.jsonl" > "$OUT/report.md"
echo "report: $OUT/report.md" >&2
if [ ${#failed[@]} -gt 0 ]; then echo "failed: ${failed[*]}" >&2; exit 1; fi
