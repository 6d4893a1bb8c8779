#!/usr/bin/env bash
# Runs the demo on this machine, no cluster needed: logic-app-v1, logic-app-v2 and access-app as local processes.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/run-local.sh [--to v1|v2] [--no-build]

Builds the apps when needed, starts logic-app-v1 (gRPC 9091, HTTP 8081), logic-app-v2 (gRPC 9092, HTTP 8082) and
access-app (HTTP 8080), prints the URLs to try and stops everything on Ctrl-C.

  --to v1|v2   which release access-app calls (default v1)
  --no-build   use the jars already in */target
  -h, --help   this text
USAGE
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=0.1.0
TO=v1
BUILD=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --to) TO=${2:?--to needs v1 or v2}; shift 2 ;;
    --no-build) BUILD=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$TO" in
  v1) LOGIC_PORT=9091 ;;
  v2) LOGIC_PORT=9092 ;;
  *) echo "--to must be v1 or v2, got '$TO'" >&2; exit 2 ;;
esac

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 8080 8081 8082 9091 9092; do
  if port_taken "$port"; then
    echo "Port $port is already in use. Stop whatever listens there (e.g. 'ss -ltnp sport = :$port') and retry." >&2
    exit 1
  fi
done

jar() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }
needs_build() {
  for module in logic-app-v1 logic-app-v2 access-app; do
    [ -f "$(jar "$module")" ] || return 0
  done
  # Rebuild when any source or pom changed after the oldest jar was built.
  local oldest
  oldest=$(ls -t "$(jar logic-app-v1)" "$(jar logic-app-v2)" "$(jar access-app)" | tail -1)
  [ -n "$(find "$ROOT" -path '*/target' -prune -o \( -name '*.java' -o -name '*.proto' -o -name '*.yml' \
      -o -name 'pom.xml' \) -newer "$oldest" -print -quit)" ]
}
if [ "$BUILD" = auto ] && needs_build; then
  echo "==> Building the apps (./mvnw package, tests skipped)..."
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl logic-app-v1,logic-app-v2,access-app -am)
fi

LOGS="$ROOT/target/local-logs"
mkdir -p "$LOGS"
PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "==> Stopping..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop_all INT TERM EXIT

start() { # name jar-module http-port extra-java-options...
  local name=$1 module=$2 port=$3; shift 3
  java -Dmicronaut.server.port="$port" "$@" -jar "$(jar "$module")" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  echo "==> $name starting (log: target/local-logs/$name.log)"
}
await_ready() { # name http-port
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://localhost:$2/health/readiness"; then echo "    $1 ready on :$2"; return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; last lines of its log:" >&2
  tail -20 "$LOGS/$1.log" >&2
  exit 1
}

start logic-app-v1 logic-app-v1 8081 -Dgrpc.server.port=9091
start logic-app-v2 logic-app-v2 8082 -Dgrpc.server.port=9092
start access-app access-app 8080 -Dgrpc.channels.logic-app.target="dns:///localhost:$LOGIC_PORT"
await_ready logic-app-v1 8081
await_ready logic-app-v2 8082
await_ready access-app 8080

cat <<INFO

The demo is running (access-app calls logic-app-$TO).

  curl 'http://localhost:8080/api/hello?name=alice'

  access-app     http://localhost:8080/api/hello?name=alice   metrics: http://localhost:8080/prometheus
  logic-app-v1   gRPC localhost:9091                          health:  http://localhost:8081/health
  logic-app-v2   gRPC localhost:9092                          health:  http://localhost:8082/health

Press Ctrl-C to stop everything.
INFO
wait -n "${PIDS[@]}" || true
echo "A process exited unexpectedly; see target/local-logs/." >&2
exit 1
