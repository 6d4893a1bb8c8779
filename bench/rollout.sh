#!/usr/bin/env bash
# Measures guarded rollbacks on the local mesh and prints a Markdown table: how long from v2 starting to fail 30% of
# its attempts (at a random moment of the rollout's first step) until the route is back at 100/0, and how many
# failed v2 attempts and failed user calls that let through, for the README's default plan (steps 10/25/50/100, 30 s
# a step, 2 failed checks roll back) against the same rollout run with Flagger's documented defaults (interval 1 m,
# threshold 5, stepWeight 10), both on the same console, traffic and machine, the runs alternating.
# Time is scaled down by SCALE for both plans (and the minimum calls a check needs with it, so a check needs the
# same calls per second as at full scale); multiply the seconds by SCALE for the full-scale figures. Everything runs
# on loopback with free ports; every load is bounded in count and in time (bench/rollout_probe.py).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/rollout.sh [-n RUNS] [-s SCALE] [-r RATE]

  -n RUNS   bad rollouts per plan (default 10)
  -s SCALE  time scale: each plan's step/interval divided by it (default 5: 6 s steps against 12 s intervals)
  -r RATE   calls per second through access-app during the run (default 100)
  -h, --help  this text

Uses the packaged jars (builds them when missing) and python3. About 15 minutes with the defaults.
USAGE
}

RUNS=10
SCALE=5
RATE=100
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "n:s:r:h" opt; do
  case "$opt" in
    n) RUNS=$OPTARG ;;
    s) SCALE=$OPTARG ;;
    r) RATE=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
use_jars logic-app-v1 logic-app-v2 access-app mesh-console

OURS_STEP=$((30 / SCALE)); FLAGGER_STEP=$((60 / SCALE)); MIN_CALLS=$((100 / SCALE))
[ "$OURS_STEP" -ge 5 ] || { echo "SCALE $SCALE makes steps shorter than the 5 s a plan allows; at most 6" >&2; exit 2; }
OURS="{\"route\":\"logic-app-split\",\"to\":\"v2\",\"stepSeconds\":$OURS_STEP,\"failureLimit\":2,\
\"gates\":{\"minSuccessRate\":99.0,\"minCalls\":$MIN_CALLS}}"
# Flagger judges fixed thresholds only and needs no minimum of calls; a check with one call is the closest here.
FLAGGER="{\"route\":\"logic-app-split\",\"to\":\"v2\",\"steps\":[10,20,30,40,50,60,70,80,90,100],\
\"stepSeconds\":$FLAGGER_STEP,\"failureLimit\":5,\"gates\":{\"minSuccessRate\":99.0,\"minCalls\":1}}"

ACCESS_HTTP=$(free_port)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> Starting the local mesh with v2's fault switch, and access-app" >&2
export LOGIC_FAULT_SWITCH_ENABLED=true
MESH_CONSOLE_METRICS_SCRAPE_TARGETS="http://127.0.0.1:$ACCESS_HTTP/prometheus" start_local_mesh
GRPC_XDS_BOOTSTRAP_CONFIG=$XDS_BOOTSTRAP LOGIC_APP_TARGET="xds:///logic-app" start access-app access-app "$ACCESS_HTTP"

echo "==> $RUNS bad rollouts per plan at $RATE calls/s, time scaled by 1/$SCALE" >&2
timeout 3600 python3 "$ROOT/bench/rollout_probe.py" --access "http://127.0.0.1:$ACCESS_HTTP" \
  --v2 "http://127.0.0.1:$V2_HTTP" --console "http://127.0.0.1:$CONSOLE_HTTP" --username bench \
  --password-file "$WORK/password" --runs "$RUNS" --rate "$RATE" \
  --plan "ours=$OURS" --plan "flagger=$FLAGGER" >"$WORK/probe.out"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

row() { grep "^$1 $2 " "$WORK/probe.out" | cut -d' ' -f3-; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0) print "-"; else printf "%.2f", a / b}'; }
read -r o_p50 o_p99 o_max o_runs o_missed o_attempts o_calls <<<"$(row rollback ours)"
read -r f_p50 f_p99 f_max f_runs f_missed f_attempts f_calls <<<"$(row rollback flagger)"
read -r load_ok load_failed <<<"$(grep "^load " "$WORK/probe.out" | cut -d" " -f2-)"
cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average $LOAD_START at start, $LOAD_END at end;
$RATE calls/s, v2 failing 30% of attempts from a random moment of the first step; seconds at 1/$SCALE time scale
($load_ok calls answered, $load_failed failed over the whole run)

| plan | rollback p50 s | p99 s | max s | runs | not rolled back | failed v2 attempts per run | failed calls per run | target s |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Flagger's defaults (baseline): $FLAGGER_STEP s interval, threshold 5, stepWeight 10 | $f_p50 | $f_p99 | $f_max | $f_runs | $f_missed | $f_attempts | $f_calls | - |
| ours: $OURS_STEP s steps, failureLimit 2, minCalls $MIN_CALLS | $o_p50 | $o_p99 | $o_max | $o_runs | $o_missed | $o_attempts | $o_calls | $((2 * OURS_STEP)) |
| ours vs Flagger's | $(ratio "$o_p50" "$f_p50") | $(ratio "$o_p99" "$f_p99") | $(ratio "$o_max" "$f_max") | | | $(ratio "$o_attempts" "$f_attempts") | $(ratio "$o_calls" "$f_calls") | |
TABLE
