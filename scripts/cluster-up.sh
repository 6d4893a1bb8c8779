#!/usr/bin/env bash
# Creates a local Kubernetes cluster for the demo (k3d: k3s in Docker, Traefik off) and installs Istio into it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

ISTIO_VERSION=${ISTIO_VERSION:-1.27.1}
# The k3s the k3s tests run (cluster-tests' Project.K3S_IMAGE): the same Kubernetes here and there.
K3S_IMAGE=rancher/k3s:v1.32.5-k3s1

usage() {
  cat <<USAGE
Usage: scripts/cluster-up.sh [--name NAME] [--istio-version VERSION] [--k3s-image IMAGE]

Creates the k3d cluster '$CLUSTER' (one server, Traefik disabled so Istio's ingress gateway owns the ingress) and
installs Istio $ISTIO_VERSION with istioctl's default profile: istiod (its requests lowered to fit a 4 GiB Docker
VM) and istio-ingressgateway in istio-system, the gateway the manifests in istio/ expect, and Istio's Prometheus
addon (istio-system/prometheus). Safe to run again: an existing cluster or Istio is kept.
Needs docker (at least 4 GiB of memory), k3d and kubectl; the Istio release of the pinned version is downloaded
into target/tools, its published SHA-256 checked, when istioctl of that version is not on the PATH.

  --name NAME              cluster name (default: $CLUSTER, or env MESH_DEMO_CLUSTER)
  --istio-version VERSION  Istio to install (default: $ISTIO_VERSION, or env ISTIO_VERSION)
  --k3s-image IMAGE        k3s node image (default: $K3S_IMAGE, the one the k3s tests use)
  -h, --help               this text

Then: scripts/build-images.sh && scripts/deploy.sh
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --name) CLUSTER=${2:?--name needs a cluster name}; shift 2 ;;
    --istio-version) ISTIO_VERSION=${2:?--istio-version needs a version}; shift 2 ;;
    --k3s-image) K3S_IMAGE=${2:?--k3s-image needs an image}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

need docker "see https://docs.docker.com/engine/install/"
need k3d "see https://k3d.io (e.g. 'curl -s https://raw.githubusercontent.com/k3d-io/k3d/main/install.sh | bash')"
need kubectl "see https://kubernetes.io/docs/tasks/tools/"
need curl "install curl with your package manager"
memory=$(docker info --format '{{.MemTotal}}' 2>/dev/null) || fail "docker does not answer; start Docker first"
check_docker_memory "$memory"

# The Istio release of exactly the pinned version: istioctl, and the Prometheus addon from its samples. Sets ISTIOCTL
# and PROMETHEUS_ADDON. Runs in this shell, not in $(...), so that a failed download stops the script right there.
ISTIO_DIR="$ROOT/target/tools/istio-$ISTIO_VERSION"
use_istio_release() {
  local archive
  archive=$(istio_archive_name "$ISTIO_VERSION")
  if [ ! -x "$ISTIO_DIR/bin/istioctl" ] || [ ! -f "$ISTIO_DIR/samples/addons/prometheus.yaml" ]; then
    step "Downloading $archive into ${ISTIO_DIR#"$ROOT"/} (checked against its published SHA-256)"
    download "https://github.com/istio/istio/releases/download/$ISTIO_VERSION/$archive" "$ROOT/target/tools/$archive"
    tar -xzf "$ROOT/target/tools/$archive" -C "$ROOT/target/tools" \
      "istio-$ISTIO_VERSION/bin/istioctl" "istio-$ISTIO_VERSION/samples/addons/prometheus.yaml" \
      || fail "$archive holds no bin/istioctl or samples/addons/prometheus.yaml"
  fi
  ISTIOCTL="$ISTIO_DIR/bin/istioctl"
  PROMETHEUS_ADDON="$ISTIO_DIR/samples/addons/prometheus.yaml"
  if command -v istioctl >/dev/null 2>&1 \
      && [ "$(istioctl version --remote=false 2>/dev/null | istioctl_client_version)" = "$ISTIO_VERSION" ]; then
    ISTIOCTL=$(command -v istioctl)
  fi
}

# Before the cluster: a download that fails should stop the script before it has created anything.
use_istio_release

if k3d cluster list "$CLUSTER" >/dev/null 2>&1; then
  step "k3d cluster $CLUSTER exists; starting it if stopped"
  k3d cluster start "$CLUSTER" >/dev/null
else
  step "Creating k3d cluster $CLUSTER ($K3S_IMAGE, Traefik disabled)"
  k3d cluster create "$CLUSTER" --servers 1 --agents 0 --wait --timeout 180s --image "$K3S_IMAGE" \
    --k3s-arg "--disable=traefik@server:*"
fi
kubectl config use-context "k3d-$CLUSTER" >/dev/null
kubectl wait --for=condition=Ready nodes --all --timeout=120s >/dev/null

step "Installing Istio $ISTIO_VERSION (profile default: istiod + istio-ingressgateway)"
# istiod asks for 500m CPU and 2 GiB by default, more than a 4 GiB Docker VM has to spare beside the demo; it uses
# a few hundred MiB for a cluster this size.
"$ISTIOCTL" install --set profile=default --skip-confirmation \
  --set components.pilot.k8s.resources.requests.cpu=100m \
  --set components.pilot.k8s.resources.requests.memory=512Mi
kubectl -n istio-system rollout status deployment/istiod --timeout=180s
kubectl -n istio-system rollout status deployment/istio-ingressgateway --timeout=180s

step "Installing Istio's Prometheus addon (istio-system/prometheus: Istio's and the apps' metrics)"
kubectl apply -f "$PROMETHEUS_ADDON"
kubectl -n istio-system rollout status deployment/prometheus --timeout=180s

step "Cluster $CLUSTER is ready with Istio $ISTIO_VERSION (kubectl context k3d-$CLUSTER)"
echo "    Next: scripts/build-images.sh   # build the images and import them into the cluster"
echo "          scripts/deploy.sh         # apply k8s/ and istio/"
echo "    Prometheus: kubectl -n istio-system port-forward svc/prometheus 9090:9090"
