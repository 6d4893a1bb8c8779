#!/usr/bin/env bash
# Readies a Debian machine that reaches no container registry to build and test the app images: a running Docker
# engine and a Java 17 base image built from Debian packages.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: images/prepare-offline.sh

For a Debian machine (root) without access to Docker Hub, e.g. CI:
  1. installs docker.io and debootstrap when missing (apt-get),
  2. starts dockerd when no engine answers (log: target/dockerd.log) and waits up to 60 s for it,
  3. builds the base image tar with images/base/build.sh (kept when it exists).
Then build on that base: ./mvnw -Pimages verify -Djib.from.image=tar://$PWD/target/base-image/mesh-demo-base.tar

  -h, --help  this text
USAGE
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "needs root (apt-get, dockerd, debootstrap)" >&2; exit 1; }

need=()
if [ ! -x /usr/bin/docker ] || ! command -v dockerd >/dev/null; then need+=(docker.io); fi
command -v debootstrap >/dev/null || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's client: one on PATH ahead of it may be newer than the engine or lack plugins.
DOCKER=/usr/bin/docker
if ! "$DOCKER" info >/dev/null 2>&1; then
  mkdir -p "$ROOT/target"
  echo "==> Starting dockerd (log: target/dockerd.log)"
  # Its own session, so it outlives this script and the build that follows.
  setsid dockerd >"$ROOT/target/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    "$DOCKER" info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! "$DOCKER" info >/dev/null 2>&1; then
    echo "dockerd did not answer within 60 s; the end of target/dockerd.log:" >&2
    tail -20 "$ROOT/target/dockerd.log" >&2
    exit 1
  fi
fi
echo "==> Docker engine $("$DOCKER" version --format '{{.Server.Version}}') answers"

PATH="$(dirname "$DOCKER"):$PATH" "$ROOT/images/base/build.sh"
