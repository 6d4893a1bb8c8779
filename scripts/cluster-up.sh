#!/usr/bin/env bash
# Creates a local Kubernetes cluster for the demo (k3d: k3s in Docker, Traefik off) and installs Istio into it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

ISTIO_VERSION=${ISTIO_VERSION:-1.27.1}

usage() {
  cat <<USAGE
Usage: scripts/cluster-up.sh [--name NAME] [--istio-version VERSION] [--k3s-image IMAGE]

Creates the k3d cluster '$CLUSTER' (one server, Traefik disabled so Istio's ingress gateway owns the ingress) and
installs Istio $ISTIO_VERSION with istioctl's default profile: istiod and istio-ingressgateway in istio-system,
the gateway the manifests in istio/ expect. Safe to run again: an existing cluster or Istio is kept.
Needs docker, k3d and kubectl; istioctl of the pinned version is downloaded into target/tools when missing.

  --name NAME              cluster name (default: $CLUSTER, or env MESH_DEMO_CLUSTER)
  --istio-version VERSION  Istio to install (default: $ISTIO_VERSION, or env ISTIO_VERSION)
  --k3s-image IMAGE        k3s node image, e.g. rancher/k3s:v1.32.5-k3s1 (default: k3d's own)
  -h, --help               this text

Then: scripts/build-images.sh && scripts/deploy.sh
USAGE
}

K3S_IMAGE=
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

# istioctl of exactly the pinned version: the one on PATH if it matches, else a download kept under target/tools.
istioctl_binary() {
  if command -v istioctl >/dev/null 2>&1 \
      && [ "$(istioctl version --remote=false --short 2>/dev/null)" = "$ISTIO_VERSION" ]; then
    command -v istioctl
    return
  fi
  local dir="$ROOT/target/tools/istio-$ISTIO_VERSION" os arch release
  if [ ! -x "$dir/istioctl" ]; then
    case "$(uname -s)" in
      Linux) os=linux ;;
      Darwin) os=osx ;;
      *) fail "no istioctl download for $(uname -s); install istioctl $ISTIO_VERSION yourself" ;;
    esac
    case "$(uname -m)" in
      x86_64|amd64) arch=amd64 ;;
      arm64|aarch64) arch=arm64 ;;
      *) fail "no istioctl download for $(uname -m); install istioctl $ISTIO_VERSION yourself" ;;
    esac
    step "Downloading istioctl $ISTIO_VERSION ($os-$arch) into ${dir#"$ROOT"/}" >&2
    mkdir -p "$dir"
    release="https://github.com/istio/istio/releases/download/$ISTIO_VERSION"
    curl -fsSL "$release/istioctl-$ISTIO_VERSION-$os-$arch.tar.gz" | tar -xz -C "$dir" istioctl
  fi
  echo "$dir/istioctl"
}

if k3d cluster list "$CLUSTER" >/dev/null 2>&1; then
  step "k3d cluster $CLUSTER exists; starting it if stopped"
  k3d cluster start "$CLUSTER" >/dev/null
else
  step "Creating k3d cluster $CLUSTER (Traefik disabled)"
  args=(cluster create "$CLUSTER" --servers 1 --agents 0 --wait --timeout 180s
        --k3s-arg "--disable=traefik@server:*")
  [ -n "$K3S_IMAGE" ] && args+=(--image "$K3S_IMAGE")
  k3d "${args[@]}"
fi
kubectl config use-context "k3d-$CLUSTER" >/dev/null
kubectl wait --for=condition=Ready nodes --all --timeout=120s >/dev/null

ISTIOCTL=$(istioctl_binary)
step "Installing Istio $ISTIO_VERSION (profile default: istiod + istio-ingressgateway)"
"$ISTIOCTL" install --set profile=default --skip-confirmation
kubectl -n istio-system rollout status deployment/istiod --timeout=180s
kubectl -n istio-system rollout status deployment/istio-ingressgateway --timeout=180s

step "Cluster $CLUSTER is ready with Istio $ISTIO_VERSION (kubectl context k3d-$CLUSTER)"
echo "    Next: scripts/build-images.sh   # build the images and import them into the cluster"
echo "          scripts/deploy.sh         # apply k8s/ and istio/"
