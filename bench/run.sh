#!/usr/bin/env bash
# Measures the demo's hot path and footprint on this machine and prints a Markdown table:
#   - GET /api/hello through access-app -> logic-app-v1 (the product path)
#   - a direct gRPC call to logic-app-v1 (what the edge adds is the difference)
#   - GET /api/ping on access-app, a constant answer (the HTTP server's own cost, the baseline)
#   - each app's start-to-ready time, plain (the baseline) and from a class-data archive made by a training run
#     (scripts/cds.sh, as scripts/run-local.sh starts the apps), and its resident memory after the load
# Everything runs on loopback; every load is bounded in count and in time.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/run.sh [-n REQUESTS] [-c CONCURRENCY] [-r ROUNDS] [-s STARTS]

  -n REQUESTS     requests per measured path at CONCURRENCY, split over the rounds (default 30000), after a
                  warm-up until each path's throughput is steady; each round also sends a quarter of its share at
                  concurrency 1
  -c CONCURRENCY  concurrent connections/clients (default 16)
  -r ROUNDS       interleaved rounds (default 5)
  -s STARTS       measure start-up only: STARTS starts of each app plain and as many from its class-data archive,
                  alternating, and print their median, min and max instead of running any load
  -h, --help      this text

Needs h2load (Debian: apt-get install nghttp2-client); installs them when run as root on Debian.
USAGE
}

N=30000
C=16
ROUNDS=5
STARTS=
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "n:c:r:s:h" opt; do
  case "$opt" in
    n) N=$OPTARG ;;
    r) ROUNDS=$OPTARG ;;
    c) C=$OPTARG ;;
    s) STARTS=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
[ -n "$STARTS" ] || need_tools h2load:nghttp2-client
use_jars logic-app-v1 access-app

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# shellcheck source=scripts/cds.sh
. "$ROOT/scripts/cds.sh"
declare -A PLAIN_MS
# start_three_times NAME HTTP_PORT JAVA_OPTIONS...: plain (timed as the baseline), then once to make the class-data
# archive, then from it (timed, and kept running for the load).
start_three_times() {
  local name=$1 port=$2; shift 2
  local jar="$WORK/jars/$name-$VERSION.jar"
  start "$name" "$name" "$port" "$@"
  PLAIN_MS[$name]=${READY_MS[$name]}
  stop "$name"
  # shellcheck disable=SC2046 # cds_options prints a list of options
  start "$name" "$name" "$port" $(cds_options "$jar") "$@"
  stop "$name"
  # shellcheck disable=SC2046
  start "$name" "$name" "$port" $(cds_options "$jar") "$@"
}

LOGIC_HTTP=$(free_port); LOGIC_GRPC=$(free_port); ACCESS_HTTP=$(free_port)
LOGIC_OPTIONS=(-Dgrpc.server.port="$LOGIC_GRPC")
ACCESS_OPTIONS=(-Dgrpc.channels.logic-app.target="dns:///127.0.0.1:$LOGIC_GRPC")

# start_only: STARTS rounds, each starting logic-app-v1 then access-app (which is ready once it reaches logic-app)
# plain, then both from their archives (made by one training run first), so that a slow minute of the machine falls on
# both kinds alike. Prints one table and exits.
start_only() {
  local round kind name
  declare -A MS
  # shellcheck disable=SC2046 # cds_options prints a list of options
  start logic-app-v1 logic-app-v1 "$LOGIC_HTTP" $(cds_options "$WORK/jars/logic-app-v1-$VERSION.jar") "${LOGIC_OPTIONS[@]}"
  # shellcheck disable=SC2046
  start access-app access-app "$ACCESS_HTTP" $(cds_options "$WORK/jars/access-app-$VERSION.jar") "${ACCESS_OPTIONS[@]}"
  stop access-app; stop logic-app-v1
  for round in $(seq 1 "$STARTS"); do
    echo "==> Start-up round $round of $STARTS" >&2
    for kind in plain archive; do
      # shellcheck disable=SC2046
      start logic-app-v1 logic-app-v1 "$LOGIC_HTTP" \
        $([ $kind = archive ] && cds_options "$WORK/jars/logic-app-v1-$VERSION.jar") "${LOGIC_OPTIONS[@]}"
      # shellcheck disable=SC2046
      start access-app access-app "$ACCESS_HTTP" \
        $([ $kind = archive ] && cds_options "$WORK/jars/access-app-$VERSION.jar") "${ACCESS_OPTIONS[@]}"
      for name in logic-app-v1 access-app; do MS[$name $kind]+="${READY_MS[$name]} "; done
      stop access-app; stop logic-app-v1
    done
  done
  # stats "MS MS ...": median (the lower middle for an even count), min and max
  stats() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{v[NR]=$1} END {printf "%d | %d–%d", v[int((NR+1)/2)], v[1], v[NR]}'; }
  cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $JAVA_OPTS $(jvm_options access-app); load average $(cut -d' ' -f1-3 /proc/loadavg)
Start to ready (launch to the first 200 from /health/readiness, polled every 50 ms), $STARTS starts each, alternating:

| App | plain p50 ms | plain min–max | from the class-data archive p50 ms | archive min–max |
| --- | ---: | ---: | ---: | ---: |
| logic-app-v1 | $(stats "${MS[logic-app-v1 plain]}") | $(stats "${MS[logic-app-v1 archive]}") |
| access-app | $(stats "${MS[access-app plain]}") | $(stats "${MS[access-app archive]}") |
TABLE
}
if [ -n "$STARTS" ]; then start_only; exit 0; fi

echo "==> Starting logic-app-v1 and access-app, each plain, then making and using a class-data archive" >&2
start_three_times logic-app-v1 "$LOGIC_HTTP" "${LOGIC_OPTIONS[@]}"
start_three_times access-app "$ACCESS_HTTP" "${ACCESS_OPTIONS[@]}"

# load NAME URL CONCURRENCY REQUESTS [H2LOAD_OPTIONS...] -> "p50_ms p99_ms rps errors". One tool for every path, so
# that the baseline and the product path are timed alike: h2load, HTTP/1.1 for the HTTP paths.
load() {
  local rps p50 p99 errors
  rps=$(h2load_latencies "$@")
  read -r p50 _ p99 errors <<<"$(latency_stats "$WORK/$1.lat")"
  printf '%s %s %.0f %s\n' "$p50" "$p99" "$rps" "$errors"
}
# A unary gRPC call: length-prefixed HelloRequest{name:"bench"}. gRPC's own status rides in the trailers, which
# h2load does not read; logic-app answers "bench" with OK.
printf '\x00\x00\x00\x00\x07\x0a\x05bench' >"$WORK/hello.bin"
GRPC_OPTIONS=(-d "$WORK/hello.bin" -H 'content-type: application/grpc' -H 'te: trailers')
PING_URL="http://127.0.0.1:$ACCESS_HTTP/api/ping"
HELLO_URL="http://127.0.0.1:$ACCESS_HTTP/api/hello?name=bench"
# measure PATH CONCURRENCY REQUESTS -> "p50_ms p99_ms rps errors"
measure() {
  case "$1" in
    ping) load ping "$PING_URL" "$2" "$3" --h1 ;;
    grpc) load grpc "http://127.0.0.1:$LOGIC_GRPC/mesh.logic.v1.Logic/Hello" "$2" "$3" "${GRPC_OPTIONS[@]}" ;;
    hello) load hello "$HELLO_URL" "$2" "$3" --h1 ;;
  esac
}

# batch_rate PATH: one warm-up batch of 10,000 requests at $C concurrent; prints its requests per second.
batch_rate() { measure "$1" "$C" 10000 | cut -d' ' -f3; }
declare -A WARM_UP
for path in hello ping grpc; do
  echo "==> Warming up $path until its throughput is steady" >&2
  WARM_UP[$path]=$(warm_until_steady batch_rate "$path")
done

# Rounds interleave the three paths, their order rotating, so a slow minute of the machine falls on all three; each
# round's bound 1 / (1/ping + 1/direct) comes from the ping and direct rounds next to its /api/hello round.
PATHS=(ping grpc hello)
echo "==> Measuring: $ROUNDS rounds of $((N / ROUNDS)) requests per path at concurrency $C, then at concurrency 1" >&2
# cpu_ms PID: the process's CPU time so far, user and system (fields 14 and 15 of /proc/PID/stat, in clock ticks).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }
ACCESS_PID=${PID_OF[access-app]}
for round in $(seq 0 $((ROUNDS - 1))); do
  for i in 0 1 2; do
    path=${PATHS[$(( (round + i) % 3 ))]}
    before=$(cpu_ms "$ACCESS_PID")
    result=$(measure "$path" "$C" $((N / ROUNDS)))
    # access-app's CPU per call: what the edge itself costs, whatever else the machine runs
    echo "$round $path $result $(awk -v a="$before" -v b="$(cpu_ms "$ACCESS_PID")" -v n=$((N / ROUNDS)) \
      'BEGIN {printf "%.1f", (b - a) * 1000 / n}')" >>"$WORK/rounds"
  done
  for path in ping grpc hello; do
    echo "$round $path $(measure "$path" 1 $((N / ROUNDS / 4)))" >>"$WORK/rounds-c1"
  done
done

# median FILE PATH COLUMN: the median over rounds of a column (3 p50, 4 p99, 5 rps, 6 errors summed instead)
median() {
  awk -v p="$2" -v col="$3" '$2 == p {print $col}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
errors() { awk -v p="$2" '$2 == p {sum += $6} END {print sum + 0}' "$1"; }
# Per round: /api/hello's throughput over the bound its parts allow.
awk '{rps[$1, $2] = $5; rounds[$1]} END {for (r in rounds) printf "%.3f\n", rps[r, "hello"] * (1 / rps[r, "ping"] + 1 / rps[r, "grpc"])}' \
  "$WORK/rounds" | sort -g >"$WORK/share"
share_median=$(awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}' "$WORK/share")
share_range="$(head -1 "$WORK/share")–$(tail -1 "$WORK/share")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
row() { # row LABEL PATH FILE BASELINE_P50 [access-app CPU]
  local p50; p50=$(median "$3" "$2" 3)
  echo "| $1 | $p50 | $(median "$3" "$2" 4) | $(median "$3" "$2" 5) | $(errors "$3" "$2") | $(ratio "$p50" "$4") |${5:+ $5 |}"
}
ping16=$(median "$WORK/rounds" ping 3); ping1=$(median "$WORK/rounds-c1" ping 3)
cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $JAVA_OPTS $(jvm_options access-app); load average $(cut -d' ' -f1-3 /proc/loadavg)
Each path warmed up until its throughput was steady (requests: /api/hello ${WARM_UP[hello]}, /api/ping ${WARM_UP[ping]},
direct gRPC ${WARM_UP[grpc]}), then $ROUNDS interleaved rounds; medians over rounds. Concurrency $C, $((N / ROUNDS))
requests per path and round:

| Path | p50 ms | p99 ms | req/s | errors | p50 vs /api/ping | access-app CPU µs per call |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
$(row "GET /api/ping (constant, baseline)" ping "$WORK/rounds" "$ping16" "$(median "$WORK/rounds" ping 7)")
$(row "gRPC Logic/Hello direct to logic-app-v1" grpc "$WORK/rounds" "$ping16" "–")
$(row "GET /api/hello (access-app -> logic-app-v1)" hello "$WORK/rounds" "$ping16" "$(median "$WORK/rounds" hello 7)")

/api/hello's throughput over the bound its parts allow, 1 / (1/ping + 1/direct), per round: median $share_median,
range $share_range (target ≥ 0.65).

Concurrency 1, $((N / ROUNDS / 4)) requests per path and round:

| Path | p50 ms | p99 ms | req/s | errors | p50 vs /api/ping |
| --- | ---: | ---: | ---: | ---: | ---: |
$(row "GET /api/ping (constant, baseline)" ping "$WORK/rounds-c1" "$ping1")
$(row "gRPC Logic/Hello direct to logic-app-v1" grpc "$WORK/rounds-c1" "$ping1")
$(row "GET /api/hello (access-app -> logic-app-v1)" hello "$WORK/rounds-c1" "$ping1")

/api/hello's p50 at concurrency 1 over the sum of its parts' (ping + direct):
$(ratio "$(median "$WORK/rounds-c1" hello 3)" "$(awk -v a="$ping1" -v b="$(median "$WORK/rounds-c1" grpc 3)" 'BEGIN {print a + b}')")

| App | start to ready ms, plain (baseline) | from the class-data archive | vs plain | RSS MB after load |
| --- | ---: | ---: | ---: | ---: |
| logic-app-v1 | ${PLAIN_MS[logic-app-v1]} | ${READY_MS[logic-app-v1]} | $(ratio "${READY_MS[logic-app-v1]}" "${PLAIN_MS[logic-app-v1]}") | $(rss_mb "${PID_OF[logic-app-v1]}") |
| access-app | ${PLAIN_MS[access-app]} | ${READY_MS[access-app]} | $(ratio "${READY_MS[access-app]}" "${PLAIN_MS[access-app]}") | $(rss_mb "${PID_OF[access-app]}") |
TABLE
