#!/usr/bin/env bash
# Opens mesh-console on this machine: a kubectl port-forward to its Service until Ctrl-C.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/console.sh [--port PORT]

Port-forwards svc/mesh-console in namespace $NAMESPACE to http://localhost:PORT/ and keeps it open until
Ctrl-C. Sign in as a user of Secret mesh-console-auth (scripts/deploy.sh creates 'admin').
Through the gateway instead, the console is at /console/ (see istio/README.md).

  --port PORT  local port (default: 8090, the console's local default)
  -h, --help   this text
USAGE
}

PORT=8090
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=${2:?--port needs a port number}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || fail "--port must be a number, got '$PORT'"

need_kubectl_cluster
kubectl -n "$NAMESPACE" get service mesh-console >/dev/null 2>&1 \
  || fail "no Service mesh-console in namespace $NAMESPACE; run scripts/deploy.sh first"
step "Port-forwarding svc/mesh-console to localhost:$PORT"
port_forward svc/mesh-console "$PORT" 8080
# The users file holds names and bcrypt hashes only; the passwords are with the people they were given to.
users=$(kubectl -n "$NAMESPACE" get secret mesh-console-auth -o jsonpath='{.data.users}' 2>/dev/null | base64 -d \
  | grep -v '^#' | cut -d: -f1 | paste -sd, -) || true
[ -n "$users" ] || users="(no Secret mesh-console-auth with key users: see k8s/README.md)"
cat <<INFO
    Console:  http://localhost:$PORT/
    Users:    $users (scripts/deploy.sh printed admin's password when it created the Secret)
Press Ctrl-C to stop.
INFO
wait "$PORT_FORWARD_PID"
