#!/usr/bin/env bash
# Measures the console's per-version health figures on the local mesh and prints a Markdown table:
#   - the cost of GET /api/routes/mesh-demo/logic-app/health?window=30s per metrics source (embedded: the console's
#     own scrapes; prometheus: PromQL over a real Prometheus scraping every second), against GET of the same route
#     without figures (the baseline), the three requests rotating;
#   - the delay from v2's fault switch starting to fail 20% of its calls to the API reporting v2's success rate under
#     99% over the window, per source, under a steady load at a 50/50 split (the target: 2 scrape intervals +
#     window/4).
# Two consoles read the same mesh, one per source: the first serves xDS to access-app, the second only reads.
# Everything runs on loopback with free ports; every load is bounded in count and in time (bench/health_probe.py).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/health.sh [-q QUERIES] [-t TRIALS] [-r RATE]

  -q QUERIES  health queries timed per source, and route reads as the baseline (default 300)
  -t TRIALS   times v2 starts failing (default 5)
  -r RATE     calls per second through access-app during the run (default 40)
  -h, --help  this text

Uses the packaged jars (builds them when missing), python3 and Debian's prometheus (apt-get install prometheus).
USAGE
}

QUERIES=300
TRIALS=5
RATE=40
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "q:t:r:h" opt; do
  case "$opt" in
    q) QUERIES=$OPTARG ;;
    t) TRIALS=$OPTARG ;;
    r) RATE=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
need_tools prometheus:prometheus
use_jars logic-app-v1 logic-app-v2 access-app mesh-console

ACCESS_HTTP=$(free_port); READER_HTTP=$(free_port); PROM_PORT=$(free_port)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: access-app
    metrics_path: /prometheus
    static_configs:
      - targets: ['127.0.0.1:$ACCESS_HTTP']
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)

echo "==> Starting the local mesh (console: embedded source), a second console on Prometheus, access-app" >&2
export LOGIC_FAULT_SWITCH_ENABLED=true
MESH_CONSOLE_METRICS_SOURCE=embedded MESH_CONSOLE_METRICS_SCRAPE_TARGETS="http://127.0.0.1:$ACCESS_HTTP/prometheus" \
  start_local_mesh
MESH_CONSOLE_MODE=local MESH_CONSOLE_METRICS_SOURCE=prometheus \
  MESH_CONSOLE_METRICS_PROMETHEUS_URL="http://127.0.0.1:$PROM_PORT" \
  start mesh-console-prometheus mesh-console "$READER_HTTP" \
  -Dmesh-console.local.endpoints-file="$WORK/endpoints.yaml" \
  -Dmesh-console.local.state-file="$WORK/reader-routing.yaml" \
  -Dmesh-console.local.xds-port="$(free_port)"
GRPC_XDS_BOOTSTRAP_CONFIG=$XDS_BOOTSTRAP LOGIC_APP_TARGET="xds:///logic-app" start access-app access-app "$ACCESS_HTTP"

echo "==> $QUERIES health queries per source, then $TRIALS times v2 failing 20% at $RATE calls/s" >&2
timeout 1800 python3 "$ROOT/bench/health_probe.py" --access "http://127.0.0.1:$ACCESS_HTTP" \
  --v2 "http://127.0.0.1:$V2_HTTP" --console "embedded=http://127.0.0.1:$CONSOLE_HTTP" \
  --console "prometheus=http://127.0.0.1:$READER_HTTP" --username bench --password-file "$WORK/password" \
  --queries "$QUERIES" --trials "$TRIALS" --rate "$RATE" >"$WORK/probe.out"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

row() { grep "^$1 $2 " "$WORK/probe.out" | cut -d' ' -f3-; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
read -r base_p50 base_p99 base_n <<<"$(row cost route)"
read -r emb_p50 emb_p99 _ <<<"$(row cost embedded)"
read -r prom_p50 prom_p99 _ <<<"$(row cost prometheus)"
read -r emb_delay emb_worst emb_seen emb_missed <<<"$(row delay embedded)"
read -r prom_delay prom_worst prom_seen prom_missed <<<"$(row delay prometheus)"
cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average $LOAD_START at start, $LOAD_END at end

| GET, one at a time, $base_n each | p50 ms | p99 ms | p50 vs route | p99 vs route |
| --- | ---: | ---: | ---: | ---: |
| route (baseline): \`/api/routes/mesh-demo/logic-app\` | $base_p50 | $base_p99 | 1.0 | 1.0 |
| health, embedded source, window 30s | $emb_p50 | $emb_p99 | $(ratio "$emb_p50" "$base_p50") | $(ratio "$emb_p99" "$base_p99") |
| health, Prometheus source (4 PromQL queries), window 30s | $prom_p50 | $prom_p99 | $(ratio "$prom_p50" "$base_p50") | $(ratio "$prom_p99" "$base_p99") |

| v2 starts failing 20% -> API shows v2 < 99% over 30s | p50 ms | max ms | seen | not seen in 60 s | target ms |
| --- | ---: | ---: | ---: | ---: | ---: |
| embedded (1 s scrapes) | $emb_delay | $emb_worst | $emb_seen | $emb_missed | 9500 |
| Prometheus (1 s scrapes) | $prom_delay | $prom_worst | $prom_seen | $prom_missed | 9500 |
TABLE
