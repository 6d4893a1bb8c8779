#!/usr/bin/env bash
# Measures the local mesh (mesh-console in local mode serving istio/*.yaml over xDS) and prints a Markdown table:
#   - propagation: from a PUT of a new split to the console's REST API answering, to the first request served by the
#     new weights. Detected on traffic with a tight probe loop, no background load: one keep-alive connection calls
#     /api/hello back to back while the split alternates 100/0 <-> 0/100, so the first answer from the version that
#     rose from 0 is the new split at work (bench/local_mesh_probe.py; 4 untimed shifts warm up first);
#   - split accuracy: the share each version answered over N requests at 90/10 and at 50/50, against the weights;
#   - the xDS-routed hop: /api/hello through an access-app on xds:///logic-app (split 100/0) against a second
#     access-app on dns:/// straight to logic-app-v1 (the baseline) and a third one just like it (an A/A control
#     that measures the noise), all to the same logic-app-v1, in rounds of the same load whose order rotates,
#     latencies pooled per path.
# Everything runs on loopback with free ports, a temporary endpoints file and state file; every load is bounded in
# count and in time.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/local-mesh.sh [-s SHIFTS] [-n SPLIT_REQUESTS] [-N HOP_REQUESTS] [-c CONCURRENCY] [-r ROUNDS]

  -s SHIFTS          split changes timed for propagation (default 40, at least 20)
  -n SPLIT_REQUESTS  requests counted at 90/10 and again at 50/50 (default 5000)
  -N HOP_REQUESTS    requests per path for the hop latency, after 10000 warm-up requests each (default 20000)
  -c CONCURRENCY     connections for the hop latency (default 1: on a small or busy machine queueing behind
                     more connections swamps a sub-millisecond difference; split accuracy always uses 4)
  -r ROUNDS          rounds the hop requests are split into, the paths' order rotating (default 12)
  -h, --help         this text

Uses the packaged jars (builds them when missing), h2load (Debian: apt-get install nghttp2-client) and python3.
USAGE
}

SHIFTS=40
SPLIT_N=5000
HOP_N=20000
C=1
ROUNDS=12
if [ "${1:-}" = --help ]; then usage; exit 0; fi
while getopts "s:n:N:c:r:h" opt; do
  case "$opt" in
    s) SHIFTS=$OPTARG ;;
    n) SPLIT_N=$OPTARG ;;
    N) HOP_N=$OPTARG ;;
    c) C=$OPTARG ;;
    r) ROUNDS=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [ "$SHIFTS" -lt 20 ]; then echo "-s: at least 20 shifts make a p99 worth printing" >&2; exit 2; fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
need_tools h2load:nghttp2-client
use_jars logic-app-v1 logic-app-v2 access-app mesh-console

XDS_HTTP=$(free_port); DIRECT_HTTP=$(free_port); CONTROL_HTTP=$(free_port)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

echo "==> Starting mesh-console (local mode), logic-app-v1, logic-app-v2 and three access-apps" >&2
start_local_mesh
GRPC_XDS_BOOTSTRAP_CONFIG=$XDS_BOOTSTRAP LOGIC_APP_TARGET="xds:///logic-app" \
  start access-app-xds access-app "$XDS_HTTP"
LOGIC_APP_TARGET="dns:///127.0.0.1:$V1_GRPC" start access-app-direct access-app "$DIRECT_HTTP"
# An A/A control: a second access-app just like the direct one. What separates it from the direct one is noise
# (machine load, JIT, GC), the floor under which an xDS-minus-direct difference means nothing.
LOGIC_APP_TARGET="dns:///127.0.0.1:$V1_GRPC" start access-app-control access-app "$CONTROL_HTTP"

echo "==> Propagation ($SHIFTS shifts) and split accuracy ($SPLIT_N requests per split)" >&2
timeout 600 python3 "$ROOT/bench/local_mesh_probe.py" --console "http://127.0.0.1:$CONSOLE_HTTP" \
  --access "http://127.0.0.1:$XDS_HTTP" --username bench --password-file "$WORK/password" \
  --shifts "$SHIFTS" --split-requests "$SPLIT_N" --threads 4 >"$WORK/probe.out"
read -r _ prop_p50 prop_p99 prop_max prop_n prop_missed < <(grep '^propagation ' "$WORK/probe.out")
read -r _ put_p50 put_p99 < <(grep '^put ' "$WORK/probe.out")

# hop_load NAME PORT REQUESTS; writes "latency_us status" lines to $WORK/NAME.lat
hop_load() { h2load_latencies "$1" "http://127.0.0.1:$2/api/hello?name=bench" "$C" "$3" --h1 >/dev/null; }
# The xDS access-app has served the probe's ~15,000 calls by now: warm all three well past JIT compilation so that
# none runs in the interpreter when measured.
declare -A PORT=([xds]=$XDS_HTTP [direct]=$DIRECT_HTTP [control]=$CONTROL_HTTP)
echo "==> Warming up the access-apps (10000 requests each)" >&2
for path in xds direct control; do hop_load warm "${PORT[$path]}" 10000; done
echo "==> Hop latency ($HOP_N requests per path in $ROUNDS rounds, $C connections, the order rotating)" >&2
per_round=$(( (HOP_N + ROUNDS - 1) / ROUNDS ))
ORDERS=("xds direct control" "direct control xds" "control xds direct")
for round in $(seq 1 "$ROUNDS"); do
  for path in ${ORDERS[$((round % 3))]}; do hop_load "$path.$round" "${PORT[$path]}" "$per_round"; done
done
read -r xds_p50 xds_p90 xds_p99 xds_err <<<"$(latency_stats "$WORK"/xds.*.lat)"
read -r dir_p50 dir_p90 dir_p99 dir_err <<<"$(latency_stats "$WORK"/direct.*.lat)"
read -r ctl_p50 ctl_p90 ctl_p99 ctl_err <<<"$(latency_stats "$WORK"/control.*.lat)"
# rounds PATH -> "min median max" of PATH's p90 minus direct's, round by round: how far one round can mislead
rounds() {
  for round in $(seq 1 "$ROUNDS"); do
    read -r _ x _ _ <<<"$(latency_stats "$WORK/$1.$round.lat")"
    read -r _ d _ _ <<<"$(latency_stats "$WORK/direct.$round.lat")"
    awk -v x="$x" -v d="$d" 'BEGIN {printf "%.3f\n", x - d}'
  done | sort -g | awk '{v[NR]=$1} END {printf "%+.3f / %+.3f / %+.3f\n", v[1], v[int((NR + 1) / 2)], v[NR]}'
}
hop_count=$(cat "$WORK"/xds.*.lat | wc -l)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# accuracy "split V1 V2 A1 A2 ERRORS" -> one table row: answers, v2 share, distance from the weight, sampling sigma
accuracy() {
  local v1 v2 a1 a2 err
  read -r _ v1 v2 a1 a2 err <<<"$1"
  awk -v v1="$v1" -v v2="$v2" -v a1="$a1" -v a2="$a2" -v err="$err" 'BEGIN {
    n = a1 + a2; share = 100 * a2 / n; d = share - v2; if (d < 0) d = -d
    sigma = 100 * sqrt(v2 / 100 * (1 - v2 / 100) / n)
    printf "| %d/%d | %d | %d | %.2f %% | %.2f pp | %.2f pp | %d |\n", v1, v2, a1, a2, share, d, sigma, err }'
}
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.3f", a - b}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat <<TABLE

$(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average $LOAD_START at start, $LOAD_END at end

| Propagation, PUT answered -> first request on the new split | p50 ms | p99 ms | max ms | shifts | not seen in 10 s |
| --- | ---: | ---: | ---: | ---: | ---: |
| 100/0 <-> 0/100, tight probe loop, after 4 untimed shifts | $prop_p50 | $prop_p99 | $prop_max | $prop_n | $prop_missed |
| (the PUT's own round trip) | $put_p50 | $put_p99 | | | |

| Split | v1 answers | v2 answers | v2 share | off by | 1 sigma of sampling | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
$(accuracy "$(grep '^split 90 ' "$WORK/probe.out")")
$(accuracy "$(grep '^split 50 ' "$WORK/probe.out")")

| GET /api/hello, $hop_count requests per path, concurrency $C | p50 ms | p90 ms | p99 ms | errors | p90 vs direct |
| --- | ---: | ---: | ---: | ---: | ---: |
| access-app -> dns:/// -> logic-app-v1 (baseline) | $dir_p50 | $dir_p90 | $dir_p99 | $dir_err | 1.00 |
| access-app -> dns:/// -> logic-app-v1 again (A/A control) | $ctl_p50 | $ctl_p90 | $ctl_p99 | $ctl_err | $(ratio "$ctl_p90" "$dir_p90") |
| access-app -> xds:///logic-app (100/0) -> logic-app-v1 | $xds_p50 | $xds_p90 | $xds_p99 | $xds_err | $(ratio "$xds_p90" "$dir_p90") |

| Difference to the baseline, ms | p50 | p90 | p99 | p90 per round: min / median / max |
| --- | ---: | ---: | ---: | ---: |
| A/A control - direct (the noise floor) | $(minus "$ctl_p50" "$dir_p50") | $(minus "$ctl_p90" "$dir_p90") | $(minus "$ctl_p99" "$dir_p99") | $(rounds control) |
| xDS - direct (what the xDS hop adds) | $(minus "$xds_p50" "$dir_p50") | $(minus "$xds_p90" "$dir_p90") | $(minus "$xds_p99" "$dir_p99") | $(rounds xds) |
TABLE
