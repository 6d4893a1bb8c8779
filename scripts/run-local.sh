#!/usr/bin/env bash
# Runs the whole gray-release demo on this machine, no cluster needed: logic-app-v1, logic-app-v2, access-app and
# mesh-console in local mode, which serves istio/*.yaml over xDS to access-app's xds:///logic-app channel.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/run-local.sh [--no-build]

Builds the apps when needed and starts the local mesh:
  mesh-console   http://localhost:$CONSOLE_HTTP_PORT  (local mode: istio/*.yaml served over xDS on :$XDS_PORT)
  access-app     http://localhost:$ACCESS_HTTP_PORT  (gRPC to xds:///logic-app, routed by the console's split)
  logic-app-v1   gRPC :$V1_GRPC_PORT, HTTP :$V1_HTTP_PORT
  logic-app-v2   gRPC :$V2_GRPC_PORT, HTTP :$V2_HTTP_PORT
  prometheus     http://localhost:9090  (when Debian's prometheus is installed; another port when 9090 is taken)
then prints the URLs, the console's sign-in and a curl line, and stops everything on Ctrl-C.

The console shows each version's success rate and latency. With a prometheus binary on the PATH it reads them from
a Prometheus scraping all four apps every second (data in a scratch folder, deleted at the end); without one it
reads access-app's metrics itself. The logic apps' fault switch is on: PUT /fault on their HTTP port.

  --no-build   use the jars already in */target
  -h, --help   this text

The console's password is MESH_CONSOLE_AUTH_PASSWORD when set (the password itself; the script hands the console its
bcrypt hash), else generated for this run. The last split is kept
in .local-state/ across runs; delete that folder to start again from istio/virtual-service-logic-app-90-10.yaml.
USAGE
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
BUILD=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ACCESS_HTTP_PORT" "$V1_HTTP_PORT" "$V2_HTTP_PORT" "$CONSOLE_HTTP_PORT" "$V1_GRPC_PORT" "$V2_GRPC_PORT" \
    "$XDS_PORT"; do
  if port_taken "$port"; then
    echo "Port $port is already in use. Stop whatever listens there (e.g. 'ss -ltnp sport = :$port') and retry." >&2
    exit 1
  fi
done

needs_build() {
  local module oldest=""
  for module in "${APPS[@]}"; do
    [ -f "$(app_jar "$module")" ] || return 0
    if [ -z "$oldest" ] || [ "$(app_jar "$module")" -ot "$oldest" ]; then oldest=$(app_jar "$module"); fi
  done
  # Rebuild when a source, resource or pom changed after the oldest jar was built.
  [ -n "$(find "$ROOT" -path '*/target' -prune -o -path "$ROOT/.local-state" -prune -o \( -name '*.java' \
      -o -name '*.proto' -o -name '*.yml' -o -name '*.js' -o -name '*.html' -o -name '*.css' -o -name 'pom.xml' \) \
      -newer "$oldest" -print -quit)" ]
}
if [ "$BUILD" = auto ] && needs_build; then
  echo "==> Building the apps (./mvnw package, tests skipped)..."
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${APPS[*]}")" -am)
fi

# A Prometheus for the console's health figures, when one is installed: 9090 as usual, else the first free port
# of 19090-19099 (9091 and 9092 are the logic apps').
PROMETHEUS_BIN=$(command -v prometheus || true)
PROMETHEUS_PORT=""
if [ -n "$PROMETHEUS_BIN" ]; then
  for port in 9090 $(seq 19090 19099); do
    if ! port_taken "$port"; then PROMETHEUS_PORT=$port; break; fi
  done
  [ -n "$PROMETHEUS_PORT" ] || echo "Ports 9090 and 19090-19099 are all taken: the console reads access-app's metrics itself." >&2
fi

LOGS="$ROOT/target/local-logs"
mkdir -p "$LOGS" "$ROOT/.local-state"
PIDS=()
PROMETHEUS_DATA=""
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "==> Stopping..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PROMETHEUS_DATA" ]; then rm -rf "$PROMETHEUS_DATA"; fi
  exit 0
}
trap stop_all INT TERM EXIT

# shellcheck source=scripts/cds.sh
. "$ROOT/scripts/cds.sh"
start() { # name http-port java-options...
  local name=$1 port=$2; shift 2
  # shellcheck disable=SC2046 # cds_options and jvm_options print lists of options
  (cd "$ROOT" && exec java $(cds_options "$(app_jar "$name")") $(jvm_options "$name") \
    -Dmicronaut.server.port="$port" "$@" -jar "$(app_jar "$name")" >"$LOGS/$name.log" 2>&1) &
  PIDS+=($!)
  echo "==> $name starting (log: target/local-logs/$name.log)"
}
await_ready() { # name http-port
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://localhost:$2/health/readiness"; then echo "    $1 ready on :$2"; return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; last lines of its log:" >&2
  tail -20 "$LOGS/$1.log" >&2
  exit 1
}

if [ -n "$PROMETHEUS_PORT" ]; then
  PROMETHEUS_DATA=$(mktemp -d "${TMPDIR:-/tmp}/mesh-demo-prometheus.XXXXXX")
  cat >"$PROMETHEUS_DATA/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: mesh-demo
    metrics_path: /prometheus
    static_configs:
      - targets: ['localhost:$ACCESS_HTTP_PORT', 'localhost:$V1_HTTP_PORT', 'localhost:$V2_HTTP_PORT',
                  'localhost:$CONSOLE_HTTP_PORT']
YAML
  "$PROMETHEUS_BIN" --config.file="$PROMETHEUS_DATA/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DATA/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$LOGS/prometheus.log" 2>&1 &
  PIDS+=($!)
  echo "==> prometheus starting on :$PROMETHEUS_PORT (log: target/local-logs/prometheus.log)"
  export MESH_CONSOLE_METRICS_SOURCE=prometheus MESH_CONSOLE_METRICS_PROMETHEUS_URL="http://localhost:$PROMETHEUS_PORT"
  METRICS_LINE="Prometheus at http://localhost:$PROMETHEUS_PORT, scraping all four apps every second"
else
  export MESH_CONSOLE_METRICS_SOURCE=embedded
  METRICS_LINE="embedded: the console reads access-app's /prometheus every second
              (no prometheus on the PATH; 'apt-get install prometheus' on Debian/Ubuntu, or a release from
              prometheus.io on the PATH, and the next run uses it)"
fi

USERNAME=${MESH_CONSOLE_AUTH_USERNAME:-demo}
PASSWORD=${MESH_CONSOLE_AUTH_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)}

PASSWORD_HASH=$(printf '%s\n' "$PASSWORD" | hash_password)

# The console is the control plane: start it first so access-app's first xDS request finds it.
MESH_CONSOLE_MODE=local MESH_CONSOLE_AUTH_USERNAME="$USERNAME" MESH_CONSOLE_AUTH_PASSWORD="$PASSWORD_HASH" \
  start mesh-console "$CONSOLE_HTTP_PORT" -Dmesh-console.local.xds-port="$XDS_PORT"
# The fault switch lets a user break a release live (PUT /fault) and watch the console see it.
export LOGIC_FAULT_SWITCH_ENABLED=true
start logic-app-v1 "$V1_HTTP_PORT" -Dgrpc.server.port="$V1_GRPC_PORT"
start logic-app-v2 "$V2_HTTP_PORT" -Dgrpc.server.port="$V2_GRPC_PORT"
await_ready mesh-console "$CONSOLE_HTTP_PORT"

# What Istio's grpc-agent does in a cluster: a bootstrap naming the control plane, read by grpc-xds at the first
# xds:/// channel.
GRPC_XDS_BOOTSTRAP_CONFIG=$(xds_bootstrap "$XDS_PORT") LOGIC_APP_TARGET="xds:///logic-app" \
  start access-app "$ACCESS_HTTP_PORT"
await_ready logic-app-v1 "$V1_HTTP_PORT"
await_ready logic-app-v2 "$V2_HTTP_PORT"
await_ready access-app "$ACCESS_HTTP_PORT"
if [ -n "$PROMETHEUS_PORT" ]; then
  for _ in $(seq 1 60); do curl -fs -o /dev/null "http://localhost:$PROMETHEUS_PORT/-/ready" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://localhost:$PROMETHEUS_PORT/-/ready" && echo "    prometheus ready on :$PROMETHEUS_PORT"
fi
# The first call through the mesh also discovers the routes and connects; make it before handing over.
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://localhost:$ACCESS_HTTP_PORT/api/hello?name=warm-up" && break
  sleep 0.5
done

cat <<INFO

The local mesh is running. access-app reaches logic-app through xds:///logic-app; the split comes from the console.

  Console     http://localhost:$CONSOLE_HTTP_PORT   sign in as $USERNAME / $PASSWORD
  Try         curl 'http://localhost:$ACCESS_HTTP_PORT/api/hello?name=alice'
  Canary      curl -H 'x-canary: true' 'http://localhost:$ACCESS_HTTP_PORT/api/hello?name=alice'   (always v2)
  Break v2    curl -X PUT localhost:$V2_HTTP_PORT/fault -H 'Content-Type: application/json' -d '{"errorRate":0.2,"latency":"300ms"}'
  Metrics     $METRICS_LINE

Open the console, start the traffic chart, click 50/50 and watch the observed split follow; break v2 and watch its
success rate and p99 on the route card turn red.
Logs are in target/local-logs/. Press Ctrl-C to stop everything.
INFO
wait -n "${PIDS[@]}" || true
echo "A process exited unexpectedly; see target/local-logs/." >&2
exit 1
