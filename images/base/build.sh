#!/usr/bin/env bash
# Builds a small Java 17 runtime image from Debian packages alone (no registry needed) and saves it as a tar that
# Jib can use as the base of every app image: -Djib.from.image=tar://<that tar>.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: images/base/build.sh [--output FILE] [--tag NAME] [--mirror URL] [--suite NAME] [--force]

Bootstraps a minimal Debian (debootstrap --variant=minbase) with openjdk-17-jre-headless, strips documentation
and package caches, imports it into the local Docker engine as an image and saves that image as a tar.
Then build the app images on top of it:

  ./mvnw -Pimages package -DskipTests -Djib.from.image=tar://$PWD/target/base-image/mesh-demo-base.tar

  --output FILE  where to write the image tar (default: target/base-image/mesh-demo-base.tar)
  --tag NAME     image name in Docker (default: mesh-demo-base:17)
  --mirror URL   Debian mirror (default: http://deb.debian.org/debian)
  --suite NAME   Debian release (default: bookworm)
  --force        rebuild even when the output tar already exists
  -h, --help     this text

Needs root, debootstrap and a running Docker engine (Debian: apt-get install debootstrap docker.io).
USAGE
}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUTPUT="$ROOT/target/base-image/mesh-demo-base.tar"
TAG=mesh-demo-base:17
MIRROR=http://deb.debian.org/debian
SUITE=bookworm
FORCE=no
while [ $# -gt 0 ]; do
  case "$1" in
    --output) OUTPUT=${2:?--output needs a file}; shift 2 ;;
    --tag) TAG=${2:?--tag needs a name}; shift 2 ;;
    --mirror) MIRROR=${2:?--mirror needs a URL}; shift 2 ;;
    --suite) SUITE=${2:?--suite needs a Debian release name}; shift 2 ;;
    --force) FORCE=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$FORCE" = no ] && [ -s "$OUTPUT" ]; then
  echo "==> $OUTPUT exists; keeping it (--force rebuilds)"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "debootstrap needs root; run this as root (e.g. with sudo)." >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
DOCKER=$(command -v docker) || { echo "docker is missing: apt-get install docker.io" >&2; exit 1; }
"$DOCKER" info >/dev/null 2>&1 || { echo "No Docker engine answers; start one (dockerd &) and retry." >&2; exit 1; }

WORK=$(mktemp -d)
# --one-file-system: should debootstrap be stopped with /proc or /dev still mounted in the root, leave those alone.
trap 'rm -rf --one-file-system "$WORK"' EXIT
ROOTFS="$WORK/rootfs"

echo "==> Bootstrapping Debian $SUITE with openjdk-17-jre-headless (from $MIRROR)..."
start=$SECONDS
debootstrap --variant=minbase --include=openjdk-17-jre-headless "$SUITE" "$ROOTFS" "$MIRROR" \
    >"$WORK/debootstrap.log" 2>&1 || {
  echo "debootstrap failed; last lines of its log:" >&2
  tail -30 "$WORK/debootstrap.log" >&2
  exit 1
}
echo "    done in $((SECONDS - start)) s"

echo "==> Removing what a runtime image does not need (package caches, docs, translations, logs)..."
rm -rf "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* \
  "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/locale/*
# The images run with a read-only root filesystem and an emptyDir (or tmpfs) at /tmp; /tmp must exist to mount on.
chmod 1777 "$ROOTFS/tmp"

java_home=$(dirname "$(dirname "$(readlink -f "$ROOTFS/usr/bin/java")")")
java_home=${java_home#"$ROOTFS"}
echo "==> Importing into Docker as $TAG (JAVA_HOME=$java_home)..."
tar -C "$ROOTFS" --numeric-owner -c . | "$DOCKER" import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=$java_home" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase with openjdk-17-jre-headless\"" \
  - "$TAG" >/dev/null

mkdir -p "$(dirname "$OUTPUT")"
"$DOCKER" save -o "$OUTPUT" "$TAG"
echo "==> Wrote $OUTPUT ($(du -h "$OUTPUT" | cut -f1)). Build the app images on it with:"
echo "    ./mvnw -Pimages package -DskipTests -Djib.from.image=tar://$OUTPUT"
