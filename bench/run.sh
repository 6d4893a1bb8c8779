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
Usage: bench/run.sh [-n REQUESTS] [-c CONCURRENCY]

  -n REQUESTS     requests per measured path (default 20000), after 2000 warm-up requests
  -c CONCURRENCY  concurrent connections/clients (default 16)
  -h, --help      this text

Needs hey and h2load (Debian: apt-get install hey nghttp2-client); installs them when run as root on Debian.
USAGE
}

N=20000
C=16
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "n:c:h" opt; do
  case "$opt" in
    n) N=$OPTARG ;;
    c) C=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
need_tools hey:hey h2load:nghttp2-client
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
echo "==> Starting logic-app-v1 and access-app, each plain, then making and using a class-data archive" >&2
start_three_times logic-app-v1 "$LOGIC_HTTP" -Dgrpc.server.port="$LOGIC_GRPC"
start_three_times access-app "$ACCESS_HTTP" -Dgrpc.channels.logic-app.target="dns:///127.0.0.1:$LOGIC_GRPC"

# hey NAME URL -> "p50_ms p99_ms rps errors"
hey_run() {
  timeout 300 hey -n "$N" -c "$C" -t 10 "$2" >"$WORK/$1.hey"
  awk '
    /Requests\/sec:/ {rps=$2}
    /50%% in/ || /  50% in/ {p50=$3*1000}
    /  99% in/ {p99=$3*1000}
    /^\s*\[[0-9]+\]/ {code=substr($1,2,3); if (code != "200") err+=$2}
    END {printf "%.2f %.2f %.0f %d\n", p50, p99, rps, err}' "$WORK/$1.hey"
}
# A unary gRPC call over h2load: length-prefixed HelloRequest{name:"bench"}.
grpc_run() {
  printf '\x00\x00\x00\x00\x07\x0a\x05bench' >"$WORK/hello.bin"
  timeout 300 h2load -n "$N" -c "$C" -m 1 -d "$WORK/hello.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' --log-file="$WORK/grpc.log" \
    "http://127.0.0.1:$LOGIC_GRPC/mesh.logic.v1.Logic/Hello" >"$WORK/grpc.h2load"
  local rps errors
  rps=$(awk '/finished in/ {gsub(",", "", $4); print $4}' "$WORK/grpc.h2load")
  errors=$(awk '/requests:/ {print $10 + $12}' "$WORK/grpc.h2load")
  # log columns: start time (us), HTTP status, latency (us)
  sort -n -k3 "$WORK/grpc.log" | awk -v rps="$rps" -v err="$errors" '
    {lat[NR]=$3}
    END {printf "%.2f %.2f %.0f %d\n", lat[int(NR*0.5)]/1000, lat[int(NR*0.99)]/1000, rps, err}'
}

echo "==> Warming up" >&2
timeout 120 hey -n 2000 -c "$C" -t 10 "http://127.0.0.1:$ACCESS_HTTP/api/hello?name=bench" >/dev/null
timeout 120 hey -n 2000 -c "$C" -t 10 "http://127.0.0.1:$ACCESS_HTTP/api/ping" >/dev/null

echo "==> Measuring ($N requests each, $C concurrent)" >&2
read -r ping_p50 ping_p99 ping_rps ping_err <<<"$(hey_run ping "http://127.0.0.1:$ACCESS_HTTP/api/ping")"
read -r grpc_p50 grpc_p99 grpc_rps grpc_err <<<"$(grpc_run)"
read -r edge_p50 edge_p99 edge_rps edge_err <<<"$(hey_run hello "http://127.0.0.1:$ACCESS_HTTP/api/hello?name=bench")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $JAVA_OPTS, $N requests per path, concurrency $C

| Path | p50 ms | p99 ms | req/s | errors | p50 vs /api/ping |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET /api/ping (constant, baseline) | $ping_p50 | $ping_p99 | $ping_rps | $ping_err | 1.00 |
| gRPC Logic/Hello direct to logic-app-v1 | $grpc_p50 | $grpc_p99 | $grpc_rps | $grpc_err | $(ratio "$grpc_p50" "$ping_p50") |
| GET /api/hello (access-app -> logic-app-v1) | $edge_p50 | $edge_p99 | $edge_rps | $edge_err | $(ratio "$edge_p50" "$ping_p50") |

| App | start to ready ms, plain (baseline) | from the class-data archive | vs plain | RSS MB after load |
| --- | ---: | ---: | ---: | ---: |
| logic-app-v1 | ${PLAIN_MS[logic-app-v1]} | ${READY_MS[logic-app-v1]} | $(ratio "${READY_MS[logic-app-v1]}" "${PLAIN_MS[logic-app-v1]}") | $(rss_mb "${PID_OF[logic-app-v1]}") |
| access-app | ${PLAIN_MS[access-app]} | ${READY_MS[access-app]} | $(ratio "${READY_MS[access-app]}" "${PLAIN_MS[access-app]}") | $(rss_mb "${PID_OF[access-app]}") |
TABLE
