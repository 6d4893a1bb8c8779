#!/usr/bin/env bash
# Profiles the edge: where access-app spends its CPU serving /api/hello under load, from a JDK Flight Recorder
# recording (execution samples), and prints two Markdown tables: the share of samples by the frame on top of the
# stack, grouped by what it belongs to (Netty I/O, gRPC, Micronaut's HTTP routing, JSON, metrics, ...), and the hottest
# methods. logic-app-v1 runs beside it on a dns:/// channel, as in bench/run.sh; the load is hey at 16 concurrent,
# bounded in count and time.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/profile-edge.sh [-n REQUESTS] [-c CONCURRENCY]

  -n REQUESTS     calls to /api/hello while recording (default 60000)
  -c CONCURRENCY  concurrent calls (default 16)
  -h, --help      this text

Uses the packaged jars (builds them when missing), hey and the JDK's jfr tool.
USAGE
}

N=60000
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
need_tools hey:hey
command -v jfr >/dev/null || { echo "jfr (the JDK's Flight Recorder tool) is not on the PATH" >&2; exit 1; }
use_jars logic-app-v1 access-app

LOGIC_HTTP=$(free_port); LOGIC_GRPC=$(free_port); ACCESS_HTTP=$(free_port)
echo "==> Starting logic-app-v1 and access-app" >&2
start logic-app-v1 logic-app-v1 "$LOGIC_HTTP" -Dgrpc.server.port="$LOGIC_GRPC"
start access-app access-app "$ACCESS_HTTP" -Dgrpc.channels.logic-app.target="dns:///127.0.0.1:$LOGIC_GRPC"
URL="http://127.0.0.1:$ACCESS_HTTP/api/hello?name=bench"

# hey_rate: one warm-up batch of 10,000 calls; prints its calls per second.
hey_rate() { timeout 120 hey -n 10000 -c "$C" -t 10 "$URL" | awk '/Requests\/sec/ {print $2}'; }
echo "==> Warming up until the throughput is steady, then recording $N calls at $C concurrent" >&2
WARM_UP=$(warm_until_steady hey_rate)
jcmd "${PID_OF[access-app]}" JFR.start name=edge settings=profile filename="$WORK/edge.jfr" >/dev/null
timeout 300 hey -n "$N" -c "$C" -t 10 "$URL" >"$WORK/load.hey"
jcmd "${PID_OF[access-app]}" JFR.stop name=edge >/dev/null
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

jfr print --events jdk.ExecutionSample --stack-depth 1 "$WORK/edge.jfr" \
  | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' >"$WORK/top-frames.txt"
RPS=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/load.hey")

cat <<HEAD

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average $LOAD after the recording;
$N calls to /api/hello at $C concurrent after $WARM_UP calls to warm up, $RPS calls/s while recording; $(wc -l <"$WORK/top-frames.txt") execution samples of access-app

| samples on top of the stack in | share |
| --- | ---: |
HEAD
awk '
  function group(frame) {
    if (frame ~ /^io\.netty\.channel\.epoll|^io\.netty\.channel\.nio|^sun\.nio|^java\.nio|Native Method|epollWait|^io\.netty\.util\.concurrent/) return "network I/O and event loops (Netty, NIO)"
    if (frame ~ /^io\.grpc|^io\.perfmark|^com\.google\.protobuf/) return "gRPC client and protobuf"
    if (frame ~ /^io\.netty\.handler\.codec\.http2|^io\.netty\.handler\.codec\.http/) return "HTTP codecs (Netty)"
    if (frame ~ /^io\.micronaut\.http|^io\.micronaut\.web|^io\.micronaut\.core\.(convert|type|annotation|beans)/) return "Micronaut HTTP routing, binding, conversion"
    if (frame ~ /jackson|^io\.micronaut\.serde|^io\.micronaut\.json/) return "JSON"
    if (frame ~ /^io\.micrometer|^io\.micronaut\.configuration\.metrics|HdrHistogram|LongAdder|Striped64/) return "metrics"
    if (frame ~ /^io\.netty/) return "other Netty (buffers, pipeline)"
    if (frame ~ /^demo\.mesh/) return "the app own code"
    if (frame ~ /^java\.util\.concurrent|^java\.lang\.Thread|^jdk\.internal\.misc\.Unsafe|park/) return "thread hand-offs and locks"
    if (frame ~ /^java\.|^jdk\.|^sun\./) return "JDK (other)"
    if (frame ~ /^reactor\./) return "Reactor"
    return "other"
  }
  { n++; g[group($0)]++ }
  END { for (k in g) printf "| %s | %.1f%% |\n", k, 100 * g[k] / n }' "$WORK/top-frames.txt" | sort -t'|' -k3 -rn
cat <<HEAD

| hottest methods (top of the stack) | share |
| --- | ---: |
HEAD
sort "$WORK/top-frames.txt" | uniq -c | sort -rn | head -15 \
  | awk -v n="$(wc -l <"$WORK/top-frames.txt")" '{c=$1; $1=""; sub(/^ /, ""); printf "| `%s` | %.1f%% |\n", $0, 100 * c / n}'
