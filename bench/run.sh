#!/usr/bin/env bash
# Measures the demo's hot path and footprint on this machine and prints a Markdown table:
#   - GET /api/hello through access-app -> logic-app-v1 (the product path)
#   - a direct gRPC call to logic-app-v1 (what the edge adds is the difference)
#   - GET /api/ping on access-app, a constant answer (the HTTP server's own cost, the baseline)
#   - each app's start-to-ready time and resident memory after the load
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

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=0.1.0
# The heap a pod gets: MaxRAMPercentage=50 of its 384Mi memory limit (k8s/*.yaml).
JAVA_OPTS=${JAVA_OPTS:--Xmx192m}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" = 0 ]; then rm -rf "$WORK"; else echo "Failed; the apps' logs are in $WORK" >&2; fi
}
trap cleanup EXIT

need=()
command -v hey >/dev/null || need+=(hey)
command -v h2load >/dev/null || need+=(nghttp2-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
  else
    echo "Missing ${need[*]}: install them (Debian: apt-get install hey nghttp2-client) and retry." >&2
    exit 1
  fi
fi

jar() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }
for module in logic-app-v1 access-app; do
  if [ ! -f "$(jar "$module")" ]; then
    echo "==> Building the apps" >&2
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl logic-app-v1,access-app -am)
    break
  fi
done
# Run copies: a build in the same checkout may replace a jar under a running JVM.
mkdir "$WORK/jars"
for module in logic-app-v1 access-app; do cp "$(jar "$module")" "$WORK/jars/"; done
jar() { echo "$WORK/jars/$1-$VERSION.jar"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# start NAME MODULE HTTP_PORT JAVA_OPTS... ; sets READY_MS[NAME] and PID_OF[NAME]
declare -A READY_MS PID_OF
start() {
  local name=$1 module=$2 port=$3; shift 3
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  java $JAVA_OPTS -Dmicronaut.server.port="$port" "$@" -jar "$(jar "$module")" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/readiness" 2>/dev/null; then
      READY_MS[$name]=$(( $(now_ms) - t0 ))
      PID_OF[$name]=$pid
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$name exited:" >&2; tail -20 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$name not ready after 30 s" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

LOGIC_HTTP=$(free_port); LOGIC_GRPC=$(free_port); ACCESS_HTTP=$(free_port)
echo "==> Starting logic-app-v1 and access-app" >&2
start logic-app-v1 logic-app-v1 "$LOGIC_HTTP" -Dgrpc.server.port="$LOGIC_GRPC"
start access-app access-app "$ACCESS_HTTP" -Dgrpc.channels.logic-app.target="dns:///127.0.0.1:$LOGIC_GRPC"

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

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $N requests per path, concurrency $C

| Path | p50 ms | p99 ms | req/s | errors | p50 vs /api/ping |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET /api/ping (constant, baseline) | $ping_p50 | $ping_p99 | $ping_rps | $ping_err | 1.00 |
| gRPC Logic/Hello direct to logic-app-v1 | $grpc_p50 | $grpc_p99 | $grpc_rps | $grpc_err | $(ratio "$grpc_p50" "$ping_p50") |
| GET /api/hello (access-app -> logic-app-v1) | $edge_p50 | $edge_p99 | $edge_rps | $edge_err | $(ratio "$edge_p50" "$ping_p50") |

| App | start to ready ms | RSS MB after load |
| --- | ---: | ---: |
| logic-app-v1 | ${READY_MS[logic-app-v1]} | $(rss_mb "${PID_OF[logic-app-v1]}") |
| access-app | ${READY_MS[access-app]} | $(rss_mb "${PID_OF[access-app]}") |
TABLE
