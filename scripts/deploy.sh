#!/usr/bin/env bash
# Deploys mesh demo into the current kubectl context: namespace, console login, workloads (k8s/), routing (istio/).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
  cat <<USAGE
Usage: scripts/deploy.sh [--timeout DURATION]

Applies k8s/ and istio/ to the cluster of the current kubectl context and waits until every Deployment in
namespace $NAMESPACE has rolled out. Run again, it keeps the live split of VirtualService logic-app (set by the
console or a split file) and updates everything else; istio/virtual-service-logic-app-*.yaml resets the split.
Creates the console's users (Secret mesh-console-auth: user admin, operator everywhere, with a random password it
prints once) when it does not exist yet. Needs Istio in the cluster (scripts/cluster-up.sh) and the images
${APPS[*]} at tag $VERSION where the cluster finds them (scripts/build-images.sh).

  --timeout DURATION  how long to wait for the rollouts (default: 180s)
  -h, --help          this text
USAGE
}

TIMEOUT=180s
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) TIMEOUT=${2:?--timeout needs a duration such as 180s}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

need_kubectl_cluster
kubectl get crd virtualservices.networking.istio.io >/dev/null 2>&1 \
  || fail "Istio is not installed in $(kubectl config current-context); run scripts/cluster-up.sh or 'istioctl install'"

step "Namespace $NAMESPACE (sidecar injection on)"
kubectl apply -f "$ROOT/k8s/namespace.yaml"

ADMIN_PASSWORD=
if kubectl -n "$NAMESPACE" get secret mesh-console-auth >/dev/null 2>&1; then
  step "Secret mesh-console-auth exists; keeping the console's users as they are"
else
  step "Creating Secret mesh-console-auth: user admin (operator in every namespace), random password"
  need openssl "install openssl, or create the Secret yourself (see k8s/README.md)"
  # The Secret holds only a bcrypt hash; the console's jar makes it (built by scripts/build-images.sh).
  console_jar="$ROOT/mesh-console/target/mesh-console-$VERSION.jar"
  [ -f "$console_jar" ] || fail "$console_jar is missing; run scripts/build-images.sh, or create the Secret" \
    "yourself (see k8s/README.md)"
  ADMIN_PASSWORD=$(openssl rand -base64 18)
  users=$(printf '%s\n' "$ADMIN_PASSWORD" | java -cp "$console_jar" demo.mesh.console.security.HashPassword admin '*:operator')
  kubectl -n "$NAMESPACE" create secret generic mesh-console-auth --from-literal=users="$users" >/dev/null
fi

step "Workloads: kubectl apply -k k8s"
kubectl apply -k "$ROOT/k8s"
if split=$(kubectl -n "$NAMESPACE" get virtualservice logic-app \
    -o jsonpath='{range .spec.http[?(@.name=="logic-app-split")].route[*]}{.destination.subset}={.weight} {end}' 2>/dev/null); then
  step "Routing and security: kubectl apply -k istio, but for VirtualService logic-app, whose live split stays: $split"
  write_istio_keeping_split "$ROOT/target/deploy/istio-keeping-split"
  kubectl apply -k "$ROOT/target/deploy/istio-keeping-split"
else
  step "Routing and security: kubectl apply -k istio (the 90/10 split)"
  kubectl apply -k "$ROOT/istio"
fi

step "Waiting for the rollouts (up to $TIMEOUT each)"
for app in "${APPS[@]}"; do
  if ! kubectl -n "$NAMESPACE" rollout status "deployment/$app" --timeout="$TIMEOUT"; then
    kubectl -n "$NAMESPACE" get pods -l "app=${app%-v[0-9]}" -o wide >&2 || true
    fail "deployment/$app did not become available; 'kubectl -n $NAMESPACE describe pods' tells why" \
      "(ErrImagePull or ImagePullBackOff: run scripts/build-images.sh)"
  fi
done

step "mesh demo is deployed in $NAMESPACE"
cat <<NEXT
    Send traffic:     scripts/load.sh              (counts answers per logic-app version)
    Open the console: scripts/console.sh           (user admin; password: ${ADMIN_PASSWORD:-as given when
                      Secret mesh-console-auth was made; only its hash is kept})
    Shift traffic:    kubectl apply -f istio/virtual-service-logic-app-50-50.yaml
NEXT
