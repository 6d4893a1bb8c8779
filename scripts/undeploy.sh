#!/usr/bin/env bash
# Removes mesh demo from the current kubectl context: routing (istio/), then workloads and namespace (k8s/).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/undeploy.sh

Deletes what scripts/deploy.sh applied: istio/, then k8s/ with namespace $NAMESPACE (and the console's Secret
in it), and waits until the namespace is gone. Istio and the cluster stay; remove a k3d cluster with
'k3d cluster delete $CLUSTER'.

  -h, --help  this text
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

need_kubectl_cluster
if kubectl get crd virtualservices.networking.istio.io >/dev/null 2>&1; then
  step "Routing and security: kubectl delete -k istio"
  kubectl delete -k "$ROOT/istio" --ignore-not-found
fi
step "Workloads and namespace $NAMESPACE: kubectl delete -k k8s (waits for the namespace to go)"
kubectl delete -k "$ROOT/k8s" --ignore-not-found --wait=true --timeout=180s
step "mesh demo is removed"
