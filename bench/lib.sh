#!/usr/bin/env bash
# shellcheck disable=SC2034 # READY_MS and PID_OF are filled here and read by the scripts that source this file
# What the benchmarks share: a scratch folder cleaned on success, the load tools, copies of the packaged jars, free
# ports, starting an app until it is ready, and the local mesh. Sourced by every bench/*.sh.

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh" # ROOT, VERSION, app_jar, jvm_options, xds_bootstrap, hash_password
# The memory a pod gives the JVM (k8s/*.yaml: a 384Mi limit, MaxRAMPercentage=50, so a 192 MiB heap that starts
# small) and the collector it then picks (SerialGC: a pod has 1 CPU). Without MaxRAM the JVM would size its first
# heap from this machine's memory and keep the whole 192 MiB committed.
JAVA_OPTS=${JAVA_OPTS:--XX:MaxRAM=384m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC}
WORK=$(mktemp -d)
PIDS=()
declare -A READY_MS PID_OF

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" = 0 ]; then rm -rf "$WORK"; else echo "Failed; the apps' logs are in $WORK" >&2; fi
}
trap cleanup EXIT

# need_tools COMMAND:PACKAGE... ; installs what is missing when run as root on Debian, else says what to install.
need_tools() {
  local missing=() tool
  for tool in "$@"; do command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
  else
    echo "Missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) and retry." >&2
    exit 1
  fi
}

# use_jars MODULE... ; builds the jars when missing, then runs copies: a build in the same checkout may replace a
# jar under a running JVM.
use_jars() {
  local module
  for module in "$@"; do
    if [ ! -f "$(app_jar "$module")" ]; then
      echo "==> Building the apps" >&2
      (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "$*")" -am)
      break
    fi
  done
  mkdir -p "$WORK/jars"
  for module in "$@"; do cp "$(app_jar "$module")" "$WORK/jars/"; done
}

# Any free port, unlike scripts/lib.sh's (the first free one from a base), which this replaces here.
# h2load_latencies NAME URL CONCURRENCY REQUESTS [H2LOAD_OPTIONS...]: one bounded h2load run; writes "latency_us
# status" per request to $WORK/NAME.lat and prints the run's requests per second.
h2load_latencies() {
  local name=$1 url=$2 concurrency=$3 requests=$4; shift 4
  rm -f "$WORK/$name.log"  # h2load appends to an existing log
  timeout 300 h2load -n "$requests" -c "$concurrency" -m 1 --log-file="$WORK/$name.log" "$@" "$url" \
    >"$WORK/$name.out"
  # log columns: start time (us), HTTP status, latency (us)
  awk '{print $3, $2}' "$WORK/$name.log" >"$WORK/$name.lat"
  awk '/finished in/ {gsub(",", "", $4); print $4}' "$WORK/$name.out"
}

# latency_stats FILE... -> "p50 p90 p99 errors": milliseconds over the pooled per-request latencies (nearest rank),
# and the requests that were not answered 200.
latency_stats() {
  cat "$@" | sort -n -k1 | awk '
    {lat[NR]=$1; if ($2 != 200) err++}
    function at(p) { i = int(NR * p + 0.999999); return lat[i < 1 ? 1 : i] / 1000 }
    END {printf "%.3f %.3f %.3f %d\n", at(0.5), at(0.9), at(0.99), err + 0}'
}

# warm_until_steady BATCH ARGS...: runs BATCH ARGS (one bounded batch of 10,000 requests that prints its requests
# per second) until two batches in a row differ by under 5% in throughput, at most 20 batches and 180 s; prints the
# requests that took. The JIT is still compiling the edge's request path through its first 60,000-90,000 calls (the
# rate climbs from ~3,000 to ~16,000 calls/s on 2 cores), so a short fixed warm-up measures the compiler as much as
# the code (BENCHMARKS.md).
warm_until_steady() {
  local batches=0 previous=0 rate deadline=$((SECONDS + 180))
  while [ "$batches" -lt 20 ] && [ "$SECONDS" -lt "$deadline" ]; do
    rate=$("$@")
    batches=$((batches + 1))
    if awk -v a="$previous" -v b="$rate" 'BEGIN {exit !(a > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05)}'; then
      break
    fi
    previous=$rate
  done
  echo $((batches * 10000))
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# stop NAME: SIGTERM to an app started by start, then waits for it to exit (a class-data archive is written then).
stop() {
  kill "${PID_OF[$1]}"
  wait "${PID_OF[$1]}" 2>/dev/null || true
}

# start NAME MODULE HTTP_PORT JAVA_OPTIONS... (environment from the caller); waits for readiness and sets
# READY_MS[NAME] (start to ready) and PID_OF[NAME]. Runs in the project root, as scripts/run-local.sh does, so the
# console finds istio/*.yaml.
start() {
  local name=$1 module=$2 port=$3; shift 3
  local t0 pid
  t0=$(now_ms)
  # shellcheck disable=SC2086,SC2046 # JAVA_OPTS and jvm_options are lists of options
  (cd "$ROOT" && exec java $JAVA_OPTS $(jvm_options "$module") -Dmicronaut.server.port="$port" "$@" \
    -jar "$WORK/jars/$module-$VERSION.jar") \
    >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/readiness" 2>/dev/null; then
      READY_MS[$name]=$(( $(now_ms) - t0 ))
      PID_OF[$name]=$pid
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$name exited:" >&2; tail -20 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$name not ready after 60 s" >&2; tail -20 "$WORK/$name.log" >&2; exit 1
}

# start_local_mesh: mesh-console in local mode (a temporary endpoints and state file, its own xDS port; user "bench",
# password in $WORK/password), logic-app-v1 and logic-app-v2. Sets CONSOLE_HTTP and XDS_BOOTSTRAP, the
# GRPC_XDS_BOOTSTRAP_CONFIG an access-app on xds:///logic-app needs; V1_GRPC is logic-app-v1's gRPC port, V2_HTTP
# logic-app-v2's HTTP port (its fault switch).
start_local_mesh() {
  local xds v2_grpc
  CONSOLE_HTTP=$(free_port); xds=$(free_port); V1_GRPC=$(free_port); v2_grpc=$(free_port)
  cat >"$WORK/endpoints.yaml" <<YAML
namespace: mesh-demo
services:
  logic-app:
    v1: [127.0.0.1:$V1_GRPC]
    v2: [127.0.0.1:$v2_grpc]
YAML
  head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$WORK/password"
  MESH_CONSOLE_MODE=local MESH_CONSOLE_AUTH_USERNAME=bench \
    MESH_CONSOLE_AUTH_PASSWORD=$(hash_password <"$WORK/password") start mesh-console mesh-console "$CONSOLE_HTTP" \
    -Dmesh-console.local.endpoints-file="$WORK/endpoints.yaml" \
    -Dmesh-console.local.state-file="$WORK/routing.yaml" \
    -Dmesh-console.local.xds-port="$xds"
  start logic-app-v1 logic-app-v1 "$(free_port)" -Dgrpc.server.port="$V1_GRPC"
  V2_HTTP=$(free_port)
  start logic-app-v2 logic-app-v2 "$V2_HTTP" -Dgrpc.server.port="$v2_grpc"
  XDS_BOOTSTRAP=$(xds_bootstrap "$xds")
}
