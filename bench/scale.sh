#!/usr/bin/env bash
# Measures mesh-console watching every namespace (MESH_CONSOLE_NAMESPACES=*) of a large mesh and prints a Markdown
# table: start-up to the first whole answer (median of several starts), GET /api/routes p50/max, a shift's p50/max,
# the API requests each costs (counted by the stand-in), the console's RSS, and the page's first cards in headless
# Chromium, for 500 VirtualServices in 20 namespaces against a baseline of 10 in 2, measured in the same run. Each
# VirtualService has a DestinationRule of two subsets and a pod per subset.
# The API server is the tests' stand-in (fabric8's mock server in CRUD mode) in a JVM of its own, started from
# mesh-console's test classes; the console is the packaged jar in Kubernetes mode, with its pod's JVM options.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/scale.sh [-t STARTS] [-r READS] [-s SHIFTS] [-p PAGES] [-n COUNT] [-m NAMESPACES]

  -t STARTS      console starts timed to the first whole answer per size, the median reported (default 5)
  -r READS       GET /api/routes timed per size (default 200)
  -s SHIFTS      shifts timed per size (default 50)
  -p PAGES       page loads in a fresh headless Chromium per size (default 5)
  -n COUNT       VirtualServices of the large mesh (default 500)
  -m NAMESPACES  namespaces they are spread over (default 20)
  -h, --help     this text

Uses the packaged mesh-console jar and its compiled test classes (builds them when missing), python3, and
Chromium with chromedriver (apt-get install chromium chromium-driver).
USAGE
}

STARTS=5
READS=200
SHIFTS=50
RENDERS=5
COUNT=500
NAMESPACES=20
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "t:r:s:p:n:m:h" opt; do
  case "$opt" in
    t) STARTS=$OPTARG ;;
    r) READS=$OPTARG ;;
    s) SHIFTS=$OPTARG ;;
    p) RENDERS=$OPTARG ;;
    n) COUNT=$OPTARG ;;
    m) NAMESPACES=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
use_jars mesh-console
# The stand-in is among mesh-console's test classes. One reactor build compiles them with the modules they need and
# writes their classpath, which then names those modules' target/classes: nothing needs installing first.
echo "==> Compiling mesh-console's test classes (the stand-in)" >&2
(cd "$ROOT" && ./mvnw -B -q test-compile dependency:build-classpath -pl mesh-console -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath") >&2
STAND_IN_CP="$ROOT/mesh-console/target/test-classes:$(cat "$WORK/classpath")"
head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$WORK/password"
PASSWORD_HASH=$(hash_password <"$WORK/password")
echo '.level=WARNING' >"$WORK/quiet-logging.properties"
# The console's JVM options as its pod sets them (JAVA_TOOL_OPTIONS in k8s/mesh-console.yaml), besides the pod's
# memory and collector in JAVA_OPTS.
CONSOLE_TOOL_OPTIONS=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: "\(.*\)"$/\1/p' "$ROOT/k8s/mesh-console.yaml")
[ -n "$CONSOLE_TOOL_OPTIONS" ] || { echo "k8s/mesh-console.yaml sets no JAVA_TOOL_OPTIONS" >&2; exit 1; }
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# measure COUNT NAMESPACES: a stand-in holding that mesh and a console on it; appends the probe's JSON to $WORK/results.
measure() {
  local count=$1 namespaces=$2 line api control port started pid run
  echo "==> $count VirtualServices in $namespaces namespaces: creating them in the stand-in" >&2
  # Quiet: the mock server logs every request (java.util.logging), which would cost CPU the console needs.
  java -XX:+UseSerialGC -Djava.util.logging.config.file="$WORK/quiet-logging.properties" \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -cp "$STAND_IN_CP" demo.mesh.console.scale.ScaleStandIn "$count" "$namespaces" \
    >"$WORK/stand-in-$count.out" 2>"$WORK/stand-in-$count.log" &
  PIDS+=($!)
  for _ in $(seq 1 1200); do
    line=$(grep -m1 '^api=' "$WORK/stand-in-$count.out" || true)
    [ -n "$line" ] && break
    sleep 0.1
  done
  [ -n "$line" ] || { echo "the stand-in did not come up:" >&2; tail -20 "$WORK/stand-in-$count.log" >&2; exit 1; }
  api=${line#api=}; api=${api%% *}; control=${line##*control=}
  # The first STARTS-1 starts are timed to the first whole answer only; the last one is then measured throughout.
  for run in $(seq 1 "$STARTS"); do
    echo "==> Starting the console (namespaces *), start $run of $STARTS" >&2
    port=$(free_port)
    started=$(now_ms)
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    JAVA_TOOL_OPTIONS=$CONSOLE_TOOL_OPTIONS MESH_CONSOLE_MODE=kubernetes MESH_CONSOLE_NAMESPACES='*' \
      MESH_CONSOLE_KUBERNETES_API_URL="$api" \
      MESH_CONSOLE_AUTH_USERNAME=bench MESH_CONSOLE_AUTH_PASSWORD="$PASSWORD_HASH" MESH_CONSOLE_LOAD_ENABLED=false \
      java $JAVA_OPTS -Dmicronaut.server.port="$port" -jar "$WORK/jars/mesh-console-$VERSION.jar" \
      >"$WORK/console-$count.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    if [ "$run" -lt "$STARTS" ]; then
      timeout 120 python3 "$ROOT/bench/scale_probe.py" --console "http://127.0.0.1:$port" \
        --control "http://127.0.0.1:$control" --username bench --password-file "$WORK/password" --count "$count" \
        --started-ms "$started" --startup-only >>"$WORK/starts-$count.json"
      kill "$pid"; wait "$pid" 2>/dev/null || true
    fi
  done
  echo "==> $READS reads and $SHIFTS shifts" >&2
  timeout 600 python3 "$ROOT/bench/scale_probe.py" --console "http://127.0.0.1:$port" \
    --control "http://127.0.0.1:$control" --username bench --password-file "$WORK/password" --count "$count" \
    --started-ms "$started" --reads "$READS" --shifts "$SHIFTS" >"$WORK/probe-$count.json"
  local rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "==> The page's first render in Chromium, $RENDERS fresh browsers" >&2
  timeout 300 java -Djava.util.logging.config.file="$WORK/quiet-logging.properties" \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -cp "$STAND_IN_CP" demo.mesh.console.FirstRenderProbe "$port" "$RENDERS" 2>"$WORK/render-$count.log" \
    | grep '^{' >"$WORK/render-$count.json"
  touch "$WORK/starts-$count.json"
  python3 - "$WORK/probe-$count.json" "$rss" "$count" "$namespaces" "$WORK/render-$count.json" \
    "$WORK/starts-$count.json" >>"$WORK/results" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
result.update(rss_mb=int(sys.argv[2]) / 1024, count=int(sys.argv[3]), namespaces=int(sys.argv[4]))
result.update(json.load(open(sys.argv[5])))
starts = sorted([json.loads(line)["startup_ms"] for line in open(sys.argv[6])] + [result["startup_ms"]])
result.update(startup_ms=starts[(len(starts) - 1) // 2], startup_min=starts[0], startup_max=starts[-1])
print(json.dumps(result))
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure 10 2
measure "$COUNT" "$NAMESPACES"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK/results" "$LOAD_START" "$LOAD_END" "$(nproc)" <<'PY'
import json, sys
base, large = [json.loads(line) for line in open(sys.argv[1])]
def ratio(key):
    return f"{large[key] / base[key]:.2f}×" if base[key] else "–"
rows = [
    ("start-up to the first whole answer, median of the starts", "startup_ms", "{:.0f} ms", "≤ 3 s"),
    ("start-up, fastest start", "startup_min", "{:.0f} ms", ""),
    ("start-up, slowest start", "startup_max", "{:.0f} ms", ""),
    ("GET /api/routes p50", "get_p50", "{:.1f} ms", "≤ 20 ms"),
    ("GET /api/routes max", "get_max", "{:.1f} ms", ""),
    ("API requests per GET", "get_requests", "{:.2f}", "0"),
    ("shift p50", "shift_p50", "{:.1f} ms", "≤ 30 ms"),
    ("shift max", "shift_max", "{:.1f} ms", ""),
    ("API requests per shift", "shift_requests", "{:.2f}", "≤ 2"),
    ("console RSS after reads and shifts", "rss_mb", "{:.0f} MB", "≤ 300 MB"),
    ("page's first cards, Chromium, p50", "render_p50", "{:.0f} ms", "≤ 1 s"),
    ("page's first cards, Chromium, max", "render_max", "{:.0f} ms", ""),
]
print(f"| Measure | {base['count']} VS / {base['namespaces']} ns (baseline) | {large['count']} VS / "
      f"{large['namespaces']} ns | Ratio | Target |")
print("| --- | --- | --- | --- | --- |")
for label, key, fmt, target in rows:
    print(f"| {label} | {fmt.format(base[key])} | {fmt.format(large[key])} | {ratio(key)} | {target} |")
print(f"\nLoad average (1/5/15 min) at start {sys.argv[2]}, at end {sys.argv[3]}; {sys.argv[4]} cores.")
PY
