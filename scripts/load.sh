#!/usr/bin/env bash
# Sends a bounded number of requests through the Istio ingress gateway and counts the answers per logic-app version.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

MAX_REQUESTS=10000

usage() {
  cat <<USAGE
Usage: scripts/load.sh [-n COUNT] [--canary] [--url URL]

Calls GET /api/hello through istio-ingressgateway COUNT times, one after another, and prints how many answers
came from each logic-app version: with the default 90/10 split about 90 from v1 and 10 from v2 per 100.

  -n COUNT    number of requests, 1..$MAX_REQUESTS (default: 100)
  --canary    send header 'x-canary: true', which routes every call to v2
  --url URL   the gateway's address (default: a kubectl port-forward to svc/istio-ingressgateway in istio-system)
  -h, --help  this text
USAGE
}

COUNT=100
CANARY=no
URL=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) COUNT=${2:?-n needs a number}; shift 2 ;;
    --canary) CANARY=yes; shift ;;
    --url) URL=${2:?--url needs an address such as http://localhost:8080}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$COUNT" =~ ^[0-9]+$ ]] || [ "$COUNT" -lt 1 ] || [ "$COUNT" -gt "$MAX_REQUESTS" ]; then
  fail "-n must be a number from 1 to $MAX_REQUESTS, got '$COUNT'"
fi
need curl "install curl with your package manager"

if [ -z "$URL" ]; then
  need_kubectl_cluster
  port=$(free_port 18080)
  step "Port-forwarding svc/istio-ingressgateway (istio-system) to localhost:$port"
  port_forward svc/istio-ingressgateway "$port" 80 istio-system
  URL="http://localhost:$port"
fi

headers=()
if [ "$CANARY" = yes ]; then headers=(-H "x-canary: true"); fi
step "Sending $COUNT requests to $URL/api/hello${headers[*]+ with header x-canary: true}"
keys=$(mktemp "${TMPDIR:-/tmp}/mesh-demo-load.XXXXXX")
trap 'rm -f "$keys"; [ -z "${PORT_FORWARD_PID:-}" ] || kill "$PORT_FORWARD_PID" 2>/dev/null || true' EXIT
for i in $(seq 1 "$COUNT"); do
  # ${headers[@]+...}: an empty array is "unbound" to bash 3.2 under set -u.
  body=$(curl -sS --max-time 5 ${headers[@]+"${headers[@]}"} "$URL/api/hello?name=load-$i" 2>/dev/null || true)
  answer_key "$body" >>"$keys"
  if [ $(( i % 50 )) -eq 0 ]; then echo "    $i/$COUNT"; fi
done

step "Answers by logic-app version"
tally_answers "$COUNT" <"$keys"
