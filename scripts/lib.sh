# Shared by the cluster scripts (sourced, not run): names, progress output and checks for the tools they need.
# Its variables are read by the scripts that source it.
# shellcheck shell=bash disable=SC2034

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAMESPACE=mesh-demo
CLUSTER=${MESH_DEMO_CLUSTER:-mesh-demo}
APPS=(logic-app-v1 logic-app-v2 access-app mesh-console)
# The project version: the image tag the k8s kustomization expects.
VERSION=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$ROOT/pom.xml" | head -1)

step() { echo "==> $*"; }
fail() { echo "error: $*" >&2; exit 1; }  # words joined by spaces, so long messages may be split

# need TOOL HINT: stop with a hint on how to install TOOL when it is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed; $2"
}

need_kubectl_cluster() {
  need kubectl "see https://kubernetes.io/docs/tasks/tools/"
  local context
  context=$(kubectl config current-context 2>/dev/null || echo none)
  kubectl version --request-timeout=5s >/dev/null 2>&1 \
    || fail "kubectl reaches no cluster (context: $context); run scripts/cluster-up.sh or pick a context"
}

# A free TCP port on this machine, for port-forwards.
free_port() {
  local port
  for port in $(seq "${1:-18080}" "$(( ${1:-18080} + 100 ))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  fail "no free port from ${1:-18080}"
}

# port_forward RESOURCE LOCAL_PORT REMOTE_PORT [NAMESPACE]: start kubectl port-forward in the background, wait until
# it listens and stop it when the calling script exits.
port_forward() {
  local resource=$1 local_port=$2 remote_port=$3 namespace=${4:-$NAMESPACE}
  if (exec 3<>"/dev/tcp/127.0.0.1/$local_port") 2>/dev/null; then
    fail "port $local_port is already in use on this machine; pick another"
  fi
  kubectl -n "$namespace" port-forward "$resource" "$local_port:$remote_port" >/dev/null 2>&1 &
  PORT_FORWARD_PID=$!
  trap 'kill "$PORT_FORWARD_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$local_port") 2>/dev/null; then return 0; fi
    kill -0 "$PORT_FORWARD_PID" 2>/dev/null \
      || fail "kubectl -n $namespace port-forward $resource stopped; is it deployed and running?"
    sleep 0.2
  done
  fail "kubectl port-forward $resource did not listen on $local_port within 10 s"
}
