#!/usr/bin/env bash
# Soak: the local mesh under a steady load for 10 minutes while the split shifts every 30 s, as a gray release
# would move it, only faster. Prints Markdown tables: calls, errors and latency minute by minute against the first
# minute, and every app's resident memory at start, half time and end with its trend (bench/soak.py).
# Loopback only, free ports, a temporary endpoints and state file; the load is bounded by the duration.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/soak.sh [-d SECONDS] [-i SECONDS] [-r RATE] [-c CONNECTIONS]

  -d SECONDS      how long the load runs (default 600)
  -i SECONDS      time between shifts (default 30)
  -r RATE         calls per second through access-app, all connections together (default 100)
  -c CONNECTIONS  keep-alive connections the calls are spread over (default 4)
  -h, --help      this text

Uses the packaged jars (builds them when missing) and python3.
USAGE
}

DURATION=600
INTERVAL=30
RATE=100
C=4
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "d:i:r:c:h" opt; do
  case "$opt" in
    d) DURATION=$OPTARG ;;
    i) INTERVAL=$OPTARG ;;
    r) RATE=$OPTARG ;;
    c) C=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [ "$DURATION" -lt 120 ]; then echo "-d: at least 120 s, so that later minutes can be set against the first" >&2; exit 2; fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
use_jars logic-app-v1 logic-app-v2 access-app mesh-console

ACCESS_HTTP=$(free_port)
echo "==> Starting mesh-console (local mode), logic-app-v1, logic-app-v2 and access-app on xds:///logic-app" >&2
start_local_mesh
GRPC_XDS_BOOTSTRAP_CONFIG=$XDS_BOOTSTRAP LOGIC_APP_TARGET="xds:///logic-app" \
  start access-app access-app "$ACCESS_HTTP"

# The first call through xDS discovers the routes; warm every JVM so that minute 1 is a fair baseline, not start-up.
echo "==> Warming up (3000 calls)" >&2
for _ in $(seq 1 3000); do curl -fsS -o /dev/null "http://127.0.0.1:$ACCESS_HTTP/api/hello?name=soak" || true; done

echo "==> Soak: $RATE calls/s for $DURATION s, a shift every $INTERVAL s" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
timeout $((DURATION + 180)) python3 "$ROOT/bench/soak.py" --console "http://127.0.0.1:$CONSOLE_HTTP" \
  --access "http://127.0.0.1:$ACCESS_HTTP" --username bench --password-file "$WORK/password" \
  --duration "$DURATION" --interval "$INTERVAL" --rate "$RATE" --threads "$C" \
  mesh-console="${PID_OF[mesh-console]}" logic-app-v1="${PID_OF[logic-app-v1]}" \
  logic-app-v2="${PID_OF[logic-app-v2]}" access-app="${PID_OF[access-app]}" >"$WORK/soak.out"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), $JAVA_OPTS, load average $LOAD_START at start, $LOAD_END at end

$(cat "$WORK/soak.out")
TABLE
